"""Sentence alignment: which sentences of two articles report the same fact, and story groups.

Given, per article, its linkable sentences and their unit vectors, `link_articles` scores every
sentence pair of every article pair and keeps the pairs that clear the bands of `AlignOptions`;
`group_sentences` then gathers linked sentences across all articles into story units.

How a pair is scored and decided (figures and what else was tried: bench/README.md):

1. Features of every pair (narrdiff.core.link.scorer): embedding cosine, lexical overlap (IDF
   over this comparison's sentences), how the two sentences rank each other, the gap to each
   side's best and runner-up, neighbouring pairs, length ratio, and agreement and conflict of
   names, numbers with what they count, dates and clock times (narrdiff.core.text.evidence).
2. A small learned model (resources/linker.json, trained by bench/train_linker.py on the
   news_synth training split) turns them into a calibrated probability that the pair is a link;
   a second stage also reads the first stage's probabilities of neighbouring and competing pairs.
3. A pair links when its probability reaches `link` and its blended similarity
   (0.65·cosine + 0.35·lexical) reaches the absolute `floor`; its strength is "same" from
   probability `same` up, else "related". A sentence may link to several partners (one-to-many).

Rules this module keeps:
- order-free: outlets reorder facts, so nothing assumes monotonic order (only features look at
  neighbouring sentences);
- symmetric: swapping two articles mirrors the links exactly (every feature is symmetric);
- an absolute floor: unrelated articles get (almost) no links, however the scores rank;
- no encoder calls: the GUI re-links live from cached vectors, so this is pure numpy; the
  probabilities of one set of articles are kept (`_probabilities`), so a re-link at another
  strictness only re-applies the bands. It never imports Qt and never prints.

Glossary
--------
cosine    (n_a, n_b) dot products of the sentence vectors, clipped to [0, 1].
lexical   (n_a, n_b) IDF-weighted cosine of content words (see narrdiff.core.link.overlap).
score     the blended similarity reported with each link and used by the floor.
p         the model's calibrated probability that a pair is a link; decisions use it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from narrdiff.core.link import scorer
from narrdiff.core.link.partners import top_partners
from narrdiff.core.link.scores import LinkScores
from narrdiff.core.model import RELATED, SAME

LinkTuple = tuple[int, int, int, int, float, str]
"""(article_a, sentence_a, article_b, sentence_b, score, strength) with article_a < article_b."""

_DECIMALS = 6  # scores are rounded so that float noise cannot break symmetry at a threshold


_BANDS = scorer.shipped_model().meta["bands"]
STRICTNESS_LOGIT = 4.0
"""How far strictness moves the probability bands: from s = 0.5 to s = 0 or 1, the log-odds of
`link` and `same` move by 2 (a band at p = 0.3 goes to 0.055 and 0.76)."""
FLOOR_STEP = 0.3
"""How far strictness moves the absolute floor: (s − 0.5)·0.3 on the similarity scale."""


@dataclass(frozen=True)
class AlignOptions:
    """Every tunable of the aligner. Defaults come from the shipped model (resources/linker.json),
    chosen on the news_synth *training* split (bench/train_linker.py); measured precision of each
    band is in bench/README.md.

    strictness: 0.0–1.0, default 0.5. The one knob users see; `from_strictness` maps it onto
        the bands below (0.5 = these defaults; higher = fewer, surer links; lower = more).
        The field only records the setting (reports show it): build options with
        `AlignOptions.from_strictness(s)`, since `AlignOptions(strictness=s)` moves nothing.
    floor: 0.0–1.0. The absolute minimum blended similarity of any link, whatever the model
        says: it keeps unrelated articles apart.
    link: 0.0–1.0. The probability from which a pair links (the band that maximised train
        cross-validated F1).
    same: link–1.0. The probability from which a link is "same"; between `link` and `same` it
        is "related".
    """

    strictness: float = 0.5
    floor: float = float(_BANDS["floor"])
    link: float = float(_BANDS["link"])
    same: float = float(_BANDS["same"])

    @classmethod
    def from_strictness(cls, s: float) -> AlignOptions:
        """The defaults with every band moved monotonically by strictness s in [0, 1].

        s = 0.5 gives the defaults; the probability bands move in log-odds by
        STRICTNESS_LOGIT·(s − 0.5), the floor by FLOOR_STEP·(s − 0.5).
        """
        s = min(1.0, max(0.0, float(s)))
        base = cls()
        shift = (s - 0.5) * STRICTNESS_LOGIT

        def moved(p: float) -> float:
            logit = math.log(p / (1.0 - p)) + shift
            return round(1.0 / (1.0 + math.exp(-logit)), 6)

        return replace(
            base,
            strictness=s,
            floor=round(min(1.0, max(0.0, base.floor + (s - 0.5) * FLOOR_STEP)), 6),
            link=moved(base.link) if s != 0.5 else base.link,
            same=max(moved(base.same), moved(base.link)) if s != 0.5 else base.same,
        )


def decide_links(p: np.ndarray, score: np.ndarray, options: AlignOptions) -> np.ndarray:
    """(n_a, n_b) bool: which pairs link. Transposing the inputs transposes the answer."""
    return (p >= options.link) & (score >= options.floor)


def link_articles(
    texts: Sequence[Sequence[str]],
    vectors: Sequence[np.ndarray],
    options: AlignOptions | None = None,
) -> list[LinkTuple]:
    """Links between every pair of articles (a < b), sorted by (a, i, b, j).

    texts[k]: the linkable sentences of article k; vectors[k]: their (n_k, dim) float32 unit
    vectors, row for row. Returns (a, i, b, j, score, strength) with score the blended
    similarity in [0, 1] and strength SAME (probability ≥ options.same) or RELATED. To link the
    same articles at several strictnesses, build `LinkScores` once (keeping `loosest(...)`) and
    call `links_from`.
    """
    options = options or AlignOptions()
    return links_from(LinkScores(texts, vectors, keep=(options.floor, options.link)), options)


def loosest(*options: AlignOptions) -> tuple[float, float]:
    """(floor, link): the bands LinkScores must keep for `options` and every strictness."""
    every = (AlignOptions.from_strictness(0.0), *options)
    return min(o.floor for o in every), min(o.link for o in every)


def links_from(
    scores: LinkScores, options: AlignOptions, partners: int | None = None
) -> list[LinkTuple]:
    """The links `scores` gives at `options`: the bands only, nothing computed again.

    partners: when given, each sentence keeps at most this many partners per other article
    (`partners.top_partners`), applied per article pair before any link tuple is built.
    """
    if not scores.covers(options.floor, options.link):
        raise ValueError(f"these scores were kept for looser bands than {options}")
    links: list[LinkTuple] = []
    for a, b, evidence in scores.pairs():
        if not len(evidence.p):
            continue  # most article pairs of a real comparison: the slider re-links 190 of them
        linked = (evidence.p >= options.link) & (evidence.score >= options.floor)
        rows, cols = evidence.rows[linked], evidence.cols[linked]
        p, score = evidence.p[linked], evidence.score[linked]
        if partners is not None and len(rows) > partners:
            top = top_partners(rows, cols, score, partners)
            rows, cols, p, score = rows[top], cols[top], p[top], score[top]
        same = p >= options.same
        for i, j, value, is_same in zip(
            rows.tolist(), cols.tolist(), score.tolist(), same.tolist(), strict=True
        ):
            links.append((a, i, b, j, value, SAME if is_same else RELATED))
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
