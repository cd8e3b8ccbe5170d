"""Parsed articles kept beside the embeddings: a re-opened comparison takes its sentences from
the cache file and gets exactly what a fresh parse gives; a bad record is only a miss."""

from __future__ import annotations

from narrdiff.core.link.cache import CachedEncoder, EmbeddingCache
from narrdiff.core.link.encoders import LexicalEncoder
from narrdiff.core.link.parsed import KIND, document_key, parse_documents
from narrdiff.core.parse.article import parse_article
from narrdiff.core.pipeline import compare


def test_a_reopened_comparison_takes_its_articles_from_the_cache(tmp_path, sample_documents):
    first = compare(
        sample_documents, encoder=CachedEncoder(LexicalEncoder(), EmbeddingCache(tmp_path))
    )
    keys = [document_key(d, False) for d in sample_documents]
    reopened_cache = EmbeddingCache(tmp_path)  # a new process would open the file like this
    assert set(reopened_cache.get_records(KIND, keys)) == set(keys)
    again = compare(sample_documents, encoder=CachedEncoder(LexicalEncoder(), reopened_cache))
    assert again == first
    assert again.articles == tuple(parse_article(d) for d in sample_documents)


def test_a_damaged_record_is_a_miss_and_is_replaced(tmp_path, sample_documents):
    cache = EmbeddingCache(tmp_path)
    document = sample_documents[0]
    key = document_key(document, False)
    cache.put_records(KIND, {key: b'{"sentences": [[0, 999999999, "body", 0]]}'})
    [article] = parse_documents([document], cache=cache)
    assert article == parse_article(document)
    [again] = parse_documents([document], cache=EmbeddingCache(tmp_path))
    assert again == article


def test_one_line_per_sentence_is_kept_apart(tmp_path, sample_documents):
    document = sample_documents[1]
    cache = EmbeddingCache(tmp_path)
    [prose] = parse_documents([document], cache=cache)
    [lines] = parse_documents([document], sentences_per_line=True, cache=cache)
    assert lines == parse_article(document, sentences_per_line=True)
    assert lines != prose  # one line per sentence, no roles: not the prose parse
