"""The link evidence of one comparison that no strictness changes, computed once and kept.

`LinkScores` holds, for every article pair (a < b), what the aligner decides from: the learned
scorer's calibrated probability that two sentences report one fact (narrdiff.core.link.scorer,
over cosines, lexical overlap, names, numbers, dates and neighbours) and the blended similarity
the absolute floor reads. `compare()` builds it on the worker, the Comparison keeps it, and
`relink()` only re-applies the bands of another strictness to it (`align.links_from`): no
encoder call, no feature computed again.

Only the candidates are kept: the sentence pairs that the loosest bands asked for (`keep`:
the strictness-0 bands in the pipeline) let through, a sparse list per article pair. Dense
(n_a, n_b) float64 matrices of every pair took 540 MB for 24 articles of 5,000 words, nearly
all of it for pairs no strictness links. Bands looser than those kept are refused
(`covers`), so a caller cannot silently miss links.

It decides nothing itself, never calls an encoder and never imports Qt. Read-only once built,
so threads may share it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from narrdiff.core.link import scorer
from narrdiff.core.link.overlap import LexicalIndex

DECIMALS = 6  # rounded so that float noise cannot break symmetry at a threshold
SCORING_THREADS = max(1, min(2, os.cpu_count() or 1))
"""Threads scoring article pairs: two cut the scoring of 24 articles of 5,000 words by a fifth
(39.5 s to 31.6 s on two cores); more would hold more pairs' feature arrays at once."""


@dataclass(frozen=True, eq=False)
class PairEvidence:
    """The candidate sentence pairs of one article pair, in row-major order (by i, then j).

    rows, cols: (m,) int32 sentence indices in a and in b.
    p: (m,) float64 calibrated probability that the two sentences report one fact.
    score: (m,) float64 blended similarity in [0, 1] (cosine and lexical overlap), which the
        absolute floor reads and each link reports.
    """

    rows: np.ndarray
    cols: np.ndarray
    p: np.ndarray
    score: np.ndarray

    @classmethod
    def kept(cls, p: np.ndarray, score: np.ndarray, floor: float, link: float) -> PairEvidence:
        """The pairs of the (n_a, n_b) matrices p and score with p >= link and score >= floor."""
        rows, cols = np.nonzero((p >= link) & (score >= floor))
        return cls(rows.astype(np.int32), cols.astype(np.int32), p[rows, cols], score[rows, cols])


def as_matrix(texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    """vectors as an (n, dim) float32 matrix, checked against the n sentences it embeds."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.size == 0:
        matrix = matrix.reshape(0, matrix.shape[-1] if matrix.ndim == 2 else 0)
    if matrix.ndim != 2 or matrix.shape[0] != len(texts):
        raise ValueError(f"{len(texts)} sentences but vectors of shape {matrix.shape}")
    return matrix


class LinkScores:
    """Per article pair (a < b), the evidence of its candidate sentence pairs, for any strictness
    at least as strict as `keep`.

    texts[k]: the linkable sentences of article k; vectors[k]: their (n_k, dim) unit vectors,
    row for row. keep: (floor, link), the loosest bands any later decision will use; the
    pairs below them are dropped (default: keep every pair).
    """

    def __init__(
        self,
        texts: Sequence[Sequence[str]],
        vectors: Sequence[np.ndarray],
        keep: tuple[float, float] = (-np.inf, -np.inf),
    ) -> None:
        if len(texts) != len(vectors):
            raise ValueError("texts and vectors need one entry per article")
        self.sizes = tuple(len(t) for t in texts)
        self.keep = keep
        # One BLAS thread: the products here are many and small (sentences of two articles
        # against their few shared terms), and a threaded product of that size mostly waits for
        # its other thread; on a shared 2-core machine 24 long articles took 91 s, not 46 s.
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1, user_api="blas"):
            self._pairs = self._score(texts, vectors, keep)

    @staticmethod
    def _score(
        texts: Sequence[Sequence[str]], vectors: Sequence[np.ndarray], keep: tuple[float, float]
    ) -> dict[tuple[int, int], PairEvidence]:
        mats = [as_matrix(t, v) for t, v in zip(texts, vectors, strict=True)]
        model = scorer.shipped_model()
        index = LexicalIndex(texts)
        details = scorer.details(texts)
        sims = scorer.Similarities(mats)
        cos, lex = scorer.FEATURES.index("cos"), scorer.FEATURES.index("lex")

        def evidence(a: int, b: int, cosine: np.ndarray, span: np.ndarray) -> PairEvidence:
            x = scorer.pair_features(cosine, span, index.overlap(a, b), details[a], details[b])
            score = np.round(scorer.blend(x[:, :, cos], x[:, :, lex]), DECIMALS)
            p = np.round(model.probability(x), DECIMALS)
            return PairEvidence.kept(p, score, *keep)

        pairs: dict[tuple[int, int], PairEvidence] = {}
        # Article pairs are scored on SCORING_THREADS threads: numpy lets go of the GIL in its
        # loops, and each pair's work is its own. Similarities keeps one stripe and is not
        # thread-safe, so its views are taken here, one article's pairs at a time (which also
        # bounds the pairs in flight, and the memory they hold).
        with ThreadPoolExecutor(max_workers=SCORING_THREADS) as pool:
            for a in range(len(texts)):
                jobs = {
                    b: pool.submit(evidence, a, b, sims.cosine(a, b), sims.span(a, b))
                    for b in range(a + 1, len(texts))
                }
                for b, job in jobs.items():
                    pairs[a, b] = job.result()
        return pairs

    def covers(self, floor: float, link: float) -> bool:
        """Whether every pair that bands `floor` and `link` let through was kept."""
        return floor >= self.keep[0] and link >= self.keep[1]

    @classmethod
    def restored(
        cls,
        sizes: Sequence[int],
        pairs: dict[tuple[int, int], PairEvidence],
        keep: tuple[float, float],
    ) -> LinkScores:
        """Evidence computed before with these `keep` bands (core/link/kept.py), one entry per
        article pair a < b."""
        scores = cls.__new__(cls)
        scores.sizes = tuple(sizes)
        scores._pairs = dict(pairs)
        scores.keep = keep
        return scores

    def pair(self, a: int, b: int) -> PairEvidence:
        """The evidence of article a against article b (a < b)."""
        return self._pairs[a, b]

    def pairs(self) -> Iterator[tuple[int, int, PairEvidence]]:
        """(a, b, evidence) for every article pair, a < b, in order."""
        for (a, b), evidence in self._pairs.items():
            yield a, b, evidence
