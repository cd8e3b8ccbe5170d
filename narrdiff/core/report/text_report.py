"""Comparison → the plain-text report: findings, sources, each article's adds and omits, then
every linked pair with its wording changes.

It only reads a Comparison: it computes no links and calls no encoder. Phrases shared with the
other writers come from `narrdiff.core.report.phrases`.
"""

from __future__ import annotations

import textwrap

from narrdiff.core.model import Comparison, Group, Link, excerpt
from narrdiff.core.report.phrases import (
    describe_change,
    finding_message,
    possibly_also,
    reworded_throughout,
    stated_findings,
)

EXCERPT_CHARS = 90


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
    stated = stated_findings(comparison)
    if not stated:
        return []
    lines = ["== How the reports frame the story differently"]
    for n, finding in enumerate(stated, 1):
        lines += textwrap.wrap(
            finding_message(comparison, finding),
            width,
            initial_indent=f"  {n}. ",
            subsequent_indent="     ",
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
    only = comparison.only_here(k)
    omits = comparison.omits(k)
    lines = [f"== {labels[k]}: adds {len(adds)}, omits {len(omits)}"]
    if only:
        lines.append("  Only here:")
        lines += _bullets([art.sentences[i].text for i in only], width)
    near = [i for i in adds if i not in only]
    if near:
        lines.append("  Not linked, but not called only here:")
        texts = [f"{art.sentences[i].text} ({possibly_also(comparison, k, i)})" for i in near]
        lines += _bullets(texts, width)
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
