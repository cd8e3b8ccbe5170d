"""Byline and publication date read off the first lines of an article's text.

For inputs whose format carries no metadata (plain text, PDF), the top of a copied article
usually does: a "By Jane Smith" line, an "Updated 10:42 GMT 6 September 2022" or
"6 September 2022" line. Only the first `TOP_LINES` non-empty lines of at most
`MAX_LINE_WORDS` words are looked at, so story text never counts. A date is given as an ISO date
("2022-09-06") when day, month and year are all there, else as the line was written. This
module reads only strings; it must not change the text or decide roles.
"""

from __future__ import annotations

import re
from datetime import date

TOP_LINES = 8
MAX_LINE_WORDS = 12

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}
_NOT_NAMES = frozenset(_MONTHS) | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday then now the".split()
)
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DATE_FORMS = (
    re.compile(rf"\b{_DAY}\s+{_MONTH}\s*,?\s+{_YEAR}\b", re.IGNORECASE),  # 6 September 2022
    re.compile(rf"\b{_MONTH}\s+{_DAY}\s*,?\s+{_YEAR}\b", re.IGNORECASE),  # September 6, 2022
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})(?!\d)"),  # 2022-09-06
)
_DATE_LINE = re.compile(
    r"^(?:updated|published|first published|last updated|last modified|posted|modified)\b",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_BY = re.compile(
    r"^(?:[Bb]y|BY)\s+(?P<name>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|and|de|van|von))*)"
)


def first_lines(text: str) -> list[str]:
    """The top non-empty lines, whitespace collapsed."""
    lines = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())
        if line:
            lines.append(line)
            if len(lines) == TOP_LINES:
                break
    return lines


def find_byline(lines: list[str]) -> str | None:
    """The author named on a "By Jane Smith" line near the top."""
    for line in lines:
        if len(line.split()) <= MAX_LINE_WORDS:
            name = byline_name(line)
            if name:
                return name
    return None


def byline_name(line: str) -> str | None:
    """The name on a "By …" line: "By Jane Smith and Tom Lee, Editors" → "Jane Smith and Tom Lee".

    None when the line names no one ("By Monday, …").
    """
    match = _BY.match(line.strip())
    if match is None:
        return None
    name = match.group("name").rstrip(" .,")
    # "By Monday, …" / "By September …": a time, not an author.
    if name.split()[0].casefold().rstrip(".") in _NOT_NAMES:
        return None
    return name or None


def find_published(lines: list[str]) -> str | None:
    """The date on a short dateline near the top, ISO when it parses."""
    for line in lines:
        if len(line.split()) > MAX_LINE_WORDS:
            continue
        iso = iso_date(line)
        if iso:
            return iso
        if _DATE_LINE.match(line) and _TIME.search(line):
            return line  # "Updated 10:42 GMT": a time stamp with no date, as written
    return None


def iso_date(line: str) -> str | None:
    """The first full date (day, month, year) in `line` as "YYYY-MM-DD", or None."""
    for form in _DATE_FORMS:
        match = form.search(line)
        if match is None:
            continue
        month = match.group("month")
        number = int(month) if month.isdigit() else _MONTHS[month.casefold()]
        try:
            return date(int(match.group("year")), number, int(match.group("day"))).isoformat()
        except ValueError:
            continue  # "31 February": not a date
    return None
