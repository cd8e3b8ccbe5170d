"""Train the pair scorer on the news_synth training split and write resources/linker.json.

    python bench/train_linker.py [--train ../shared/bench/abcd_news_synth_train.json]
                                 [--out resources/linker.json] [--kind logistic|trees]
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
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quality import embed_cases, make_encoder, unrelated_cases  # noqa: E402

from narrdiff.core.lexical import LexicalIndex  # noqa: E402
from narrdiff.core.link.scorer import (  # noqa: E402
    CONTEXT,
    FEATURES,
    details,
    Similarities,
    Stage,
    blend,
    context_features,
    pair_features,
)

ALL = FEATURES + CONTEXT

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TRAIN = REPO.parent / "shared" / "bench" / "abcd_news_synth_train.json"
FOLDS = 5
SEED = 0
SAME_PRECISION = 0.85
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


def build(cases: list[dict], vectors: list[list[np.ndarray]], unrelated: bool) -> dict:
    """Rows of every case (and of its unrelated look-alike pair), with case ids for the folds."""
    xs, ys, groups, scores, related = [], [], [], [], []
    blocks, start = [], 0
    for k, (case, vecs) in enumerate(zip(cases, vectors, strict=True)):
        docs = [d["sentences"] for d in case["docs"][:2]]
        x, s = case_arrays(docs, vecs[:2])
        y = np.zeros((len(docs[0]), len(docs[1])))
        for a, i, b, j in case["links"]:
            if (a, b) == (0, 1):
                y[i, j] = 1
            elif (a, b) == (1, 0):
                y[j, i] = 1
        xs.append(x), ys.append(y.reshape(-1)), scores.append(s)
        groups.append(np.full(len(s), k)), related.append(np.ones(len(s), dtype=bool))
        blocks.append((start, len(docs[0]), len(docs[1])))
        start += len(s)
    if unrelated:
        for k, pair in enumerate(unrelated_cases(cases, vectors, "alike")):
            m = pair["_m"]
            docs = [pair["docs"][0]["sentences"], pair["docs"][1]["sentences"]]
            x, s = case_arrays(docs, [vectors[k][0], vectors[m][1]])
            xs.append(x), ys.append(np.zeros(len(s))), scores.append(s)
            groups.append(np.full(len(s), k)), related.append(np.zeros(len(s), dtype=bool))
            blocks.append((start, len(docs[0]), len(docs[1])))
            start += len(s)
    return {
        "x": np.concatenate(xs),
        "y": np.concatenate(ys),
        "group": np.concatenate(groups),
        "score": np.concatenate(scores),
        "related": np.concatenate(related),
        "blocks": blocks,
    }


def fold_of(groups: np.ndarray, n_cases: int) -> np.ndarray:
    """Fold per row: cases shuffled once with a fixed seed, then dealt into FOLDS folds."""
    order = np.random.default_rng(SEED).permutation(n_cases)
    fold = np.empty(n_cases, dtype=np.int64)
    fold[order] = np.arange(n_cases) % FOLDS
    return fold[groups]


TREES, DEPTH, RATE = 100, 3, 0.1


def fit(x: np.ndarray, y: np.ndarray, kind: str, columns: list[int]) -> dict:
    """Fit one stage on rows x[:, columns]; its parameters as plain lists."""
    x = x[:, columns]
    if kind == "logistic":
        from sklearn.linear_model import LogisticRegression

        mean, scale = x.mean(axis=0), x.std(axis=0)
        scale = np.where(scale > 0, scale, 1.0)
        model = LogisticRegression(C=1.0, max_iter=5000, solver="lbfgs")
        model.fit((x - mean) / scale, y)
        return {
            "mean": mean.tolist(),
            "scale": scale.tolist(),
            "coef": model.coef_[0].tolist(),
            "intercept": float(model.intercept_[0]),
        }
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(
        max_iter=TREES, max_depth=DEPTH, learning_rate=RATE, early_stopping=False,
        max_bins=64, l2_regularization=1.0, random_state=SEED,
    )
    model.fit(x, y)
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


def oof_margins(x: np.ndarray, y: np.ndarray, folds: np.ndarray, kind: str, columns: list[int]):
    """Out-of-fold margins of one stage over rows x (folds[k]: the fold of row k)."""
    out = np.zeros(len(y))
    for f in np.unique(folds):
        train, test = folds != f, folds == f
        params = fit(x[train], y[train], kind, columns)
        out[test] = stage_of(params, kind, columns).margin(x[test])
    return out


def pipeline(data: dict, rows: np.ndarray, folds: np.ndarray, spec: list) -> tuple:
    """Fit every stage on `rows`; return (stages, out-of-fold probabilities of the last stage).

    Each stage after the first is fitted on the context of the previous stage's out-of-fold
    probabilities, so it learns from the same kind of input it meets at run time.
    """
    y = data["y"][rows]
    x = data["x"][rows]
    x = np.concatenate([x, np.zeros((len(rows), len(CONTEXT)))], axis=1)
    stages, p = [], None
    for n, (kind, columns) in enumerate(spec):
        if n:
            x = with_context(data, p, rows)
        m = oof_margins(x, y, folds, kind, columns)
        ab = platt(m, y)
        p = sigmoid(m, ab)
        params = fit(x, y, kind, columns)
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
    ap.add_argument("--out", type=Path, default=REPO / "resources" / "linker.json")
    ap.add_argument("--kind", choices=("logistic", "trees"), default="logistic")
    ap.add_argument("--kind2", choices=("logistic", "trees", "none"), default="logistic")
    ap.add_argument("--features", default=",".join(FEATURES))
    ap.add_argument("--no-unrelated", action="store_true")
    ap.add_argument("--cv-only", action="store_true")
    args = ap.parse_args(argv)
    cases = json.loads(args.train.read_text(encoding="utf-8"))
    vectors = embed_cases(cases, make_encoder(None, False))
    data = build(cases, vectors, unrelated=not args.no_unrelated)
    columns = [ALL.index(f) for f in args.features.split(",")]
    spec = [(args.kind, columns)]
    if args.kind2 != "none":
        spec.append((args.kind2, columns + [ALL.index(c) for c in CONTEXT]))
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
    unrelated_links = float((decided[~related] & keep[~related]).sum()) / max(1, len(cases))
    print(f"train CV ({FOLDS} folds by case, nested thresholds {thresholds}):")
    print(f"  P {prec:.3f}  R {rec:.3f}  F1 {f1:.3f};  unrelated look-alike links/pair "
          f"{unrelated_links:.2f}  (floor {floor})")
    if args.cv_only:
        return 0

    # the shipped stages: fitted on all of train; bands from out-of-fold probabilities
    stages, p = pipeline(data, rows, folds, spec)
    link = best_threshold(p[related], y[related], keep[related])
    grid = np.round(np.arange(link, 0.991, 0.01), 2)
    same = next(
        (float(t) for t in grid
         if f1_at(p[related], y[related], keep[related], t)[0] >= SAME_PRECISION),
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
            "unrelated_negatives": not args.no_unrelated,
            "bands": bands,
            "band_precision_train_oof": measured,
            "train_cv": {
                "precision": round(prec, 4),
                "recall": round(rec, 4),
                "f1": round(f1, 4),
                "unrelated_links_per_pair": round(unrelated_links, 3),
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
