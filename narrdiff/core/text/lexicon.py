"""Word lists for framing: phrase matching with inflections, and the resource tables.

What a word is, its key and its stem are defined once, in `narrdiff.core.text.words`; this
module re-exports them for the framing code.

Rules
-----
- A *word* is a run of letters or digits with inner hyphens and apostrophes ("war-shattered",
  "Russia’s"), or a number with grouping commas or a decimal point ("5,000", "3.5"), with its
  character span in the sentence. Its *key* is case-folded with curly
  apostrophes straightened; a trailing possessive "'s" is dropped from the key.
- `stem()` is a crude, symmetric suffix stripper for regular forms only ("buys"/"buying" →
  "buy"; "missiles"/"missile" → "missil"; "bought" stays). It is for equality tests, never
  shown to a reader.
- A one-word list entry matches its regular inflections (`inflects`): "regime" matches
  "regimes", "slam" matches "slammed". A phrase entry matches consecutive words, its first word
  inflected ("expect to" matches "expected to").
- The tables live in resources/*.txt (loaded_words, hedges, reporting_verbs, synonyms), each
  with a header stating its format, so editors extend them without touching code. They are read
  once, with importlib.resources.

Glossary
--------
word      a `Word`: text, start, end, key.
key       the folded form words are compared by.
content   a word that carries meaning: not a stopword (lexical.STOPWORDS), or written in capitals
          ("US").
group     a synonyms line: phrases any of which stands for the others.

This module reads only its own resource files; it knows nothing of articles or links and must not
import Qt or the encoder.
"""

from __future__ import annotations

from functools import cache

from narrdiff.core.text.words import (  # noqa: F401  (re-exported: framing reads them here)
    BE_FORMS,
    MONTHS,
    NUMBER_WORDS,
    SCALE_WORDS,
    STOPWORDS,
    Word,
    fold,
    is_content,
    number_value,
    stem,
    words,
)

_INFLECTION_TAILS = ("s", "es", "d", "ed", "ing", "ly")


def inflects(key: str, base: str) -> bool:
    """True when `key` is `base` or a regular inflection of it ("slammed" of "slam")."""
    if key == base or (key.startswith(base) and key[len(base) :] in _INFLECTION_TAILS):
        return True
    if base.endswith("e") and key == base[:-1] + "ing":
        return True
    if base.endswith("y") and key[: len(base) - 1] == base[:-1]:
        return key[len(base) - 1 :] in ("ies", "ied")
    return key.startswith(base + base[-1]) and key[len(base) + 1 :] in ("ed", "ing")


def find_phrase(sentence: list[Word], phrase: tuple[str, ...]) -> list[tuple[int, int]]:
    """Word-index ranges [i, j) where `phrase` (keys) occurs; its first word may be inflected."""
    return [(i, j) for p, i, j in find_phrases(sentence, (phrase,))]


def find_phrases(
    sentence: list[Word], phrases: tuple[tuple[str, ...], ...]
) -> list[tuple[tuple[str, ...], int, int]]:
    """(phrase, i, j) for every occurrence of any of `phrases` (first word may be inflected)."""
    index = _first_word_index(phrases)
    out = []
    for i, word in enumerate(sentence):
        for base in _bases(word.key):
            for phrase in index.get(base, ()):
                n = len(phrase)
                if i + n > len(sentence) or not inflects(word.key, phrase[0]):
                    continue
                if all(sentence[i + k].key == phrase[k] for k in range(1, n)):
                    out.append((phrase, i, i + n))
    return sorted(set(out), key=lambda hit: (hit[1], hit[2]))


@cache
def _first_word_index(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        index.setdefault(phrase[0], []).append(phrase)
    return index


# --- resource tables ------------------------------------------------------------------------


def _lines(name: str) -> list[str]:
    """Entry lines of resources/<name>: comments and blank lines removed."""
    from importlib.resources import files

    text = files("narrdiff.resources").joinpath(name).read_text(encoding="utf-8")
    out = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(w.key for w in words(text))


@cache
def loaded_words() -> tuple[tuple[str, ...], ...]:
    """Entries of resources/loaded_words.txt as key tuples."""
    return tuple(p for p in (_phrase(line) for line in _lines("loaded_words.txt")) if p)


@cache
def hedges() -> dict[tuple[str, ...], str]:
    """resources/hedges.txt: phrase (keys) → kind (possibility, hearsay, belief, likelihood)."""
    out = {}
    for line in _lines("hedges.txt"):
        phrase, _, kind = line.rpartition(" ")
        out[_phrase(phrase)] = kind.strip()
    return out


HEDGE_ORDER = ("possibility", "hearsay", "belief", "likelihood")
"""Hedge kinds from least to most certain."""


@cache
def _reporting_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in _lines("reporting_verbs.txt"):
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
        else:
            sections.setdefault(current, []).append(line)
    return sections


@cache
def reporting_verbs() -> dict[str, str]:
    """resources/reporting_verbs.txt [verbs]: verb form (key) → force."""
    out = {}
    for line in _reporting_sections().get("verbs", []):
        form, _, force = line.partition(" ")
        out[fold(form)] = force.strip()
    return out


@cache
def source_nouns() -> frozenset[str]:
    """resources/reporting_verbs.txt [source nouns]."""
    return frozenset(fold(w) for w in _reporting_sections().get("source nouns", []))


@cache
def news_outlet_words() -> frozenset[str]:
    """resources/reporting_verbs.txt [news outlets]: last words that make a name an outlet."""
    return frozenset(fold(w) for w in _reporting_sections().get("news outlets", []))


@cache
def synonym_groups() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """resources/synonyms.txt: groups of phrases (keys) that stand for one another."""
    return tuple(
        tuple(_phrase(p) for p in line.split(" = ") if _phrase(p))
        for line in _lines("synonyms.txt")
    )


@cache
def _capital_keys() -> frozenset[str]:
    """Keys of synonym entries written in capitals ("US", "UN"): they match capitals only, so
    the pronoun "us" is not the United States."""
    return frozenset(
        fold(w.text)
        for line in _lines("synonyms.txt")
        for w in words(line)
        if w.text.isupper() and len(w.text) >= 2
    )


def _same_word(word: Word, key: str, *, inflected: bool = False) -> bool:
    if key in _capital_keys() and not word.text.replace(".", "").isupper():
        return False
    return inflects(word.key, key) if inflected else word.key == key


@cache
def _synonym_index() -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    """First key of each synonym phrase → (group, phrase)."""
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for g, group in enumerate(synonym_groups()):
        for phrase in group:
            index.setdefault(phrase[0], []).append((g, phrase))
    return index


def _bases(key: str) -> set[str]:
    """Keys `key` may be a regular inflection of (the inverse of `inflects`, loosely)."""
    out = {key}
    for tail in _INFLECTION_TAILS:
        if key.endswith(tail) and len(key) > len(tail) + 1:
            base = key[: -len(tail)]
            out |= {base, base + "e", base[:-1], base + "y"}
    return out


def synonym_hits(sentence: list[Word]) -> list[tuple[int, int, int]]:
    """(group, i, j): word ranges [i, j) of `sentence` that spell a phrase of a synonym group.

    The last word of a phrase may be inflected ("buys" for "buy").
    """
    index = _synonym_index()
    out = []
    for i, word in enumerate(sentence):
        for base in _bases(word.key):
            for g, phrase in index.get(base, ()):
                n = len(phrase)
                if i + n > len(sentence):
                    continue
                head_ok = all(_same_word(sentence[i + k], phrase[k]) for k in range(n - 1))
                if head_ok and _same_word(sentence[i + n - 1], phrase[-1], inflected=True):
                    out.append((g, i, i + n))
    return sorted(set(out))
