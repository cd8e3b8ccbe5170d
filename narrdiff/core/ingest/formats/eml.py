"""E-mail messages (.eml): a newsletter or a forwarded article.

The text/plain part is read as text; failing that, the text/html part goes through the web-page
reader (readers.html). The Subject becomes the title and the Date header the publication date.
The sender is not taken as the byline: it is usually a newsletter address, not the author.
This module must not normalise the text or decide roles.
"""

from __future__ import annotations

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest.formats import Extracted
from narrdiff.core.ingest.formats.html import read_html
from narrdiff.core.ingest.formats.mime import header, header_date, parse_message, part_text


def read(data: bytes, source: str, suffix: str) -> Extracted:
    message = parse_message(data, source, "e-mail")
    try:
        body = message.get_body(preferencelist=("plain", "html"))
    except MemoryError:  # the reader process reports it as such
        raise
    except Exception:  # a broken multipart structure
        body = None
    if body is None:
        raise IngestError(source, "is an e-mail with no text or HTML part")
    text = part_text(body)
    subject = header(message, "subject")
    published = header_date(message)
    if body.get_content_type() == "text/html":
        page = read_html(text, source)
        return Extracted(
            page.text,
            title=subject or page.title,
            site=page.site,
            byline=page.byline,
            published=published or page.published,
        )
    return Extracted(text, title=subject, published=published)
