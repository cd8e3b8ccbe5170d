"""The phrase book: how every report says a change or a reworded pair, in one place.

The JSON, text, HTML, CSV and worksheet writers and the app's views all phrase these the same
way by calling here. Pure functions of a Comparison; no writer logic and no I/O.
"""

from __future__ import annotations

from narrdiff.core.diff import wording
from narrdiff.core.model import Change, Comparison, Link


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


def fact_heading(comparison: Comparison, group: int, names: list[str], noun: str) -> str:
    """Who reports a fact, as every view heads it: "Only in The Independent", "Reported by
    both", "Reported by all 3 outlets", "Reported by 2 of 3 articles" or, when no two report it
    the same way, "Loosely related in 2 of 2 articles". `noun` is "outlets" or "articles"."""
    presence = comparison.presence(comparison.groups[group])
    carriers = [k for k, state in enumerate(presence) if state != "absent"]
    if len(carriers) == 1:
        return f"Only in {names[carriers[0]]}"
    if "present" not in presence:  # no two report it the same way
        return f"Loosely related in {len(carriers)} of {len(presence)} {noun}"
    if len(carriers) == len(presence):
        return (
            f"Reported by all {len(presence)} {noun}" if len(presence) > 2 else "Reported by both"
        )
    return f"Reported by {len(carriers)} of {len(presence)} {noun}"
