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
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from narrdiff.core.text.words import NUMBER_WORDS, STOPWORDS, normalise_number, stem, words


@lru_cache(maxsize=16384)
def content_terms(sentence: str) -> frozenset[str]:
    """The content terms of a sentence: stems of non-stopwords, and numbers ("six" → "6").

    Cached: the lexical overlap and the pair scorer's features read the same sentences."""
    text = unicodedata.normalize("NFKC", sentence)
    terms = set()
    for word in words(text):
        if word.text[0].isdigit():
            terms.add(normalise_number(word.text))
        elif word.key in NUMBER_WORDS:
            terms.add(NUMBER_WORDS[word.key])
        elif word.key not in STOPWORDS and len(word.key) >= 2:
            terms.add(stem(word.key))
    return frozenset(terms)


class LexicalIndex:
    """Lexical features of all sentences of one comparison.

    texts[k]: the sentences of article k. IDF is log(1 + N / df) over all N sentences, so a word
    found in every sentence still weighs a little and a word found in two weighs most.
    """

    def __init__(self, texts: Sequence[Sequence[str]]) -> None:
        self._words = self._matrices([[content_terms(s) for s in article] for article in texts])
        self._used = [(m != 0).any(axis=0) for m in self._words]  # (V,) bool: terms it uses

    @staticmethod
    def _matrices(sets: list[list[set[str]]]) -> list[np.ndarray]:
        """Per article an (n_k, V) float32 matrix of IDF-weighted, L2-normalised rows (float32
        halves the memory of a 24-article comparison; the overlap needs no more precision).

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
            m = np.zeros((len(article), len(vocab)), dtype=np.float32)
            for row, items in enumerate(article):
                cols = [vocab[i] for i in items]
                m[row, cols] = weight[cols]
            norms = np.linalg.norm(m, axis=1, keepdims=True)
            out.append(m / np.where(norms > 0, norms, 1.0))
        return out

    def overlap(self, a: int, b: int) -> np.ndarray:
        """(n_a, n_b) float64 IDF-weighted cosine of the content words, in [0, 1]."""
        # only terms both articles use add anything: a product over those few columns, not over
        # the whole comparison's vocabulary (~5,000 terms for 20 long articles, 20x the work)
        shared = np.flatnonzero(self._used[a] & self._used[b])
        return (self._words[a][:, shared] @ self._words[b][:, shared].T).astype(np.float64)
