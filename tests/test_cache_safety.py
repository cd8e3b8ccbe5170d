"""The embedding cache under abuse: a writer killed mid-batch, a damaged file, two instances.

Each scenario runs real processes on a real sqlite file, with random float32 vectors derived from
the sentence text (so any process can tell a right vector from a wrong one) instead of the model,
which keeps the whole module to a few seconds.
"""

from __future__ import annotations

import hashlib
import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

from narrdiff.core.link.embed import CACHE_FILE, CachedEncoder, CacheWarning, EmbeddingCache

DIM = 384

# Shared by this module and its child processes (pasted into their source): the vector a text
# must have, so a reader anywhere can check what it got.
VECTOR_OF = """
import hashlib
import numpy as np

def vector_of(text, dim=384):
    seed = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "little")
    return np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
"""


def vector_of(text: str, dim: int = DIM) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "little")
    return np.random.default_rng(seed).standard_normal(dim).astype(np.float32)


def child(code: str, *args: str) -> subprocess.Popen:
    source = VECTOR_OF + textwrap.dedent(code)
    return subprocess.Popen(
        [sys.executable, "-c", source, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def batch(tag: str, count: int) -> dict[str, np.ndarray]:
    return {f"{tag} {i}": vector_of(f"{tag} {i}") for i in range(count)}


def assert_exact(found: dict[str, np.ndarray], expected: dict[str, np.ndarray]) -> None:
    assert set(found) == set(expected)
    for text, vector in expected.items():
        np.testing.assert_array_equal(found[text], vector)


# --- a writer killed with SIGKILL in the middle of a large batch ------------------------------

KILLED_WRITER = """
import os, sys, time
from narrdiff.core.link.embed import EmbeddingCache

cache = EmbeddingCache(sys.argv[1])
cache.put_many("m", {f"first {i}": vector_of(f"first {i}") for i in range(300)})
wal = cache.path.with_name(cache.path.name + "-wal")
committed = os.path.getsize(wal)
print("committed", committed, flush=True)

def pause_once_spilled():
    # Called by sqlite during the second batch's INSERTs. Once the uncommitted pages it has
    # spilled to the WAL pass 1 MB, the batch is half on disk: announce it and wait to be killed.
    if os.path.getsize(wal) > committed + 1_000_000:
        print("mid-write", os.path.getsize(wal), flush=True)
        time.sleep(60)
    return 0

cache._conn.set_progress_handler(pause_once_spilled, 2000)
cache.put_many("m", {f"second {i}": vector_of(f"second {i}") for i in range(6000)})
print("second batch committed: the kill came too late", flush=True)
"""


def test_a_writer_killed_mid_batch_leaves_a_readable_cache_without_that_batch(tmp_path):
    writer = child(KILLED_WRITER, str(tmp_path))
    try:
        first_line = writer.stdout.readline().split()
        second_line = writer.stdout.readline().split()
        assert first_line[:1] == ["committed"], writer.stderr.read()
        assert second_line[:1] == ["mid-write"], second_line
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=10)
    finally:
        writer.kill()
    assert writer.returncode == -signal.SIGKILL
    # The kill landed with over a megabyte of the unfinished batch in the WAL file.
    assert int(second_line[1]) > int(first_line[1]) + 1_000_000

    warnings: list[str] = []
    cache = EmbeddingCache(tmp_path, warn=warnings.append)
    assert cache.persistent and warnings == []  # recovered by sqlite, not rebuilt by us
    first = batch("first", 300)
    assert_exact(cache.get_many("m", list(first)), first)
    assert cache.get_many("m", [f"second {i}" for i in range(6000)]) == {}
    cache.put_many("m", {"after": vector_of("after")})  # and it still takes writes
    assert set(cache.get_many("m", ["after", "first 0"])) == {"after", "first 0"}
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM vectors").fetchone() == (301,)


# --- damaged files ------------------------------------------------------------------------------


def filled_cache_bytes(folder: Path) -> bytes:
    """The bytes of a checkpointed cache file holding 1,000 vectors."""
    cache = EmbeddingCache(folder)
    cache.put_many("m", batch("old", 1000))
    cache.close()
    with sqlite3.connect(folder / CACHE_FILE) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return (folder / CACHE_FILE).read_bytes()


def damaged(kind: str, source: Path) -> bytes:
    data = filled_cache_bytes(source)
    if kind == "truncated to half":
        return data[: len(data) // 2]
    if kind == "truncated inside the header":
        return data[:60]
    return np.random.default_rng(7).bytes(200_000)  # random bytes


@pytest.mark.parametrize(
    "kind", ["truncated to half", "truncated inside the header", "random bytes"]
)
def test_a_damaged_file_is_set_aside_rebuilt_and_the_caller_is_told(tmp_path, kind):
    folder = tmp_path / "cache"
    folder.mkdir()
    bad = damaged(kind, tmp_path / "source")
    (folder / CACHE_FILE).write_bytes(bad)

    warnings: list[str] = []
    cache = EmbeddingCache(folder, warn=warnings.append)
    assert cache.persistent
    assert len(warnings) == 1 and "damaged" in warnings[0]
    assert cache.take_warnings() == warnings and cache.take_warnings() == []
    (aside,) = folder.glob(f"{CACHE_FILE}.corrupt-*")
    assert aside.read_bytes() == bad  # kept for a post-mortem, not deleted
    assert cache.get_many("m", ["old 1"]) == {}
    cache.put_many("m", {"new": vector_of("new")})
    assert_exact(cache.get_many("m", ["new"]), {"new": vector_of("new")})
    with sqlite3.connect(folder / CACHE_FILE) as conn:
        assert conn.execute("SELECT count(*) FROM vectors").fetchone() == (1,)


def test_without_a_callback_the_warning_is_a_python_warning_and_reaches_the_encoder(tmp_path):
    (tmp_path / CACHE_FILE).write_bytes(np.random.default_rng(1).bytes(10_000))
    with pytest.warns(CacheWarning, match="damaged"):
        cache = EmbeddingCache(tmp_path)
    encoder = CachedEncoder(_Unit(), cache)
    (message,) = encoder.take_warnings()
    assert "damaged" in message and "rebuilt" in message
    assert encoder.take_warnings() == []


class _Unit:
    id, dim = "unit", 2

    def encode(self, texts):
        return np.ones((len(texts), 2), dtype=np.float32) / np.sqrt(2)


def test_garbage_in_the_wal_file_loses_nothing_committed(tmp_path):
    filled_cache_bytes(tmp_path)
    (tmp_path / f"{CACHE_FILE}-wal").write_bytes(np.random.default_rng(2).bytes(50_000))
    warnings: list[str] = []
    cache = EmbeddingCache(tmp_path, warn=warnings.append)
    assert warnings == []
    old = batch("old", 1000)
    assert_exact(cache.get_many("m", list(old)), old)


def test_a_row_of_the_wrong_length_is_a_miss_not_a_wrong_vector(tmp_path):
    cache = EmbeddingCache(tmp_path)
    cache.put_many("m", {"whole": vector_of("whole"), "torn": vector_of("torn")})
    torn_key = hashlib.sha1(b"torn").hexdigest()
    with sqlite3.connect(tmp_path / CACHE_FILE) as conn:
        conn.execute("UPDATE vectors SET data = substr(data, 1, 100) WHERE key = ?", (torn_key,))
    assert_exact(cache.get_many("m", ["whole", "torn"]), {"whole": vector_of("whole")})


# --- two app instances on one cache -------------------------------------------------------------

INSTANCE = """
import json, random, sys, time
import numpy as np
from narrdiff.core.link.embed import EmbeddingCache

folder, me, other = sys.argv[1:4]
start_at, seconds = float(sys.argv[4]), float(sys.argv[5])
time.sleep(max(0.0, start_at - time.time()))  # both open the (new) file at the same moment
warnings = []
cache = EmbeddingCache(folder, warn=warnings.append)
rng = random.Random(me)
written, checked, wrong = 0, 0, []
while time.time() < start_at + seconds:
    # Own sentences plus ones both instances write (the same text gives the same vector).
    texts = [f"{me} {written + i}" for i in range(100)] + [f"shared {rng.randrange(300)}"]
    cache.put_many("m", {t: vector_of(t) for t in texts})
    written += 100
    wanted = [f"{who} {rng.randrange(written)}" for who in (me, other) for _ in range(100)]
    found = cache.get_many("m", wanted + [f"shared {i}" for i in range(300)])
    for t in wanted[:100]:
        if t not in found:
            wrong.append(f"lost {t}")
    for t, v in found.items():
        checked += 1
        if not np.array_equal(v, vector_of(t)):
            wrong.append(f"wrong vector for {t}")
print(json.dumps({"written": written, "checked": checked, "wrong": wrong[:5],
                  "warnings": warnings, "persistent": cache.persistent}))
"""


def test_two_instances_writing_and_reading_at_once_lose_and_corrupt_nothing(tmp_path):
    start_at = str(time.time() + 1.5)  # time enough for both interpreters to start
    pair = [
        child(INSTANCE, str(tmp_path), me, other, start_at, "2.0")
        for me, other in (("A", "B"), ("B", "A"))
    ]
    reports = []
    for process in pair:
        out, err = process.communicate(timeout=30)
        assert process.returncode == 0, err
        reports.append(json.loads(out))
    for report in reports:
        assert report["warnings"] == [] and report["persistent"], report
        assert report["wrong"] == [], report
        assert report["written"] >= 500 and report["checked"] > 1000, report

    cache = EmbeddingCache(tmp_path)
    for me, report in zip("AB", reports, strict=True):
        every = {f"{me} {i}": vector_of(f"{me} {i}") for i in range(report["written"])}
        assert_exact(cache.get_many("m", list(every)), every)
