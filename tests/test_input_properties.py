"""Property-based tests of ingest and segmentation: for any input, only the documented errors,
and offsets that always index the text exactly. Bounded for CI (~10 s in all)."""

from __future__ import annotations

import os
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrdiff.core.ingest.read import (
    IngestError,
    decode_bytes,
    document_from_text,
    normalise_text,
    read_document,
)
from narrdiff.core.limits import MAX_SENTENCE_CHARS
from narrdiff.core.parse.article import parse_article
from narrdiff.core.parse.segment import split_sentences

# Characters news copy (and damaged copies of it) are made of, weighted towards the tricky ones.
TRICKY = list(" \n\n\r\t.,;:!?…“”‘’\"'()-–—\u2028\u00a0\u200b\ufeff\x00\u0301") + list("AaZz0")
TEXT = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=300)
PROSE = st.lists(
    st.sampled_from(
        ["Russia", "said", "shells.", "“Is it over?”", "he asked.", "Mr", "Smith", "U.S.", "3.5",
         "‘Very odd.’", "She", "agreed", "—", "\n", "\n\n", "!", "…", "e.g.", "(AP)", "x" * 40]
    ),
    max_size=80,
).map(" ".join)  # fmt: skip
# Openings that send bytes down each reader's path: PDF, zip (docx), RTF, MIME, HTML.
MAGIC = st.sampled_from(
    [b"%PDF-1.4\n", b"PK\x03\x04", b"{\\rtf1 ", b"Subject: x\nFrom: y\n\n", b"<html><p>", b""]
)
ANY_FILE = st.builds(bytes.__add__, MAGIC, st.binary(max_size=600)) | TEXT.map(
    lambda t: t.encode("utf-8", "surrogatepass")
)
FAST = settings(max_examples=120, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module", autouse=True)
def warm_segmenter():
    split_sentences("Warm up. The rules compile once.")  # keep pysbd's set-up out of deadlines


@FAST
@given(st.binary(max_size=400))
def test_decode_bytes_gives_text_or_a_value_error(data):
    try:
        assert isinstance(decode_bytes(data), str)
    except ValueError as err:
        assert str(err) == "no text encoding fits (tried UTF-8, UTF-16, cp1252)"


@FAST
@given(TEXT | PROSE)
def test_document_from_text_is_normalised_or_refused(text):
    try:
        doc = document_from_text(text)
    except IngestError as err:
        assert err.source == "<text>" and err.reason
        return
    assert doc.text == normalise_text(text) == doc.text.strip()
    assert not set(doc.text) & set("\r\x00\u2028\u2029\ufeff\u200b")
    assert unicodedata.is_normalized("NFC", doc.text)


# no deadline: each example starts eight reader processes, which take seconds on a loaded
# machine; the readers' own time limit (core/ingest/bounded.py) is what bounds a bad file
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_FILE)
def test_any_file_content_under_any_name_reads_or_is_refused(data):
    with tempfile.TemporaryDirectory() as folder:
        for name in ("a.txt", "a.html", "a.pdf", "a.docx", "a.eml", "a.mht", "a.rtf", "a"):
            path = Path(folder) / name
            path.write_bytes(data)
            try:
                read_document(path)
            except IngestError as err:
                assert err.source == str(path) and err.reason
            os.remove(path)


@FAST
@given(TEXT | PROSE)
def test_sentence_spans_are_ordered_trimmed_and_cover_the_text(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert end - start <= MAX_SENTENCE_CHARS
        previous_end = end
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())


@settings(max_examples=60, deadline=3000)
@given(PROSE)
def test_article_sentences_index_the_document_text(text):
    try:
        doc = document_from_text(text)
    except IngestError:
        return
    article = parse_article(doc)
    assert article.text == doc.text
    previous_end = 0
    for sentence in article.sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text
        assert previous_end <= sentence.start
        previous_end = sentence.end
