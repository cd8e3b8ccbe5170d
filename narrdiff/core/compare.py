"""The one pipeline: documents → articles → embeddings → links → word changes → groups → framing.

`compare()` is synchronous and silent: it reports through a `progress(fraction, message)`
callable, stops when `cancel()` turns true (raising `Cancelled`), and returns a Comparison.
`relink()` redoes only the linking at other options from the embeddings a Comparison carries,
so a strictness slider never re-embeds. This module never prints, never touches Qt, and leaves
all similarity decisions to `align`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from . import align, framing
from .embed import (
    CachedEncoder,
    EmbeddingCache,
    Encoder,
    EncoderUnavailable,
    LexicalEncoder,
    SentenceTransformerEncoder,
)
from .language import language_warning
from .model import Article, Comparison, Document, Group, Link
from .parse import parse_article
from .wording import diff_words

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]

# Sentences sent to the encoder per call: small enough that progress moves and cancel is
# honoured within a fraction of a second, large enough to keep batching efficient.
ENCODE_CHUNK = 64


class Cancelled(Exception):
    """The caller's cancel() turned true; no Comparison was produced."""


def make_encoder(model: str | None = None, *, cache: bool = True) -> Encoder:
    """The default encoder stack: a sentence-transformers model behind the on-disk cache."""
    inner = SentenceTransformerEncoder(model)
    return CachedEncoder(inner, EmbeddingCache()) if cache else inner


def compare(
    inputs: Sequence[Document | Article],
    *,
    options: align.AlignOptions | None = None,
    encoder: Encoder | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    sentences_per_line: bool = False,
) -> Comparison:
    """Compare two or more articles. Documents are parsed; Articles are taken as they are."""
    options = options or align.AlignOptions()
    report = progress or (lambda fraction, message: None)
    stop = cancel or (lambda: False)
    report(0.0, "Splitting sentences…")
    articles = tuple(
        item
        if isinstance(item, Article)
        else parse_article(item, sentences_per_line=sentences_per_line)
        for item in inputs
    )
    _check(stop)
    warnings: list[str] = []
    encoder = encoder or make_encoder()
    vectors, encoder_id = _embed(articles, encoder, warnings, report, stop)
    if language_note := language_warning(articles, encoder_id):
        warnings.append(language_note)
    report(0.9, "Linking sentences…")
    result = _link(articles, vectors, options, encoder_id, tuple(warnings))
    report(1.0, "Done")
    return result


def relink(comparison: Comparison, options: align.AlignOptions) -> Comparison:
    """The same articles and embeddings linked at other options (no encoder call)."""
    return _link(
        comparison.articles, comparison.embeddings, options, comparison.encoder, comparison.warnings
    )


def _check(stop: CancelCheck) -> None:
    if stop():
        raise Cancelled()


def _embed(articles, encoder, warnings, report, stop) -> tuple[tuple[np.ndarray, ...], str]:
    """Per article, the (n_sentences, dim) unit vectors of its linkable sentences (others zero)."""
    texts = sorted({s.text for art in articles for s in art.sentences if s.linkable})
    try:
        table = _encode_chunked(encoder, texts, report, stop)
        encoder_id = encoder.id
    except EncoderUnavailable as exc:
        fallback = LexicalEncoder()
        warnings.append(
            f"Could not load the language model {encoder.id!r} ({exc}); "
            "the lexical encoder was used instead, so links rest on shared words only."
        )
        table = _encode_chunked(fallback, texts, report, stop)
        encoder_id = fallback.id
    dim = next(iter(table.values())).shape[0] if table else 1
    out = []
    for art in articles:
        matrix = np.zeros((len(art.sentences), dim), dtype=np.float32)
        for i, sentence in enumerate(art.sentences):
            if sentence.linkable:
                matrix[i] = table[sentence.text]
        out.append(matrix)
    return tuple(out), encoder_id


def _encode_chunked(encoder, texts, report, stop) -> dict[str, np.ndarray]:
    table: dict[str, np.ndarray] = {}
    total = max(len(texts), 1)
    for start in range(0, len(texts), ENCODE_CHUNK):
        _check(stop)
        report(0.05 + 0.85 * start / total, f"Embedding sentences ({start}/{len(texts)})…")
        chunk = texts[start : start + ENCODE_CHUNK]
        for text, vector in zip(chunk, encoder.encode(chunk), strict=True):
            table[text] = vector
    _check(stop)
    return table


def _link(articles, vectors, options, encoder_id, warnings) -> Comparison:
    linkable = [art.linkable_indices() for art in articles]
    texts = [
        [art.sentences[i].text for i in idx] for art, idx in zip(articles, linkable, strict=True)
    ]
    mats = [vec[idx] if idx else vec[:0] for vec, idx in zip(vectors, linkable, strict=True)]
    raw = align.link_articles(texts, mats, options)
    links = []
    for a, i, b, j, score, strength in raw:
        ref_a, ref_b = (a, linkable[a][i]), (b, linkable[b][j])
        changes = diff_words(
            articles[a].sentences[ref_a[1]].text, articles[b].sentences[ref_b[1]].text
        )
        links.append(Link(ref_a, ref_b, round(float(score), 4), strength, tuple(changes)))
    links.sort(key=lambda link: (link.a, link.b))
    sizes = [len(idx) for idx in linkable]
    groups = [
        Group(tuple(sorted((a, linkable[a][i]) for a, i in members)))
        for members in align.group_sentences(sizes, raw)
    ]
    comparison = Comparison(
        articles=tuple(articles),
        links=tuple(links),
        groups=tuple(groups),
        encoder=encoder_id,
        options=options,
        warnings=tuple(warnings),
        embeddings=tuple(vectors),
    )
    # framing reads only what the Comparison holds, so relink() recomputes it at no encoder cost
    return framing.apply(comparison)
