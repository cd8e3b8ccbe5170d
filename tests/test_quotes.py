"""Quotation boundaries with marks of every kind, and stray marks that open or close nothing."""

from __future__ import annotations

import pytest

from narrdiff.core.text.quotes import quoted_texts


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        ("“We will stay,” the mayor said.", ["We will stay"]),
        (
            '"We will stay," the mayor said, "whatever happens."',
            ["We will stay", "whatever happens"],
        ),
        ("Er sagte „wir schaffen das“ und ging.", ["wir schaffen das"]),
        ("Il a dit « nous partons » hier.", ["nous partons"]),
        ("Er sagte »wir bleiben« und ging.", ["wir bleiben"]),
        ("He said ``we will win'' and left.", ["we will win"]),
        ("The mayor said ‘no’ to Russia’s offer.", ["no"]),
        # a mark left over from the previous sentence's quotation closes nothing
        ('" Anyone with information is asked to call the police.', []),
        (
            '" "I feel bad," said a man in goggles. "But this is a statement.',
            [
                "I feel bad",
                "But this is a statement",
            ],
        ),
        # a stray opener: the quotation starts afresh at the next one
        ("“The “Mean Girls” star fooled the judge.", ["Mean Girls"]),
        (
            'It was his act, "said Jerry Capeci, an author. He was "the last great Mafioso',
            ["the last great Mafioso"],
        ),
        # a closing mark that lost its space before a speech tag closes (the quotation opened
        # in the sentence before): the tag is no quotation
        ('They searched the other three boats, "a navy spokesman said. Rifles were seized.', []),
        ('I saw smoke everywhere, "testified Ann Lee, a neighbour of the family.', []),
        ('"It was chaos, "the mayor said before leaving.', ["It was chaos"]),
        # after a colon a mark opens, whatever follows
        ('He told reporters: "Police said nothing about it."', ["Police said nothing about it."]),
        # unclosed: the quotation goes on to the end of the sentence
        ("Police said: “The fire spread rapidly.", ["The fire spread rapidly."]),
    ],
)
def test_quotation_marks_of_every_kind(sentence, quoted):
    assert quoted_texts(sentence) == [q.rstrip(".") for q in quoted]
