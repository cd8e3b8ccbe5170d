"""Sentence splitting: quotes with attributions, abbreviations, numbers, exact spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrdiff.core.parse import segment
from narrdiff.core.parse.segment import split_sentences
from narrdiff.samples import sample_paths


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "“Things are not going well on that front,” Patrick Ryder, the Pentagon press secretary, "
        "said yesterday, confirming the reports that Russia has approached Pyongyang.",
        "“Is it over?” he asked.",
        "“Is it over?” Mr Smith asked.",
        "“Is it over?” asked Mr Smith.",
        "“Stop!” she shouted.",
        "“Why now?” the minister said on Tuesday.",
        "“Enough,” said the Pentagon press secretary.",
        "The U.S. Army said so.",
        "Mr. Smith met Gen. Jones and Dr. Watson at 10 a.m. on Monday.",
        "He lives on St. James St. near No. 10 Downing Street.",
        "Growth was 3.5 per cent, or £1.5bn, last year.",
        "J. R. R. Tolkien wrote it.",
        "Moscow buys missiles from North Korea as sanctions bite",
        "The Fed (led by J. Powell) acted.",
    ],
)
def test_one_sentence(text):
    assert sentences(text) == [text]


def test_quote_with_attribution_then_next_sentence():
    text = "“Is it over?” he asked. She did not answer."
    assert sentences(text) == ["“Is it over?” he asked.", "She did not answer."]


def test_two_sentences_inside_one_quotation_stay_with_their_attribution():
    text = "“We will win. They will lose,” he said. Then he left."
    assert sentences(text) == ["“We will win. They will lose,” he said.", "Then he left."]


def test_quotation_that_ends_a_sentence_is_split_from_the_next():
    text = "It was odd, he said. ‘Very odd.’ She agreed."
    assert sentences(text) == ["It was odd, he said.", "‘Very odd.’", "She agreed."]


def test_several_sentences_in_a_paragraph():
    text = "Prices rose 2.5%. The Fed acted! Did it work? Yes."
    assert sentences(text) == ["Prices rose 2.5%.", "The Fed acted!", "Did it work?", "Yes."]


def test_sentence_after_a_closing_quote_with_full_stop():
    text = "Officials said “we know.” Then more came."
    assert sentences(text) == ["Officials said “we know.”", "Then more came."]


def test_ellipses():
    assert sentences("He paused... Then he spoke.") == ["He paused...", "Then he spoke."]
    assert sentences("Wait… what? No.") == ["Wait… what?", "No."]


def test_brackets():
    text = "He left (for good). Then [sic] he came back."
    assert sentences(text) == ["He left (for good).", "Then [sic] he came back."]


def test_wire_dateline_and_abbreviation_at_sentence_end():
    text = "WASHINGTON (AP) — Russia is buying. The U.S. said so. He moved to the U.S. He liked it."
    assert sentences(text) == [
        "WASHINGTON (AP) — Russia is buying.",
        "The U.S. said so.",
        "He moved to the U.S.",
        "He liked it.",
    ]


def test_spans_are_trimmed_and_index_the_text_exactly():
    text = "  Officials  said   so.  Then   more.  "
    spans = split_sentences(text)
    assert spans == [(2, 23), (25, 37)]
    assert [text[a:b] for a, b in spans] == ["Officials  said   so.", "Then   more."]


def test_repeated_sentences_get_distinct_spans():
    text = "He said no. He said no. He said no."
    assert split_sentences(text) == [(0, 11), (12, 23), (24, 35)]


def test_empty_and_blank_text():
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []


_ALPHABET = st.sampled_from(list("abc XYZ.?!,“”’'\"()-…0123456789\n\t"))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_spans_are_ordered_trimmed_and_cover_every_word(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())


# words pysbd treats specially (abbreviations, initials, numbers, lists), so that its processor
# rewrites and restores text, and sentences repeat (the case a literal search must get right)
_PIECES = st.sampled_from(
    [
        "Dr. Smith said so.",
        "Mr. Jones",
        "the U.S. army",
        "at 3 p.m. on Monday",
        "It rose 2.5 per cent.",
        "No.",
        "Yes!",
        "Why?",
        "“It is over,” he said.",
        "(see page 4.)",
        "a) first b) second",
        "J. R. R. Tolkien wrote it.",
        "...",
        " ",
        "\n",
        "\u00a0",
        "\u2003",
        "e.g. this",
        "Inc. shares fell.",
        "x",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map(" ".join) | st.text(alphabet=_ALPHABET, max_size=80))
def test_sentences_are_located_exactly_as_pysbd_locates_them(text):
    # narrdiff finds pysbd's sentences in the text with str.find instead of pysbd's regex per
    # sentence (which recompiled a pattern for every sentence); the result must be identical
    assert segment._pysbd_sentences(text) == segment._segmenter().segment(text)


def test_sentences_of_the_samples_are_located_exactly_as_pysbd_locates_them():
    for path in sample_paths():
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            expected = segment._segmenter().segment(paragraph)
            assert segment._pysbd_sentences(paragraph) == expected
