"""Articles by web address, fetched from a local site on 127.0.0.1 (never any outside network):
what a user gets from a page, and the message for every way fetching fails, on time."""

from __future__ import annotations

import re
import socket
import time

import pytest
from web_site import GAZETTE_BODY, LocalSite, article_page

from narrdiff.core import savefile
from narrdiff.core.errors import IngestError
from narrdiff.core.ingest.fetch import USER_AGENT
from narrdiff.core.ingest.web import (
    FetchCancelled,
    Timeouts,
    read_web_document,
    site_domain,
    web_addresses,
)
from narrdiff.core.model import ManualLinks
from narrdiff.core.parse.article import parse_article

QUICK = Timeouts(connect=1.0, total=2.0)


@pytest.fixture()
def site():
    local = LocalSite()
    yield local
    local.close()


def refusal(address: str, timeouts: Timeouts = QUICK) -> str:
    with pytest.raises(IngestError) as caught:
        read_web_document(address, timeouts=timeouts)
    assert caught.value.source == address  # the message names the address the user gave
    return caught.value.reason


def test_a_page_gives_its_article_without_navigation_footer_or_related_links(site):
    address = site.url("/gazette/bridge")
    document = read_web_document(address)
    assert document.source == address
    assert document.name == "127.0.0.1"
    assert document.site == "The Harbour Gazette"
    assert document.title == "Harbour Bridge shut after cracks found"
    assert document.byline == "Sam Reed"
    assert document.published == "2026-11-30"
    assert "engineers found cracks in two of its steel supports" in document.text
    assert "we will not reopen the bridge until we are certain it is sound" in document.text
    for furniture in (
        "Related stories",
        "Council tax to rise",
        "Sign up",
        "Cookie settings",
        "Advertise with us",
        "Weather",
        "dataLayer",
    ):
        assert furniture not in document.text
    assert parse_article(document).label == "The Harbour Gazette"


def test_a_page_without_a_site_name_is_labelled_by_its_domain(site):
    document = read_web_document(site.url("/nameless/bridge"))
    assert document.site == "127.0.0.1"
    assert parse_article(document).label == "127.0.0.1"


def test_domains_are_tidied_but_never_renamed():
    assert site_domain("https://www.theguardian.com/world/2026/nov/30/bridge") == "theguardian.com"
    assert site_domain("https://m.bbc.co.uk/news/uk-123") == "bbc.co.uk"
    assert site_domain("http://WWW.Example.ORG.") == "example.org"
    assert site_domain("https://www.com/") == "www.com"  # a host that is only a prefix keeps it


def test_the_request_looks_like_a_browser_and_says_it_is_narrdiff(site):
    read_web_document(site.url("/courier/bridge"))
    path, headers = site.requests[-1]
    assert path == "/courier/bridge"
    assert headers["User-Agent"] == USER_AGENT
    assert headers["User-Agent"].startswith("Mozilla/5.0 (X11; Linux x86_64")
    assert "narrdiff/" in headers["User-Agent"]
    assert "Cookie" not in headers


def test_a_redirect_is_followed_and_the_article_keeps_the_final_address(site):
    document = read_web_document(site.url("/old-link"))
    assert document.source == site.url("/gazette/bridge")
    assert document.site == "The Harbour Gazette"


def test_redirect_loops_and_redirects_away_from_the_web_are_refused(site):
    assert refusal(site.url("/loop")) == "redirects more than 5 times (or in a loop)"
    assert refusal(site.url("/to-ftp")) == "redirects to ftp://127.0.0.1/x, which is not a web page"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/no-such-story", "returned 404 (not found)"),
        ("/forbidden", "returned 403 (forbidden: the site refuses to serve it here)"),
        ("/broken", "returned 503 (the site's server failed; try again later)"),
        ("/image", "is not an article page (the site sent image/png)"),
    ],
)
def test_http_errors_and_non_articles_say_what_happened(site, path, reason):
    assert refusal(site.url(path)) == reason


def test_a_paywall_teaser_is_refused_as_too_little_text(site):
    reason = refusal(site.url("/paywall"))
    match = re.fullmatch(r"gave only (\d+) words: behind a paywall or a consent page\?", reason)
    assert match, reason
    assert 30 <= int(match.group(1)) < 80


def test_a_server_that_never_answers_times_out_on_time(site):
    started = time.monotonic()
    assert refusal(site.url("/never")) == "did not answer within 1 second"
    assert time.monotonic() - started < 1.8


def test_a_server_that_drips_bytes_is_given_up_at_the_total_timeout(site):
    started = time.monotonic()
    reason = refusal(site.url("/drip"))
    elapsed = time.monotonic() - started
    assert re.fullmatch(r"took longer than 2 seconds \(\d+ bytes received\)", reason), reason
    assert 1.9 < elapsed < 2.6


def test_huge_responses_are_refused_at_the_text_file_limit(site):
    assert refusal(site.url("/huge-declared")) == "is larger than the 5 MB limit (50.0 MB)"
    started = time.monotonic()
    assert refusal(site.url("/huge-streamed"), Timeouts(5, 20)) == "is larger than the 5 MB limit"
    assert time.monotonic() - started < 5


def test_a_page_sent_under_the_wrong_charset_keeps_its_quotes_and_pounds(site):
    document = read_web_document(site.url("/wrong-charset"))  # says ISO-8859-1, is UTF-8
    assert "\u201cSafety comes first," in document.text
    assert "\u00a312 million" in document.text
    assert "â€" not in document.text and "Â£" not in document.text


def test_a_windows_1252_page_sent_as_utf8_is_sniffed(site):
    page = (
        "<html><head><title>Bridge</title></head><body><article>"
        + "".join(
            f"<p>{p}</p>"
            for p in (
                "The council said the bridge would stay shut for at least three weeks while a "
                "specialist team examined the damage to its two cracked steel supports.",
                "\u201cSafety comes first,\u201d said the council leader. The bridge was last "
                "strengthened in 2009 at a cost of \u00a312 million, a sum that councillors now "
                "say was far too small for a crossing used by 40,000 vehicles every single day.",
                "Ferries will run every 15 minutes from Tuesday, the transport authority said, "
                "and drivers were warned of long delays on the ring road and the coast road.",
            )
        )
        + "</article></body></html>"
    )
    address = site.add("/cp1252", page.encode("cp1252"), content_type="text/html; charset=utf-8")
    document = read_web_document(address)
    assert "\u201cSafety comes first,\u201d said the council leader." in document.text
    assert "\ufffd" not in document.text


def test_a_compressed_page_is_read(site):
    document = read_web_document(site.url("/gzip"))
    assert document.title == "Harbour Bridge shut after cracks found"


def test_a_pdf_response_is_read_by_the_pdf_reader(site, qapp, tmp_path):
    from make_inputs import make_pdf_pages

    lines = [
        "Harbour Bridge shut after cracks found",
        "",
        *(
            "The Harbour Bridge was closed to all traffic on Monday night after engineers",
            "found cracks in two of its steel supports during a routine inspection. The city",
            "council said the crossing would stay shut for at least three weeks while a",
            "specialist team examined the damage and planned repairs. About 40,000 vehicles",
            "use the bridge every day, and drivers were told to expect long delays on the",
            "ring road and the coast road. Ferry services will run every 15 minutes instead",
            "of every half hour from Tuesday, the transport authority said in a statement.",
            "Local businesses on the north shore warned that a long closure could cost them",
            "dearly in the weeks before the summer season, when most of their trade is done.",
        ),
    ]
    pdf = make_pdf_pages(tmp_path / "bridge.pdf", [lines]).read_bytes()
    address = site.add("/bridge.pdf", pdf, content_type="application/pdf")
    document = read_web_document(address)
    assert document.source == address
    assert document.site == "127.0.0.1"
    assert "found cracks in two of its steel supports" in " ".join(document.text.split())


@pytest.mark.parametrize(
    "address", ["ftp://127.0.0.1/story.txt", "file:///etc/passwd", "javascript:alert(1)"]
)
def test_only_http_and_https_are_fetched(address):
    with pytest.raises(IngestError) as caught:
        read_web_document(address)
    assert caught.value.reason == "only http and https addresses can be fetched"


def test_a_closed_port_says_the_connection_was_refused():
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"http://127.0.0.1:{port}/story"
    assert refusal(address) == "could not be reached: the connection was refused"


def test_no_network_names_the_likely_cause(monkeypatch):
    # A real lookup would leave this machine; what the resolver answers offline is this error.
    def offline(*args, **kwargs):
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", offline)
    assert refusal("https://www.example.org/news/story") == (
        "could not be reached: no site by that name (offline, or a mistyped address?)"
    )


def test_cancel_stops_a_fetch_at_once(site):
    started = time.monotonic()
    with pytest.raises(FetchCancelled):
        read_web_document(
            site.url("/never"),
            timeouts=Timeouts(30, 60),
            cancel=lambda: time.monotonic() - started > 0.3,
        )
    assert time.monotonic() - started < 0.8


def test_progress_names_the_site_and_counts_what_arrived(site):
    seen = []
    read_web_document(site.url("/gazette/bridge"), progress=lambda f, m: seen.append((f, m)))
    assert seen[0] == (0.0, "127.0.0.1: connecting…")
    assert seen[-1] == (1.0, "Reading 127.0.0.1…")
    assert any(re.fullmatch(r"127\.0\.0\.1: \d+ KB", m) for _, m in seen)


def test_address_lists_are_told_from_article_text():
    assert web_addresses("https://a.example/x\n  https://b.example/y\n") == [
        "https://a.example/x",
        "https://b.example/y",
    ]
    assert web_addresses("https://a.example/x https://a.example/x") == ["https://a.example/x"]
    assert web_addresses("ftp://a.example/x") == ["ftp://a.example/x"]  # refused later, by name
    assert web_addresses("Read this: https://a.example/x") is None
    assert web_addresses("Storm Ada closed 120 schools.") is None
    assert web_addresses("") is None


def test_a_saved_comparison_keeps_the_fetched_text_and_opens_offline(site, tmp_path):
    documents = [read_web_document(site.url(p)) for p in ("/gazette/bridge", "/courier/bridge")]
    path = tmp_path / "bridge.narrdiff"
    savefile.save(path, documents, [None, None], savefile.SavedSettings(), ManualLinks())
    site.close()  # offline from here on
    saved = savefile.load(path)
    assert saved.documents == tuple(documents)
    assert [parse_article(d).label for d in saved.documents] == [
        "The Harbour Gazette",
        "Coastal Courier",
    ]


def test_reports_name_a_fetched_article_by_its_address(site, model_encoder):
    from narrdiff.core.pipeline import compare
    from narrdiff.core.report.html_report import comparison_html
    from narrdiff.core.report.json_report import to_dict

    gazette, courier = site.url("/gazette/bridge"), site.url("/courier/bridge")
    comparison = compare([read_web_document(a) for a in (gazette, courier)], encoder=model_encoder)
    assert [a["source"] for a in to_dict(comparison)["articles"]] == [gazette, courier]
    assert [a.label for a in comparison.articles] == ["The Harbour Gazette", "Coastal Courier"]
    page = comparison_html(comparison, for_qt=False)
    assert f'<a href="{gazette}">{gazette}</a>' in page


def test_a_section_page_of_headlines_is_not_taken_for_an_article(site):
    headlines = "".join(
        f'<li><a href="/news/{n}">{text} as the <b>council</b> meets on {day}</a></li>'
        for n, (text, day) in enumerate(
            (f"Story {n}: bridge repairs, bus lanes and the harbour budget", d)
            for n, d in enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] * 6)
        )
    )
    front = (
        '<html><head><title>News | The Harbour Gazette</title></head><body><nav><a href="/">'
        f"Home</a></nav><main><h1>Latest news</h1><ul>{headlines}</ul></main></body></html>"
    )
    address = site.add("/news", front)
    assert refusal(address) == "is a list of links, not an article (a home or section page?)"


def test_an_article_with_links_in_its_sentences_is_still_an_article(site):
    linked = [
        p.replace("city council", '<a href="/council">city council</a>').replace(
            "transport authority", '<a href="/transport">transport authority</a>'
        )
        for p in GAZETTE_BODY
    ]
    address = site.add("/linked", article_page("The Harbour Gazette", "Bridge shut", linked))
    document = read_web_document(address)
    assert "The city council said the crossing would stay shut" in document.text


def test_https_pages_are_read_and_an_untrusted_certificate_is_refused(tmp_path, monkeypatch):
    from web_site import make_certificate

    certificate = make_certificate(tmp_path)
    secure = LocalSite(certificate)
    try:
        address = secure.url("/courier/bridge")
        assert address.startswith("https://127.0.0.1:")
        # OpenSSL 1.1 says "self signed", 3.x "self-signed"
        reason = refusal(address)
        assert re.fullmatch(
            r"has a certificate that could not be verified \(self.signed certificate\)", reason
        )
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # now the machine trusts it
        assert read_web_document(address).site == "Coastal Courier"
    finally:
        secure.close()
