"""Ingest: a path or a piece of text becomes a Document (sniffing, decoding, formats/, metadata,
language).
"""
