"""Downloading one http(s) address: bounded in time, size and redirects, nothing else sent.

`fetch(address)` returns the response's final address, media type, charset and bytes, or
raises `IngestError(address, reason)` with a reason a user understands ("returned 404 (not
found)", "did not answer within 10 seconds"). What it promises:

- only http and https, checked before any network use and again on every redirect;
- `Timeouts.connect` seconds to connect and at most that long between two bytes, and
  `Timeouts.total` for the whole download: the caller has its answer by then whatever the
  server does (the download runs on a helper thread; one given up on ends at its next byte or
  socket timeout, and nothing it fetched is used); `cancel()` is honoured within 50 ms;
- at most `MAX_REDIRECTS` redirects; at most `limits.MAX_BYTES` (`limits.MAX_CONTAINER_BYTES`
  for a PDF, as for files), refused from the declared length when there is one, else as the
  bytes arrive, and after gzip/deflate is undone;
- a browser-like User-Agent (some sites refuse other clients); no cookies kept; proxies from the
  environment, as a browser would.

It uses the standard library's urllib only. It must not interpret what it fetched (ingest.web
does), follow links in it, or import Qt.
"""

from __future__ import annotations

import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message

from narrdiff import __version__
from narrdiff.core.errors import IngestError
from narrdiff.core.limits import MAX_BYTES, MAX_CONTAINER_BYTES, MB, check_file_size

SCHEMES = ("http", "https")

MAX_REDIRECTS = 5
"""Most redirects followed for one address; real article links take one or two (http → https,
a short link → the page)."""

_BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
USER_AGENT = f"{_BROWSER} narrdiff/{__version__}"
"""A browser's User-Agent (sites refuse unknown clients), which still says it is narrdiff."""

PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})

_CHUNK = 64 * 1024
_POLL_SECONDS = 0.05
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


DEFAULT_TIMEOUTS = Timeouts()


class FetchCancelled(IngestError):
    """The user stopped the fetch; the caller says nothing more about it."""


@dataclass(frozen=True)
class Fetched:
    """One downloaded response: the final address, its media type and charset, and the bytes."""

    address: str
    media_type: str
    charset: str | None
    data: bytes


def check_address(address: str) -> str:
    """The address, trimmed; IngestError for one narrdiff does not fetch."""
    address = address.strip()
    parts = urllib.parse.urlsplit(address)
    if parts.scheme.casefold() not in SCHEMES:
        raise IngestError(address, "only http and https addresses can be fetched")
    if not parts.hostname:
        raise IngestError(address, "is not a complete web address (no site name)")
    return address


def fetch(
    address: str,
    *,
    timeouts: Timeouts = DEFAULT_TIMEOUTS,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Fetched:
    """Download `address` within `timeouts.total` seconds (see the module docstring).

    `progress(fraction, message)` is called from the helper thread ("connecting…", "84 KB");
    `cancel()` from the caller's, every 50 ms.
    """
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
            limit = MAX_CONTAINER_BYTES if media in PDF_TYPES else MAX_BYTES
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
            self.progress(fraction, message)


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
