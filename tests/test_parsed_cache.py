"""Parsed articles kept beside the embeddings: a re-opened comparison takes its sentences and
languages from the cache file and gets exactly what a fresh parse gives; a bad record is only a
miss."""

from __future__ import annotations

import dataclasses

import narrdiff.core.ingest.language as language
import narrdiff.core.link.parsed as parsed
from narrdiff.core.ingest.read import read_document
from narrdiff.core.link.cache import CachedEncoder, EmbeddingCache
from narrdiff.core.link.encoders import LexicalEncoder
from narrdiff.core.link.parsed import (
    KIND,
    LANGUAGE_KIND,
    document_key,
    language_key,
    parse_documents,
)
from narrdiff.core.pipeline import compare
from narrdiff.samples import sample_paths


def test_a_reopened_comparison_takes_its_articles_from_the_cache(tmp_path, sample_documents):
    first = compare(
        sample_documents, encoder=CachedEncoder(LexicalEncoder(), EmbeddingCache(tmp_path))
    )
    keys = [document_key(d, False) for d in sample_documents]
    reopened_cache = EmbeddingCache(tmp_path)  # a new process would open the file like this
    assert set(reopened_cache.get_records(KIND, keys)) == set(keys)
    again = compare(sample_documents, encoder=CachedEncoder(LexicalEncoder(), reopened_cache))
    assert again == first
    assert again.articles == tuple(parse_documents(sample_documents))  # no cache


def test_a_damaged_record_is_a_miss_and_is_replaced(tmp_path, sample_documents):
    cache = EmbeddingCache(tmp_path)
    document = sample_documents[0]
    key = document_key(document, False)
    cache.put_records(KIND, {key: b'{"sentences": [[0, 999999999, "body", 0]]}'})
    [article] = parse_documents([document], cache=cache)
    assert article == parse_documents([document])[0]
    [again] = parse_documents([document], cache=EmbeddingCache(tmp_path))
    assert again == article


def test_one_line_per_sentence_is_kept_apart(tmp_path, sample_documents):
    document = sample_documents[1]
    cache = EmbeddingCache(tmp_path)
    [prose] = parse_documents([document], cache=cache)
    [lines] = parse_documents([document], sentences_per_line=True, cache=cache)
    assert lines == parse_documents([document], sentences_per_line=True)[0]
    assert lines != prose  # one line per sentence, no roles: not the prose parse


def counted_detections(monkeypatch) -> list[str]:
    """The texts langdetect is asked about from now on (the real detector still answers)."""
    asked: list[str] = []
    real = language._detect_langs

    def recording(text):
        asked.append(text)
        return real(text)

    monkeypatch.setattr(language, "_detect_langs", recording)
    return asked


def test_a_reopened_comparison_does_not_detect_languages_again(tmp_path, monkeypatch):
    asked = counted_detections(monkeypatch)

    def open_comparison():
        documents = [read_document(p) for p in sample_paths()]  # as a new process reads them
        encoder = CachedEncoder(LexicalEncoder(), EmbeddingCache(tmp_path))
        return compare(documents, encoder=encoder)

    first = open_comparison()
    assert [a.language for a in first.articles] == ["en", "en"]
    assert len(asked) == 2
    again = open_comparison()
    assert len(asked) == 2  # both languages came from the cache file
    assert again == first


def test_a_language_record_is_keyed_by_the_detector_and_a_bad_one_is_a_miss(
    tmp_path, monkeypatch, sample_documents
):
    asked = counted_detections(monkeypatch)
    document = dataclasses.replace(sample_documents[0], language=None)
    cache = EmbeddingCache(tmp_path)
    assert parse_documents([document], cache=cache)[0].language == "en"
    assert len(asked) == 1
    cache.put_records(LANGUAGE_KIND, {language_key(document.text): b"<en>"})
    assert parse_documents([document], cache=cache)[0].language == "en"
    assert len(asked) == 2  # the damaged record was not believed
    assert parse_documents([document], cache=cache)[0].language == "en"
    assert len(asked) == 2  # and was replaced
    monkeypatch.setattr(parsed, "detector_fingerprint", lambda: "another langdetect")
    assert parse_documents([document], cache=cache)[0].language == "en"
    assert len(asked) == 3  # another detector does not reuse its answers
