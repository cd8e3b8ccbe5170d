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
    Each article keeps only the columns of the terms it uses (sorted vocabulary ids): a dense
    (n_k, V) matrix per article is 200 MB for 24 articles of 5,000 repetitive words.
    """

    ROW_BLOCK_BYTES = 8 * 2**20
    """Most bytes of the dense rows built at a time to weigh and normalise."""

    def __init__(self, texts: Sequence[Sequence[str]]) -> None:
        self._columns, self._words = self._matrices(
            [[content_terms(s) for s in article] for article in texts]
        )

    @classmethod
    def _matrices(cls, sets: list[list[set[str]]]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Per article the vocabulary ids it uses (sorted) and an (n_k, len(ids)) float32 matrix
        of IDF-weighted, L2-normalised rows over those columns (float32 halves the memory; the
        overlap needs no more precision).

        The vocabulary is sorted so that the columns do not depend on the article order: swapping
        two articles must mirror the scores exactly. Rows are weighed and normalised as dense
        rows over the whole vocabulary, a block at a time, so every value is the one a dense
        matrix gives (the norm's float32 sum depends on where the zeros lie).
        """
        df: dict[str, int] = {}
        for article in sets:
            for items in article:
                for item in items:
                    df[item] = df.get(item, 0) + 1
        vocab = {item: col for col, item in enumerate(sorted(df))}
        n = max(1, sum(len(a) for a in sets))
        weight = np.array([math.log(1.0 + n / df[item]) for item in vocab], dtype=np.float64)
        block = max(1, cls.ROW_BLOCK_BYTES // (4 * max(1, len(vocab))))
        columns, out = [], []
        for article in sets:
            used = np.array(sorted({vocab[i] for items in article for i in items}), dtype=np.intp)
            m = np.zeros((len(article), len(used)), dtype=np.float32)
            for lo in range(0, len(article), block):
                rows = np.zeros((len(article[lo : lo + block]), len(vocab)), dtype=np.float32)
                for row, items in enumerate(article[lo : lo + block]):
                    cols = [vocab[i] for i in items]
                    rows[row, cols] = weight[cols]
                norms = np.linalg.norm(rows, axis=1, keepdims=True)
                m[lo : lo + len(rows)] = (rows / np.where(norms > 0, norms, 1.0))[:, used]
            columns.append(used)
            out.append(m)
        return columns, out

    def overlap(self, a: int, b: int) -> np.ndarray:
        """(n_a, n_b) float64 IDF-weighted cosine of the content words, in [0, 1]."""
        # only terms both articles use add anything: a product over those few columns, not over
        # the whole comparison's vocabulary (~5,000 terms for 20 long articles, 20x the work)
        _, in_a, in_b = np.intersect1d(
            self._columns[a], self._columns[b], assume_unique=True, return_indices=True
        )
        return (self._words[a][:, in_a] @ self._words[b][:, in_b].T).astype(np.float64)
