"""The bundled sample articles (the project's two seed reports of one story), found in the wheel.

Read with importlib.resources, never from paths built on `__file__` or the working directory.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SAMPLE_SUFFIXES = (".txt", ".html", ".md")


def sample_paths() -> list[Path]:
    """Paths of the sample articles, sorted by name (the package is installed as plain files)."""
    folder = resources.files("narrdiff.sample_articles")
    return sorted(
        Path(str(item)) for item in folder.iterdir() if item.name.endswith(SAMPLE_SUFFIXES)
    )
