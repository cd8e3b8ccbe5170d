"""Link evidence kept beside the embeddings: a re-opened comparison is not scored again, and
re-links from the kept record decide exactly as from fresh evidence at every strictness."""

from __future__ import annotations

import numpy as np
import pytest

import narrdiff.core.link.scorer as scorer
from narrdiff.core.link import kept
from narrdiff.core.link.align import AlignOptions
from narrdiff.core.link.cache import CachedEncoder, EmbeddingCache
from narrdiff.core.link.encoders import LexicalEncoder
from narrdiff.core.pipeline import compare, relink

STRICTNESS = [round(0.1 * n, 1) for n in range(11)]


@pytest.fixture
def story_documents(sample_documents):
    """The samples and a third article of the same story, so links of every band occur."""
    from narrdiff.core.ingest.read import document_from_text

    third = document_from_text(
        "Russia buys shells from North Korea\n\n"
        "Russia is buying millions of artillery shells and rockets from North Korea, US "
        "officials said. Officials believe Moscow could buy more equipment. The Kremlin did not "
        "comment. Pyongyang has hinted at closer ties with Moscow."
    )
    return [*sample_documents, third]


def _encoder(folder) -> CachedEncoder:
    return CachedEncoder(LexicalEncoder(), EmbeddingCache(folder))


def test_a_reopened_comparison_is_not_scored_again(tmp_path, story_documents, monkeypatch):
    first = compare(story_documents, encoder=_encoder(tmp_path))

    def no_scoring(*args, **kwargs):
        raise AssertionError("scored again")

    monkeypatch.setattr(scorer, "pair_features", no_scoring)
    again = compare(story_documents, encoder=_encoder(tmp_path))  # a new process's cache
    assert again == first
    for s in STRICTNESS:
        options = AlignOptions.from_strictness(s)
        assert relink(again, options).links == relink(first, options).links


def test_kept_evidence_decides_as_fresh_evidence_at_every_strictness(tmp_path, story_documents):
    fresh = compare(story_documents, encoder=LexicalEncoder())
    compare(story_documents, encoder=_encoder(tmp_path))
    reopened = compare(story_documents, encoder=_encoder(tmp_path))
    links = 0
    for s in STRICTNESS:
        options = AlignOptions.from_strictness(s)
        assert relink(reopened, options).links == relink(fresh, options).links
        links += len(relink(fresh, options).links)
    assert links  # the story links at some strictness: the comparison above is not empty


def test_a_damaged_or_foreign_record_is_a_miss(tmp_path, story_documents):
    cache = EmbeddingCache(tmp_path)
    texts = [["One sentence here.", "Another one."], ["A third sentence."]]
    vectors = [np.eye(2, 4, dtype=np.float32), np.eye(1, 4, dtype=np.float32)]
    keep = AlignOptions.from_strictness(0.0).floor, AlignOptions.from_strictness(0.0).link
    key = kept.evidence_key(texts, vectors, keep)
    cache.put_records(kept.KIND, {key: b"not a record"})
    fresh = kept.link_scores(texts, vectors, keep)
    got = kept.link_scores(texts, vectors, keep, cache)  # a miss: scored and stored again
    np.testing.assert_array_equal(got.pair(0, 1).p, fresh.pair(0, 1).p)
    stored = EmbeddingCache(tmp_path).get_records(kept.KIND, [key])[key]
    assert stored != b"not a record"
    again = kept.link_scores(texts, vectors, keep, EmbeddingCache(tmp_path))  # from the record
    np.testing.assert_array_equal(again.pair(0, 1).rows, fresh.pair(0, 1).rows)
    # the same sentences with other vectors, or kept for other bands, are other evidence
    moved = [vectors[0][::-1].copy(), vectors[1]]
    assert kept.evidence_key(texts, moved, keep) != key
    assert kept.evidence_key(texts, vectors, (0.0, 0.0)) != key


def test_evidence_too_large_to_keep_is_scored_each_time(tmp_path, monkeypatch):
    monkeypatch.setattr(kept, "MAX_KEPT_ENTRIES", 0)
    texts = [["The mayor said the bridge would close."], ["The mayor said the bridge closes."]]
    vectors = [np.eye(1, 4, dtype=np.float32)] * 2
    cache = EmbeddingCache(tmp_path)
    keep = (0.0, 0.0)
    kept.link_scores(texts, vectors, keep, cache)
    assert cache.get_records(kept.KIND, [kept.evidence_key(texts, vectors, keep)]) == {}
