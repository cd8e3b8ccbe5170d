"""Layer rules a refactor could silently break: the core never imports Qt, nothing heavy loads
at import time."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import narrdiff

CORE = Path(narrdiff.__file__).parent / "core"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level:
            # relative: `from ..app import x` seen from narrdiff/core/<pkg>/ reaches the app
            depth = len(path.relative_to(CORE).parts) - node.level
            names.add("narrdiff.app" if depth < 0 else "narrdiff.core")
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_never_imports_qt_or_the_app():
    offenders = {}
    paths = sorted(CORE.rglob("*.py"))
    assert any(p.parent.name == "formats" for p in paths)  # sub-packages are searched too
    for path in paths:
        bad = {
            m
            for m in _imported_modules(path)
            if m.startswith(("PySide6", "narrdiff.app", "shiboken"))
        }
        if bad:
            offenders[str(path.relative_to(CORE))] = bad
    assert offenders == {}


def test_importing_the_core_and_cli_loads_no_heavy_library():
    code = (
        "import sys, narrdiff.cli, narrdiff.core.pipeline, narrdiff.core.report.json_report;"
        "heavy = ('torch', 'sentence_transformers', 'PySide6', 'trafilatura');"
        "heavy = [m for m in heavy if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
