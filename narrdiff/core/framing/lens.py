"""The framing stage in order: tag each link's changes, then find the findings, then list sources.

The one entry point of `narrdiff.core.framing`; the pipeline calls `apply` and nothing else here.
Pure: it reads a Comparison and returns a new one, never calls an encoder or touches Qt.
"""

from __future__ import annotations

from dataclasses import replace

from narrdiff.core.framing.attribution import article_sources
from narrdiff.core.framing.findings import find_findings
from narrdiff.core.framing.tags import tag_link, tagged_changes
from narrdiff.core.model import Change, Comparison


def apply(comparison: Comparison) -> Comparison:
    """The comparison with tagged changes, findings and sources (pure; fast on stored data)."""
    links = tuple(tag_link(comparison, link) for link in comparison.links)
    tagged = replace(comparison, links=links)
    sources = tuple(article_sources(article) for article in comparison.articles)
    return replace(tagged, findings=tuple(find_findings(tagged)), sources=sources)


def prepare_pair(text_a: str, text_b: str, changes: tuple[Change, ...]) -> None:
    """Tag a pair's changes ahead of time (memoised), so a later re-link that links it is quick."""
    tagged_changes(text_a, text_b, changes)
