"""From a Document to an Article: paragraphs, their roles, and sentences with exact offsets.

Paragraphs are blocks separated by blank lines; a text with no blank line at all has one
paragraph per non-empty line. Inside a paragraph, single newlines (hard-wrapped prose) read as
spaces for role-labelling and sentence splitting, but every `Sentence` keeps the original
characters: `article.text[s.start:s.end] == s.text`, and `article.text == document.text`.

BODY paragraphs are split into sentences; any other paragraph (headline, masthead, byline,
boilerplate…) is one Sentence carrying its role. The document's byline, publication date and
language are copied to the Article; a document without a byline takes the first BYLINE line's
name. A text over the size limits (`limits`) raises IngestError before any work, whoever built
the Document. This module composes `roles` and `segment`; it reads no files and must not alter
the text.
"""

from __future__ import annotations

import re

from narrdiff.core.ingest.metadata import byline_name
from narrdiff.core.limits import check_text_size
from narrdiff.core.model import (
    BODY,
    BYLINE,
    DATELINE,
    HEADLINE,
    OUTLET,
    Article,
    Document,
    Sentence,
)
from narrdiff.core.parse.roles import dateline_prefix, label_paragraphs, sentence_role
from narrdiff.core.parse.segment import split_sentences
from narrdiff.core.parse.segment import trim_span as _trim

Span = tuple[int, int]

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def parse_article(doc: Document, *, sentences_per_line: bool = False) -> Article:
    """Split `doc` into role-tagged sentences.

    With `sentences_per_line=True` every non-empty line is one BODY sentence, as given
    (trimmed): no roles and no re-segmentation, for benchmark data that is already split.
    """
    check_text_size(doc.text, doc.source)
    if sentences_per_line:
        sentences = _line_sentences(doc.text)
        return _article(doc, sentences, outlet=doc.site, headline=doc.title)
    spans = paragraph_spans(doc.text)
    flat = [_flatten(doc.text[start:end]) for start, end in spans]
    roles = label_paragraphs(flat, title=doc.title, site=doc.site)
    sentences: list[Sentence] = []
    outlet = headline = byline = None
    for index, ((start, end), role, line) in enumerate(zip(spans, roles, flat, strict=True)):
        if role == BODY:
            sentences.extend(_body_sentences(doc.text, start, line, index))
            continue
        sentences.append(Sentence(doc.text[start:end], start, end, role, index))
        if role == OUTLET and outlet is None:
            outlet = " ".join(line.split())
        elif role == HEADLINE and headline is None:
            headline = " ".join(line.split())
        elif role == BYLINE and byline is None:
            byline = _byline_of(line)
    return _article(
        doc,
        sentences,
        outlet=outlet or doc.site,
        headline=headline or doc.title,
        byline=doc.byline or byline,
    )


def paragraph_spans(text: str) -> list[Span]:
    """(start, end) of each paragraph, whitespace trimmed, in order."""
    if _BLANK_LINE.search(text):
        pieces = _pieces(text, _BLANK_LINE)
    else:
        pieces = _pieces(text, re.compile(r"\n"))
    return [span for span in (_trim(text, start, end) for start, end in pieces) if span]


def _pieces(text: str, separator: re.Pattern[str]) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in separator.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _byline_of(line: str) -> str | None:
    """The name on a byline: "By Jane Smith" or "Jane Smith, Political Editor" → "Jane Smith"."""
    line = " ".join(line.split())
    return byline_name(line) or line.split(",")[0].strip() or None


def _flatten(paragraph: str) -> str:
    """Newlines to spaces, length kept, so offsets into the flat text are offsets into the text."""
    return paragraph.replace("\n", " ")


def _body_sentences(text: str, offset: int, flat: str, paragraph: int) -> list[Sentence]:
    """The paragraph's sentences; a dateline glued to its start ("Updated 9:06 AM A woman …")
    is a DATELINE sentence of its own, and stamps and fragments inside take their own role."""
    out = []
    cut = dateline_prefix(flat)
    if cut:
        start, end = _trim(flat, 0, cut) or (0, cut)
        out.append(Sentence(text[offset + start : offset + end], offset + start, offset + end,
                            DATELINE, paragraph))  # fmt: skip
    for start, end in split_sentences(flat[cut:]):
        start, end = start + cut, end + cut
        piece = text[offset + start : offset + end]
        out.append(Sentence(piece, offset + start, offset + end, sentence_role(piece), paragraph))
    return out


def _line_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for start, end in _pieces(text, re.compile(r"\n")):
        span = _trim(text, start, end)
        if span:
            sentences.append(Sentence(text[span[0] : span[1]], *span, BODY, len(sentences)))
    return sentences


def _article(
    doc: Document,
    sentences: list[Sentence],
    *,
    outlet: str | None,
    headline: str | None,
    byline: str | None = None,
) -> Article:
    return Article(
        name=doc.name,
        source=doc.source,
        text=doc.text,
        sentences=tuple(sentences),
        outlet=outlet,
        headline=headline,
        byline=byline or doc.byline,
        published=doc.published,
        language=doc.language,
    )
