"""The phrase book: how every report says a finding, a change, a reworded pair or an add.

The JSON, text, HTML, CSV and worksheet writers and the app's views all phrase these the same
way by calling here, and all state the same things: only the findings `stated_findings` gives
(kinds judged precise enough, framing/policy.py) and "only here" only for adds with no near match
elsewhere (others are "possibly also in X"). Outlets are named by their labels at the moment of
rendering, so a renamed outlet reaches every view and report. Pure functions of a Comparison; no
writer logic and no I/O.
"""

from __future__ import annotations

from narrdiff.core.diff import wording
from narrdiff.core.model import Change, Comparison, Finding, Link


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 fact", "2 facts": a count with its noun in the right number."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def comparison_summary(comparison: Comparison) -> str:
    """One line on what a comparison found, for the status bar."""
    return (
        f"Compared {counted(len(comparison.articles), 'article')}: "
        f"{counted(len(comparison.shared_groups()), 'fact')} shared, "
        f"{counted(len(comparison.links), 'linked sentence pair')}."
    )


def finding_message(comparison: Comparison, finding: Finding) -> str:
    """The finding in plain words, naming the outlets by their current labels."""
    return finding.render(comparison.labels())


def stated_findings(comparison: Comparison) -> list[Finding]:
    """The findings every view and report states (most important first); the others stay tags."""
    return [f for f in comparison.findings if f.shown]


def possibly_also(comparison: Comparison, article: int, sentence: int) -> str | None:
    """What to say of an add that is not called "only here": "possibly also in The Times and
    The Post" (a near match there), or "nothing in it to check" (no name, number or date).
    None for an add that is only here, or for a sentence that is no add."""
    ref = (article, sentence)
    if ref not in dict(comparison.near):
        return None
    others = comparison.possibly_also_in(ref)
    if not others:
        return "no name, number or date to check it by"
    labels = comparison.labels()
    names = [labels[k] for k in others]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"possibly also in {joined}"


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
        # "only here" is said only where no other article has a near match (framing/nearby.py)
        near = possibly_also(comparison, *comparison.groups[group].members[0])
        return f"In {names[carriers[0]]}; {near}" if near else f"Only in {names[carriers[0]]}"
    if "present" not in presence:  # no two report it the same way
        return f"Loosely related in {len(carriers)} of {len(presence)} {noun}"
    if len(carriers) == len(presence):
        return (
            f"Reported by all {len(presence)} {noun}" if len(presence) > 2 else "Reported by both"
        )
    return f"Reported by {len(carriers)} of {len(presence)} {noun}"
