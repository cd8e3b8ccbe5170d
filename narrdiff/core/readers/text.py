"""Plain text, Markdown and anything else that decodes as text (HTML goes on to readers.html).

Decoding: UTF-8 (with or without BOM), UTF-16 (BOM, or BOM-less found by its NUL pattern), and
for text that is not UTF-8, cp1252. A mostly-UTF-8 file with a few invalid bytes (a damaged
copy) keeps its UTF-8 and shows U+FFFD for the bad bytes, because cp1252 would garble every
curly quote in it. A few stray NUL bytes are dropped; many mean a binary file. This module
must not normalise the text (ingest does) or split it.
"""

from __future__ import annotations

import re
import unicodedata

from narrdiff.core.errors import IngestError
from narrdiff.core.readers import Extracted

CONTROL_SHARE_LIMIT = 0.05
"""More than this share of control characters (other than tab/newline) means not text."""

NUL_SHARE_LIMIT = 0.001
"""Isolated NUL bytes up to this share (and at least `NUL_ALLOWANCE`) are dropped as damage;
more, or any run of two, mean a binary file (binary formats are full of NUL runs)."""

NUL_ALLOWANCE = 2

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html|<head|<body)", re.I)
_HTML_TAG = re.compile(r"<(?:p|div|br|span|a|h[1-6]|article|section)\b[^>]*>", re.I)
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_PLAIN_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
_NO_FIT = "no text encoding fits (tried UTF-8, UTF-16, cp1252)"


def read(data: bytes, source: str, suffix: str) -> Extracted:
    """Decode `data`; HTML (by suffix, or by content under another name) goes to readers.html."""
    text = decode_file(data, source)
    if suffix in _HTML_SUFFIXES or (suffix not in _PLAIN_SUFFIXES and looks_like_html(text)):
        from narrdiff.core.readers.html import read_html

        return read_html(text, source)
    if suffix in {".md", ".markdown"}:
        plain, title = plain_markdown(text)
        return Extracted(plain, title=title)
    return Extracted(text)


def looks_like_html(text: str) -> bool:
    head = text[:5000]
    return bool(_HTML_START.match(head)) or len(_HTML_TAG.findall(head)) >= 3


def decode_file(data: bytes, source: str) -> str:
    """Decoded text of a file, refusing binary data with a reason naming `source`."""
    is_utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(data)
    if not is_utf16 and _is_binary(data):
        raise IngestError(source, "looks like a binary file, not text")
    try:
        text = decode_bytes(data if is_utf16 else data.replace(b"\x00", b""))
    except ValueError as err:
        raise IngestError(source, str(err)) from None
    if _control_share(text) > CONTROL_SHARE_LIMIT:
        raise IngestError(source, "looks like a binary file, not text")
    return text


def _is_binary(data: bytes) -> bool:
    nuls = data.count(0)
    if nuls == 0:
        return False
    return b"\x00\x00" in data or nuls > max(NUL_ALLOWANCE, NUL_SHARE_LIMIT * len(data))


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
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _mostly_utf8(data)
    if damaged is not None:
        return damaged
    return _decode_or_fail(data, "cp1252")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with U+FFFD for bad bytes, when valid multi-byte characters outnumber them."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    multibyte = sum(1 for c in text if ord(c) > 0x7F and c != "\ufffd")
    return text if multibyte > bad else None


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
        raise ValueError(_NO_FIT) from None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:100_000]
    controls = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f")
    return controls / len(sample)


def plain_markdown(text: str) -> tuple[str, str | None]:
    """Drop heading hashes and link targets; a leading "# Title" gives the title hint."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = None
    first = next((line for line in lines if line.strip()), "")
    match = re.match(r"^\s*#\s+(.+?)\s*#*\s*$", first)
    if match:
        title = match.group(1)
    lines = [re.sub(r"^#{1,6}\s+(.*?)\s*#*\s*$", r"\1", line) for line in lines]
    plain = "\n".join(lines)
    plain = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", plain)
    plain = re.sub(r"\*\*(.+?)\*\*|__(.+?)__", lambda m: m.group(1) or m.group(2), plain)
    return plain, title
