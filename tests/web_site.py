"""A local web site on 127.0.0.1 for the tests of articles by address: never any outside network.

`LocalSite` serves pages from a table of paths on a free port of 127.0.0.1 in a daemon thread:
two invented reports of one bridge closure, each inside a real page's navigation, footer and
related links, plus the failures a user meets (404, 403, 503, a redirect and a loop, a server
that never answers or drips, a huge response, a wrong charset, a paywall teaser, an image).
A test adds its own paths with `site.add(path, body, content_type=…)`. Given a certificate
(`make_certificate`), the site speaks https.
"""

from __future__ import annotations

import datetime
import gzip
import ipaddress
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

GAZETTE_BODY = [
    "The Harbour Bridge was closed to all traffic on Monday night after engineers found "
    "cracks in two of its steel supports during a routine inspection.",
    "The city council said the crossing would stay shut for at least three weeks while a "
    "specialist team examined the damage and planned repairs.",
    "About 40,000 vehicles use the bridge every day, and drivers were told to expect long "
    "delays on the ring road and the coast road.",
    "Ferry services will run every 15 minutes instead of every half hour from Tuesday, the "
    "transport authority said in a statement.",
    "\u201cSafety comes first, and we will not reopen the bridge until we are certain it is "
    "sound,\u201d said the council leader, Maria Okafor.",
    "The bridge, which opened in 1968, was last strengthened in 2009 at a cost of \u00a312 "
    "million.",
    "Local businesses on the north shore warned that a long closure could cost them dearly "
    "in the weeks before the summer season.",
]
COURIER_BODY = [
    "Engineers shut the Harbour Bridge late on Monday after discovering cracks in two steel "
    "supports, leaving commuters facing weeks of disruption.",
    "Council officials said the bridge would remain closed for a minimum of three weeks "
    "while experts assessed how serious the damage was.",
    "Roughly 40,000 cars cross the bridge daily, and motorists were warned of severe "
    "congestion on the ring road.",
    "The transport authority said extra ferries would sail every 15 minutes from Tuesday.",
    "Council leader Maria Okafor said the authority would not take risks with public "
    "safety and that the crossing would reopen only once it was certain to be sound.",
    "Opposition councillors claimed that warnings about the state of the 1968 bridge had "
    "been ignored for years and demanded an independent inquiry.",
]
TEASER = (
    "Engineers shut the Harbour Bridge late on Monday after discovering cracks. Subscribe to "
    "read the full story and get unlimited access to our journalism for one pound a week."
)


def article_page(
    site: str | None,
    headline: str,
    paragraphs: list[str],
    *,
    charset: str = "utf-8",
    author: str = "Sam Reed",
) -> str:
    """A news page as sites send them: head metadata, navigation, the article, related links,
    a newsletter box and a footer."""
    site_meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    related = "".join(
        f'<li><a href="/news/{n}">{t}</a></li>'
        for n, t in enumerate(
            [
                "Council tax to rise by 4%",
                "New cycle lanes open on the coast road",
                "Harbour festival returns this summer",
                "Opinion: our roads are falling apart",
            ]
        )
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="{charset}">
<title>{headline} | {site or "News"}</title>
{site_meta}
<meta property="og:title" content="{headline}">
<meta name="author" content="{author}">
<meta property="article:published_time" content="2026-11-30T21:40:00Z">
<script>window.dataLayer = [{{"page": "article"}}];</script>
<style>body {{ font-family: serif; }}</style>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/opinion">Opinion</a></li>
<li><a href="/weather">Weather</a></li></ul></nav></header>
<main><article>
<h1>{headline}</h1>
<p class="byline">By {author}</p>
{body}
</article>
<aside><h2>Related stories</h2><ul>{related}</ul></aside>
<div class="newsletter">Sign up to our morning briefing. Enter your email address.</div>
</main>
<footer><p>&copy; 2026 All rights reserved. Terms and conditions. Privacy policy.
Cookie settings. Contact us. Advertise with us.</p></footer>
</body></html>"""


@dataclass
class Reply:
    """What the server answers on one path."""

    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  # seconds before the answer
    drip: float = 0.0  # seconds between single bytes of the body (a slow server)
    declared_length: int | None = None  # a Content-Length other than the body's own
    stream: Callable[[], object] | None = None  # yields body chunks instead of `body`


class LocalSite:
    """A threaded HTTP server on 127.0.0.1 with a table of replies; `url(path)` addresses one."""

    def __init__(self, certificate: tuple[Path, Path] | None = None) -> None:
        self.replies: dict[str, Reply] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._stop = threading.Event()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                site.requests.append((self.path, dict(self.headers)))
                site._answer(self)

            def log_message(self, *args) -> None:
                pass  # keep pytest output clean

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.scheme = "http"
        if certificate is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*map(str, certificate))
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self._standard_pages()

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"{self.scheme}://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(self, path: str, body: bytes | str = b"", **fields) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.replies[path] = Reply(body=body, **fields)
        return self.url(path)

    def close(self) -> None:
        self._stop.set()
        self.server.shutdown()
        self.server.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        reply = self.replies.get(handler.path.split("?")[0])
        if reply is None:
            reply = Reply(status=404, body=b"<html><body><h1>Not found</h1></body></html>")
        if reply.delay and self._stop.wait(reply.delay):
            return
        try:
            handler.send_response(reply.status)
            if reply.content_type:
                handler.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers:
                handler.send_header(name, value)
            if reply.stream is None:
                length = reply.declared_length
                handler.send_header(
                    "Content-Length", str(len(reply.body) if length is None else length)
                )
            handler.end_headers()
            if reply.stream is not None:
                for chunk in reply.stream():
                    handler.wfile.write(chunk)
            elif reply.drip:
                for byte in reply.body:
                    if self._stop.wait(reply.drip):
                        return
                    handler.wfile.write(bytes([byte]))
                    handler.wfile.flush()
            else:
                handler.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as a timeout or a size cap makes it

    def _standard_pages(self) -> None:
        gazette = article_page(
            "The Harbour Gazette", "Harbour Bridge shut after cracks found", GAZETTE_BODY
        )
        courier = article_page(
            "Coastal Courier",
            "Commuters face weeks of chaos as bridge closes",
            COURIER_BODY,
            author="Lee Park",
        )
        self.add("/gazette/bridge", gazette)
        self.add("/courier/bridge", courier)
        self.add("/nameless/bridge", article_page(None, "Bridge closed", GAZETTE_BODY))
        self.add("/old-link", status=302, headers=(("Location", "/gazette/bridge"),))
        self.add("/loop", status=302, headers=(("Location", "/loop"),))
        self.add("/to-ftp", status=302, headers=(("Location", "ftp://127.0.0.1/x"),))
        self.add("/forbidden", b"<h1>Forbidden</h1>", status=403)
        self.add("/broken", b"<h1>Server error</h1>", status=503)
        self.add("/never", delay=60.0)
        self.add("/drip", gazette, drip=0.3)
        self.add("/paywall", article_page("The Harbour Gazette", "Bridge shut", [TEASER]))
        self.add("/image", b"\x89PNG\r\n\x1a\n" + bytes(200), content_type="image/png")
        # declared ISO-8859-1, sent as UTF-8: servers' default charset against the page's own
        latin = article_page("The Harbour Gazette", "Bridge shut", GAZETTE_BODY, charset="utf-8")
        self.add("/wrong-charset", latin, content_type="text/html; charset=iso-8859-1")
        self.add(
            "/gzip",
            gzip.compress(gazette.encode("utf-8")),
            headers=(("Content-Encoding", "gzip"),),
        )
        self.add("/huge-declared", b"<html>", declared_length=50 * 1024 * 1024)
        self.add("/huge-streamed", stream=_endless_page)


def _endless_page():
    """An HTML page that never ends (no Content-Length), 64 KB at a time, for a minute at most."""
    yield b"<html><body>"
    chunk = b"<p>" + b"word " * 13_000 + b"</p>\n"
    until = time.monotonic() + 60
    while time.monotonic() < until:
        yield chunk


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (cryptography, which pdfminer.six brings):
    (certificate file, key file). Trusted by no one unless SSL_CERT_FILE names it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "narrdiff test site")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "site.pem", folder / "site.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path
