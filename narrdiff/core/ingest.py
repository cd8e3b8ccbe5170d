"""Reading inputs: a path or a piece of text becomes a `Document` of normalised text.

`read_document(path)` reads .txt, .md and .html/.htm files (anything else is sniffed: HTML if it
looks like HTML, else text); `document_from_text(text)` wraps text given directly. Both
normalise the same way, and every character offset elsewhere in narrdiff indexes the result:

- newlines become "\\n" (from \\r\\n, \\r, U+2028 and U+2029);
- Unicode NFC, *not* NFKC: curly quotes, dashes and ellipses are part of how an outlet writes;
- NUL, zero-width spaces and stray byte-order marks are removed; surrounding blank space is
  trimmed.

Anything that cannot be read raises `IngestError(source, reason)` with a reason a user
understands ("is a directory", "looks like a binary file, not text"). The size cap is checked
before the file is read. trafilatura (HTML main-text extraction) is imported only when an HTML
input arrives. This module must not split sentences or decide roles.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from narrdiff.core.model import Document

MAX_BYTES = 5 * 1024 * 1024
"""Inputs larger than this (5 MB) are refused: no news article is that long as text."""

MIN_WORDS = 3
"""Fewer words than this leaves nothing to compare."""

CONTROL_SHARE_LIMIT = 0.05
"""More than this share of control characters (other than tab/newline) means not text."""

_JUNK = dict.fromkeys(map(ord, "\x00\u200b\u2060\ufeff"))
_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html|<head|<body)", re.I)
_HTML_TAG = re.compile(r"<(?:p|div|br|span|a|h[1-6]|article|section)\b[^>]*>", re.I)
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})


class IngestError(Exception):
    """An input that cannot be read; `str(e)` is "<source>: <reason>"."""

    def __init__(self, source: str, reason: str) -> None:
        # Both go to Exception's args so the error pickles (it may cross a process boundary).
        super().__init__(source, reason)
        self.source = source
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read one file into a Document (name = file stem, source = the path as given)."""
    source = str(path)
    file = Path(path)
    data = _read_bytes(file, source)
    text = _decode_file(data, file, source)
    name = file.stem or file.name
    suffix = file.suffix.casefold()
    if suffix in _HTML_SUFFIXES or (suffix not in _TEXT_SUFFIXES and looks_like_html(text)):
        return _document_from_html(text, name, source)
    title = None
    if suffix in {".md", ".markdown"}:
        text, title = _plain_markdown(text)
    return _checked_document(text, name, source, title=title)


def document_from_text(text: str, name: str = "Pasted text", source: str = "<text>") -> Document:
    """A Document for text given directly (pasted, or from a test)."""
    return _checked_document(text, name, source)


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (BOM or not), UTF-16 (BOM, or BOM-less by its NUL pattern) or cp1252.

    Raises ValueError with a user-readable reason when none fits.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_or_fail(data, "utf-16")
    else:
        utf16 = _utf16_without_bom(data)
        if utf16:
            return _decode_or_fail(data, utf16)
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("no text encoding fits (tried UTF-8, UTF-16, cp1252)")


def normalise_text(text: str) -> str:
    """The normalisation every Document's text goes through (see the module docstring)."""
    text = _NEWLINES.sub("\n", text).translate(_JUNK)
    return unicodedata.normalize("NFC", text).strip()


def looks_like_html(text: str) -> bool:
    head = text[:5000]
    return bool(_HTML_START.match(head)) or len(_HTML_TAG.findall(head)) >= 3


# --- reading and decoding ---------------------------------------------------------------------


def _read_bytes(file: Path, source: str) -> bytes:
    """The file's bytes, refusing missing, directory, unreadable and oversized inputs."""
    try:
        info = file.stat()
    except FileNotFoundError:
        raise IngestError(source, "file not found") from None
    except OSError as err:
        raise IngestError(source, _unreadable(err)) from None
    if file.is_dir():
        raise IngestError(source, "is a directory")
    if info.st_size > MAX_BYTES:
        size = info.st_size / (1024 * 1024)
        raise IngestError(source, f"is larger than the 5 MB limit ({size:.1f} MB)")
    try:
        return file.read_bytes()
    except OSError as err:
        raise IngestError(source, _unreadable(err)) from None


def _unreadable(err: OSError) -> str:
    if isinstance(err, PermissionError):
        return "cannot be read (permission denied)"
    return f"cannot be read ({(err.strerror or str(err)).lower()})"


def _decode_file(data: bytes, file: Path, source: str) -> str:
    if not data.strip():
        raise IngestError(source, "is empty")
    unsupported = _unsupported_format(data, file.suffix.casefold())
    if unsupported:
        raise IngestError(source, unsupported)
    is_utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data)
    if b"\x00" in data and not is_utf16:
        raise IngestError(source, "looks like a binary file, not text")
    try:
        text = decode_bytes(data)
    except ValueError as err:
        raise IngestError(source, str(err)) from None
    if _control_share(text) > CONTROL_SHARE_LIMIT:
        raise IngestError(source, "looks like a binary file, not text")
    return text


def _unsupported_format(data: bytes, suffix: str) -> str | None:
    """A clearer reason than "binary" for the formats people most often drop."""
    if data.startswith(b"%PDF-"):
        return "is a PDF, which narrdiff cannot read yet (save it as text or HTML)"
    if data.startswith(b"PK\x03\x04") and suffix in {".docx", ".odt"}:
        return "is a word-processor file, which narrdiff cannot read yet (save it as text)"
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Return utf-16-le or utf-16-be when NULs sit on every other byte (mostly-ASCII UTF-16)."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    pairs = len(sample) // 2
    odd_nuls = sample[1::2].count(0)
    even_nuls = sample[0::2].count(0)
    if odd_nuls >= 0.7 * pairs and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= 0.7 * pairs and odd_nuls == 0:
        return "utf-16-be"
    return None


def _decode_or_fail(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ValueError("no text encoding fits (tried UTF-8, UTF-16, cp1252)") from None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:100_000]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    return controls / len(sample)


# --- formats ----------------------------------------------------------------------------------


def _checked_document(
    text: str, name: str, source: str, *, title: str | None = None, site: str | None = None
) -> Document:
    """Normalise and refuse texts too short to compare."""
    text = normalise_text(text)
    if not text:
        raise IngestError(source, "is empty")
    n_words = len(_WORD.findall(text))
    if n_words < MIN_WORDS:
        plural = "word" if n_words == 1 else "words"
        raise IngestError(source, f"has too little text to compare ({n_words} {plural})")
    return Document(name=name, source=source, text=text, title=title, site=site)


def _plain_markdown(text: str) -> tuple[str, str | None]:
    """Drop heading hashes and link targets; a leading "# Title" gives the title hint."""
    lines = normalise_text(text).split("\n")
    title = None
    first = next((line for line in lines if line.strip()), "")
    match = re.match(r"^#\s+(.+?)\s*#*\s*$", first)
    if match:
        title = match.group(1)
    lines = [re.sub(r"^#{1,6}\s+(.*?)\s*#*\s*$", r"\1", line) for line in lines]
    plain = "\n".join(lines)
    plain = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", plain)
    plain = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), plain)
    return plain, title


def _document_from_html(html: str, name: str, source: str) -> Document:
    """Main text, title and site name via trafilatura; paragraphs become blank-line blocks."""
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False
    )
    if extracted is None or not (extracted.text or "").strip():
        raise IngestError(source, "no article text found in this web page")
    paragraphs = [line.strip() for line in extracted.text.split("\n") if line.strip()]
    title = _clean_hint(extracted.title)
    site = _clean_hint(extracted.sitename)
    return _checked_document("\n\n".join(paragraphs), name, source, title=title, site=site)


def _clean_hint(value: str | None) -> str | None:
    if not value:
        return None
    value = unicodedata.normalize("NFC", " ".join(value.split()))
    return value or None
