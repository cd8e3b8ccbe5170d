"""The .narrdiff file: a saved comparison opens into the very same comparison, without the
original files; a newer or damaged file is refused with a message a user understands."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from narrdiff.core import savefile as store
from narrdiff.core.link import align
from narrdiff.core.model import ManualLinks
from narrdiff.core.pipeline import compare
from narrdiff.core.report.json_report import to_json
from narrdiff.core.savefile import SavedSettings, StoreError

BY_HAND = ManualLinks(added=(((0, 5), (1, 7)),), removed=(((0, 0), (1, 0)),))


def _labelled(comparison, labels):
    articles = tuple(
        replace(a, outlet=label) if label else a
        for a, label in zip(comparison.articles, labels, strict=True)
    )
    return replace(comparison, articles=articles)


def test_save_and_open_give_an_identical_comparison(tmp_path, sample_documents, model_encoder):
    labels = ["The Indy", None]
    options = align.AlignOptions.from_strictness(0.7)
    before = compare(sample_documents, options=options, encoder=model_encoder, manual=BY_HAND)
    path = tmp_path / "story.narrdiff"
    store.save(path, sample_documents, labels, SavedSettings(strictness=0.7), BY_HAND)
    # the original files are not needed: the texts travel in the file
    saved = store.load(path)
    assert saved.documents == tuple(sample_documents)
    assert saved.labels == ("The Indy", None)
    assert saved.settings == SavedSettings(strictness=0.7)
    assert saved.manual == BY_HAND
    after = compare(
        saved.documents,
        options=align.AlignOptions.from_strictness(saved.settings.strictness),
        encoder=model_encoder,
        manual=saved.manual,
        sentences_per_line=saved.settings.sentences_per_line,
    )
    assert to_json(_labelled(after, saved.labels)) == to_json(_labelled(before, labels))
    assert any(link.manual for link in after.links)


def test_the_file_is_documented_json(tmp_path, sample_documents):
    path = tmp_path / "story.narrdiff"
    store.save(path, sample_documents, [None, "Telegraph"], SavedSettings(model="x"), BY_HAND)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["narrdiff_file"] == 1
    assert data["saved_with"]
    assert set(data["articles"][0]) >= {"name", "source", "text", "title", "site", "label"}
    assert data["articles"][1]["label"] == "Telegraph"
    assert data["settings"] == {"strictness": 0.5, "model": "x", "sentences_per_line": False}
    assert data["manual"] == {"added": [[[0, 5], [1, 7]]], "removed": [[[0, 0], [1, 0]]]}


def test_saving_replaces_the_file_whole_and_leaves_no_temporary_file(tmp_path, sample_documents):
    path = tmp_path / "story.narrdiff"
    path.write_text("old", encoding="utf-8")
    store.save(path, sample_documents, [], SavedSettings())
    assert store.load(path).labels == (None, None)
    assert [p.name for p in tmp_path.iterdir()] == ["story.narrdiff"]


def _write(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_file_from_a_newer_version_says_so(tmp_path):
    path = _write(tmp_path / "future.narrdiff", {"narrdiff_file": 2, "articles": []})
    with pytest.raises(StoreError) as err:
        store.load(path)
    assert str(err.value).startswith(
        "future.narrdiff was saved by a newer narrdiff (format 2); this version reads format 1"
    )


@pytest.mark.parametrize(
    "content, detail",
    [
        ('{"narrdiff_file": 1, "articles": [', "invalid JSON"),
        ("\xff\xfe garbage", "invalid JSON"),
        ('{"hello": "world"}', "no narrdiff_file format number"),
        ("[1, 2, 3]", "holds no comparison"),
        ('{"narrdiff_file": 1, "articles": [{"name": "a"}]}', "no “source”"),
        ('{"narrdiff_file": 1, "articles": {}}', "“articles” is not a list"),
        (
            '{"narrdiff_file": 1, "articles": [], "settings": {"strictness": 7}}',
            "strictness is not between 0 and 1",
        ),
        (
            '{"narrdiff_file": 1, "articles": [], "manual": {"added": [[1, 2]]}}',
            "not [[article, sentence], [article, sentence]]",
        ),
    ],
)
def test_a_damaged_file_says_what_is_wrong(tmp_path, content, detail):
    path = tmp_path / "story.narrdiff"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(StoreError) as err:
        store.load(path)
    assert str(err.value).startswith("story.narrdiff is damaged or not a narrdiff file: ")
    assert detail in str(err.value)


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(StoreError, match="gone.narrdiff was not found"):
        store.load(tmp_path / "gone.narrdiff")


def test_unknown_keys_are_ignored_within_format_1(tmp_path, sample_documents):
    path = tmp_path / "story.narrdiff"
    store.save(path, sample_documents, [], SavedSettings())
    data = json.loads(path.read_text(encoding="utf-8"))
    data["comments"] = "added by a later version"
    data["articles"][0]["colour"] = "red"
    _write(path, data)
    assert store.load(path).documents == tuple(sample_documents)
