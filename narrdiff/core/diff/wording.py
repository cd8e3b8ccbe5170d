"""Word-level differences between two linked sentences.

Rules
-----
- A sentence is cut into tokens: words (with inner hyphens and apostrophes: "war-shattered",
  "Russia's"), single punctuation marks, and runs of white space.
- Tokens are compared by a folded key: case-folded, curly quotes and apostrophes straightened,
  dashes unified. So "RUSSIA" / "Russia" or "Russia’s" / "Russia's" is no change: outlets differ
  in house style, not in wording, there.
- Each distinct key is mapped to one character and diff-match-patch diffs the two character
  strings (the line-mode trick applied to words). The compiled build (PyPI fast-diff-match-patch,
  the same C++ algorithm) runs when installed; the pure-Python diff-match-patch is the reference
  and the fallback. They agree on every one of 1,221 linked pairs of the 24 real stories in
  shared/bench/articles and on random sentences (tests/test_wording_spans.py). Why the switch:
  a linked pair of ~30-word sentences is ~100 tokens with changes in a third of them, and
  diff-match-patch's bisect recurses ~20 times per pair, each level in Python loops with its own
  cleanup pass (1.4 ms a pair on a quiet machine; 0.2 ms compiled, bench/README.md).
- Cleanup: an equality between two changes that holds nothing but white space, punctuation or
  at most two function words ("the", "its", "as" …) is folded into the change around it, so a
  rewording reads as one phrase ("Moscow buys missiles" / "Russia is buying millions of
  artillery shells and rockets"). Equalities with a content word stay: they anchor the diff.
  (diff_cleanupSemantic was tried first; on sentence pairs it swallowed anchors such as "from
  North Korea" and left one sentence-long replace.)
- Runs are turned back into character spans of the original sentences. A deletion next to an
  insertion is one "replace"; a change made only of white space or punctuation is dropped.

This module knows nothing of articles, roles or tags (framing types the changes later); it must
stay a pure function of two strings. `changes_between` memoises it per pair of texts (a relink at
another strictness links many of the same pairs again; their diffs are not recomputed).
"""

from __future__ import annotations

from functools import lru_cache

from diff_match_patch import diff_match_patch

from narrdiff.core.model import Change

try:  # the compiled build of the same algorithm; optional, the pure-Python one is the reference
    import fast_diff_match_patch as _compiled
except ImportError:  # pragma: no cover - depends on the installation
    _compiled = None
from narrdiff.core.text.words import tokens

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
# Sentence punctuation trimmed from the ends of a change (quotes and brackets are kept: they
# belong to what was said).
_EDGE_PUNCT = ".,;:"
# Private-use code points keep token characters clear of anything a sentence could contain.
_FIRST_CODE = 0xF0000
# Seconds diff-match-patch may spend on one pair; sentences are short, this only guards
# pathological input. It also switches on the half-match speed-up, in both builds alike.
DIFF_TIMEOUT = 0.5
# Word diffs kept by `changes_between`: a 20-article comparison links ~500 pairs, a slider sweep
# a few thousand; 20,000 entries of ~1 kB bound the memo at ~20 MB.
MEMO_PAIRS = 20_000
_OPS = {"=": 0, "-": -1, "+": 1}


tokenize = tokens  # the one tokenizer (narrdiff.core.text.words)


def _fold(token: str) -> str:
    if token.isspace():
        return " "
    return token.casefold().translate(_FOLD)


def _encode(text: str, spans: list[tuple[int, int]], codes: dict[str, str], seen: dict) -> str:
    """One character per token; `codes` maps folded keys, `seen` raw tokens (folding once).

    Only the characters' equality matters to the diff, so the order in which distinct tokens
    get their code does not change its result.
    """
    pieces = [text[start:end] for start, end in spans]
    for token in set(pieces).difference(seen):
        key = _fold(token)
        code = codes.get(key)
        if code is None:
            code = codes[key] = chr(_FIRST_CODE + len(codes))
        seen[token] = code
    return "".join(map(seen.__getitem__, pieces))


def diff_words(a: str, b: str, *, reference: bool = False) -> list[Change]:
    """Changes turning sentence `a` into sentence `b`, in reading order.

    reference: use the pure-Python diff-match-patch even when the compiled build is installed
    (the tests check one against the other).
    """
    spans_a, spans_b = tokenize(a), tokenize(b)
    codes: dict[str, str] = {}
    seen: dict[str, str] = {}
    chars_a, chars_b = _encode(a, spans_a, codes, seen), _encode(b, spans_b, codes, seen)
    diffs = _diff_chars(chars_a, chars_b, reference)
    keys = {code: key for key, code in codes.items()}
    diffs = _absorb_weak_equalities(diffs, keys)
    return _changes_from_diffs(diffs, a, b, spans_a, spans_b)


@lru_cache(maxsize=MEMO_PAIRS)
def changes_between(a: str, b: str) -> tuple[Change, ...]:
    """`diff_words(a, b)` as a tuple, computed once per pair of texts (thread-safe memo)."""
    return tuple(diff_words(a, b))


def _diff_chars(chars_a: str, chars_b: str, reference: bool) -> list[tuple[int, str]]:
    """diff-match-patch's (op, text) runs, op -1 delete, 0 equal, 1 insert (no cleanup)."""
    if _compiled is not None and not reference:
        runs = _compiled.diff(
            chars_a, chars_b, timelimit=DIFF_TIMEOUT, cleanup="No", counts_only=False
        )
        return [(_OPS[op], text) for op, text in runs]
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT
    return dmp.diff_main(chars_a, chars_b, False)


# Function words that cannot anchor a diff on their own (at most MAX_WEAK_WORDS of them).
FUNCTION_WORDS = frozenset(
    "a an the of to in on at and or its their his her as by with is are was were be".split()
)
MAX_WEAK_WORDS = 2


def _is_weak(chars: str, keys: dict[str, str]) -> bool:
    """True for token characters that are only punctuation, white space and at most
    MAX_WEAK_WORDS function words; keys maps a character back to its folded token."""
    words = 0
    for char in chars:
        key = keys[char]
        if key in FUNCTION_WORDS:
            words += 1
        elif any(ch.isalnum() for ch in key):
            return False
    return words <= MAX_WEAK_WORDS


def _absorb_weak_equalities(diffs, keys: dict[str, str]):
    """Fold equalities made only of weak tokens, between two changes, into those changes.

    diffs: diff-match-patch tuples (op, chars) over token characters; keys: character → folded
    token. An absorbed equality is deleted and inserted (its text stands on both sides), so
    spans stay exact.
    """
    out: list[tuple[int, str]] = []
    last = len(diffs) - 1
    for k, (op, chars) in enumerate(diffs):
        if (
            op == 0
            and 0 < k < last
            and diffs[k - 1][0] != 0
            and diffs[k + 1][0] != 0
            and _is_weak(chars, keys)
        ):
            out += [(-1, chars), (1, chars)]
        else:
            out.append((op, chars))
    return _regroup(out)


def _regroup(diffs):
    """Merge runs of deletions and insertions between equalities (deletions first)."""
    merged: list[tuple[int, str]] = []
    dels, ins = [], []
    for op, chars in diffs + [(0, "")]:
        if op == -1:
            dels.append(chars)
        elif op == 1:
            ins.append(chars)
        else:
            if dels:
                merged.append((-1, "".join(dels)))
            if ins:
                merged.append((1, "".join(ins)))
            dels, ins = [], []
            if chars:
                merged.append((0, chars))
    return merged


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
    while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCT):
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


def reworded_throughout(changes, text_a: str, text_b: str, share: float = 0.7) -> bool:
    """True when `changes` cover at least `share` (0–1) of both sentences' characters.

    Such a pair says the same fact in other words throughout: listing its changes would only
    repeat both sentences, and a changed phrase inside it is no evidence of a swap by itself.
    """
    changed_a = sum(c.a_end - c.a_start for c in changes)
    changed_b = sum(c.b_end - c.b_start for c in changes)
    return changed_a >= share * len(text_a) and changed_b >= share * len(text_b)
