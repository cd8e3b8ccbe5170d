"""Parsed articles kept beside the embeddings, so a re-opened comparison skips sentence splitting
and language detection.

`parse_documents(documents, cache=…)` gives what `parse.article.parse_article` gives for each
document once its language is known, taking both from the cache file's records when this very
parser and detector saw this very document before, and storing what it had to work out.

Language: reading leaves `Document.language` None unless the input declared one (a saved
comparison); it is detected here, on the comparing thread, and only here. langdetect loads its
profiles in ~0.3 s and then takes ~15 ms an article, which a re-opened comparison of 20 articles
paid in full on every open and a window reading pasted text paid on its GUI thread. A language
record's key is the sha1 of the detector's fingerprint (the source of ingest/language.py and
langdetect's version) and the text alone, so a pasted copy of a file's text shares its record;
its value is the code, or empty for "unsure" (detect_language's None), which is kept too.

An article record holds only what parsing found (each sentence's offsets, role and paragraph;
outlet, headline, byline); the text comes from the Document, so `article.text[s.start:s.end] ==
s.text` holds as for a fresh parse.

Keys: the sha1 of the parser's fingerprint, the `sentences_per_line` setting and every field of
the Document. The fingerprint hashes the source of everything parsing reads (the parse and text
packages, ingest/metadata, model, limits, the word lists in resources) and pysbd's version, so
any change to the parser, by an edit or an upgrade, misses the old records instead of returning
stale sentences. A record that does not decode, or whose offsets fall outside the text, is a
miss. Without a cache this is `detect_language`, then `parse_article`. It never imports Qt and
never prints.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata, resources

from narrdiff.core.ingest.language import detect_language
from narrdiff.core.link.cache import EmbeddingCache
from narrdiff.core.model import Article, Document, Role, Sentence
from narrdiff.core.parse.article import parse_article

KIND = "article"
LANGUAGE_KIND = "language"
# (package, file suffix or exact name): the sources parsing depends on
_PARSER_SOURCES = (
    ("narrdiff.core.parse", ".py"),
    ("narrdiff.core.text", ".py"),
    ("narrdiff.resources", ".txt"),
    ("narrdiff.core.ingest", "metadata.py"),
    ("narrdiff.core", "model.py"),
    ("narrdiff.core", "limits.py"),
)
_DETECTOR_SOURCES = (("narrdiff.core.ingest", "language.py"),)
# a language record: an ISO 639-1 code ("en", "zh-cn"), or empty for "unsure"
_CODE = re.compile(rb"(?:[a-z]{2,3}(?:-[a-z]{2,4})?)?")


def source_fingerprint(sources: tuple[tuple[str, str], ...], distribution: str) -> str:
    """sha1 of the files `sources` names (package, suffix or exact name) and a library version."""
    digest = hashlib.sha1()
    for package, suffix in sources:
        files = sorted(resources.files(package).iterdir(), key=lambda f: f.name)
        for item in files:
            if item.is_file() and item.name.endswith(suffix):
                digest.update(item.name.encode() + b"\0" + item.read_bytes() + b"\0")
    try:
        digest.update(metadata.version(distribution).encode())
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        pass
    return digest.hexdigest()


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    """A hash that changes whenever anything parsing depends on changes."""
    return source_fingerprint(_PARSER_SOURCES, "pysbd")


@lru_cache(maxsize=1)
def detector_fingerprint() -> str:
    """A hash that changes whenever language detection could answer differently."""
    return source_fingerprint(_DETECTOR_SOURCES, "langdetect")


def language_key(text: str) -> str:
    data = f"{detector_fingerprint()}\0{text}"
    return hashlib.sha1(data.encode("utf-8", "surrogatepass")).hexdigest()


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
    """The articles of `documents`, in order, parsed or taken from `cache`, each with its
    language (the document's own when it declares one, else detected or taken from `cache`)."""
    if cache is None or not documents:
        documents = with_languages(documents)
        return [parse_article(d, sentences_per_line=sentences_per_line) for d in documents]
    # keyed by the documents as read: the language a record's article gets is filled in below
    keys = [document_key(d, sentences_per_line) for d in documents]
    stored = cache.get_records(KIND, keys)
    out: list[Article] = []
    fresh: dict[str, bytes] = {}
    for document, key in zip(with_languages(documents, cache), keys, strict=True):
        article = _decode(document, stored[key]) if key in stored else None
        if article is None:
            article = parse_article(document, sentences_per_line=sentences_per_line)
            fresh[key] = _encode(article)
        out.append(article)
    if fresh:
        cache.put_records(KIND, fresh)
    return out


def with_languages(
    documents: Sequence[Document], cache: EmbeddingCache | None = None
) -> list[Document]:
    """`documents` with `language` filled in where it is None: from `cache`, else detected."""
    unknown = list(dict.fromkeys(d.text for d in documents if d.language is None))
    if not unknown:
        return list(documents)
    keys = {text: language_key(text) for text in unknown}
    stored = cache.get_records(LANGUAGE_KIND, list(keys.values())) if cache is not None else {}
    found: dict[str, str | None] = {}
    fresh: dict[str, bytes] = {}
    for text, key in keys.items():
        record = stored.get(key)
        if record is not None and _CODE.fullmatch(record):
            found[text] = record.decode("ascii") or None
        else:  # never seen, or a record that is no language code (a damaged file): a miss
            found[text] = detect_language(text)
            fresh[key] = (found[text] or "").encode("ascii")
    if fresh and cache is not None:
        cache.put_records(LANGUAGE_KIND, fresh)
    return [
        d if d.language is not None else dataclasses.replace(d, language=found[d.text])
        for d in documents
    ]


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
