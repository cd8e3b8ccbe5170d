"""Word .docx documents: paragraphs and table rows in document order, through python-docx.

A .docx is a zip package, so its declared sizes are checked before anything is unpacked: a
zip bomb (a few KB that expand to gigabytes) is refused by total size and compression ratio.
Then every member is inflated in small steps and checked against its declared size and CRC,
since zipfile inflates up to 2 GB at once when python-docx reads a member whose directory
entry understates it. The document's core properties give title and author when set; a
first paragraph styled "Title" gives the title too. python-docx is imported only here, when a
document arrives. This module must not normalise text or decide roles.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest.formats import Extracted
from narrdiff.core.limits import (
    MAX_CHARS,
    MAX_DOCX_XML_BYTES,
    MAX_PARAGRAPHS,
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_RATIO,
    MB,
    check_text_size,
)

_STEP = 64 * 1024

MAX_MEMBERS = 5_000
"""Most files a .docx package may hold (Word writes a few dozen, plus one per image)."""


def read(data: bytes, source: str, suffix: str) -> Extracted:
    check_zip(data, source)
    document = _open(data, source)
    paragraphs = _blocks(document, source)
    author = (document.core_properties.author or "").strip() or None
    return Extracted("\n\n".join(paragraphs), title=_title(document), byline=author)


def check_zip(data: bytes, source: str) -> None:
    """Refuse a damaged zip, a zip that is not a Word document, or one that would expand too far."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise IngestError(source, "is a damaged .docx (not a readable zip package)") from None
    if len(members) > MAX_MEMBERS:
        raise IngestError(source, f"is a zip package with more than {MAX_MEMBERS:,} files")
    body = next((m for m in members if m.filename == "word/document.xml"), None)
    if body is None:
        raise IngestError(source, "is a zip archive, not a Word .docx document")
    _check_sizes(members, body, source)
    _check_inflated(data, members, source)


def _check_inflated(data: bytes, members: list[zipfile.ZipInfo], source: str) -> None:
    """Inflate every member in small steps and refuse one that is not what the directory says.

    python-docx reads a member whole, and zipfile then inflates up to 2 GB at once whatever the
    directory declares; a member whose real size is understated would take that much memory.
    Read in `_STEP`-sized pieces, a member costs at most its declared size plus one piece.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for member in members:
                with package.open(member) as stream:
                    while stream.read(_STEP):
                        pass  # zipfile stops at the declared size and checks the CRC there
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as err:
        # Bad CRC-32: the bytes behind the directory are not what it declares (or are damaged).
        raise IngestError(
            source,
            f"is a damaged .docx: a part does not match its declared size or checksum "
            f"({type(err).__name__}; a zip bomb?)",
        ) from None


def _check_sizes(members: list[zipfile.ZipInfo], body: zipfile.ZipInfo, source: str) -> None:
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        raise IngestError(
            source,
            f"would expand to {total / MB:,.0f} MB when unpacked "
            f"(limit {MAX_UNZIPPED_BYTES // MB} MB; a zip bomb?)",
        )
    if body.file_size > MAX_DOCX_XML_BYTES:
        raise IngestError(
            source,
            f"has {body.file_size / MB:,.0f} MB of document markup; narrdiff reads documents "
            f"with up to {MAX_DOCX_XML_BYTES // MB} MB of it",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > MB and ratio > MAX_ZIP_RATIO:
            raise IngestError(
                source, f"is compressed {ratio:,.0f}-fold, far beyond a real document (a zip bomb?)"
            )


def _open(data: bytes, source: str) -> Any:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except MemoryError:
        raise
    except Exception as err:  # python-docx raises KeyError, ValueError, lxml errors… on damage
        raise IngestError(source, f"is a damaged .docx ({type(err).__name__})") from None


def _blocks(document: Any, source: str) -> list[str]:
    """Each non-empty paragraph and table row, in document order.

    Stops as soon as the text passes the size limits, so a huge document is refused in the time
    it takes to read just past them.
    """
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    size = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            rows = [item.text.strip()]
        elif isinstance(item, Table):
            rows = _table_rows(item)
        else:
            continue
        for text in filter(None, rows):
            out.append(text)
            size += len(text) + 2
        if size > MAX_CHARS or len(out) > MAX_PARAGRAPHS:
            check_text_size("\n\n".join(out), source)  # raises, with the usual reason
    return out


def _table_rows(table: Any) -> list[str]:
    """Each row as its distinct non-empty cells joined by " | " (merged cells repeat in docx)."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows


def _title(document: Any) -> str | None:
    """The core properties' title, else a first paragraph styled as a title."""
    title = (document.core_properties.title or "").strip()
    if title:
        return title
    first = next((p for p in document.paragraphs if p.text.strip()), None)
    # Style lookups are slow in python-docx: only the first paragraph's is read.
    if first is not None and first.style is not None and first.style.name in {"Title", "Heading 1"}:
        return first.text.strip()
    return None
