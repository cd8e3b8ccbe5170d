"""A bound on how many partners a sentence keeps in each other article.

Real reports link one-to-one, now and then one-to-two (a fact split over two sentences); but
text that repeats itself (a live blog, a press release pasted many times, a hostile file) can
make every sentence "link" to dozens of near-copies, and every link costs a word diff and
framing work: 4 articles of 5,000 repetitive words gave 69,000 links and took 190 s. So after
the aligner decides, `keep_top_partners` keeps a link only if it is among the `k` best of
*both* its sentences toward the other article: each sentence keeps at most `k` partners per
other article. Ties keep the earlier sentence, so the result does not depend on dict order.

This module only filters link tuples; it scores nothing and must not import the encoder.
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_PARTNERS = 3
"""Most partners a sentence keeps in one other article (one-to-three covers a fact split over
three sentences; real reports rarely go past one-to-two)."""

LinkTuple = tuple[int, int, int, int, float, str]  # (a, i, b, j, score, strength), a < b


def keep_top_partners(links: Sequence[LinkTuple], k: int = MAX_PARTNERS) -> list[LinkTuple]:
    """The links among the `k` best of both their sentences toward the other article, in the
    order given. Linear in the number of links (plus sorting each sentence's few partners)."""
    ranked: dict[tuple[int, int, int], list[tuple[float, int, int]]] = {}
    for n, (a, i, b, j, score, _strength) in enumerate(links):
        ranked.setdefault((a, i, b), []).append((-score, j, n))
        ranked.setdefault((b, j, a), []).append((-score, i, n))
    votes = [0] * len(links)
    for partners in ranked.values():
        for _, _, n in sorted(partners)[:k]:
            votes[n] += 1
    return [link for link, vote in zip(links, votes, strict=True) if vote == 2]
