"""Reading inputs: a path or a piece of text becomes a `Document` of normalised text.

`read_document(path)` reads one file. Its format is found from the content first and the
suffix second (readers.sniff_kind): .txt/.md/.html and other text, .pdf, .docx, .eml,
.mht/.mhtml and .rtf each have a reader in `narrdiff.core.ingest.formats`. Plain text and
Markdown are read in this process; every other format, web pages included, is read in a child
process limited in memory and time (`bounded`), because their libraries' cost depends on the
file in ways no check before reading bounds.
`document_from_bytes(data, source, suffix, name)` reads bytes already in hand (a page fetched
by `web`) as a file with that suffix is read. `document_from_text(text)` wraps text given
directly. All normalise the same way, and every
character offset elsewhere in narrdiff indexes the result:

- newlines become "\\n" (from \\r\\n, \\r, U+2028 and U+2029);
- Unicode NFC, *not* NFKC: curly quotes, dashes and ellipses are part of how an outlet writes
  (the PDF reader alone applies NFKC, to undo font ligatures);
- NUL, zero-width spaces and stray byte-order marks are removed, lone surrogates become
  U+FFFD; surrounding blank space is trimmed.

Metadata (title, site, byline, publication date) comes from the format when it carries any, else
the byline and date are read off the first lines (`metadata`). The language is not detected
here: reading happens on the GUI thread for pasted text and again for every re-opened
comparison, so detection waits for the comparing thread, where its result is cached
(core/link/parsed.py); `Document.language` stays None. Anything that cannot be read raises
`IngestError(source, reason)` with a reason a user understands, and nothing else escapes. Sizes
are capped (`limits`): the file before it is read, the text after it is extracted. This module
must not split sentences or decide roles.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest import formats as readers
from narrdiff.core.ingest.bounded import read_bounded
from narrdiff.core.ingest.formats import Extracted, clean_hint
from narrdiff.core.ingest.formats.decode import decode_file
from narrdiff.core.ingest.formats.text import decode_bytes, is_html, looks_like_html, read_plain
from narrdiff.core.ingest.metadata import find_byline, find_published, first_lines
from narrdiff.core.limits import MAX_BYTES, MAX_CONTAINER_BYTES, check_file_size, check_text_size
from narrdiff.core.model import Document

__all__ = [
    "MAX_BYTES",
    "MIN_WORDS",
    "IngestError",
    "check_text",
    "decode_bytes",
    "document_from_bytes",
    "document_from_text",
    "looks_like_html",
    "normalise_text",
    "read_document",
    "valid_text",
]

MIN_WORDS = 3
"""Fewer words than this leaves nothing to compare."""

_JUNK = dict.fromkeys(map(ord, "\x00\u200b\u2060\ufeff"))
_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029")
_SURROGATE = re.compile("[\ud800-\udfff]")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read one file into a Document (name = file stem, source = the path as given)."""
    source = str(path)
    file = Path(path)
    suffix = file.suffix.casefold()
    data = _read_bytes(file, source, suffix)
    extracted = _extract(data, suffix, source)
    # A file name that is not valid UTF-8 reaches Python with lone surrogates (surrogateescape):
    # they would make every later write of the name (a save, a report) fail.
    return _document(extracted, valid_text(file.stem or file.name), valid_text(source))


def document_from_bytes(data: bytes, source: str, suffix: str, name: str) -> Document:
    """A Document from bytes already in hand, read as a file of `suffix` ("" to sniff) is."""
    container = suffix in readers.CONTAINER_SUFFIXES
    check_file_size(len(data), MAX_CONTAINER_BYTES if container else MAX_BYTES, source)
    return _document(_extract(data, suffix, source), name, source)


def document_from_text(text: str, name: str = "Pasted text", source: str = "<text>") -> Document:
    """A Document for text given directly (pasted, or from a test)."""
    return _document(Extracted(text), name, source)


def valid_text(text: str) -> str:
    """`text` with any lone surrogate (undecodable bytes of a file name) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def normalise_text(text: str) -> str:
    """The normalisation every Document's text goes through (see the module docstring)."""
    text = valid_text(_NEWLINES.sub("\n", text).translate(_JUNK))
    return unicodedata.normalize("NFC", text).strip()


# --- reading ----------------------------------------------------------------------------------


def _read_bytes(file: Path, source: str, suffix: str) -> bytes:
    """The file's bytes, refusing missing, special, unreadable and oversized inputs."""
    try:
        info = file.stat()
    except FileNotFoundError:
        raise IngestError(source, "file not found") from None
    except OSError as err:
        raise IngestError(source, _unreadable(err)) from None
    if file.is_dir():
        raise IngestError(source, "is a directory")
    if not file.is_file():
        # A pipe or device would block or never end.
        raise IngestError(source, "is not a regular file (a pipe or device?)")
    container = suffix in readers.CONTAINER_SUFFIXES
    check_file_size(info.st_size, MAX_CONTAINER_BYTES if container else MAX_BYTES, source)
    try:
        return file.read_bytes()
    except OSError as err:
        raise IngestError(source, _unreadable(err)) from None


def _unreadable(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "cannot be read (permission denied)"
    return f"cannot be read ({(err.strerror or str(err)).lower()})"


def _extract(data: bytes, suffix: str, source: str) -> Extracted:
    """Run the reader for the file's format; the last line of defence against library failures."""
    if not data.strip():
        raise IngestError(source, "is empty")
    kind = readers.sniff_kind(data, suffix, source)
    if kind in {"text", "rtf"}:
        # A text under a container's suffix only got the larger cap by its name.
        check_file_size(len(data), MAX_BYTES, source)
    if kind != "text":
        return read_bounded(kind, data, source, suffix)
    try:
        text = decode_file(data, source)
        if is_html(text, suffix):
            return read_bounded("html", text, source, suffix)
        return read_plain(text, suffix)
    except RecursionError:
        raise IngestError(source, "is too deeply nested to read") from None
    except MemoryError:
        raise IngestError(source, "is too large to read in memory") from None


def check_text(text: str, source: str) -> None:
    """Refuse a normalised text that is empty, too short or too long to compare.

    Every text narrdiff compares passes here: read from a file, given directly, or opened
    from a saved comparison.
    """
    if not text:
        raise IngestError(source, "is empty")
    check_text_size(text, source)
    n_words = len(_WORD.findall(text))
    if n_words < MIN_WORDS:
        plural = "word" if n_words == 1 else "words"
        raise IngestError(source, f"has too little text to compare ({n_words} {plural})")


# --- the document -----------------------------------------------------------------------------


def _document(extracted: Extracted, name: str, source: str) -> Document:
    """Normalise, refuse texts too short or too long, and fill in what the text itself tells."""
    text = normalise_text(extracted.text)
    check_text(text, source)
    top = first_lines(text)
    return Document(
        name=name,
        source=source,
        text=text,
        title=clean_hint(extracted.title),
        site=clean_hint(extracted.site),
        byline=clean_hint(extracted.byline) or find_byline(top),
        published=clean_hint(extracted.published) or find_published(top),
    )
