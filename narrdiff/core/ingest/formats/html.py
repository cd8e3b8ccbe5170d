"""Web pages: the article's main text and metadata through trafilatura.

Title, author (byline), publication date and site name come from the page's metadata when it
has any. libxml2 (under lxml and trafilatura) stops at 256 levels of nesting and trafilatura
then finds nothing, so a page that yields no text is measured, and one nested deeper than
`MAX_DEPTH` is refused as such rather than as "no article text". A page with more visible text
than `limits.MAX_PAGE_TEXT_CHARS` is refused before trafilatura spends seconds on it.
trafilatura is imported only here, when a page arrives. This module must not decode bytes
(readers.text does) or normalise.
"""

from __future__ import annotations

import re

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest.formats import Extracted, clean_hint
from narrdiff.core.ingest.formats.decode import decode_file
from narrdiff.core.limits import MAX_PAGE_TEXT_CHARS

MAX_DEPTH = 250
"""Deepest element nesting read; libxml2's own limit is 256, real pages stay under ~60."""

_INVISIBLE = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.I | re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
# Elements that never nest (void) or whose end tag may be left out: they add no depth.
_FLAT = frozenset(
    "area base br col embed hr img input link meta param source track wbr "
    "p li dt dd tr td th option optgroup thead tbody tfoot colgroup rt rp".split()
)


def read(data: bytes, source: str, suffix: str) -> Extracted:
    return read_html(decode_file(data, source), source)


def read_html(html: str, source: str) -> Extracted:
    """Main text (paragraphs as blank-line blocks), title, byline, date and site of a page."""
    import trafilatura

    visible = visible_chars(html)
    if visible > MAX_PAGE_TEXT_CHARS:
        raise IngestError(
            source,
            f"is a web page with too much text ({visible:,} characters); narrdiff reads pages "
            f"up to {MAX_PAGE_TEXT_CHARS:,}",
        )
    try:
        extracted = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except RecursionError:
        raise IngestError(source, _too_deep()) from None
    except MemoryError:  # the reader process reports it as such
        raise
    except Exception as err:  # lxml and trafilatura raise many types on broken markup
        raise IngestError(source, f"is a web page that could not be read ({err})") from None
    if extracted is None or not (extracted.text or "").strip():
        if nesting_depth(html) > MAX_DEPTH:
            raise IngestError(source, _too_deep())
        raise IngestError(source, "no article text found in this web page")
    paragraphs = [line.strip() for line in extracted.text.split("\n") if line.strip()]
    return Extracted(
        "\n\n".join(paragraphs),
        title=clean_hint(extracted.title),
        site=clean_hint(extracted.sitename),
        byline=clean_hint(extracted.author),
        published=clean_hint(extracted.date),
    )


def visible_chars(html: str) -> int:
    """Characters outside tags, scripts, styles and comments, spaces collapsed (an estimate)."""
    return len(" ".join(_INVISIBLE.sub(" ", html).split()))


def nesting_depth(html: str) -> int:
    """The deepest nesting of elements, counted from tags (linear time, no parser)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(html):
        if name.lower() in _FLAT or self_closing:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _too_deep() -> str:
    return f"is a web page too deeply nested to read (more than {MAX_DEPTH} levels)"
