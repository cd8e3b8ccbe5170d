"""Re-linking at another strictness re-decides from kept evidence: same links as from scratch,
no new scores, and after `prepare_relinks` no new word diff or tag at any strictness."""

from __future__ import annotations

import pytest

from narrdiff.core.diff.wording import changes_between
from narrdiff.core.framing.tags import tagged_changes
from narrdiff.core.link import align
from narrdiff.core.link.scores import LinkScores
from narrdiff.core.pipeline import compare, prepare_relinks, relink

STRICTNESS = (0.0, 0.25, 0.5, 0.8, 1.0)


def _linkable(comparison):
    texts, mats = [], []
    for art, vectors in zip(comparison.articles, comparison.embeddings, strict=True):
        idx = art.linkable_indices()
        texts.append([art.sentences[i].text for i in idx])
        mats.append(vectors[idx])
    return texts, mats


@pytest.mark.parametrize("strictness", STRICTNESS)
def test_kept_scores_link_exactly_as_the_aligner_from_vectors(sample_comparison, strictness):
    texts, mats = _linkable(sample_comparison)
    options = align.AlignOptions.from_strictness(strictness)
    kept = align.links_from(LinkScores(texts, mats), options)
    assert kept == align.link_articles(texts, mats, options)
    assert kept  # the two seed reports share facts at every strictness


def test_a_relink_equals_a_fresh_comparison_at_that_strictness(model_encoder, sample_documents):
    first = compare(sample_documents, encoder=model_encoder)
    for strictness in (0.0, 1.0, 0.5):
        options = align.AlignOptions.from_strictness(strictness)
        again = relink(first, options)
        assert again == compare(sample_documents, encoder=model_encoder, options=options)
        assert again.scores is first.scores  # kept, not recomputed


def test_after_preparing_no_strictness_diffs_or_tags_anything_new(sample_comparison):
    prepared = prepare_relinks(sample_comparison)
    loosest = relink(sample_comparison, align.AlignOptions.from_strictness(0.0))
    # every pair strictness 0 could link, before each sentence keeps its strongest partners
    assert prepared >= len(loosest.links) > len(sample_comparison.links)
    diffs, tags = changes_between.cache_info().misses, tagged_changes.cache_info().misses
    for strictness in STRICTNESS:
        relink(sample_comparison, align.AlignOptions.from_strictness(strictness))
    assert changes_between.cache_info().misses == diffs
    assert tagged_changes.cache_info().misses == tags


def test_preparing_stops_when_cancelled(sample_comparison):
    assert prepare_relinks(sample_comparison, cancel=lambda: True) == 0
