"""Sentence boundaries, as character spans into the text they came from.

`split_sentences(paragraph)` returns (start, end) spans such that `paragraph[start:end]` is one
sentence with no surrounding whitespace. pysbd (rule-based, English) finds the boundaries; two
small repairs follow, because news copy quotes people constantly:

- a quotation and its attribution stay one sentence: “Is it over?” he asked. /
  “Is it over?” Mr Smith asked. / “Things are bad,” Ryder said, confirming … ;
- a quotation that closes a sentence before a new one starts is split off: ‘Very odd.’ She agreed.

Input of any size stays fast: pysbd slows down super-linearly with length, so a paragraph longer
than `limits.MAX_SEGMENT_CHARS` is split into pieces at sentence ends or, failing those, at
spaces before pysbd sees it; a piece with no sentence punctuation at all skips pysbd; and no
sentence is longer than `limits.MAX_SENTENCE_CHARS` (longer runs are cut at spaces). A 2 MB
line without punctuation splits in well under a second.

This module works on one paragraph at a time and knows nothing of roles or articles; it must not
change the text it is given (every span indexes the caller's string exactly).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from narrdiff.core.limits import MAX_SEGMENT_CHARS, MAX_SENTENCE_CHARS

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

# Where a long paragraph may be cut before pysbd sees it: after a sentence end and its space.
_PIECE_END = re.compile(r"[.!?…][”’\"')\]]*\s+")
# Characters that can end a sentence; a piece without any is one sentence (or one long run).
_SENTENCE_MARK = re.compile(r"[.!?…。！？]")
# sentence marks only in one run at the very end, no line break and no double quotation marks
# (pysbd parts at either): one sentence, which pysbd would return whole; wire copy is mostly such
# one-sentence paragraphs
_ONE_SENTENCE = re.compile(r"[^.!?…。！？\"“”\n\r]*[.!?…。！？]+\s*")

# Used only when pysbd's output cannot be located in the text (it should not happen with
# clean=False, but spans must be exact whatever the library does).
_FALLBACK_BOUNDARY = re.compile(r"(?<=[.!?…])[”’\"')\]]*\s+(?=[“‘\"(\[]?[A-Z0-9])")


@cache
def _widen_regex_cache() -> None:
    """Let Python's regex cache hold pysbd's patterns.

    pysbd builds a few thousand distinct patterns (one per abbreviation and rule) through re's
    module functions; with CPython's default cache of 512 they were recompiled for every
    paragraph: 1.1 s of 2 s of splitting 20 long articles. A wider cache costs a few MB.
    """
    if getattr(re, "_MAXCACHE", 4096) < 4096:
        re._MAXCACHE = 4096  # CPython detail; where it is absent nothing changes


def _segmenter() -> Any:
    """Build pysbd's segmenter once; it compiles many rules, so reuse it."""
    import pysbd

    _widen_regex_cache()
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of one paragraph, whitespace trimmed; empty text gives []."""
    if not text.strip():
        return []
    spans = [span for piece in _pieces(text) for span in _piece_spans(text, *piece)]
    spans = [piece for span in spans for piece in _split_closed_quotes(text, span)]
    spans = _merge_attributions(text, spans)
    return [piece for span in spans for piece in _cap_length(text, span)]


def _pieces(text: str) -> list[Span]:
    """Cut `text` into runs of at most MAX_SEGMENT_CHARS: after a sentence end, else at a space."""
    pieces: list[Span] = []
    start = 0
    while len(text) - start > MAX_SEGMENT_CHARS:
        limit = start + MAX_SEGMENT_CHARS
        ends = [m.end() for m in _PIECE_END.finditer(text, start + MAX_SEGMENT_CHARS // 2, limit)]
        cut = ends[-1] if ends else _last_space(text, start, limit)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, len(text)))
    return pieces


def _last_space(text: str, start: int, limit: int) -> int:
    """The position after the last whitespace before `limit`, or `limit` when there is none."""
    for i in range(limit - 1, start, -1):
        if text[i].isspace():
            return i + 1
    return limit


def _piece_spans(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans of text[start:end], in the caller's offsets."""
    piece = text[start:end]
    if not _SENTENCE_MARK.search(piece) or _ONE_SENTENCE.fullmatch(piece):
        # No sentence punctuation, or only at the end: nothing for pysbd to split (and it is
        # slowest on text with none).
        span = trim_span(piece, 0, len(piece))
        local = [span] if span else []
    else:
        local = _pysbd_spans(piece) or _regex_spans(piece)
    return [(start + a, start + b) for a, b in local]


def _cap_length(text: str, span: Span) -> list[Span]:
    """`span` cut at spaces into pieces of at most MAX_SENTENCE_CHARS."""
    start, end = span
    pieces: list[Span] = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = _last_space(text, start, start + MAX_SENTENCE_CHARS)
        head = trim_span(text, start, cut)
        if head:
            pieces.append(head)
        rest = trim_span(text, cut, end)
        if rest is None:
            return pieces
        start = rest[0]
    tail = trim_span(text, start, end)
    if tail:
        pieces.append(tail)
    return pieces


def trim_span(text: str, start: int, end: int) -> Span | None:
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
    for piece in _pysbd_sentences(text):
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
    first = trim_span(text, 0, spans[0][1])
    last = trim_span(text, spans[-1][0], len(text))
    spans[0] = first or spans[0]
    spans[-1] = last or spans[-1]
    return _close_gaps(text, spans)


def _pysbd_sentences(text: str) -> list[str]:
    r"""What pysbd's `Segmenter.segment(text)` returns (clean=False, no char spans), found
    without its per-sentence regexes.

    pysbd locates each sentence it produced with `re.finditer(re.escape(sentence) + r"\s*")`
    over the whole text, a new pattern per sentence: 24 long articles compiled 6,500 of them,
    and each one pushed pysbd's own rules out of re's cache, so those were compiled again (a
    third of splitting). The same search with str.find: the non-overlapping occurrences from
    the start, each taken with the whitespace after it (str.isspace is re's \s), the first
    that ends past the last one kept; a sentence found nowhere is dropped, as pysbd drops it.
    """
    if not text:
        return []
    segmenter = _segmenter()
    sentences = segmenter.processor(text).process()
    if any(not sentence for sentence in sentences):
        return segmenter.segment(text)  # an empty pattern matches everywhere: let pysbd decide
    found: list[str] = []
    prior = 0
    for sentence in sentences:
        at = text.find(sentence)
        while at >= 0:
            end = at + len(sentence)
            while end < len(text) and text[end].isspace():
                end += 1
            if end > prior:
                found.append(text[at:end])
                prior = end
                break
            at = text.find(sentence, end)
    return found


def _close_gaps(text: str, spans: list[Span]) -> list[Span]:
    """Extend each span over any non-space text between it and the next, so nothing is lost."""
    out: list[Span] = []
    for i, (start, end) in enumerate(spans):
        if i + 1 < len(spans):
            gap = trim_span(text, end, spans[i + 1][0])
            if gap is not None:
                end = gap[1]
        out.append((start, end))
    return out


def _regex_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in _FALLBACK_BOUNDARY.finditer(text):
        span = trim_span(text, start, match.start())
        if span:
            spans.append(span)
        start = match.end()
    span = trim_span(text, start, len(text))
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
        head = trim_span(text, start, cut)
        if head:
            pieces.append(head)
        start = cut
    tail = trim_span(text, start, end)
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
