"""The headless command line as a user runs it: exit codes, messages, formats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from narrdiff.samples import sample_paths

ARTICLE_A = """Flood waters rose across the river valley on Monday after three days of heavy rain.

Officials said 40 families were moved to a school gym overnight.

The mayor warned that more rain is expected on Wednesday.
"""
ARTICLE_B = """Three days of heavy rain sent flood waters rising across the valley on Monday.

Forty families were evacuated to a school gymnasium, officials said.

Volunteers handed out blankets and hot soup.
"""


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "narrdiff", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture()
def two_articles(tmp_path):
    a, b = tmp_path / "valley-news.txt", tmp_path / "river-times.txt"
    a.write_text(ARTICLE_A, encoding="utf-8")
    b.write_text(ARTICLE_B, encoding="utf-16")  # another encoding on purpose
    return a, b


def test_compare_json_follows_contract(two_articles):
    result = run_cli("compare", *map(str, two_articles), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["narrdiff_report"] == 1
    assert [a["name"] for a in report["articles"]] == ["valley-news", "river-times"]
    pairs = {(tuple(link["a"]), tuple(link["b"])) for link in report["links"]}
    texts_a = [s["text"] for s in report["articles"][0]["sentences"]]
    texts_b = [s["text"] for s in report["articles"][1]["sentences"]]
    families = (
        (0, texts_a.index("Officials said 40 families were moved to a school gym overnight.")),
        (1, texts_b.index("Forty families were evacuated to a school gymnasium, officials said.")),
    )
    assert families in pairs
    soup = texts_b.index("Volunteers handed out blankets and hot soup.")
    assert all((1, soup) not in pair for pair in pairs)


def test_missing_and_empty_inputs_exit_3_and_the_rest_is_compared(two_articles, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    result = run_cli(
        "compare",
        str(two_articles[0]),
        str(tmp_path / "nope.txt"),
        str(empty),
        str(two_articles[1]),
    )
    assert result.returncode == 3
    lines = result.stderr.strip().splitlines()
    assert any("nope.txt" in line and "not found" in line for line in lines)
    assert any("empty.txt" in line and "empty" in line for line in lines)
    assert "Traceback" not in result.stderr
    assert "adds" in result.stdout  # the two good articles were still compared


@pytest.mark.parametrize("kind", ["binary", "directory", "one-word"])
def test_fewer_than_two_usable_articles_exit_3(two_articles, tmp_path, kind):
    bad = tmp_path / "bad.txt"
    if kind == "binary":
        bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    elif kind == "directory":
        bad.mkdir()
    else:
        bad.write_text("Hello", encoding="utf-8")
    result = run_cli("compare", str(two_articles[0]), str(bad))
    assert result.returncode == 3
    assert "bad.txt" in result.stderr and "Traceback" not in result.stderr
    assert "at least two" in result.stderr


def test_bad_usage_exits_2():
    assert run_cli("compare", "--strictness", "7", "a", "b").returncode == 2
    assert run_cli("compare").returncode == 2


def test_text_report_on_samples_names_both_outlets(tmp_path):
    out = tmp_path / "report.txt"
    result = run_cli("compare", *map(str, sample_paths()), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "The Daily Telegraph" in text
    assert "Not linked, but not called only here:" in text and "Missing here" in text
    assert "== The Independent: adds" in text  # label tidied from the file name
    assert (
        "~ The Daily Telegraph “turning to North Korea to buy” / The Independent “buying”" in text
    )


def test_sentences_per_line_keeps_lines_as_given(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(
        "World\nThe minister resigned on Friday. She cited health reasons.\n", encoding="utf-8"
    )
    b.write_text(
        "On Friday the minister resigned. Health reasons were cited.\nWorld\n", encoding="utf-8"
    )
    result = run_cli("compare", str(a), str(b), "--sentences-per-line", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert [s["text"] for s in report["articles"][0]["sentences"]] == [
        "World",
        "The minister resigned on Friday. She cited health reasons.",
    ]
    assert {s["role"] for s in report["articles"][0]["sentences"]} == {"body"}


def test_second_comparison_of_the_same_articles_never_imports_torch(tmp_path):
    code = (
        "import sys; from narrdiff.cli import main;"
        "rc = main(['compare', '--samples', '--format', 'json', '-o', sys.argv[1]]);"
        "print('torch' in sys.modules); sys.exit(rc)"
    )
    env = dict(os.environ, NARRDIFF_CACHE_DIR=str(tmp_path / "cache"))
    runs = []
    for name in ("cold.json", "warm.json"):
        out = subprocess.run(
            [sys.executable, "-c", code, str(tmp_path / name)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        runs.append(out.stdout.strip())
    assert runs == ["True", "False"]
    cold = json.loads((tmp_path / "cold.json").read_text(encoding="utf-8"))
    warm = json.loads((tmp_path / "warm.json").read_text(encoding="utf-8"))
    assert cold == warm


def test_more_articles_than_the_limit_is_refused_before_comparing(tmp_path):
    from narrdiff.core.limits import MAX_ARTICLES

    paths = []
    for k in range(MAX_ARTICLES + 1):
        path = tmp_path / f"a{k}.txt"
        path.write_text(f"Article {k} reports that the river rose on Monday.", encoding="utf-8")
        paths.append(str(path))
    result = run_cli("compare", *paths)
    assert result.returncode == 2
    assert f"up to {MAX_ARTICLES}" in result.stderr


def test_without_a_display_the_app_command_explains_and_prints_the_comparison(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = subprocess.run(
        [sys.executable, "-m", "narrdiff", "--samples"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "no display here" in result.stderr
    assert "How the reports frame the story differently" in result.stdout
