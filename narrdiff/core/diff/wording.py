"""Word-level differences between two linked sentences.

Rules
-----
- A sentence is cut into tokens: words (with inner hyphens and apostrophes: "war-shattered",
  "Russia's"), single punctuation marks, and runs of white space.
- Tokens are compared by a folded key: case-folded, curly quotes and apostrophes straightened,
  dashes unified. So "RUSSIA" / "Russia" or "Russia’s" / "Russia's" is no change: outlets differ
  in house style, not in wording, there.
- Each distinct key is mapped to one character and diff-match-patch diffs the two character
  strings (the line-mode trick applied to words). The token → character table is shared by every
  diff in the process (`_TokenCodes`), so a token is folded and coded once, not once per pair;
  which character a token gets changes no result, only equality counts. The compiled build (PyPI
  fast-diff-match-patch, the same C++ algorithm) runs when installed; the pure-Python
  diff-match-patch is the reference and the fallback. They agree on every one of 1,221 linked
  pairs of the 24 real stories in shared/bench/articles and on random sentences
  (tests/test_wording_spans.py). Why the switch: a linked pair of ~30-word sentences is ~100
  tokens with changes in a third of them, and diff-match-patch's bisect recurses ~20 times per
  pair, each level in Python loops with its own cleanup pass (1.4 ms a pair on a quiet machine;
  0.2 ms compiled, bench/README.md). With the diff compiled, the Python around it was as much
  again; it is now one regex pass for the tokens, one join for the characters, the diff's run
  lengths (not its text) and one pass from runs to changes, character offsets computed only for
  the changes.
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

import threading
from functools import lru_cache

from diff_match_patch import diff_match_patch

from narrdiff.core.model import Change

try:  # the compiled build of the same algorithm; optional, the pure-Python one is the reference
    import fast_diff_match_patch as _compiled
except ImportError:  # pragma: no cover - depends on the installation
    _compiled = None
from narrdiff.core.text.words import token_texts, tokens

_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
# Sentence punctuation trimmed from the ends of a change (quotes and brackets are kept: they
# belong to what was said).
_EDGE_PUNCT = ".,;:"
# Private-use code points keep token characters clear of anything a sentence could contain:
# planes 15 and 16, 131,072 codes from here.
_FIRST_CODE = 0xF0000
# Distinct tokens the shared code table holds before a fresh one replaces it (well inside the
# 131,072 private-use codes, leaving room for the diffs under way when it fills; ~20 MB).
TABLE_TOKENS = 100_000
# Seconds diff-match-patch may spend on one pair; sentences are short, this only guards
# pathological input. It also switches on the half-match speed-up, in both builds alike.
DIFF_TIMEOUT = 0.5
# Word diffs kept by `changes_between`: a 20-article comparison links ~500 pairs, a slider sweep
# a few thousand; 20,000 entries of ~1 kB bound the memo at ~20 MB.
MEMO_PAIRS = 20_000
_OP_NAMES = {0: "=", -1: "-", 1: "+"}  # the pure-Python build's ops, named as the compiled one's


tokenize = tokens  # the one tokenizer (narrdiff.core.text.words)

# Function words that cannot anchor a diff on their own (at most MAX_WEAK_WORDS of them).
FUNCTION_WORDS = frozenset(
    "a an the of to in on at and or its their his her as by with is are was were be".split()
)
MAX_WEAK_WORDS = 2


def _fold(token: str) -> str:
    if token.isspace():
        return " "
    return token.casefold().translate(_FOLD)


def _weight(key: str) -> int:
    """What a folded token weighs as an anchor: 0 white space or punctuation, 1 a function word,
    2 a content word."""
    if key in FUNCTION_WORDS:
        return 1
    return 2 if any(ch.isalnum() for ch in key) else 0


class _TokenCodes:
    """One character per distinct folded token, shared by every diff in the process.

    Only the characters' equality matters to the diff, so which code a token gets changes no
    result; sharing the table means each token is folded once per process, not once per pair
    (folding and coding were a third of a pair's time). `weight` maps a code to `_weight` of
    its key. Two threads diff at once (the compare worker and the re-link thread): entries are
    only added, under a lock, each complete before its token can be looked up; a full table is
    replaced, never cleared, so a diff under way keeps the table it started with.
    """

    def __init__(self) -> None:
        self.by_token: dict[str, str] = {}
        self.by_key: dict[str, str] = {}
        self.weight: dict[str, int] = {}
        self._lock = threading.Lock()

    def encode(self, pieces: list[str]) -> str:
        """One character per token of `pieces`."""
        try:
            return "".join(map(self.by_token.__getitem__, pieces))
        except KeyError:
            self._add(pieces)
            return "".join(map(self.by_token.__getitem__, pieces))

    def _add(self, pieces: list[str]) -> None:
        with self._lock:
            for token in set(pieces).difference(self.by_token):
                key = _fold(token)
                code = self.by_key.get(key)
                if code is None:
                    code = chr(_FIRST_CODE + len(self.by_key))
                    self.weight[code] = _weight(key)
                    self.by_key[key] = code
                self.by_token[token] = code


_codes = _TokenCodes()


def _code_table() -> _TokenCodes:
    global _codes
    if len(_codes.by_token) >= TABLE_TOKENS:
        _codes = _TokenCodes()
    return _codes


def diff_words(a: str, b: str, *, reference: bool = False) -> list[Change]:
    """Changes turning sentence `a` into sentence `b`, in reading order.

    reference: use the pure-Python diff-match-patch even when the compiled build is installed
    (the tests check one against the other).
    """
    pieces_a, pieces_b = token_texts(a), token_texts(b)
    table = _code_table()
    chars_a, chars_b = table.encode(pieces_a), table.encode(pieces_b)
    runs = _diff_counts(chars_a, chars_b, reference)
    return _changes(runs, chars_a, table.weight, (a, pieces_a), (b, pieces_b))


@lru_cache(maxsize=MEMO_PAIRS)
def changes_between(a: str, b: str) -> tuple[Change, ...]:
    """`diff_words(a, b)` as a tuple, computed once per pair of texts (thread-safe memo)."""
    return tuple(diff_words(a, b))


def _diff_counts(chars_a: str, chars_b: str, reference: bool) -> list[tuple[str, int]]:
    """diff-match-patch's runs as (op, length), op "=" equal, "-" delete, "+" insert (no
    cleanup); a length counts tokens, one character each."""
    if _compiled is not None and not reference:
        return _compiled.diff(
            chars_a, chars_b, timelimit=DIFF_TIMEOUT, cleanup="No", counts_only=True
        )
    dmp = diff_match_patch()
    dmp.Diff_Timeout = DIFF_TIMEOUT
    return [(_OP_NAMES[op], len(text)) for op, text in dmp.diff_main(chars_a, chars_b, False)]


def _is_weak(chars: str, weight: dict[str, int]) -> bool:
    """True for token characters that are only punctuation, white space and at most
    MAX_WEAK_WORDS function words."""
    words = 0
    for char in chars:
        w = weight[char]
        if w == 2:
            return False
        words += w
    return words <= MAX_WEAK_WORDS


def _changes(runs, chars_a: str, weight, side_a, side_b) -> list[Change]:
    """The changes of diff runs over token characters, in one pass.

    A change is everything between two anchoring equalities: an equality made only of weak
    tokens (`_is_weak`), between two changes, is folded into the change around it (it then
    stands in both sentences' spans, so spans stay exact), and the deletions and insertions
    between anchors form one change. side_a, side_b: (sentence, its tokens).
    """
    changes: list[Change] = []
    ia = ib = 0  # token positions
    ga = gb = 0  # where the open change starts
    last = len(runs) - 1
    for k, (op, n) in enumerate(runs):
        if op == "-":
            ia += n
        elif op == "+":
            ib += n
        elif (
            0 < k < last
            and runs[k - 1][0] != "="
            and runs[k + 1][0] != "="
            and _is_weak(chars_a[ia : ia + n], weight)
        ):
            ia += n
            ib += n
        else:
            if ia > ga or ib > gb:
                _add_change(changes, side_a, side_b, (ga, ia), (gb, ib))
            ia += n
            ib += n
            ga, gb = ia, ib
    if ia > ga or ib > gb:
        _add_change(changes, side_a, side_b, (ga, ia), (gb, ib))
    return changes


def _char_span(text: str, pieces: list[str], first: int, end: int) -> tuple[int, int]:
    """Character span of tokens first…end-1, trimmed of white space and edge punctuation; an
    empty span where the tokens begin when there are none."""
    start = sum(map(len, pieces[:first]))
    if first == end:
        return start, start
    stop = start + sum(map(len, pieces[first:end]))
    while start < stop and (text[start].isspace() or text[start] in _EDGE_PUNCT):
        start += 1
    while stop > start and (text[stop - 1].isspace() or text[stop - 1] in _EDGE_PUNCT):
        stop -= 1
    return start, stop


def _is_noise(fragment: str) -> bool:
    return not any(ch.isalnum() for ch in fragment)


def _add_change(changes: list[Change], side_a, side_b, tokens_a, tokens_b) -> None:
    """Append the change of token ranges tokens_a, tokens_b, unless it is only noise."""
    (a, pieces_a), (b, pieces_b) = side_a, side_b
    a_start, a_end = _char_span(a, pieces_a, *tokens_a)
    b_start, b_end = _char_span(b, pieces_b, *tokens_b)
    text_a, text_b = a[a_start:a_end], b[b_start:b_end]
    if _is_noise(text_a) and _is_noise(text_b):
        return
    if not text_a:
        kind = "insert"
    elif not text_b:
        kind = "delete"
    else:
        kind = "replace"
    changes.append(Change(kind, text_a, text_b, a_start, a_end, b_start, b_end))


def reworded_throughout(changes, text_a: str, text_b: str, share: float = 0.7) -> bool:
    """True when `changes` cover at least `share` (0–1) of both sentences' characters.

    Such a pair says the same fact in other words throughout: listing its changes would only
    repeat both sentences, and a changed phrase inside it is no evidence of a swap by itself.
    """
    changed_a = sum(c.a_end - c.a_start for c in changes)
    changed_b = sum(c.b_end - c.b_start for c in changes)
    return changed_a >= share * len(text_a) and changed_b >= share * len(text_b)
