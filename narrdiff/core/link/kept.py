"""Link evidence kept beside the embeddings, so a re-opened comparison skips scoring.

Scoring every sentence pair (features, the learned model's probabilities, the lexical overlap)
was the largest part of re-opening 20 cached articles (about 7 of 12 s profiled). Its result,
`LinkScores`, depends only on the linkable sentences, their vectors and the code and model that
score them, so it is stored as one record of the embedding cache's file per comparison:

- key: sha1 of a fingerprint of the scoring code and shipped model (the sources of the link and
  text packages and the resource files), of the `keep` bands, and of every article's sentences
  and vector bytes, in order. Any change to one of them misses the record instead of returning
  stale evidence.
- value: what `LinkScores` keeps (the candidate sentence pairs of each article pair a < b, those
  the loosest bands let through, with their probability and blended similarity as float64,
  exactly as computed), so re-linking from a record decides exactly as from fresh evidence, at
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


def evidence_key(
    texts: Sequence[Sequence[str]], mats: Sequence[np.ndarray], keep: tuple[float, float]
) -> str:
    digest = hashlib.sha1(scorer_fingerprint().encode())
    digest.update(np.asarray(keep, dtype="<f8").tobytes())
    for sentences, matrix in zip(texts, mats, strict=True):
        digest.update(b"\1" + "\0".join(sentences).encode("utf-8", "surrogatepass"))
        digest.update(b"\2" + np.ascontiguousarray(matrix, dtype=np.float32).tobytes())
    return digest.hexdigest()


def link_scores(
    texts: Sequence[Sequence[str]],
    vectors: Sequence[np.ndarray],
    keep: tuple[float, float],
    cache: EmbeddingCache | None = None,
) -> LinkScores:
    """The comparison's LinkScores (`keep`: the loosest bands, as LinkScores takes them), from
    `cache` when this code scored these sentences with these bands before."""
    if cache is None:
        return LinkScores(texts, vectors, keep=keep)
    mats = [as_matrix(t, v) for t, v in zip(texts, vectors, strict=True)]
    key = evidence_key(texts, mats, keep)
    sizes = [len(t) for t in texts]
    stored = cache.get_records(KIND, [key]).get(key)
    if stored is not None and (scores := _decode(stored, sizes, keep)) is not None:
        return scores
    scores = LinkScores(texts, mats, keep=keep)
    if (record := _encode(scores)) is not None:
        cache.put_records(KIND, {key: record})
    return scores


def _encode(scores: LinkScores) -> bytes | None:
    """The record, or None when it would hold more than MAX_KEPT_ENTRIES pairs."""
    counts, parts = [], []
    for _a, _b, evidence in scores.pairs():
        if sum(counts) + len(evidence.p) > MAX_KEPT_ENTRIES:
            return None
        part = np.empty(len(evidence.p), dtype=_ENTRY)
        part["i"], part["j"] = evidence.rows, evidence.cols
        part["p"], part["score"] = evidence.p, evidence.score
        counts.append(len(part))
        parts.append(part)
    out = io.BytesIO()
    np.save(out, np.asarray(counts, dtype="<u4"), allow_pickle=False)
    np.save(out, np.concatenate(parts) if parts else np.empty(0, _ENTRY), allow_pickle=False)
    return out.getvalue()


def _decode(data: bytes, sizes: Sequence[int], keep: tuple[float, float]) -> LinkScores | None:
    try:
        stream = io.BytesIO(data)
        counts = np.load(stream, allow_pickle=False)
        entries = np.load(stream, allow_pickle=False)
    except (ValueError, OSError, EOFError):
        return None
    pairs = [(a, b) for a in range(len(sizes)) for b in range(a + 1, len(sizes))]
    if entries.dtype != _ENTRY or len(counts) != len(pairs) or int(counts.sum()) != len(entries):
        return None
    restored: dict[tuple[int, int], PairEvidence] = {}
    start = 0
    for (a, b), count in zip(pairs, counts.tolist(), strict=True):
        part = entries[start : start + count]
        start += count
        if count and (part["i"].max() >= sizes[a] or part["j"].max() >= sizes[b]):
            return None
        restored[a, b] = PairEvidence(
            part["i"].astype(np.int32),
            part["j"].astype(np.int32),
            part["p"].astype(np.float64),
            part["score"].astype(np.float64),
        )
    return LinkScores.restored(sizes, restored, keep)
