"""Rich Text Format (.rtf) through striprtf: the text without control words.

RTF is 7-bit text with escapes for other characters; bytes outside ASCII are read as cp1252,
RTF's usual code page. striprtf walks the file with one linear tokenizer, but runs two regexes
first that backtrack on crafted input (measured: 64 KB of HYPERLINK fields took 78 s). Both
are defused before striprtf sees the text, so reading stays linear:

- field instructions (`\\fldinst`) are renamed to another destination striprtf skips, so its
  HYPERLINK rewrite ("text(url)") never matches; the link's visible text is kept, its address
  dropped, which suits an article's text;
- the font table is rebuilt, one `{\\fN\\fcharsetM x;}` per font (its code page is all
  striprtf takes from it), at most `MAX_RTF_FONTS` fonts.

striprtf is imported only here. This module must not normalise the text.
"""

from __future__ import annotations

import re

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest.formats import Extracted

MAX_RTF_FONTS = 1_000
"""Most fonts read from a font table (Word writes a few dozen); later ones fall back to cp1252."""

_FONT_TABLE_START = re.compile(r"\{[^{}]*\\fonttbl")
_BRACE = re.compile(r"[{}]")
_FONT_ID = re.compile(r"\\f(\d{1,6})")
_CHARSET = re.compile(r"\\fcharset(\d{1,3})")


def read(data: bytes, source: str, suffix: str) -> Extracted:
    from striprtf.striprtf import rtf_to_text

    text = defuse(data.decode("cp1252", errors="replace"))
    try:
        text = rtf_to_text(text, errors="replace")
    except MemoryError:  # the reader process reports it as such
        raise
    except Exception as err:  # striprtf is a regex walker; any failure means a damaged file
        raise IngestError(source, f"is a damaged RTF file ({type(err).__name__})") from None
    return Extracted(text)


def defuse(rtf: str) -> str:
    """`rtf` with field instructions renamed and the font table rebuilt (see the docstring)."""
    rtf = rtf.replace("\\fldinst", "\\fldtype")
    start = _FONT_TABLE_START.search(rtf)
    if start is None:
        return rtf
    end = _group_end(rtf, start.end())
    return rtf[: start.start()] + _font_table(rtf[start.end() : end]) + rtf[end:]


def _group_end(rtf: str, position: int) -> int:
    """The index just past the brace closing the group open at `position` (or the end)."""
    depth = 1
    for brace in _BRACE.finditer(rtf, position):
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return brace.end()
    return len(rtf)


def _font_table(body: str) -> str:
    fonts = []
    for entry in body.split(";"):
        font, charset = _FONT_ID.search(entry), _CHARSET.search(entry)
        if font and charset:
            fonts.append(f"{{\\f{font.group(1)}\\fcharset{charset.group(1)} x;}}")
            if len(fonts) >= MAX_RTF_FONTS:
                break
    return "{\\fonttbl" + "".join(fonts) + "}"
