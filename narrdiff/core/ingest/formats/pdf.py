"""PDF files with a text layer, through pdfminer.six's layout analysis.

pdfminer groups characters into text boxes and orders them in reading order, so two-column
pages read column by column (measured on a generated two-column page whose lines are drawn
row by row: pypdf interleaved the columns line by line; pdfminer read them in order and kept
paragraphs apart). Each text box becomes a paragraph: its hard-wrapped lines are re-flowed and
typesetters' hyphenation undone (readers.reflow); the text is NFKC-normalised, since PDF fonts
spell "fi" and "ffi" as ligature characters. Boxes holding only a page number are dropped.

A file that is not a PDF, is damaged or password-protected, has more than `MAX_PDF_PAGES`
pages, or has no text at all (a scan) is refused with that reason; so is one with more objects,
or a page with more glyphs or text boxes, than `limits` allows, before pdfminer spends time on
them (ordering a page's boxes is quadratic in their number). Memory and time as a whole are
bounded by the child process this reader runs in (ingest/bounded.py). pdfminer is imported only
here, when a PDF arrives. This module must not decide roles or split sentences.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest.formats import Extracted
from narrdiff.core.ingest.formats.reflow import reflow, vocabulary_of
from narrdiff.core.limits import (
    MAX_CHARS,
    MAX_PDF_BOXES_PER_PAGE,
    MAX_PDF_GLYPHS_PER_PAGE,
    MAX_PDF_OBJECTS,
    MAX_PDF_PAGES,
    check_text_size,
)

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.IGNORECASE)


def read(data: bytes, source: str, suffix: str) -> Extracted:
    info = _check_document(data, source)
    boxes = _text_boxes(data, source)
    text = unicodedata.normalize("NFKC", "\n\n".join(boxes))
    vocabulary = vocabulary_of(text)
    paragraphs = [reflow(box.split("\n"), vocabulary) for box in text.split("\n\n")]
    paragraphs = [p for p in paragraphs if p and not _PAGE_NUMBER.match(p)]
    if not paragraphs:
        raise IngestError(source, "has no text layer (a scanned PDF?)")
    return Extracted("\n\n".join(paragraphs), title=info.get("Title"), byline=info.get("Author"))


def _text_boxes(data: bytes, source: str) -> list[str]:
    """The text of every text box on every page, in pdfminer's reading order."""
    from pdfminer.layout import LTTextContainer

    boxes: list[str] = []
    size = 0
    try:
        for page in _layouts(data, source):
            for element in page:
                if isinstance(element, LTTextContainer) and element.get_text().strip():
                    # A blank line inside a box would split it into two paragraphs.
                    boxes.append(re.sub(r"\n\s*\n", "\n", element.get_text().strip()))
                    size += len(boxes[-1])
            if size > MAX_CHARS:
                break  # refused below without laying out the remaining pages
    except (IngestError, MemoryError):
        raise
    except Exception as err:  # pdfminer raises many types (PSEOF, KeyError…) on damaged files
        raise IngestError(source, _unreadable(err)) from None
    check_text_size("\n\n".join(boxes), source)
    return boxes


def _layouts(data: bytes, source: str) -> Iterator[Any]:
    """pdfminer's laid-out pages (as `extract_pages` gives them), each page's glyphs and text
    boxes counted before the work that grows with them: drawing (glyphs) and ordering the
    boxes, which is quadratic in their number."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class BoundedAggregator(PDFPageAggregator):
        glyphs = 0

        def begin_page(self, page: Any, ctm: Any) -> None:
            self.glyphs = 0
            super().begin_page(page, ctm)

        def render_char(self, *args: Any, **kwargs: Any) -> float:
            self.glyphs += 1
            if self.glyphs > MAX_PDF_GLYPHS_PER_PAGE:
                raise IngestError(
                    source,
                    f"has a page of more than {MAX_PDF_GLYPHS_PER_PAGE:,} characters; "
                    "narrdiff reads pages up to that",
                )
            return super().render_char(*args, **kwargs)

        def end_page(self, page: Any) -> None:
            self.cur_item.group_textboxes = _bounded_grouping(self.cur_item, source)
            super().end_page(page)

    manager = PDFResourceManager(caching=True)
    device = BoundedAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    for page in PDFPage.get_pages(io.BytesIO(data), maxpages=MAX_PDF_PAGES, caching=True):
        interpreter.process_page(page)
        yield device.get_result()


def _bounded_grouping(layout: Any, source: str) -> Any:
    """`layout.group_textboxes`, refusing a page with more boxes than it may order."""
    group = layout.group_textboxes

    def bounded(laparams: Any, boxes: Any) -> Any:
        if len(boxes) > MAX_PDF_BOXES_PER_PAGE:
            raise IngestError(
                source,
                f"has a page of {len(boxes):,} separate pieces of text (scattered letters?); "
                f"narrdiff reads pages of up to {MAX_PDF_BOXES_PER_PAGE:,}",
            )
        return group(laparams, boxes)

    return bounded


def _check_document(data: bytes, source: str) -> dict[str, str]:
    """Open the document and count its pages before laying any out; its Title and Author."""
    objects = data.count(b" obj")
    if objects > MAX_PDF_OBJECTS:
        raise IngestError(
            source, f"has {objects:,} objects; narrdiff reads PDFs of up to {MAX_PDF_OBJECTS:,}"
        )
    try:
        document = _open(data)
        count = sum(1 for _ in _pages(document))
        info = _info(document)
    except MemoryError:
        raise
    except Exception as err:  # pdfminer raises many types (PSEOF, KeyError…) on damaged files
        raise IngestError(source, _unreadable(err)) from None
    if count == 0:
        raise IngestError(source, "is a PDF with no pages")
    if count > MAX_PDF_PAGES:  # counting stops one page past the limit
        raise IngestError(
            source, f"has more than {MAX_PDF_PAGES} pages; narrdiff reads PDFs up to that"
        )
    return info


def _open(data: bytes) -> Any:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    return PDFDocument(PDFParser(io.BytesIO(data)))


def _info(document: Any) -> dict[str, str]:
    """Title and Author from the document information dictionary, when they are text."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    out: dict[str, str] = {}
    for entry in document.info[:1]:
        for key in ("Title", "Author"):
            value = resolve1(entry.get(key))
            text = decode_text(value) if isinstance(value, bytes) else ""
            if text.strip():
                out[key] = " ".join(text.split())
    return out


def _pages(document: Any) -> Any:
    from pdfminer.pdfpage import PDFPage

    for index, page in enumerate(PDFPage.create_pages(document)):
        if index > MAX_PDF_PAGES:
            break
        yield page


def _unreadable(err: Exception) -> str:
    name = type(err).__name__
    if "Password" in name or "Encryption" in name:
        return "is a password-protected PDF"
    return f"is a damaged or unsupported PDF ({name})"
