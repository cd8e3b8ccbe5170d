"""Direct quotations inside a sentence: where they start and end.

Rules
-----
- Double marks of every kind open or close a quotation: “…”, "…", „…“ (German), «…» and
  »…« (French and German guillemets), ``…'' (typewriter). A curly or angled mark says by its
  shape whether it opens or closes; a straight mark " by its neighbours: after the start, a
  space or an opening bracket and before a word it opens; after a word or punctuation and
  before a space, punctuation or the end it closes.
- Straight marks pair up in order, except that one glued to a speech tag closes: a speech verb
  (`"said`, `"testified`) or a short subject and one (`"the judge said`, `"a defence
  spokesperson said`), as in text whose closing marks lost their space; after a colon a mark
  always opens (`told reporters: "Police said …`).
  Curly and angled marks pair up by shape. A closing mark with no quotation open is a leftover
  of the previous sentence and is ignored (a sentence that starts with `" Police said…`); an
  opening mark while a quotation of the same kind is open starts it afresh, the earlier mark
  being a stray one (`“The “Mean Girls” star`, `again, "said Jerry Capeci … as "the last great
  Mafioso`).
- An unclosed quotation runs to the end of the sentence (a quote that goes on in the next
  paragraph).
- Single curly quotes (‘…’) count only at word edges: an opening ‘ not preceded by a letter and
  a closing ’ not followed by one, so apostrophes ("Russia’s", "Russia‘s") are never quotes.
Spans are of the quoted words, without the marks.

Glossary
--------
span      (start, end) character offsets of a quotation's words in the sentence.
mark      one quotation mark (one or two characters) with its side: open or close.

This module is a pure function of a string; it knows nothing of articles and must not import
Qt or the encoder.
"""

from __future__ import annotations

import re

_MARK = re.compile(r"``|''|[“”„«»\"]")
_OPENERS = {"“": "”", "„": "“", "«": "»", "``": "''"}
_CLOSERS = frozenset({"”", "»", "''"})
_OPEN_BEFORE = " \t\n([{—–-/"
_SPEECH_VERBS = r"(?:said|says|told|asked|added|testified|wrote|explained|insisted|stated|recalled)"
# A straight mark glued to a speech tag closes a quotation whose closing space slipped:
# `"said Jerry Capeci`, `…three, "a defence spokesperson said.`, `"testified Ms Armstead`.
# The tag's subject is at most MAX_TAG_WORDS words and no first- or second-person pronoun
# (`"I said no`, `"We told them` open a quotation).
MAX_TAG_WORDS = 4
_SPEECH_TAG = re.compile(
    rf"(?:{_SPEECH_VERBS}|(?!(?:I|We|You)\b)(?:[\w.’'-]+\s+){{1,{MAX_TAG_WORDS}}}?{_SPEECH_VERBS})\b"
)
_SINGLE = re.compile(r"(?<![^\W\d_])‘(.+?)’(?![^\W\d_])")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation's words, in order."""
    spans = _double_spans(text)
    spans += [m.span(1) for m in _SINGLE.finditer(text) if not inside_quotes(spans, m.start())]
    return sorted(s for s in spans if s[1] > s[0])


def _double_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_at: int | None = None  # end of the opening mark of the quotation now open
    closer: str | None = None  # the mark that closes it
    guillemets_reversed = text.find("»") >= 0 and text.find("»") < max(text.find("«"), 0)
    for m in _MARK.finditer(text):
        mark = m.group()
        side = _side(text, m, guillemets_reversed, open_now=open_at is not None)
        straight = mark == '"' and closer == '"'  # straight marks pair in order
        if open_at is not None and (
            straight or side != "open" and (mark == closer or side == "close")
        ):
            spans.append((open_at, m.start()))
            open_at = closer = None
        elif side == "open":
            # a second opener while one is open: the first was a stray mark
            open_at, closer = m.end(), _closer_of(mark, guillemets_reversed)
    if open_at is not None:
        spans.append((open_at, len(text)))
    return [_trimmed(text, s, e) for s, e in spans]


def _side(text: str, m: re.Match[str], reversed_: bool, *, open_now: bool) -> str | None:
    """ "open", "close" or None (cannot tell) for one mark."""
    mark = m.group()
    if mark in ("«", "»"):
        return "open" if (mark == "«") != reversed_ else "close"
    if mark in _OPENERS and mark != "“":
        return "open"
    if mark in _CLOSERS:
        return "close"
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    if mark == "“":
        # „…“ closes with “; otherwise “ opens
        return "close" if open_now and not after.isalnum() and before.strip() else "open"
    if _SPEECH_TAG.match(text, m.end()) and not text[: m.start()].rstrip().endswith(":"):
        return "close"  # `again, "said Jerry Capeci`: a closer with its space misplaced
    opens = before in _OPEN_BEFORE and not after.isspace()
    closes = before not in _OPEN_BEFORE and (after.isspace() or not after.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "close" if open_now else None


def _closer_of(mark: str, reversed_: bool) -> str:
    if mark in ("«", "»"):
        return "«" if reversed_ else "»"
    return _OPENERS.get(mark, '"')


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def inside_quotes(spans: list[tuple[int, int]], position: int) -> bool:
    """True when character `position` lies inside (or on the marks of) a quotation."""
    return any(start - 1 <= position <= end for start, end in spans)


def quoted_texts(text: str) -> list[str]:
    """The quoted words of each quotation, trimmed of closing punctuation."""
    return [text[s:e].strip().rstrip(",.;:") for s, e in quote_spans(text)]
