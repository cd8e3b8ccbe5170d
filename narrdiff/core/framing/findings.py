"""Findings: the few framing differences worth reading aloud, each one defensible.

Rules (precision first: a missed finding is better than a wrong one)
-----
headline_*              see core/headline.py.
term_swap               a loaded epithet against another epithet in a linked pair ("pariah
                        regimes" / "the isolated state"). Other term swaps stay change tags.
hedge_difference        hedge-tagged changes of at most SHORT_CHANGE_WORDS words a side, both
                        sides present (so the hedge faces its counterpart, not a rewording).
                        The outlet whose least certain hedge is weaker (lexicon.HEDGE_ORDER)
                        "hedges". The hedged claim must be the other's too: the first content
                        word after some hedge (within HEDGE_REACH words) is in the other
                        sentence (by stem), so "allegedly drunk" against a sentence that says
                        nothing of drink is no finding. One facing pair must show the whole
                        difference: the hedging side's own hedge (not a belief verb, "he
                        believed"; not a relative-clause modal, "projects that might") at least
                        MIN_HEDGE_GAP kinds less certain than the other span (where "police
                        say" counts as hearsay) and than any hedge in the other sentence.
attribution_difference  in a "same" link: a source one sentence cites where the other names
                        none (no attribution and no active reporting verb in it, nor in the
                        sentence before or after it), or one source with reporting verbs of
                        another force. "announced" / "declared" report an act, not a source.
number_mismatch         conflicting facts: in a "same" link, both sentences count the same thing
                        (the same unit or head noun: "12 people" / "three people", "$2 million" /
                        "$2.5 million"; core/text/evidence.py) with no value in common. Dates,
                        clock times, ordinals, ages against counts and numbers of different
                        things are never compared.
quote_vs_paraphrase     a quotation (≥ MIN_QUOTE_WORDS words) in one sentence of a link, no
                        quotation in the other, and at least MIN_SHARED_STEMS (and
                        PARAPHRASE_SHARE) of the quotation's content stems in the other that are
                        not the story's topic words; not when the other article quotes the same
                        words (QUOTE_FOUND_SHARE of them) in another sentence.
loaded_word             a loaded word in a change the linked sentence does not use (not already
                        in a term swap).
quote_only_here         a quotation (≥ MIN_QUOTE_WORDS) of a body sentence that no other article
                        quotes or paraphrases closely (QUOTE_FOUND_SHARE of its stems in one
                        sentence), and no quote_vs_paraphrase finding covers; the first
                        MAX_QUOTE_ONLY per article.
Headline links give only headline findings, term swaps and loaded words: a headline is short by
nature, so its missing sources and hedges are no finding. Findings are deduplicated by (kind,
article, sentence, text) and sorted by KIND_ORDER.

Glossary
--------
label     an article's name in messages (Article.label, lettered when two are alike).
topic     stems found in at least TOPIC_SHARE of the linkable sentences: the story's own words
          ("Russia", "sanctions"), which show no paraphrase by themselves.
pair      a linked pair read for findings; side 0 is link.a, side 1 is link.b.

This module reads a tagged Comparison only; it never calls an encoder and never imports Qt.
"""

from __future__ import annotations

import re

from narrdiff.core.framing.attribution import reports_someone
from narrdiff.core.framing.cues import Hit, SentenceFacts, sentence_facts
from narrdiff.core.framing.headline import headline_findings
from narrdiff.core.framing.quoting import (
    MIN_QUOTE_WORDS,
    excerpt,
    found,
    quote_facts,
    quote_only_findings,
    quoted_stems,
    speaker,
)
from narrdiff.core.framing.tags import Side, epithet_swap, sides, unmatched_attributions, used_in
from narrdiff.core.model import HEADLINE, SAME, Comparison, Finding, FindingKind, Link, Ref
from narrdiff.core.text import lexicon
from narrdiff.core.text.evidence import evidence

KIND_ORDER = tuple(FindingKind)
SHORT_CHANGE_WORDS = 8
HEDGE_REACH = 3
MIN_HEDGE_GAP = 2
"""Steps of HEDGE_ORDER (plus "none" after it) by which one side must be less certain, in the
facing span and against the whole other sentence: next kinds ("alleged" / "suspected",
"allegedly" / "police say") are the same doubt in other words."""
"""Words after a hedge that may carry the claim it qualifies ("believed to be injured")."""
MIN_SHARED_STEMS = 2
PARAPHRASE_SHARE = 0.3
"""Share (0–1) of a quotation's non-topic stems the other sentence must hold to paraphrase it."""
TOPIC_SHARE = 0.2
"""A stem in at least this share (0–1) of all linkable sentences is a topic word of the story."""


def find_findings(comparison: Comparison) -> list[Finding]:
    """All findings of a comparison with tagged changes, most important first."""
    labels = list(range(len(comparison.articles)))  # phrases name outlets by article index
    out = headline_findings(comparison, labels)
    topic = topic_stems(comparison)
    quoted = quoted_stems(comparison)
    for link in comparison.links:
        out += link_findings(comparison, link, labels, topic, quoted)
    out += quote_only_findings(comparison, labels, out)
    swapped = {(f.article, f.sentence, f.text) for f in out if f.kind == "term_swap"}
    # a loaded word already shown in a term swap of its sentence (through another link) is one
    # point, not two
    out = [
        f
        for f in out
        if f.kind != "loaded_word"
        or not any((f.article, f.sentence) == (a, s) and f.text in t for a, s, t in swapped)
    ]
    unique = {(f.kind, f.article, f.sentence, f.text): f for f in out}
    return sorted(unique.values(), key=lambda f: (KIND_ORDER.index(f.kind), f.article, f.sentence))


def topic_stems(comparison: Comparison) -> frozenset[str]:
    """Stems in at least TOPIC_SHARE of the linkable sentences: the story's own vocabulary."""
    counts: dict[str, int] = {}
    texts = [s.text for art in comparison.articles for s in art.sentences if s.linkable]
    for text in texts:
        for stem in sentence_facts(text).stems:
            counts[stem] = counts.get(stem, 0) + 1
    return frozenset(s for s, n in counts.items() if n >= TOPIC_SHARE * max(len(texts), 1))


def link_findings(comparison, link: Link, labels, topic, quoted=None) -> list[Finding]:
    facts_a = sentence_facts(comparison.sentence(link.a).text)
    facts_b = sentence_facts(comparison.sentence(link.b).text)
    pair = _Pair(link, facts_a, facts_b, labels)
    swaps = pair.term_swaps()
    out = swaps + pair.loaded(swaps)
    if HEADLINE in (comparison.sentence(link.a).role, comparison.sentence(link.b).role):
        return out
    out += pair.hedges() + pair.numbers() + pair.quote_vs_paraphrase(topic, quoted)
    if link.strength == SAME:
        out += pair.attributions([_neighbours_report(comparison, ref) for ref in (link.a, link.b)])
    return out


def _neighbours_report(comparison: Comparison, ref: Ref) -> bool:
    """True when the sentence before or after `ref` in its article reports someone: a source
    named there covers this sentence too ("… the navy said. It added that …")."""
    sentences = comparison.articles[ref[0]].sentences
    near = [sentences[i] for i in (ref[1] - 1, ref[1] + 1) if 0 <= i < len(sentences)]
    return any(s.linkable and reports_someone(s.text) for s in near)


class _Pair:
    """One linked pair read for findings; side 0 is link.a, side 1 is link.b."""

    def __init__(self, link: Link, facts_a, facts_b, labels) -> None:
        self.link = link
        self.refs = (link.a, link.b)
        self.facts = (facts_a, facts_b)
        self.labels = (labels[link.a[0]], labels[link.b[0]])
        self.sides = [sides(c, facts_a, facts_b) for c in link.changes]

    def finding(self, kind: str, x: int, text: str, message: str) -> Finding:
        ref = self.refs[x]
        return Finding(kind, ref[0], ref[1], text, tuple(message), self.refs)

    def term_swaps(self) -> list[Finding]:
        out = []
        for a, b in self.sides:
            for x, (mine, theirs) in enumerate(((a, b), (b, a))):
                swap = epithet_swap(mine, theirs)
                if swap and _loaded_text(swap[0], mine.facts):
                    referent = _referent(mine.facts.text, swap[0])
                    says = f"calls {referent}" if referent else "says"
                    message = (
                        self.labels[x],
                        f" {says} “{swap[0]}”; ",
                        self.labels[1 - x],
                        f" says “{swap[1]}”.",
                    )
                    out.append(self.finding("term_swap", x, swap[0], message))
        return out[:1]

    def loaded(self, swaps: list[Finding]) -> list[Finding]:
        out = []
        for pair in self.sides:
            for x in (0, 1):
                mine, theirs = pair[x], pair[1 - x]
                for hit in mine.hits(mine.facts.loaded):
                    if used_in(hit, theirs.facts) or any(hit.text in f.text for f in swaps):
                        continue
                    shown = _with_next_word(mine.facts, hit)
                    message = (
                        self.labels[x],
                        f" writes “{shown}”; ",
                        self.labels[1 - x],
                        f"'s matching sentence does not use “{hit.text}”.",
                    )
                    out.append(self.finding("loaded_word", x, hit.text, message))
        return out

    def hedges(self) -> list[Finding]:
        short = [
            (a, b)
            for (a, b), change in zip(self.sides, self.link.changes, strict=True)
            if "hedge" in change.tags and change.kind == "replace" and _short(a) and _short(b)
        ]
        if not short or not any(self._hedged_claim_shared(a, b) for a, b in short):
            return []
        # the difference must be stated by one facing pair, not pieced together across pairs
        hedging = {x for a, b in short for x in (0, 1) if _hedges_more((a, b)[x], (a, b)[1 - x])}
        if len(hedging) != 1:
            return []
        x = hedging.pop()
        words = [_trim(s[x].text) for s in short]
        theirs = [_trim(s[1 - x].text) for s in short]
        rank = [_certainty([s[y] for s in short]) for y in (0, 1)]
        lead = " hedges" if rank[0] != rank[1] else " hedges differently"
        message = (
            self.labels[x],
            f"{lead}: {' … '.join(f'“{w}”' for w in words)}; ",
            self.labels[1 - x],
            f": {' … '.join(f'“{w}”' for w in theirs)}.",
        )
        hedge_words = [h.text for s in short for h in s[x].hits(s[x].facts.hedges)]
        return [self.finding("hedge_difference", x, ", ".join(hedge_words), message)]

    def _hedged_claim_shared(self, a: Side, b: Side) -> bool:
        """Some hedge of either side is followed closely by a content word the other sentence
        has: both sentences make the claim the hedge qualifies."""
        for mine, theirs in ((a, b), (b, a)):
            words = list(mine.facts.words)
            for hit in mine.hits(mine.facts.hedges):
                after = [w for w in words if w.start >= hit.end][:HEDGE_REACH]
                claim = next((w for w in after if lexicon.is_content(w)), None)
                if claim is not None and lexicon.stem(claim.key) in theirs.facts.stems:
                    return True
        return False

    def numbers(self) -> list[Finding]:
        """Conflicting facts: both sentences count the same thing (same unit or head noun,
        core/text/evidence.py) and give it values with nothing in common."""
        if self.link.strength != SAME:
            return []
        mine, theirs = (evidence(f.text) for f in self.facts)
        out = []
        for unit in _counted_units(mine) & _counted_units(theirs):
            a = [q for q in mine.quantities if q.unit == unit and not q.approximate]
            b = [q for q in theirs.quantities if q.unit == unit and not q.approximate]
            if {q.value for q in a} & {q.value for q in b}:
                continue
            x_text, y_text = _counted(self.facts[0].text, a[0]), _counted(self.facts[1].text, b[0])
            message = (self.labels[0], f" says “{x_text}”; ", self.labels[1])
            message += (f" says “{y_text}”.",)
            out.append(self.finding("number_mismatch", 0, a[0].text, message))
        return out[:1]

    def attributions(self, neighbours: list[bool]) -> list[Finding]:
        out = []
        for x in (0, 1):
            mine = Side(self.facts[x], 0, len(self.facts[x].text))
            theirs = Side(self.facts[1 - x], 0, len(self.facts[1 - x].text))
            unmatched = unmatched_attributions(mine, theirs, whole=True)
            loose = [
                item
                for item, twin in unmatched
                if twin is None
                and _speech(item, mine.facts.text)
                and lexicon.stem(item.head) not in theirs.facts.stems  # "treated by police"
            ]
            forced = [(item, twin) for item, twin in unmatched if twin is not None]
            silent = not theirs.facts.attributions and not reports_someone(theirs.facts.text)
            if loose and silent and not neighbours[1 - x]:
                # "names none" only when the other sentence and its neighbours report no one;
                # "adds sources" against other sources was too often one source in two words
                out.append(self._loose_sources(x, loose))
            # a force difference is symmetric: report it once, from the first article's side
            for item, twin in forced[:1] if x == 0 else ():
                message = (
                    self.labels[x],
                    f" writes “{_span(mine.facts, [item])}”; ",
                    self.labels[1 - x],
                    f" writes “{_span(theirs.facts, [twin])}”.",
                )
                out.append(self.finding("attribution_difference", x, item.verb, message))
        return out

    def _loose_sources(self, x: int, loose) -> Finding:
        mine, theirs = self.facts[x], self.facts[1 - x]
        cited = " and ".join(f"“{t}”" for t in _merged_spans(mine, loose))
        if theirs.attributions:
            others = " and ".join(f"“{t}”" for t in _merged_spans(theirs, theirs.attributions))
            message = (self.labels[x], f" adds sources: {cited}; ", self.labels[1 - x])
            message += (f" has only {others}.",)
        else:
            message = (self.labels[x], f" names its source ({cited}); ", self.labels[1 - x])
            message += (" names none.",)
        return self.finding(
            "attribution_difference", x, ", ".join(a.source for a in loose), message
        )

    def quote_vs_paraphrase(self, topic: frozenset[str], quoted=None) -> list[Finding]:
        out = []
        for x in (0, 1):
            mine, theirs = self.facts[x], self.facts[1 - x]
            if theirs.quotes:
                continue
            elsewhere = (quoted or {}).get(self.refs[1 - x][0], ())
            for start, end in mine.quotes:
                quote = quote_facts(mine, start, end)
                shared = (quote.stems & theirs.stems) - topic
                if len(quote.words) < MIN_QUOTE_WORDS or len(shared) < MIN_SHARED_STEMS:
                    continue
                if len(shared) < PARAPHRASE_SHARE * len(quote.stems - topic):
                    continue  # a few shared words: the other reports something near, not this
                if any(found(quote.stems, q) for q in elsewhere):
                    continue  # the other article quotes these words too, in another sentence
                named = speaker(mine, start, end)
                who = f"quotes {named} directly" if named else "quotes this directly"
                message = (
                    self.labels[x],
                    f" {who}: “{excerpt(quote.text)}”; ",
                    self.labels[1 - x],
                    " puts it in its own words.",
                )
                out.append(self.finding("quote_vs_paraphrase", x, quote.text, message))
        return out


# --- small helpers ----------------------------------------------------------------------------


def _counted_units(found) -> set[str]:
    """Units of a sentence's exact counts that name what is counted: no ordinals ("th"), no
    bare numbers (""), and only units counted once, so that two counts of one thing in one
    sentence ("15 people … 47 people") are not told apart by guesswork."""
    units = [q.unit for q in found.quantities if not q.approximate]
    return {u for u in units if u and u != "th" and units.count(u) == 1}


def _counted(text: str, quantity) -> str:
    """The number and the words up to what it counts: "12 people", "$2.5 million"."""
    tail = text[quantity.end : quantity.end + 40]
    for word in lexicon.words(tail)[:4]:
        if lexicon.stem(word.key) == quantity.unit or quantity.unit.startswith(word.key):
            return text[quantity.start : quantity.end + word.end]
    return quantity.text


ACT_VERBS = frozenset({"announced", "announces", "announce", "declared", "declares", "declare"})
"""Reporting verbs that more often report the act itself ("the ministry announced new rules")
than cite a source for a fact."""


def _speech(item, text: str) -> bool:
    """The attribution cites a source: not an act verb, and "added" only before what was said
    ("added that …", "added:", a quotation), not before a count ("added 12 points")."""
    verb = lexicon.fold(item.verb)
    if verb in ACT_VERBS:
        return False
    if verb in ("added", "adds"):
        return bool(re.match(r"\s*(?:that\b|[,:“\"]|$)", text[item.end :]))
    return True


def _referent(text: str, epithet: str) -> str | None:
    """ "North Korea and Iran" in "pariah regimes such as North Korea and Iran"."""
    name = r"[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*"
    m = re.search(
        re.escape(epithet) + rf",? (?:such as|like|including) ({name}(?: and {name})?)", text
    )
    return m.group(1) if m else None


def _loaded_text(text: str, facts: SentenceFacts) -> bool:
    return any(h.text in text for h in facts.loaded)


def _with_next_word(facts: SentenceFacts, hit: Hit) -> str:
    """The hit and the word after it when that word is a content word ("war-shattered cities")."""
    after = [w for w in facts.words if w.start > hit.end - 1 and w.start >= hit.end]
    gap = facts.text[hit.end : after[0].start] if after else ""
    if after and not gap.strip() and lexicon.is_content(after[0]) and after[0].text.islower():
        return facts.text[hit.start : after[0].end]
    return hit.text


def _short(side: Side) -> bool:
    return 0 < len(side.words()) <= SHORT_CHANGE_WORDS


def _certainty(sides_: list[Side]) -> int:
    """Index in HEDGE_ORDER of the least certain hedge (len(HEDGE_ORDER) for none)."""
    kinds = [h.kind for s in sides_ for h in s.hits(s.facts.hedges)]
    return min((lexicon.HEDGE_ORDER.index(k) for k in kinds), default=len(lexicon.HEDGE_ORDER))


def _hedges_more(mine: Side, theirs: Side) -> bool:
    """`mine` hedges its claim by MIN_HEDGE_GAP steps more than `theirs` words it, and `theirs`
    says it with no such doubt anywhere in its sentence ("An alleged Mafia boss" elsewhere in the
    sentence answers "A suspected Mafia leader")."""
    levels = _own_hedge_levels(mine.facts, mine.hits(mine.facts.hedges))
    if not levels:
        return False
    whole = _own_hedge_levels(theirs.facts, list(theirs.facts.hedges))
    other_sentence = min(whole, default=len(lexicon.HEDGE_ORDER))
    return (
        _certainty_level(theirs) - min(levels) >= MIN_HEDGE_GAP
        and other_sentence - min(levels) >= MIN_HEDGE_GAP
    )


def _own_hedge_levels(facts: SentenceFacts, hits: list[Hit]) -> list[int]:
    """HEDGE_ORDER indices of the hedges that qualify the sentence's own claim: a belief verb
    ("Felt said he believed", "officials believe") reports what someone thinks, and a modal in a
    relative clause ("projects that might harm") says which things are meant."""
    return [
        lexicon.HEDGE_ORDER.index(h.kind)
        for h in hits
        if not _belief_verb(facts, h) and not _relative_modal(facts, h)
    ]


def _certainty_level(side: Side) -> int:
    """How certain a changed span words its claim: the index in HEDGE_ORDER of its least certain
    own hedge, len(HEDGE_ORDER) for none; a span that attributes the claim ("police say") is
    hearsay, as hedged as "allegedly"."""
    levels = _own_hedge_levels(side.facts, side.hits(side.facts.hedges))
    if any(side.start <= a.start < side.end for a in side.facts.attributions) or any(
        w.key in lexicon.reporting_verbs() for w in side.words()
    ):
        levels.append(lexicon.HEDGE_ORDER.index("hearsay"))
    return min(levels, default=len(lexicon.HEDGE_ORDER))


def _belief_verb(facts: SentenceFacts, hit: Hit) -> bool:
    """An active belief verb ("he believed", "officials believe"); the passive "is believed to"
    has no believer and hedges like "is thought to"."""
    first = hit.text.split()[0].lower()
    if hit.kind != "belief" or lexicon.stem(first) not in _BELIEF_VERB_STEMS:
        return False
    before = [w for w in facts.words if w.end <= hit.start][-1:]
    return not (before and before[0].key in lexicon.BE_FORMS)


def _relative_modal(facts: SentenceFacts, hit: Hit) -> bool:
    """A modal right after "that/which/who" that follows no reporting verb: "projects that
    might harm" (a relative clause), not "officials said that it might"."""
    before = [w for w in facts.words if w.end <= hit.start][-2:]
    if hit.kind != "possibility" or len(before) < 2 or before[1].key not in _RELATIVES:
        return False
    return before[0].key not in lexicon.reporting_verbs() and lexicon.is_content(before[0])


_BELIEF_VERB_STEMS = frozenset(lexicon.stem(w) for w in ("believe", "suggest", "hint", "think"))
_RELATIVES = frozenset({"that", "which", "who"})


def _trim(text: str) -> str:
    """A changed phrase without a dangling "that" (it reads as a clause opener, not wording)."""
    return re.sub(r"\s+that$", "", text.strip())


def _span(facts: SentenceFacts, items) -> str:
    return " … ".join(_merged_spans(facts, items))


def _merged_spans(facts: SentenceFacts, items) -> list[str]:
    """The sentence's text of the attributions' spans, overlapping spans merged."""
    spans: list[list[int]] = []
    for item in sorted(items, key=lambda a: a.start):
        if spans and item.start <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], item.end)
        else:
            spans.append([item.start, item.end])
    return [facts.text[s:e].strip(" ,") for s, e in spans]
