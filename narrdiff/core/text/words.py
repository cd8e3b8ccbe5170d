"""Words: the one tokenizer, the one stemmer, stopwords and number words for all of narrdiff.

Rules
-----
- A *word* is a run of letters or digits with inner hyphens and apostrophes ("war-shattered",
  "Russia’s"), or a number with grouping commas or a decimal point ("5,000", "3.5"), with its
  character span in the sentence (`words`). Its *key* is case-folded with curly apostrophes
  straightened; a trailing possessive "'s" is dropped from the key (`fold`).
- A *token* (`tokens`) is a word, a run of whitespace or one punctuation mark: tokens cover a
  text without gaps, which the word diff needs.
- `stem()` is a crude, symmetric suffix stripper for regular forms only ("buys"/"buying" →
  "buy"; "missiles"/"missile" → "missil"; "bought" stays). It is for equality tests, never
  shown to a reader.
- Numbers: "three" = "3", "5,000" = "5000" (`number_value`).

This is the only place in narrdiff that says what a word is. It depends on nothing else in
narrdiff and must not import Qt, numpy or the encoder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours out
    over own same she should so some such than that the their theirs them then there these they
    this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours said says say told according mr mrs ms also one new
    its it's who's however would could may might must shall us s t""".split()
)

NUMBER_WORDS = {
    w: str(n)
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBER_WORDS.update({"thirty": "30", "forty": "40", "fifty": "50", "hundred": "100"})

_WORD = re.compile(r"\d+(?:[.,]\d+)*(?![\w-])|[^\W_]+(?:[-'’‘][^\W_]+)*", re.UNICODE)
SCALE_WORDS = frozenset(
    "hundred hundreds thousand thousands million millions billion billions trillion trillions "
    "dozen dozens".split()
)
# forms of "to be": before a reporting or belief verb they make it passive ("is said to", "is
# believed to"), which names no one
BE_FORMS = frozenset("is are was were be been being".split())
# "May" is left out: the modal verb and the name (Theresa May) are far more common in news.
MONTHS = frozenset(
    "january february march april june july august september october november december".split()
)


@dataclass(frozen=True)
class Word:
    """A word of a sentence with its character span and folded key."""

    text: str
    start: int
    end: int
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", fold(self.text))


def fold(text: str) -> str:
    """The comparison form of a word: case-folded, apostrophes straightened, no possessive."""
    key = text.casefold().replace("’", "'").replace("‘", "'")
    return key[:-2] if key.endswith("'s") else key


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[Word, ...]:
    """The words of `text`, in order (cached: framing reads each sentence many times)."""
    return tuple(Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text))


def stem(key: str) -> str:
    """A crude stem for equality tests: regular plural, -ing and -ed forms meet their base."""
    for suffix in ("ings", "ing", "ies", "ied", "es", "ed", "s"):
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            key = key[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            if suffix in ("ing", "ed", "ings") and len(key) > 3 and key[-1] == key[-2]:
                key = key[:-1]  # "shipped" → "ship"
            break
    return key[:-1] if key.endswith("e") and len(key) > 3 else key


def is_content(word: Word) -> bool:
    """A word that carries meaning: not a stopword, or an all-capitals abbreviation ("US")."""
    if word.text.isupper() and len(word.text) >= 2:
        return True
    return word.key not in STOPWORDS and len(word.key) >= 2 and not word.key.isdigit()


def number_value(word: Word) -> str | None:
    """The normalised value of a number word ("three" → "3", "5,000" → "5000"), else None.

    Digits glued to letters ("Mohajer-6") are names, not numbers; month names count only when
    capitalised ("March", not "march").
    """
    key = word.key
    if key in NUMBER_WORDS:
        return NUMBER_WORDS[key]
    if key in SCALE_WORDS:
        return key.rstrip("s")
    if key in MONTHS and word.text[:1].isupper():
        return key
    if re.fullmatch(r"\d+(?:[.,]\d+)*", key):
        return re.sub(r",(?=\d{3}\b)", "", key)
    return None


_TOKEN = re.compile(r"\w+(?:[-'’‘]\w+)*|\s+|[^\w\s]", re.UNICODE)


def tokens(text: str) -> list[tuple[int, int]]:
    """Token spans (start, end) covering `text` without gaps: words, whitespace, punctuation."""
    return [m.span() for m in _TOKEN.finditer(text)]


def token_texts(text: str) -> list[str]:
    """The tokens themselves, cut as `tokens` cuts them; joined they give `text` back (every
    character is a word character, white space or other, so the pattern leaves no gap)."""
    return _TOKEN.findall(text)


def normalise_number(token: str) -> str:
    """'5,000' → '5000', '3.50' stays '3.50': a comma before three digits is grouping."""
    return re.sub(r",(?=\d{3}\b)", "", token).rstrip(".,")
