"""Hard-wrapped lines back into paragraphs, undoing the typesetter's hyphenation.

`reflow(lines, vocabulary)` joins the lines of one paragraph with spaces. A line that ends in a
hyphen after a letter, followed by a line starting in lower case, is a word the typesetter
broke ("inter-" / "national" → "international") unless the hyphen is a real one: kept when the
hyphenated form appears elsewhere in the document, when the first part is a prefix that takes a
hyphen ("self-", "well-"), or when the next line starts with a capital or a digit
("North-" / "Korean"). `vocabulary` is the set of lower-cased words of the whole document
(`vocabulary_of`). This module is pure string work; it reads nothing and knows no format.
"""

from __future__ import annotations

import re

HYPHEN_PREFIXES = frozenset(
    "self well ex all half cross anti pro post pre co semi quasi long short high low "
    "full part mid far near".split()
)
"""First halves that (in news English) keep their hyphen: self-propelled, well-known."""

_WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
_BROKEN_END = re.compile(r"([^\W\d_]+)[-‐\u00ad]$")
_NEXT_START = re.compile(r"^([^\W\d_]+)")


def vocabulary_of(text: str) -> set[str]:
    """Lower-cased words (hyphenated ones whole and as parts) found on single lines of `text`."""
    words: set[str] = set()
    for line in text.split("\n"):
        # A word at a line end may be a broken one; only whole-line words count as evidence.
        for match in _WORD.finditer(line.rstrip("-‐\u00ad")):
            word = match.group().casefold()
            words.add(word)
            words.update(re.split(r"[-‐]", word))
    return words


def reflow(lines: list[str], vocabulary: set[str]) -> str:
    """One paragraph: lines joined by single spaces, broken words mended."""
    out = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if not out:
            out = line
            continue
        broken = _BROKEN_END.search(out)
        if broken and line[0].isalnum():
            keep = _keeps_hyphen(broken.group(1), line, out[-1], vocabulary)
            out = out[:-1] + ("-" if keep else "") + line
        else:
            out = f"{out} {line}"
    return out


def _keeps_hyphen(head: str, line: str, mark: str, vocabulary: set[str]) -> bool:
    """Whether the hyphen ending `head` (before the next `line`) belongs to the word."""
    if mark == "\u00ad":  # a soft hyphen only ever marks a break
        return False
    nxt = _NEXT_START.match(line)
    if nxt is None or not line[0].islower():
        return True  # "North-" / "Korean", "2022-" / "23": a compound, never a broken word
    head_l, tail_l = head.casefold(), nxt.group(1).casefold()
    if f"{head_l}-{tail_l}" in vocabulary:
        return True
    if head_l + tail_l in vocabulary:
        return False
    return head_l in HYPHEN_PREFIXES
