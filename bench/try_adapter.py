"""Experiment: a learned linear adapter on the MiniLM vectors, scored by train 5-fold CV.

    python bench/try_adapter.py [--variants base,feature,replace,everywhere] [--kind full|low|diag]
                                [--rank 32] [--lam 1.0] [--lr 0.01] [--steps 300]
                                [--min-cos 0.3] [--cache W.npz] [--in-sample]

An adapter W (384 × 384: full `I + D`, low-rank `I + U·Vᵀ`, or diagonal) gives an "adapted
cosine" cos(W·u, W·v) of two sentence vectors u, v: symmetric in the two sentences, one matrix
product per sentence set at run time. W is fitted on the training pairs of bench/train_linker.py
(gold links against the case's other pairs, the unrelated look-alike pairs and the other-event
negatives; rows of weight 0 left out) with a balanced logistic loss on s·cos + b (s, b learned)
and an L2 pull of W towards the identity (`--lam`). Seeded, single-threaded: deterministic.

Variants, each scored exactly as `train_linker.py --cv-only` scores the shipped model (same rows,
same folds by case, the two logistic stages, the band threshold chosen inside each training part):

  base        the shipped features (a check: it must print train_linker's figure)
  feature     + "acos", the adapted cosine, as one more feature of both stages
  replace     "acos" instead of "cos" (ranks, gaps and neighbours still from the plain blend)
  everywhere  every feature from the adapted vectors (cosine, span, and the blend behind ranks,
              gaps, margins and neighbours); the absolute floor stays on the plain blend

No leakage: for outer fold f, the held-out cases get acos from a W fitted on the other four
folds only; the training cases get *cross-fitted* acos: train_linker's inner folds are the other
outer folds relabelled, so the cases of fold g get acos from a W fitted on the three folds other
than f and g (15 adapters in all, shared by the variants). So the logistic stages learn how much
acos is worth on pairs the adapter has not seen, as they would meet it at run time; the held-out
fold's labels touch nothing. `--in-sample` gives the training cases acos from the W fitted on all
of them instead (shows how much an adapter overfits its own pairs). The adapter is fitted on the
gold pairs and on the negatives whose plain cosine is at least `--min-cos` (0.3: the pairs that
could become links; 30k of 120k), which keeps a fit under a minute on one core. It also prints
the held-out average precision of the gold pairs by plain and by adapted cosine (each fold
scored with the W fitted without it): whether the adapter ranks unseen pairs better at all.

Result (December 2026; train-CV F1, unrelated look-alike links per pair in brackets; the same
run without an adapter: 0.721 (0.21)), feature / replace / everywhere:

  --kind full --steps 150 --lr 0.003    0.720 (0.17) / 0.720 (0.19) / 0.719 (0.23)
  --kind low --rank 64 --steps 200      0.718 (0.18) / 0.720 (0.22) / 0.716 (0.23)
  --kind diag --steps 200               0.719 (0.18) / 0.719 (0.17) / 0.724 (0.26)
  --kind full ... --in-sample           feature 0.535 (0.10)

Held-out average precision of the gold pairs: cosine 0.453; adapted by the full adapter 0.447,
rank 64 0.445, diagonal 0.459.
Not shipped (the bar was +0.015 F1 with unrelated links not rising): on cases it has not seen,
the adapter ranks pairs no better than the plain cosine (bench/README.md, "What was tried").
The dev splits are never read here.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import train_linker as tl  # noqa: E402
from quality import embed_cases, make_encoder  # noqa: E402

from narrdiff.core.link import scorer  # noqa: E402
from narrdiff.core.link.overlap import LexicalIndex  # noqa: E402

PLAIN = tl.FEATURES
EXTENDED = PLAIN + ("acos",)
SEED = 0


def _extend_feature_names() -> None:
    """Stages name their columns in FEATURES + CONTEXT: make "acos" one of them (here only)."""
    scorer.FEATURES = EXTENDED
    tl.FEATURES = EXTENDED
    tl.ALL = EXTENDED + tl.CONTEXT


class Blocks:
    """Per block of train_linker.build (in its order): the two sentence lists and vectors."""

    def __init__(self) -> None:
        self.docs: list[list[list[str]]] = []
        self.vecs: list[list[np.ndarray]] = []
        self._lex: dict[int, tuple] = {}

    def record(self, original):
        def case_arrays(docs, vecs):
            self.docs.append([list(d) for d in docs])
            self.vecs.append([np.asarray(v, dtype=np.float64) for v in vecs])
            return original(docs, vecs)

        return case_arrays

    def features(self, k: int, va: np.ndarray, vb: np.ndarray) -> np.ndarray:
        """Block k's plain features (n_a·n_b, F) computed from the vectors va, vb."""
        if k not in self._lex:
            docs = self.docs[k]
            self._lex[k] = (LexicalIndex(docs).overlap(0, 1), scorer.details(docs))
        lexical, (da, db) = self._lex[k]
        sims = scorer.Similarities([va, vb])
        extended, scorer.FEATURES = scorer.FEATURES, PLAIN  # pair_features fills FEATURES
        try:
            x = scorer.pair_features(sims.cosine(0, 1), sims.span(0, 1), lexical, da, db)
        finally:
            scorer.FEATURES = extended
        return x.reshape(-1, len(PLAIN))


class Pairs:
    """Every training pair as indices into one matrix of distinct sentence vectors, so that a
    step of the adapter's fit transforms each sentence once (the same doc 0 serves its case, its
    unrelated pair and its other-event pair)."""

    def __init__(self, blocks: Blocks, labels, weights) -> None:
        table: dict[bytes, int] = {}
        rows: list[np.ndarray] = []

        def index(v: np.ndarray) -> np.ndarray:
            out = []
            for r in v:
                key = r.tobytes()
                if key not in table:
                    table[key] = len(rows)
                    rows.append(r)
                out.append(table[key])
            return np.array(out, dtype=np.int64)

        self.a, self.b, self.y, self.block = [], [], [], []
        for k, (va, vb) in enumerate(blocks.vecs):
            ia, ib = index(va), index(vb)
            aa, bb = np.meshgrid(ia, ib, indexing="ij")
            use = (weights[k] > 0).reshape(-1)
            self.a.append(aa.reshape(-1)[use]), self.b.append(bb.reshape(-1)[use])
            self.y.append(labels[k].reshape(-1)[use]), self.block.append(np.full(use.sum(), k))
        self.a, self.b = np.concatenate(self.a), np.concatenate(self.b)
        self.y, self.block = np.concatenate(self.y), np.concatenate(self.block)
        self.vectors = np.stack(rows).astype(np.float32)
        self.cos = np.einsum("ij,ij->i", self.vectors[self.a], self.vectors[self.b])


def fit_adapter(pairs: Pairs, ids, args) -> np.ndarray:
    """W (dim, dim) fitted on the pairs of the blocks `ids`."""
    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    sel = np.isin(pairs.block, np.asarray(list(ids)))
    sel &= (pairs.y > 0) | (pairs.cos >= args.min_cos)  # negatives that could become links
    used = np.unique(np.concatenate([pairs.a[sel], pairs.b[sel]]))
    remap = np.full(len(pairs.vectors), -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    X = torch.from_numpy(pairs.vectors[used])
    ia = torch.from_numpy(remap[pairs.a[sel]])
    ib = torch.from_numpy(remap[pairs.b[sel]])
    y = torch.from_numpy(pairs.y[sel].astype(np.float32))
    n_pos, n_neg = float(y.sum()), float((1 - y).sum())
    dim = X.shape[1]
    if args.kind == "full":
        D = torch.zeros(dim, dim, requires_grad=True)
        params = [D]

        def transform(v):
            return v + v @ D.T

        def delta():
            return D
    elif args.kind == "low":
        U = (0.01 * torch.randn(dim, args.rank)).requires_grad_()
        V = (0.01 * torch.randn(dim, args.rank)).requires_grad_()
        params = [U, V]

        def transform(v):
            return v + (v @ V) @ U.T

        def delta():
            return U @ V.T
    else:
        d = torch.zeros(dim, requires_grad=True)
        params = [d]

        def transform(v):
            return v * (1 + d)

        def delta():
            return torch.diag(d)

    log_s = torch.tensor(float(np.log(10.0)), requires_grad=True)
    b = torch.tensor(-6.0, requires_grad=True)
    opt = torch.optim.Adam([*params, log_s, b], lr=args.lr)
    for _ in range(args.steps):
        opt.zero_grad()
        z = torch.nn.functional.normalize(transform(X), dim=-1, eps=1e-12)
        cos = (z[ia] * z[ib]).sum(dim=1)
        logit = log_s.exp() * cos + b
        loss = (torch.nn.functional.softplus(-logit) * y).sum() / n_pos
        loss = loss + (torch.nn.functional.softplus(logit) * (1 - y)).sum() / n_neg
        loss = loss + args.lam * (delta() ** 2).sum() / dim
        loss.backward()
        opt.step()
    return (torch.eye(dim) + delta()).detach().numpy().astype(np.float64)


def adapted(v: np.ndarray, W: np.ndarray) -> np.ndarray:
    """Unit vectors of v·Wᵀ (rows)."""
    z = v @ W.T
    return z / np.maximum(np.linalg.norm(z, axis=1, keepdims=True), 1e-12)


def held_out_precision(pairs: Pairs, fold_of_block, adapter, min_cos: float) -> str:
    """Average precision of gold pairs against the negatives with plain cosine >= min_cos, by
    plain and by adapted cosine, each fold scored with the adapter fitted without it."""
    from sklearn.metrics import average_precision_score

    fold = fold_of_block[pairs.block]
    use = (pairs.y > 0) | (pairs.cos >= min_cos)
    adapted_cos = np.zeros(len(pairs.y))
    for f in range(tl.FOLDS):
        z = adapted(pairs.vectors.astype(np.float64), adapter(frozenset({f})))
        at = fold == f
        adapted_cos[at] = np.einsum("ij,ij->i", z[pairs.a[at]], z[pairs.b[at]])
    plain = average_precision_score(pairs.y[use], pairs.cos[use])
    learned = average_precision_score(pairs.y[use], adapted_cos[use])
    return f"held-out average precision of gold pairs: cosine {plain:.3f}; adapted {learned:.3f}"


def run(variant: str, data: dict, blocks: Blocks, block_case: np.ndarray, adapter, args) -> str:
    """One CV line for `variant`; adapter(excluded folds) -> W fitted without those folds."""
    folds_by_case = tl.fold_of(np.arange(args.n_cases), args.n_cases)
    rows = np.arange(len(data["y"]))
    folds = folds_by_case[data["group"]]
    y, related = data["y"], data["related"]
    keep = data["score"] >= data["floor"]
    plain_cols = [tl.ALL.index(f) for f in PLAIN]
    if variant == "feature":
        columns = plain_cols + [tl.ALL.index("acos")]
    elif variant == "replace":
        columns = [c for c in plain_cols if tl.ALL[c] != "cos"] + [tl.ALL.index("acos")]
    else:
        columns = plain_cols
    spec = [("logistic", columns), ("logistic", columns + [tl.ALL.index(c) for c in tl.CONTEXT])]
    acos_col = tl.ALL.index("acos")

    def fill(x: np.ndarray, W: np.ndarray, ids) -> None:
        for k in ids:
            s, a, b = data["blocks"][k]
            za, zb = (adapted(v, W) for v in blocks.vecs[k])
            if variant == "everywhere":
                x[s : s + a * b, : len(PLAIN)] = blocks.features(k, za, zb)
            else:
                x[s : s + a * b, acos_col] = np.round(za @ zb.T, scorer.DECIMALS).reshape(-1)

    decided = np.zeros(len(rows), dtype=bool)
    thresholds = []
    for f in range(tl.FOLDS):
        train, test = rows[folds != f], rows[folds == f]
        x = data["x"].copy()
        if variant != "base":
            fold_of_block = folds_by_case[block_case]
            train_blocks = np.nonzero(fold_of_block != f)[0]
            fill(x, adapter(frozenset({f})), np.nonzero(fold_of_block == f)[0])
            if args.in_sample:
                fill(x, adapter(frozenset({f})), train_blocks)
            else:  # train_linker's inner folds are the other outer folds, relabelled
                for g in sorted(set(fold_of_block[train_blocks].tolist())):
                    fill(x, adapter(frozenset({f, g})), np.nonzero(fold_of_block == g)[0])
        fold_data = dict(data, x=x)
        stages, p_inner = tl.pipeline(fold_data, train, (folds[train] + 1 + f) % tl.FOLDS, spec)
        r = related[train]
        t = tl.best_threshold(p_inner[r], y[train][r], keep[train][r])
        thresholds.append(t)
        decided[test] = tl.predict(fold_data, test, stages) >= t
    prec, rec, f1 = tl.f1_at(decided[related].astype(float), y[related], keep[related], 0.5)
    unrelated = data["kind"] == tl.UNRELATED
    per_pair = float((decided[unrelated] & keep[unrelated]).sum()) / args.n_cases
    hard = data["hard"]
    hard_linked = float((decided[hard] & keep[hard]).sum()) / max(1, int(hard.sum()))
    return (
        f"{variant:10s} P {prec:.3f}  R {rec:.3f}  F1 {f1:.3f}  unrelated alike/pair "
        f"{per_pair:.2f}  other-event linked {hard_linked:.2f}  thresholds {thresholds}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--train", type=Path, default=tl.DEFAULT_TRAIN)
    ap.add_argument("--variants", default="base,feature,replace,everywhere")
    ap.add_argument("--kind", choices=("full", "low", "diag"), default="full")
    ap.add_argument("--rank", type=int, default=32)
    ap.add_argument("--lam", type=float, default=1.0)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--steps", type=int, default=300)
    ap.add_argument("--min-cos", type=float, default=0.3)
    ap.add_argument("--cache", help="an .npz to keep the fitted adapters in (per settings!)")
    ap.add_argument("--in-sample", action="store_true")
    args = ap.parse_args(argv)
    cases = json.loads(args.train.read_text(encoding="utf-8"))
    args.n_cases = len(cases)
    encoder = make_encoder(None, False)
    vectors = embed_cases(cases, encoder)
    blocks = Blocks()
    tl.case_arrays = blocks.record(tl.case_arrays)
    data = tl.build(cases, vectors, {"unrelated", "other_event"}, encoder)
    _extend_feature_names()
    data["x"] = np.concatenate([data["x"], np.zeros((len(data["y"]), 1))], axis=1)
    related = data["related"]
    data["floor"] = tl.choose_floor(data["score"][related], data["y"][related])
    block_case = np.array([int(data["group"][s]) for s, _, _ in data["blocks"]])
    print(
        f"adapter {args.kind} rank {args.rank} lam {args.lam} lr {args.lr} steps {args.steps} "
        f"min-cos {args.min_cos}{' in-sample' if args.in_sample else ''}",
        flush=True,
    )
    labels = [data["y"][s : s + a * b].reshape(a, b) for s, a, b in data["blocks"]]
    weights = [data["weight"][s : s + a * b].reshape(a, b) for s, a, b in data["blocks"]]
    pairs = Pairs(blocks, labels, weights)
    fold_of_block = tl.fold_of(np.arange(len(cases)), len(cases))[block_case]
    fitted: dict[frozenset, np.ndarray] = {}
    neg = (pairs.y == 0) & (pairs.cos >= args.min_cos)
    print(
        f"pairs: {int(pairs.y.sum())} gold, {int(neg.sum())} negatives with cosine >= "
        f"{args.min_cos} (of {int((pairs.y == 0).sum())}), {len(pairs.vectors)} sentences"
    )

    store = Path(args.cache) if args.cache else None
    if store and store.exists():
        with np.load(store) as saved:
            fitted.update({frozenset(int(c) for c in k.split("_")): saved[k] for k in saved})

    def adapter(excluded: frozenset) -> np.ndarray:
        if excluded not in fitted:
            start = time.perf_counter()
            ids = np.nonzero(~np.isin(fold_of_block, list(excluded)))[0]
            fitted[excluded] = fit_adapter(pairs, ids, args)
            change = np.linalg.norm(fitted[excluded] - np.eye(len(fitted[excluded])))
            print(
                f"  adapter without folds {sorted(excluded)}: |W - I| {change:.3f} "
                f"({time.perf_counter() - start:.1f} s)",
                flush=True,
            )
            if store:
                np.savez(store, **{"_".join(map(str, sorted(k))): w for k, w in fitted.items()})
        return fitted[excluded]

    if args.variants != "base":
        print(held_out_precision(pairs, fold_of_block, adapter, args.min_cos), flush=True)
    for variant in args.variants.split(","):
        start = time.perf_counter()
        line = run(variant, data, blocks, block_case, adapter, args)
        print(f"{line}  ({time.perf_counter() - start:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
