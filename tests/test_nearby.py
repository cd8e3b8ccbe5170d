"""Which adds narrdiff may call "only here": near matches and sentences with nothing to check."""

from __future__ import annotations

import numpy as np
from framing_cases import article

from narrdiff.core.framing import lens as framing
from narrdiff.core.model import Comparison, Group
from narrdiff.core.report.phrases import possibly_also


def _framed(a, b, vectors_a, vectors_b) -> Comparison:
    """Two unlinked articles with the given unit vectors as their stored embeddings."""
    groups = [Group(((k, i),)) for k, art in enumerate((a, b)) for i in art.linkable_indices()]
    embeddings = tuple(np.array(v, dtype=np.float32) for v in (vectors_a, vectors_b))
    return framing.apply(Comparison((a, b), (), tuple(groups), "test", embeddings=embeddings))


def test_only_here_excludes_near_matches_and_sentences_with_nothing_to_check():
    a = article(
        "The Post",
        [
            "The storm killed 12 people at Dover Harbour on Monday.",
            "Tourists left the beach in a hurry.",
            "The Channel Tunnel closed for 3 hours.",
        ],
    )
    b = article(
        "The Times",
        [
            "Twelve people died at Dover Harbour on Monday, the mayor said.",
            "Ferries to Calais were cancelled for the night.",
        ],
    )
    # the first sentences are far apart in meaning (cosine 0.3) but share names and the number
    vectors_a = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]
    vectors_b = [[0.3, 0, 0, 0.954], [0, 0, 0, 1]]
    result = _framed(a, b, vectors_a, vectors_b)
    assert result.adds(0) == [0, 1, 2]
    assert result.only_here(0) == [2]
    assert possibly_also(result, 0, 0) == "possibly also in The Times"
    assert possibly_also(result, 0, 1) == "no name, number or date to check it by"
    assert possibly_also(result, 0, 2) is None


def test_a_close_sentence_elsewhere_is_a_near_match():
    a = article("The Post", ["Calais harbour reopened on Tuesday morning."])
    b = article("The Times", ["The French port of Calais was open again by Tuesday."])
    close = _framed(a, b, [[1, 0]], [[0.6, 0.8]])
    assert close.possibly_also_in((0, 0)) == (1,)
    far = _framed(a, b, [[1, 0]], [[0.2, 0.98]])
    assert far.only_here(0) == [0]
