"""Who an article quotes or cites: attributions per sentence and the sources per article.

Rules
-----
An *attribution* is found by these patterns, outside quotation marks:
- "X said / told / says / added / claimed …": X is the noun phrase just before a reporting verb
  (resources/reporting_verbs.txt), read backwards over capitalised words, possessives, up to
  three lower-case words and "of/to/for/at" before a capitalised word, ending at a determiner;
  an auxiliary ("has hinted") or an -ly adverb ("recently said") may stand between.
- "X, the Pentagon press secretary, said" and "X, who leads …, told": the name before the
  apposition; "The Pentagon spokesman, X, insisted": the name inside it.
- "told X" / "X quoted Y saying": the outlet told (X, a name ending with a word of the
  [news outlets] list: "told Reuters", not "told MPs") and the person quoted (Y) are sources.
- "according to X", "citing X"; "…, said X" (the name after the verb, after a comma or a
  quotation).
Abbreviations stay whole ("the U.N. refugee agency"). X must hold a capitalised word or a
source noun ("official", "analysts") and must not be a pronoun ("it", "which"). Passive
hearsay ("are said to") names no one and yields nothing; it is a hedge (framing).

Sources are cleaned: leading lower-case modifiers before a capitalised name are dropped
("newly declassified US intelligence" → "US intelligence"), a sentence-initial "A"/"An" is
lower-cased ("a US official", kept as written otherwise), trailing punctuation is cut. Per
article they are listed in reading order without repeats ("The New York Times" = "the New
York Times"; "the administration" is folded into "Joe Biden’s administration").

Glossary
--------
attribution  (source, verb, force, start, end): the span covers source and verb in the sentence.
force        the reporting verb's kind: tentative, neutral, emphatic, distancing, concessive,
             belief ("according to" and "citing" are neutral).

This module reads sentence text only; it must not call an encoder, import Qt, or guess sources
from anything but these patterns (precision over recall).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from narrdiff.core.link.overlap import STOPWORDS
from narrdiff.core.model import Article
from narrdiff.core.text.lexicon import (
    BE_FORMS,
    Word,
    fold,
    news_outlet_words,
    reporting_verbs,
    source_nouns,
    stem,
    words,
)
from narrdiff.core.text.quotes import inside_quotes, quote_spans

_DETERMINERS = frozenset({"a", "an", "the"})
_AUXILIARIES = frozenset({"has", "have", "had", "also", "previously", "later"})
_LINKS = frozenset({"of", "to", "for", "at"})
_PRONOUNS = frozenset(
    "it he she they we i you this that these those which who what some many one there others "
    "both all each most few several none".split()
)
MAX_LOWER_WORDS = 3
# "Secretary of the Interior Dirk Kempthorne": a link word may take "the" after it
_NAME = r"(?:[A-Z][\w’'.-]*)(?:\s+(?:(?:of|for)\s+(?:the\s+)?|the\s+)?[A-Z][\w’'.-]*)*"
_APPOSITION = re.compile(
    rf"(?P<src>{_NAME}),\s+(?:the|a|an|who|which)\b[^,“”\"]{{1,140}},\s+(?:\w+ly\s+)?(?P<verb>\w+)"
)
# "The Pentagon spokesman, Patrick Ryder, insisted": the name inside the apposition.
_NAME_IN_APPOSITION = re.compile(
    rf"\b(?:[Tt]he|[Aa]n?)\s+[^,“”\"]{{1,80}},\s+(?P<src>{_NAME}),\s+(?:\w+ly\s+)?(?P<verb>\w+)"
)
_PHRASE_AFTER = re.compile(
    r"\b(?P<verb>according to|citing|quoted)\s+(?P<src>[^,.;:“”\"]+?)"
    r"(?=\s+(?:saying|as saying|that|as|for|about|on|in|last|this|yesterday)\b|[,.;:“”\"]|$)"
)
_TOLD = re.compile(rf"\b(?P<verb>told)\s+(?P<src>(?:the\s+)?{_NAME})")
# ", said Jerry Capeci", "SAID POLICE CHIEF JOHN DOE": the source after the verb
_SAID_NAME = re.compile(rf"(?:^|[,“”\"]\s*)(?P<verb>said|says|SAID|SAYS)\s+(?P<src>{_NAME})")


@dataclass(frozen=True)
class Attribution:
    """A source named in a sentence, the verb that cites it, and its force."""

    source: str
    verb: str
    force: str
    start: int
    end: int

    @property
    def head(self) -> str:
        """The source's identifying word, stemmed: its head noun ("official" of "a US official",
        "ambassador" of "Russia’s ambassador to North Korea")."""
        head = []
        for word in words(self.source):
            if word.key in _LINKS and head:
                break
            head.append(word)
        return stem(head[-1].key)


@lru_cache(maxsize=4096)
def attributions(text: str) -> tuple[Attribution, ...]:
    """The attributions of one sentence, in order, without repeats (cached per text)."""
    quotes = quote_spans(text)
    found = _subject_attributions(text, quotes) + _phrase_attributions(text, quotes)
    found += _apposition_attributions(text, quotes)
    out: dict[str, Attribution] = {}
    for item in sorted(found, key=lambda a: a.start):
        out.setdefault(fold(item.source).removeprefix("the "), item)
    return tuple(out.values())


@lru_cache(maxsize=8192)
def reports_someone(text: str) -> bool:
    """True when the sentence has an active reporting verb outside quotes, found source or not.

    "Names no source" is claimed only when this is false, so a source the patterns miss can
    never turn into a wrong finding. Passive hearsay ("are said to") does not count.
    """
    quotes = quote_spans(text)
    sentence = words(text)
    for i, word in enumerate(sentence):
        if word.key not in reporting_verbs() and word.key not in ("according", "citing", "adding"):
            continue
        passive = i > 0 and sentence[i - 1].key in BE_FORMS
        if not passive and not inside_quotes(quotes, word.start):
            return True
    return False


def article_sources(article: Article) -> tuple[str, ...]:
    """The sources an article quotes or cites (linkable sentences), in reading order."""
    names: list[str] = []
    for sentence in article.sentences:
        if sentence.linkable:
            names += [a.source for a in attributions(sentence.text)]
    return _dedupe(names)


def _dedupe(names: list[str]) -> tuple[str, ...]:
    """Drop repeats ("The New York Times"/"the New York Times") and bare forms of longer ones
    ("the administration" after "Joe Biden’s administration")."""
    keys = [fold(n).removeprefix("the ").removeprefix("a ") for n in names]
    out: list[str] = []
    seen: list[str] = []
    for name, key in zip(names, keys, strict=True):
        if key in seen:
            continue
        longer = any(other != key and other.endswith(" " + key) for other in keys)
        if longer and name[:1].islower():
            continue
        seen.append(key)
        out.append(name)
    return tuple(out)


def _subject_attributions(text: str, quotes) -> list[Attribution]:
    verbs = reporting_verbs()
    sentence = words(text)
    out = []
    for i, word in enumerate(sentence):
        force = verbs.get(word.key)
        if force is None or inside_quotes(quotes, word.start):
            continue
        phrase = _subject_before(text, sentence, i)
        if phrase:
            start = phrase[0].start
            out.append(
                Attribution(_clean(text[start : phrase[-1].end]), word.text, force, start, word.end)
            )
    return out


def _subject_before(text: str, sentence: Sequence[Word], verb: int) -> list[Word]:
    """The noun phrase ending just before sentence[verb], or [] when there is none."""
    k = verb - 1
    while k >= 0 and (sentence[k].key in _AUXILIARIES or sentence[k].key.endswith("ly")):
        k -= 1
    phrase: list[Word] = []
    lower = 0
    title = False  # the phrase so far begins "the …" of a title: its link word joins next
    while k >= 0:
        word = sentence[k]
        gap = text[word.end : (phrase[0].start if phrase else sentence[k + 1].start)]
        abbreviation = gap.strip() == "." and word.text.isupper() and len(word.text) <= 2
        if gap.strip() and not abbreviation:  # punctuation ends the phrase, "U.N." does not
            break
        if word.key in _DETERMINERS:
            phrase.insert(0, word)
            if not _title_continues(text, sentence, k):
                break
            title = True
            k -= 1
            continue
        if word.key in _LINKS and phrase and (phrase[0].text[:1].isupper() or title):
            phrase.insert(0, word)
            title = False
        elif word.text[:1].isupper():
            phrase.insert(0, word)
        elif _may_extend(word, phrase, lower):
            # lower-case words are head nouns ("US government officials"); before a name only
            # a source noun continues the phrase ("Russia’s ambassador to North Korea")
            lower += 1
            phrase.insert(0, word)
        else:
            break
        k -= 1
    while phrase and phrase[0].key in _LINKS:
        phrase.pop(0)
    return phrase if _is_source(phrase) else []


def _title_continues(text: str, sentence: Sequence[Word], k: int) -> bool:
    """Whether the subject phrase goes on before the article at sentence[k]: "the Minister for
    | the Environment", "Secretary of | the Interior", "the head of | the agency" (a link word
    right before it, and before that a capitalised word or a source noun, no punctuation)."""
    if k < 2 or sentence[k - 1].key not in _LINKS:
        return False
    head = sentence[k - 2]
    if text[head.end : sentence[k].start].strip(" ") != sentence[k - 1].text:
        return False  # punctuation between: "…, in the city," is no title
    return head.text[:1].isupper() or head.key in source_nouns()


def _may_extend(word: Word, phrase: list[Word], lower: int) -> bool:
    """May a lower-case word join the subject phrase read backwards so far?"""
    if lower >= MAX_LOWER_WORDS or word.key in _PRONOUNS or not word.key.isalpha():
        return False
    if word.key in STOPWORDS or word.key in reporting_verbs() or word.key in _AUXILIARIES:
        return False
    named = any(w.text[:1].isupper() for w in phrase)
    return not named or word.key in source_nouns()


def _is_source(phrase: list[Word]) -> bool:
    """A phrase names a source: a capitalised word or a source noun, and a non-pronoun head."""
    if not phrase or phrase[-1].key in _PRONOUNS or phrase[-1].key in _DETERMINERS:
        return False
    if phrase[-1].key in STOPWORDS:
        return False
    named = any(w.text[:1].isupper() and w.key not in _DETERMINERS for w in phrase)
    return named or any(w.key in source_nouns() for w in phrase)


def _phrase_attributions(text: str, quotes) -> list[Attribution]:
    out = []
    for m in [*_PHRASE_AFTER.finditer(text), *_TOLD.finditer(text), *_SAID_NAME.finditer(text)]:
        if inside_quotes(quotes, m.start("verb")):
            continue
        if m.group("verb") == "told" and not _is_outlet(m.group("src")):
            continue  # "told MPs": an audience, not a source
        source = _clean(m.group("src"))
        phrase = words(source)
        if source and _is_source(phrase) and len(phrase) <= 8:
            out.append(Attribution(source, m.group("verb"), "neutral", m.start(), m.end()))
    return out


def _is_outlet(name: str) -> bool:
    """A name that ends with a news-outlet word ("The New York Times", "Reuters")."""
    parts = words(name)
    return bool(parts) and parts[-1].key in news_outlet_words()


def _apposition_attributions(text: str, quotes) -> list[Attribution]:
    out = []
    for m in [*_APPOSITION.finditer(text), *_NAME_IN_APPOSITION.finditer(text)]:
        force = reporting_verbs().get(fold(m.group("verb")))
        if force is None or inside_quotes(quotes, m.start()):
            continue
        out.append(Attribution(_clean(m.group("src")), m.group("verb"), force, m.start(), m.end()))
    return out


def _clean(source: str) -> str:
    """Trim punctuation and time words; drop lower-case modifiers before a capitalised name;
    lower-case a leading "A"/"An" (sentence-initial) so anonymous sources read as written."""
    source = re.sub(r"\s+(?:yesterday|today|recently|last \w+)$", "", source.strip(" ,.;:"))
    parts = source.split()
    first_cap = next((i for i, p in enumerate(parts) if p[:1].isupper()), None)
    if first_cap and all(p.islower() and p not in _DETERMINERS for p in parts[:first_cap]):
        parts = parts[first_cap:]
    if parts and parts[0] in ("A", "An") and len(parts) > 1:
        parts[0] = parts[0].lower()
    return " ".join(parts)
