"""Hostile saved comparisons and outputs that fail safely (issue 14, rows 9–18).

A `.narrdiff` file is checked against its format and every limit before anything is built;
every file narrdiff writes goes through one helper that leaves the target whole or untouched.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrdiff.core import savefile as store
from narrdiff.core.model import Document, ManualLinks
from narrdiff.core.output import OutputError, printable, write_text
from narrdiff.core.savefile import SavedSettings, StoreError
from narrdiff.samples import sample_paths

TEXT = (
    "Russia is buying millions of artillery shells from North Korea, officials said.\n\n"
    "The deal shows that sanctions are biting, according to the Pentagon spokesman."
)


def article(**fields) -> dict:
    base = {"name": "a", "source": "a.txt", "text": TEXT, "label": None}
    return {**base, **fields}


def saved_file(tmp_path: Path, articles=None, manual=None, raw: str | None = None) -> Path:
    path = tmp_path / "story.narrdiff"
    if raw is None:
        data = {
            "narrdiff_file": 1,
            "articles": articles if articles is not None else [article(), article(name="b")],
            "settings": {"strictness": 0.5},
            "manual": manual or {"added": [], "removed": []},
        }
        raw = json.dumps(data)
    path.write_text(raw, encoding="utf-8")
    return path


def refusal(path: Path, within: float = 5.0) -> str:
    start = time.perf_counter()
    with pytest.raises(StoreError) as info:
        store.load(path)
    assert time.perf_counter() - start < within
    return str(info.value)


# --- row 9: an integer past Python's 4,300 digits ------------------------------------------------


def test_an_integer_of_5000_digits_is_damage_not_a_crash(tmp_path):
    path = saved_file(tmp_path, raw='{"narrdiff_file": 1' + "0" * 5000 + ', "articles": []}')
    assert refusal(path) == (
        "story.narrdiff is damaged or not a narrdiff file: it holds a number far too long to be "
        "real"
    )


# --- row 10: too many articles or hand-set links -------------------------------------------------


@pytest.mark.parametrize("count", [30, 1_000_000])
def test_more_articles_than_narrdiff_compares_are_refused(tmp_path, count):
    articles = [article(name=str(n)) for n in range(min(count, 30))]
    raw = json.dumps({"narrdiff_file": 1, "articles": articles})
    if count > 30:  # a million articles, each a small object: cheap to write, costly to build
        raw = raw.replace("]}", ", " + ", ".join(['{"name": "x"}'] * (count - 30)) + "]}")
    path = saved_file(tmp_path, raw=raw)
    assert refusal(path, within=10) == (
        f"story.narrdiff holds {count:,} articles; narrdiff compares up to 24 at once"
    )


def test_160k_hand_set_links_are_refused_before_anything_is_built(tmp_path):
    pairs = [[[0, n], [1, n]] for n in range(160_000)]
    path = saved_file(tmp_path, manual={"added": pairs, "removed": []})
    assert refusal(path) == (
        "story.narrdiff is damaged or not a narrdiff file: it holds 160,000 links in "
        "manual.added; narrdiff keeps up to 5,000"
    )


def test_a_hand_set_link_to_an_article_the_file_lacks_is_damage(tmp_path):
    path = saved_file(tmp_path, manual={"added": [[[0, 1], [7, 1]]]})
    assert refusal(path) == (
        "story.narrdiff is damaged or not a narrdiff file: a manual.added entry names an "
        "article or sentence it does not hold"
    )


# --- row 11: huge names and labels are cut as the readers cut them -------------------------------


def test_a_100_kb_name_and_a_20_mb_label_are_cut_quickly(tmp_path):
    path = saved_file(tmp_path, [article(name="n" * 100_000, label="L" * 20_000_000), article()])
    start = time.perf_counter()
    saved = store.load(path)
    assert time.perf_counter() - start < 10
    assert saved.documents[0].name == "n" * 999 + "…"
    assert saved.labels[0] == "L" * 999 + "…"


# --- row 12: lone surrogates ---------------------------------------------------------------------


def test_a_text_with_a_lone_surrogate_is_damaged(tmp_path):
    path = saved_file(tmp_path, raw=json.dumps({"narrdiff_file": 1, "articles": []}))
    raw = json.dumps(
        {"narrdiff_file": 1, "articles": [article(text=TEXT + " \ud800"), article()]},
        ensure_ascii=True,  # "\\ud800" in the file: valid JSON, invalid text
    )
    path.write_text(raw, encoding="utf-8")
    assert refusal(path) == (
        "story.narrdiff is damaged or not a narrdiff file: an article's “text” holds "
        "characters that are not valid Unicode"
    )


def test_saving_never_fails_on_a_name_with_undecodable_bytes(tmp_path):
    """A file name that is not UTF-8 reaches Python with lone surrogates; the article is read,
    so it must save (and the name comes back with U+FFFD)."""
    from narrdiff.core.ingest.read import read_document

    raw_name = os.fsencode(str(tmp_path)) + b"/caf\xe9-report.txt"
    with open(raw_name, "w", encoding="utf-8") as out:
        out.write(TEXT)
    document = read_document(os.fsdecode(raw_name))
    other = Document(name="b", source="b.txt", text=TEXT)
    path = tmp_path / "story.narrdiff"
    store.save(path, [document, other], ["caf\udce9 label", None], SavedSettings())
    saved = store.load(path)
    assert saved.documents[0].name == "caf\ufffd-report"
    assert saved.labels[0] == "caf\ufffd label"


# --- row 13: texts no reader would accept --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", "is empty"), ("Two words", "has too little text to compare (2 words)")],
)
def test_texts_the_readers_would_refuse_are_refused(tmp_path, text, reason):
    path = saved_file(tmp_path, [article(name="short", text=text), article()])
    assert (
        refusal(path)
        == f"story.narrdiff is damaged or not a narrdiff file: article “short” {reason}"
    )


# --- the loader on arbitrary JSON ----------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)
_article = st.fixed_dictionaries(
    {
        "name": st.text(max_size=10),
        "source": st.text(max_size=10),
        "text": st.sampled_from([TEXT, "", "x"]),
    },
    optional={"label": _json, "title": _json, "language": _json},
)
_file = st.fixed_dictionaries(
    {"narrdiff_file": st.sampled_from([1, 1, 2, 0, "1", True, None])},
    optional={
        "articles": st.lists(_article | _json, max_size=3) | _json,
        "settings": _json | st.fixed_dictionaries({"strictness": _json, "model": _json}),
        "manual": _json
        | st.fixed_dictionaries(
            {"added": st.lists(st.lists(st.lists(_json, max_size=3), max_size=3), max_size=3)}
        ),
    },
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=_file | _json)
def test_the_loader_answers_any_json_with_a_comparison_or_a_reason(tmp_path, content):
    path = tmp_path / "any.narrdiff"
    path.write_text(json.dumps(content), encoding="utf-8")
    try:
        saved = store.load(path)
    except StoreError as exc:
        assert str(exc).startswith("any.narrdiff ")
        return
    assert len(saved.documents) == len(saved.labels) <= 24
    assert all(d.text.strip() for d in saved.documents)
    assert 0.0 <= saved.settings.strictness <= 1.0
    for a, b in saved.manual.added + saved.manual.removed:
        assert 0 <= a[0] < len(saved.documents) and 0 <= b[0] < len(saved.documents)


# --- outputs: rows 16–18 -------------------------------------------------------------------------


def test_write_text_leaves_the_old_file_whole_when_the_write_fails(tmp_path, monkeypatch):
    target = tmp_path / "report.txt"
    target.write_text("the old report", encoding="utf-8")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OutputError) as info:
        write_text(target, "the new report")
    assert str(info.value) == f"{target}: the disk is full"
    assert target.read_text(encoding="utf-8") == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]  # no temporary left


@pytest.mark.parametrize(
    ("target", "reason"),
    [("missing/x.txt", "its folder does not exist"), (".", "is a folder")],
)
def test_write_text_names_the_path_and_the_reason(tmp_path, target, reason):
    with pytest.raises(OutputError) as info:
        write_text(tmp_path / target, "x")
    assert info.value.reason == reason


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "narrdiff", "compare", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )


@pytest.mark.parametrize(
    ("fmt", "target", "reason"),
    [
        ("json", "{tmp}", "is a folder"),
        ("json", "{tmp}/missing/r.json", "its folder does not exist"),
        ("text", "/dev/full", "the disk is full"),
        ("pdf", "{tmp}/missing/x.pdf", "its folder does not exist"),
    ],
)
def test_cli_output_that_cannot_be_written_is_one_line_and_exit_3(tmp_path, fmt, target, reason):
    target = target.format(tmp=tmp_path)
    result = run_cli("--samples", "--format", fmt, "-o", target)
    assert result.returncode == 3
    assert result.stderr == f"narrdiff: cannot write {target}: {reason}\n"
    assert not Path(target).is_file() or target == "/dev/full"


def test_cli_escapes_control_characters_in_names_and_texts(tmp_path):
    a = tmp_path / "evil\x1b[2J.txt"
    a.write_text(TEXT + "\n\nThe spokesman said \x1b[31mnothing\x1b[0m more.", encoding="utf-8")
    missing = tmp_path / "gone\nnarrdiff: all good.txt"
    result = run_cli(str(a), str(sample_paths()[0]), str(missing))
    assert result.returncode == 3
    assert "\x1b" not in result.stdout + result.stderr
    assert "evil\\x1b[2J" in result.stdout
    assert "\\x1b[31mnothing\\x1b[0m" in result.stdout
    assert result.stderr == f"narrdiff: {tmp_path}/gone\\nnarrdiff: all good.txt: file not found\n"


def test_printable_escapes_controls_and_keeps_layout_when_asked():
    assert printable("a\nb\x1b[1m\u202e") == "a\\nb\\x1b[1m\\u202e"
    assert printable("a\nb\tc\x07", keep_newlines=True) == "a\nb\tc\\x07"


def test_save_to_a_missing_folder_says_so_and_writes_nothing(tmp_path, sample_documents):
    target = tmp_path / "missing" / "story.narrdiff"
    with pytest.raises(OutputError) as info:
        store.save(target, sample_documents, [None, None], SavedSettings(), ManualLinks())
    assert info.value.reason == "its folder does not exist"
    assert not target.parent.exists()


def test_the_window_checks_a_saved_file_off_its_thread_and_names_it(qtbot, make_window, tmp_path):
    window = make_window()
    articles = [article(name=str(n)) for n in range(30)]
    path = saved_file(tmp_path, articles)
    window.saving.open_path(path)
    assert window.saving.loading == 1  # returned at once: the file is read on a thread
    qtbot.waitUntil(lambda: window.saving.loading == 0, timeout=10_000)
    assert window.messages.messages == [
        "story.narrdiff holds 30 articles; narrdiff compares up to 24 at once"
    ]
    assert window.documents == []
