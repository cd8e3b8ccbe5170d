"""Speed of narrdiff, as ratios measured side by side in one run on one machine.

    python bench/speed.py [--bench-file ../shared/bench/abcd_news_synth_dev.json] [--repeats 3]

In-process (model loaded once, no cache):
1. Overhead on the samples: compare()'s time outside the encoder, as a share of the encoder's
   time (target ≤ 20%).
2. The same on 12 articles of ~1,000 words (target ≤ 25%).

Whole processes, each started fresh, every pair interleaved and each figure the median of
`--repeats` runs (the narrdiff side always uses an empty cache folder unless it says cached):
3. Window: process start → first paint of narrdiff's first window, the shell (`narrdiff`, no
   files; and with `--samples` as information) vs the same for a bare PySide6 QMainWindow, both
   offscreen (target ≤ 1.5×); and, as information, until the full MainWindow paints.
4. Cold samples: `narrdiff compare --samples` vs a bare script that imports sentence-transformers,
   loads the bundled model by path and encodes the same linkable sentences (target ≤ 1.3×).
5. 20 articles of ~1,400 words (all of the bench file's real news prose, cut into 20): cold
   `narrdiff compare` vs the bare script on the same sentences (target ≤ 1.25×), the peak RSS of
   the narrdiff process (target < 1.5 GB), and the same command again on the filled cache
   (target < 10% of cold, no torch import). The in-process ratio, compare() vs one bare
   `model.encode` call on the same sentences, is printed too.
6. Cached samples: `narrdiff compare --samples` on the filled cache vs cold (target ≤ 30%, no
   torch import).

In-process again, on the real stories of `--articles` (../shared/bench/articles: 24 stories,
four outlets each):
7. Word diffs of every linked pair of the 24 stories: ms a pair, the compiled diff-match-patch
   (what narrdiff runs) against the pure-Python reference (target ≤ 0.3 ms a pair).
8. The strictness slider: 20 articles (the first five stories), embeddings cached; every
   strictness 0.0, 0.1 … 1.0 re-linked as the app does it, after its idle thread prepared the
   diffs (target ≤ 0.15 s each), and as a first visit without that preparation (information);
   the same for the two samples (target ≤ 10 ms).

Only when named:
9. `--only repetitive` (issue 14, row 8): 24 articles of ~5,000 words of near-copies of 40
   sentence templates. In-process compare() vs one model.encode() of the same sentences; the
   cold `narrdiff compare --format json` process vs the bare encoder process on the same
   sentences (target <= 2x) and its peak RSS (target <= 1.5 GB).
10. `--only reader`: the bounded reader's start-up cost.

Prints one line per measurement; writes only temporary files. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from narrdiff.core.diff import wording
from narrdiff.core.diff.wording import changes_between, diff_words
from narrdiff.core.framing.tags import tagged_changes
from narrdiff.core.ingest.read import document_from_text, read_document
from narrdiff.core.link.align import AlignOptions
from narrdiff.core.link.embed import (
    CachedEncoder,
    EmbeddingCache,
    SentenceTransformerEncoder,
    bundled_model_path,
)
from narrdiff.core.parse.article import parse_article
from narrdiff.core.pipeline import compare, prepare_relinks, relink
from narrdiff.core.text.words import token_texts
from narrdiff.samples import sample_paths

DEFAULT_BENCH = (
    Path(__file__).resolve().parents[2] / "shared" / "bench" / "abcd_news_synth_dev.json"
)
DEFAULT_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "bench" / "articles"
STRICTNESS_STEPS = tuple(k / 10 for k in range(11))

# Child processes report with one JSON line on stdout, printed last: `maxrss` is the peak
# resident set in kB and `cpu` the user + system seconds of all its threads, both read by the
# process itself just before it exits. The peak is VmHWM, not getrusage's ru_maxrss: Linux carries
# ru_maxrss over from the parent through fork and exec, so every child of this (model-holding)
# process would report the parent's 800 MB. CPU seconds are printed beside wall seconds because
# they move less when other work shares the two cores.
REPORT = (
    "import json, resource, sys\n"
    "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
    "status = open('/proc/self/status').read().split('VmHWM:')[1]\n"
    "print(json.dumps({'torch': 'torch' in sys.modules, 'maxrss': int(status.split()[0]),\n"
    "    'langdetect': 'langdetect' in sys.modules, 'cpu': usage.ru_utime + usage.ru_stime}))\n"
)

NARRDIFF_COMPARE = "import sys\nfrom narrdiff.cli import main\nrc = main(sys.argv[1:])\n" + REPORT

# The bare encoder: what narrdiff's cold comparison can at best cost. Sentences come from a JSON
# file; the model folder is passed by path, as narrdiff loads it.
BARE_ENCODER = (
    "import json, sys\n"
    "from sentence_transformers import SentenceTransformer\n"
    "texts = json.load(open(sys.argv[2], encoding='utf-8'))\n"
    "model = SentenceTransformer(sys.argv[1], device='cpu')\n"
    "model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)\n"
) + REPORT

# First paint of a main window, stamped with time.monotonic() (one clock for every process on
# Linux, so the parent's start stamp and the child's paint stamp compare directly).
FIRST_PAINT = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            print(time.monotonic(), flush=True)
            os._exit(0)  # no teardown: the worker may be importing torch
        return False

app = QApplication(sys.argv[:1])
stamp = FirstPaint()
app.installEventFilter(stamp)
"""
BARE_WINDOW = FIRST_PAINT + "w = QMainWindow()\nw.resize(1280, 800)\nw.show()\napp.exec()\n"
NARRDIFF_WINDOW = FIRST_PAINT + "from narrdiff.app.main import run_app\nrun_app(sys.argv[1:])\n"
# The same, stamped when narrdiff's full window (not the shell before it) first paints.
NARRDIFF_FULL_WINDOW = NARRDIFF_WINDOW.replace(
    "isinstance(obj, QMainWindow)", "type(obj).__name__ == 'MainWindow'"
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


# --- inputs ---------------------------------------------------------------------------------


def bench_sentences(bench_file: Path, docs_per_case: int | None) -> list[str]:
    """Sentences of the bench file's documents, in order (text only, no gold)."""
    cases = json.loads(bench_file.read_text(encoding="utf-8"))
    return [s for case in cases for doc in case["docs"][:docs_per_case] for s in doc["sentences"]]


def long_articles(bench_file: Path, count: int = 12, words: int = 1000):
    """`count` documents of ≥ `words` words of consecutive sentences (first doc of each case)."""
    articles, current = [], []
    for sentence in bench_sentences(bench_file, 1):
        current.append(sentence)
        if sum(len(s.split()) for s in current) >= words:
            articles.append(document_from_text("\n\n".join(current), name=f"long{len(articles)}"))
            current = []
            if len(articles) == count:
                break
    return articles


def article_texts(bench_file: Path, count: int = 20) -> list[str]:
    """All of the bench file's prose (every doc of every case) cut into `count` equal articles.

    The file holds ~28,000 words, so 20 articles get ~1,400 words each, every sentence once.
    """
    sentences = bench_sentences(bench_file, None)
    total = sum(len(s.split()) for s in sentences)
    texts, current, seen = [], [], 0
    for sentence in sentences:
        current.append(sentence)
        seen += len(sentence.split())
        if seen >= total * (len(texts) + 1) / count and len(texts) < count - 1:
            texts.append("\n\n".join(current))
            current = []
    return [*texts, "\n\n".join(current)]


def linkable_texts(documents) -> list[str]:
    """The distinct sentences compare() sends to its encoder, for the bare encoder to match."""
    articles = [parse_article(doc) for doc in documents]
    return sorted({s.text for art in articles for s in art.sentences if s.linkable})


# --- in-process -------------------------------------------------------------------------------


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


def compare_vs_bare_encode(documents, model) -> dict[str, float]:
    """Wall and CPU seconds of compare() and of one model.encode() of the same sentences
    (model loaded, no cache): keys compare, bare, compare_cpu, bare_cpu."""
    texts = linkable_texts(documents)
    out = {}
    for name, run in (
        ("bare", lambda: model.encode(texts)),
        ("compare", lambda: compare(documents, encoder=model)),
    ):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        out[name] = time.perf_counter() - wall
        out[f"{name}_cpu"] = time.process_time() - cpu
    return out


# --- whole processes --------------------------------------------------------------------------


def run_process(code: str, args: Sequence[str], cache_dir: str) -> tuple[float, dict]:
    """Wall seconds of one fresh `python -c code args`, and its closing JSON report."""
    env = dict(os.environ, NARRDIFF_CACHE_DIR=cache_dir, HF_HUB_OFFLINE="1")
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"a child process failed ({out.returncode}):\n{out.stderr[-3000:]}")
    return seconds, json.loads(out.stdout.strip().splitlines()[-1])


def first_paint_seconds(code: str, args: Sequence[str] = ()) -> float:
    """Seconds from spawning a process to the first paint of its main window (offscreen)."""
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NARRDIFF_CACHE_DIR=cache)
        start = time.monotonic()
        out = subprocess.run(
            [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True
        )
    if not out.stdout.strip():
        raise SystemExit(f"the window never painted ({out.returncode}):\n{out.stderr[-3000:]}")
    return float(out.stdout.split()[-1]) - start


def medians(runs: dict[str, Callable[[], float]], repeats: int) -> dict[str, float]:
    """Median seconds of each named run, the runs interleaved so drifting load hits all alike."""
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeats):
        for name, run in runs.items():
            seconds[name].append(run())
    return {name: statistics.median(values) for name, values in seconds.items()}


class ColdRuns:
    """Cold narrdiff and bare-encoder processes on one set of inputs, with their reports."""

    def __init__(self, compare_args: Sequence[str], texts: list[str], folder: Path) -> None:
        self.compare_args = [*compare_args, "--format", "json", "-o", os.devnull]
        self.sentences = folder / f"sentences-{len(texts)}.json"
        self.sentences.write_text(json.dumps(texts), encoding="utf-8")
        self.model = str(bundled_model_path())
        self.folder = folder
        self.reports: dict[str, list[dict]] = {"narrdiff": [], "bare": [], "cached": []}
        self.cache = ""  # the cache folder of the last cold run

    def narrdiff(self) -> float:
        # A new empty cache each time: the run must embed everything.
        self.cache = tempfile.mkdtemp(prefix="cache-", dir=self.folder)
        return self._run("narrdiff", NARRDIFF_COMPARE, self.compare_args, self.cache)

    def cached(self) -> float:
        """The same comparison again, on the cache the last cold run filled."""
        return self._run("cached", NARRDIFF_COMPARE, self.compare_args, self.cache)

    def bare(self) -> float:
        empty = tempfile.mkdtemp(prefix="cache-", dir=self.folder)
        return self._run("bare", BARE_ENCODER, [self.model, str(self.sentences)], empty)

    def _run(self, kind: str, code: str, args: Sequence[str], cache: str) -> float:
        seconds, report = run_process(code, args, cache)
        self.reports[kind].append(report)
        return seconds

    def peak_mb(self, kind: str) -> float:
        return max(r["maxrss"] for r in self.reports[kind]) / 1024

    def cpu(self, kind: str) -> float:
        return statistics.median(r["cpu"] for r in self.reports[kind])

    def torch(self, kind: str) -> bool:
        return any(r["torch"] for r in self.reports[kind])

    def langdetect(self, kind: str) -> bool:
        return any(r.get("langdetect") for r in self.reports[kind])


# --- the measurements -------------------------------------------------------------------------


def ratio(name: str, ours: float, base: float, target: str) -> None:
    print(f"{name}: {ours:.3f}s / {base:.3f}s = {ours / base:.2f}x ({target})")


def measure_overheads(bench_file: Path, model) -> None:
    samples = [read_document(p) for p in sample_paths()]
    enc, extra = overhead(samples, model)
    print(f"samples: encoder {enc:.3f}s, beyond {extra:.3f}s = {extra / enc:.1%} (target <= 20%)")
    longs = long_articles(bench_file)
    words = sum(len(d.text.split()) for d in longs) / len(longs)
    enc, extra = overhead(longs, model, repeats=1)
    print(
        f"{len(longs)} articles of ~{words:.0f} words: encoder {enc:.3f}s, beyond {extra:.3f}s "
        f"= {extra / enc:.1%} (target <= 25%)"
    )


def measure_window(repeats: int) -> None:
    runs = {
        "bare": lambda: first_paint_seconds(BARE_WINDOW),
        "narrdiff": lambda: first_paint_seconds(NARRDIFF_WINDOW),
        "samples": lambda: first_paint_seconds(NARRDIFF_WINDOW, ["--samples"]),
        "full": lambda: first_paint_seconds(NARRDIFF_FULL_WINDOW),
    }
    got = medians(runs, repeats)
    ratio("window shown, narrdiff / bare QMainWindow", got["narrdiff"], got["bare"], "<= 1.5x")
    ratio(
        "  the full window, after the shell / bare QMainWindow",
        got["full"],
        got["bare"],
        "information",
    )
    ratio("  with --samples / bare QMainWindow", got["samples"], got["bare"], "information")


def measure_samples_process(folder: Path, repeats: int) -> None:
    texts = linkable_texts([read_document(p) for p in sample_paths()])
    runs = ColdRuns(["compare", "--samples"], texts, folder)
    got = medians({"narrdiff": runs.narrdiff, "bare": runs.bare}, repeats)
    name = f"cold `narrdiff compare --samples` / bare encoder ({len(texts)} sentences)"
    ratio(name, got["narrdiff"], got["bare"], "<= 1.3x")
    ratio("  CPU seconds", runs.cpu("narrdiff"), runs.cpu("bare"), "information")
    cached = statistics.median(runs.cached() for _ in range(repeats))
    print(
        f"cached samples process: {cached:.3f}s / cold {got['narrdiff']:.3f}s = "
        f"{cached / got['narrdiff']:.1%} (target <= 30%), torch imported: {runs.torch('cached')}"
    )


def measure_twenty(bench_file: Path, folder: Path, model, repeats: int) -> None:
    texts = article_texts(bench_file)
    paths = []
    for k, text in enumerate(texts):
        paths.append(folder / f"article{k:02d}.txt")
        paths[-1].write_text(text + "\n", encoding="utf-8")
    documents = [read_document(p) for p in paths]
    sentences = linkable_texts(documents)
    words = sum(len(t.split()) for t in texts) / len(texts)
    label = f"{len(texts)} articles of ~{words:.0f} words ({len(sentences)} sentences)"
    inside = compare_vs_bare_encode(documents, model)
    ratio(
        f"{label}, in-process compare() / model.encode()",
        inside["compare"],
        inside["bare"],
        "<= 1.25x",
    )
    ratio("  CPU seconds", inside["compare_cpu"], inside["bare_cpu"], "information")

    runs = ColdRuns(["compare", *map(str, paths)], sentences, folder)
    got = medians({"narrdiff": runs.narrdiff, "bare": runs.bare}, repeats)
    ratio(f"{label}, cold process / bare encoder process", got["narrdiff"], got["bare"], "<= 1.25x")
    ratio("  CPU seconds", runs.cpu("narrdiff"), runs.cpu("bare"), "information")
    print(
        f"  peak RSS: narrdiff {runs.peak_mb('narrdiff'):.0f} MB (target < 1536 MB), "
        f"bare encoder {runs.peak_mb('bare'):.0f} MB"
    )
    cached = statistics.median(runs.cached() for _ in range(repeats))
    print(
        f"  re-opened from the cache: {cached:.3f}s / cold {got['narrdiff']:.3f}s = "
        f"{cached / got['narrdiff']:.1%} (target < 10%); CPU {runs.cpu('cached'):.3f}s / "
        f"{runs.cpu('narrdiff'):.3f}s; torch imported: {runs.torch('cached')}, langdetect "
        f"imported: {runs.langdetect('cached')}, peak RSS {runs.peak_mb('cached'):.0f} MB"
    )


def story_documents(articles: Path, stories: int | None = None) -> list[list]:
    """The documents of each story folder listed in INDEX.json (first `stories` of them)."""
    index = json.loads((articles / "INDEX.json").read_text(encoding="utf-8"))[:stories]
    return [
        [read_document(p) for p in sorted((articles / story["folder"]).glob("*.txt"))]
        for story in index
    ]


def measure_word_diffs(articles: Path, encoder) -> None:
    """ms a linked pair for the compiled and the pure-Python diff, on every story's links."""
    pairs = []
    for documents in story_documents(articles):
        comparison = compare(documents, encoder=encoder)
        pairs += [
            (comparison.sentence(x.a).text, comparison.sentence(x.b).text) for x in comparison.links
        ]
    words = sum(len(a.split()) + len(b.split()) for a, b in pairs) / (2 * len(pairs))
    same = sum(diff_words(a, b) == diff_words(a, b, reference=True) for a, b in pairs)
    for reference in (True, False):
        best = min(
            _seconds(lambda r=reference: [diff_words(a, b, reference=r) for a, b in pairs])
            for _ in range(3)
        )
        name = "pure-Python reference" if reference else "compiled (narrdiff)"
        print(
            f"word diffs of {len(pairs)} linked pairs (~{words:.0f} words a sentence), {name}: "
            f"{best / len(pairs) * 1000:.3f} ms a pair (target <= 0.3 ms)"
        )
    print(f"  identical changes: {same} of {len(pairs)} pairs")
    # what dominates: the compiled diff alone on the pairs' token characters
    table = wording._code_table()
    coded = [(table.encode(token_texts(a)), table.encode(token_texts(b))) for a, b in pairs]
    alone = min(
        _seconds(lambda: [wording._diff_counts(x, y, False) for x, y in coded]) for _ in range(3)
    )
    print(f"  of which the compiled diff alone: {alone / len(pairs) * 1000:.3f} ms a pair")


def _seconds(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def measure_relinks(name: str, documents, encoder, target_ms: float) -> None:
    """Each strictness step re-linked from the kept evidence: after the idle thread prepared the
    diffs (what the app does), and as first visits with nothing prepared (a sweep 0.5 → 1.0,
    then 0.4 → 0.0, as a user drags)."""

    def forget() -> None:
        changes_between.cache_clear()
        tagged_changes.cache_clear()

    def relinks(steps) -> list[float]:
        return [
            _seconds(lambda s=s: relink(comparison, AlignOptions.from_strictness(s))) for s in steps
        ]

    comparison = compare(documents, encoder=encoder)
    sentences = sum(len(a.linkable_indices()) for a in comparison.articles)
    forget()
    first = relinks((*STRICTNESS_STEPS[5:], *reversed(STRICTNESS_STEPS[:5])))
    forget()
    prepare = _seconds(lambda: prepare_relinks(comparison))
    prepared = relinks((*STRICTNESS_STEPS, *reversed(STRICTNESS_STEPS)))
    print(
        f"slider, {name} ({len(documents)} articles, {sentences} linkable sentences): re-link "
        f"median {statistics.median(prepared) * 1000:.1f} ms, slowest "
        f"{max(prepared) * 1000:.1f} ms (target <= {target_ms:.0f} ms); "
        f"first visits without preparing: median {statistics.median(first) * 1000:.0f} ms, "
        f"slowest {max(first) * 1000:.0f} ms; preparing took {prepare:.2f}s on the idle thread"
    )


def measure_slider(articles: Path, encoder) -> None:
    twenty = [d for story in story_documents(articles, 5) for d in story]
    measure_relinks("20 real articles", twenty, encoder, 150)
    measure_relinks("the samples", [read_document(p) for p in sample_paths()], encoder, 10)


def repetitive_texts(count: int = 24, words: int = 5000, seed: int = 8) -> list[str]:
    """`count` articles of ~`words` words of near-copies of 40 sentence templates (issue 14,
    row 8): every sentence has dozens of near-copies in every article, the worst case for
    linking, yet each is distinct so the encoder's own time is a fair yardstick."""
    import random

    rng = random.Random(seed)
    subjects = ["The council", "The mayor", "A spokesman", "Residents", "The police"]
    verbs = ["said", "confirmed", "denied", "reported", "announced"]
    objects = [
        "that the bridge on Main Street would close for repairs",
        "that {n} families had been moved to the school gym overnight",
        "that the river rose by {n} centimetres after three days of rain",
        "that volunteers handed out blankets and hot soup on Monday",
        "that the budget for flood defences had doubled since last year",
        "that more rain is expected on Wednesday and Thursday",
        "that the emergency line received {n} calls before midnight",
        "that two schools would stay closed until the water falls",
    ]
    texts = []
    for _ in range(count):
        sentences, total = [], 0
        while total < words:
            # near-copies, each distinct: the encoder sees every one of them
            template = f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}."
            sentence = template.format(n=rng.randint(2, 999))
            if "{n}" not in rng.choice(objects):
                sentence = sentence[:-1] + f" (update {rng.randint(1, 99_999)})."
            sentences.append(sentence)
            total += len(sentence.split())
        paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
        texts.append("\n\n".join(paragraphs))
    return texts


def measure_repetitive(folder: Path, model) -> None:
    """Row 8 of issue 14: 24 articles of 5,000 words of repetitive text. In-process compare()
    against one model.encode() of the same sentences; then the cold `narrdiff compare` process
    against a bare encoder process on the same sentences (wall and CPU, target <= 2x), and the
    narrdiff process's peak RSS (target <= 1.5 GB)."""
    texts = repetitive_texts()
    paths = []
    for k, text in enumerate(texts):
        paths.append(folder / f"repetitive{k:02d}.txt")
        paths[-1].write_text(text + "\n", encoding="utf-8")
    documents = [read_document(p) for p in paths]
    label = f"{len(texts)} repetitive articles of ~5,000 words"
    wall = time.perf_counter()
    comparison = compare(documents, encoder=model)
    seconds = time.perf_counter() - wall
    bare = time.perf_counter()
    model.encode(linkable_texts(documents))
    bare = time.perf_counter() - bare
    ratio(f"{label}, in-process compare() / model.encode()", seconds, bare, "<= 2x")
    print(f"  links: {len(comparison.links):,}, groups: {len(comparison.groups):,}")
    del comparison
    runs = ColdRuns(["compare", *map(str, paths)], linkable_texts(documents), folder)
    cold, base = runs.narrdiff(), runs.bare()
    ratio(f"{label}, cold narrdiff compare / bare encoder process", cold, base, "<= 2x")
    print(
        f"  CPU {runs.cpu('narrdiff'):.0f}s / {runs.cpu('bare'):.0f}s = "
        f"{runs.cpu('narrdiff') / runs.cpu('bare'):.2f}x; peak RSS "
        f"{runs.peak_mb('narrdiff'):.0f} MB (<= 1536 MB), bare {runs.peak_mb('bare'):.0f} MB"
    )


READER_START = """
import statistics, sys, time
from pathlib import Path
from narrdiff.core.ingest import formats
from narrdiff.core.ingest.read import read_document

path = Path(sys.argv[1])
path.write_bytes(rb"{\\rtf1\\ansi Officials said the deal was done on Monday.\\par}")
data = path.read_bytes()
start = time.perf_counter()
read_document(path)
first = time.perf_counter() - start
child, inside = [], []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    read_document(path)
    child.append(time.perf_counter() - start)
    start = time.perf_counter()
    formats.read("rtf", data, str(path), ".rtf")
    inside.append(time.perf_counter() - start)
print(first, statistics.median(child), statistics.median(inside))
"""


def measure_reader_start(folder: Path, repeats: int = 20) -> None:
    """What reading a container in a bounded child process costs (ingest/bounded.py): the
    first read (the fork server starts and imports the readers) and the median of later ones,
    against the same reader run in-process. Run in a `python -c` process, as the `narrdiff`
    command runs, because multiprocessing re-imports a main script (this one) in every child."""
    out = subprocess.run(
        [sys.executable, "-c", READER_START, str(folder / "tiny.rtf"), str(repeats)],
        capture_output=True,
        text=True,
        check=True,
    )
    first, child, inside = map(float, out.stdout.split())
    print(
        f"bounded reader: first read {first:.3f}s (fork server start + imports), then "
        f"{child * 1000:.0f} ms per file (median of {repeats}); the same reader in-process "
        f"{inside * 1000:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-file", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--repeats", type=int, default=3, help="runs per process measurement")
    parser.add_argument(
        "--only",
        choices=("overheads", "window", "processes", "slider", "diffs", "repetitive", "reader"),
        default=None,
        help="run one measurement; 'repetitive' is the 24 x 5,000 words row (issue 14, row 8) "
        "and 'reader' the bounded reader's start-up cost, both only when named",
    )
    args = parser.parse_args()
    if args.only == "reader":
        with tempfile.TemporaryDirectory() as folder:
            measure_reader_start(Path(folder))
        return
    if args.only == "repetitive":
        model = SentenceTransformerEncoder()
        model.load()
        model.encode(["warm up the model"])
        with tempfile.TemporaryDirectory() as folder:
            measure_repetitive(Path(folder), model)
        return
    if not args.bench_file.exists():
        raise SystemExit(f"no bench file at {args.bench_file}")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    model = SentenceTransformerEncoder()
    model.load()
    model.encode(["warm up the model"])

    def wanted(part: str) -> bool:
        return args.only in (None, part)

    if wanted("overheads"):
        measure_overheads(args.bench_file, model)
    if wanted("window"):
        measure_window(max(args.repeats, 5))
    with tempfile.TemporaryDirectory() as folder:
        if wanted("slider") or wanted("diffs"):
            cached = CachedEncoder(model, EmbeddingCache(Path(folder) / "stories"))
            if wanted("slider"):
                measure_slider(args.articles, cached)
            if wanted("diffs"):
                measure_word_diffs(args.articles, cached)
        if wanted("processes"):
            measure_samples_process(Path(folder), args.repeats)
            measure_twenty(args.bench_file, Path(folder), model, args.repeats)
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
