"""Sentence alignment: which sentences of two articles report the same fact, and story groups.

Given, per article, its linkable sentences and their unit vectors, `link_articles` scores every
sentence pair of every article pair and keeps the pairs that clear the rules of `AlignOptions`;
`group_sentences` then gathers linked sentences across all articles into story units.

How a pair is scored and decided (numbers and what else was tried: bench/README.md):

1. score = (1 - w)·cosine + w·lexical, in [0, 1]. The lexical overlap (IDF over this comparison's
   sentences) rewards shared names, numbers and rare words that embeddings blur.
2. A pair links when its score clears a floor that depends on how the two sentences rank each
   other: mutual best partners need only `floor`; a pair where one side is the other's best
   needs `best_floor`; any pair at `sure` or above links regardless of rank.
3. One-to-many: next to a link (the sentence before or after, on either side), a pair also links
   at `neighbour_floor` if it is within `neighbour_margin` of a best score. One outlet often
   splits into two adjacent sentences what another says in one.

Rules this module keeps:
- order-free: outlets reorder facts, so nothing assumes monotonic order (only the one-to-many
  step looks at adjacency, and only next to an existing link);
- symmetric: swapping two articles mirrors the links exactly;
- an absolute floor: unrelated articles get (almost) no links, however the scores rank;
- no encoder calls: the GUI re-links live from cached vectors, so this is pure numpy. It never
  imports Qt and never prints.

Glossary
--------
cosine    (n_a, n_b) dot products of the sentence vectors, clipped to [0, 1].
lexical   (n_a, n_b) IDF-weighted cosine of content words (see narrdiff.core.link.overlap).
score     the blend that decisions and the report use.
best      a sentence's highest score against the other article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from narrdiff.core.link.overlap import LexicalIndex
from narrdiff.core.model import RELATED, SAME

LinkTuple = tuple[int, int, int, int, float, str]
"""(article_a, sentence_a, article_b, sentence_b, score, strength) with article_a < article_b."""

_DECIMALS = 6  # scores are rounded so that float noise cannot break symmetry at a threshold


@dataclass(frozen=True)
class AlignOptions:
    """Every tunable of the aligner. Defaults were tuned on the dev benchmarks (bench/README.md).

    strictness: 0.0–1.0, default 0.5. The one knob users see; `from_strictness` maps it onto
        the thresholds below (0.5 = these defaults; higher = fewer, surer links; lower = more).
        The field only records the setting (reports show it): build options with
        `AlignOptions.from_strictness(s)`, since `AlignOptions(strictness=s)` moves nothing.
    lexical_weight: 0.0–1.0, default 0.35. Share of the lexical overlap in the score; the rest
        is the embedding cosine. 0 = embeddings only. Dev F1 0.62 at 0, 0.69 at 0.35.
    floor: 0.0–1.0, default 0.325. The absolute minimum score of any link; mutual best partners
        link at this score. Raising it is the main way to keep unrelated articles apart.
    best_floor: floor–1.0, default 0.45. Score at which a pair links when only one of the two
        sentences has the other as its best partner.
    sure: floor–1.0, default 0.6. Score at which a pair links whatever the ranks (a fact that one
        outlet repeats, e.g. headline and lead, links to both).
    neighbour_floor: floor–1.0, default 0.4. Score at which a sentence adjacent to a linked one
        also links (one-to-many: a long sentence split in two by the other outlet).
    neighbour_margin: 0.0–0.3, default 0.05. How far below a best score such a neighbour may be.
    same: 0.0–1.0, default 0.5. Score from which a link's strength is "same"; below, "related".
    """

    strictness: float = 0.5
    lexical_weight: float = 0.35
    floor: float = 0.325
    best_floor: float = 0.45
    sure: float = 0.6
    neighbour_floor: float = 0.4
    neighbour_margin: float = 0.05
    same: float = 0.5

    @classmethod
    def from_strictness(cls, s: float) -> AlignOptions:
        """The defaults with every threshold shifted monotonically by strictness s in [0, 1].

        s = 0.5 gives the defaults; each step of 0.1 moves the floors by 0.03 on the score scale
        (so s = 0 lowers them by 0.15, s = 1 raises them by 0.15), and narrows the neighbour
        margin as s grows.
        """
        s = min(1.0, max(0.0, float(s)))
        base = cls()
        shift = (s - 0.5) * 0.3

        def moved(value: float) -> float:
            return min(1.0, max(0.0, value + shift))

        return replace(
            base,
            strictness=s,
            floor=moved(base.floor),
            best_floor=moved(base.best_floor),
            sure=moved(base.sure),
            neighbour_floor=moved(base.neighbour_floor),
            neighbour_margin=base.neighbour_margin * 2.0 * (1.0 - s),
        )


def _as_matrix(texts: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    """vectors as an (n, dim) float32 matrix, checked against the n sentences it embeds."""
    matrix = np.asarray(vectors, dtype=np.float32)
    if matrix.size == 0:
        matrix = matrix.reshape(0, matrix.shape[-1] if matrix.ndim == 2 else 0)
    if matrix.ndim != 2 or matrix.shape[0] != len(texts):
        raise ValueError(f"{len(texts)} sentences but vectors of shape {matrix.shape}")
    return matrix


def pair_scores(
    va: np.ndarray, vb: np.ndarray, lexical: np.ndarray, options: AlignOptions
) -> np.ndarray:
    """(n_a, n_b) float64 blended scores in [0, 1] from unit vectors and lexical overlap."""
    if len(va) == 0 or len(vb) == 0:  # an article without linkable sentences
        return np.zeros((len(va), len(vb)))
    cosine = np.clip(va.astype(np.float64) @ vb.astype(np.float64).T, 0.0, 1.0)
    return blend(cosine, lexical, options)


def blend(cosine: np.ndarray, lexical: np.ndarray, options: AlignOptions) -> np.ndarray:
    """(n_a, n_b) float64 scores from clipped cosines and lexical overlap (kept by LinkScores)."""
    w = options.lexical_weight
    score = (1.0 - w) * cosine + w * np.clip(lexical, 0.0, 1.0)
    return np.round(score, _DECIMALS)


def _neighbours(mask: np.ndarray) -> np.ndarray:
    """(n_a, n_b) bool: pairs next to a True pair (sentence before or after, on either side)."""
    out = np.zeros_like(mask)
    out[:, 1:] |= mask[:, :-1]
    out[:, :-1] |= mask[:, 1:]
    out[1:, :] |= mask[:-1, :]
    out[:-1, :] |= mask[1:, :]
    return out


def decide_links(score: np.ndarray, options: AlignOptions) -> np.ndarray:
    """(n_a, n_b) bool: which pairs link. Transposing `score` transposes the answer."""
    if score.size == 0:
        return np.zeros(score.shape, dtype=bool)
    row_best = score.max(axis=1, keepdims=True)
    col_best = score.max(axis=0, keepdims=True)
    is_row_best, is_col_best = score >= row_best, score >= col_best
    links = (
        (is_row_best & is_col_best & (score >= options.floor))
        | ((is_row_best | is_col_best) & (score >= options.best_floor))
        | (score >= max(options.sure, options.floor))
    )
    margin = options.neighbour_margin
    near_best = (score >= row_best - margin) | (score >= col_best - margin)
    neighbour_floor = max(options.neighbour_floor, options.floor)
    return links | (_neighbours(links) & near_best & (score >= neighbour_floor))


def link_articles(
    texts: Sequence[Sequence[str]],
    vectors: Sequence[np.ndarray],
    options: AlignOptions | None = None,
) -> list[LinkTuple]:
    """Links between every pair of articles (a < b), sorted by (a, i, b, j).

    texts[k]: the linkable sentences of article k; vectors[k]: their (n_k, dim) float32 unit
    vectors, row for row. Returns (a, i, b, j, score, strength) with score in [0, 1] and strength
    SAME (score ≥ options.same) or RELATED.
    """
    opt = options or AlignOptions()
    if len(texts) != len(vectors):
        raise ValueError("texts and vectors need one entry per article")
    mats = [_as_matrix(t, v) for t, v in zip(texts, vectors, strict=True)]
    index = LexicalIndex(texts)
    links: list[LinkTuple] = []
    for a in range(len(texts)):
        for b in range(a + 1, len(texts)):
            score = pair_scores(mats[a], mats[b], index.overlap(a, b), opt)
            for i, j in zip(*np.nonzero(decide_links(score, opt)), strict=True):
                s = float(score[i, j])
                links.append((a, int(i), b, int(j), s, SAME if s >= opt.same else RELATED))
    return links


def _may_merge(merged: list[tuple[int, int]], linked: dict) -> bool:
    """Whether one story unit may hold all of `merged` (refs from two groups about to join).

    Two sentences of one article may share a group only if they are adjacent runs (a fact split
    over consecutive sentences) or all link directly to one common sentence (one-to-many). A
    longer chain (A1–B1–C1–A2) would merge distinct facts of article A, so it is refused.
    """
    by_article: dict[int, list[int]] = {}
    for k, i in merged:
        by_article.setdefault(k, []).append(i)
    for k, idx in by_article.items():
        if len(idx) < 2 or max(idx) - min(idx) == len(idx) - 1:
            continue  # one sentence, or a contiguous run
        refs = {(k, i) for i in idx}
        if not any(refs <= linked.get(hub, set()) for hub in merged):
            return False
    return True


def group_sentences(sizes: Sequence[int], links: Sequence[Sequence]) -> list[list[tuple[int, int]]]:
    """Story units: every (article k, sentence i < sizes[k]) in exactly one group.

    links: (a, i, b, j[, score, …]) tuples. Linked sentences are joined strongest link first
    (union-find), except where joining would chain distinct facts of one article (`_may_merge`);
    unlinked sentences stay groups of one. Members are sorted; groups are sorted by their first
    member.
    """
    group = {(k, i): [(k, i)] for k, size in enumerate(sizes) for i in range(size)}
    linked: dict[tuple[int, int], set[tuple[int, int]]] = {}
    ordered = sorted(links, key=lambda x: (-(float(x[4]) if len(x) > 4 else 1.0), tuple(x[:4])))
    for link in ordered:
        x, y = (int(link[0]), int(link[1])), (int(link[2]), int(link[3]))
        if x not in group or y not in group:
            raise ValueError(f"link {tuple(link[:4])} points outside the articles")
        linked.setdefault(x, set()).add(y)
        linked.setdefault(y, set()).add(x)
        gx, gy = group[x], group[y]
        if gx is gy or not _may_merge(gx + gy, linked):
            continue
        gx.extend(gy)
        for ref in gy:
            group[ref] = gx
    unique = {id(g): sorted(g) for g in group.values()}
    return sorted(unique.values())
