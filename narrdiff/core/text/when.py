"""Dates and clock times in a sentence: the "when" of a fact, with keys that compare.

Part of the evidence extraction (narrdiff.core.text.evidence states the rules for dates and
times and is the module to call); this module holds the date and clock patterns and their
keys: "month:3", "day:3", "year:2009", "weekday:2", "rel:yesterday", "15:30", "?03:30".
Pure and deterministic; no model, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from narrdiff.core.text import lexicon

_DAY_WORDS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}  # fmt: skip
_MONTH_WORDS = {
    name: n
    for n, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_FULL_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
_RELATIVE_DAYS = ("yesterday", "today", "tonight", "tomorrow")
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
_CLOCK = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])"
    r"|\b(\d{1,2})[:](\d{2})\b(?!\s*(?:a\.?m|p\.?m))",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\b(1[89]\d\d|20\d\d)-(\d{1,2})-(\d{1,2})\b")
_SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2,4})\b")


@dataclass(frozen=True)
class TimeRef:
    """A date or clock-time mention; key says which kind and which value ("month:3", "15:30")."""

    text: str
    start: int
    end: int
    key: str


def clock_set(keys: frozenset[str]) -> set[str]:
    """Clock keys expanded so that "3:30" (no am/pm) meets "03:30" and "15:30"."""
    out = set()
    for key in keys:
        if key.startswith("?"):
            hour, minute = int(key[1:3]), key[4:]
            out.update({f"{hour:02d}:{minute}", f"{(hour % 12) + 12:02d}:{minute}"})
        else:
            out.add(key)
    return out


# --- extraction ------------------------------------------------------------------------------


def clock_times(text: str) -> tuple[list[TimeRef], set[int]]:
    out, used = [], set()
    for m in _CLOCK.finditer(text):
        if m.group(3):
            hour, minute = int(m.group(1)), int(m.group(2) or 0)
            if not 1 <= hour <= 12 or minute > 59:
                continue
            pm = m.group(3).lower().startswith("p")
            hour = hour % 12 + (12 if pm else 0)
            key = f"{hour:02d}:{minute:02d}"
        else:
            hour, minute = int(m.group(4)), int(m.group(5))
            if hour > 23 or minute > 59:
                continue
            key = f"?{hour:02d}:{minute:02d}" if 1 <= hour <= 12 else f"{hour:02d}:{minute:02d}"
        out.append(TimeRef(m.group(), m.start(), m.end(), key))
        used.update(range(m.start(), m.end()))
    for word in ("noon", "midday", "midnight"):
        for m in re.finditer(rf"\b{word}\b", text, re.IGNORECASE):
            out.append(
                TimeRef(m.group(), m.start(), m.end(), "00:00" if word == "midnight" else "12:00")
            )
    return out, used


def dates_of(text: str, words: tuple[lexicon.Word, ...]) -> tuple[list[TimeRef], set[int]]:
    """Dates, and the character offsets they cover (so that their numbers are not counts)."""
    out: list[TimeRef] = []
    used: set[int] = set()

    def add(start: int, end: int, key: str) -> None:
        out.append(TimeRef(text[start:end], start, end, key))
        used.update(range(start, end))

    for m in _ISO_DATE.finditer(text):
        add(m.start(), m.end(), f"year:{int(m.group(1))}")
        add(m.start(), m.end(), f"month:{int(m.group(2))}")
        add(m.start(), m.end(), f"day:{int(m.group(3))}")
    for m in _SLASH_DATE.finditer(text):
        if any(i in used for i in range(m.start(), m.end())):
            continue
        add(m.start(), m.end(), f"date:{m.group()}")
    n = len(words)
    for k, w in enumerate(words):
        key = w.key.rstrip(".")
        if w.start in used:
            continue
        if key in _MONTH_WORDS and w.text[:1].isupper():
            before = words[k - 1] if k > 0 else None
            after = words[k + 1] if k + 1 < n else None
            day_before = before is not None and day_number(before.key)
            day_after = after is not None and day_number(after.key)
            year_after = after is not None and year_of(after.key)
            if key == "may" and not (day_before or day_after or year_after):
                continue
            abbreviated = key not in _FULL_MONTHS
            if abbreviated and not (day_before or day_after or year_after or w.text.endswith(".")):
                continue  # "Mar" alone is too often a name
            add(w.start, w.end, f"month:{_MONTH_WORDS[key]}")
            if day_before:
                add(before.start, before.end, f"day:{day_number(before.key)}")
            if day_after:
                add(after.start, after.end, f"day:{day_number(after.key)}")
                nxt = words[k + 2] if k + 2 < n else None
                if nxt is not None and year_of(nxt.key):
                    add(nxt.start, nxt.end, f"year:{year_of(nxt.key)}")
            elif year_after:
                add(after.start, after.end, f"year:{year_of(after.key)}")
        elif key in _DAY_WORDS and w.text[:1].isupper():
            add(w.start, w.end, f"weekday:{_DAY_WORDS[key]}")
        elif key in _RELATIVE_DAYS:
            add(w.start, w.end, f"rel:{key}")
        elif key == "night" and k > 0 and words[k - 1].key == "last":
            add(words[k - 1].start, w.end, "rel:yesterday")
    for w in words:
        if w.start not in used and year_of(w.key) and not unit_after(words, w, text):
            add(w.start, w.end, f"year:{year_of(w.key)}")
    return out, used


def day_number(key: str) -> int:
    m = _ORDINAL.fullmatch(key)
    digits = m.group(1) if m else key
    return int(digits) if digits.isdigit() and 1 <= int(digits) <= 31 and len(digits) <= 2 else 0


def year_of(key: str) -> int:
    return int(key) if key.isdigit() and len(key) == 4 and 1800 <= int(key) <= 2099 else 0


def unit_after(words: tuple[lexicon.Word, ...], w: lexicon.Word, text: str) -> bool:
    """Whether a content word follows the number `w` closely (then a 4-digit number is a count)."""
    tail = text[w.end : w.end + 24]
    return bool(
        re.match(
            r"\s*(?:people|persons|homes|houses|troops|soldiers|cases|dead|deaths|"
            r"injured|killed|victims|students|members|workers|jobs|votes|units|"
            r"acres|miles|km|metres|meters|feet|tons|tonnes)\b",
            tail,
            re.I,
        )
    )
