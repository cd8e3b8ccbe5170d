"""The exports a teacher projects and an editor sends: HTML report, CSV, worksheet, PDF, CLI."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import re
import subprocess
import sys

import pytest

from narrdiff.core.model import BODY, HEADLINE, Group, Link
from narrdiff.core.report.csv_report import coverage_csv, links_csv, links_path, write_csv
from narrdiff.core.report.html_report import comparison_html
from narrdiff.core.report.worksheet import passages, worksheet_html

TELEGRAPH_HEADLINE = "Moscow buys missiles from North Korea as sanctions bite"
MISSILES_FINDING = (
    "The Daily Telegraph's headline says “missiles”; its body and The Independent say "
    "“artillery shells and rockets”."
)
# Anything that would make the page fetch or run something.
EXTERNAL = [r"https?:", r"//", r"\bsrc\s*=", r"<link\b", r"<script\b", r"@import", r"url\("]


BLOCK_TAG = re.compile(r"</?(?:p|div|h\d|li|ul|ol|td|th|tr|table|hr|br)\b[^>]*>")


def visible_text(markup: str) -> str:
    """What a reader sees: blocks apart, inline tags dropped, entities decoded, spaces collapsed."""
    text = re.sub(r"<[^>]+>", "", BLOCK_TAG.sub(" ", markup))
    return " ".join(html.unescape(text).split())


def with_manual_link(comparison):
    """The samples plus a hand-made link between two sentences only one outlet had each."""
    a, b = (0, 7), (1, 7)  # "The declassified file …" / "Russia picked up the Mohajer-6 …"
    groups = [g for g in comparison.groups if g.members not in ((a,), (b,))]
    return dataclasses.replace(
        comparison,
        links=(*comparison.links, Link(a, b, 1.0, "same", (), manual=True)),
        groups=(*groups, Group((a, b))),
    )


def test_html_holds_every_compared_sentence_and_the_missiles_finding(sample_comparison):
    page = comparison_html(sample_comparison)
    seen = visible_text(page)
    for article in sample_comparison.articles:
        for sentence in article.sentences:
            if sentence.role in (BODY, HEADLINE):
                assert " ".join(sentence.text.split()) in seen
    assert MISSILES_FINDING in seen
    assert seen.index(MISSILES_FINDING) < seen.index("The articles, fact by fact")
    assert "The Daily Telegraph vs The Independent" in seen


@pytest.mark.parametrize("for_qt", [False, True])
def test_html_refers_to_no_external_resource(sample_comparison, for_qt):
    page = comparison_html(sample_comparison, for_qt=for_qt)
    worksheet = worksheet_html(sample_comparison, for_qt=for_qt)
    for pattern in EXTERNAL:
        assert not re.search(pattern, page, re.IGNORECASE), pattern
        assert not re.search(pattern, worksheet, re.IGNORECASE), pattern


def test_html_marks_changes_with_strike_and_underline_and_names_the_run(sample_comparison):
    page = comparison_html(sample_comparison)
    assert '<s class="gone">Moscow buys missiles</s>' in page
    assert '<u class="new">Russia is buying millions of artillery shells and rockets</u>' in page
    assert '<span class="tag">hedge</span>' in page
    assert "not linked; possibly also in The Daily Telegraph" in page
    assert (
        "●" in page and "○" in page and 'aria-label="The Independent: does not report it"' in page
    )
    footer = visible_text(page[page.index('class="footer"') :])
    assert "all-MiniLM-L6-v2" in footer and "strictness 0.5" in footer and "0.1.0" in footer


def test_html_escapes_article_text(sample_comparison):
    hostile = 'Officials said <script>alert("x")</script> & <b>more</b>'
    article = sample_comparison.articles[1]
    sentences = list(article.sentences)
    sentences[7] = dataclasses.replace(sentences[7], text=hostile)  # a fact only it reports
    articles = (
        sample_comparison.articles[0],
        dataclasses.replace(article, sentences=tuple(sentences)),
    )
    comparison = dataclasses.replace(sample_comparison, articles=articles)
    for page in (comparison_html(comparison), worksheet_html(comparison)):
        assert "<script" not in page and "<b>more" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in page


def test_manual_link_is_marked_linked_by_hand(sample_comparison):
    comparison = with_manual_link(sample_comparison)
    assert "linked by hand" not in comparison_html(sample_comparison)
    page = comparison_html(comparison)
    assert page.count("linked by hand") == 1
    block = visible_text(page[page.index("linked by hand") - 2000 : page.index("linked by hand")])
    assert block.endswith(
        "reported by The Daily Telegraph and The Independent same fact · score 1.00 ·"
    )
    after = visible_text(page[page.index("linked by hand") :])
    assert after.startswith(
        "linked by hand · wording not compared The Daily Telegraph The declassified"
    )
    rows = list(csv.DictReader(io.StringIO(links_csv(comparison))))
    manual = [r for r in rows if r["manual"] == "yes"]
    assert [(r["sentence_a"], r["sentence_b"]) for r in manual] == [("7", "7")]


def test_coverage_csv_has_one_row_per_group(sample_comparison):
    rows = list(csv.reader(io.StringIO(coverage_csv(sample_comparison))))
    header, body = rows[0], rows[1:]
    assert header[:5] == [
        "fact",
        "excerpt",
        "outlets",
        "The Daily Telegraph",
        "The Daily Telegraph text",
    ]
    assert len(body) == len(sample_comparison.groups)
    ryder = next(r for r in body if r[1].startswith("“Things are not going well"))
    # unlinked, but the Independent has a close sentence: not claimed absent from it
    assert ryder[2:4] == ["1", "present"] and ryder[5:7] == ["possibly", ""]


def test_links_csv_has_one_row_per_link(sample_comparison):
    rows = list(csv.DictReader(io.StringIO(links_csv(sample_comparison))))
    assert len(rows) == len(sample_comparison.links)
    first = rows[0]
    assert first["text_a"] == TELEGRAPH_HEADLINE and first["strength"] == "related"
    assert (
        "Moscow buys missiles → Russia is buying millions of artillery shells and rockets"
        in (first["changes"])
    )
    assert first["tags"] == "attribution, number, term" and first["manual"] == "no"


def test_csv_cells_that_look_like_formulas_are_defused(sample_comparison):
    article = sample_comparison.articles[1]
    sentences = list(article.sentences)
    # a linkable sentence no link touches: a fact of its own, so its text is the row's excerpt
    linked = {ref for link in sample_comparison.links for ref in (link.a, link.b)}
    own = next(i for i in article.linkable_indices() if (1, i) not in linked)
    sentences[own] = dataclasses.replace(sentences[own], text='=HYPERLINK("x","click")')
    articles = (
        sample_comparison.articles[0],
        dataclasses.replace(article, sentences=tuple(sentences)),
    )
    text = coverage_csv(dataclasses.replace(sample_comparison, articles=articles))
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert '\'=HYPERLINK("x","click")' in cells
    assert not any(c.startswith("=") for c in cells)


def test_write_csv_writes_coverage_and_links_beside_it(sample_comparison, tmp_path):
    coverage, links = write_csv(sample_comparison, tmp_path / "story.csv")
    assert links == links_path(coverage) == tmp_path / "story-links.csv"
    assert coverage.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    with coverage.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == len(sample_comparison.groups) + 1
    with links.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == len(sample_comparison.links) + 1


def test_worksheet_shows_no_marks_before_the_answer_key(sample_comparison):
    sheet = worksheet_html(sample_comparison)
    assert ".answers { page-break-before: always; }" in sheet
    questions, answers = sheet.split("<body>")[1].split('<div class="answers">')
    for mark in ("<s ", "<u ", "<s>", "<u>", 'class="tag"', "gone", "linked by hand"):
        assert mark not in questions
    seen = visible_text(questions)
    for group in passages(sample_comparison):
        for ref in group.members:
            assert " ".join(sample_comparison.sentence(ref).text.split()) in seen
    headline_question = (
        "Compare The Daily Telegraph's headline with the body: which word is not supported?"
    )
    assert headline_question in seen
    assert "What does The Independent add that the others leave out?" in seen
    key = visible_text(answers)
    assert key.startswith("Answer key") and MISSILES_FINDING in key
    hedge = (
        "The Daily Telegraph says “was expected to buy” where The Independent says "
        "“could purchase”."
    )
    assert hedge in key


def test_blind_worksheet_hides_the_outlets_until_the_key(sample_comparison):
    sheet = worksheet_html(sample_comparison, blind=True)
    questions, answers = sheet.split('<div class="answers">')
    assert "Outlet A" in questions and "Outlet B" in questions
    assert "Telegraph" not in questions and "Independent" not in questions
    assert "Outlet A is The Daily Telegraph; Outlet B is The Independent." in visible_text(answers)
    assert "Answer key" not in worksheet_html(sample_comparison, answer_key=False)


def pdf_pages(path) -> list[str]:
    from pdfminer.high_level import extract_pages

    return [
        " ".join("".join(el.get_text() for el in page if hasattr(el, "get_text")).split())
        for page in extract_pages(str(path))
    ]


def test_pdf_is_real_text_with_the_headline_and_a_finding(sample_comparison, tmp_path, qapp):
    from pdfminer.high_level import extract_text

    from narrdiff.app.files.pdf import write_pdf

    path = write_pdf(comparison_html(sample_comparison, for_qt=True), tmp_path / "report.pdf")
    text = " ".join(extract_text(str(path)).split())
    assert TELEGRAPH_HEADLINE in text
    assert "calls North Korea and Iran “pariah regimes”" in text


def test_pdf_worksheet_puts_the_answer_key_on_a_new_page(sample_comparison, tmp_path, qapp):
    from narrdiff.app.files.pdf import write_pdf

    path = write_pdf(worksheet_html(sample_comparison, for_qt=True), tmp_path / "sheet.pdf")
    pages = pdf_pages(path)
    starts = [n for n, text in enumerate(pages) if "Answer key" in text]
    assert len(starts) == 1 and pages[starts[0]].startswith("Answer key")
    assert not any(MISSILES_FINDING in text for text in pages[: starts[0]])
    assert MISSILES_FINDING in pages[starts[0]]


def test_pdf_paper_follows_the_locale(sample_comparison, tmp_path, qapp):
    from pdfminer.pdfpage import PDFPage
    from PySide6.QtCore import QLocale
    from PySide6.QtGui import QPageSize

    from narrdiff.app.files.pdf import default_page_size, write_pdf

    assert default_page_size(QLocale("en_US")).id() == QPageSize.PageSizeId.Letter
    assert default_page_size(QLocale("en_CA")).id() == QPageSize.PageSizeId.Letter
    assert default_page_size(QLocale("en_GB")).id() == QPageSize.PageSizeId.A4
    assert default_page_size(QLocale("de_DE")).id() == QPageSize.PageSizeId.A4
    for size_id, points in (
        (QPageSize.PageSizeId.Letter, (612, 792)),
        (QPageSize.PageSizeId.A4, (595, 842)),
    ):
        path = write_pdf("<p>Hello</p>", tmp_path / "p.pdf", page_size=QPageSize(size_id))
        with path.open("rb") as handle:
            box = next(PDFPage.get_pages(handle)).mediabox
        assert (round(box[2] - box[0]), round(box[3] - box[1])) == points


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "narrdiff", "compare", "--samples", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_writes_html_and_pdf(tmp_path):
    page, pdf = tmp_path / "x.html", tmp_path / "x.pdf"
    result = run_cli("--format", "html", "-o", str(page))
    assert result.returncode == 0, result.stderr
    assert TELEGRAPH_HEADLINE in page.read_text(encoding="utf-8")
    result = run_cli("--format", "pdf", "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


def test_cli_worksheet_and_csv(tmp_path):
    result = run_cli("--format", "html", "--worksheet", "--blind")
    assert result.returncode == 0, result.stderr
    assert "Outlet A" in result.stdout and "Answer key" in result.stdout
    result = run_cli("--format", "csv", "-o", str(tmp_path / "c.csv"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "c-links.csv").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "--format pdf needs -o OUT.pdf"),
        (["--format", "text", "--worksheet"], "--worksheet works with --format html or pdf"),
        (["--format", "html", "--blind"], "--blind works with --worksheet"),
    ],
)
def test_cli_refuses_formats_that_do_not_fit(args, message):
    result = run_cli(*args)
    assert result.returncode == 2
    assert message in result.stderr
