"""Link evidence kept beside the embeddings, so a re-opened comparison skips scoring.

Scoring every sentence pair (features, the learned model's probabilities, the lexical overlap)
was the largest part of re-opening 20 cached articles (about 7 of 12 s profiled). Its result,
`LinkScores`, depends only on the linkable sentences, their vectors and the code and model that
score them, so it is stored as one record of the embedding cache's file per comparison:

- key: sha1 of a fingerprint of the scoring code and shipped model (the sources of the link and
  text packages and the resource files) and of every article's sentences and vector bytes, in
  order. Any change to one of them misses the record instead of returning stale evidence.
- value: for each article pair a < b, only the sentence pairs whose probability reaches the
  lowest link band any strictness uses (`AlignOptions.from_strictness(0).link`), with their
  probability and blended similarity as float64, exactly as computed. A pair below that band
  never links, so re-linking from a kept record decides exactly as from fresh evidence, at
  every strictness the slider offers.
Evidence of more than MAX_KEPT_ENTRIES sentence pairs (thousands of near-copies) is not kept:
such a record would cost more to store and read than scoring saves. A record that does not
decode, or does not fit the sentences, is a miss. Without a cache this is
`LinkScores(texts, vectors)`. Never imports Qt, never prints.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from narrdiff.core.link.align import AlignOptions
from narrdiff.core.link.cache import EmbeddingCache
from narrdiff.core.link.parsed import source_fingerprint
from narrdiff.core.link.scores import LinkScores, PairEvidence, as_matrix

KIND = "link-evidence"
_SOURCES = (
    ("narrdiff.core.link", ".py"),
    ("narrdiff.core.text", ".py"),
    ("narrdiff.resources", ".json"),
    ("narrdiff.resources", ".txt"),
)
MAX_KEPT_ENTRIES = 1_000_000
"""Most sentence pairs one record holds (24 bytes each)."""
_ENTRY = np.dtype([("i", "<u4"), ("j", "<u4"), ("p", "<f8"), ("score", "<f8")])


@lru_cache(maxsize=1)
def scorer_fingerprint() -> str:
    """A hash that changes whenever the evidence of the same sentences could differ."""
    return source_fingerprint(_SOURCES, "numpy")


def evidence_key(texts: Sequence[Sequence[str]], mats: Sequence[np.ndarray]) -> str:
    digest = hashlib.sha1(scorer_fingerprint().encode())
    for sentences, matrix in zip(texts, mats, strict=True):
        digest.update(b"\1" + "\0".join(sentences).encode("utf-8", "surrogatepass"))
        digest.update(b"\2" + np.ascontiguousarray(matrix, dtype=np.float32).tobytes())
    return digest.hexdigest()


def link_scores(
    texts: Sequence[Sequence[str]],
    vectors: Sequence[np.ndarray],
    cache: EmbeddingCache | None = None,
) -> LinkScores:
    """The comparison's LinkScores, from `cache` when this code scored these sentences before."""
    if cache is None:
        return LinkScores(texts, vectors)
    mats = [as_matrix(t, v) for t, v in zip(texts, vectors, strict=True)]
    key = evidence_key(texts, mats)
    sizes = [len(t) for t in texts]
    stored = cache.get_records(KIND, [key]).get(key)
    if stored is not None and (scores := _decode(stored, sizes)) is not None:
        return scores
    scores = LinkScores(texts, mats)
    if (record := _encode(scores)) is not None:
        cache.put_records(KIND, {key: record})
    return scores


def _lowest_band() -> float:
    return AlignOptions.from_strictness(0.0).link


def _encode(scores: LinkScores) -> bytes | None:
    """The record, or None when it would hold more than MAX_KEPT_ENTRIES pairs."""
    lowest = _lowest_band()
    counts, parts = [], []
    for _a, _b, evidence in scores.pairs():
        i, j = np.nonzero(evidence.p >= lowest)
        if sum(counts) + len(i) > MAX_KEPT_ENTRIES:
            return None
        part = np.empty(len(i), dtype=_ENTRY)
        part["i"], part["j"] = i, j
        part["p"], part["score"] = evidence.p[i, j], evidence.score[i, j]
        counts.append(len(i))
        parts.append(part)
    out = io.BytesIO()
    np.save(out, np.asarray(counts, dtype="<u4"), allow_pickle=False)
    np.save(out, np.concatenate(parts) if parts else np.empty(0, _ENTRY), allow_pickle=False)
    return out.getvalue()


def _decode(data: bytes, sizes: Sequence[int]) -> LinkScores | None:
    try:
        stream = io.BytesIO(data)
        counts = np.load(stream, allow_pickle=False)
        entries = np.load(stream, allow_pickle=False)
    except (ValueError, OSError, EOFError):
        return None
    pairs = [(a, b) for a in range(len(sizes)) for b in range(a + 1, len(sizes))]
    if entries.dtype != _ENTRY or len(counts) != len(pairs) or int(counts.sum()) != len(entries):
        return None
    kept: dict[tuple[int, int], PairEvidence] = {}
    start = 0
    for (a, b), count in zip(pairs, counts.tolist(), strict=True):
        part = entries[start : start + count]
        start += count
        if count and (part["i"].max() >= sizes[a] or part["j"].max() >= sizes[b]):
            return None
        p = np.zeros((sizes[a], sizes[b]))
        score = np.zeros((sizes[a], sizes[b]))
        p[part["i"], part["j"]] = part["p"]
        score[part["i"], part["j"]] = part["score"]
        kept[a, b] = PairEvidence(p, score)
    return LinkScores.kept(sizes, kept)
