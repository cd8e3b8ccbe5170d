"""Sentence embeddings: the public face of the encoders and their on-disk cache.

The encoders live in `narrdiff.core.link.encoders` (the Encoder protocol, the
sentence-transformers model, the lexical fallback), the cache in `narrdiff.core.link.cache`
(`EmbeddingCache`, `CachedEncoder`). This module only re-exports them, so callers keep one
import path. Like both, it must not import torch or sentence-transformers at import time, and
never imports Qt.
"""

from __future__ import annotations

from narrdiff.core.link.cache import (
    CACHE_ENV,
    CACHE_FILE,
    CachedEncoder,
    CacheWarning,
    EmbeddingCache,
    default_cache_dir,
)
from narrdiff.core.link.encoders import (
    BUNDLED_NAMES,
    BUNDLED_PACKAGE,
    DEFAULT_MODEL,
    Encoder,
    EncoderUnavailable,
    LexicalEncoder,
    SentenceTransformerEncoder,
    bundled_model_path,
)

__all__ = [
    "BUNDLED_NAMES",
    "BUNDLED_PACKAGE",
    "CACHE_ENV",
    "CACHE_FILE",
    "DEFAULT_MODEL",
    "CacheWarning",
    "CachedEncoder",
    "EmbeddingCache",
    "Encoder",
    "EncoderUnavailable",
    "LexicalEncoder",
    "SentenceTransformerEncoder",
    "bundled_model_path",
    "default_cache_dir",
]
