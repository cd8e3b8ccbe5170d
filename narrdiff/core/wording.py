"""Word-level differences between two linked sentences.

Rules
-----
- A sentence is cut into tokens: words (with inner hyphens and apostrophes: "war-shattered",
  "Russia's"), single punctuation marks, and runs of white space.
- Tokens are compared by a folded key: case-folded, curly quotes and apostrophes straightened,
  dashes unified. So "RUSSIA" / "Russia" or "Russia’s" / "Russia's" is no change: outlets differ
  in house style, not in wording, there.
- Each distinct key is mapped to one character and diff-match-patch diffs the two character
  strings (the line-mode trick applied to words), then `diff_cleanupSemantic` merges the
  scattered one-word equalities that make a diff unreadable.
- Runs are turned back into character spans of the original sentences. A deletion next to an
  insertion is one "replace"; a change made only of white space or punctuation is dropped.

This module knows nothing of articles, roles or tags (framing types the changes later); it must
stay a pure function of two strings.
"""

from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from .model import Change

_TOKEN = re.compile(r"\w+(?:[-'’‘]\w+)*|\s+|[^\w\s]", re.UNICODE)
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
# Private-use code points keep token characters clear of anything a sentence could contain.
_FIRST_CODE = 0xF0000


def tokenize(text: str) -> list[tuple[int, int]]:
    """Token spans (start, end) covering `text` without gaps."""
    return [m.span() for m in _TOKEN.finditer(text)]


def _fold(token: str) -> str:
    if token.isspace():
        return " "
    return token.casefold().translate(_FOLD)


def _encode(text: str, spans: list[tuple[int, int]], codes: dict[str, str]) -> str:
    chars = []
    for start, end in spans:
        key = _fold(text[start:end])
        if key not in codes:
            codes[key] = chr(_FIRST_CODE + len(codes))
        chars.append(codes[key])
    return "".join(chars)


def diff_words(a: str, b: str) -> list[Change]:
    """Changes turning sentence `a` into sentence `b`, in reading order."""
    spans_a, spans_b = tokenize(a), tokenize(b)
    codes: dict[str, str] = {}
    chars_a, chars_b = _encode(a, spans_a, codes), _encode(b, spans_b, codes)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0.5  # seconds; sentences are short, this only guards pathological input
    diffs = dmp.diff_main(chars_a, chars_b, False)
    dmp.diff_cleanupSemantic(diffs)
    return _changes_from_diffs(diffs, a, b, spans_a, spans_b)


def _changes_from_diffs(diffs, a, b, spans_a, spans_b) -> list[Change]:
    changes: list[Change] = []
    ia = ib = 0  # token positions
    pending_a: tuple[int, int] | None = None
    pending_b: tuple[int, int] | None = None

    def flush() -> None:
        nonlocal pending_a, pending_b
        if pending_a or pending_b:
            change = _make_change(a, b, spans_a, spans_b, pending_a, pending_b, ia, ib)
            if change is not None:
                changes.append(change)
        pending_a = pending_b = None

    for op, chars in diffs:
        n = len(chars)
        if op == 0:
            flush()
            ia += n
            ib += n
        elif op == -1:
            pending_a = (ia, ia + n) if pending_a is None else (pending_a[0], ia + n)
            ia += n
        else:
            pending_b = (ib, ib + n) if pending_b is None else (pending_b[0], ib + n)
            ib += n
    flush()
    return changes


def _char_span(spans, tokens: tuple[int, int] | None, at: int, text: str) -> tuple[int, int]:
    """Character span of a token range, trimmed of white space; empty span where it is absent."""
    if tokens is None or tokens[0] == tokens[1]:
        pos = spans[at][0] if at < len(spans) else len(text)
        return pos, pos
    start, end = spans[tokens[0]][0], spans[tokens[1] - 1][1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_noise(fragment: str) -> bool:
    return not any(ch.isalnum() for ch in fragment)


def _make_change(a, b, spans_a, spans_b, tok_a, tok_b, ia, ib) -> Change | None:
    a_start, a_end = _char_span(spans_a, tok_a, ia, a)
    b_start, b_end = _char_span(spans_b, tok_b, ib, b)
    text_a, text_b = a[a_start:a_end], b[b_start:b_end]
    if _is_noise(text_a) and _is_noise(text_b):
        return None
    if not text_a:
        kind = "insert"
    elif not text_b:
        kind = "delete"
    else:
        kind = "replace"
    return Change(kind, text_a, text_b, a_start, a_end, b_start, b_end)
