"""The sizes narrdiff accepts, and the checks that refuse anything larger.

Every limit has a wide margin over real news articles (the longest long-reads run to ~30,000
words, ~200,000 characters, a few hundred paragraphs) and exists so that no input can make
reading, segmentation or comparison run for minutes or exhaust memory. Files are measured
before they are read; texts after they are extracted and normalised. This module decides
nothing else and must not read files.
"""

from __future__ import annotations

import re

from narrdiff.core.errors import IngestError

MB = 1024 * 1024

MAX_ARTICLES = 24
"""Most articles in one comparison: every pair is linked (276 pairs); the speed bench uses 20."""

MAX_CHARS = 500_000
"""Most characters in an article's text (~80,000 words: 2.5× the longest long-reads)."""

MAX_PARAGRAPHS = 3_000
"""Most paragraphs (or lines, for text without blank lines) in an article."""

MAX_BYTES = 5 * MB
"""Largest text-like file (.txt, .md, .html, .rtf …): no article is that long as text."""

MAX_CONTAINER_BYTES = 30 * MB
"""Largest .pdf, .docx, .eml or .mht: they may carry images around a small text."""

MAX_PAGE_TEXT_CHARS = 2 * MAX_CHARS
"""Most visible characters (tags, scripts and styles aside) in a web page given to trafilatura,
which takes ~4 s per million; the article is a part of the page, hence twice `MAX_CHARS`."""

MAX_PDF_PAGES = 20
"""Most pages read from a PDF; an article printed to PDF runs to a few pages, a long-read to a
dozen or so. pdfminer takes 0.2–0.3 s per dense two-column page here: 20 pages stay ≤ ~6 s."""

MAX_UNZIPPED_BYTES = 100 * MB
"""Largest total a .docx may declare once uncompressed (zip-bomb guard)."""

MAX_DOCX_XML_BYTES = 25 * MB
"""Largest word/document.xml (the text and its markup): an article of `MAX_CHARS` characters
takes ~5–10 MB of it, so a larger one is refused before it is parsed."""

MAX_ZIP_RATIO = 200
"""Largest compression ratio of any .docx member over 1 MB; Word XML compresses ~5–20×."""

MAX_SEGMENT_CHARS = 5_000
"""Longest piece of a paragraph given to the sentence splitter at once (pysbd slows down
super-linearly: ~0.02 s at 5,000 characters, ~1.2 s at 50,000)."""

MAX_SENTENCE_CHARS = 1_500
"""Longest sentence kept whole; longer runs are cut at spaces. The encoder reads ~256 word
pieces (~1,000 characters) of a sentence anyway."""

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def check_file_size(size: int, limit: int, source: str) -> None:
    """Refuse a file of `size` bytes over `limit`, before it is read."""
    if size > limit:
        raise IngestError(source, f"is larger than the {limit // MB} MB limit ({size / MB:.1f} MB)")


def check_text_size(text: str, source: str) -> None:
    """Refuse a normalised text with more characters or paragraphs than narrdiff compares."""
    if len(text) > MAX_CHARS:
        raise IngestError(
            source,
            f"is too long ({len(text):,} characters); narrdiff compares articles up to "
            f"{MAX_CHARS:,} characters",
        )
    if paragraph_count(text) > MAX_PARAGRAPHS:
        raise IngestError(
            source,
            f"has more than {MAX_PARAGRAPHS:,} paragraphs; narrdiff compares articles up to "
            f"{MAX_PARAGRAPHS:,}",
        )


def paragraph_count(text: str) -> int:
    """Paragraphs as parse counts them: blank-line blocks, else non-empty lines."""
    if _BLANK_LINE.search(text):
        return sum(1 for block in _BLANK_LINE.split(text) if block.strip())
    return sum(1 for line in text.split("\n") if line.strip())
