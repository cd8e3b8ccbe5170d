"""Quotation findings: what one outlet quotes that no other quotes or paraphrases closely.

`quote_only_findings` gives "Only X quotes Y: “…”" for quotations of one article that no other
article carries; the helpers here (the quotation's own cues, its speaker, a short excerpt) are
shared with the quote-versus-paraphrase finding in findings.py.

Rules (the claim is "no one else has these words", so any doubt keeps it unsaid)
-----
- Every sentence of the other articles is searched, whatever its role: a quotation standing
  alone on a line may have been read as a caption, and it still quotes the words.
- A quotation is carried by another sentence when QUOTE_FOUND_SHARE of its stems are there
  (quoted or paraphrased), or by another quotation when one of its clauses (split at , ; : and
  dashes) of at least MIN_CLAUSE_STEMS stems is: the other outlet quoted part of the remark
  ("…, and we should be looking for ways to improve it, not weaken it").
- A quotation whose content words are all capitalised is a title ("Secret Man: The Story of
  Watergate's Deep Throat"), not somebody's words.
- The speaker is named only when the attribution stands next to the quotation: it ends at most
  SPEAKER_REACH words before the opening mark ("Heller said she was “…”") or starts at most
  SPEAKER_REACH words after the closing one ("…,” Ryder said"). A source elsewhere in the
  sentence may have said something else.

Pure: reads a Comparison, never calls an encoder or Qt.
"""

from __future__ import annotations

import re

from narrdiff.core.framing.cues import SentenceFacts, sentence_facts
from narrdiff.core.model import Comparison, Finding, Ref
from narrdiff.core.text import lexicon

MIN_QUOTE_WORDS = 4
"""A quotation shorter than this many words ("a shambles") is no finding of its own."""
QUOTE_FOUND_SHARE = 0.6
"""A quotation counts as carried elsewhere when this share (0-1) of its stems is there."""
MAX_QUOTE_ONLY = 3
"""At most this many quote_only_here findings per article (its first quotations)."""
MIN_CLAUSE_STEMS = 3
"""A clause of a quotation with fewer stems than this ("not weaken it") proves nothing alone."""
SPEAKER_REACH = 3
"""Words that may stand between an attribution and the quotation it introduces or closes."""
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]]|\s[-–—]+\s|\s-\s-\s")


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
    every = _Stems(comparison)
    out = []
    for k, art in enumerate(comparison.articles):
        mine: list[Finding] = []
        for i, sentence in enumerate(art.sentences):
            if sentence.linkable and (k, i) not in covered:
                mine += __lonely_quotes(comparison, (k, i), every)
        out += mine[:MAX_QUOTE_ONLY]
    return out


class StemIndex:
    """Stem sets of every article, indexed by stem, to ask at once whether some set of the other
    articles holds enough of a quotation's stems."""

    def __init__(self, sets: list[tuple[int, frozenset[str]]]):
        """sets: (article, stems) pairs."""
        self._article = [article for article, _ in sets]
        self._holders: dict[str, list[int]] = {}
        for n, (_, stems) in enumerate(sets):
            for stem in stems:
                self._holders.setdefault(stem, []).append(n)

    def holds(self, stems: frozenset[str], besides: int) -> bool:
        """Some set of an article other than `besides` holds QUOTE_FOUND_SHARE of `stems`
        (`found` against each such set, at once)."""
        if not stems:
            return False
        counts: dict[int, int] = {}
        for stem in stems:
            for n in self._holders.get(stem, ()):
                counts[n] = counts.get(n, 0) + 1
        need = QUOTE_FOUND_SHARE * len(stems)
        return any(c >= need and self._article[n] != besides for n, c in counts.items())


class _Stems:
    """The stems of every sentence and of every quotation of a comparison, indexed on first use
    (once per comparison, not once per quoting sentence)."""

    def __init__(self, comparison: Comparison):
        self.comparison = comparison
        self._index: tuple[StemIndex, StemIndex] | None = None

    def index(self) -> tuple[StemIndex, StemIndex]:
        """Indexes of the sentences' stems and of the quotations' stems."""
        if self._index is None:
            sentences, quotes = [], []
            for k, art in enumerate(self.comparison.articles):
                for sentence in art.sentences:
                    facts = sentence_facts(sentence.text)
                    sentences.append((k, facts.stems))
                    quotes += [(k, quote_facts(facts, s, e).stems) for s, e in facts.quotes]
            self._index = StemIndex(sentences), StemIndex(quotes)
        return self._index


def __lonely_quotes(comparison: Comparison, ref: Ref, every: _Stems) -> list[Finding]:
    facts = sentence_facts(comparison.sentence(ref).text)
    if not facts.quotes:
        return []  # most sentences quote nobody
    sentences, quotations = every.index()
    out = []
    for start, end in facts.quotes:
        quote = quote_facts(facts, start, end)
        if len(quote.words) < MIN_QUOTE_WORDS or not quote.stems or is_title(quote):
            continue
        if carried(quote, ref[0], sentences, quotations):
            continue
        named = speaker(facts, start, end)
        who = f" {named}" if named else ""
        message = ("Only ", ref[0], f" quotes{who}: “{excerpt(quote.text)}”.")
        out.append(Finding("quote_only_here", ref[0], ref[1], quote.text, message, (ref,)))
    return out


def carried(quote: SentenceFacts, article: int, sentences: StemIndex, quotes: StemIndex) -> bool:
    """Some sentence of another article than `article` holds the quotation, or some quotation
    of another article holds one clause of it."""
    if sentences.holds(quote.stems, article):
        return True
    clauses = [sentence_facts(c).stems for c in _CLAUSE_BREAK.split(quote.text)]
    return any(quotes.holds(c, article) for c in clauses if len(c) >= MIN_CLAUSE_STEMS)


def is_title(quote: SentenceFacts) -> bool:
    """Every content word capitalised, and at least two of them: a title, not speech."""
    content = [w for w in quote.words if lexicon.is_content(w) and w.text[:1].isalpha()]
    return len(content) >= 2 and all(w.text[:1].isupper() for w in content)


def quote_facts(facts: SentenceFacts, start: int, end: int) -> SentenceFacts:
    return sentence_facts(facts.text[start:end].strip().rstrip(",.;:"))


def speaker(facts: SentenceFacts, start: int | None = None, end: int | None = None) -> str | None:
    """The named source next to the quotation [start, end) (see the module rules), or, with no
    span given, the sentence's first named source; never a belief ("officials believe")."""
    named = [a for a in facts.attributions if a.force != "belief"]
    if start is None or end is None:
        return named[0].source if named else None
    for a in named:
        if a.end <= start and _words_between(facts, a.end, start) <= SPEAKER_REACH:
            return a.source
        if a.start >= end and _words_between(facts, end, a.start) <= SPEAKER_REACH:
            return a.source
    return None


def _words_between(facts: SentenceFacts, start: int, end: int) -> int:
    return sum(1 for w in facts.words if start <= w.start and w.end <= end)


def excerpt(text: str, limit: int = 140) -> str:
    """The text, or its first words up to `limit` characters and "…" (never a cut word)."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + " …"
