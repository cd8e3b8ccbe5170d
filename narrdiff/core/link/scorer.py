"""The pair scorer: how likely two sentences of two articles report the same fact.

For one pair of articles, `pair_features` turns the embedding cosines, the lexical overlap and the
checkable details of every sentence (narrdiff.core.text.evidence) into an (n_a, n_b, F) feature
array; `LinkModel.probability` maps it to a calibrated probability with the model shipped in
resources/linker.json (trained by bench/train_linker.py on the news_synth training split; the file
names its features and training data). Evaluation is pure numpy: a logistic model is a dot
product, gradient-boosted trees a table walked with array indexing.

Every feature is symmetric: swapping the two articles transposes the feature array, so the
probabilities transpose too and the links mirror exactly.

Features (FEATURES, in this order; "score" below is the blend 0.65·cosine + 0.35·lexical)
--------
cos, lex            embedding cosine; IDF-weighted content-word cosine (narrdiff.core.link.overlap).
rank_min, rank_max  log(1 + rank) of each sentence among the other's partners by score (0 = its
                    best), the better and the worse of the two.
mutual              1 when each is the other's best partner.
gap_min, gap_max    how far the score lies below each side's best score (0 for a best pair).
margin_min          for a best pair, how far it lies above the runner-up of its row/column (the
                    smaller of the two; 0 when not best on a side).
nb_diag             the larger score of the diagonal neighbours (i−1, j−1) and (i+1, j+1): facts
                    that travel together.
nb_adj              the best score of (i±1, j) and (i, j±1) against its own best: near a strong
                    pair, a split sentence's second half (one-to-many).
len_ratio           shorter / longer, in content words.
names_shared, names_only, name_conflict      see evidence.Agreement (counts clipped at 3).
numbers_shared, numbers_only, number_conflict
dates_shared, date_conflict, times_shared, time_conflict
contain_max/min     share of each sentence's content terms found in the other, larger/smaller.
cos_rank_min        log(1 + rank) by cosine alone, the better side; lex_rank_min the same by
                    lexical overlap alone.
first               how many of the two are their article's first sentence (the headline).
pos_diff            |relative position of i in a − relative position of j in b|.
span_gain           `Similarities.span` − cosine: how much better the sentence matches the
                    other's sentence joined to a neighbour (one-to-many).
doc_conflict        the share of mutual best pairs of the two articles that state a number (by
                    unit), a date or a clock time differently: two reports of one event agree on
                    these, two look-alike events do not. The same for every pair of one article
                    pair.

No article-level feature: news_synth pairs are rewrites of one article, far more alike overall
than two outlets' reports, so a feature of how alike the whole articles are (tried: mean best
score) would not carry over to independent outlets.

This module never calls an encoder and never imports Qt; numpy only.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources

import numpy as np

from narrdiff.core.link.overlap import content_terms
from narrdiff.core.text.evidence import evidence

FEATURES = (
    "cos",
    "lex",
    "rank_min",
    "rank_max",
    "mutual",
    "gap_min",
    "gap_max",
    "margin_min",
    "nb_diag",
    "nb_adj",
    "len_ratio",
    "names_shared",
    "names_only",
    "name_conflict",
    "numbers_shared",
    "numbers_only",
    "number_conflict",
    "dates_shared",
    "date_conflict",
    "times_shared",
    "time_conflict",
    "contain_max",
    "contain_min",
    "cos_rank_min",
    "lex_rank_min",
    "first",
    "pos_diff",
    "span_gain",
    "doc_conflict",
)
LEXICAL_WEIGHT = 0.35
"""Share of the lexical overlap in the blended score that ranks partners and floors links."""
MODEL_RESOURCE = "linker.json"
DECIMALS = 6  # cosines are rounded so that float noise cannot break symmetry at a threshold


def blend(cosine: np.ndarray, lexical: np.ndarray) -> np.ndarray:
    """The blended score that ranks partners (and that the absolute floor applies to)."""
    return (1.0 - LEXICAL_WEIGHT) * cosine + LEXICAL_WEIGHT * lexical


KINDS = ("terms", "names", "values", "units", "unit_values", "dates", "date_kinds", "times")
"""The sets compared per sentence pair: content terms, name words, exact number values, units
counted, unit=value pairs, date keys, date kinds (month, day, year …) and clock times."""


@lru_cache(maxsize=16384)
def _sets(sentence: str) -> dict[str, frozenset[str]]:
    ev = evidence(sentence)
    exact = [q for q in ev.quantities if not q.approximate]
    return {
        "terms": frozenset(content_terms(sentence)),
        "names": ev.name_words,
        "values": frozenset(f"{q.value:g}" for q in exact),
        "units": frozenset(q.unit for q in exact if q.unit),
        "unit_values": frozenset(f"{q.unit}={q.value:g}" for q in exact if q.unit),
        "dates": ev.date_keys,
        "date_kinds": frozenset(k.split(":")[0] for k in ev.date_keys),
        "times": frozenset(k.lstrip("?") for k in ev.time_keys),
    }


@dataclass(frozen=True)
class SentenceDetails:
    """What the features read from one article's sentences: per kind of set (KINDS) the ids
    (sorted) of the items the article uses in the comparison's vocabulary of that kind, a
    (n, len(ids)) 0/1 float32 matrix over those columns, and the set sizes. Build them for all
    articles at once with `details()` so vocabularies agree. Only used columns are kept: dense
    rows over the whole vocabulary were 350 MB for 24 articles of 5,000 repetitive words."""

    matrices: dict[str, np.ndarray]
    sizes: dict[str, np.ndarray]
    columns: dict[str, np.ndarray]

    def shared(self, other: SentenceDetails, kind: str) -> np.ndarray:
        """(n_a, n_b) how many items of `kind` each sentence pair shares."""
        a, b = self.matrices[kind], other.matrices[kind]
        _, in_a, in_b = np.intersect1d(
            self.columns[kind], other.columns[kind], assume_unique=True, return_indices=True
        )
        if not len(in_a):
            return np.zeros((len(a), len(b)))
        return (a[:, in_a] @ b[:, in_b].T).astype(np.float64)


def details(texts: Sequence[Sequence[str]]) -> list[SentenceDetails]:
    """SentenceDetails of every article of one comparison (texts[k]: article k's sentences)."""
    sets = [[_sets(s) for s in article] for article in texts]
    out_m: list[dict[str, np.ndarray]] = [{} for _ in texts]
    out_s: list[dict[str, np.ndarray]] = [{} for _ in texts]
    out_c: list[dict[str, np.ndarray]] = [{} for _ in texts]
    for kind in KINDS:
        vocab: dict[str, int] = {}
        for article in sets:
            for row in article:
                for key in sorted(row[kind]):
                    vocab.setdefault(key, len(vocab))
        for k, article in enumerate(sets):
            used = sorted({vocab[key] for row in article for key in row[kind]})
            at = {col: n for n, col in enumerate(used)}
            m = np.zeros((len(article), len(used)), dtype=np.float32)
            for r, row in enumerate(article):
                m[r, [at[vocab[key]] for key in row[kind]]] = 1.0
            out_m[k][kind] = m
            out_s[k][kind] = np.array([len(row[kind]) for row in article], dtype=np.float64)
            out_c[k][kind] = np.array(used, dtype=np.intp)
    return [SentenceDetails(*parts) for parts in zip(out_m, out_s, out_c, strict=True)]


def _rank(score: np.ndarray, axis: int) -> np.ndarray:
    """How many partners score strictly higher (0 = best; ties share the better rank)."""
    if axis == 0:
        return _rank(np.ascontiguousarray(score.T), 1).T
    n, m = score.shape
    if not score.size:
        return np.zeros(score.shape)
    # Sorted once per row, best first: an element's rank is the first sorted position holding
    # its value, carried along each run of ties by a running maximum. A row sort stays in
    # cache (one global searchsorted was 1.6x slower for 24 long articles), and gathering the
    # sorted values instead of sorting twice, int32 positions and a forward accumulate made it
    # a third faster again.
    order = np.argsort(-score, axis=1)
    ordered = np.take_along_axis(score, order, axis=1)
    first = np.zeros((n, m), dtype=np.int32)
    np.copyto(
        first[:, 1:], np.arange(1, m, dtype=np.int32), where=ordered[:, 1:] != ordered[:, :-1]
    )
    np.maximum.accumulate(first, axis=1, out=first)
    out = np.empty((n, m))
    np.put_along_axis(out, order, first, axis=1)
    return out


def _runner_up(score: np.ndarray, axis: int) -> np.ndarray:
    """Per pair: the best score among the *other* partners along `axis`."""
    if score.shape[axis] < 2:
        return np.zeros_like(score)
    part = np.partition(score, -2, axis=axis)  # the two best in place, no full sort
    top = np.take(part, [-1], axis=axis)
    second = np.take(part, [-2], axis=axis)
    return np.where(score >= top, second, top)


class Similarities:
    """Embedding similarities of all sentences of one comparison, from a few matrix products.

    mats[k]: article k's (n_k, dim) unit vectors. `cosine(a, b)` is the (n_a, n_b) cosine,
    clipped to [0, 1], rounded and exactly symmetric (cosine(b, a) == cosine(a, b).T);
    `span(a, b)` the best cosine of a sentence with the other article's sentence joined to a
    neighbour (b_{j-1}+b_j or b_j+b_{j+1}, renormalised), taken both ways: how well two adjacent
    sentences together say what one says (one-to-many). Few products over all articles instead
    of one per pair: many small products are slow when BLAS threads compete for the cores.

    The products are taken in stripes: the rows of consecutive whole articles against the
    sentences of those articles and every later one (a pair is asked for as a < b, so the
    columns before a stripe are never read: half the products of all N columns), each product
    at most STRIPE_BYTES. Only the last stripe is kept, so asked in article order (as LinkScores
    asks) each is computed once; asked as b, a the answer is the transpose of a, b. Up to ~1,400
    sentences are one stripe, the one (N, N) product as before; 24 articles of ~350 sentences
    held as one gram and its span twin took 1.1 GB, and 3 GB while rounding them. Not
    thread-safe (the kept stripe): one per comparison, used while building its LinkScores.
    """

    STRIPE_BYTES = 16 * 2**20
    """Most bytes of one stripe's float64 product, planned as its articles' rows against all N
    sentences (it is taken against the later ones only, so it is never larger)."""

    def __init__(self, mats: Sequence[np.ndarray]) -> None:
        dim = max((m.shape[1] for m in mats if m.ndim == 2 and m.size), default=1)
        mats = [np.asarray(m, dtype=np.float64) for m in mats]
        mats = [m if m.ndim == 2 and m.shape[1] == dim else np.zeros((len(m), dim)) for m in mats]
        self._start = np.cumsum([0] + [len(m) for m in mats])
        spans = []
        for m in mats:
            joined = m[:-1] + m[1:] if len(m) >= 2 else m[:0]
            spans.append(joined / np.maximum(np.linalg.norm(joined, axis=1, keepdims=True), 1e-12))
        self._span_start = np.cumsum([0] + [len(x) for x in spans])
        self._every = np.concatenate(mats) if mats else np.zeros((0, dim))
        self._all_spans = np.concatenate(spans) if spans else np.zeros((0, dim))
        self._stripe_of = self._plan(len(mats))
        self._kept: _Stripe | None = None

    def _plan(self, count: int) -> list[int]:
        """The stripe of each article: consecutive articles while their product fits."""
        row_bytes = max(1, len(self._every)) * 8
        out, stripe, rows = [], 0, 0
        for k in range(count):
            n = int(self._start[k + 1] - self._start[k])
            if rows and (rows + n) * row_bytes > self.STRIPE_BYTES:
                stripe, rows = stripe + 1, 0
            out.append(stripe)
            rows += n
        return out

    def _stripe(self, a: int) -> _Stripe:
        stripe = self._stripe_of[a]
        if self._kept is not None and self._kept.number == stripe:
            return self._kept
        members = [k for k, s in enumerate(self._stripe_of) if s == stripe]
        lo, hi = int(self._start[members[0]]), int(self._start[members[-1] + 1])
        s_lo, s_hi = int(self._span_start[members[0]]), int(self._span_start[members[-1] + 1])
        later, rows = self._every[lo:], self._every[lo:hi]
        whole = lo == 0 and hi == len(later)
        self._kept = None  # one stripe alive at a time
        from threadpoolctl import threadpool_limits  # light, but only linking needs it

        # a few large products, so BLAS may use every core here (LinkScores holds it to one
        # thread for its many small ones, and no pair is scored while a stripe is computed)
        with threadpool_limits(limits=os.cpu_count() or 1, user_api="blas"):
            gram = rows @ later.T
            # as one stripe the product is the whole gram, its own mirror (the one product as
            # ever); otherwise each cosine is the mean of both orders of the product, so that
            # it does not depend on which article came first
            gram = (gram + gram.T) / 2.0 if whole else _halve(_add(gram, (later @ rows.T).T))
            gram = _rounded(gram)
            spans = _rounded(rows @ self._all_spans[s_lo:].T)
            back = spans if whole else _rounded(later @ self._all_spans[s_lo:s_hi].T)
        self._kept = _Stripe(stripe, lo, s_lo, gram, spans, back)
        return self._kept

    def cosine(self, a: int, b: int) -> np.ndarray:
        if b < a:
            return self.cosine(b, a).T
        kept = self._stripe(a)
        rows = kept.gram[self._start[a] - kept.row : self._start[a + 1] - kept.row]
        return rows[:, self._start[b] - kept.row : self._start[b + 1] - kept.row]

    def span(self, a: int, b: int) -> np.ndarray:
        if b < a:
            return self.span(b, a).T
        kept = self._stripe(a)
        n_a = int(self._start[a + 1] - self._start[a])
        mine = kept.spans[self._start[a] - kept.row : self._start[a + 1] - kept.row]
        column = kept.span_column
        forward = mine[:, self._span_start[b] - column : self._span_start[b + 1] - column]
        lo = self._span_start[a] - column
        rows = slice(self._start[b] - kept.row, self._start[b + 1] - kept.row)
        backward = kept.back[rows, lo : lo + max(0, n_a - 1)]  # b against a's joined pairs
        cosine = self.cosine(a, b)
        return np.maximum(_widen(forward, cosine), _widen(backward, cosine.T).T)


def _add(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.add(x, y, out=x)


def _halve(x: np.ndarray) -> np.ndarray:
    return np.divide(x, 2.0, out=x)


def _rounded(x: np.ndarray) -> np.ndarray:
    """x clipped to [0, 1] and rounded to DECIMALS, in place (a stripe is tens of MB)."""
    return np.round(np.clip(x, 0.0, 1.0, out=x), DECIMALS, out=x)


def _widen(joined: np.ndarray, cosine: np.ndarray) -> np.ndarray:
    """(n_a, n_b) best span per pair from joined (n_a, n_b - 1): sentence i against b_j+b_{j+1};
    with fewer than two sentences in b, the cosine itself."""
    n_b = cosine.shape[1]
    if n_b < 2:
        return cosine.copy()
    best = np.zeros(cosine.shape)
    best[:, :-1] = joined
    best[:, 1:] = np.maximum(best[:, 1:], joined)
    return best


@dataclass(frozen=True, eq=False)
class _Stripe:
    """One stripe of Similarities' products: `number`, its first row `row` (also the first
    column of gram and the first row of back) and its first span column `span_column` (also the
    first column of spans); gram (r, N - row) symmetrised cosines of its rows against theirs and
    every later row; spans (r, N_spans - span_column) its rows against the joined pairs from
    its own on; back (N - row, r_spans) those rows against its joined pairs (all clipped and
    rounded)."""

    number: int
    row: int
    span_column: int
    gram: np.ndarray
    spans: np.ndarray
    back: np.ndarray


def pair_features(
    cosine: np.ndarray,
    span: np.ndarray,
    lexical: np.ndarray,
    da: SentenceDetails,
    db: SentenceDetails,
) -> np.ndarray:
    """(n_a, n_b, len(FEATURES)) float64 features of every sentence pair of two articles.

    cosine, span: from `Similarities`; lexical: (n_a, n_b) in [0, 1]. Swapping the articles
    (transposing the three matrices) transposes the output's first two axes exactly.
    """
    n_a, n_b = cosine.shape
    # filled one contiguous (n_a, n_b) plane per feature and handed out as a (n_a, n_b, F) view:
    # writing the planes into the last axis was a strided write 4x slower, for 24 long articles
    # seconds of linking
    planes = np.zeros((len(FEATURES), n_a, n_b))
    out = np.moveaxis(planes, 0, -1)
    if n_a == 0 or n_b == 0:
        return out
    lexical = np.round(np.clip(lexical, 0.0, 1.0), DECIMALS)
    score = blend(cosine, lexical)
    row_best = score.max(axis=1, keepdims=True)
    col_best = score.max(axis=0, keepdims=True)
    rank_r, rank_c = np.log1p(_rank(score, 1)), np.log1p(_rank(score, 0))
    gap_r, gap_c = row_best - score, col_best - score
    margin_r = np.where(gap_r <= 0, score - _runner_up(score, 1), 0.0)
    margin_c = np.where(gap_c <= 0, score - _runner_up(score, 0), 0.0)
    padded = np.pad(score, 1)
    diag = np.maximum(padded[:-2, :-2], padded[2:, 2:])
    adjacent = np.maximum.reduce(
        [padded[:-2, 1:-1], padded[2:, 1:-1], padded[1:-1, :-2], padded[1:-1, 2:]]
    )
    nb_adj = adjacent - np.maximum(row_best, col_best)
    la = np.maximum(da.sizes["terms"], 1)[:, None]
    lb = np.maximum(db.sizes["terms"], 1)[None, :]
    shared = {kind: da.shared(db, kind) for kind in KINDS}

    def only(kind: str) -> np.ndarray:
        return da.sizes[kind][:, None] + db.sizes[kind][None, :] - 2 * shared[kind]

    def both(kind: str) -> np.ndarray:
        return (da.sizes[kind][:, None] > 0) & (db.sizes[kind][None, :] > 0)

    names_shared = shared["names"]
    numbers_shared = shared["values"]
    number_conflict = np.clip(shared["units"] - shared["unit_values"], 0, None)
    dates_shared = shared["dates"]
    date_conflict = np.clip(shared["date_kinds"] - dates_shared, 0, None)
    times_shared = shared["times"]
    stated_apart = (
        (number_conflict > 0) | (date_conflict > 0) | (both("times") & (times_shared == 0))
    )
    mutual = (gap_r <= 0) & (gap_c <= 0)
    doc_conflict = float(stated_apart[mutual].mean()) if mutual.any() else 0.0
    contain_a, contain_b = shared["terms"] / la, shared["terms"] / lb
    cos_rank = np.minimum(_rank(cosine, 1), _rank(cosine, 0))
    lex_rank = np.minimum(_rank(lexical, 1), _rank(lexical, 0))
    pos_a = np.arange(n_a)[:, None] / max(1, n_a - 1)
    pos_b = np.arange(n_b)[None, :] / max(1, n_b - 1)
    columns = {
        "cos": cosine,
        "lex": lexical,
        "rank_min": np.minimum(rank_r, rank_c),
        "rank_max": np.maximum(rank_r, rank_c),
        "mutual": ((gap_r <= 0) & (gap_c <= 0)).astype(np.float64),
        "gap_min": np.minimum(gap_r, gap_c),
        "gap_max": np.maximum(gap_r, gap_c),
        "margin_min": np.minimum(margin_r, margin_c),
        "nb_diag": diag,
        "nb_adj": nb_adj,
        "len_ratio": np.minimum(la, lb) / np.maximum(la, lb),
        "names_shared": np.minimum(names_shared, 3),
        "names_only": np.minimum(only("names"), 3),
        "name_conflict": (both("names") & (names_shared == 0)).astype(np.float64),
        "numbers_shared": np.minimum(numbers_shared, 3),
        "numbers_only": np.minimum(only("values"), 3),
        "number_conflict": np.minimum(number_conflict, 3),
        "dates_shared": np.minimum(dates_shared, 3),
        "date_conflict": np.minimum(date_conflict, 3),
        "times_shared": np.minimum(times_shared, 3),
        "time_conflict": (both("times") & (times_shared == 0)).astype(np.float64),
        "contain_max": np.maximum(contain_a, contain_b),
        "contain_min": np.minimum(contain_a, contain_b),
        "cos_rank_min": np.log1p(cos_rank),
        "lex_rank_min": np.log1p(lex_rank),
        "first": (np.arange(n_a)[:, None] == 0).astype(float) + (np.arange(n_b)[None, :] == 0),
        "pos_diff": np.abs(pos_a - pos_b),
        "span_gain": span - cosine,
        "doc_conflict": np.full((n_a, n_b), doc_conflict),
    }
    for k, name in enumerate(FEATURES):
        planes[k] = columns[name]
    return out


CONTEXT = ("p1", "p1_adj", "p1_diag", "p1_other_max", "p1_other_min", "p1_rank_min")
"""Second-stage features, read off the first stage's probabilities P of one article pair:
p1 (the pair's own), p1_adj (the best P of (i±1, j) and (i, j±1): next to a likely link, a split
sentence's other half), p1_diag (the best of (i−1, j−1) and (i+1, j+1)), p1_other_max /
p1_other_min (the best P of each sentence's *other* partners, the larger and the smaller),
p1_rank_min (log(1 + rank) by P, the better of the two sides)."""


def context_features(p: np.ndarray) -> np.ndarray:
    """(n_a, n_b, len(CONTEXT)) from first-stage probabilities; symmetric under transposition."""
    n_a, n_b = p.shape
    planes = np.zeros((len(CONTEXT), n_a, n_b))  # as in pair_features: planes, then a view
    out = np.moveaxis(planes, 0, -1)
    if p.size == 0:
        return out
    padded = np.pad(p, 1)
    other_r, other_c = _runner_up(p, 1), _runner_up(p, 0)
    if n_b < 2:
        other_r = np.zeros_like(p)
    if n_a < 2:
        other_c = np.zeros_like(p)
    columns = {
        "p1": p,
        "p1_adj": np.maximum.reduce(
            [padded[:-2, 1:-1], padded[2:, 1:-1], padded[1:-1, :-2], padded[1:-1, 2:]]
        ),
        "p1_diag": np.maximum(padded[:-2, :-2], padded[2:, 2:]),
        "p1_other_max": np.maximum(other_r, other_c),
        "p1_other_min": np.minimum(other_r, other_c),
        "p1_rank_min": np.log1p(np.minimum(_rank(p, 1), _rank(p, 0))),
    }
    for k, name in enumerate(CONTEXT):
        planes[k] = columns[name]
    return out


@dataclass(frozen=True)
class Stage:
    """One model over named columns (FEATURES, then CONTEXT): logistic (`coef`, `intercept` on
    standardised features) or boosted trees (`trees`: per tree the arrays feature, threshold,
    left, right, value, and its depth; `base`, `rate`), then Platt calibration (a, b):
    p = sigmoid(a·margin + b)."""

    features: tuple[str, ...]
    kind: str
    params: dict

    @cached_property
    def _weights(self) -> tuple[np.ndarray, float]:
        """A logistic stage as one weight per column of FEATURES + CONTEXT (0 where unused) and a
        bias, the standardisation folded in: (x − mean)/scale · coef = x · coef/scale − mean ·
        coef/scale. Scoring then reads the feature array once, copying nothing (the column
        selection and the standardised copy were a quarter of linking 24 long articles)."""
        names = FEATURES + CONTEXT
        coef = np.asarray(self.params["coef"], dtype=np.float64)
        mean = np.asarray(self.params["mean"], dtype=np.float64)
        scale = np.asarray(self.params["scale"], dtype=np.float64)
        weights = np.zeros(len(names))
        weights[[names.index(f) for f in self.features]] = coef / scale
        return weights, float(self.params["intercept"]) - float(mean @ (coef / scale))

    def margin(self, x: np.ndarray, context: np.ndarray | None = None) -> np.ndarray:
        """The raw score (log-odds before calibration) for x (..., len(FEATURES)) and, for a
        stage that reads them, `context` (..., len(CONTEXT)); or x (..., len(FEATURES + CONTEXT))
        with the two already joined."""
        if self.kind == "logistic":
            weights, bias = self._weights
            total = x @ weights[: x.shape[-1]] + bias
            if context is not None:
                total += context @ weights[x.shape[-1] :]
            return total
        if context is not None:
            x = np.concatenate([x, context], axis=-1)
        names = FEATURES + CONTEXT
        x = x[..., [names.index(f) for f in self.features]]
        if self.kind == "trees":
            flat = x.reshape(-1, x.shape[-1])
            rows = np.arange(len(flat))
            total = np.full(len(flat), float(self.params["base"]))
            for tree in self.params["trees"]:
                feature = np.maximum(np.asarray(tree["feature"]), 0)
                threshold = np.asarray(tree["threshold"])
                left, right = np.asarray(tree["left"]), np.asarray(tree["right"])
                node = np.zeros(len(flat), dtype=np.int64)
                for _ in range(int(tree["depth"])):
                    go_left = flat[rows, feature[node]] <= threshold[node]
                    step = np.where(go_left, left[node], right[node])
                    node = np.where(left[node] < 0, node, step)
                total += float(self.params["rate"]) * np.asarray(tree["value"])[node]
            return total.reshape(x.shape[:-1])
        raise ValueError(f"unknown model kind {self.kind!r}")

    def probability(self, x: np.ndarray, context: np.ndarray | None = None) -> np.ndarray:
        a, b = self.params.get("calibration", (1.0, 0.0))
        return 1.0 / (1.0 + np.exp(-(a * self.margin(x, context) + b)))


@dataclass(frozen=True)
class LinkModel:
    """The shipped scorer: stages applied in turn; from the second on, each also reads the
    CONTEXT of the previous stage's probabilities. `meta` names the training data and holds
    the decision bands (floor, link, same) with their measured precision."""

    stages: tuple[Stage, ...]
    meta: dict

    @classmethod
    def from_json(cls, data: dict) -> LinkModel:
        stages = tuple(Stage(tuple(s["features"]), s["kind"], s["params"]) for s in data["stages"])
        return cls(stages, data.get("meta", {}))

    def probability(self, x: np.ndarray) -> np.ndarray:
        """(n_a, n_b) calibrated probability of a link, from pair_features' (n_a, n_b, F)."""
        p = self.stages[0].probability(x)
        for stage in self.stages[1:]:
            p = stage.probability(x, context_features(p))
        return p


@cache
def shipped_model() -> LinkModel:
    """The model in resources/linker.json (read once)."""
    text = resources.files("narrdiff.resources").joinpath(MODEL_RESOURCE).read_text("utf-8")
    return LinkModel.from_json(json.loads(text))
