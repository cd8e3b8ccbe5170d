"""Which finding kinds narrdiff states, and why the others stay inspector tags.

Rule (precision first): a kind is *shown* (the Framing tab, the column labels, every report)
only while its precision judged on the development stories (bench/judged: all 24 real stories
and the samples; scored by bench/truth.py --stories all) is at least MIN_PRECISION over at
least MIN_JUDGED judged findings. Below that its findings are kept with `shown=False` and a
reason: the JSON lists them with "shown": false, and their words stay tagged in the inspector,
but no view or report reads them out.

`JUDGED` holds the figures the rule was applied to; re-measure with `bench/truth.py` and update
them here (and in the README's list of shown kinds) when the finders change. This module is the
one place that decides; it reads nothing but its table, and must not import Qt or the encoder.
"""

from __future__ import annotations

from dataclasses import replace

from narrdiff.core.model import Finding, FindingKind

MIN_PRECISION = 0.9
"""Share (0–1) of judged findings of a kind that must be correct for the kind to be shown."""
MIN_JUDGED = 1
"""A kind never judged stays hidden. Three shown kinds rest on one or two judged findings (the
finders became strict enough to fire rarely on the dev stories): see bench/README.md."""

JUDGED: dict[str, tuple[int, int]] = {
    # kind: (correct, judged) of all its findings, stated or not, on all 24 judged stories and
    # the samples (bench/truth.py --stories all, 2 December 2026, second round: the 12 stories
    # first held out were judged, then used for tuning, so all 24 are development now)
    FindingKind.HEADLINE_UNSUPPORTED: (0, 2),
    FindingKind.HEADLINE_UNSUPPORTED_TERM: (1, 1),
    FindingKind.TERM_SWAP: (1, 1),
    FindingKind.HEDGE_DIFFERENCE: (5, 5),
    FindingKind.ATTRIBUTION_DIFFERENCE: (4, 18),
    FindingKind.NUMBER_MISMATCH: (0, 5),
    FindingKind.QUOTE_VS_PARAPHRASE: (9, 13),
    FindingKind.LOADED_WORD: (2, 6),
    FindingKind.QUOTE_ONLY_HERE: (96, 97),
}


def hidden_reason(kind: str) -> str:
    """Why a kind is not stated ("" when it is shown)."""
    correct, judged = JUDGED.get(kind, (0, 0))
    if judged < MIN_JUDGED:
        return f"too few judged examples ({judged}) to know how often it is right"
    if correct < MIN_PRECISION * judged:
        return f"right in only {correct} of {judged} judged cases"
    return ""


def shown_kinds() -> list[str]:
    """The kinds every view and report states, in listing order."""
    return [kind for kind in FindingKind if not hidden_reason(kind)]


def apply_policy(findings: list[Finding]) -> list[Finding]:
    """The findings with `shown` and `hidden_reason` set by the rule above."""
    out = []
    for finding in findings:
        reason = hidden_reason(finding.kind)
        out.append(replace(finding, shown=not reason, hidden_reason=reason))
    return out
