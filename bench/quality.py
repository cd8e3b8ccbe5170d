"""Link-quality benchmark: run narrdiff's sentence linking on a benchmark file and score it.

    python bench/quality.py CASES.json --out PRED.json [--model M] [--strictness X]
                            [--unrelated [--pairing alike|next]] [--sweep]
                            [--score-py PATH] [--lexical]
    python bench/quality.py --report [--train TRAIN.json] [--dev DEV.json] [--ecb ECB.json]

For every case it feeds each document's sentences *as given* (no re-segmentation, so indices
match the gold) to `narrdiff.core.link.align.link_articles`, over every pair of documents, and
writes
the predictions in score.py's format `{case_id: [[doc_i, sent_i, doc_j, sent_j], ...]}`. When the
file carries gold links it prints precision / recall / F1 from the shared `score.py` (imported
from --score-py, default ../shared/bench/score.py next to the repository; never copied here).

--unrelated pairs documents of *different* cases instead: for each case, its doc 0 with doc 1 of
the case whose doc 1 looks most alike (closest mean sentence vector; `--pairing next` takes the
next case in the file instead), so the topics are similar but the story differs; it prints
links per pair. On ECB+ the look-alike is usually the same topic's other event (two different
earthquakes), where some links are genuinely shared background facts.

--report prints every figure of bench/README.md in one run: the 5-fold cross-validation on the
news_synth training split (bench/train_linker.py --cv-only: folds by case, nothing fitted on the
held-out fold), then on news_synth dev and ECB+ dev: P / R / F1 with score.py's per-source macro
scores, and unrelated links per pair for both pairings. No --out needed.

--sweep also prints the scores at strictness 0.0, 0.1, … 1.0 (linking is fast; vectors are
computed once).

Embeddings go through CachedEncoder + EmbeddingCache, so reruns load no model. This is a script,
not a test: it prints, and it may take a minute on first run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from narrdiff.core.link.embed import (
    CachedEncoder,
    EmbeddingCache,
    Encoder,
    LexicalEncoder,
    SentenceTransformerEncoder,
)

if (
    TYPE_CHECKING
):  # align reads resources/linker.json, which train_linker.py (importing this) writes
    from narrdiff.core.link.align import AlignOptions

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO.parent / "shared" / "bench"
DEFAULT_SCORE_PY = BENCH / "score.py"


def load_score(path: Path) -> Any:
    """The `score` function of the shared score.py, imported by path."""
    spec = importlib.util.spec_from_file_location("narrdiff_bench_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score


def embed_cases(cases: list[dict], encoder: Encoder) -> list[list[np.ndarray]]:
    """Per case, per document, the (n, dim) vectors of its sentences (one encoder call)."""
    texts = [s for case in cases for doc in case["docs"] for s in doc["sentences"]]
    matrix = encoder.encode(texts)
    out, row = [], 0
    for case in cases:
        per_doc = []
        for doc in case["docs"]:
            n = len(doc["sentences"])
            per_doc.append(matrix[row : row + n])
            row += n
        out.append(per_doc)
    return out


def predict(
    cases: list[dict], vectors: list[list[np.ndarray]], options: AlignOptions
) -> tuple[dict[str, list[list[int]]], float]:
    """Predicted links per case id, and the seconds spent linking."""
    from narrdiff.core.link.align import link_articles

    pred: dict[str, list[list[int]]] = {}
    spent = 0.0
    STRENGTHS.clear()
    for case, vecs in zip(cases, vectors, strict=True):
        texts = [doc["sentences"] for doc in case["docs"]]
        start = time.perf_counter()
        links = link_articles(texts, vecs, options)
        spent += time.perf_counter() - start
        pred[case["id"]] = [[a, i, b, j] for a, i, b, j, _, _ in links]
        for a, i, b, j, _, strength in links:
            STRENGTHS.setdefault(strength, {}).setdefault(case["id"], []).append([a, i, b, j])
    return pred, spent


STRENGTHS: dict[str, dict[str, list[list[int]]]] = {}
"""The last predict()'s links split by strength ("same", "related"), for per-band precision."""


def unrelated_cases(
    cases: list[dict], vectors: list[list[np.ndarray]], pairing: str = "alike"
) -> list[dict]:
    """Unrelated pairs: case k's doc 0 with doc 1 of the most alike (or the next) other case."""
    centroids = []
    for vecs in vectors:
        c = vecs[1].mean(axis=0) if len(vecs) > 1 and len(vecs[1]) else np.zeros(1)
        centroids.append(c / (np.linalg.norm(c) or 1.0))
    out = []
    for k, case in enumerate(cases):
        head = vectors[k][0].mean(axis=0)
        sims = [
            float(head @ centroids[m]) if m != k and centroids[m].shape == head.shape else -9.0
            for m in range(len(cases))
        ]
        m = int(np.argmax(sims)) if pairing == "alike" else (k + 1) % len(cases)
        docs = [case["docs"][0], cases[m]["docs"][1]]
        out.append({"id": f"unrelated/{k}-{m}", "docs": docs, "links": [], "_m": m})
    return out


def make_encoder(model: str | None, lexical: bool) -> CachedEncoder:
    inner: Encoder = LexicalEncoder() if lexical else SentenceTransformerEncoder(model)
    return CachedEncoder(inner, EmbeddingCache(warn=lambda m: print("cache:", m, file=sys.stderr)))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases", type=Path, nargs="?")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--report", action="store_true", help="train CV, dev, ECB+, unrelated")
    ap.add_argument("--no-cv", action="store_true", help="--report without the train CV")
    ap.add_argument("--train", type=Path, default=BENCH / "abcd_news_synth_train.json")
    ap.add_argument("--dev", type=Path, default=BENCH / "abcd_news_synth_dev.json")
    ap.add_argument("--ecb", type=Path, default=BENCH / "ecbplus_pairs_dev.json")
    ap.add_argument("--model", default=None, help="model name or folder (default: bundled)")
    ap.add_argument("--lexical", action="store_true", help="use the model-free LexicalEncoder")
    ap.add_argument("--strictness", type=float, default=0.5)
    ap.add_argument("--unrelated", action="store_true")
    ap.add_argument("--pairing", choices=("alike", "next"), default="alike")
    ap.add_argument("--sweep", action="store_true", help="also score strictness 0.0 … 1.0")
    ap.add_argument("--score-py", type=Path, default=DEFAULT_SCORE_PY)
    return ap.parse_args(argv)


def evaluate(
    cases: list[dict], vectors: list[list[np.ndarray]], options: AlignOptions, args
) -> tuple[str, dict[str, list[list[int]]], float]:
    """One line of figures for `options`, the predictions, and the seconds spent linking."""
    if args.unrelated:
        pairs = unrelated_cases(cases, vectors, args.pairing)
        pair_vectors = [[vectors[k][0], vectors[p["_m"]][1]] for k, p in enumerate(pairs)]
        pred, spent = predict(pairs, pair_vectors, options)
        total = sum(len(v) for v in pred.values())
        line = f"unrelated pairs {len(pairs)}: links {total}, per pair {total / len(pairs):.2f}"
        return line, pred, spent
    pred, spent = predict(cases, vectors, options)
    if not any(case.get("links") for case in cases):
        return f"{sum(len(v) for v in pred.values())} links (no gold)", pred, spent
    r = load_score(args.score_py)(cases, pred)
    src = load_score(args.score_py)(cases, pred, per_source=True)["per_source_macro"]
    bands = []
    for strength, links in sorted(STRENGTHS.items()):
        b = load_score(args.score_py)(cases, links)
        bands.append(f"{strength} P {b['precision']:.3f} ({b['pred_links']})")
    line = (
        f"P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}"
        f"  (pred {r['pred_links']}, gold {r['gold_links']});"
        f"  per-source macro P {src['precision']:.3f} R {src['recall']:.3f} F1 {src['f1']:.3f};"
        f"  by band: {', '.join(bands)}"
    )
    return line, pred, spent


def main(argv: list[str] | None = None) -> int:
    from narrdiff.core.link.align import AlignOptions

    args = parse_args(argv)
    if args.report:
        return report(args)
    if args.cases is None or args.out is None:
        raise SystemExit("give CASES.json and --out PRED.json, or --report")
    cases = json.loads(args.cases.read_text(encoding="utf-8"))
    encoder = make_encoder(args.model, args.lexical)
    start = time.perf_counter()
    vectors = embed_cases(cases, encoder)
    seconds = time.perf_counter() - start
    print(f"embedded with {encoder.id}: {encoder.encoded} new sentences, {seconds:.1f} s")
    if args.sweep:
        for step in range(11):
            line, _, _ = evaluate(cases, vectors, AlignOptions.from_strictness(step / 10), args)
            print(f"strictness {step / 10:.1f}: {line}")
    line, pred, spent = evaluate(
        cases, vectors, AlignOptions.from_strictness(args.strictness), args
    )
    print(f"strictness {args.strictness:.2f}: {line}")
    print(f"linking took {spent * 1000:.0f} ms over {len(pred)} cases")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(pred, indent=0), encoding="utf-8")
    return 0


def report(args: argparse.Namespace) -> int:
    """Every figure of bench/README.md: train CV, then dev and ECB+ with unrelated pairs."""
    from narrdiff.core.link.align import AlignOptions

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import train_linker

    if not args.no_cv:
        print(f"== news_synth train ({args.train.name}), 5-fold CV by case")
        train_linker.main(["--cv-only", "--train", str(args.train)])
    encoder = make_encoder(args.model, args.lexical)
    options = AlignOptions.from_strictness(args.strictness)
    for path in (args.dev, args.ecb):
        cases = json.loads(path.read_text(encoding="utf-8"))
        vectors = embed_cases(cases, encoder)
        print(f"== {path.name} (strictness {args.strictness:.2f})")
        args.unrelated = False
        print("  linked:", evaluate(cases, vectors, options, args)[0])
        if args.sweep:
            for step in range(11):
                swept = AlignOptions.from_strictness(step / 10)
                args.unrelated = False
                line = evaluate(cases, vectors, swept, args)[0].split(";  by band")[0]
                args.unrelated, args.pairing = True, "alike"
                alike = evaluate(cases, vectors, swept, args)[0].split("per pair ")[1]
                print(f"  strictness {step / 10:.1f}: {line}; unrelated alike/pair {alike}")
        args.unrelated = True
        for pairing in ("alike", "next"):
            args.pairing = pairing
            print(f"  unrelated ({pairing}):", evaluate(cases, vectors, options, args)[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
