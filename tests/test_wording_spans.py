"""Word diffs of real linked sentences keep their change spans, whichever diff engine runs.

The spans below were recorded from the pure-Python diff-match-patch (three linked pairs from the
ECB+ stories in shared/bench/articles), before the compiled engine took over; a property test
checks the compiled engine against the pure-Python one, the reference, on random sentences.
"""

from __future__ import annotations

import sys
import threading

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


def test_a_full_code_table_is_replaced_and_changes_stay_the_same(monkeypatch):
    monkeypatch.setattr(wording, "TABLE_TOKENS", 10)  # every real pair holds more tokens
    for a, b, expected in REAL_PAIRS:
        table = wording._code_table()
        assert _spans(a, b) == expected
        assert wording._code_table() is not table  # filled by the pair, so replaced


def test_threads_coding_new_tokens_at_once_get_the_changes_one_thread_gets(monkeypatch):
    """The compare worker and the re-link thread share the code table; a token coded twice at
    once must not give two tokens one code (that would hide a change). A race can only be
    provoked, not forced: without the table's lock this failed in 3 of 4 runs."""
    words = [f"w{k}" for k in range(3000)]
    pairs = [
        (" ".join(words[k : k + 30]), " ".join(words[k + 3 : k + 33])) for k in range(0, 2900, 7)
    ]
    monkeypatch.setattr(wording, "_codes", wording._TokenCodes())
    serial = [diff_words(a, b) for a, b in pairs]
    results: dict[tuple[int, int], list] = {}

    def work(turn: int, k: int) -> None:
        order = pairs if k % 2 == 0 else pairs[::-1]
        found = {pair: diff_words(*pair) for pair in order}
        results[turn, k] = [found[pair] for pair in pairs]

    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as CPython allows
    try:
        for turn in range(5):  # a fresh table each round: every token is new again
            monkeypatch.setattr(wording, "_codes", wording._TokenCodes())
            threads = [threading.Thread(target=work, args=(turn, k)) for k in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
    finally:
        sys.setswitchinterval(previous)
    assert len(results) == 20
    assert all(found == serial for found in results.values())
