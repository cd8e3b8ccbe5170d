"""Plain text, Markdown and anything else that decodes as text (HTML goes on to readers.html).

Decoding: UTF-8 (with or without BOM), UTF-16 (BOM, or BOM-less found by its NUL pattern), and
for text that is not UTF-8, cp1252. A mostly-UTF-8 file with a few invalid bytes (a damaged
copy) keeps its UTF-8 and shows U+FFFD for the bad bytes, because cp1252 would garble every
curly quote in it. A few stray NUL bytes are dropped; many mean a binary file. This module
must not normalise the text (ingest does) or split it.
"""

from __future__ import annotations

import re

from narrdiff.core.ingest.formats import Extracted
from narrdiff.core.ingest.formats.decode import decode_bytes, decode_file  # noqa: F401
from narrdiff.core.ingest.formats.html import read_html

_HTML_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html|<head|<body)", re.I)
_HTML_TAG = re.compile(r"<(?:p|div|br|span|a|h[1-6]|article|section)\b[^>]*>", re.I)
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_PLAIN_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})


def read(data: bytes, source: str, suffix: str) -> Extracted:
    """Decode `data`; HTML (by suffix, or by content under another name) goes to readers.html."""
    text = decode_file(data, source)
    if is_html(text, suffix):
        return read_html(text, source)
    return read_plain(text, suffix)


def is_html(text: str, suffix: str) -> bool:
    """Whether decoded `text` is a web page (by suffix, or by content under another name)."""
    return suffix in _HTML_SUFFIXES or (suffix not in _PLAIN_SUFFIXES and looks_like_html(text))


def read_plain(text: str, suffix: str) -> Extracted:
    """Decoded text that is not a web page: Markdown loses its markup, the rest is kept."""
    if suffix in {".md", ".markdown"}:
        plain, title = plain_markdown(text)
        return Extracted(plain, title=title)
    return Extracted(text)


def looks_like_html(text: str) -> bool:
    head = text[:5000]
    return bool(_HTML_START.match(head)) or len(_HTML_TAG.findall(head)) >= 3


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
