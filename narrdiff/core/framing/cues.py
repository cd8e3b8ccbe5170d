"""What framing needs to know about one sentence, found once: quotes, sources, hedges, loaded
words, numbers, epithets, content stems.

Rules
-----
- Hedges and loaded words come from resources/hedges.txt and resources/loaded_words.txt. Both are
  ignored inside quotation marks: quoted words are the speaker's, not the outlet's choice.
  Capitalised "May" away from the sentence start is the month, never a hedge, and a
  sentence-initial "May" is skipped too (it cannot be told apart without a parser).
- Adjacent loaded words are one hit ("pariah regimes").
- Numbers: digits, number words ("three" = "3"), scale words ("millions") and month names;
  adjacent ones form one hit ("3 million"). Digits glued to letters ("Mohajer-6") are names.
- An *epithet* is one to two lower-case content modifiers and a polity noun (state, regime,
  country, nation, government, dictatorship), with its determiner: "the isolated state",
  "pariah regimes". A bare "the country" is no epithet.
- `stems` are the stems of the content words; `synonyms` the (group, i, j) word ranges that
  spell a phrase of resources/synonyms.txt; `groups` those groups.

Glossary
--------
hit       a phrase found in a sentence: text, start, end, and a kind (the hedge kind, "loaded",
          "epithet", or the number's normalised value).
facts     a `SentenceFacts`: all hits of one sentence plus its words, quotes and attributions.

This module reads one sentence's text at a time; it must not look at links, articles or
embeddings, and must not import Qt or the encoder.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from narrdiff.core.framing.attribution import Attribution, attributions
from narrdiff.core.text import lexicon
from narrdiff.core.text.lexicon import Word
from narrdiff.core.text.quotes import inside_quotes, quote_spans

POLITY_NOUNS = ("state", "regime", "country", "nation", "government", "dictatorship")
MAX_EPITHET_MODIFIERS = 2


@dataclass(frozen=True)
class Hit:
    """A phrase found in a sentence, with its character span and kind."""

    text: str
    start: int
    end: int
    kind: str

    def within(self, start: int, end: int) -> bool:
        return start <= self.start and self.end <= end and start < end


@dataclass(frozen=True)
class SentenceFacts:
    """Everything framing reads from one sentence."""

    text: str
    words: tuple[Word, ...]
    quotes: tuple[tuple[int, int], ...]
    attributions: tuple[Attribution, ...]
    hedges: tuple[Hit, ...]
    loaded: tuple[Hit, ...]
    numbers: tuple[Hit, ...]
    epithets: tuple[Hit, ...]
    stems: frozenset[str]
    synonyms: tuple[tuple[int, int, int], ...]
    groups: frozenset[int]

    def hedge_kinds(self) -> frozenset[str]:
        return frozenset(h.kind for h in self.hedges)

    def number_values(self) -> frozenset[str]:
        return frozenset(h.kind for h in self.numbers)

    def in_quote(self, start: int, end: int) -> bool:
        """True when the span [start, end) shares characters with a quotation's words."""
        return any(s < end and start < e for s, e in self.quotes)

    def all_quoted(self, start: int, end: int) -> bool:
        """True when every word in [start, end) lies inside a quotation (False when empty)."""
        inner = [w for w in self.words if start <= w.start and w.end <= end]
        return bool(inner) and all(any(s <= w.start < e for s, e in self.quotes) for w in inner)

    def quoted_part(self, start: int, end: int) -> str:
        """The quoted words inside [start, end), joined by "…"."""
        parts = [self.text[max(s, start) : min(e, end)] for s, e in self.quotes]
        return " … ".join(p.strip(" ,.;:") for p in parts if p.strip(" ,.;:"))


@lru_cache(maxsize=16384)
def sentence_facts(text: str) -> SentenceFacts:
    """The facts of one sentence (cached: relinking re-reads the same sentences; sized as the
    evidence cache, since with 4,096 entries the 8,416 linked sentences of 24 long articles were
    each worked out three times)."""
    sentence = list(lexicon.words(text))
    quotes = quote_spans(text)
    free = [not inside_quotes(quotes, w.start) for w in sentence]
    synonyms = tuple(lexicon.synonym_hits(sentence))
    return SentenceFacts(
        text=text,
        words=tuple(sentence),
        quotes=tuple(quotes),
        attributions=tuple(attributions(text)),
        hedges=tuple(_hedges(text, sentence, free)),
        loaded=tuple(_loaded(text, sentence, free)),
        numbers=tuple(_numbers(text, sentence)),
        epithets=tuple(_epithets(text, sentence, free)),
        stems=frozenset(lexicon.stem(w.key) for w in sentence if lexicon.is_content(w)),
        synonyms=synonyms,
        groups=frozenset(g for g, _, _ in synonyms),
    )


def _hedges(text: str, sentence: list[Word], free: list[bool]) -> list[Hit]:
    kinds = lexicon.hedges()
    out = []
    for phrase, i, j in lexicon.find_phrases(sentence, tuple(kinds)):
        if not all(free[i:j]) or (phrase == ("may",) and sentence[i].text != "may"):
            continue
        out.append(_hit(text, sentence, i, j, kinds[phrase]))
    return out


def _loaded(text: str, sentence: list[Word], free: list[bool]) -> list[Hit]:
    marked = [False] * len(sentence)
    for _, i, j in lexicon.find_phrases(sentence, lexicon.loaded_words()):
        if all(free[i:j]):
            marked[i:j] = [True] * (j - i)
    return [_hit(text, sentence, i, j, "loaded") for i, j in _runs(marked, sentence, text)]


def _numbers(text: str, sentence: list[Word]) -> list[Hit]:
    values = [lexicon.number_value(w) for w in sentence]
    out = []
    for i, j in _runs([v is not None for v in values], sentence, text):
        out.append(_hit(text, sentence, i, j, " ".join(v for v in values[i:j] if v)))
    return out


def _epithets(text: str, sentence: list[Word], free: list[bool]) -> list[Hit]:
    out = []
    for j, word in enumerate(sentence):
        if not free[j] or not word.key.startswith(POLITY_NOUNS):
            continue
        if not any(lexicon.inflects(word.key, n) for n in POLITY_NOUNS):
            continue
        i = j
        while i > 0 and j - i < MAX_EPITHET_MODIFIERS and _modifier(sentence[i - 1]):
            if text[sentence[i - 1].end : sentence[i].start].strip():
                break
            i -= 1
        if i == j:
            continue
        if i > 0 and sentence[i - 1].key in ("the", "a", "an", "this", "that"):
            i -= 1
        out.append(_hit(text, sentence, i, j + 1, "epithet"))
    return out


def _modifier(word: Word) -> bool:
    """A lower-case content word that can qualify a polity noun ("isolated", "pariah")."""
    return (
        word.text.islower()
        and lexicon.is_content(word)
        and "'" not in word.key
        and lexicon.number_value(word) is None
    )


def _runs(marks: list[bool], sentence: list[Word], text: str) -> list[tuple[int, int]]:
    """Word ranges of consecutive marked words separated by white space only."""
    out: list[tuple[int, int]] = []
    for i, marked in enumerate(marks):
        if not marked:
            continue
        joined = (
            out and out[-1][1] == i and not text[sentence[i - 1].end : sentence[i].start].strip()
        )
        if joined:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def _hit(text: str, sentence: list[Word], i: int, j: int, kind: str) -> Hit:
    start, end = sentence[i].start, sentence[j - 1].end
    return Hit(text[start:end], start, end, kind)
