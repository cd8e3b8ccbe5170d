"""The pipeline's contract: progress, cancel, re-linking without the encoder, the fallback."""

from __future__ import annotations

import pytest
from storm_reports import A, B

from narrdiff.core.ingest.read import document_from_text
from narrdiff.core.link import align
from narrdiff.core.link.embed import LexicalEncoder
from narrdiff.core.pipeline import Cancelled, compare, make_encoder, relink


class CountingEncoder:
    """The lexical encoder, counting how many texts it was asked to embed."""

    def __init__(self):
        self.inner = LexicalEncoder()
        self.id = self.inner.id
        self.texts = 0

    def encode(self, texts):
        self.texts += len(texts)
        return self.inner.encode(texts)


@pytest.fixture()
def documents():
    return [document_from_text(A, name="gazette"), document_from_text(B, name="courier")]


def test_progress_runs_from_zero_to_one(documents):
    seen = []
    compare(documents, encoder=CountingEncoder(), progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert all(isinstance(m, str) and m for _, m in seen)


def test_cancel_stops_before_a_result(documents):
    with pytest.raises(Cancelled):
        compare(documents, encoder=CountingEncoder(), cancel=lambda: True)


def test_relink_uses_stored_embeddings_only(documents):
    encoder = CountingEncoder()
    first = compare(documents, encoder=encoder)
    calls = encoder.texts
    strict = relink(first, align.AlignOptions.from_strictness(1.0))
    loose = relink(first, align.AlignOptions.from_strictness(0.0))
    assert encoder.texts == calls
    assert len(strict.links) <= len(first.links) <= len(loose.links)
    assert strict.articles == first.articles


def test_unloadable_model_falls_back_to_lexical_with_a_reason(documents, tmp_path):
    missing = tmp_path / "no-such-model"
    result = compare(documents, encoder=make_encoder(str(missing), cache=False))
    assert result.encoder == "lexical"
    [warning] = result.warnings
    assert "no-such-model" in warning and "lexical" in warning


def test_every_linkable_sentence_is_in_exactly_one_group(documents):
    result = compare(documents, encoder=CountingEncoder())
    members = [ref for g in result.groups for ref in g.members]
    linkable = [(a, i) for a, art in enumerate(result.articles) for i in art.linkable_indices()]
    assert sorted(members) == sorted(linkable)


def test_adds_and_omits_are_two_views_of_the_same_groups(documents, model_encoder):
    result = compare(documents, encoder=model_encoder)
    gazette_adds = {result.articles[0].sentences[i].text for i in result.adds(0)}
    courier_omits = {result.sentence(g.members[0]).text for g in result.omits(1)}
    assert "The council said bins would be collected a day late." in gazette_adds
    assert gazette_adds == courier_omits


def test_a_damaged_cache_reaches_the_user_as_a_comparison_warning(documents, tmp_path, monkeypatch):
    monkeypatch.setenv("NARRDIFF_CACHE_DIR", str(tmp_path))
    from narrdiff.core.link.embed import CACHE_FILE

    (tmp_path / CACHE_FILE).write_bytes(b"this is not a database" * 100)
    encoder = make_encoder(str(tmp_path / "no-model"))
    result = compare(documents, encoder=encoder)
    assert any(w.startswith("embedding cache was damaged") for w in result.warnings), (
        result.warnings
    )
