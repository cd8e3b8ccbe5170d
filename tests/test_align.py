"""Alignment: links between articles (properties and literal cases) and story groups."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrdiff.core.link.align import AlignOptions, group_sentences, link_articles
from narrdiff.core.link.embed import LexicalEncoder
from narrdiff.core.model import RELATED, SAME

LEXICAL = LexicalEncoder()

# Two disjoint alphabets: words drawn from one never share a character n-gram with the other.
WORDS_A = st.text(alphabet="abcdefghijkl", min_size=4, max_size=9)
WORDS_B = st.text(alphabet="nopqrstuvwxy", min_size=4, max_size=9)


def sentences(words):
    return st.lists(words, min_size=3, max_size=10).map(" ".join)


def articles(words, max_size=8):
    return st.lists(sentences(words), min_size=1, max_size=max_size, unique=True)


def link(texts, options=None):
    return link_articles(texts, [LEXICAL.encode(t) for t in texts], options)


def pairs(links):
    return {(a, i, b, j) for a, i, b, j, _, _ in links}


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(articles(WORDS_A))
def test_an_article_against_itself_links_every_sentence_to_itself(article):
    links = link([article, article])
    by_sentence: dict[int, list[tuple[int, float]]] = {}
    for a, i, b, j, score, strength in links:
        assert (a, b) == (0, 1) and 0.0 <= score <= 1.0 and strength in (SAME, RELATED)
        by_sentence.setdefault(i, []).append((j, score))
    assert sorted(by_sentence) == list(range(len(article)))
    for i, partners in by_sentence.items():
        own = dict(partners)[i]
        assert own == pytest.approx(1.0, abs=1e-5)
        assert own >= max(score for _, score in partners)


@SETTINGS
@given(articles(WORDS_A), articles(WORDS_A), st.floats(0.0, 1.0))
def test_swapping_two_articles_mirrors_the_links_exactly(first, second, strictness):
    options = AlignOptions.from_strictness(strictness)
    forward = link([first, second], options)
    backward = link([second, first], options)
    mirrored = sorted((0, j, 1, i, score, strength) for _, i, _, j, score, strength in backward)
    assert mirrored == sorted(forward)


@SETTINGS
@given(articles(WORDS_A), articles(WORDS_B))
def test_sentences_with_nothing_in_common_do_not_link(first, second):
    assert link([first, second]) == []


@SETTINGS
@given(articles(WORDS_A), articles(WORDS_A), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_higher_strictness_keeps_a_subset_of_the_links(first, second, s1, s2):
    low, high = sorted((s1, s2))
    loose = pairs(link([first, second], AlignOptions.from_strictness(low)))
    strict = pairs(link([first, second], AlignOptions.from_strictness(high)))
    assert strict <= loose


def test_strictness_maps_monotonically_and_half_is_the_default():
    assert AlignOptions.from_strictness(0.5) == AlignOptions()
    steps = [AlignOptions.from_strictness(s / 10) for s in range(11)]
    for lower, higher in zip(steps, steps[1:], strict=False):
        assert higher.floor >= lower.floor and higher.link >= lower.link
        assert higher.same >= lower.same
    for step in steps:
        assert 0.0 <= step.link <= step.same <= 1.0
    assert steps[0].floor < steps[5].floor < steps[10].floor
    assert steps[0].link < steps[5].link < steps[10].link


@st.composite
def sizes_and_links(draw):
    sizes = draw(st.lists(st.integers(0, 6), min_size=1, max_size=5))
    refs = [(k, i) for k, n in enumerate(sizes) for i in range(n)]
    if len(refs) < 2:
        return sizes, []
    raw = draw(st.lists(st.tuples(st.sampled_from(refs), st.sampled_from(refs)), max_size=15))
    links = [(*x, *y, 0.5) for x, y in raw if x[0] < y[0]]
    return sizes, links


@settings(max_examples=200, deadline=None)
@given(sizes_and_links())
def test_groups_partition_every_sentence(case):
    sizes, links = case
    groups = group_sentences(sizes, links)
    members = [ref for group in groups for ref in group]
    assert sorted(members) == [(k, i) for k, n in enumerate(sizes) for i in range(n)]
    assert all(group == sorted(group) for group in groups)
    assert groups == sorted(groups, key=lambda g: g[0])
    unlinked = {(k, i) for k, n in enumerate(sizes) for i in range(n)} - {
        ref for a, i, b, j, _ in links for ref in ((a, i), (b, j))
    }
    assert all([ref] in groups for ref in unlinked)


def test_groups_join_one_to_many_but_refuse_chains_across_articles():
    # A0 links to B0 and B3 (one fact split over two sentences of B): one group.
    assert group_sentences([1, 4], [(0, 0, 1, 0, 0.7), (0, 0, 1, 3, 0.5)])[0] == [
        (0, 0),
        (1, 0),
        (1, 3),
    ]
    # A0-B0, B0-C0, C0-A2: joining them would make A0 and A2 (two facts of A) one unit.
    groups = group_sentences([3, 1, 1], [(0, 0, 1, 0, 0.9), (1, 0, 2, 0, 0.8), (0, 2, 2, 0, 0.6)])
    assert [(0, 0), (1, 0), (2, 0)] in groups and [(0, 2)] in groups
    # Adjacent sentences of one article may share a unit through a chain.
    groups = group_sentences([2, 1, 1], [(0, 0, 1, 0, 0.9), (1, 0, 2, 0, 0.8), (0, 1, 2, 0, 0.6)])
    assert groups == [[(0, 0), (0, 1), (1, 0), (2, 0)]]


@pytest.fixture(scope="module")
def seed_like_links(model_encoder):
    independent = [
        "Russia is buying millions of artillery shells and rockets from North Korea for its war "
        "in Ukraine, according to US intelligence.",
        "Officials believe Moscow could purchase additional North Korean military equipment in "
        "the future as the war drags on.",
        "Pyongyang has hinted about its interest in sending construction workers to help rebuild "
        "Russian-occupied territories in eastern Ukraine.",
    ]
    telegraph = [
        "The striker scored twice in the second half to seal the cup final.",
        "A US official said that Moscow was expected to buy additional North Korean equipment "
        "beyond the shells and rockets.",
        "RUSSIA is turning to North Korea to buy millions of artillery shells and rockets as it "
        "runs low on supplies in Ukraine, according to US intelligence.",
    ]
    texts = [independent, telegraph]
    return link_articles(texts, [model_encoder.encode(t) for t in texts])


def test_real_model_links_the_same_facts_and_leaves_the_rest(seed_like_links):
    found = {(i, j): strength for _, i, _, j, _, strength in seed_like_links}
    assert found.get((0, 2)) == SAME  # the lead: shells and rockets from North Korea
    assert (1, 1) in found  # additional North Korean equipment
    assert not any(j == 0 for _, j in found)  # the football sentence links to nothing


def test_linking_twelve_long_articles_is_fast():
    rng = np.random.default_rng(7)
    texts = [[f"sentence {k} {i} about topic{i % 9}" for i in range(45)] for k in range(12)]
    vectors = []
    for article in texts:
        m = rng.normal(size=(len(article), 384)).astype(np.float32)
        vectors.append(m / np.linalg.norm(m, axis=1, keepdims=True))
    start = time.perf_counter()
    link_articles(texts, vectors)
    # ~0.4 s on an idle 2-core machine; the bound leaves room for a loaded CI box while still
    # catching a per-pair Python loop (embedding these 540 sentences takes ~4 s here)
    assert time.perf_counter() - start < 3.0


def test_mismatched_inputs_are_refused():
    with pytest.raises(ValueError):
        link_articles([["a b c"]], [])
    with pytest.raises(ValueError):
        link_articles([["a b c", "d e f"]], [LEXICAL.encode(["a b c"])])
    # An article without linkable sentences is fine: it simply links to nothing.
    empty = [np.zeros((0, 512), dtype=np.float32), np.zeros((0,), dtype=np.float32)]
    for vectors in empty:
        assert link_articles([[], ["a b c"]], [vectors, LEXICAL.encode(["a b c"])]) == []
