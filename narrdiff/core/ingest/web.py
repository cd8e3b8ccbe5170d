"""Articles by web address: fetch one http(s) page, PDF or text and read it as a file is read.

`web_addresses(text)` says whether a text (dropped, pasted, typed one per line) is nothing but
addresses, and which; `read_web_document(address)` fetches one and returns its Document. The
fetched bytes go through `read.document_from_bytes`, the same entry point, readers and limits
as a file of that kind, so a page from the web is read exactly like a saved page.

What fetching promises (README, "Articles from the web"):

- only http and https, checked before any network use and again on every redirect;
- `Timeouts.connect` seconds to connect and at most that long between two bytes, and
  `Timeouts.total` for the whole download: the caller has its answer by then whatever the
  server does (the download runs on a helper thread; one given up on ends at its next byte or
  socket timeout, and nothing it fetched is used);
- at most `MAX_REDIRECTS` redirects; at most `limits.MAX_BYTES` of a page or text
  (`limits.MAX_CONTAINER_BYTES` of a PDF, as for files), refused from the declared length
  when there is one, else as the bytes arrive;
- a browser-like User-Agent (some sites refuse other clients); no cookies kept, nothing sent
  but the request for the address;
- the Content-Type picks the reader (HTML, PDF, plain text); its charset is honoured, and
  sniffed when it does not fit the bytes (a page sent as ISO-8859-1 that is UTF-8);
- a page that leaves fewer than `MIN_PAGE_WORDS` words is refused as probably a paywall or a
  consent page.

The Document's `source` is the address the text came from (after redirects) and its `name`
the site's domain without "www."; its `site` is the name the page gives itself (og:site_name,
through the HTML reader), else that domain. Every failure is an `IngestError` naming the
address as given, with a reason a user understands ("returned 404 (not found)"). This module
fetches only the address it is given, never imports Qt, and does not parse HTML itself.
"""

from __future__ import annotations

import codecs
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from email.message import Message

from narrdiff import __version__
from narrdiff.core.errors import IngestError
from narrdiff.core.ingest import formats as readers
from narrdiff.core.ingest.formats.decode import decode_bytes
from narrdiff.core.ingest.read import document_from_bytes
from narrdiff.core.limits import MAX_BYTES, MAX_CONTAINER_BYTES, MB, check_file_size
from narrdiff.core.model import Document

SCHEMES = ("http", "https")

MAX_REDIRECTS = 5
"""Most redirects followed for one address; real article links take one or two (http → https,
a short link → the page)."""

MIN_PAGE_WORDS = 80
"""Fewest words a fetched article may have. A news report runs to well over a hundred; what a
paywall, a consent wall or an error page leaves is a teaser of a few dozen."""

_BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
USER_AGENT = f"{_BROWSER} narrdiff/{__version__}"
"""A browser's User-Agent (sites refuse unknown clients), which still says it is narrdiff."""

_CHUNK = 64 * 1024
_POLL_SECONDS = 0.05
_KINDS = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/x-pdf": ".pdf",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
# Types that may be anything: the content decides.
_SNIFFED = frozenset({"", "application/octet-stream", "binary/octet-stream", "text/x-unknown"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_ADDRESS = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://\S+")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_HOST_PREFIXES = ("www.", "www2.", "www3.", "m.", "amp.", "mobile.")
_REASONS = {
    401: "needs a login",
    403: "forbidden: the site refuses to serve it here",
    404: "not found",
    410: "gone",
    429: "too many requests: try again later",
    451: "unavailable for legal reasons",
}

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class Timeouts:
    """Seconds allowed: `connect` to connect (and between two bytes), `total` for a download."""

    connect: float = 10.0
    total: float = 30.0


class FetchCancelled(IngestError):
    """The user stopped the fetch; the caller says nothing more about it."""


@dataclass(frozen=True)
class Fetched:
    """One downloaded response: the final address, its media type and charset, and the bytes."""

    address: str
    media_type: str
    charset: str | None
    data: bytes


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


def check_address(address: str) -> str:
    """The address, trimmed; IngestError for one narrdiff does not fetch."""
    address = address.strip()
    parts = urllib.parse.urlsplit(address)
    if parts.scheme.casefold() not in SCHEMES:
        raise IngestError(address, "only http and https addresses can be fetched")
    if not parts.hostname:
        raise IngestError(address, "is not a complete web address (no site name)")
    return address


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
    timeouts: Timeouts = Timeouts(),
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Document:
    """Fetch `address` and read it; raises IngestError (FetchCancelled if `cancel()` turns true)."""
    address = check_address(address)
    fetched = fetch(address, timeouts=timeouts, progress=progress, cancel=cancel)
    if progress:
        progress(1.0, f"Reading {site_domain(fetched.address)}…")
    document = _read_fetched(fetched, address)
    words = len(_WORD.findall(document.text))
    if words < MIN_PAGE_WORDS:
        raise IngestError(address, f"gave only {words} words: behind a paywall or a consent page?")
    return document


def _read_fetched(fetched: Fetched, address: str) -> Document:
    suffix = _suffix(fetched, address)
    data = fetched.data
    domain = site_domain(fetched.address)
    try:
        if readers.sniff_kind(data, suffix, address) == "text":
            # decoded by the charset rules of the web, then read as UTF-8 like any file
            data = decode_web_text(data, fetched.charset).encode("utf-8")
        document = document_from_bytes(data, fetched.address, suffix, name=domain)
    except IngestError as err:
        raise IngestError(address, err.reason) from None
    return replace(document, site=document.site or domain)


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


# --- fetching ---------------------------------------------------------------------------------


def fetch(
    address: str,
    *,
    timeouts: Timeouts = Timeouts(),
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Fetched:
    """Download `address` within `timeouts.total` seconds (see the module docstring)."""
    address = check_address(address)
    download = _Download(address, timeouts, progress)
    thread = threading.Thread(target=download.run, daemon=True, name="narrdiff-fetch")
    deadline = time.monotonic() + timeouts.total
    thread.start()
    while not download.finished.wait(_POLL_SECONDS):
        if cancel is not None and cancel():
            download.abandoned.set()
            raise FetchCancelled(address, "fetching was cancelled")
        if time.monotonic() >= deadline:
            download.abandoned.set()
            raise IngestError(address, _too_slow(download.received, timeouts.total))
    if download.error is not None:
        raise download.error
    assert download.result is not None
    return download.result


class _Download:
    """One request on a helper thread; its outcome is `result` or `error` once `finished`."""

    def __init__(self, address: str, timeouts: Timeouts, progress: Progress | None) -> None:
        self.address, self.timeouts, self.progress = address, timeouts, progress
        self.finished, self.abandoned = threading.Event(), threading.Event()
        self.result: Fetched | None = None
        self.error: IngestError | None = None
        self.received = 0

    def run(self) -> None:
        try:
            self.result = self._get()
        except IngestError as err:
            # a redirect names its own target; the user knows the address they gave
            self.error = IngestError(self.address, err.reason)
        except Exception as err:  # noqa: BLE001 - anything the network stack raises
            self.error = IngestError(self.address, _network_reason(err, self.timeouts))
        finally:
            self.finished.set()

    def _get(self) -> Fetched:
        self._report(0.0, "connecting…")
        request = urllib.request.Request(self.address, headers=_headers())
        with _OPENER.open(request, timeout=self.timeouts.connect) as response:
            final = response.geturl() or self.address
            check_address(final)
            headers: Message = response.headers
            media = headers.get_content_type() if headers.get("Content-Type") else ""
            limit = MAX_CONTAINER_BYTES if _KINDS.get(media) == ".pdf" else MAX_BYTES
            length = _declared_length(headers)
            if length is not None:
                check_file_size(length, limit, self.address)
            data = self._read_body(response, limit, length)
            data = _decompressed(data, headers.get("Content-Encoding", ""), limit, self.address)
            charset = headers.get_content_charset()
        return Fetched(urllib.parse.urldefrag(final).url, media, charset, data)

    def _read_body(self, response, limit: int, length: int | None) -> bytes:
        chunks: list[bytes] = []
        while not self.abandoned.is_set():
            # read1 returns what one receive brings, so a slow server is checked on every byte
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
            self.received += len(chunk)
            if self.received > limit:
                raise IngestError(self.address, f"is larger than the {limit // MB} MB limit")
            fraction = self.received / length if length else 0.0
            self._report(min(fraction, 1.0), f"{_size(self.received)}")
        return b"".join(chunks)

    def _report(self, fraction: float, message: str) -> None:
        if self.progress is not None and not self.abandoned.is_set():
            self.progress(fraction, f"{site_domain(self.address)}: {message}")


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows at most MAX_REDIRECTS redirects, and only to http(s) addresses."""

    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0913
        target = urllib.parse.urljoin(req.full_url, newurl)
        if urllib.parse.urlsplit(target).scheme.casefold() not in SCHEMES:
            raise IngestError(req.full_url, f"redirects to {target}, which is not a web page")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener() -> urllib.request.OpenerDirector:
    """http and https only (no ftp, no local files, no data: addresses), proxies from the
    environment as a browser would, HTTP errors as exceptions, and no cookie handler."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        _Redirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


_OPENER = _opener()


def _headers() -> dict[str, str]:
    return {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,"
        "*/*;q=0.5",
        "Accept-Language": "en;q=0.9, *;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }


def _declared_length(headers: Message) -> int | None:
    if headers.get("Content-Encoding", "identity").strip().casefold() not in ("", "identity"):
        return None  # the length of the compressed body says little of the page's
    try:
        return max(int(headers.get("Content-Length", "")), 0)
    except ValueError:
        return None


def _decompressed(data: bytes, encoding: str, limit: int, address: str) -> bytes:
    """The body without its gzip/deflate wrapping, refusing more than `limit` bytes of it."""
    encoding = encoding.strip().casefold()
    if encoding in ("", "identity"):
        return data
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise IngestError(address, f"was sent in an encoding narrdiff cannot read ({encoding})")
    # wbits 47 reads gzip or zlib headers; a raw deflate stream needs -15
    for wbits in (47, -15):
        inflater = zlib.decompressobj(wbits)
        try:
            out = inflater.decompress(data, limit + 1)
        except zlib.error:
            continue
        if len(out) > limit:
            raise IngestError(address, f"is larger than the {limit // MB} MB limit")
        return out
    raise IngestError(address, "was sent compressed and damaged")


# --- reasons ----------------------------------------------------------------------------------


def _network_reason(err: Exception, timeouts: Timeouts) -> str:
    """What went wrong, as a user reads it (the address is named by the caller)."""
    if isinstance(err, urllib.error.HTTPError):
        return _http_reason(err.code)
    cause = err.reason if isinstance(err, urllib.error.URLError) else err
    if isinstance(cause, IngestError):
        return cause.reason
    if isinstance(cause, socket.gaierror):
        return "could not be reached: no site by that name (offline, or a mistyped address?)"
    if isinstance(cause, TimeoutError):
        return f"did not answer within {_seconds(timeouts.connect)}"
    if isinstance(cause, ConnectionRefusedError):
        return "could not be reached: the connection was refused"
    if isinstance(cause, ssl.SSLCertVerificationError):
        return f"has a certificate that could not be verified ({cause.verify_message})"
    if isinstance(cause, ssl.SSLError):
        return "could not be reached securely (an SSL error)"
    if isinstance(cause, OSError | ConnectionError):
        detail = getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
        return f"could not be reached ({detail.lower()})"
    if "redirect" in str(err).casefold():
        return f"redirects more than {MAX_REDIRECTS} times (or in a loop)"
    return f"could not be fetched ({type(err).__name__}: {err})"


def _http_reason(code: int) -> str:
    if code in _REASONS:
        return f"returned {code} ({_REASONS[code]})"
    if code >= 500:
        return f"returned {code} (the site's server failed; try again later)"
    if code in (301, 302, 303, 307, 308):
        return f"redirects more than {MAX_REDIRECTS} times (or in a loop)"
    return f"returned {code}"


def _too_slow(received: int, total: float) -> str:
    got = f" ({_size(received)} received)" if received else ""
    return f"took longer than {_seconds(total)}{got}"


def _seconds(value: float) -> str:
    return f"{value:g} second{'' if value == 1 else 's'}"


def _size(count: int) -> str:
    if count < 1024:
        return f"{count} byte{'' if count == 1 else 's'}"
    if count < MB:
        return f"{count // 1024} KB"
    return f"{count / MB:.1f} MB"
