"""The link evidence of one comparison that no strictness changes, computed once and kept.

`LinkScores` holds, for every article pair (a < b), the (n_a, n_b) float64 matrices the aligner
decides from: the learned scorer's calibrated probability that two sentences report one fact
(narrdiff.core.link.scorer, over cosines, lexical overlap, names, numbers, dates and
neighbours) and the blended similarity the absolute floor reads. `compare()` builds it on the
worker, the Comparison keeps it, and `relink()` only re-applies the bands of another strictness
to it (`align.links_from`): no encoder call, no feature computed again.

It decides nothing itself, never calls an encoder and never imports Qt. Read-only once built,
so threads may share it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from narrdiff.core.link import scorer
from narrdiff.core.link.overlap import LexicalIndex

DECIMALS = 6  # rounded so that float noise cannot break symmetry at a threshold


@dataclass(frozen=True, eq=False)
class PairEvidence:
    """What one article pair's links are decided from.

    p: (n_a, n_b) float64 calibrated probability that the two sentences report one fact.
    score: (n_a, n_b) float64 blended similarity in [0, 1] (cosine and lexical overlap), which
        the absolute floor reads and each link reports.
    """

    p: np.ndarray
    score: np.ndarray


def as_matrix(texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    """vectors as an (n, dim) float32 matrix, checked against the n sentences it embeds."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.size == 0:
        matrix = matrix.reshape(0, matrix.shape[-1] if matrix.ndim == 2 else 0)
    if matrix.ndim != 2 or matrix.shape[0] != len(texts):
        raise ValueError(f"{len(texts)} sentences but vectors of shape {matrix.shape}")
    return matrix


class LinkScores:
    """Per article pair (a < b), the evidence of every sentence pair, for any strictness.

    texts[k]: the linkable sentences of article k; vectors[k]: their (n_k, dim) unit vectors,
    row for row.
    """

    def __init__(self, texts: Sequence[Sequence[str]], vectors: Sequence[np.ndarray]) -> None:
        if len(texts) != len(vectors):
            raise ValueError("texts and vectors need one entry per article")
        mats = [as_matrix(t, v) for t, v in zip(texts, vectors, strict=True)]
        self.sizes = tuple(len(t) for t in texts)
        model = scorer.shipped_model()
        index = LexicalIndex(texts)
        details = scorer.details(texts)
        sims = scorer.Similarities(mats)
        cos, lex = scorer.FEATURES.index("cos"), scorer.FEATURES.index("lex")
        self._pairs: dict[tuple[int, int], PairEvidence] = {}
        for a in range(len(texts)):
            for b in range(a + 1, len(texts)):
                x = scorer.pair_features(
                    sims.cosine(a, b), sims.span(a, b), index.overlap(a, b), details[a], details[b]
                )
                score = np.round(scorer.blend(x[:, :, cos], x[:, :, lex]), DECIMALS)
                p = np.round(model.probability(x), DECIMALS)
                self._pairs[a, b] = PairEvidence(p, score)

    @classmethod
    def kept(cls, sizes: Sequence[int], pairs: dict[tuple[int, int], PairEvidence]) -> LinkScores:
        """Evidence computed before (core/link/kept.py), one entry per article pair a < b."""
        scores = cls.__new__(cls)
        scores.sizes = tuple(sizes)
        scores._pairs = dict(pairs)
        return scores

    def pair(self, a: int, b: int) -> PairEvidence:
        """The evidence of article a against article b (a < b)."""
        return self._pairs[a, b]

    def pairs(self) -> Iterator[tuple[int, int, PairEvidence]]:
        """(a, b, evidence) for every article pair, a < b, in order."""
        for (a, b), evidence in self._pairs.items():
            yield a, b, evidence
