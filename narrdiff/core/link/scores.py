"""The link evidence of one comparison that no strictness changes, computed once and kept.

`LinkScores` holds, for every article pair (a < b), the (n_a, n_b) float64 matrices the aligner
decides from: the cosine of the sentence vectors (clipped to [0, 1]) and the lexical overlap
(narrdiff.core.link.overlap), over the linkable sentences only. `compare()` builds it on the
worker, the Comparison keeps it, and `relink()` only re-applies thresholds to it:
`links(options)` gives exactly what `align.link_articles` gives for the same sentences and
vectors, without the vectors' matmul or the lexical index.

A different scorer fits in the same place: what it computes once per article pair goes into
`PairEvidence`; the decision at given options stays in `align`. This module decides nothing
itself, never calls an encoder and never imports Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from narrdiff.core.link import align
from narrdiff.core.link.overlap import LexicalIndex
from narrdiff.core.model import RELATED, SAME


@dataclass(frozen=True, eq=False)
class PairEvidence:
    """What one article pair's links are decided from.

    cosine: (n_a, n_b) float64 dot products of the unit vectors, clipped to [0, 1].
    lexical: (n_a, n_b) float64 IDF-weighted overlap of content words, in [0, 1].
    """

    cosine: np.ndarray
    lexical: np.ndarray


class LinkScores:
    """Per article pair (a < b), the evidence of every sentence pair, for any strictness.

    texts[k]: the linkable sentences of article k; vectors[k]: their (n_k, dim) unit vectors,
    row for row (as for `align.link_articles`). Read-only once built, so threads may share it.
    """

    def __init__(self, texts: Sequence[Sequence[str]], vectors: Sequence[np.ndarray]) -> None:
        if len(texts) != len(vectors):
            raise ValueError("texts and vectors need one entry per article")
        mats = [align._as_matrix(t, v) for t, v in zip(texts, vectors, strict=True)]
        index = LexicalIndex(texts)
        self.sizes = tuple(len(t) for t in texts)
        cosine = _all_cosines(mats)
        ends = np.cumsum([0, *self.sizes])
        self._pairs: dict[tuple[int, int], PairEvidence] = {}
        for a in range(len(texts)):
            for b in range(a + 1, len(texts)):
                block = cosine[ends[a] : ends[a + 1], ends[b] : ends[b + 1]]
                self._pairs[a, b] = PairEvidence(block, index.overlap(a, b))

    def pair(self, a: int, b: int) -> PairEvidence:
        """The evidence of article a against article b (a < b)."""
        return self._pairs[a, b]

    def links(self, options: align.AlignOptions) -> list[align.LinkTuple]:
        """Links between every pair of articles at `options`, sorted by (a, i, b, j)."""
        links: list[align.LinkTuple] = []
        for (a, b), evidence in self._pairs.items():
            score = align.blend(evidence.cosine, evidence.lexical, options)
            for i, j in zip(*np.nonzero(align.decide_links(score, options)), strict=True):
                s = float(score[i, j])
                links.append((a, int(i), b, int(j), s, SAME if s >= options.same else RELATED))
        return links


def _all_cosines(mats: Sequence[np.ndarray]) -> np.ndarray:
    """(N, N) float64 clipped dot products of all N sentences of the comparison, in one product.

    One large product instead of one per article pair: 190 small ones (20 articles) spent most
    of their time starting BLAS threads, seconds when other work shares the cores.
    """
    rows = [m.astype(np.float64) for m in mats if len(m)]
    if not rows:
        return np.zeros((0, 0))
    stacked = np.concatenate(rows)
    return np.clip(stacked @ stacked.T, 0.0, 1.0)
