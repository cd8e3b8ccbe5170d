"""Ingest: a path or a piece of text becomes a Document (sniffing, decoding, formats/, metadata);
`language` detects a text's language for the parse stage, which caches it.
"""
