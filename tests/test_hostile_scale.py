"""Work that scales with the input (issue 14, row 8): text that repeats itself must not make
every sentence link to dozens of near-copies, each costing a word diff and framing work, and
memory must follow the links, not every sentence pair of the comparison."""

from __future__ import annotations

import random
import time
import tracemalloc
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest

from narrdiff.core import pipeline
from narrdiff.core.diff.wording import changes_between
from narrdiff.core.ingest.read import document_from_text
from narrdiff.core.link import align, scorer
from narrdiff.core.link.embed import LexicalEncoder
from narrdiff.core.link.partners import keep_top_partners
from narrdiff.core.link.scores import LinkScores
from narrdiff.core.pipeline import compare


def test_each_sentence_keeps_its_best_partners_in_each_other_article():
    links = [
        (0, 0, 1, 0, 0.9, "same"),
        (0, 0, 1, 1, 0.8, "same"),
        (0, 0, 1, 2, 0.7, "related"),
        (0, 1, 1, 2, 0.95, "same"),
        (0, 0, 2, 0, 0.5, "related"),
    ]
    # with k=2: sentence 0:0 keeps 1:0 and 1:1 (not 1:2); 1:2 keeps 0:1; 2:0 is another article
    assert keep_top_partners(links, k=2) == [links[0], links[1], links[3], links[4]]
    assert keep_top_partners(links, k=1) == [links[0], links[3], links[4]]


def repetitive(count: int, words: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    templates = [
        "The council said the bridge on Main Street would close for {n} days.",
        "Officials said {n} families were moved to the school gym overnight.",
        "The river rose by {n} centimetres after three days of heavy rain.",
        "Volunteers handed out {n} blankets and hot soup on Monday.",
    ]
    texts = []
    for _ in range(count):
        sentences = [
            rng.choice(templates).format(n=rng.randint(2, 999)) for _ in range(words // 11)
        ]
        texts.append(
            "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3))
        )
    return texts


def test_repetitive_articles_link_each_sentence_to_at_most_three_per_article():
    documents = [document_from_text(t, name=f"r{k}") for k, t in enumerate(repetitive(4, 2000))]
    start = time.perf_counter()
    comparison = compare(documents, encoder=LexicalEncoder())
    seconds = time.perf_counter() - start
    per_sentence = Counter()
    for link in comparison.links:
        per_sentence[(link.a, link.b[0])] += 1
        per_sentence[(link.b, link.a[0])] += 1
    assert max(per_sentence.values()) <= 3
    assert len(comparison.links) <= 3 * 6 * 182  # 6 pairs, ~182 sentences each
    assert seconds < 30, f"{seconds:.1f} s"


def test_similarities_hold_a_stripe_of_the_products_not_all_of_them():
    # 12 articles of 300 sentences: one (N, N) float64 gram is 83 MB, and it was kept with its
    # span twin (and three times that while rounding); asked in article order, a stripe at a time
    vectors = [random_unit_vectors(300, 16, seed) for seed in range(12)]
    n = sum(len(v) for v in vectors)
    tracemalloc.start()
    try:
        sims = scorer.Similarities(vectors)
        for a in range(len(vectors)):
            for b in range(a + 1, len(vectors)):
                sims.cosine(a, b), sims.span(a, b)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < n * n * 8, f"{peak / 2**20:.0f} MB"


def test_similarities_multiply_each_article_only_with_itself_and_later_ones(monkeypatch):
    # LinkScores asks for a < b only, so a stripe needs no columns of earlier articles: the
    # products of 24 long articles were half of them wasted (and on the critical path)
    vectors = [random_unit_vectors(n, 16, seed) for seed, n in enumerate([40, 7, 1, 55, 30, 12])]
    monkeypatch.setattr(scorer.Similarities, "STRIPE_BYTES", 30 * 150 * 8)  # stripes of ~30 rows
    computed = []
    rounded = scorer._rounded
    monkeypatch.setattr(scorer, "_rounded", lambda x: computed.append(x.size) or rounded(x))
    sims = scorer.Similarities(vectors)
    every = np.concatenate(vectors).astype(np.float64)
    starts = np.cumsum([0] + [len(v) for v in vectors])
    for a in range(len(vectors)):
        for b in range(a + 1, len(vectors)):
            cosine = sims.cosine(a, b)
            direct = np.clip(
                every[starts[a] : starts[a + 1]] @ every[starts[b] : starts[b + 1]].T, 0, 1
            )
            assert np.allclose(cosine, direct, atol=1e-6)
            sims.span(a, b)
    n = len(every)
    assert sum(computed) < 0.7 * 3 * n * n  # gram, spans and back: well under all N columns
    # asked the other way round, the answer is the exact transpose
    assert np.array_equal(sims.cosine(4, 1), sims.cosine(1, 4).T)
    assert np.array_equal(sims.span(5, 0), sims.span(0, 5).T)


def test_kept_scores_hold_the_candidates_and_link_as_all_pairs_do(sample_comparison):
    texts, mats = [], []
    for art, vectors in zip(sample_comparison.articles, sample_comparison.embeddings, strict=True):
        idx = art.linkable_indices()
        texts.append([art.sentences[i].text for i in idx])
        mats.append(vectors[idx])
    every = LinkScores(texts, mats)
    kept = LinkScores(texts, mats, keep=align.loosest())
    for strictness in (0.0, 0.3, 0.5, 1.0):
        options = align.AlignOptions.from_strictness(strictness)
        assert align.links_from(kept, options) == align.links_from(every, options)
    floor, link = align.loosest()
    (_, _, all_pairs), (_, _, candidates) = *every.pairs(), *kept.pairs()
    assert len(all_pairs.p) == len(texts[0]) * len(texts[1])
    assert len(candidates.p) == np.sum((all_pairs.p >= link) & (all_pairs.score >= floor))
    assert len(candidates.p) < len(all_pairs.p) / 4  # 28 of 156 for the samples
    with pytest.raises(ValueError):
        align.links_from(kept, replace(align.AlignOptions(), link=0.001))


def test_preparing_relinks_of_repetitive_text_stops_at_what_the_memo_holds(monkeypatch):
    documents = [document_from_text(t, name=f"r{k}") for k, t in enumerate(repetitive(3, 1000))]
    comparison = compare(documents, encoder=LexicalEncoder())
    loosest = align.links_from(comparison.scores, align.AlignOptions.from_strictness(0.0))
    assert len(loosest) > 1000  # every sentence near-copies dozens of others
    monkeypatch.setattr(pipeline, "PREPARED_PAIRS", 100)
    diffs = changes_between.cache_info().misses
    assert pipeline.prepare_relinks(comparison) == 100
    assert changes_between.cache_info().misses - diffs <= 100


def random_unit_vectors(n: int, dim: int, seed: int) -> np.ndarray:
    m = np.random.default_rng(seed).normal(size=(n, dim))
    return (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32)
