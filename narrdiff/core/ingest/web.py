"""Articles by web address: fetch one http(s) page, PDF or text and read it as a file is read.

`web_addresses(text)` says whether a text (dropped, pasted, typed one per line) is nothing but
addresses, and which; `read_web_document(address)` fetches one (`fetch`: timeouts, size cap,
redirects, User-Agent) and returns its Document. The fetched bytes go through
`read.document_from_bytes`, the same entry point, readers and limits as a file of that kind,
so a page from the web is read exactly like a saved page. Here:

- the Content-Type picks the reader (HTML, PDF, plain text; other types are refused, and an
  unlabelled response is sniffed);
- a text's charset is honoured, and sniffed when it does not fit the bytes (a page sent as
  ISO-8859-1 that is UTF-8, or as UTF-8 that is Windows-1252), then a <meta charset>, then
  narrdiff's own decoding;
- a page that leaves fewer than `MIN_PAGE_WORDS` words is refused as probably a paywall or a
  consent page, and one whose text is mostly whole links (`MAX_LINK_SHARE`) as a home or
  section page.

The Document's `source` is the address the text came from (after redirects) and its `name`
the site's domain without "www."; its `site` is the name the page gives itself (og:site_name,
through the HTML reader), else that domain. Every failure is an `IngestError` naming the
address as given, with a reason a user understands. This module fetches only the address it
is given, never imports Qt, and does not parse HTML itself (it only finds link texts).
"""

from __future__ import annotations

import codecs
import re
import urllib.parse
from dataclasses import replace

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest import formats as readers
from narrdiff.core.ingest.fetch import (
    DEFAULT_TIMEOUTS,
    PDF_TYPES,
    SCHEMES,
    Cancel,
    FetchCancelled,
    Fetched,
    Progress,
    Timeouts,
    check_address,
    fetch,
)
from narrdiff.core.ingest.formats.decode import decode_bytes
from narrdiff.core.ingest.read import document_from_bytes
from narrdiff.core.model import Document

__all__ = [
    "MIN_PAGE_WORDS",
    "FetchCancelled",
    "Timeouts",
    "is_web_address",
    "looks_like_address",
    "read_web_document",
    "site_domain",
    "web_addresses",
]

MIN_PAGE_WORDS = 80
"""Fewest words a fetched article may have. A news report runs to well over a hundred; what a
paywall, a consent wall or an error page leaves is a teaser of a few dozen."""

MAX_LINK_SHARE = 0.5
"""Most of an article's text that may be whole link texts. Above it the page is a list of links
(a home, section or search page), where the "article" is the headlines of others."""

_KINDS = {
    **dict.fromkeys(PDF_TYPES, ".pdf"),
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
# Types that may be anything: the content decides.
_SNIFFED = frozenset({"", "application/octet-stream", "binary/octet-stream", "text/x-unknown"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_ADDRESS = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://\S+")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_HOST_PREFIXES = ("www.", "www2.", "www3.", "m.", "amp.", "mobile.")
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a\s*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]*>")


# --- addresses --------------------------------------------------------------------------------


def is_web_address(text: str) -> bool:
    """True for an http(s) address with a host ("https://example.org/story")."""
    parts = urllib.parse.urlsplit(text.strip())
    return parts.scheme.casefold() in SCHEMES and bool(parts.hostname)


def looks_like_address(text: str) -> bool:
    """True for anything written as an address with a scheme and "//" ("ftp://…", "file:///…"),
    so a Windows path ("C:\\news\\a.txt") is never taken for one."""
    return bool(_ADDRESS.fullmatch(text.strip()))


def web_addresses(text: str) -> list[str] | None:
    """The addresses in `text` when it holds nothing else (one or more, any spacing), else None.

    Addresses of other schemes ("ftp://…") count too, so the caller can refuse them by name;
    a text with any word that is not an address is an article's text, not a list of links.
    """
    items = text.split()
    if not items or not all(looks_like_address(item) for item in items):
        return None
    return list(dict.fromkeys(items))


def site_domain(address: str) -> str:
    """The site's domain as a reader writes it: "https://www.bbc.co.uk/x" → "bbc.co.uk"."""
    host = (urllib.parse.urlsplit(address).hostname or address).casefold().rstrip(".")
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") > 1:
            return host[len(prefix) :]
    return host


# --- reading ----------------------------------------------------------------------------------


def read_web_document(
    address: str,
    *,
    timeouts: Timeouts = DEFAULT_TIMEOUTS,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Document:
    """Fetch `address` and read it; raises IngestError (FetchCancelled if `cancel()` turns true)."""
    address = check_address(address)
    domain = site_domain(address)

    def report(fraction: float, message: str) -> None:
        if progress is not None:
            progress(fraction, f"{domain}: {message}")

    fetched = fetch(address, timeouts=timeouts, progress=report, cancel=cancel)
    if progress is not None:
        progress(1.0, f"Reading {site_domain(fetched.address)}…")
    document, page = _read_fetched(fetched, address)
    words = len(_WORD.findall(document.text))
    if words < MIN_PAGE_WORDS:
        raise IngestError(address, f"gave only {words} words: behind a paywall or a consent page?")
    if page is not None and link_share(document.text, page) > MAX_LINK_SHARE:
        raise IngestError(address, "is a list of links, not an article (a home or section page?)")
    return document


def _read_fetched(fetched: Fetched, address: str) -> tuple[Document, str | None]:
    """The Document, and the page's text when it was a text (HTML or plain)."""
    suffix = _suffix(fetched, address)
    data, page = fetched.data, None
    domain = site_domain(fetched.address)
    try:
        if readers.sniff_kind(data, suffix, address) == "text":
            # decoded by the charset rules of the web, then read as UTF-8 like any file
            page = decode_web_text(data, fetched.charset)
            data = page.encode("utf-8")
        document = document_from_bytes(data, fetched.address, suffix, name=domain)
    except IngestError as err:
        raise IngestError(address, err.reason) from None
    return replace(document, site=document.site or domain), page


def link_share(text: str, page: str) -> float:
    """The share of `text` (by characters) made of whole link texts of three words or more on
    `page`: near 1 for a home or section page (headlines of other articles), small for an
    article, whose links sit inside its sentences."""
    flat = " ".join(text.split())
    links = {" ".join(_TAGS.sub(" ", inner).split()) for inner in _LINK.findall(page)}
    linked = sum(len(link) for link in links if link.count(" ") >= 2 and link in flat)
    return min(linked / len(flat), 1.0) if flat else 0.0


def _suffix(fetched: Fetched, address: str) -> str:
    """The file suffix the response would have on disk, from its Content-Type."""
    media = fetched.media_type
    if media in _KINDS:
        return _KINDS[media]
    if media in _SNIFFED or media.startswith("text/"):
        return ""
    raise IngestError(address, f"is not an article page (the site sent {media})")


def decode_web_text(data: bytes, declared: str | None) -> str:
    """Text of a page or text response: BOM, then the declared charset unless the bytes show it
    wrong, then a <meta charset>, then narrdiff's own sniffing (UTF-8, UTF-16, cp1252)."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return _sniffed(data)
    for charset in (declared, _meta_charset(data)):
        text = _decoded(data, charset)
        if text is not None:
            return text
    return _sniffed(data)


def _decoded(data: bytes, charset: str | None) -> str | None:
    """`data` in `charset`, or None when the charset is unknown or does not fit the bytes."""
    if not charset:
        return None
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    if name in {"latin-1", "iso8859-1", "ascii", "cp1252"}:
        # Servers default to ISO-8859-1; a page with valid UTF-8 beyond ASCII is UTF-8.
        try:
            text = data.decode("utf-8")
            if not text.isascii():
                return text
        except UnicodeDecodeError:
            pass
        name = "cp1252"  # what browsers read for all three (WHATWG)
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _sniffed(data: bytes) -> str:
    try:
        return decode_bytes(data)
    except ValueError:
        return data.decode("utf-8", errors="replace")
