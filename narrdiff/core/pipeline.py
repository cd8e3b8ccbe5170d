"""The one pipeline: documents → articles → embeddings → links → word changes → groups → framing.

`compare()` is synchronous and silent: it reports through a `progress(fraction, message)`
callable, stops when `cancel()` turns true (raising `Cancelled`), and returns a Comparison.
`relink()` redoes only the decisions at other options from the strictness-free evidence a
Comparison keeps (`LinkScores`: the candidate pairs of every strictness with their probability
and score; word diffs are memoised per pair of texts), so a strictness slider never
re-embeds, re-scores or re-diffs.
Links set or removed by hand (`ManualLinks`) are applied after alignment and before wording,
groups and framing, and kept on the Comparison, so they survive a re-link. This module never
prints, never touches Qt, and leaves all similarity decisions to `align`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from narrdiff.core import bulk
from narrdiff.core.diff.wording import MEMO_PAIRS, changes_between
from narrdiff.core.framing import lens as framing
from narrdiff.core.ingest.language import language_warning
from narrdiff.core.link import align, kept
from narrdiff.core.link import manual as manual_links
from narrdiff.core.link.embed import (
    CachedEncoder,
    EmbeddingCache,
    Encoder,
    EncoderUnavailable,
    LexicalEncoder,
    SentenceTransformerEncoder,
)
from narrdiff.core.link.parsed import parse_documents
from narrdiff.core.link.partners import MAX_PARTNERS
from narrdiff.core.model import Article, Comparison, Document, Group, Link, ManualLinks

Progress = Callable[[float, str], None]
CancelCheck = Callable[[], bool]

# Most pairs prepare_relinks() diffs and tags ahead: what the memo of word diffs can hold
# (a 20-article comparison has ~1,400 pairs strictness 0 could link).
PREPARED_PAIRS = MEMO_PAIRS

# Sentences sent to the encoder per call: small enough that progress moves and cancel is
# honoured within a fraction of a second, large enough to keep batching efficient.
ENCODE_CHUNK = 64


class Cancelled(Exception):
    """The caller's cancel() turned true; no Comparison was produced."""


def make_encoder(model: str | None = None, *, cache: bool = True) -> Encoder:
    """The default encoder stack: a sentence-transformers model behind the on-disk cache."""
    inner = SentenceTransformerEncoder(model)
    if not cache:
        return inner
    # cache troubles (a damaged file rebuilt, a folder it cannot write) reach the user through
    # Comparison.warnings (see _embed), not as Python warnings on a console nobody watches
    return CachedEncoder(inner, EmbeddingCache(warn=lambda message: None))


def compare(
    inputs: Sequence[Document | Article],
    *,
    options: align.AlignOptions | None = None,
    encoder: Encoder | None = None,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    sentences_per_line: bool = False,
    manual: ManualLinks | None = None,
) -> Comparison:
    """Compare two or more articles. Documents are parsed; Articles are taken as they are.

    manual: links set or removed by hand; refs index the articles in `inputs` order.
    """
    options = options or align.AlignOptions()
    report = progress or (lambda fraction, message: None)
    stop = cancel or (lambda: False)
    report(0.0, "Splitting sentences…")
    encoder = encoder or make_encoder()
    cache = getattr(encoder, "cache", None)
    articles = _parse(inputs, sentences_per_line, cache)
    _check(stop)
    warnings: list[str] = []
    vectors, encoder_id = _embed(articles, encoder, warnings, report, stop)
    if language_note := language_warning(articles, encoder_id):
        warnings.append(language_note)
    report(0.9, "Linking sentences…")
    result = _link(articles, vectors, options, encoder_id, tuple(warnings), manual, cache=cache)
    report(1.0, "Done")
    return result


def relink(
    comparison: Comparison, options: align.AlignOptions, manual: ManualLinks | None = None
) -> Comparison:
    """The same articles and embeddings linked at other options (no encoder call).

    manual: the hand-set links to apply; None keeps the comparison's own.
    """
    scores = comparison.scores
    if scores is not None and not scores.covers(options.floor, options.link):
        scores = None  # looser than any strictness: the kept candidates do not cover it
    return _link(
        comparison.articles,
        comparison.embeddings,
        options,
        comparison.encoder,
        comparison.warnings,
        comparison.manual if manual is None else manual,
        scores,
    )


def prepare_relinks(comparison: Comparison, cancel: CancelCheck | None = None) -> int:
    """Diff and tag, ahead of time, every pair any strictness could link; returns how many.

    Strictness 0 links a superset of every other setting (all floors lowest, margin widest), so
    after this no re-link computes a word diff or a tag: it only re-decides and regroups. Past
    PREPARED_PAIRS such pairs (text that repeats itself: 24 articles of 5,000 words gave two
    million) only those strictness 0 shows, each sentence with its best partners, are prepared,
    and at most PREPARED_PAIRS of them: the memo of word diffs holds no more, so preparing more
    would only push out what was prepared first. Meant for an idle worker: it stops (returning
    early) as soon as `cancel()` turns true.
    """
    scores = comparison.scores
    if scores is None:
        return 0
    stop = cancel or (lambda: False)
    linkable = [art.linkable_indices() for art in comparison.articles]
    loosest = align.AlignOptions.from_strictness(0.0)
    pairs = align.links_from(scores, loosest)
    if len(pairs) > PREPARED_PAIRS:
        pairs = align.links_from(scores, loosest, partners=MAX_PARTNERS)[:PREPARED_PAIRS]
    done = 0
    for a, i, b, j, _score, _strength in pairs:
        if done % 32 == 0 and stop():
            break
        text_a = comparison.articles[a].sentences[linkable[a][i]].text
        text_b = comparison.articles[b].sentences[linkable[b][j]].text
        framing.prepare_pair(text_a, text_b, changes_between(text_a, text_b))
        done += 1
    return done


def _check(stop: CancelCheck) -> None:
    if stop():
        raise Cancelled()


def _parse(inputs, sentences_per_line: bool, cache) -> tuple[Article, ...]:
    """Documents parsed (or taken from the cache beside the embeddings); Articles as given."""
    documents = [item for item in inputs if not isinstance(item, Article)]
    parsed = iter(parse_documents(documents, sentences_per_line=sentences_per_line, cache=cache))
    return tuple(item if isinstance(item, Article) else next(parsed) for item in inputs)


def _embed(articles, encoder, warnings, report, stop) -> tuple[tuple[np.ndarray, ...], str]:
    """Per article, the (n_sentences, dim) unit vectors of its linkable sentences (others zero)."""
    # sorted by length: each chunk then holds sentences of similar length, so the encoder pads
    # little (alphabetical chunks padded 15% more tokens on 20 long articles)
    texts = sorted(
        {s.text for art in articles for s in art.sentences if s.linkable},
        key=lambda text: (len(text), text),
    )
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
    take = getattr(encoder, "take_warnings", None)
    warnings.extend(take() if take is not None else [])
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


def _link(articles, vectors, options, encoder_id, warnings, manual=None, scores=None, cache=None):
    """The Comparison at `options`; `scores` (LinkScores) is built here when not kept yet (or
    taken from `cache`, the embedding cache, when these sentences were scored before)."""
    linkable = [art.linkable_indices() for art in articles]
    if scores is None:
        texts = [
            [art.sentences[i].text for i in idx]
            for art, idx in zip(articles, linkable, strict=True)
        ]
        mats = [vec[idx] if idx else vec[:0] for vec, idx in zip(vectors, linkable, strict=True)]
        # the candidates of every strictness (and of these options), nothing looser: the slider
        # re-decides from them, and the pairs no setting links would be most of the memory
        scores = kept.link_scores(texts, mats, align.loosest(options), cache)
    with bulk.building():  # tens of thousands of links, changes and findings at once
        return _decide(articles, vectors, options, encoder_id, warnings, manual, scores)


def _decide(articles, vectors, options, encoder_id, warnings, manual, scores) -> Comparison:
    linkable = [art.linkable_indices() for art in articles]
    decided = {
        ((a, linkable[a][i]), (b, linkable[b][j])): (float(score), strength, False)
        for a, i, b, j, score, strength in align.links_from(scores, options, MAX_PARTNERS)
    }
    manual, notes = manual_links.validate(articles, manual or ManualLinks())
    decided = manual_links.apply(decided, manual, vectors)
    links = []
    for (ref_a, ref_b), (score, strength, by_hand) in sorted(decided.items()):
        # memoised per pair of texts: a relink diffs only pairs it has not linked before
        changes = changes_between(
            articles[ref_a[0]].sentences[ref_a[1]].text, articles[ref_b[0]].sentences[ref_b[1]].text
        )
        links.append(Link(ref_a, ref_b, round(score, 4), strength, changes, by_hand))
    groups = _groups(linkable, decided)
    warnings = tuple(dict.fromkeys((*warnings, *notes)))  # a re-link must not repeat a note
    comparison = Comparison(
        articles=tuple(articles),
        links=tuple(links),
        groups=tuple(groups),
        encoder=encoder_id,
        options=options,
        warnings=tuple(warnings),
        embeddings=tuple(vectors),
        manual=manual,
        scores=scores,
    )
    # framing reads only what the Comparison holds, so relink() recomputes it at no encoder cost
    return framing.apply(comparison)


def _groups(linkable: list[list[int]], decided: dict) -> list[Group]:
    """Story units from the final links (hand-set ones included), in sentence indices."""
    local = [{sentence: n for n, sentence in enumerate(idx)} for idx in linkable]
    # hand-set links join first (ranked above any score): the user's word outranks the aligner
    tuples = [
        (a[0], local[a[0]][a[1]], b[0], local[b[0]][b[1]], 2.0 if by_hand else score)
        for (a, b), (score, _strength, by_hand) in decided.items()
    ]
    sizes = [len(idx) for idx in linkable]
    return [
        Group(tuple(sorted((a, linkable[a][i]) for a, i in members)))
        for members in align.group_sentences(sizes, tuples)
    ]
