"""The pair scorer: symmetric features, the shipped model, and decisions it supports."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from narrdiff.core.link import scorer
from narrdiff.core.link.align import AlignOptions, link_articles
from narrdiff.core.link.overlap import LexicalIndex
from narrdiff.core.link.scores import LinkScores

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


# few distinct values, so that ties (which share the better rank) are common
scores = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=9),
    elements=st.sampled_from([0.0, 0.25, 0.5, 0.51, 1.0]),
)


@settings(max_examples=200, deadline=None)
@given(scores)
def test_rank_counts_the_partners_that_score_strictly_higher(score):
    for axis in (0, 1):
        lines = score if axis == 1 else score.T
        expected = np.array([[np.sum(row > v) for v in row] for row in lines], dtype=float)
        assert np.array_equal(scorer._rank(score, axis), expected if axis == 1 else expected.T)


@settings(max_examples=200, deadline=None)
@given(scores)
def test_runner_up_is_the_best_of_the_other_partners(score):
    for axis in (0, 1):
        lines = score if axis == 1 else score.T
        if lines.shape[1] < 2:
            expected = np.zeros_like(lines)
        else:
            expected = np.array(
                [[np.delete(row, k).max() for k in range(len(row))] for row in lines]
            )
        got = scorer._runner_up(score, axis)
        assert np.array_equal(got, expected if axis == 1 else expected.T)


def test_a_logistic_stage_scores_as_its_standardised_formula():
    """The standardisation is folded into the weights: the same margin, no copy of x."""
    model = scorer.shipped_model()
    x = features([FIRST, SECOND], [random_vectors(4, 4), random_vectors(4, 5)])
    context = scorer.context_features(model.stages[0].probability(x))
    for stage, columns in ((model.stages[0], x), (model.stages[-1], None)):
        joined = np.concatenate([x, context], axis=-1)
        names = scorer.FEATURES + scorer.CONTEXT
        picked = joined[..., [names.index(f) for f in stage.features]]
        params = stage.params
        expected = (picked - np.asarray(params["mean"])) / np.asarray(params["scale"]) @ np.asarray(
            params["coef"]
        ) + params["intercept"]
        got = stage.margin(x) if columns is not None else stage.margin(x, context)
        assert np.allclose(got, expected, rtol=0, atol=1e-9)
        assert np.allclose(stage.margin(joined), expected, rtol=0, atol=1e-9)


def test_scoring_holds_numpy_to_one_blas_thread(monkeypatch):
    """Many small products: a second BLAS thread only waits (24 long articles: 91 s, not 46)."""
    from threadpoolctl import threadpool_info

    seen = []
    real = scorer.pair_features

    def spy(*args):
        seen.extend(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
        return real(*args)

    monkeypatch.setattr(scorer, "pair_features", spy)
    LinkScores([FIRST, SECOND], [random_vectors(4, 6), random_vectors(4, 7)])
    assert seen and set(seen) == {1}


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
