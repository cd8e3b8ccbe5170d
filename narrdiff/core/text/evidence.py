"""Checkable details of one sentence: names, numbers with what they count, dates and clock times.

Two reports of one fact share these details; two look-alike stories (two earthquakes, two
contract signings) share the topic words but not the date, the death toll or the person. The
linker (narrdiff.core.link.scorer) reads agreement and conflict of these details between two
sentences; the framing lens reads the same extraction for number mismatches. This is the one
place that extracts them.

Rules
-----
- Words come from `lexicon.words` (spans into the sentence; keys case-folded, possessive dropped).
- A *name* is a run of capitalised words ("Ali Dizaei", "Southwark Crown Court"), or a word in
  capitals of two or more letters ("US", "NATO", a headline's "RUSSIA"); "of", "de", "al", "bin",
  "van", "von", "der", "la", "and" may join two capitalised words inside one run ("Bank of
  England"). The sentence's first word counts only when it is not a stopword or a common
  sentence opener (COMMON_OPENERS) and is not a number word. Months and weekdays are dates, not
  names. Its key is the tuple of its word keys; `name_words` are those keys, the units two
  sentences are compared by ("Dizaei" agrees with "Ali Dizaei").
- A *number* is digits ("5,000" = 5000, "3.5"), a number word ("three", "twenty-five",
  "a dozen"), or either followed by scale words ("2.5 million" = 2500000, "millions" alone =
  1000000 with `approximate`). A currency sign or code before it ("$", "£", "€", "US$") becomes
  its unit; otherwise the unit is the stem of the first content word after it, skipping up to
  two stopwords and "more", "than", "least", "about" ("at least 15 more people" → "peopl";
  "7.1 magnitude" → "magnitud"; "45-year-old" → "year-old"; "30 percent" / "30%" → "percent").
  A number with no such word has unit "". Digits glued to letters ("Mohajer-6", "G8") are names.
  A four-digit number 1800–2099 with no unit is a year (a date), not a number. Ordinals ("21st")
  are numbers with unit "th".
- A *date* is a month with or without a day ("March 3", "3 March", "March"), a weekday, a year,
  an ISO or slashed date ("2009-03-03", "3/3/2009"), or a relative day ("yesterday", "today",
  "tonight", "last night"). Its key says which kind and which value: "month:3", "day:3",
  "year:2009", "weekday:2", "rel:yesterday". Capitalised "May" counts as the month only after
  a day or before a day or year ("May 3", "3 May", "May 2009"); bare "May" is too often a name
  or a modal verb.
- A *time* is a clock time ("3:30 p.m." = "15:30", "10 am" = "10:00", "14:00 GMT", "noon",
  "midnight"); its key is "HH:MM" on a 24-hour clock, or "H?:MM" when am/pm is not said and the
  hour is 1–12 (so "3:30" agrees with "3:30 pm" and "15:30").

Everything is pure and deterministic: one sentence in, frozen values out; `evidence()` is cached
because linking and framing read the same sentences many times. No spaCy, no model, no Qt.

Glossary
--------
span      (start, end) character offsets into the sentence, as Python str indices.
unit      what a number counts: a stemmed head noun, a currency, "percent", "th", or "".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from narrdiff.core.text import lexicon
from narrdiff.core.text.when import (
    _DAY_WORDS,
    _MONTH_WORDS,
    _ORDINAL,
    TimeRef,
    clock_set,
    clock_times,
    dates_of,
)
from narrdiff.core.text.words import STOPWORDS

__all__ = [
    "COMMON_OPENERS",
    "Agreement",
    "Evidence",
    "Name",
    "Quantity",
    "TimeRef",
    "agreement",
    "evidence",
]

COMMON_OPENERS = frozenset(
    """police officials authorities residents witnesses rescuers investigators prosecutors
    officers soldiers troops protesters doctors experts analysts critics reports report
    earlier later meanwhile yesterday today tonight last following despite although though
    since during after before while when where although once many several some most few both
    people president prime minister government army military court judge
    """.split()
)

_JOINERS = frozenset("of de del da di al el bin ibn van von der den la le du and y".split())
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "m": 1e6, "bn": 1e9, "k": 1e3,
}  # fmt: skip
_CURRENCY = {"$": "usd", "us$": "usd", "£": "gbp", "€": "eur", "¥": "jpy", "usd": "usd",
             "gbp": "gbp", "eur": "eur"}  # fmt: skip
_CURRENCY_WORDS = {"dollar": "usd", "dollars": "usd", "pound": "gbp", "pounds": "gbp",
                   "euro": "eur", "euros": "eur"}  # fmt: skip
_SKIP_AFTER = frozenset("more than least about around nearly almost some over under".split())
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_GLUED_AGE = re.compile(
    r"(\d+)-(year|month|week|day|hour|minute|mile|kilometre|km|metre)s?-?(old|long)?"
)


@dataclass(frozen=True)
class Name:
    """A capitalised name span: its text, span and the folded keys of its words."""

    text: str
    start: int
    end: int
    words: tuple[str, ...]


@dataclass(frozen=True)
class Quantity:
    """A number with what it counts: "15 people" → value 15.0, unit "peopl"."""

    text: str
    start: int
    end: int
    value: float
    unit: str
    approximate: bool = False  # "millions", "dozens": an order of magnitude, not a count


@dataclass(frozen=True)
class Evidence:
    """All checkable details of one sentence."""

    text: str
    names: tuple[Name, ...]
    quantities: tuple[Quantity, ...]
    dates: tuple[TimeRef, ...]
    times: tuple[TimeRef, ...]

    @property
    def name_words(self) -> frozenset[str]:
        """The folded words of every name, joiners left out: what name agreement is tested on."""
        return frozenset(w for n in self.names for w in n.words if w not in _JOINERS)

    @property
    def date_keys(self) -> frozenset[str]:
        return frozenset(d.key for d in self.dates)

    @property
    def time_keys(self) -> frozenset[str]:
        return frozenset(t.key for t in self.times)

    def values(self) -> frozenset[float]:
        """The exact values of its numbers (approximate ones left out)."""
        return frozenset(q.value for q in self.quantities if not q.approximate)


@lru_cache(maxsize=16384)
def evidence(sentence: str) -> Evidence:
    """Names, quantities, dates and clock times of one sentence (pure; cached)."""
    words = lexicon.words(sentence)
    times, time_spans = clock_times(sentence)
    dates, used = dates_of(sentence, words)
    quantities = _quantities(sentence, words, used | time_spans, dates)
    names = _names(sentence, words, used)
    return Evidence(sentence, tuple(names), tuple(quantities), tuple(dates), tuple(times))


@dataclass(frozen=True)
class Agreement:
    """How the details of two sentences agree and conflict (symmetric in the two sentences).

    names_shared: name words both use; names_only: name words one side has that the other does
        not (counted over both sides); name_conflict: both name someone or something and share
        no name word.
    numbers_shared: values both state; number_conflict: count of units both sentences give a
        number for, with different values ("15 people" / "20 people", "7.1 magnitud" /
        "6.5 magnitud"); numbers_only: values one side states that the other lacks.
    dates_shared / date_conflict: date keys both have; kinds (month, day, year, weekday,
        relative day) both state with no value in common. Likewise for clock times.
    """

    names_shared: int
    names_only: int
    name_conflict: bool
    numbers_shared: int
    numbers_only: int
    number_conflict: int
    dates_shared: int
    date_conflict: int
    times_shared: int
    time_conflict: bool


def agreement(a: Evidence, b: Evidence) -> Agreement:
    """Agreement and conflict of two sentences' details; agreement(a, b) == agreement(b, a)."""
    na, nb = a.name_words, b.name_words
    va, vb = a.values(), b.values()
    units_a: dict[str, set[float]] = {}
    units_b: dict[str, set[float]] = {}
    for q in a.quantities:
        if q.unit and not q.approximate:
            units_a.setdefault(q.unit, set()).add(q.value)
    for q in b.quantities:
        if q.unit and not q.approximate:
            units_b.setdefault(q.unit, set()).add(q.value)
    number_conflict = sum(
        1 for unit in units_a.keys() & units_b.keys() if not units_a[unit] & units_b[unit]
    )
    da, db = a.date_keys, b.date_keys
    kinds = {k.split(":")[0] for k in da} & {k.split(":")[0] for k in db}
    date_conflict = sum(
        1
        for kind in kinds
        if not {k for k in da if k.startswith(kind + ":")} & {k for k in db if k.startswith(kind)}
    )
    ta, tb = clock_set(a.time_keys), clock_set(b.time_keys)
    return Agreement(
        names_shared=len(na & nb),
        names_only=len(na ^ nb),
        name_conflict=bool(na and nb and not na & nb),
        numbers_shared=len(va & vb),
        numbers_only=len(va ^ vb),
        number_conflict=number_conflict,
        dates_shared=len(da & db),
        date_conflict=date_conflict,
        times_shared=len(ta & tb),
        time_conflict=bool(ta and tb and not ta & tb),
    )


def _number_value(key: str) -> tuple[float, str] | None:
    """(value, kind) of one word: kind "n" (cardinal), "th" (ordinal), "scale"; else None."""
    if _DIGITS.fullmatch(key):
        plain = re.sub(r",(?=\d{3}\b)", "", key)
        try:
            return float(plain.replace(",", ".")), "n"
        except ValueError:
            return None
    if m := _ORDINAL.fullmatch(key):
        return float(m.group(1)), "th"
    if key in _UNITS:
        return float(_UNITS[key]), "n"
    if "-" in key:
        parts = key.split("-")
        if len(parts) == 2 and parts[0] in _UNITS and parts[1] in _UNITS:
            return float(_UNITS[parts[0]] + _UNITS[parts[1]]), "n"
    if key in _ORDINAL_WORDS:
        return float(_ORDINAL_WORDS[key]), "th"
    base = key[:-1] if key.endswith("s") else key
    if base in _SCALES and len(base) > 2:
        return _SCALES[base], "scale"
    return None


def _quantities(
    text: str, words: tuple[lexicon.Word, ...], used: set[int], dates: list[TimeRef]
) -> list[Quantity]:
    out: list[Quantity] = []
    n = len(words)
    k = 0
    while k < n:
        w = words[k]
        if w.start in used:
            k += 1
            continue
        glued = _GLUED_AGE.fullmatch(w.key)
        if glued:
            unit = glued.group(2) + ("-" + glued.group(3) if glued.group(3) else "")
            out.append(Quantity(w.text, w.start, w.end, float(glued.group(1)), unit))
            k += 1
            continue
        parsed = _number_value(w.key)
        if parsed is None or (
            parsed[1] == "th"
            and not w.key[0].isdigit()
            and k + 1 < n
            and not words[k + 1].key.isalpha()
        ):
            k += 1
            continue
        if parsed[1] == "n" and w.key in ("one",) and not _counts_follow(words, k):
            k += 1  # "one of the", "one day": a pronoun more often than a count
            continue
        value, kind = parsed
        approximate = kind == "scale"
        j = k + 1
        # "2.5 million", "three hundred thousand", "twenty five"
        while j < n and words[j].start not in used:
            nxt = _number_value(words[j].key)
            if nxt is None or nxt[1] == "th":
                break
            if nxt[1] == "scale":
                value = value * nxt[0] if kind != "scale" else value * nxt[0]
                approximate = approximate and kind == "scale"
            elif kind == "n" and value >= 20 and value % 10 == 0 and nxt[0] < 10:
                value += nxt[0]
            else:
                break
            kind = "n" if kind != "scale" else kind
            j += 1
        if kind == "scale" and k > 0 and words[k - 1].key == "a":
            approximate = False  # "a million"
        start, end = w.start, words[j - 1].end
        unit = "th" if parsed[1] == "th" else ""
        prefix = text[max(0, start - 3) : start].casefold().replace(" ", "")
        for sign, code in _CURRENCY.items():
            if prefix.endswith(sign):
                unit = code
                start = start - len(sign)
                break
        if not unit:
            tail = text[end : end + 2]
            if tail.startswith("%"):
                unit = "percent"
            else:
                unit = _head_noun(text, words, j, end)
        out.append(Quantity(text[start:end], start, end, value, unit, approximate))
        k = j
    return out


def _counts_follow(words: tuple[lexicon.Word, ...], k: int) -> bool:
    return k + 1 < len(words) and words[k + 1].key not in STOPWORDS and words[k + 1].key.isalpha()


def _head_noun(text: str, words: tuple[lexicon.Word, ...], j: int, end: int) -> str:
    """The stem of the first content word after position j, skipping up to two fillers.

    The search stops at punctuation ("Dizaei, 45, was jailed" counts nothing).
    """
    skipped = 0
    while j < len(words) and skipped <= 2:
        if re.search(r"[^\s\w$£€-]", text[end : words[j].start]):
            return ""
        end = words[j].end
        key = words[j].key
        if key in ("percent", "per", "pc"):
            return "percent"
        if key in _CURRENCY_WORDS:
            return _CURRENCY_WORDS[key]
        if key in _SKIP_AFTER or key in STOPWORDS:
            skipped += 1
            j += 1
            continue
        if not key.isalpha() and "-" not in key:
            return ""
        return lexicon.stem(key)
    return ""


def _names(text: str, words: tuple[lexicon.Word, ...], used: set[int]) -> list[Name]:
    out: list[Name] = []
    run: list[lexicon.Word] = []

    def close() -> None:
        while run and run[-1].key in _JOINERS:
            run.pop()
        if run:
            keys = tuple(w.key for w in run)
            out.append(Name(text[run[0].start : run[-1].end], run[0].start, run[-1].end, keys))
        run.clear()

    first_word = True
    for k, w in enumerate(words):
        capital = _is_name_word(w) and w.start not in used
        if (
            capital
            and first_word
            and (w.key in STOPWORDS or w.key in COMMON_OPENERS or _number_value(w.key) is not None)
        ):
            capital = False
        if capital and (w.key in _MONTH_WORDS or w.key in _DAY_WORDS):
            capital = False
        first_word = False
        if capital:
            run.append(w)
        elif (
            run
            and w.key in _JOINERS
            and w.text.islower()
            and k + 1 < len(words)
            and _is_name_word(words[k + 1])
        ):
            run.append(w)
        else:
            close()
        # a run does not cross punctuation: "Paris, France" is two names
        if run and k + 1 < len(words) and text[w.end : words[k + 1].start].strip():
            close()
    close()
    return out


def _is_name_word(w: lexicon.Word) -> bool:
    t = w.text
    if not t[:1].isalpha():
        return False
    if t.isupper() and len(t) >= 2:
        return True
    return t[:1].isupper() and not (len(t) == 1)
