"""What each sentence of a column shows: its status and the marked words, read off a Comparison.

Pure functions of the Comparison (no widgets): a sentence's kind (adds = only here; possibly =
unlinked but not called only here, core/framing/nearby.py; linked, related, boilerplate,
furniture), the words that differ from its strongest partner with the framing tags of those
changes, and the words each stated framing finding is about. The views paint these marks; the
presentation slides reuse them. Nothing here decides a link or a tag.
"""

from __future__ import annotations

from dataclasses import dataclass

from narrdiff.core.model import BOILERPLATE, RELATED, Comparison, Ref


@dataclass(frozen=True)
class Mark:
    """Wording of this sentence that differs from a partner: a span, its framing tags and why."""

    start: int
    end: int
    tags: tuple[str, ...] = ()
    tip: str = ""
    tint: bool = True  # False inside pairs reworded throughout: only the tag label shows


@dataclass(frozen=True)
class SentenceStatus:
    """How one sentence shows: its kind and the marked wording that differs from its partners."""

    kind: str  # "adds", "possibly", "linked", "related", "boilerplate", "furniture"
    changed: tuple[Mark, ...] = ()


def sentence_statuses(comparison: Comparison, article: int) -> list[SentenceStatus]:
    """Per sentence of `article`, its status, read off the Comparison's links and groups."""
    art = comparison.articles[article]
    adds = set(comparison.adds(article))
    only = set(comparison.only_here(article))
    out = []
    for i, sentence in enumerate(art.sentences):
        if sentence.role == BOILERPLATE:
            out.append(SentenceStatus("boilerplate"))
        elif not sentence.linkable:
            out.append(SentenceStatus("furniture"))
        elif i in only:
            out.append(SentenceStatus("adds"))
        elif i in adds:
            # unlinked, but another article has a near match: not claimed as "only here"
            out.append(SentenceStatus("possibly"))
        else:
            links = comparison.links_of((article, i))
            spans = _changed_spans(comparison, (article, i), links)
            related = links and all(link.strength == RELATED for link in links)
            out.append(SentenceStatus("related" if related else "linked", spans))
    return _with_findings(comparison, article, out)


# Short labels for the findings drawn in the columns (the Framing tab has the long ones).
FINDING_MARKS = {
    "headline_unsupported_term": "not in any body",
    "headline_unsupported": "unsupported",
    "term_swap": "term",
    "number_mismatch": "number",
    "attribution_difference": "attribution",
    "hedge_difference": "hedge",
    "loaded_word": "loaded",
    "quote_only_here": "quote only here",
    "quote_vs_paraphrase": "quote",
}


def _with_findings(comparison: Comparison, article: int, statuses: list[SentenceStatus]):
    """Mark the words each framing finding is about; they replace change marks they overlap.

    Findings are the core's precision-first verdicts, so they are what the columns label most
    plainly: the tag names the kind and the tooltip reads the finding's message.
    """
    labels = comparison.labels()
    for finding in comparison.findings:
        if not finding.shown:
            continue  # a kind not precise enough to state stays the change's plain tag
        if finding.article != article or finding.sentence >= len(statuses):
            continue
        text = comparison.articles[article].sentences[finding.sentence].text
        label = FINDING_MARKS.get(finding.kind, finding.kind.replace("_", " "))
        new = [
            Mark(start, end, (label,), finding.render(labels), True)
            for start, end in _finding_spans(text, finding.text)
        ]
        status = statuses[finding.sentence]
        kept = [m for m in status.changed if all(m.end <= n.start or m.start >= n.end for n in new)]
        statuses[finding.sentence] = SentenceStatus(
            status.kind, tuple(sorted(kept + new, key=lambda m: (m.start, -m.end)))
        )
    return statuses


def _finding_spans(text: str, words: str) -> list[tuple[int, int]]:
    """Where a finding's words stand in its sentence: the whole phrase, else each listed part."""
    if not words:
        return []
    start = text.find(words)
    if start >= 0:
        return [(start, start + len(words))]
    spans = []
    for part in words.split(", "):
        start = text.find(part)
        if part and start >= 0:
            spans.append((start, start + len(part)))
    return spans


# A tag label is drawn only on a span this short: on a longer one the reader cannot tell which
# words it is about (the inspector lists every tag of every pair with its reason).
LABEL_MAX_WORDS = 12


def _changed_spans(comparison: Comparison, ref: Ref, links) -> tuple[Mark, ...]:
    """Marks for this sentence's side of the changes against its strongest partner.

    Only the strongest partner: a union over every partner would tint nearly everything of a
    sentence linked to both a headline and a lead, and would hang other pairs' tag labels on
    words they are not about. The inspector shows every pair in full.
    """
    from narrdiff.core.report.phrases import reworded_throughout

    best = max(links, key=lambda link: link.score, default=None)
    if best is None:
        return ()
    throughout = reworded_throughout(comparison, best)
    mine = best.a == ref
    text = comparison.sentence(ref).text
    marks = []
    for change in best.changes:
        start, end = (change.a_start, change.a_end) if mine else (change.b_start, change.b_end)
        words = text[start:end].split()
        # a label belongs on words that carry meaning, not on a lone "and" opposite a quote
        short = len(words) <= LABEL_MAX_WORDS and any(len(w) > 3 for w in words)
        tags = tuple(change.tags) if short else ()
        if end <= start or (throughout and not tags):
            continue  # a sentence-long tint says nothing; the inspector shows the pair
        tip = "\n".join(getattr(change, "reasons", ()) or ())
        marks.append(Mark(start, end, tags, tip, not throughout))
    return tuple(_without_overlaps(sorted(marks, key=lambda m: (m.start, -m.end))))


def _without_overlaps(marks: list[Mark]) -> list[Mark]:
    """Drop marks that start inside an earlier one (several partners can overlap)."""
    out: list[Mark] = []
    for mark in marks:
        if out and mark.start < out[-1].end:
            continue
        out.append(mark)
    return out
