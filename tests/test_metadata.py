"""Byline and date read off the top of a plain-text article, and carried into the Article."""

from __future__ import annotations

from narrdiff.core.ingest.metadata import find_byline, find_published, first_lines, iso_date
from narrdiff.core.ingest.read import document_from_text
from narrdiff.core.link.parsed import parse_documents
from narrdiff.core.parse.article import parse_article

COPIED = """World
Russia buying North Korean shells, US says
By Jane Smith and Tom Lee, Political Editors
Updated 10:42 GMT 6 September 2022

Russia is buying millions of artillery shells from North Korea, officials said on Monday.

On 1 March 2021 a different deal was signed, by all accounts."""


def test_byline_and_dateline_from_the_first_lines():
    doc = document_from_text(COPIED)
    assert (doc.byline, doc.published) == ("Jane Smith and Tom Lee", "2022-09-06")
    [article] = parse_documents([doc])  # the language is detected while parsing
    assert (article.byline, article.published, article.language) == (
        "Jane Smith and Tom Lee",
        "2022-09-06",
        "en",
    )


def test_date_forms():
    assert iso_date("6 September 2022") == "2022-09-06"
    assert iso_date("Mon 5 Sep 2022 10.42 BST") == "2022-09-05"
    assert iso_date("September 6th, 2022") == "2022-09-06"
    assert iso_date("Published 2022-09-06T10:42") == "2022-09-06"
    assert iso_date("31 February 2022") is None
    assert iso_date("in 2022") is None


def test_time_only_dateline_is_kept_as_written_and_story_text_is_ignored():
    assert find_published(["Updated 10:42 GMT"]) == "Updated 10:42 GMT"
    long_line = "On 6 September 2022 the ministry said it had bought shells from the north."
    assert find_published([long_line]) is None  # a sentence of the story, not a dateline


def test_byline_needs_a_name_near_the_top():
    assert find_byline(first_lines("Headline here\nBY JANE SMITH\n\nText.")) == "JANE SMITH"
    assert find_byline(["by all accounts the deal is done"]) is None
    assert find_byline(["By Monday the deal was done"]) is None
    text = "\n".join(["Line"] * 9 + ["By Jane Smith"])
    assert find_byline(first_lines(text)) is None


def test_byline_line_found_by_roles_fills_the_article():
    doc = document_from_text(
        "Moscow buys shells\n\nJulian Borger, World Affairs Editor\n\n"
        "Russia is buying shells from North Korea, officials said on Monday."
    )
    assert doc.byline is None
    assert parse_article(doc).byline == "Julian Borger"
