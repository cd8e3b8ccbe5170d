"""Two-article stories from the ECB+ pairs dev file, for judging narrdiff on events never read.

`ecbplus_pairs_dev.json` holds pairs of short real reports (two documents, their sentences) for
ECB+ topics 1-27. The topics that `articles/INDEX.json` does not use were never opened while
narrdiff's framing was tuned, so their pairs make a fresh held-out set ("pair-<topic>-<sub>").
This module writes each pair as two plain-text files, one sentence per line (the way many news
pages put one sentence in each paragraph), so narrdiff reads them as it reads any article.

  .venv/bin/python bench/pair_stories.py            # writes bench/.pairs/pair-*/ and lists them

It only reads the shared benchmark files and writes under bench/.pairs (ignored by git).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "bench"
PAIRS_FILE = SHARED / "ecbplus_pairs_dev.json"
INDEX = SHARED / "articles" / "INDEX.json"
OUT = REPO / "bench" / ".pairs"


def unused_topics() -> set[int]:
    """ECB+ topics of the pairs file that no folder of articles/ uses."""
    used = {int(entry["folder"].split("-")[0]) for entry in json.loads(INDEX.read_text())}
    pairs = json.loads(PAIRS_FILE.read_text())
    return {case["topic"] for case in pairs} - used


def write_stories(out: Path = OUT) -> list[str]:
    """Write every pair of an unused topic as `out/pair-TT-sub/<doc>.txt`; their names, sorted."""
    topics = unused_topics()
    names = []
    for case in json.loads(PAIRS_FILE.read_text()):
        if case["topic"] not in topics:
            continue
        name = f"pair-{case['topic']:02d}-{case['subtopic']}"
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for doc in case["docs"]:
            text = "\n".join(" ".join(s.split()) for s in doc["sentences"]) + "\n"
            (folder / f"{doc['name']}.txt").write_text(text, encoding="utf-8")
        names.append(name)
    return sorted(names)


if __name__ == "__main__":
    for name in write_stories():
        print(name)
    sys.exit(0)
