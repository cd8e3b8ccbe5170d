"""Sources: the people and organisations an article quotes or cites, as written."""

from __future__ import annotations

import pytest

from narrdiff.core.framing.attribution import attributions
from narrdiff.core.text.quotes import quote_spans, quoted_texts


def _sources(text: str) -> list[str]:
    return [a.source for a in attributions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“Things are not going well on that front,” Patrick Ryder, the Pentagon press "
            "secretary, said yesterday, confirming the reports.",
            ["Patrick Ryder"],
        ),
        ("A US official said that Moscow was expected to buy more.", ["a US official"]),
        (
            "Prices rose, according to newly declassified US intelligence.",
            ["US intelligence"],
        ),
        (
            "Moscow could buy more, the New York Times reported, citing a US intelligence finding.",
            ["the New York Times", "a US intelligence finding"],
        ),
        (
            "Shortages bite, a US official told the Associated Press.",
            ["a US official", "the Associated Press"],
        ),
        (
            "The New York Times quoted US government officials saying the sanctions worked.",
            ["The New York Times", "US government officials"],
        ),
        (
            "Russia’s ambassador to North Korea recently said workers could go.",
            ["Russia’s ambassador to North Korea"],
        ),
        ("Pyongyang has hinted about its interest.", ["Pyongyang"]),
        # a title with "the" after its link word is one source, not its last words
        (
            "The Minister for the Environment said the dam would be built.",
            ["The Minister for the Environment"],
        ),
        (
            "Secretary of the Interior Dirk Kempthorne said the rule was sound.",
            ["Secretary of the Interior Dirk Kempthorne"],
        ),
        ("A spokesman at the embassy said the talks went well.", ["a spokesman at the embassy"]),
        ("In a statement to the press the ministry said it regretted the delay.", ["the ministry"]),
        ("Analysts claimed the shells were old.", ["Analysts"]),
    ],
)
def test_attribution_patterns(text, expected):
    assert _sources(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Some of the drones are said to have mechanical flaws.",
        "It said nothing about the deal.",
        "The reports said little.",
        "“The minister said no,” is how the story began.",
    ],
)
def test_no_source_without_a_named_or_source_noun_subject(text):
    assert _sources(text) == []


def test_reporting_verb_force():
    [item] = attributions("The minister admitted the plan had failed.")
    assert (item.source, item.verb, item.force) == ("The minister", "admitted", "concessive")


def test_quotes_skip_apostrophes():
    text = "Russia‘s ambassador called it ‘a good deal’ and said “we agree”."
    assert quoted_texts(text) == ["a good deal", "we agree"]
    assert len(quote_spans("Ukraine’s army")) == 0


def test_sample_sources(sample_comparison):
    telegraph, independent = sample_comparison.sources
    assert telegraph == (
        "US intelligence",
        "US government officials",
        "Patrick Ryder",
        "Mason Clark",
        "The New York Times",
        "a US official",
        "Russia’s ambassador to North Korea",
    )
    assert independent == (
        "US intelligence",
        "Officials",
        "the New York Times",
        "the downgraded US intelligence finding",
        "a US official",
        "the Associated Press",
        "US government officials",
        "US President Joe Biden’s administration",
        "Reuters",
        "Pyongyang",
    )
    for name in telegraph + independent:
        assert name == name.strip(" ,.;:") and not name.endswith("yesterday")


def test_name_inside_an_apposition():
    [item] = attributions("The Pentagon spokesman, Patrick Ryder, insisted that talks had failed.")
    assert (item.source, item.force) == ("Patrick Ryder", "emphatic")


def test_told_an_audience_is_no_source():
    assert _sources("The minister told MPs the deal was done.") == ["The minister"]
