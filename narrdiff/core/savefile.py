"""Saved comparisons: the `.narrdiff` file, written and read back.

A `.narrdiff` file holds everything needed to show a comparison again without the original
files: each article's full normalised text and metadata, the user's outlet names, the settings
and the links set or removed by hand. Opening one re-parses the texts with the same parser and
re-embeds them (from the embedding cache, or the model), so the view comes back exactly.

The format (UTF-8 JSON, format 1):

    {"narrdiff_file": 1,
     "saved_with": "0.1.0",                      # the narrdiff version that wrote it
     "articles": [{"name", "source", "text",     # Document fields; title, site, byline,
                   "title", "site", "byline",    # published and language may be null
                   "published", "language",
                   "label": str | null}],        # the user's outlet name, if they set one
     "settings": {"strictness": 0..1, "model": str | null, "sentences_per_line": bool},
     "manual": {"added": [[[a, i], [b, j]], …],  # links set by hand (article, sentence refs)
                "removed": [[[a, i], [b, j]], …]}}

Readers ignore keys they do not know, so later versions may add fields within format 1; a
change that older readers would misread raises the format number, and `load` refuses a number
it does not know with a message saying so.

`save` writes through `core.output` (a temporary file in the same folder, then a rename), so a
crash mid-write never leaves half a file. `load` checks the whole file against this format and
narrdiff's limits before it builds anything (`limits`: articles, hand-set links, name and label
lengths; each text as the readers check theirs; valid Unicode) and raises `StoreError` with a
reason a user understands, and nothing else. Names, labels and metadata longer than the
readers keep are cut as the readers cut them, so no file the app wrote is ever refused.
This module reads and writes files only: it never compares, embeds or
imports Qt.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest.read import check_text, normalise_text, valid_text
from narrdiff.core.limits import (
    MAX_ARTICLES,
    MAX_CHARS,
    MAX_HINT_CHARS,
    MAX_MANUAL_LINKS,
    MAX_NAME_CHARS,
    MB,
)
from narrdiff.core.model import Document, ManualLinks
from narrdiff.core.output import write_text

FORMAT = 1
SUFFIX = ".narrdiff"
MAX_FILE_BYTES = 64 * MB
"""Larger than any set of articles the readers accept (MAX_CHARS each), far below harm."""

_DOCUMENT_FIELDS = tuple(f.name for f in dataclasses.fields(Document))
_REQUIRED = ("name", "source", "text")
_LIMITS: dict[str, int | None] = {"name": MAX_NAME_CHARS, "source": MAX_NAME_CHARS, "text": None}
_SURROGATE = re.compile("[\ud800-\udfff]")


class StoreError(Exception):
    """A comparison file that cannot be read; `str(e)` is "<file name> <reason>"."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{Path(self.path).name} {self.reason}"


@dataclass(frozen=True)
class SavedSettings:
    """The comparison settings a file records. strictness: 0–1; model: None = bundled."""

    strictness: float = 0.5
    model: str | None = None
    sentences_per_line: bool = False


@dataclass(frozen=True)
class Saved:
    """What a `.narrdiff` file holds: documents and labels row for row."""

    documents: tuple[Document, ...]
    labels: tuple[str | None, ...]
    settings: SavedSettings = SavedSettings()
    manual: ManualLinks = ManualLinks()
    saved_with: str = ""


# --- writing ----------------------------------------------------------------------------------


def to_dict(
    documents: Sequence[Document],
    labels: Sequence[str | None],
    settings: SavedSettings,
    manual: ManualLinks,
) -> dict[str, Any]:
    """The file's content as JSON-ready data (format 1)."""
    from narrdiff import __version__

    labels = list(labels) + [None] * (len(documents) - len(labels))
    return {
        "narrdiff_file": FORMAT,
        "saved_with": __version__,
        "articles": [
            {**dataclasses.asdict(doc), "label": label}
            for doc, label in zip(documents, labels, strict=False)
        ],
        "settings": dataclasses.asdict(settings),
        "manual": {
            "added": [[list(a), list(b)] for a, b in manual.added],
            "removed": [[list(a), list(b)] for a, b in manual.removed],
        },
    }


def save(
    path: str | os.PathLike[str],
    documents: Sequence[Document],
    labels: Sequence[str | None],
    settings: SavedSettings,
    manual: ManualLinks | None = None,
) -> None:
    """Write a comparison file atomically; OutputError (an OSError) says why it could not be.

    Any lone surrogate left in a string becomes U+FFFD, so no text the app holds makes saving
    fail.
    """
    data = json.dumps(
        to_dict(documents, labels, settings, manual or ManualLinks()), ensure_ascii=False, indent=1
    )
    write_text(path, valid_text(data) + "\n")


# --- reading ----------------------------------------------------------------------------------


def load(path: str | os.PathLike[str]) -> Saved:
    """Read and check a comparison file; StoreError says why one cannot be used.

    Everything is checked against the format and narrdiff's limits before anything is built:
    the number of articles and hand-set links, every string's type, length and validity, each
    text as the readers check theirs, the settings' ranges.
    """
    source = str(path)
    data = _read_json(Path(path), source)
    version = data.get("narrdiff_file")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _damaged(source, "it has no narrdiff_file format number")
    if version > FORMAT:
        raise StoreError(
            source,
            f"was saved by a newer narrdiff (format {version}); this version reads format "
            f"{FORMAT}. Update narrdiff to open it.",
        )
    if version < 1:
        raise _damaged(source, f"format {version} does not exist")
    articles = data.get("articles")
    if isinstance(articles, list) and len(articles) > MAX_ARTICLES:
        raise StoreError(
            source,
            f"holds {len(articles):,} articles; narrdiff compares up to {MAX_ARTICLES} at once",
        )
    try:
        articles = _list(articles, "articles")
        manual = ManualLinks(
            *(_pairs(data.get("manual", {}), key, len(articles)) for key in ("added", "removed"))
        )
        documents = tuple(_document(item) for item in articles)
        labels = tuple(_label(item) for item in articles)
        settings = _settings(data.get("settings", {}))
    except (TypeError, ValueError, KeyError, AttributeError) as exc:
        raise _damaged(source, str(exc) or type(exc).__name__) from None
    saved_with = data.get("saved_with")
    saved_with = _cut(saved_with, MAX_HINT_CHARS) if _is_str(saved_with) else ""
    return Saved(documents, labels, settings, manual, saved_with)


def _damaged(source: str, detail: str) -> StoreError:
    return StoreError(source, f"is damaged or not a narrdiff file: {detail}")


def _read_json(file: Path, source: str) -> dict[str, Any]:
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise StoreError(
                source, f"is too large to be a narrdiff file (over {MAX_FILE_BYTES // MB} MB)"
            )
        raw = file.read_bytes()
    except FileNotFoundError:
        raise StoreError(source, "was not found") from None
    except IsADirectoryError:
        raise StoreError(source, "is a folder, not a narrdiff file") from None
    except OSError as exc:
        raise StoreError(source, f"cannot be read ({(exc.strerror or str(exc)).lower()})") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise _damaged(source, "it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _damaged(source, f"invalid JSON at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise _damaged(source, "it is nested too deeply") from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        raise _damaged(source, "it holds a number far too long to be real") from None
    if not isinstance(data, dict):
        raise _damaged(source, "it holds no comparison")
    return data


def _no_constant(name: str) -> None:
    raise ValueError(f"it holds {name}, which is not a number JSON allows")


def _is_str(value: object) -> bool:
    return isinstance(value, str)


def _list(value: object, what: str) -> list:
    if not isinstance(value, list):
        raise ValueError(f"“{what}” is not a list")
    return value


def _cut(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, as the readers cut what they find (with "…")."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _string(item: dict, key: str, limit: int | None) -> str | None:
    """A string field: checked for type and valid Unicode, cut to `limit` (if any); None if
    absent."""
    value = item.get(key)
    if value is None:
        return None
    if not _is_str(value):
        raise ValueError(f"an article's “{key}” is not text")
    if _SURROGATE.search(value):
        raise ValueError(f"an article's “{key}” holds characters that are not valid Unicode")
    return value if limit is None else _cut(value, limit)


def _document(item: object) -> Document:
    if not isinstance(item, dict):
        raise ValueError("an article is not an object")
    for key in _REQUIRED:
        if not _is_str(item.get(key)):
            raise ValueError(f"an article has no “{key}”")
    values = {
        key: _string(item, key, _LIMITS.get(key, MAX_HINT_CHARS))
        for key in _DOCUMENT_FIELDS
        if key in item
    }
    values["text"] = normalise_text(values["text"])
    try:
        check_text(values["text"], values["name"])
    except IngestError as exc:  # a hand-made file may hold what no reader would accept
        raise ValueError(f"article “{_cut(values['name'], 80)}” {exc.reason}") from None
    return Document(**values)


def _label(item: dict) -> str | None:
    label = _string(item, "label", MAX_NAME_CHARS) if _is_str(item.get("label")) else None
    return label.strip() or None if label else None


def _settings(value: object) -> SavedSettings:
    if not isinstance(value, dict):
        raise ValueError("“settings” is not an object")
    default = SavedSettings()
    strictness = value.get("strictness", default.strictness)
    if isinstance(strictness, bool) or not isinstance(strictness, (int, float)):
        raise ValueError("the strictness is not a number")
    if not 0.0 <= float(strictness) <= 1.0:
        raise ValueError("the strictness is not between 0 and 1")
    model = value.get("model")
    if _is_str(model) and (len(model) > MAX_NAME_CHARS or _SURROGATE.search(model)):
        raise ValueError("the model name is not a name")
    return SavedSettings(
        strictness=float(strictness),
        model=model if _is_str(model) and model.strip() else None,
        sentences_per_line=value.get("sentences_per_line") is True,
    )


def _pairs(manual: object, key: str, n_articles: int) -> tuple:
    """Ref pairs as stored, each naming an article the file holds; whether the sentences exist
    is compare's check (link/manual.py), once the texts are split."""
    if not isinstance(manual, dict):
        raise ValueError("“manual” is not an object")
    pairs = _list(manual.get(key, []), f"manual.{key}")
    if len(pairs) > MAX_MANUAL_LINKS:
        raise ValueError(
            f"it holds {len(pairs):,} links in manual.{key}; narrdiff keeps up to "
            f"{MAX_MANUAL_LINKS:,}"
        )
    out = []
    for pair in pairs:
        refs = _list(pair, f"manual.{key} pair")
        if len(refs) != 2 or any(not isinstance(r, list) or len(r) != 2 for r in refs):
            raise ValueError(
                f"a manual.{key} entry is not [[article, sentence], [article, sentence]]"
            )
        if any(isinstance(v, bool) or not isinstance(v, int) for r in refs for v in r):
            raise ValueError(f"a manual.{key} entry holds something other than whole numbers")
        if any(not 0 <= r[0] < n_articles or not 0 <= r[1] <= MAX_CHARS for r in refs):
            raise ValueError(f"a manual.{key} entry names an article or sentence it does not hold")
        out.append(((refs[0][0], refs[0][1]), (refs[1][0], refs[1][1])))
    return tuple(out)
