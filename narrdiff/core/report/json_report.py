"""Comparison → the JSON report of contract v1 (DESIGN.md).

The JSON keeps the contract's field names and meanings; fields may be added, never renamed.
Added: top-level "findings" ({kind, article, sentence, text, message, evidence, shown,
hidden_reason}), "articles[].sources", "articles[].only_here" (the adds stated as only here),
"articles[].sentences[].possibly_also_in" (articles that possibly report an add too),
"changes[].reasons" (one per tag), "links[].manual" (set by hand).
Writers here only read a Comparison: they compute no links and call no encoder.
"""

from __future__ import annotations

import json
from typing import Any

from narrdiff.core import bulk
from narrdiff.core.model import Change, Comparison, Finding, Link
from narrdiff.core.report.phrases import finding_message

REPORT_VERSION = 1


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
        "findings": [_finding(comparison, f) for f in comparison.findings],
    }


def to_json(comparison: Comparison, *, indent: int | None = 1) -> str:
    with bulk.building():  # one dict per link, change and sentence
        return json.dumps(to_dict(comparison), ensure_ascii=False, indent=indent)


def _article(comparison: Comparison, k: int) -> dict[str, Any]:
    art = comparison.articles[k]
    return {
        "name": art.name,
        "source": art.source,
        "outlet": art.outlet,
        "headline": art.headline,
        "sentences": [
            {
                "text": s.text,
                "role": s.role,
                "start": s.start,
                "end": s.end,
                "possibly_also_in": list(comparison.possibly_also_in((k, i))),
            }
            for i, s in enumerate(art.sentences)
        ],
        "adds": comparison.adds(k),
        "only_here": comparison.only_here(k),
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


def _finding(comparison: Comparison, finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "article": finding.article,
        "sentence": finding.sentence,
        "text": finding.text,
        "message": finding_message(comparison, finding),
        "evidence": [list(ref) for ref in finding.evidence],
        "shown": finding.shown,
        "hidden_reason": finding.hidden_reason,
    }


# --- plain text ---------------------------------------------------------------------------
