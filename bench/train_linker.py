"""Train the pair scorer on the news_synth training split and write resources/linker.json.

    python bench/train_linker.py [--train ../shared/bench/abcd_news_synth_train.json]
                                 [--out narrdiff/resources/linker.json] [--kind logistic|trees]
                                 [--cv-only]

Deterministic: the same training file and the same embeddings (all-MiniLM-L6-v2 through the
embedding cache) give the same file byte for byte (fixed seeds, single-threaded fits, rounded
weights, sorted JSON keys).

What it does
1. Embeds every sentence of the training split and builds, per case, the feature array of
   narrdiff.core.link.scorer.pair_features for its two documents, exactly as link_articles does
   at run time (lexical IDF over the case's sentences), with the gold links as labels.
   Look-alike unrelated pairs of training cases (doc 0 of a case with doc 1 of the most alike
   other case, as quality.py --unrelated builds them) are added as all-negative examples, so
   that the model learns what "nothing here matches" looks like.
2. Fits the model (standardised logistic regression, or a few shallow boosted trees) and
   calibrates it with Platt scaling on out-of-fold margins (5 folds by case).
3. Chooses the decision bands on out-of-fold probabilities of the training split only:
   `link` = the probability threshold that maximises train-CV F1; `same` = the lowest threshold
   whose out-of-fold precision reaches SAME_PRECISION; `floor` = the blended score below which
   fewer than 1% of the training gold links lie. It records each band's measured precision.
4. Reports 5-fold train CV (folds by case; the band threshold chosen inside each training part
   by an inner CV, so the held-out fold never sets anything).

The dev splits are never read here.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quality import embed_cases, make_encoder, unrelated_cases  # noqa: E402

from narrdiff.core.link.overlap import LexicalIndex  # noqa: E402
from narrdiff.core.link.scorer import (  # noqa: E402
    CONTEXT,
    FEATURES,
    Similarities,
    Stage,
    blend,
    context_features,
    details,
    pair_features,
)
from narrdiff.core.text.evidence import agreement, evidence  # noqa: E402

ALL = FEATURES + CONTEXT

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TRAIN = REPO.parent / "shared" / "bench" / "abcd_news_synth_train.json"
FOLDS = 5
SEED = 0
SAME_PRECISION = 0.90
FLOOR_QUANTILE = 0.01
DECIMALS = 6


def case_arrays(docs: list[list[str]], vecs: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Features (n_a·n_b, F) and blended scores of one two-document case, as run time does."""
    index = LexicalIndex(docs)
    lexical = index.overlap(0, 1)
    da, db = details(docs)
    sims = Similarities(vecs)
    x = pair_features(sims.cosine(0, 1), sims.span(0, 1), lexical, da, db)
    score = blend(x[:, :, FEATURES.index("cos")], x[:, :, FEATURES.index("lex")])
    return x.reshape(-1, len(FEATURES)), score.reshape(-1)


_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_NUMBER_WORDS = "two three four five six seven eight nine ten eleven twelve".split()


def other_event(sentence: str, names: list[str], salt: int) -> str:
    """The sentence told of another event: every number, date and clock time replaced by a
    different one (deterministic in `salt`); on every third case (salt // 1000 % 3 == 2) the
    names too. Used for hard negatives, see `build`: with the names kept, the sentence embeds
    almost as before (MiniLM barely reads numbers), so only the details tell the events apart."""
    ev = evidence(sentence)
    spans: dict[tuple[int, int], str] = {}
    for q in ev.quantities:
        digits = re.search(r"\d+(?:[.,]\d+)*", q.text)
        if digits:
            value = float(digits.group().replace(",", ""))
            new = f"{value * 2 + 3 + salt % 5:g}" if value < 1e5 else f"{value * 3:g}"
            start = q.start + digits.start()
            spans[(start, start + len(digits.group()))] = new
        elif q.text.casefold() in _NUMBER_WORDS:
            k = _NUMBER_WORDS.index(q.text.casefold())
            new = _NUMBER_WORDS[(k + 3 + salt % 4) % len(_NUMBER_WORDS)]
            spans[(q.start, q.end)] = new.capitalize() if q.text[0].isupper() else new
    keys_at: dict[tuple[int, int], list[str]] = {}
    for d in ev.dates + ev.times:
        keys_at.setdefault((d.start, d.end), []).append(d.key)
    for (start, end), keys in keys_at.items():
        if len(keys) != 1:
            continue  # an ISO date: one span, three keys
        kind, _, value = keys[0].partition(":")
        if kind == "weekday":
            spans[(start, end)] = _WEEKDAYS[(int(value) + 1 + salt % 5) % 7]
        elif kind == "month":
            spans[(start, end)] = _MONTHS[(int(value) + 3 + salt % 7) % 12]
        elif kind == "day":
            spans[(start, end)] = str((int(value) + 8 + salt % 9) % 28 + 1)
        elif kind == "year":
            spans[(start, end)] = str(int(value) - 2 - salt % 4)
        elif kind == "rel":
            spans[(start, end)] = "last week"
        elif re.fullmatch(r"\??\d\d", kind):  # a clock time "HH:MM"
            spans[(start, end)] = f"{(int(kind.lstrip('?')) + 4 + salt % 5) % 12 + 1}:{value} a.m."
    for n, name in enumerate(ev.names if salt // 1000 % 3 == 2 else ()):
        if name.text.isupper() and len(name.text) <= 4:
            continue  # an acronym (US, UN) is background, not the event
        spans[(name.start, name.end)] = names[(salt * 7 + n * 13) % len(names)]
    text = sentence
    for (start, end), new in sorted(spans.items(), reverse=True):
        if not any(s < end and start < e for s, e in spans if (s, e) != (start, end)):
            text = text[:start] + new + text[end:]
    return text


def conflicts(a: str, b: str) -> int:
    """How many details two sentences state differently (numbers by unit, dates, time, names)."""
    found = agreement(evidence(a), evidence(b))
    return (
        found.number_conflict
        + found.date_conflict
        + int(found.time_conflict)
        + int(found.name_conflict)
    )


RELATED, UNRELATED, OTHER_EVENT = 0, 1, 2
"""Row kinds: a training case; its doc 0 with the most alike other case's doc 1; its doc 0 with
its own doc 1 told of another event (`other_event`)."""
MIN_CONFLICTS = 2
"""A gold pair whose second sentence, told of another event, states at least this many details
differently (numbers by unit, dates, clock time, names) becomes a negative: two earthquakes
share a country and a magnitude scale, not a date and a death toll. With fewer, the pair is
left out (one outlet's update of one figure is still the same fact)."""


def gold_matrix(case: dict, n_a: int, n_b: int) -> np.ndarray:
    y = np.zeros((n_a, n_b))
    for a, i, b, j in case["links"]:
        if (a, b) == (0, 1):
            y[i, j] = 1
        elif (a, b) == (1, 0):
            y[j, i] = 1
    return y


def build(cases: list[dict], vectors: list[list[np.ndarray]], options: set[str], encoder) -> dict:
    """Rows of every case, of its unrelated look-alike pair and of its other-event pair (as
    `options` asks), with case numbers for the folds, row kinds and weights."""
    parts: dict[str, list] = {k: [] for k in ("x", "y", "group", "score", "kind", "weight", "hard")}
    blocks, start = [], 0

    def add(k, kind, x, s, y, weight=None, hard=None):
        nonlocal start
        parts["x"].append(x), parts["y"].append(y.reshape(-1)), parts["score"].append(s)
        parts["group"].append(np.full(len(s), k)), parts["kind"].append(np.full(len(s), kind))
        parts["weight"].append(np.ones(len(s)) if weight is None else weight.reshape(-1))
        parts["hard"].append(np.zeros(len(s), bool) if hard is None else hard.reshape(-1))
        n_a, n_b = y.shape
        blocks.append((start, n_a, n_b))
        start += len(s)

    for k, (case, vecs) in enumerate(zip(cases, vectors, strict=True)):
        docs = [d["sentences"] for d in case["docs"][:2]]
        x, s = case_arrays(docs, vecs[:2])
        add(k, RELATED, x, s, gold_matrix(case, len(docs[0]), len(docs[1])))
    if "unrelated" in options:
        for k, pair in enumerate(unrelated_cases(cases, vectors, "alike")):
            m = pair["_m"]
            docs = [pair["docs"][0]["sentences"], pair["docs"][1]["sentences"]]
            x, s = case_arrays(docs, [vectors[k][0], vectors[m][1]])
            add(k, UNRELATED, x, s, np.zeros((len(docs[0]), len(docs[1]))))
    if "other_event" in options:
        names = sorted(
            {
                n.text
                for case in cases
                for d in case["docs"]
                for t in d["sentences"]
                for n in evidence(t).names
                if not (n.text.isupper() and len(n.text) <= 4)
            }
        )
        told = []
        for k, case in enumerate(cases):
            b = case["docs"][1]["sentences"]
            told.append([other_event(t, names, k * 1000 + j) for j, t in enumerate(b)])
        fresh = sorted({t for doc in told for t in doc})
        table = dict(zip(fresh, encoder.encode(fresh), strict=True))
        for k, (case, vecs) in enumerate(zip(cases, vectors, strict=True)):
            a_doc, b_doc = case["docs"][0]["sentences"], told[k]
            changed = np.array(
                [t != o for t, o in zip(b_doc, case["docs"][1]["sentences"], strict=True)]
            )
            if not changed.any():
                continue
            vb = np.stack([table[t] for t in b_doc]).astype(np.float32)
            x, s = case_arrays([a_doc, b_doc], [vecs[0], vb])
            y = gold_matrix(case, len(a_doc), len(b_doc))
            weight, hard = np.ones_like(y), np.zeros(y.shape, bool)
            for i, j in zip(*np.nonzero((y > 0) & changed[None, :]), strict=True):
                if conflicts(a_doc[i], b_doc[j]) >= MIN_CONFLICTS:
                    y[i, j], hard[i, j] = 0, True
                else:
                    weight[i, j] = 0
            add(k, OTHER_EVENT, x, s, y, weight, hard)
    data = {key: np.concatenate(value) for key, value in parts.items()}
    data["blocks"] = blocks
    data["related"] = data["kind"] == RELATED
    return data


def fold_of(groups: np.ndarray, n_cases: int) -> np.ndarray:
    """Fold per row: cases shuffled once with a fixed seed, then dealt into FOLDS folds."""
    order = np.random.default_rng(SEED).permutation(n_cases)
    fold = np.empty(n_cases, dtype=np.int64)
    fold[order] = np.arange(n_cases) % FOLDS
    return fold[groups]


TREES, DEPTH, RATE = 100, 3, 0.1
C_REG = 1.0  # inverse L2 strength of the logistic stages (0.1 and 10 gave the same train CV)


def fit(x: np.ndarray, y: np.ndarray, kind: str, columns: list[int], w=None) -> dict:
    """Fit one stage on rows x[:, columns] (weights w); its parameters as plain lists."""
    x = x[:, columns]
    if kind == "logistic":
        from sklearn.linear_model import LogisticRegression

        mean, scale = x.mean(axis=0), x.std(axis=0)
        scale = np.where(scale > 0, scale, 1.0)
        model = LogisticRegression(C=C_REG, max_iter=5000, solver="lbfgs")
        model.fit((x - mean) / scale, y, sample_weight=w)
        return {
            "mean": mean.tolist(),
            "scale": scale.tolist(),
            "coef": model.coef_[0].tolist(),
            "intercept": float(model.intercept_[0]),
        }
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(
        max_iter=TREES,
        max_depth=DEPTH,
        learning_rate=RATE,
        early_stopping=False,
        max_bins=64,
        l2_regularization=1.0,
        random_state=SEED,
    )
    model.fit(x, y, sample_weight=w)
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(
            {
                "depth": int(DEPTH) + 1,
                "feature": np.where(leaf, -2, nodes["feature_idx"].astype(np.int64)).tolist(),
                "threshold": np.where(leaf, 0.0, nodes["num_threshold"]).tolist(),
                "left": np.where(leaf, -1, nodes["left"].astype(np.int64)).tolist(),
                "right": np.where(leaf, -1, nodes["right"].astype(np.int64)).tolist(),
                "value": np.where(leaf, nodes["value"], 0.0).tolist(),
            }
        )
    return {"base": float(model._baseline_prediction.ravel()[0]), "rate": 1.0, "trees": trees}


def stage_of(params: dict, kind: str, columns: list[int]) -> Stage:
    return Stage(tuple(ALL[c] for c in columns), kind, params)


def platt(m: np.ndarray, y: np.ndarray) -> list[float]:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e6, max_iter=1000).fit(m.reshape(-1, 1), y)
    return [round(float(lr.coef_[0, 0]), DECIMALS), round(float(lr.intercept_[0]), DECIMALS)]


def sigmoid(m: np.ndarray, ab: list[float]) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(ab[0] * m + ab[1])))


def with_context(data: dict, p: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """[features, CONTEXT of p] for `rows` (whole blocks: folds never split a case)."""
    x2 = np.zeros((len(data["y"]), len(ALL)))
    x2[:, : len(FEATURES)] = data["x"]
    full = np.zeros(len(data["y"]))
    full[rows] = p
    inside = np.zeros(len(data["y"]), dtype=bool)
    inside[rows] = True
    for start, na, nb in data["blocks"]:
        if inside[start]:
            block = full[start : start + na * nb].reshape(na, nb)
            x2[start : start + na * nb, len(FEATURES) :] = context_features(block).reshape(
                na * nb, -1
            )
    return x2[rows]


def oof_margins(x, y, w, folds: np.ndarray, kind: str, columns: list[int]):
    """Out-of-fold margins of one stage over rows x (folds[k]: the fold of row k)."""
    out = np.zeros(len(y))
    for f in np.unique(folds):
        train, test = folds != f, folds == f
        params = fit(x[train], y[train], kind, columns, w[train])
        out[test] = stage_of(params, kind, columns).margin(x[test])
    return out


def pipeline(data: dict, rows: np.ndarray, folds: np.ndarray, spec: list) -> tuple:
    """Fit every stage on `rows`; return (stages, out-of-fold probabilities of the last stage).

    Each stage after the first is fitted on the context of the previous stage's out-of-fold
    probabilities, so it learns from the same kind of input it meets at run time.
    """
    y, w = data["y"][rows], data["weight"][rows]
    x = data["x"][rows]
    x = np.concatenate([x, np.zeros((len(rows), len(CONTEXT)))], axis=1)
    stages, p = [], None
    for n, (kind, columns) in enumerate(spec):
        if n:
            x = with_context(data, p, rows)
        m = oof_margins(x, y, w, folds, kind, columns)
        ab = platt(m[w > 0], y[w > 0])
        p = sigmoid(m, ab)
        params = fit(x, y, kind, columns, w)
        params["calibration"] = ab
        stages.append(stage_of(params, kind, columns))
    return stages, p


def predict(data: dict, rows: np.ndarray, stages: list) -> np.ndarray:
    x = np.concatenate([data["x"][rows], np.zeros((len(rows), len(CONTEXT)))], axis=1)
    p = stages[0].probability(x)
    for stage in stages[1:]:
        p = stage.probability(with_context(data, p, rows))
    return p


def f1_at(p: np.ndarray, y: np.ndarray, keep: np.ndarray, t: float) -> tuple[float, float, float]:
    pred = keep & (p >= t)
    tp = float((pred & (y > 0)).sum())
    n_pred, n_gold = float(pred.sum()), float((y > 0).sum())
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def best_threshold(p: np.ndarray, y: np.ndarray, keep: np.ndarray) -> float:
    grid = np.round(np.arange(0.05, 0.951, 0.01), 2)
    scores = [f1_at(p, y, keep, t)[2] for t in grid]
    return float(grid[int(np.argmax(scores))])


def choose_floor(score: np.ndarray, y: np.ndarray) -> float:
    return float(np.round(np.quantile(score[y > 0], FLOOR_QUANTILE), 3))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    ap.add_argument("--out", type=Path, default=REPO / "narrdiff" / "resources" / "linker.json")
    ap.add_argument("--kind", choices=("logistic", "trees"), default="logistic")
    ap.add_argument("--kind2", choices=("logistic", "trees", "none"), default="logistic")
    ap.add_argument("--features", default=",".join(FEATURES))
    ap.add_argument("--no-unrelated", action="store_true")
    ap.add_argument("--no-other-event", action="store_true")
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--no-diag-context", action="store_true")
    ap.add_argument("--C", type=float, default=C_REG)
    args = ap.parse_args(argv)
    globals()["C_REG"] = args.C
    cases = json.loads(args.train.read_text(encoding="utf-8"))
    encoder = make_encoder(None, False)
    vectors = embed_cases(cases, encoder)
    options = {"unrelated"} - ({"unrelated"} if args.no_unrelated else set())
    options |= set() if args.no_other_event else {"other_event"}
    data = build(cases, vectors, options, encoder)
    columns = [ALL.index(f) for f in args.features.split(",")]
    spec = [(args.kind, columns)]
    if args.kind2 != "none":
        context = [c for c in CONTEXT if not (args.no_diag_context and c == "p1_diag")]
        spec.append((args.kind2, columns + [ALL.index(c) for c in context]))
    folds = fold_of(data["group"], len(cases))
    rows = np.arange(len(data["y"]))
    y, related = data["y"], data["related"]
    floor = choose_floor(data["score"][related], y[related])
    keep = data["score"] >= floor

    # outer CV: each fold predicted by stages and a threshold fitted without it
    decided = np.zeros(len(rows), dtype=bool)
    thresholds = []
    for f in range(FOLDS):
        train, test = rows[folds != f], rows[folds == f]
        stages, p_inner = pipeline(data, train, (folds[train] + 1 + f) % FOLDS, spec)
        r = related[train]
        t = best_threshold(p_inner[r], y[train][r], keep[train][r])
        thresholds.append(t)
        decided[test] = predict(data, test, stages) >= t
    prec, rec, f1 = f1_at(decided[related].astype(float), y[related], keep[related], 0.5)
    unrelated = data["kind"] == UNRELATED
    unrelated_links = float((decided[unrelated] & keep[unrelated]).sum()) / max(1, len(cases))
    hard = data["hard"]
    hard_linked = float((decided[hard] & keep[hard]).sum()) / max(1, int(hard.sum()))
    print(f"train CV ({FOLDS} folds by case, nested thresholds {thresholds}):")
    print(
        f"  P {prec:.3f}  R {rec:.3f}  F1 {f1:.3f};  unrelated look-alike links/pair "
        f"{unrelated_links:.2f}  (floor {floor}); other-event pairs linked "
        f"{hard_linked:.2f} of {int(hard.sum())}"
    )
    if args.cv_only:
        return 0

    # the shipped stages: fitted on all of train; bands from out-of-fold probabilities
    stages, p = pipeline(data, rows, folds, spec)
    link = best_threshold(p[related], y[related], keep[related])
    grid = np.round(np.arange(link, 0.991, 0.01), 2)
    same = next(
        (
            float(t)
            for t in grid
            if f1_at(p[related], y[related], keep[related], t)[0] >= SAME_PRECISION
        ),
        float(grid[-1]),
    )
    bands = {"floor": floor, "link": link, "same": same}
    measured = {}
    for name, lo, hi in (("related", link, same), ("same", same, 1.01), ("link", link, 1.01)):
        sel = related & keep & (p >= lo) & (p < hi)
        measured[name] = {
            "precision": round(float(y[sel].mean()) if sel.any() else 0.0, 3),
            "pairs": int(sel.sum()),
        }
    out = {
        "stages": [
            {"features": list(s.features), "kind": s.kind, "params": _rounded(s.params)}
            for s in stages
        ],
        "meta": {
            "training_data": args.train.name,
            "trained_by": "bench/train_linker.py",
            "cases": len(cases),
            "gold_links": int(y.sum()),
            "negatives": sorted(options),
            "min_conflicts": MIN_CONFLICTS,
            "bands": bands,
            "band_precision_train_oof": measured,
            "train_cv": {
                "precision": round(prec, 4),
                "recall": round(rec, 4),
                "f1": round(f1, 4),
                "unrelated_links_per_pair": round(unrelated_links, 3),
                "other_event_pairs_linked": round(hard_linked, 3),
                "thresholds": thresholds,
            },
        },
    }
    args.out.write_text(json.dumps(out, sort_keys=True, indent=1) + "\n", encoding="utf-8")
    print(f"bands {bands}; measured on train out-of-fold: {measured}")
    print(f"wrote {args.out}")
    return 0


def _rounded(value):
    if isinstance(value, float):
        return round(value, DECIMALS)
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


if __name__ == "__main__":
    sys.exit(main())
