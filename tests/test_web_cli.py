"""`narrdiff compare URL URL …` as a user runs it, against a local site on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from web_site import GAZETTE_BODY, LocalSite


@pytest.fixture()
def site():
    local = LocalSite()
    yield local
    local.close()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "narrdiff", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
    )


def test_two_addresses_are_compared_and_labelled_by_outlet(site):
    gazette, courier = site.url("/gazette/bridge"), site.url("/courier/bridge")
    result = run_cli("compare", gazette, courier, "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    articles = report["articles"]
    assert [a["source"] for a in articles] == [gazette, courier]
    assert [a["outlet"] for a in articles] == ["The Harbour Gazette", "Coastal Courier"]
    assert [a["headline"] for a in articles] == [
        "Harbour Bridge shut after cracks found",
        "Commuters face weeks of chaos as bridge closes",
    ]
    assert report["links"], "the two reports of one closure share facts"


def test_addresses_mix_with_files_and_a_failed_one_exits_3_with_the_rest_compared(site, tmp_path):
    saved = tmp_path / "harbour-gazette.txt"
    saved.write_text("Harbour Bridge shut\n\n" + "\n\n".join(GAZETTE_BODY), encoding="utf-8")
    missing = site.url("/courier/old-story")
    courier = site.url("/courier/bridge")
    result = run_cli("compare", str(saved), missing, courier, "ftp://127.0.0.1/a.txt")
    assert result.returncode == 3
    assert f"narrdiff: {missing}: returned 404 (not found)" in result.stderr
    assert "narrdiff: ftp://127.0.0.1/a.txt: only http and https addresses can be fetched" in (
        result.stderr
    )
    assert "Coastal Courier" in result.stdout
    assert f"({courier})" in result.stdout  # the text report names each article's source
    assert "Harbour Gazette" in result.stdout
