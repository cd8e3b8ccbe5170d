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

# --- the bounded reader process (ingest/bounded.py) ---------------------------------------------

READER_MEMORY_BYTES = 1024 * MB
"""Most memory a container reader (PDF, .docx, .eml, .mht, .rtf, web page) may take on top of
what its process holds at the start: a 30 MB PDF of text lays out in well under 300 MB."""

READER_SECONDS = 20
"""Longest a container reader may run (wall clock); 20 dense PDF pages take ≤ ~6 s here."""

# --- limits checked before a reader starts work --------------------------------------------------

MAX_PDF_GLYPHS_PER_PAGE = 30_000
"""Most characters drawn on one PDF page; a dense page of 7-point type holds ~10,000."""

MAX_PDF_BOXES_PER_PAGE = 300
"""Most separate text boxes on one PDF page before pdfminer orders them; ordering grows faster
than the square of their number (measured on a busy machine: 100 boxes 0.1 s, 300 1.4 s, 600
6.7 s, 5,000 scattered glyphs minutes). An article's page has a few dozen."""

MAX_PDF_OBJECTS = 200_000
"""Most indirect objects ("n 0 obj") in a PDF; a 20-page article printed to PDF has a few
hundred, a heavy magazine layout a few thousand."""

MAX_MIME_HEADER_BYTES = 256 * 1024
"""Largest header block of an e-mail or .mht part (all header lines together)."""

MAX_MIME_ENCODED_WORDS = 500
"""Most RFC 2047 encoded words ("=?utf-8?q?…?=") in a message; a long Subject written that way
has a few dozen. Python's email package decodes them in quadratic time (500: 0.07 s, 2,000:
0.75 s measured)."""

MAX_MIME_PARAMETERS = 50
"""Most parameters (RFC 2231 continuations included) in one Content- header; real ones have
≤ ~5, and the email package's cost grows faster than their number (100: 0.3 s, 400: 1.1 s)."""

MAX_MIME_PARTS = 1_000
"""Most MIME parts in an e-mail or saved web page (a page saved with all its images has a few
hundred); the email package is quadratic in them (2,000: ~4 s, 5,000: ~9 s measured)."""

MAX_NAME_CHARS = 1_000
"""Longest article name, source path or outlet label a saved comparison may hold."""

MAX_HINT_CHARS = 500
"""Longest title, site name, byline or date kept from a file's metadata; longer ones are cut."""

MAX_MANUAL_LINKS = 5_000
"""Most links set (or removed) by hand in one saved comparison; a careful editor sets dozens."""

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
