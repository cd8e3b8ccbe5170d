"""Each format reader on a file the test builds: text in reading order, metadata, sniffing."""

from __future__ import annotations

import pytest
from make_inputs import make_docx, make_eml, make_mht, make_two_column_pdf

from narrdiff.core.ingest.formats.reflow import reflow, vocabulary_of
from narrdiff.core.ingest.read import read_document
from narrdiff.core.link.parsed import parse_documents

PAGE = """<!DOCTYPE html><html><head><title>Moscow buys shells | The Telegraph</title>
<meta property="og:site_name" content="The Telegraph"><meta name="author" content="Jane Smith">
<meta property="article:published_time" content="2022-09-06T10:42:00Z"></head>
<body><article><h1>Moscow buys shells</h1>
<p>Russia is buying millions of artillery shells and rockets from North Korea, US officials
said on Monday in Washington.</p>
<p>The revelation comes on the heels of another disclosure that the Russian military has begun
receiving Iranian-made drones.</p></article></body></html>"""

LEFT = [
    [
        "Russia is buying millions of artillery",
        "shells and rockets from North Korea,",
        "American officials said on Monday.",
    ],
    [
        "The sanctions are a sign that inter-",
        "national pressure has severely",
        "restricted its supply chain, a self-",
        "propelled gun unit said.",
    ],
]
RIGHT = [
    ["In the right column, a second story", "continues about the Pentagon press", "secretary."],
    ["Ryder said things were not going well", "on that front for the Russian army."],
    ["3"],  # a page number
]


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    path = make_docx(
        tmp_path / "story.docx",
        ["By Jane Smith", "Russia is buying shells from North Korea, officials said."],
        table=[["Shells", "Millions"], ["Rockets", "Thousands"]],
        after_table=["The deal shows sanctions are working."],
        title="Moscow buys shells",
        author="Jane Smith",
    )
    doc = read_document(path)
    assert doc.text.split("\n\n") == [
        "Moscow buys shells",
        "By Jane Smith",
        "Russia is buying shells from North Korea, officials said.",
        "Shells | Millions",
        "Rockets | Thousands",
        "The deal shows sanctions are working.",
    ]
    assert (doc.title, doc.byline, doc.name) == ("Moscow buys shells", "Jane Smith", "story")


def test_two_column_pdf_reads_column_by_column_and_mends_hyphens(qapp, tmp_path):
    path = make_two_column_pdf(
        tmp_path / "print.pdf", LEFT, RIGHT, title="Moscow buys shells", author="Jane Smith"
    )
    doc = read_document(path)
    assert (doc.title, doc.byline) == ("Moscow buys shells", "Jane Smith")
    assert doc.text.split("\n\n") == [
        "Russia is buying millions of artillery shells and rockets from North Korea, "
        "American officials said on Monday.",  # NFKC: the font's "ﬃ" ligature is "ffi" again
        "The sanctions are a sign that international pressure has severely restricted its "
        "supply chain, a self-propelled gun unit said.",
        "In the right column, a second story continues about the Pentagon press secretary.",
        "Ryder said things were not going well on that front for the Russian army.",
    ]


def test_reflow_keeps_real_hyphens():
    vocabulary = vocabulary_of("a well-known man\nthe cease-fire held\nan international body")
    assert reflow(["the cease-", "fire held"], vocabulary) == "the cease-fire held"
    assert reflow(["an inter-", "national body"], vocabulary) == "an international body"
    assert reflow(["a self-", "propelled gun"], set()) == "a self-propelled gun"
    assert reflow(["North-", "Korean ties"], set()) == "North-Korean ties"
    assert reflow(["the war -", "a long one"], set()) == "the war - a long one"
    assert reflow(["unbro-", "ken words"], set()) == "unbroken words"
    assert reflow(["soft\u00ad", "ware"], {"soft-ware"}) == "software"


def test_email_plain_part_subject_and_date(tmp_path):
    path = make_eml(
        tmp_path / "newsletter.eml",
        "Moscow buys shells",
        plain="Russia is buying shells from North Korea.\n\nUS officials said so on Monday.",
        html="<p>HTML version that should not be used, officials said.</p>",
    )
    doc = read_document(path)
    assert (
        doc.text == "Russia is buying shells from North Korea.\n\nUS officials said so on Monday."
    )
    assert (doc.title, doc.published) == ("Moscow buys shells", "2022-09-06")


def test_email_with_only_html_goes_through_the_page_reader(tmp_path):
    doc = read_document(make_eml(tmp_path / "alert.eml", "Breaking: shells", html=PAGE))
    assert doc.title == "Breaking: shells"
    assert doc.byline == "Jane Smith" and doc.site == "The Telegraph"
    assert doc.text.startswith("Moscow buys shells\n\nRussia is buying millions")


def test_saved_web_page(tmp_path):
    doc = read_document(make_mht(tmp_path / "page.mhtml", PAGE))
    assert (doc.title, doc.site, doc.byline, doc.published) == (
        "Moscow buys shells",
        "The Telegraph",
        "Jane Smith",
        "2022-09-06",
    )
    assert "Iranian-made drones." in doc.text and "PNG" not in doc.text


def test_rtf(tmp_path):
    path = tmp_path / "memo.rtf"
    path.write_bytes(
        rb"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\pard "
        rb"The caf\'e9 owner said Russia is buying shells.\par US officials agreed.\par}"
    )
    assert read_document(path).text == (
        "The café owner said Russia is buying shells.\nUS officials agreed."
    )


@pytest.mark.parametrize("name", ["download", "story.bin", "story"])
def test_formats_are_sniffed_by_content_under_any_name(tmp_path, name):
    docx = make_docx(tmp_path / "a.docx", ["Russia is buying shells, officials said."])
    renamed = tmp_path / name
    docx.rename(renamed)
    assert read_document(renamed).text == "Russia is buying shells, officials said."
    mail = make_eml(tmp_path / "m.eml", "Subject line", plain="Shells were bought, he said.")
    mail.rename(renamed)
    assert read_document(renamed).title == "Subject line"


def test_a_text_starting_with_header_like_lines_stays_text(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("From: the newsroom\nDate: today\n\nRussia is buying shells.", "utf-8")
    assert read_document(path).text.startswith("From: the newsroom")


def test_metadata_reaches_the_article(tmp_path):
    doc = read_document(make_mht(tmp_path / "page.mht", PAGE))
    [article] = parse_documents([doc])  # the language is detected while parsing
    assert (article.byline, article.published, article.language) == (
        "Jane Smith",
        "2022-09-06",
        "en",
    )


def test_pdf_and_docx_imports_stay_lazy():
    import subprocess
    import sys

    code = (
        "import sys, narrdiff.core.ingest.read, narrdiff.core.parse.article;"
        "heavy = ('docx', 'pdfminer', 'striprtf', 'langdetect', 'trafilatura');"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
