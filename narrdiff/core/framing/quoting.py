"""Quotation findings: what one outlet quotes that no other quotes or paraphrases closely.

`quote_only_findings` gives "Only X quotes Y: “…”" for quotations of one article whose content
words no other article's linkable sentences carry (QUOTE_FOUND_SHARE of them); the helpers here
(the quotation's own cues, its speaker, a short excerpt) are shared with the quote-versus-
paraphrase finding in findings.py. Pure: reads a Comparison, never calls an encoder or Qt.
"""

from __future__ import annotations

from narrdiff.core.framing.cues import SentenceFacts, sentence_facts
from narrdiff.core.model import Comparison, Finding, Ref

MIN_QUOTE_WORDS = 4
"""A quotation shorter than this many words ("a shambles") is no finding of its own."""
QUOTE_FOUND_SHARE = 0.6
"""A quotation counts as carried elsewhere when this share (0-1) of its stems is there."""
MAX_QUOTE_ONLY = 3
"""At most this many quote_only_here findings per article (its first quotations)."""


def quoted_stems(comparison: Comparison) -> dict[int, list[frozenset[str]]]:
    """Per article, the content stems of each quotation in its linkable sentences."""
    out: dict[int, list[frozenset[str]]] = {}
    for k, art in enumerate(comparison.articles):
        for sentence in art.sentences:
            if not sentence.linkable:
                continue
            facts = sentence_facts(sentence.text)
            out.setdefault(k, []).extend(quote_facts(facts, s, e).stems for s, e in facts.quotes)
    return out


def found(stems: frozenset[str], other: frozenset[str]) -> bool:
    """At least QUOTE_FOUND_SHARE of a quotation's stems are in `other`."""
    return bool(stems) and len(stems & other) >= QUOTE_FOUND_SHARE * len(stems)


def quote_only_findings(comparison: Comparison, labels, earlier: list[Finding]) -> list[Finding]:
    """Quotations of one article that no other article quotes or paraphrases closely."""
    covered = {(f.article, f.sentence) for f in earlier if f.kind == "quote_vs_paraphrase"}
    out = []
    for k, art in enumerate(comparison.articles):
        mine: list[Finding] = []
        for i, sentence in enumerate(art.sentences):
            if sentence.linkable and (k, i) not in covered:
                mine += __lonely_quotes(comparison, (k, i), labels)
        out += mine[:MAX_QUOTE_ONLY]
    return out


def __lonely_quotes(comparison: Comparison, ref: Ref, labels) -> list[Finding]:
    facts = sentence_facts(comparison.sentence(ref).text)
    if not facts.quotes:
        return []  # most sentences quote nobody; gathering the others' facts cost 0.5 s on 20
    others = [
        sentence_facts(s.text)
        for k, art in enumerate(comparison.articles)
        if k != ref[0]
        for s in art.sentences
        if s.linkable
    ]
    out = []
    for start, end in facts.quotes:
        quote = quote_facts(facts, start, end)
        if len(quote.words) < MIN_QUOTE_WORDS or not quote.stems:
            continue
        if any(len(quote.stems & o.stems) >= QUOTE_FOUND_SHARE * len(quote.stems) for o in others):
            continue
        named = speaker(facts)
        who = f" {named}" if named else ""
        message = ("Only ", ref[0], f" quotes{who}: “{excerpt(quote.text)}”.")
        out.append(Finding("quote_only_here", ref[0], ref[1], quote.text, message, (ref,)))
    return out


def quote_facts(facts: SentenceFacts, start: int, end: int) -> SentenceFacts:
    return sentence_facts(facts.text[start:end].strip().rstrip(",.;:"))


def speaker(facts: SentenceFacts) -> str | None:
    """The first named source of a sentence that is not a belief ("officials believe")."""
    named = [a.source for a in facts.attributions if a.force != "belief"]
    return named[0] if named else None


def excerpt(text: str, limit: int = 140) -> str:
    """The text, or its first words up to `limit` characters and "…" (never a cut word)."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + " …"
