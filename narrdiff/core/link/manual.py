"""Links set or removed by hand: checking them, applying them over the aligner, editing them.

A user who knows better than the aligner can link two sentences (`ManualLinks.added`) or unlink
two (`ManualLinks.removed`). `validate` keeps the pairs that address linkable sentences of two
different articles (with a warning for each one dropped); `apply` overrides the aligner's
decisions with them, after alignment and before wording, groups and framing, so a hand-set link
survives every strictness. `with_link`, `without_link` and `remap` are the edits an app makes.

Rules this module keeps:
- a pair is stored in article order (lower article first), so (a, b) and (b, a) are one pair;
- a hand-set link is "same" and scored by the cosine of its stored embeddings (1.0 without);
- it decides nothing by itself: no thresholds, no encoder, no Qt, no printing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from narrdiff.core.model import SAME, Article, ManualLinks, Ref

Pair = tuple[Ref, Ref]
Decision = tuple[float, str, bool]
"""(score, strength, manual) of one linked pair."""


def ordered(a: Ref, b: Ref) -> Pair:
    """The pair in article order, the way Links and ManualLinks store it."""
    return (a, b) if (a[0], a[1]) <= (b[0], b[1]) else (b, a)


def validate(articles: Sequence[Article], manual: ManualLinks) -> tuple[ManualLinks, list[str]]:
    """The usable pairs of `manual` (ordered, without repeats) and a warning per dropped one."""
    notes: list[str] = []
    kept: list[list[Pair]] = [[], []]
    for side, pairs in enumerate((manual.added, manual.removed)):
        for pair in pairs:
            problem = _problem(articles, pair)
            if problem:
                verb = "link" if side == 0 else "unlink"
                notes.append(f"A manual {verb} of {_show(pair)} was ignored: {problem}.")
                continue
            pair = ordered(*_as_refs(pair))
            if pair not in kept[side]:
                kept[side].append(pair)
    added = tuple(p for p in kept[0] if p not in kept[1])
    return ManualLinks(added, tuple(kept[1])), notes


def _as_refs(pair) -> Pair:
    (a, i), (b, j) = pair
    return (int(a), int(i)), (int(b), int(j))


def _problem(articles: Sequence[Article], pair) -> str:
    """Why `pair` cannot be a link, or "" if it can."""
    try:
        refs = _as_refs(pair)
    except (TypeError, ValueError):
        return "it is not a pair of (article, sentence) references"
    for k, i in refs:
        if not (0 <= k < len(articles) and 0 <= i < len(articles[k].sentences)):
            return "there is no such sentence"
        if not articles[k].sentences[i].linkable:
            return "only headline and body sentences can be linked"
    if refs[0][0] == refs[1][0]:
        return "both sentences are in the same article"
    return ""


def _show(pair) -> str:
    try:
        (a, i), (b, j) = pair
    except (TypeError, ValueError):
        return repr(pair)
    return f"article {a} sentence {i} and article {b} sentence {j}"


def apply(
    decided: dict[Pair, Decision], manual: ManualLinks, vectors: Sequence[np.ndarray]
) -> dict[Pair, Decision]:
    """The aligner's `decided` links with `manual` (validated) applied: removed pairs dropped,
    added pairs linked as "same" and marked manual.

    vectors[k]: article k's (n_sentences, dim) unit vectors, as a Comparison stores them.
    """
    out = {pair: value for pair, value in decided.items() if pair not in set(manual.removed)}
    for a, b in manual.added:
        score = out[(a, b)][0] if (a, b) in out else _cosine(vectors, a, b)
        out[(a, b)] = (score, SAME, True)
    return out


def _cosine(vectors: Sequence[np.ndarray], a: Ref, b: Ref) -> float:
    if len(vectors) <= max(a[0], b[0]):
        return 1.0  # no stored embeddings: the user's word is all there is
    value = float(np.dot(vectors[a[0]][a[1]], vectors[b[0]][b[1]]))
    return round(min(1.0, max(0.0, value)), 4)


# --- edits ------------------------------------------------------------------------------------


def with_link(manual: ManualLinks, a: Ref, b: Ref, *, linked: bool) -> ManualLinks:
    """`manual` after the user links a and b. `linked`: whether they are linked now.

    Linking a pair the user had unlinked only lifts the unlink (the aligner's link returns).
    """
    pair = ordered(a, b)
    if pair in manual.removed:
        removed = tuple(p for p in manual.removed if p != pair)
        return ManualLinks(manual.added, removed)
    if linked or pair in manual.added:
        return manual
    return ManualLinks((*manual.added, pair), manual.removed)


def without_link(manual: ManualLinks, a: Ref, b: Ref) -> ManualLinks:
    """`manual` after the user unlinks a and b: a hand-set link is forgotten, any other one is
    remembered as removed."""
    pair = ordered(a, b)
    if pair in manual.added:
        return ManualLinks(tuple(p for p in manual.added if p != pair), manual.removed)
    if pair in manual.removed:
        return manual
    return ManualLinks(manual.added, (*manual.removed, pair))


def remap(manual: ManualLinks, new_index: dict[int, int]) -> ManualLinks:
    """`manual` after the articles moved: old article index → new one; pairs touching an
    article that is not in `new_index` (removed or replaced) are dropped."""

    def moved(pairs: tuple[Pair, ...]) -> tuple[Pair, ...]:
        out = []
        for (a, i), (b, j) in pairs:
            if a in new_index and b in new_index:
                out.append(ordered((new_index[a], i), (new_index[b], j)))
        return tuple(out)

    return ManualLinks(moved(manual.added), moved(manual.removed))
