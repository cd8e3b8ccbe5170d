"""Direct quotations inside a sentence: where they start and end.

Rules
-----
- Double quotes, curly (“…”) or straight ("…"), pair up in order.
- Single curly quotes (‘…’) count only at word edges: an opening ‘ not preceded by a letter and
  a closing ’ not followed by one, so apostrophes ("Russia’s", "Russia‘s") are never quotes.
- An unclosed quotation runs to the end of the sentence (a quote that goes on in the next
  paragraph).
Spans are of the quoted words, without the marks.

Glossary
--------
span      (start, end) character offsets of a quotation's words in the sentence.

This module is a pure function of a string; it knows nothing of articles and must not import
Qt or the encoder.
"""

from __future__ import annotations

import re

_DOUBLE = re.compile(r"“([^”]*)(?:”|$)|\"([^\"]*)(?:\"|$)")
_SINGLE = re.compile(r"(?<![^\W\d_])‘(.+?)’(?![^\W\d_])")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's words, in order."""
    spans = [_group_span(m) for m in _DOUBLE.finditer(text)]
    spans += [m.span(1) for m in _SINGLE.finditer(text) if not inside_quotes(spans, m.start())]
    return sorted(s for s in spans if s[1] > s[0])


def _group_span(match: re.Match[str]) -> tuple[int, int]:
    group = 1 if match.group(1) is not None else 2
    return match.span(group)


def inside_quotes(spans: list[tuple[int, int]], position: int) -> bool:
    """True when character `position` lies inside (or on the marks of) a quotation."""
    return any(start - 1 <= position <= end for start, end in spans)


def quoted_texts(text: str) -> list[str]:
    """The quoted words of each quotation, trimmed of closing punctuation."""
    return [text[s:e].strip().rstrip(",.;:") for s, e in quote_spans(text)]
