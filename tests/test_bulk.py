"""Bulk stages pause the cyclic garbage collector, and restore it, whatever happens."""

from __future__ import annotations

import gc
import time

import numpy as np
import pytest
from storm_reports import A, B

from narrdiff.core import bulk, pipeline
from narrdiff.core.ingest.read import document_from_text
from narrdiff.core.link import scores
from narrdiff.core.model import Article, Comparison, Sentence


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_building_pauses_collection_and_restores_it_even_after_an_error():
    with pytest.raises(RuntimeError):
        with bulk.building():
            assert not gc.isenabled()
            with bulk.building():  # nested: still paused after the inner one ends
                pass
            assert not gc.isenabled()
            raise RuntimeError("a stage failed")
    assert gc.isenabled()


def test_building_leaves_a_collector_that_was_off_off():
    gc.disable()
    with bulk.building():
        pass
    assert not gc.isenabled()


def test_links_and_findings_are_built_with_collection_paused(monkeypatch, model_encoder):
    seen = []
    real = pipeline.framing.apply

    def spy(comparison):
        seen.append(gc.isenabled())
        return real(comparison)

    monkeypatch.setattr(pipeline.framing, "apply", spy)
    documents = [document_from_text(A, name="gazette"), document_from_text(B, name="courier")]
    pipeline.compare(documents, encoder=model_encoder)
    assert seen == [False] and gc.isenabled()


def test_looking_up_near_matches_is_not_quadratic():
    near = tuple(((0, i), (1,)) for i in range(20_000))
    article = Article("a", "a.txt", "One fact here.", (Sentence("One fact here.", 0, 14),))
    comparison = Comparison(articles=(article,), links=(), groups=(), encoder="x", near=near)
    start = time.perf_counter()
    found = [comparison.possibly_also_in((0, i)) for i in range(20_000)]
    assert time.perf_counter() - start < 1.0  # a dict per lookup: minutes
    assert found[123] == (1,) and comparison.possibly_also_in((0, 20_000)) == ()


def test_scoring_on_threads_gives_what_one_thread_gives(monkeypatch):
    rng = np.random.default_rng(3)
    texts = [[f"Sentence {k} of article {a} about the flood." for k in range(9)] for a in range(4)]
    vectors = [rng.normal(size=(9, 16)).astype(np.float32) for _ in range(4)]
    vectors = [v / np.linalg.norm(v, axis=1, keepdims=True) for v in vectors]
    monkeypatch.setattr(scores, "SCORING_THREADS", 1)
    one = scores.LinkScores(texts, vectors)
    monkeypatch.setattr(scores, "SCORING_THREADS", 2)
    two = scores.LinkScores(texts, vectors)
    for (a, b, x), (c, d, y) in zip(one.pairs(), two.pairs(), strict=True):
        assert (a, b) == (c, d)
        for field in ("rows", "cols", "p", "score"):
            assert np.array_equal(getattr(x, field), getattr(y, field))
