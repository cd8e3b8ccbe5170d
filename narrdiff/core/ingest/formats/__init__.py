"""Format readers: the bytes of one file become plain text plus what the file says about itself.

`sniff_kind(data, suffix, source)` decides the format from the content first (a PDF, a zip, an
RTF or MIME header) and the file name's suffix second; `read(kind, data, source, suffix)` runs
that format's reader, one small module each:

    text   .txt/.md/.html and anything else that decodes as text (readers.text, readers.html)
    pdf    PDF with a text layer (readers.pdf, pdfminer.six)
    docx   Word documents (readers.docx, python-docx)
    eml    e-mail messages (readers.eml, stdlib email)
    mhtml  saved web pages, .mht/.mhtml (readers.mhtml)
    rtf    Rich Text Format (readers.rtf, striprtf)

Every reader returns an `Extracted` and raises only `IngestError`; a library's own exceptions on a
damaged file are turned into a reason a user understands. Each reader imports its library when
it runs, never at import time. Readers do not normalise text beyond their format's needs, check
sizes of the result, or split sentences: ingest does that for all of them alike.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from importlib import import_module

from narrdiff.core.errors import IngestError
from narrdiff.core.limits import MAX_HINT_CHARS

CONTAINER_SUFFIXES = frozenset({".pdf", ".docx", ".eml", ".mht", ".mhtml"})
"""Suffixes whose files may be large for their text (images, attachments)."""

_MIME_HEADER = re.compile(
    rb"(?:mime-version|content-type|from|to|subject|date|received|return-path|message-id"
    rb"|x-[\w-]+|delivered-to|reply-to|cc|snapshot-content-location):[^\n]*\n",
    re.IGNORECASE,
)
_TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"})
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Extracted:
    """The text a reader found and the metadata the file carried (None when it did not)."""

    text: str
    title: str | None = None
    site: str | None = None
    byline: str | None = None
    published: str | None = None


def clean_hint(value: object) -> str | None:
    """A metadata value on one line, NFC, at most `MAX_HINT_CHARS` long, or None when empty."""
    if not value:
        return None
    text = unicodedata.normalize("NFC", " ".join(str(value).split()))
    if len(text) > MAX_HINT_CHARS:  # a page's 10,000-character site name is no name
        text = text[: MAX_HINT_CHARS - 1].rstrip() + "…"
    return text or None


def sniff_kind(data: bytes, suffix: str, source: str) -> str:
    """The format of `data`: "pdf", "docx", "rtf", "eml", "mhtml" or "text" (which may be HTML).

    Raises IngestError when the suffix promises a format the content is not, or when the content
    is a format narrdiff cannot read (an old .doc, an archive), naming it.
    """
    head = data[:2048]
    # Readers accept junk before a PDF's header; only a .pdf file gets that benefit of the doubt.
    if head.lstrip().startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in head[:1024]):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(suffix, source)
    if head.startswith(_OLE_MAGIC):
        raise IngestError(source, "is an old-style Word or Office file (save it as .docx or text)")
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if suffix == ".pdf":
        raise IngestError(source, "is not a PDF (its content does not start like one)")
    if suffix == ".docx":
        raise IngestError(source, "is not a Word .docx file (its content is not a zip package)")
    if suffix not in _TEXT_SUFFIXES and _looks_like_mime(head):
        return _mime_kind(head, suffix)
    return "text"


def read(kind: str, data: bytes, source: str, suffix: str) -> Extracted:
    """Run the reader for `kind` (from `sniff_kind`) on `data`."""
    module = import_module(f"narrdiff.core.ingest.formats.{kind}")
    return module.read(data, source, suffix)


def _zip_kind(suffix: str, source: str) -> str:
    if suffix in {".odt", ".ott"}:
        raise IngestError(source, "is an OpenDocument file (save it as .docx or text)")
    # Any other zip may be a Word document under another name; the docx reader checks its parts.
    return "docx"


def _looks_like_mime(head: bytes) -> bool:
    """Two or more header lines ("Subject: …") open the data, as in an e-mail or .mht file."""
    position, count = 0, 0
    head = head.replace(b"\r\n", b"\n")
    while match := _MIME_HEADER.match(head, position):
        position, count = match.end(), count + 1
        # Folded header lines continue a header: skip them.
        while head[position : position + 1] in (b" ", b"\t"):
            end = head.find(b"\n", position)
            position = len(head) if end < 0 else end + 1
    return count >= 2


def _mime_kind(head: bytes, suffix: str) -> str:
    if suffix in {".mht", ".mhtml"} or b"multipart/related" in head.lower():
        return "mhtml"
    return "eml"
