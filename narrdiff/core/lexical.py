"""Lexical evidence for alignment: IDF-weighted overlap of content words.

`LexicalIndex` reads the sentences of one comparison once and answers, for any two articles, an
(n_a, n_b) matrix of how much content vocabulary two sentences share. Each word is weighted by how
rare it is *within this comparison*: the story's own topic words ("Russia", "North Korea") appear
in many sentences and count little, while the names, numbers and rare words that pin down one
fact count most. Numbers are terms too ("5,000" = "5000"; "six" = "6").

Sentence embeddings blur exactly those details (two different casualty reports embed alike), so
this overlap is the aligner's second opinion.

It is pure Python + numpy, language-light (an English stopword list and suffix stripping; other
languages still get exact-word overlap), and never calls an encoder or imports Qt.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

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


def _stem(word: str) -> str:
    """A crude suffix stripper: enough to meet "killed"/"kills"/"killing" at "kill"."""
    for suffix in ("ingly", "ings", "ing", "edly", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:8]


def _number(token: str) -> str:
    """'5,000' → '5000', '3.50' stays '3.50'; a comma followed by three digits is grouping."""
    return re.sub(r",(?=\d{3}\b)", "", token).rstrip(".,")


@lru_cache(maxsize=16384)
def content_terms(sentence: str) -> frozenset[str]:
    """The content terms of a sentence: stems of non-stopwords, and numbers ("six" → "6").

    Cached: the lexical overlap and the pair scorer's features read the same sentences."""
    text = unicodedata.normalize("NFKC", sentence)
    terms = set()
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0].isdigit():
            terms.add(_number(token))
            continue
        low = token.casefold().replace("’", "'")
        if low in NUMBER_WORDS:
            terms.add(NUMBER_WORDS[low])
        elif low not in STOPWORDS and len(low) >= 2:
            terms.add(_stem(low))
    return frozenset(terms)


class LexicalIndex:
    """Lexical features of all sentences of one comparison.

    texts[k]: the sentences of article k. IDF is log(1 + N / df) over all N sentences, so a word
    found in every sentence still weighs a little and a word found in two weighs most.
    """

    def __init__(self, texts: Sequence[Sequence[str]]) -> None:
        self._words = self._matrices([[content_terms(s) for s in article] for article in texts])

    @staticmethod
    def _matrices(sets: list[list[set[str]]]) -> list[np.ndarray]:
        """Per article an (n_k, V) float64 matrix of IDF-weighted, L2-normalised rows.

        The vocabulary is sorted so that the columns do not depend on the article order: swapping
        two articles must mirror the scores exactly.
        """
        df: dict[str, int] = {}
        for article in sets:
            for items in article:
                for item in items:
                    df[item] = df.get(item, 0) + 1
        vocab = {item: col for col, item in enumerate(sorted(df))}
        n = max(1, sum(len(a) for a in sets))
        weight = np.array([math.log(1.0 + n / df[item]) for item in vocab], dtype=np.float64)
        out = []
        for article in sets:
            m = np.zeros((len(article), len(vocab)), dtype=np.float64)
            for row, items in enumerate(article):
                cols = [vocab[i] for i in items]
                m[row, cols] = weight[cols]
            norms = np.linalg.norm(m, axis=1, keepdims=True)
            out.append(m / np.where(norms > 0, norms, 1.0))
        return out

    def overlap(self, a: int, b: int) -> np.ndarray:
        """(n_a, n_b) float64 IDF-weighted cosine of the content words, in [0, 1].

        Only the terms both articles use can contribute, so only those columns are multiplied
        (the full vocabulary of 20 articles made this a dense product of thousands of columns).
        """
        wa, wb = self._words[a], self._words[b]
        common = np.flatnonzero((wa > 0).any(axis=0) & (wb > 0).any(axis=0))
        return wa[:, common] @ wb[:, common].T
