"""The framing stage in order: tag each link's changes, find the findings and decide which are
stated (policy), find the near matches of adds, then list sources.

The one entry point of `narrdiff.core.framing`; the pipeline calls `apply` and nothing else here.
Pure: it reads a Comparison and returns a new one, never calls an encoder or touches Qt.
"""

from __future__ import annotations

from dataclasses import replace

from narrdiff.core.framing.attribution import article_sources
from narrdiff.core.framing.findings import find_findings
from narrdiff.core.framing.nearby import near_matches
from narrdiff.core.framing.policy import apply_policy
from narrdiff.core.framing.tags import tag_link, tagged_changes
from narrdiff.core.model import Change, Comparison


def apply(comparison: Comparison) -> Comparison:
    """The comparison with tagged changes, findings, near matches of adds and sources (pure;
    fast on stored data)."""
    links = tuple(tag_link(comparison, link) for link in comparison.links)
    tagged = replace(comparison, links=links)
    sources = tuple(article_sources(article) for article in comparison.articles)
    findings = tuple(apply_policy(find_findings(tagged)))
    return replace(tagged, findings=findings, sources=sources, near=near_matches(tagged))


def prepare_pair(text_a: str, text_b: str, changes: tuple[Change, ...]) -> None:
    """Tag a pair's changes ahead of time (memoised), so a later re-link that links it is quick."""
    tagged_changes(text_a, text_b, changes)
