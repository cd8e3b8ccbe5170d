"""Word-level differences of linked sentences (diff-match-patch on word tokens)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from narrdiff.core.diff.wording import diff_words, tokenize


def test_term_swap_is_one_replace_with_offsets():
    a = "Moscow buys missiles from North Korea"
    b = "Moscow buys artillery shells and rockets from North Korea"
    [change] = diff_words(a, b)
    assert change.kind == "replace"
    assert (change.a, change.b) == ("missiles", "artillery shells and rockets")
    assert a[change.a_start : change.a_end] == "missiles"
    assert b[change.b_start : change.b_end] == "artillery shells and rockets"


def test_a_reworded_headline_keeps_its_anchors():
    a = "Moscow buys missiles from North Korea as sanctions bite"
    b = (
        "Russia is buying millions of artillery shells and rockets from North Korea for its war "
        "in Ukraine, according to US intelligence."
    )
    changes = [(c.a, c.b) for c in diff_words(a, b)]
    assert changes == [
        ("Moscow buys missiles", "Russia is buying millions of artillery shells and rockets"),
        ("as sanctions bite", "for its war in Ukraine, according to US intelligence"),
    ]


def test_insertion_and_deletion_sides():
    a = "according to US intelligence."
    b = "according to newly declassified US intelligence."
    [change] = diff_words(a, b)
    assert change.kind == "insert"
    assert change.a == "" and change.b == "newly declassified"
    assert change.a_start == change.a_end == a.index("US")
    [back] = diff_words(b, a)
    assert back.kind == "delete" and back.a == "newly declassified" and back.b == ""


def test_identical_sentences_have_no_changes():
    text = "Russia is buying millions of artillery shells and rockets from North Korea."
    assert diff_words(text, text) == []


def test_house_style_is_not_a_wording_change():
    # capitals, curly vs straight apostrophes and extra spaces are typography, not wording
    a = "RUSSIA’s ambassador said  workers could be sent."
    b = "Russia's ambassador said workers could be sent."
    assert diff_words(a, b) == []


def test_punctuation_only_difference_is_dropped():
    assert diff_words("The war drags on.", "The war drags on!") == []


def test_hyphenated_words_are_single_tokens():
    [change] = diff_words("Iranian-manufactured drones", "Iranian-made drones")
    assert (change.a, change.b) == ("Iranian-manufactured", "Iranian-made")


def test_tokens_cover_text_without_gaps():
    text = "“Things are not going well,” Ryder said — 3.5% of U.S. stock."
    spans = tokenize(text)
    assert "".join(text[s:e] for s, e in spans) == text


words = st.lists(
    st.sampled_from("the a Russia shells rockets buys buying said 3 three , .".split()), max_size=25
)


@given(words, words)
def test_spans_always_point_at_change_text(wa, wb):
    a, b = " ".join(wa), " ".join(wb)
    for change in diff_words(a, b):
        assert a[change.a_start : change.a_end] == change.a
        assert b[change.b_start : change.b_end] == change.b
        assert change.kind in ("replace", "insert", "delete")
        assert change.a or change.b
