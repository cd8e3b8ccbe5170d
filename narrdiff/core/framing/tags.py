"""Typed changes: which framing differences each word-level change of a linked pair carries.

Rules (a change may carry several tags; each comes with one plain reason in `Change.reasons`)
-----
quote        the change touches a quotation on one side only (a quotation against a
             paraphrase), or different quoted words on both. A change inside quotations gets
             no term or loaded tag, and quoted words never count toward a term swap: they are
             the speaker's words, not the outlet's choice.
number       a number, amount or date on one side of the change whose value the other sentence
             does not hold anywhere ("three" = "3"; "40 families" / "Forty families" is none).
attribution  a source or reporting verb in the change with no counterpart in the other sentence:
             another source (by head noun: "a US official" = "officials"), none at all, or the
             same source with a reporting verb of another force ("said" / "claimed").
             Belief verbs ("officials believe") count as hedges, not as a force difference.
hedge        a hedge in the change whose kind (possibility, hearsay, belief, likelihood) the other
             sentence lacks. The same kind of hedge on both sides is no difference.
loaded       a loaded word (resources/loaded_words.txt) in the change that the other sentence
             does not use.
term         content words swapped for others. Words found anywhere in the other sentence
             (reordering), synonyms of the resources table ("Moscow" / "Russia", "UN" /
             "United Nations"), numbers, hedges and attributions are set aside first; both sides
             must keep content words. In a short change (at most SHORT_WORDS content words left
             a side) the swap is the changed phrase; in a longer one only specific evidence is
             named: an epithet swap ("pariah regimes" / "the isolated state") or a compound
             swap ("Iranian-made" / "Iranian-manufactured"); otherwise no term tag.

`apply()` is the entry point: it tags every link's changes and adds findings and sources to a
Comparison. Findings are built in core/findings.py and core/headline.py; sources in
core/sources.py.

Glossary
--------
side     one sentence of a linked pair together with the change's span in it.
residue  the content words of a side that the other sentence does not account for.

This module reads only what a Comparison holds (texts, links, groups, stored embeddings); it
never calls an encoder, never imports Qt, and never changes wording's spans or kinds.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from narrdiff.core.diff.wording import reworded_throughout
from narrdiff.core.framing.attribution import reports_someone
from narrdiff.core.framing.cues import Hit, SentenceFacts, sentence_facts
from narrdiff.core.model import Change, Comparison, Link, excerpt
from narrdiff.core.text import lexicon
from narrdiff.core.text.lexicon import Word

SHORT_WORDS = 4
"""Most content words a side of a change may keep and still be named as one term swap."""


@dataclass(frozen=True)
class Side:
    """One sentence of a pair, and the span [start, end) the change covers in it."""

    facts: SentenceFacts
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.facts.text[self.start : self.end]

    def words(self) -> list[Word]:
        return [w for w in self.facts.words if self.start <= w.start and w.end <= self.end]

    def hits(self, items: tuple[Hit, ...]) -> list[Hit]:
        return [h for h in items if h.within(self.start, self.end)]


def tag_link(comparison: Comparison, link: Link) -> Link:
    """The link with every change tagged (spans and kinds untouched)."""
    text_a, text_b = comparison.sentence(link.a).text, comparison.sentence(link.b).text
    return replace(link, changes=tagged_changes(text_a, text_b, link.changes))


@lru_cache(maxsize=20_000)
def tagged_changes(text_a: str, text_b: str, changes: tuple[Change, ...]) -> tuple[Change, ...]:
    """`changes` of the pair (text_a, text_b), tagged; memoised, since tags depend on nothing
    else: a re-link at another strictness re-tags only pairs it has not linked before."""
    facts_a, facts_b = sentence_facts(text_a), sentence_facts(text_b)
    throughout = reworded_throughout(changes, text_a, text_b)
    return tuple(tag_change(c, facts_a, facts_b, throughout=throughout) for c in changes)


def sides(change: Change, facts_a: SentenceFacts, facts_b: SentenceFacts) -> tuple[Side, Side]:
    return Side(facts_a, change.a_start, change.a_end), Side(facts_b, change.b_start, change.b_end)


def tag_change(
    change: Change, facts_a: SentenceFacts, facts_b: SentenceFacts, *, throughout: bool = False
) -> Change:
    """The change with its framing tags and one reason per tag.

    `throughout`: the pair is reworded throughout, so only specific term evidence counts.
    """
    a, b = sides(change, facts_a, facts_b)
    tags: list[str] = []
    reasons: list[str] = []
    # the speaker's words: a change quoted wherever it has words is no term or loaded choice
    quoted = all(
        side.facts.all_quoted(side.start, side.end) for side in (a, b) if side.end > side.start
    )
    for tag, reason in (
        ("term", None if quoted else term_reason(a, b, specific_only=throughout)),
        ("number", number_reason(a, b)),
        ("attribution", attribution_reason(a, b)),
        ("hedge", hedge_reason(a, b)),
        ("loaded", None if quoted else loaded_reason(a, b)),
        ("quote", quote_reason(a, b)),
    ):
        if reason:
            tags.append(tag)
            reasons.append(reason)
    return replace(change, tags=tuple(tags), reasons=tuple(reasons))


# --- term -------------------------------------------------------------------------------------


def residue(side: Side, other: Side) -> list[Word]:
    """Content words of `side` the other sentence does not account for (see module rules)."""
    facts = side.facts
    set_aside = [*facts.hedges, *facts.numbers] + [
        Hit("", a.start, a.end, "") for a in facts.attributions
    ]
    synonyms = [(i, j) for g, i, j in facts.synonyms if g in other.facts.groups]
    covered = {facts.words[k].start for i, j in synonyms for k in range(i, j)}
    out = []
    for word in side.words():
        if not lexicon.is_content(word) or word.start in covered:
            continue
        if facts.in_quote(word.start, word.end):
            continue
        if any(h.start <= word.start < h.end for h in set_aside):
            continue
        if word.key in lexicon.reporting_verbs() or lexicon.stem(word.key) in other.facts.stems:
            continue
        out.append(word)
    return out


def phrase_of(side: Side, chosen: list[Word]) -> str:
    """The side's text from the first to the last chosen word."""
    return side.facts.text[chosen[0].start : chosen[-1].end]


def term_reason(a: Side, b: Side, *, specific_only: bool = False) -> str | None:
    left, right = residue(a, b), residue(b, a)
    if not left or not right or _acronym_of(left, right) or _acronym_of(right, left):
        return None
    if not specific_only and _one_phrase(a, left) and _one_phrase(b, right):
        return f"“{phrase_of(a, left)}” where the other says “{phrase_of(b, right)}”"
    swap = epithet_swap(a, b) or compound_swap(left, right)
    if swap:
        return f"“{swap[0]}” where the other says “{swap[1]}”"
    return None


def _one_phrase(side: Side, chosen: list[Word]) -> bool:
    """At most SHORT_WORDS residue words forming one run: no accounted-for content word lies
    between them (so "sent to the Donbas to help rebuild …" is no single swapped phrase)."""
    if len(chosen) > SHORT_WORDS:
        return False
    inner = [w for w in side.words() if chosen[0].start <= w.start <= chosen[-1].start]
    return all(w in chosen or not lexicon.is_content(w) for w in inner)


def _acronym_of(short: list[Word], long: list[Word]) -> bool:
    """ "UN" for "United Nations": a lone capitals word spelling the other side's initials."""
    if len(short) != 1 or not short[0].text.isupper():
        return False
    return short[0].text == "".join(w.text[0] for w in long if w.text[:1].isupper())


def epithet_swap(a: Side, b: Side) -> tuple[str, str] | None:
    """A loaded epithet on one side against another epithet on the other (texts a, b)."""
    for ea in a.hits(a.facts.epithets):
        for eb in b.hits(b.facts.epithets):
            if lexicon.fold(ea.text) == lexicon.fold(eb.text):
                continue
            if _is_loaded(ea, a.facts) or _is_loaded(eb, b.facts):
                return ea.text, eb.text
    return None


def _is_loaded(hit: Hit, facts: SentenceFacts) -> bool:
    return any(h.start < hit.end and hit.start < h.end for h in facts.loaded)


def compound_swap(left: list[Word], right: list[Word]) -> tuple[str, str] | None:
    """Hyphenated words with the same first part and another second ("Iranian-made" /
    "Iranian-manufactured")."""
    for x in left:
        for y in right:
            if "-" in x.key and "-" in y.key and x.key.split("-")[0] == y.key.split("-")[0]:
                return x.text, y.text
    return None


# --- number, hedge, loaded, attribution, quote -------------------------------------------------


def number_reason(a: Side, b: Side) -> str | None:
    only_a = [h for h in a.hits(a.facts.numbers) if h.kind not in b.facts.number_values()]
    only_b = [h for h in b.hits(b.facts.numbers) if h.kind not in a.facts.number_values()]
    if only_a and only_b:
        return f"“{only_a[0].text}” where the other says “{only_b[0].text}”"
    lonely = only_a or only_b
    return f"“{lonely[0].text}” appears on one side only" if lonely else None


def hedge_reason(a: Side, b: Side) -> str | None:
    for side, other in ((a, b), (b, a)):
        own = [h for h in side.hits(side.facts.hedges) if h.kind not in other.facts.hedge_kinds()]
        if not own:
            continue
        theirs = [h.text for h in other.facts.hedges]
        tail = f"the other says “{theirs[0]}”" if theirs else "the other does not hedge"
        return f"hedges with “{own[0].text}” ({own[0].kind}); {tail}"
    return None


def loaded_reason(a: Side, b: Side) -> str | None:
    for side, other in ((a, b), (b, a)):
        for hit in side.hits(side.facts.loaded):
            if not used_in(hit, other.facts):
                return f"“{hit.text}” is a loaded word; the other does not use it"
    return None


def used_in(hit: Hit, facts: SentenceFacts) -> bool:
    """True when every word of `hit` occurs (by stem) in the sentence, quoted or not."""
    return all(lexicon.stem(w.key) in facts.stems for w in lexicon.words(hit.text))


def unmatched_attributions(side: Side, other: Side, *, whole: bool = False):
    """Attributions of `side` (in the change, or anywhere if `whole`) the other sentence lacks:
    no source with the same head, or the same head with another non-belief force."""
    out = []
    for item in side.facts.attributions:
        if not whole and not (item.start < side.end and side.start < item.end):
            continue
        twins = [o for o in other.facts.attributions if o.head == item.head]
        forces = {o.force for o in twins} | {item.force}
        if not twins or (len(forces) > 1 and "belief" not in forces):
            out.append((item, twins[0] if twins else None))
    return out


def attribution_reason(a: Side, b: Side) -> str | None:
    for side, other in ((a, b), (b, a)):
        for item, twin in unmatched_attributions(side, other):
            if twin is not None:
                return f"“{item.verb}” where the other says “{twin.verb}”"
            theirs = [o.source for o in other.facts.attributions]
            if theirs:
                tail = f"the other cites “{theirs[0]}”"
            elif reports_someone(other.facts.text):
                tail = "the other words its source differently"
            else:
                tail = "the other names no source"
            return f"cites “{item.source}” (“{item.verb}”); {tail}"
    return None


def quote_reason(a: Side, b: Side) -> str | None:
    in_a, in_b = a.facts.in_quote(a.start, a.end), b.facts.in_quote(b.start, b.end)
    if in_a and in_b:
        return f"quoted words differ: “{a.text}” / “{b.text}”"
    if in_a and not b.facts.quotes or in_b and not a.facts.quotes:
        quoted = a if in_a else b
        words = _excerpt(quoted.facts.quoted_part(quoted.start, quoted.end))
        return f"a direct quotation (“{words}”) where the other paraphrases"
    if in_a or in_b:
        return "a quotation on one side only"
    return None


def _excerpt(text: str, limit: int = 60) -> str:
    return excerpt(text.strip('“”"‘’ '), limit)
