"""Documents to Articles: paragraphs, roles, sentences and their offsets."""

from __future__ import annotations

from importlib.resources import files

from hypothesis import given, settings
from hypothesis import strategies as st

from narrdiff.core.ingest.read import document_from_text, read_document
from narrdiff.core.model import BODY, BOILERPLATE, HEADLINE, OUTLET, SECTION, Document
from narrdiff.core.parse.article import paragraph_spans, parse_article


def seed(name: str) -> Document:
    return read_document(str(files("narrdiff.sample_articles").joinpath(name)))


def assert_exact_offsets(article) -> None:
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text
    starts = [s.start for s in article.sentences]
    assert starts == sorted(starts)


def test_telegraph_seed():
    doc = seed("the-daily-telegraph-2022-09.txt")
    article = parse_article(doc)
    assert article.text == doc.text
    assert article.outlet == "The Daily Telegraph"
    assert article.label == "The Daily Telegraph"
    assert article.headline == "Moscow buys missiles from North Korea as sanctions bite"
    roles = [s.role for s in article.sentences]
    assert roles[:2] == [OUTLET, HEADLINE]
    assert roles[-2:] == [BOILERPLATE, BOILERPLATE]
    assert roles.count(BODY) == 11
    ryder = [s for s in article.sentences if "Patrick Ryder" in s.text]
    assert len(ryder) == 1 and ryder[0].text.endswith("approached Pyongyang.")
    assert ryder[0].paragraph == 5
    assert_exact_offsets(article)


def test_independent_seed():
    article = parse_article(seed("the-independent-2022-09.txt"))
    assert article.outlet is None and article.headline is None
    assert article.label == "The Independent"  # tidied from the file name
    assert article.sentences[0].role == SECTION and article.sentences[0].text == "World"
    assert article.sentences[1].text.startswith("Russia is buying millions of artillery shells")
    assert article.sentences[1].role == BODY
    assert len(article.linkable_indices()) == 13
    boilerplate = [s.text for s in article.sentences if s.role == BOILERPLATE]
    assert "0:53" in boilerplate and "More on North Korea" in boilerplate
    assert_exact_offsets(article)


def test_hard_wrapped_paragraph_offsets_index_the_original_text():
    text = (
        "Officials said the deal was\nclose. Russia will pay\nin cash.\n\n"
        "“Is it over?” he\nasked.\n\nNobody answered."
    )
    article = parse_article(document_from_text(text))
    assert [s.text for s in article.sentences] == [
        "Officials said the deal was\nclose.",
        "Russia will pay\nin cash.",
        "“Is it over?” he\nasked.",
        "Nobody answered.",
    ]
    assert [s.paragraph for s in article.sentences] == [0, 0, 1, 2]
    assert all(s.role == BODY for s in article.sentences)
    assert_exact_offsets(article)


def test_text_without_blank_lines_has_one_paragraph_per_line():
    text = "The Daily Telegraph\nMoscow buys missiles\nRussia is buying shells. It pays cash."
    assert paragraph_spans(text) == [(0, 19), (20, 40), (41, 79)]
    article = parse_article(document_from_text(text))
    assert [s.role for s in article.sentences] == [OUTLET, HEADLINE, BODY, BODY]
    assert article.sentences[3].text == "It pays cash."


def test_paragraph_spans_trim_whitespace_and_skip_blank_runs():
    text = "  First para.  \n \n\n\t\nSecond\nline.\n\n"
    assert [text[a:b] for a, b in paragraph_spans(text)] == ["First para.", "Second\nline."]


def test_html_title_hint_not_in_text_still_sets_headline():
    doc = Document(
        name="page",
        source="page.html",
        text="Russia is buying shells from North Korea.\n\nOfficials confirmed it.",
        title="Moscow buys missiles",
        site="The Telegraph",
    )
    article = parse_article(doc)
    assert article.headline == "Moscow buys missiles"
    assert article.outlet == "The Telegraph"
    assert [s.role for s in article.sentences] == [BODY, BODY]


def test_title_hint_marks_the_matching_paragraph_as_headline():
    doc = Document(
        name="page",
        source="page.html",
        text="Moscow buys missiles\n\nRussia is buying shells.\n\nOfficials confirmed it.",
        title="Moscow buys missiles | The Telegraph",
        site="The Telegraph",
    )
    article = parse_article(doc)
    assert article.sentences[0].role == HEADLINE
    assert article.headline == "Moscow buys missiles"


def test_sentences_per_line_mode():
    text = "  First line. Still the first.  \n\nSecond line\nThird line!"
    article = parse_article(document_from_text(text), sentences_per_line=True)
    assert [s.text for s in article.sentences] == [
        "First line. Still the first.",
        "Second line",
        "Third line!",
    ]
    assert all(s.role == BODY for s in article.sentences)
    assert [s.paragraph for s in article.sentences] == [0, 1, 2]
    assert article.headline is None and article.outlet is None
    assert_exact_offsets(article)


_ALPHABET = st.sampled_from(list('ab XY.?!,“”"()…09:\n\n\t') + ["By ", "Mr. ", "0:53", "The Times"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, min_size=1, max_size=60).map("".join))
def test_any_text_gives_exact_ordered_non_overlapping_sentences(text):
    doc = Document(name="x", source="<x>", text=text)
    article = parse_article(doc)
    assert article.text == text
    end = 0
    for s in article.sentences:
        assert text[s.start : s.end] == s.text == s.text.strip()
        assert s.start >= end and s.text
        end = s.end
    words = "".join(text.split())
    assert "".join("".join(s.text.split()) for s in article.sentences) == words
