"""Speed of the comparison pipeline, as ratios measured side by side in one run.

    python bench/speed.py [--bench-file ../shared/bench/abcd_news_synth_dev.json]

1. Overhead on the samples: compare() with the model already loaded and no cache; the time spent
   outside the encoder, as a share of the encoder's time (target ≤ 20%).
2. Overhead on 12 articles of ~1,000 words (built from consecutive documents of a bench file:
   real news prose; only the text is used, no gold) (target ≤ 25%).
3. Cold vs cached process: `narrdiff compare` on the samples in a fresh process with an empty
   cache, then again with the cache filled; the cached run must not import torch and must take
   ≤ 30% of the cold one.

Prints one line per measurement and a summary; writes nothing. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from narrdiff.core.compare import compare
from narrdiff.core.embed import SentenceTransformerEncoder
from narrdiff.core.ingest import document_from_text, read_document
from narrdiff.samples import sample_paths

DEFAULT_BENCH = (
    Path(__file__).resolve().parents[2] / "shared" / "bench" / "abcd_news_synth_dev.json"
)


class TimedEncoder:
    """Wraps an encoder and adds up the seconds spent inside encode()."""

    def __init__(self, inner):
        self.inner = inner
        self.id = inner.id
        self.seconds = 0.0

    def encode(self, texts):
        start = time.perf_counter()
        try:
            return self.inner.encode(texts)
        finally:
            self.seconds += time.perf_counter() - start


def overhead(documents, model, repeats: int = 3) -> tuple[float, float]:
    """(encoder seconds, seconds beyond the encoder) for compare(), best of `repeats`."""
    best = None
    for _ in range(repeats):
        timed = TimedEncoder(model)
        start = time.perf_counter()
        compare(documents, encoder=timed)
        total = time.perf_counter() - start
        row = (timed.seconds, total - timed.seconds)
        if best is None or row[1] / row[0] < best[1] / best[0]:
            best = row
    return best


def long_articles(bench_file: Path, count: int = 12, words: int = 1000):
    cases = json.loads(bench_file.read_text(encoding="utf-8"))
    sentences = [s for case in cases for doc in case["docs"][:1] for s in doc["sentences"]]
    articles, current = [], []
    for sentence in sentences:
        current.append(sentence)
        if sum(len(s.split()) for s in current) >= words:
            articles.append(document_from_text("\n\n".join(current), name=f"long{len(articles)}"))
            current = []
            if len(articles) == count:
                break
    return articles


def process_seconds(cache_dir: str) -> tuple[float, bool]:
    """Wall time of one `narrdiff compare` on the samples, and whether it imported torch."""
    code = (
        "import sys; from narrdiff.cli import main;"
        f"rc = main(['compare', '--samples', '--format', 'json', '-o', {os.devnull!r}]);"
        "print('torch' in sys.modules); sys.exit(rc)"
    )
    env = dict(os.environ, NARRDIFF_CACHE_DIR=cache_dir, HF_HUB_OFFLINE="1")
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return time.perf_counter() - start, out.stdout.strip().endswith("True")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-file", type=Path, default=DEFAULT_BENCH)
    args = parser.parse_args()
    model = SentenceTransformerEncoder()
    model.load()
    model.encode(["warm up the model"])

    samples = [read_document(p) for p in sample_paths()]
    enc, extra = overhead(samples, model)
    print(f"samples: encoder {enc:.3f}s, beyond {extra:.3f}s = {extra / enc:.1%} (target <= 20%)")

    if args.bench_file.exists():
        longs = long_articles(args.bench_file)
        words = sum(len(d.text.split()) for d in longs) / len(longs)
        enc, extra = overhead(longs, model, repeats=1)
        print(
            f"{len(longs)} articles of ~{words:.0f} words: encoder {enc:.3f}s, beyond {extra:.3f}s "
            f"= {extra / enc:.1%} (target <= 25%)"
        )
    else:
        print(f"skipped the 12-article run: no {args.bench_file}")

    with tempfile.TemporaryDirectory() as cache:
        cold, cold_torch = process_seconds(cache)
        warm, warm_torch = process_seconds(cache)
    print(
        f"process cold {cold:.2f}s (torch imported: {cold_torch}); cached {warm:.2f}s "
        f"(torch imported: {warm_torch}) = {warm / cold:.1%} of cold (target <= 30%, no torch)"
    )


if __name__ == "__main__":
    main()
