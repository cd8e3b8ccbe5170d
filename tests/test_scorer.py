"""The pair scorer: symmetric features, the shipped model, and decisions it supports."""

from __future__ import annotations

import numpy as np
import pytest

from narrdiff.core.link import scorer
from narrdiff.core.link.align import AlignOptions, link_articles
from narrdiff.core.link.overlap import LexicalIndex

FIRST = [
    "A 7.1 magnitude earthquake struck northern Haiti on Tuesday, killing at least 15 people.",
    "The quake hit at 3:30 p.m. near the town of Cap-Haitien, the USGS said.",
    "Rescuers searched collapsed buildings through the night.",
    "President Moise declared three days of mourning.",
]
SECOND = [
    "At least 15 people died when a magnitude-7.1 quake hit Haiti's north on Tuesday.",
    "President Moise announced a three-day national mourning period.",
    "The tremor struck at 15:30 close to Cap-Haitien, according to the USGS.",
    "Aid groups flew in tents and water.",
]
OTHER_QUAKE = [
    "A 6.2 magnitude earthquake shook central Italy on Sunday, killing 296 people.",
    "The quake struck at 3:36 a.m. near the town of Amatrice.",
    "Rescuers dug through rubble with bare hands.",
    "Prime Minister Renzi promised to rebuild the villages.",
]


def features(texts, vectors, a=0, b=1):
    sims = scorer.Similarities(vectors)
    details = scorer.details(texts)
    lexical = LexicalIndex(texts).overlap(a, b)
    return scorer.pair_features(sims.cosine(a, b), sims.span(a, b), lexical, details[a], details[b])


def random_vectors(n, seed):
    m = np.random.default_rng(seed).normal(size=(n, 16))
    return (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32)


def test_features_transpose_exactly_when_the_articles_swap():
    texts = [FIRST, SECOND]
    vectors = [random_vectors(4, 1), random_vectors(4, 2)]
    forward = features(texts, vectors)
    backward = features(texts[::-1], vectors[::-1])
    assert forward.shape == (4, 4, len(scorer.FEATURES))
    assert np.array_equal(forward, backward.transpose(1, 0, 2))
    model = scorer.shipped_model()
    assert np.array_equal(model.probability(forward), model.probability(backward).T)


def test_shipped_model_names_its_features_training_data_and_bands():
    model = scorer.shipped_model()
    assert model.meta["training_data"] == "abcd_news_synth_train.json"
    assert set(model.stages[0].features) <= set(scorer.FEATURES)
    assert set(model.stages[-1].features) <= set(scorer.FEATURES + scorer.CONTEXT)
    bands = model.meta["bands"]
    assert 0.0 < bands["floor"] < 1.0 and 0.0 < bands["link"] <= bands["same"] < 1.0
    assert AlignOptions().link == bands["link"] and AlignOptions().same == bands["same"]


def test_probabilities_are_calibrated_numbers_in_the_unit_interval():
    p = scorer.shipped_model().probability(features([FIRST, SECOND], [random_vectors(4, 3)] * 2))
    assert p.shape == (4, 4) and np.all((p >= 0) & (p <= 1))


@pytest.fixture(scope="module")
def quake_links(model_encoder):
    def run(texts):
        return {
            (i, j): s
            for _, i, _, j, _, s in link_articles(texts, [model_encoder.encode(t) for t in texts])
        }

    return run


def test_one_event_in_other_words_links_fact_to_fact(quake_links):
    found = quake_links([FIRST, SECOND])
    assert (0, 0) in found  # toll, magnitude, day
    assert (1, 2) in found  # time and place, 3:30 p.m. = 15:30
    assert (3, 1) in found  # mourning


def test_evidence_keeps_another_earthquakes_lead_apart(quake_links):
    # same topic, same kind of sentences, but another magnitude, toll, day and place: the leads
    # do not link; generic background ("rescuers searched …") may
    found = quake_links([FIRST, OTHER_QUAKE])
    assert (0, 0) not in found
    assert len(found) < len(quake_links([FIRST, SECOND]))


def test_relinking_at_another_strictness_calls_no_encoder(model_encoder):
    texts = [FIRST, SECOND]
    vectors = [model_encoder.encode(t) for t in texts]
    link_articles(texts, vectors)

    class Refuse:
        def encode(self, texts):  # pragma: no cover - must not be called
            raise AssertionError("encoder called")

    loose = link_articles(texts, vectors, AlignOptions.from_strictness(0.1))
    strict = link_articles(texts, vectors, AlignOptions.from_strictness(0.9))
    assert {x[:4] for x in strict} <= {x[:4] for x in loose}
