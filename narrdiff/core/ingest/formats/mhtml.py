"""Saved web pages (.mht/.mhtml, "Webpage, single file"): the page's HTML part through
trafilatura, as for an .html file. Images and style sheets in the other parts are ignored.
This module must not normalise the text or decide roles.
"""

from __future__ import annotations

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest.formats import Extracted
from narrdiff.core.ingest.formats.html import read_html
from narrdiff.core.ingest.formats.mime import header, parse_message, part_text


def read(data: bytes, source: str, suffix: str) -> Extracted:
    message = parse_message(data, source, "saved web page")
    html_part = next(
        (part for part in message.walk() if part.get_content_type() == "text/html"), None
    )
    if html_part is None:
        raise IngestError(source, "is a saved web page (.mht) with no HTML part")
    page = read_html(part_text(html_part), source)
    if page.title is None:
        subject = header(message, "subject")
        return Extracted(page.text, subject, page.site, page.byline, page.published)
    return page
