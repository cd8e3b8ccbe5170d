"""Comparison → report: the JSON of contract v1 (DESIGN.md) and a plain-text summary.

The JSON keeps the contract's field names and meanings; fields may be added, never renamed.
Added: top-level "findings" ({kind, article, sentence, text, message, evidence}),
"articles[].sources", "changes[].reasons" (one per tag), "links[].manual" (set by hand). The
text report opens with the findings, then each article's sources.
Writers here only read a Comparison: they compute no links and call no encoder.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from . import wording
from .model import Change, Comparison, Finding, Group, Link, excerpt

REPORT_VERSION = 1
EXCERPT_CHARS = 90


def to_dict(comparison: Comparison) -> dict[str, Any]:
    """The report as plain JSON-ready data (contract v1, plus documented extra fields)."""
    options = comparison.options
    return {
        "narrdiff_report": REPORT_VERSION,
        "encoder": comparison.encoder,
        "strictness": getattr(options, "strictness", None),
        "warnings": list(comparison.warnings),
        "articles": [_article(comparison, k) for k in range(len(comparison.articles))],
        "links": [_link(link) for link in comparison.links],
        "groups": [{"members": [list(ref) for ref in g.members]} for g in comparison.groups],
        "findings": [_finding(f) for f in comparison.findings],
    }


def to_json(comparison: Comparison, *, indent: int | None = 1) -> str:
    return json.dumps(to_dict(comparison), ensure_ascii=False, indent=indent)


def _article(comparison: Comparison, k: int) -> dict[str, Any]:
    art = comparison.articles[k]
    return {
        "name": art.name,
        "source": art.source,
        "outlet": art.outlet,
        "headline": art.headline,
        "sentences": [
            {"text": s.text, "role": s.role, "start": s.start, "end": s.end} for s in art.sentences
        ],
        "adds": comparison.adds(k),
        "omits": comparison.omitted_indices(k),
        "sources": list(comparison.sources[k]) if k < len(comparison.sources) else [],
    }


def _link(link: Link) -> dict[str, Any]:
    return {
        "a": list(link.a),
        "b": list(link.b),
        "score": link.score,
        "strength": link.strength,
        "manual": link.manual,
        "changes": [_change(c) for c in link.changes],
    }


def _change(change: Change) -> dict[str, Any]:
    return {
        "a": change.a,
        "b": change.b,
        "tags": list(change.tags),
        "reasons": list(change.reasons),
        "kind": change.kind,
        "a_span": [change.a_start, change.a_end],
        "b_span": [change.b_start, change.b_end],
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "article": finding.article,
        "sentence": finding.sentence,
        "text": finding.text,
        "message": finding.message,
        "evidence": [list(ref) for ref in finding.evidence],
    }


# --- plain text ---------------------------------------------------------------------------


def to_text(comparison: Comparison, *, width: int = 100) -> str:
    """A terminal summary: framing findings, each article's sources, what each adds and omits,
    then the linked pairs."""
    lines: list[str] = []
    lines += _header(comparison)
    lines += _findings(comparison, width)
    lines += _sources(comparison, width)
    for k in range(len(comparison.articles)):
        lines += _article_summary(comparison, k, width)
    lines += _linked_pairs(comparison, width)
    return "\n".join(lines).rstrip() + "\n"


def _excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    return excerpt(text, limit)


def _labels(comparison: Comparison) -> list[str]:
    return comparison.labels()


def _header(comparison: Comparison) -> list[str]:
    labels = _labels(comparison)
    shared = comparison.shared_groups()
    lines = [
        f"narrdiff: {len(comparison.articles)} articles, "
        f"{len(comparison.links)} linked sentence pairs, "
        f"{len(shared)} facts reported by more than one outlet (encoder: {comparison.encoder})"
    ]
    for k, art in enumerate(comparison.articles):
        headline = f" — “{art.headline}”" if art.headline else ""
        lines.append(f"  {chr(65 + k)}. {labels[k]}{headline}  ({art.source})")
    lines += [f"warning: {w}" for w in comparison.warnings]
    return lines + [""]


def _findings(comparison: Comparison, width: int) -> list[str]:
    if not comparison.findings:
        return []
    lines = ["== How the reports frame the story differently"]
    for n, finding in enumerate(comparison.findings, 1):
        lines += textwrap.wrap(
            finding.message, width, initial_indent=f"  {n}. ", subsequent_indent="     "
        )
    return lines + [""]


def _sources(comparison: Comparison, width: int) -> list[str]:
    if not any(comparison.sources):
        return []
    labels = _labels(comparison)
    lines = ["== Sources"]
    for k, names in enumerate(comparison.sources):
        listed = "; ".join(names) if names else "no named source"
        lines += textwrap.wrap(
            f"{labels[k]}. Quotes or cites: {listed}",
            width,
            initial_indent="  ",
            subsequent_indent="    ",
        )
    return lines + [""]


def _article_summary(comparison: Comparison, k: int, width: int) -> list[str]:
    labels = _labels(comparison)
    art = comparison.articles[k]
    adds = comparison.adds(k)
    omits = comparison.omits(k)
    lines = [f"== {labels[k]}: adds {len(adds)}, omits {len(omits)}"]
    if adds:
        lines.append("  Only here:")
        lines += _bullets([art.sentences[i].text for i in adds], width)
    if omits:
        lines.append("  Missing here (reported by others):")
        lines += _bullets([_group_line(comparison, g, labels) for g in omits], width)
    return lines + [""]


def _group_line(comparison: Comparison, group: Group, labels: list[str]) -> str:
    first = group.members[0]
    others = sorted({labels[a] for a in group.articles()})
    return f"{_excerpt(comparison.sentence(first).text)} ({', '.join(others)})"


def _bullets(items: list[str], width: int) -> list[str]:
    out = []
    for item in items:
        out += textwrap.wrap(item, width, initial_indent="    - ", subsequent_indent="      ")
    return out


def _linked_pairs(comparison: Comparison, width: int) -> list[str]:
    labels = _labels(comparison)
    lines = ["== Linked sentences and how their wording differs"]
    for link in comparison.links:
        (a, i), (b, j) = link.a, link.b
        lines.append(f"  [{link.strength} {link.score:.2f}]")
        lines += textwrap.wrap(
            comparison.sentence(link.a).text,
            width,
            initial_indent=f"    {chr(65 + a)}{i}: ",
            subsequent_indent="        ",
        )
        lines += textwrap.wrap(
            comparison.sentence(link.b).text,
            width,
            initial_indent=f"    {chr(65 + b)}{j}: ",
            subsequent_indent="        ",
        )
        lines += _change_lines(comparison, link, labels[a], labels[b], width)
    return lines


def _change_lines(comparison: Comparison, link: Link, label_a: str, label_b: str, width: int):
    if not link.changes:
        return ["      (same wording)"]
    if reworded_throughout(comparison, link):
        out = ["      (worded differently throughout)"]
        seen: set[tuple[str, str]] = set()
        for change in link.changes:
            pairs = [p for p in zip(change.tags, change.reasons, strict=False) if p not in seen]
            seen.update(pairs)
            out += _reason_lines(pairs, width)
        return out
    out = []
    for change in link.changes:
        out += textwrap.wrap(
            describe_change(change, label_a, label_b),
            width,
            initial_indent="      ",
            subsequent_indent="        ",
        )
        out += _reason_lines(list(zip(change.tags, change.reasons, strict=False)), width)
    return out


def _reason_lines(pairs: list[tuple[str, str]], width: int) -> list[str]:
    """One line per framing tag: the tag and why (the reasons travel with the tags)."""
    out = []
    for tag, reason in pairs:
        out += textwrap.wrap(
            f"{tag}: {reason}", width, initial_indent="        · ", subsequent_indent="          "
        )
    return out


def reworded_throughout(comparison: Comparison, link: Link, share: float = 0.7) -> bool:
    """Whether a link's two sentences differ nearly throughout (see wording.reworded_throughout)."""
    text_a, text_b = comparison.sentence(link.a).text, comparison.sentence(link.b).text
    return wording.reworded_throughout(link.changes, text_a, text_b, share)


def describe_change(change: Change, label_a: str, label_b: str) -> str:
    """One line a reader understands: which outlet has which words."""
    tags = f" [{', '.join(change.tags)}]" if change.tags else ""
    if change.kind == "insert":
        return f"+ only {label_b}: “{change.b}”{tags}"
    if change.kind == "delete":
        return f"- only {label_a}: “{change.a}”{tags}"
    return f"~ {label_a} “{change.a}” / {label_b} “{change.b}”{tags}"
