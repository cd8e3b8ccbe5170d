"""Comparison → CSV tables for spreadsheets: coverage (one row per fact) and links (one per link).

Two tables, two files, because their columns differ and a spreadsheet user wants one clean
table per sheet rather than one file with a `table` column to filter on:

coverage  fact (= group index + 1, the "Fact N" of the HTML report), excerpt (of the fact's first
          sentence), outlets (how many report it), then per article two columns:
          "<outlet>" (present / related / absent, or "possibly" where an unlinked sentence
          there is a near match: framing/nearby.py) and "<outlet> text" (its sentences in the
          group, one per line).
links     article_a, sentence_a, article_b, sentence_b (0-based, as in the JSON report),
          outlet_a, outlet_b, text_a, text_b, score, strength (same / related), manual (yes/no),
          changes ("a → b [tags]" per change, one per line), tags (all tags, comma-separated).

`write_csv(comparison, path)` writes the coverage table to `path` and the links table beside it
as `<stem>-links.csv`. Files are UTF-8 with a byte-order mark, so Excel reads curly quotes
correctly; LibreOffice and the csv module ignore the mark.

A cell that would start with = + - @ (or a tab/CR) gets a leading apostrophe: article text is
untrusted, and spreadsheets run such cells as formulas ("CSV injection"). Only reads a
Comparison; no Qt.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from narrdiff.core.model import Comparison, Link, excerpt
from narrdiff.core.output import write_text
from narrdiff.core.report.htmlpage import labels

EXCERPT_CHARS = 110
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def coverage_csv(comparison: Comparison) -> str:
    """The coverage table (see the module docstring) as CSV text."""
    names = labels(comparison)
    header = ["fact", "excerpt", "outlets"]
    for name in names:
        header += [name, f"{name} text"]
    rows = [header]
    for n, group in enumerate(comparison.groups, 1):
        first = comparison.sentence(group.members[0]).text
        row = [str(n), _excerpt(first), str(len(group.articles()))]
        near = {m for ref in group.members for m in comparison.possibly_also_in(ref)}
        for k, state in enumerate(comparison.presence(group)):
            # an unlinked near match elsewhere: "absent" would be a claim narrdiff cannot make
            state = "possibly" if k in near and state == "absent" else state
            texts = [comparison.sentence(ref).text for ref in group.members if ref[0] == k]
            row += [state, "\n".join(texts)]
        rows.append(row)
    return _to_csv(rows)


def links_csv(comparison: Comparison) -> str:
    """The links table (see the module docstring) as CSV text."""
    names = labels(comparison)
    rows = [
        [
            "article_a", "sentence_a", "article_b", "sentence_b", "outlet_a", "outlet_b",
            "text_a", "text_b", "score", "strength", "manual", "changes", "tags",
        ]
    ]  # fmt: skip
    for link in comparison.links:
        (a, i), (b, j) = link.a, link.b
        tags = sorted({t for c in link.changes for t in c.tags})
        rows.append(
            [
                str(a), str(i), str(b), str(j), names[a], names[b],
                comparison.sentence(link.a).text, comparison.sentence(link.b).text,
                f"{link.score:.4f}", link.strength, "yes" if link.manual else "no",
                _changes(link), ", ".join(tags),
            ]
        )  # fmt: skip
    return _to_csv(rows)


def links_path(path: str | Path) -> Path:
    """Where write_csv puts the links table for a coverage file at `path`: `<stem>-links.csv`."""
    path = Path(path)
    return path.with_name(f"{path.stem}-links.csv")


def write_csv(comparison: Comparison, path: str | Path) -> tuple[Path, Path]:
    """Write the coverage CSV to `path` and the links CSV beside it; return both paths."""
    coverage, links = Path(path), links_path(path)
    # newline="" keeps the csv module's \r\n row ends and the in-cell \n as they are
    write_text(coverage, coverage_csv(comparison), encoding="utf-8-sig", newline="")
    write_text(links, links_csv(comparison), encoding="utf-8-sig", newline="")
    return coverage, links


def _changes(link: Link) -> str:
    lines = []
    for change in link.changes:
        tags = f" [{', '.join(change.tags)}]" if change.tags else ""
        lines.append(f"{change.a or '(nothing)'} → {change.b or '(nothing)'}{tags}")
    return "\n".join(lines)


def _excerpt(text: str) -> str:
    return excerpt(text, EXCERPT_CHARS)


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _to_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([[_safe(cell) for cell in row] for row in rows])
    return out.getvalue()
