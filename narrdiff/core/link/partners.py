"""A bound on how many partners a sentence keeps in each other article.

Real reports link one-to-one, now and then one-to-two (a fact split over two sentences); but
text that repeats itself (a live blog, a press release pasted many times, a hostile file) can
make every sentence "link" to dozens of near-copies, and every link costs a word diff and
framing work: 4 articles of 5,000 repetitive words gave 69,000 links and took 190 s. So after
the aligner decides, `keep_top_partners` keeps a link only if it is among the `k` best of
*both* its sentences toward the other article: each sentence keeps at most `k` partners per
other article. Ties keep the earlier sentence, so the result does not depend on dict order.

`top_partners` is the rule on one article pair's arrays (what `align.links_from` applies before
any link tuple is built: 24 articles of repetitive text let 1.3 million pairs through the bands,
60,000 after this); `keep_top_partners` applies it to link tuples.

This module only filters links; it scores nothing and must not import the encoder.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MAX_PARTNERS = 3
"""Most partners a sentence keeps in one other article (one-to-three covers a fact split over
three sentences; real reports rarely go past one-to-two)."""

LinkTuple = tuple[int, int, int, int, float, str]  # (a, i, b, j, score, strength), a < b


def top_partners(rows: np.ndarray, cols: np.ndarray, score: np.ndarray, k: int) -> np.ndarray:
    """(m,) bool: which of one article pair's m links (sentence rows[n] of a, cols[n] of b,
    blended score[n]; no pair twice) are among the `k` best of both their sentences. A
    sentence's partners rank by score, ties by the partner's index (the earlier first)."""
    keep = np.ones(len(rows), dtype=bool)
    for own, other in ((rows, cols), (cols, rows)):
        order = np.lexsort((other, -score, own))  # by sentence, best partner first
        grouped = own[order]
        first = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]]) if len(order) else order
        starts = np.repeat(first, np.diff(np.r_[first, len(order)]))
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order)) - starts
        keep &= rank < k
    return keep


def keep_top_partners(links: Sequence[LinkTuple], k: int = MAX_PARTNERS) -> list[LinkTuple]:
    """The links among the `k` best of both their sentences toward the other article, in the
    order given (`top_partners`, per article pair)."""
    by_pair: dict[tuple[int, int], list[int]] = {}
    for n, (a, _i, b, _j, _score, _strength) in enumerate(links):
        by_pair.setdefault((a, b), []).append(n)
    kept = np.zeros(len(links), dtype=bool)
    for members in by_pair.values():
        rows = np.array([links[n][1] for n in members])
        cols = np.array([links[n][3] for n in members])
        score = np.array([links[n][4] for n in members], dtype=np.float64)
        kept[members] = top_partners(rows, cols, score, k)
    return [link for link, keep in zip(links, kept, strict=True) if keep]
