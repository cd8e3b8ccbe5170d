"""Parsed articles kept beside the embeddings, so a re-opened comparison skips sentence splitting.

`parse_documents(documents, cache=…)` gives what `parse.article.parse_article` gives for each
document, taking it from the cache file's records when this very parser saw this very document
before, and storing what it had to parse. A record holds only what parsing found (each
sentence's offsets, role and paragraph; outlet, headline, byline); the text comes from the
Document, so `article.text[s.start:s.end] == s.text` holds as for a fresh parse.

Keys: the sha1 of the parser's fingerprint, the `sentences_per_line` setting and every field of
the Document. The fingerprint hashes the source of everything parsing reads (the parse and text
packages, ingest/metadata, model, limits, the word lists in resources) and pysbd's version, so
any change to the parser, by an edit or an upgrade, misses the old records instead of returning
stale sentences. A record that does not decode, or whose offsets fall outside the text, is a
miss. Without a cache this is plain `parse_article`. It never imports Qt and never prints.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata, resources

from narrdiff.core.link.cache import EmbeddingCache
from narrdiff.core.model import Article, Document, Role, Sentence
from narrdiff.core.parse.article import parse_article

KIND = "article"
# (package, file suffix or exact name): the sources parsing depends on
_PARSER_SOURCES = (
    ("narrdiff.core.parse", ".py"),
    ("narrdiff.core.text", ".py"),
    ("narrdiff.resources", ".txt"),
    ("narrdiff.core.ingest", "metadata.py"),
    ("narrdiff.core", "model.py"),
    ("narrdiff.core", "limits.py"),
)


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """A hash that changes whenever anything parsing depends on changes."""
    digest = hashlib.sha1()
    for package, suffix in _PARSER_SOURCES:
        files = sorted(resources.files(package).iterdir(), key=lambda f: f.name)
        for item in files:
            if item.is_file() and item.name.endswith(suffix):
                digest.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    try:
        digest.update(metadata.version("pysbd").encode())
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        pass
    return digest.hexdigest()


def document_key(document: Document, sentences_per_line: bool) -> str:
    fields = json.dumps(dataclasses.asdict(document), sort_keys=True, ensure_ascii=False)
    text = f"{parser_fingerprint()}\0{int(sentences_per_line)}\0{fields}"
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def parse_documents(
    documents: Sequence[Document],
    *,
    sentences_per_line: bool = False,
    cache: EmbeddingCache | None = None,
) -> list[Article]:
    """The articles of `documents`, in order, parsed or taken from `cache`."""
    if cache is None or not documents:
        return [parse_article(d, sentences_per_line=sentences_per_line) for d in documents]
    keys = [document_key(d, sentences_per_line) for d in documents]
    stored = cache.get_records(KIND, keys)
    out: list[Article] = []
    fresh: dict[str, bytes] = {}
    for document, key in zip(documents, keys, strict=True):
        article = _decode(document, stored[key]) if key in stored else None
        if article is None:
            article = parse_article(document, sentences_per_line=sentences_per_line)
            fresh[key] = _encode(article)
        out.append(article)
    if fresh:
        cache.put_records(KIND, fresh)
    return out


def _encode(article: Article) -> bytes:
    record = {
        "sentences": [[s.start, s.end, str(s.role), s.paragraph] for s in article.sentences],
        "outlet": article.outlet,
        "headline": article.headline,
        "byline": article.byline,
    }
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def _decode(document: Document, data: bytes) -> Article | None:
    """The article a record describes, or None when the record is not usable."""
    try:
        record = json.loads(data)
        text = document.text
        sentences = tuple(
            Sentence(text[start:end], start, end, Role(role), paragraph)
            for start, end, role, paragraph in record["sentences"]
            if 0 <= start <= end <= len(text)
        )
        if len(sentences) != len(record["sentences"]):
            return None
        return Article(
            name=document.name,
            source=document.source,
            text=text,
            sentences=sentences,
            outlet=record["outlet"],
            headline=record["headline"],
            byline=record["byline"],
            published=document.published,
            language=document.language,
        )
    except (ValueError, KeyError, TypeError):
        return None
