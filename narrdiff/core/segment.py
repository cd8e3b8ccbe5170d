"""Sentence boundaries, as character spans into the text they came from.

`split_sentences(paragraph)` returns (start, end) spans such that `paragraph[start:end]` is one
sentence with no surrounding whitespace. pysbd (rule-based, English) finds the boundaries; two
small repairs follow, because news copy quotes people constantly:

- a quotation and its attribution stay one sentence: “Is it over?” he asked. /
  “Is it over?” Mr Smith asked. / “Things are bad,” Ryder said, confirming … ;
- a quotation that closes a sentence before a new one starts is split off: ‘Very odd.’ She agreed.

This module works on one paragraph at a time and knows nothing of roles or articles; it must not
change the text it is given (every span indexes the caller's string exactly).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

Span = tuple[int, int]

# Quote closers that can end a quoted sentence: ” ’ " ' and the guillemet ».
_CLOSERS = "”’\"'»"

# ".’ She" / "!” The": a quotation ended a sentence and a new one starts; pysbd misses these.
_QUOTE_END = re.compile(rf"[.!?…][{_CLOSERS}](?=\s+[“‘\"'(\[]?[A-Z])")

# Verbs that attach a speaker to a quotation.
_SPEECH_VERBS = (
    "said|says|asked|asks|told|tells|added|adds|replied|replies|shouted|cried|wrote|writes|"
    "insisted|explained|warned|claimed|argued|continued|tweeted|posted|noted|recalled|"
    "admitted|declared|demanded|wondered|joked|laughed|whispered|answered|insists|warns|claims"
)

# "Mr Smith asked." / "The Pentagon press secretary said …": a short capitalised subject, then a
# speech verb. Only consulted right after a quotation ending in ? ! or a comma.
_ATTRIBUTION = re.compile(
    rf"^(?:[–—-]\s*)?(?:(?:[A-Z][\w’'.-]*|the|of|a|an|for)\s+){{1,6}}(?:{_SPEECH_VERBS})\b"
    rf"|^(?:{_SPEECH_VERBS})\b",
)

# Used only when pysbd's output cannot be located in the text (it should not happen with
# clean=False, but spans must be exact whatever the library does).
_FALLBACK_BOUNDARY = re.compile(r"(?<=[.!?…])[”’\"')\]]*\s+(?=[“‘\"(\[]?[A-Z0-9])")


@cache
def _segmenter() -> Any:
    """Build pysbd's segmenter once; it compiles many rules, so reuse it."""
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of one paragraph, whitespace trimmed; empty text gives []."""
    if not text.strip():
        return []
    spans = _pysbd_spans(text)
    if spans is None:
        spans = _regex_spans(text)
    spans = [piece for span in spans for piece in _split_closed_quotes(text, span)]
    return _merge_attributions(text, spans)


def _trim(text: str, start: int, end: int) -> Span | None:
    """The span without leading/trailing whitespace, or None if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _pysbd_spans(text: str) -> list[Span] | None:
    """Locate pysbd's sentences in `text` in order; None if one cannot be found verbatim."""
    spans: list[Span] = []
    cursor = 0
    for piece in _segmenter().segment(text):
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:
            return None
        spans.append((start, start + len(piece)))
        cursor = start + len(piece)
    # Defensive: text pysbd dropped (never seen) is glued onto the neighbouring sentence.
    if not spans:
        return None
    first = _trim(text, 0, spans[0][1])
    last = _trim(text, spans[-1][0], len(text))
    spans[0] = first or spans[0]
    spans[-1] = last or spans[-1]
    return _close_gaps(text, spans)


def _close_gaps(text: str, spans: list[Span]) -> list[Span]:
    """Extend each span over any non-space text between it and the next, so nothing is lost."""
    out: list[Span] = []
    for i, (start, end) in enumerate(spans):
        if i + 1 < len(spans):
            gap = _trim(text, end, spans[i + 1][0])
            if gap is not None:
                end = gap[1]
        out.append((start, end))
    return out


def _regex_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in _FALLBACK_BOUNDARY.finditer(text):
        span = _trim(text, start, match.start())
        if span:
            spans.append(span)
        start = match.end()
    span = _trim(text, start, len(text))
    if span:
        spans.append(span)
    return spans


def _split_closed_quotes(text: str, span: Span) -> list[Span]:
    """Split a span after each quotation that ends a sentence (‘Very odd.’ She agreed.)."""
    start, end = span
    pieces: list[Span] = []
    for match in _QUOTE_END.finditer(text, start, end):
        cut = match.end()
        if cut >= end:
            continue
        head = _trim(text, start, cut)
        if head:
            pieces.append(head)
        start = cut
    tail = _trim(text, start, end)
    if tail:
        pieces.append(tail)
    return pieces


def _merge_attributions(text: str, spans: list[Span]) -> list[Span]:
    """Join a quotation to the attribution that follows it (“Is it over?” he asked.)."""
    out: list[Span] = []
    for span in spans:
        if out and _continues_quote(text[out[-1][0] : out[-1][1]], text[span[0] : span[1]]):
            out[-1] = (out[-1][0], span[1])
        else:
            out.append(span)
    return out


def _continues_quote(previous: str, current: str) -> bool:
    """Whether `current` is the tail of the sentence `previous` began."""
    stripped = previous.rstrip(_CLOSERS)
    closed_quote = len(stripped) < len(previous)
    if not (closed_quote or previous.endswith(("?", "!"))):
        return False
    if current[:1].islower():
        return True
    # A capitalised speaker after “…?” / “…!” / “…,”: only when a speech verb follows closely.
    return closed_quote and stripped.endswith(("?", "!", ",")) and bool(_ATTRIBUTION.match(current))
