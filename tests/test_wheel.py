"""The built wheel ships every package and compares the samples on its own.

A hand-written package list once left `narrdiff.core.readers` out of the wheel: tests passed
through the editable install while `pip install .` failed at the first read. This builds the
real wheel, checks that every package of the source tree is in it, and runs a comparison from
the unpacked wheel alone (the source tree is not on the path).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import narrdiff

ROOT = Path(narrdiff.__file__).parent.parent


def _source_packages() -> set[str]:
    found = set()
    for init in (ROOT / "narrdiff").rglob("__init__.py"):
        found.add(".".join(init.parent.relative_to(ROOT).parts))
    return found


def test_the_wheel_ships_every_package_and_compares_the_samples(tmp_path):
    # build from a copy: setuptools writes build/ and *.egg-info beside the sources
    tree = tmp_path / "tree"
    shutil.copytree(
        ROOT / "narrdiff", tree / "narrdiff", ignore=shutil.ignore_patterns("__pycache__")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "PIP_NO_INPUT": "1"},
    )
    (wheel,) = tmp_path.glob("narrdiff-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "unpacked")
    shipped = {".".join(Path(n).parent.parts) for n in names if n.endswith("/__init__.py")}
    assert _source_packages() <= shipped, sorted(_source_packages() - shipped)
    assert any(n.startswith("narrdiff/resources/") and n.endswith(".txt") for n in names)
    assert any(n.startswith("narrdiff/sample_articles/") for n in names)

    code = (
        "import sys, narrdiff, narrdiff.cli;"
        "print(narrdiff.__file__, file=sys.stderr);"
        "sys.exit(narrdiff.cli.main(['compare', '--samples', '--format', 'json']))"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "unpacked")}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert str(tmp_path / "unpacked") in result.stderr  # the wheel's copy ran, not the tree
    report = json.loads(result.stdout)
    assert len(report["articles"]) == 2 and report["links"]
