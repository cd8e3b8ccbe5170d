"""The pure comparison engine: ingest, roles, segment, embed, align, wording, compare, report.

Nothing in `narrdiff.core` may import PySide6 or `narrdiff.app`; heavy libraries (torch,
sentence-transformers, trafilatura) are imported inside the functions that need them.
"""
