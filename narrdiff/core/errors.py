"""The one error every input path raises: `IngestError(source, reason)`.

It lives in a module of its own so that ingest, the format readers and parse can all raise it
without importing each other. `narrdiff.core.ingest.read.IngestError` is the same class. This module
must stay free of imports beyond the standard library.
"""

from __future__ import annotations


class IngestError(Exception):
    """An input that cannot be read; `str(e)` is "<source>: <reason>"."""

    def __init__(self, source: str, reason: str) -> None:
        # Both go to Exception's args so the error pickles (it may cross a process boundary).
        super().__init__(source, reason)
        self.source = source
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"
