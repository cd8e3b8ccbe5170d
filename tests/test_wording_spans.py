"""Word diffs of real linked sentences keep their change spans, whichever diff engine runs.

The spans below were recorded from the pure-Python diff-match-patch (three linked pairs from the
ECB+ stories in shared/bench/articles), before the compiled engine took over; a property test
checks the compiled engine against the pure-Python one, the reference, on random sentences.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrdiff.core.diff import wording
from narrdiff.core.diff.wording import diff_words

REAL_PAIRS = [
    (
        "Reggie Bush is done, for the season at least.",
        "Running back Reggie Bush will miss the final two games of the New Orleans Saints' season.",
        [
            ("insert", "", "Running back", 0, 0, 0, 12),
            (
                "replace",
                "is done, for the season at least",
                "will miss the final two games of the New Orleans Saints' season",
                12,
                44,
                25,
                88,
            ),
        ],
    ),
    (
        "An alleged Mafia boss who was caught on wiretaps purportedly discussing Cosa Nostra's "
        "new hierarchy hanged himself in a Sicilian jail hours after his arrest, police said "
        "Wednesday.",
        "Police said Lo Presti, alleged boss of a Sicilian Mafia clan in a district of Palermo, "
        "hanged himself in his cell.",
        [
            ("replace", "An alleged Mafia", "Police said Lo Presti, alleged", 0, 16, 0, 30),
            (
                "replace",
                "who was caught on wiretaps purportedly discussing Cosa Nostra's new hierarchy",
                "of a Sicilian Mafia clan in a district of Palermo",
                22,
                99,
                36,
                85,
            ),
            (
                "replace",
                "a Sicilian jail hours after his arrest, police said Wednesday",
                "his cell",
                118,
                179,
                105,
                113,
            ),
        ],
    ),
    (
        "From the outset President Nixon suspected him of being the leaker and five times "
        "ordered the FBI director Patrick Gray to fire him.",
        "The president instead chose a politically loyal Justice Department official, L. Patrick "
        "Gray, who later followed orders from the White House to destroy documents in the case.",
        [
            ("replace", "From the outset", "The", 0, 15, 0, 3),
            (
                "replace",
                "Nixon suspected him of being the leaker and five times ordered the FBI director "
                "Patrick Gray to fire him",
                "instead chose a politically loyal Justice Department official, L. Patrick Gray, "
                "who later followed orders from the White House to destroy documents in the case",
                26,
                130,
                14,
                173,
            ),
        ],
    ),
]


def _spans(a: str, b: str) -> list[tuple]:
    return [(c.kind, c.a, c.b, c.a_start, c.a_end, c.b_start, c.b_end) for c in diff_words(a, b)]


@pytest.mark.parametrize("a, b, expected", REAL_PAIRS)
def test_real_linked_pairs_keep_their_change_spans(a, b, expected):
    assert _spans(a, b) == expected


WORDS = ["Russia", "buys", "the", "shells", "of", "North", "Korea", ",", "said", "its", "5,000"]
sentence = st.lists(st.sampled_from(WORDS), min_size=0, max_size=40).map(" ".join)


@pytest.mark.skipif(wording._compiled is None, reason="the compiled build is not installed")
@settings(max_examples=300, deadline=None)
@given(sentence, sentence)
def test_the_compiled_engine_agrees_with_the_pure_python_reference(a, b):
    assert diff_words(a, b) == diff_words(a, b, reference=True)
