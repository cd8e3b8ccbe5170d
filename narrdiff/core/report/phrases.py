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
