"""Work that scales with the input (issue 14, row 8): text that repeats itself must not make
every sentence link to dozens of near-copies, each costing a word diff and framing work."""

from __future__ import annotations

import random
import time
from collections import Counter

from narrdiff.core.ingest.read import document_from_text
from narrdiff.core.link.embed import LexicalEncoder
from narrdiff.core.link.partners import keep_top_partners
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
