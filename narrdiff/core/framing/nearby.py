"""Near matches of adds: sentences no link joins to another article, but which another article
possibly reports too. Such a sentence is told as "possibly also in X", never as "only here".

Rules
-----
An add (a linkable sentence in no group shared with another article) is *possibly also in*
article m when some linkable sentence of m
- has a stored-embedding cosine of at least NEAR_COSINE with it, or
- shares at least NEAR_NAMES name words and every exact number the shorter of the two states
  (core/text/evidence.py), with a cosine of at least NEAR_EVIDENCE_COSINE.
NEAR_COSINE was chosen on the development stories' adds: cosine does not separate adds that
are reported elsewhere in other words from true ones well, so the cut is low (0.35 stated 47
adds at 91.5% true, 0.4 83 at 90.4%, 0.45 129 at 88.3%, 0.6 at 75.3%).
An add that is no checkable statement is not called "only here" either, with no article named:
a lead-in ending with a colon ("Mr Gates told the conference:"), or a sentence with no name,
number, date or clock time (core/text/evidence.py: "Such manoeuvres paid off.", "Then something
else stirred."): a reader cannot check that no one else says it, and on the development stories
such sentences were reported elsewhere in other words, or no facts at all, too often.

Glossary
--------
add      (article, sentence) ref of a sentence only its article carries, as the groups say.
near     per add, the other articles that possibly report it, in article order (empty for an
         add that is no checkable statement).

This module reads a Comparison's groups, texts and stored embeddings; it never calls an
encoder, never changes a link or a group, and never imports Qt.
"""

from __future__ import annotations

import numpy as np

from narrdiff.core.model import Comparison, Ref
from narrdiff.core.text import lexicon
from narrdiff.core.text.evidence import evidence

NEAR_COSINE = 0.4
"""Cosine (0–1) of stored sentence embeddings at which another sentence is a near match."""
NEAR_EVIDENCE_COSINE = 0.25
"""Lower cosine (0–1) that suffices when the two sentences share names and numbers."""
NEAR_NAMES = 2
"""Name words two sentences must share for the evidence rule."""


def near_matches(comparison: Comparison) -> tuple[tuple[Ref, tuple[int, ...]], ...]:
    """(add, articles that possibly report it) for every add with a near match, in order."""
    if not comparison.embeddings or len(comparison.articles) < 2:
        return ()
    adds = [(k, i) for k in range(len(comparison.articles)) for i in comparison.adds(k)]
    if not adds:
        return ()
    # every add against every linkable sentence in one product, then each article's best per
    # add in one reduction: a product per add and article cost a third of a re-link
    linkable = [np.asarray(art.linkable_indices(), dtype=np.intp) for art in comparison.articles]
    rows = np.stack([comparison.embeddings[k][i] for k, i in adds])
    columns = np.concatenate([comparison.embeddings[m][idx] for m, idx in enumerate(linkable)])
    scores = rows @ columns.T  # (adds, every linkable sentence) cosine
    starts = np.cumsum([0] + [len(idx) for idx in linkable])
    best = np.full((len(adds), len(linkable)), -np.inf, dtype=np.float32)
    filled = [m for m, idx in enumerate(linkable) if len(idx)]
    if filled:
        best[:, filled] = np.maximum.reduceat(scores, starts[filled], axis=1)
    real = np.any(rows != 0, axis=1)  # a zero vector (no text) is near nothing
    out = []
    for n, (k, i) in enumerate(adds):
        others = tuple(
            m
            for m in range(len(comparison.articles))
            if m != k
            and real[n]
            and (
                best[n, m] >= NEAR_COSINE
                or NEAR_EVIDENCE_COSINE <= best[n, m]
                and _shares_details(
                    comparison, (k, i), m, scores[n, starts[m] : starts[m + 1]], linkable[m]
                )
            )
        )
        if others or not checkable(comparison.sentence((k, i)).text):
            out.append(((k, i), others))
    return tuple(out)


def checkable(text: str) -> bool:
    """A statement with a detail to check it by: a name, number, date or clock time, and no
    lead-in colon at its end."""
    if text.rstrip().endswith(":"):
        return False
    found = evidence(text)
    words = lexicon.words(text)
    first = words[0].start if words else -1
    # a lone capitalised first word ("Unfortunately, …", "Seriously …") is no name to check
    names = [n for n in found.names if len(n.words) > 1 or n.start != first]
    return bool(names or found.quantities or found.dates or found.times)


def _ranked(scores: np.ndarray, linkable: np.ndarray, floor: float = -1.0):
    """(cosine, sentence) pairs at or above `floor`, best first (ties: later sentence first)."""
    keep = scores >= floor
    scores, linkable = scores[keep], linkable[keep]
    order = np.lexsort((-linkable, -scores))
    return [(float(scores[n]), int(linkable[n])) for n in order]


def _shares_details(
    comparison: Comparison, ref: Ref, other: int, scores: np.ndarray, linkable: np.ndarray
) -> bool:
    """Some sentence of article `other` with a cosine of at least NEAR_EVIDENCE_COSINE shares
    the add's names and numbers. `scores`: the add's cosines with `linkable`, that article's
    linkable sentences."""
    mine = evidence(comparison.sentence(ref).text)
    for _score, j in _ranked(scores, linkable, NEAR_EVIDENCE_COSINE):
        if _same_details(mine, evidence(comparison.sentence((other, j)).text)):
            return True
    return False


def _same_details(a, b) -> bool:
    """At least NEAR_NAMES shared name words, and no number of the shorter side missing."""
    if len(a.name_words & b.name_words) < NEAR_NAMES:
        return False
    short, long = sorted((a.values(), b.values()), key=len)
    return short <= long
