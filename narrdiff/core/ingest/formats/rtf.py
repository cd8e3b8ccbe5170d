"""Rich Text Format (.rtf) through striprtf: the text without control words.

RTF is 7-bit text with escapes for other characters; bytes outside ASCII are read as cp1252,
RTF's usual code page. striprtf is imported only here. This module must not normalise the text.
"""

from __future__ import annotations

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest.formats import Extracted


def read(data: bytes, source: str, suffix: str) -> Extracted:
    from striprtf.striprtf import rtf_to_text

    try:
        text = rtf_to_text(data.decode("cp1252", errors="replace"), errors="replace")
    except Exception as err:  # striprtf is a regex walker; any failure means a damaged file
        raise IngestError(source, f"is a damaged RTF file ({type(err).__name__})") from None
    return Extracted(text)
