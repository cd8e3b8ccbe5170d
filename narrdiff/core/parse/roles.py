"""Paragraph roles: which paragraphs are the story and which are the page's furniture.

`label_paragraphs(paragraphs, title=…, site=…)` gives each paragraph one role from
`narrdiff.core.model`: HEADLINE, OUTLET (masthead), SECTION, BYLINE, DATELINE, BOILERPLATE or
BODY. `dateline_prefix(paragraph)` finds a dateline glued to the start of a body paragraph
("Updated 9:06 AM A woman has died …", "NAIROBI, Kenya (Reuters) — …"), which the parser cuts
off as a DATELINE sentence, and `sentence_role(sentence)` says whether a sentence of a body
paragraph is a time stamp (DATELINE) or a fragment with no words to report (BOILERPLATE: a lone
quotation mark, "Fri.", "Reversible?").

Copied articles carry furniture around the story: a masthead ("The Daily Telegraph"), a section
label ("World"), a byline, time stamps ("Updated 10:42 GMT", a video's "0:53"), promo links
("More on North Korea"), captions and aggregator footers ("Newspapers in English"). The rules
are general, in this order:

1. time stamps and date lines ("Updated 10:42 GMT", "PUBLISHED: THURSDAY, MAY 2, 2013, 1:32 PM",
   "Posted 2 hours ago") are DATELINE, a bare duration ("0:53") BOILERPLATE; navigation menus
   ("Home | World | UK | Climate") and short paragraphs holding a phrase from the [boilerplate]
   list in resources/boilerplate.txt are BOILERPLATE; "By Jane Smith" and "Jane Smith,
   Political Editor" are BYLINE;
2. the *top* is everything before the first paragraph that reads as prose (ends with a full
   stop). There, a short Title-Case first line naming a publication (the `site` hint, or an
   [outlet] cue word at its end or after "The") is the OUTLET; a one- or two-word line or a
   [section] entry is a SECTION; the line matching the HTML `title` hint (or else the first line
   of three or more words not ending in a full stop) is the HEADLINE; and a name alone after
   the headline ("Julian Borger in Washington") is a BYLINE;
3. anywhere, a short line (≤ 12 words) that does not end like a sentence is BOILERPLATE: amid
   prose it is a promo link, a caption or a crosshead, not a reported fact. A text with no
   prose at all (a single line, a list of headlines) keeps such lines as BODY;
4. everything else is BODY.

The cue words live in resources/boilerplate.txt so that editors can extend them. This module
classifies whole paragraphs only; it never splits sentences and never changes the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from narrdiff.core.model import BODY, BOILERPLATE, BYLINE, DATELINE, HEADLINE, OUTLET, SECTION

SHORT_LINE_WORDS = 12
"""A line of at most this many words without sentence punctuation is furniture, not prose."""

PHRASE_LINE_WORDS = 20
"""Boilerplate phrases are only looked for in paragraphs of at most this many words."""

HEADLINE_MAX_WORDS = 30
TOP_MAX_PARAGRAPHS = 6
"""The masthead, section, headline and byline are looked for only this far from the top."""

_WORD = re.compile(r"[^\W_][\w’'&.-]*")
_CLOSERS = "”’\"')]»"
_SMALL_WORDS = frozenset("a an and at by for in of on the to & -".split())

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_DAYS = (
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thurs fri sat sun"
)
_ZONES = "gmt bst utc cet cest est edt et pt pst pdt ct cst cdt aest ist am pm a.m. p.m. at on"
_DATE_WORDS = frozenset(f"{_MONTHS} {_DAYS} {_ZONES}".split())
_NUMBER_TOKEN = re.compile(
    r"^\d{1,4}(st|nd|rd|th)?[.,]?$|^\d{1,2}[:.]\d{2}([:.]\d{2})?(am|pm)?$", re.IGNORECASE
)
_DATE_LINE_START = re.compile(
    r"^(updated|published|first published|last updated|last modified|posted|modified)\b",
    re.IGNORECASE,
)
_BY_LINE = re.compile(r"^(?:by|BY|By)\s+[A-Z]")
_NAME_THEN_TITLE = re.compile(r"^[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){1,3}\s*[,|]\s*(.+)$")
_BREADCRUMB = re.compile(r"\s[›»>|/]\s")
_MENU_SEPARATOR = re.compile(r"\s[|•·]\s")
_NAME = r"[A-Z][\w’'.-]*"
_NAME_LINE = re.compile(rf"^{_NAME}(?: {_NAME}){{1,3}}(?: (?:in|and) {_NAME}(?: {_NAME}){{0,3}})?$")


@dataclass(frozen=True)
class _Cues:
    boilerplate: tuple[re.Pattern[str], ...]
    outlet: frozenset[str]
    section: frozenset[str]
    byline: frozenset[str]


def label_paragraphs(
    paragraphs: list[str], *, title: str | None = None, site: str | None = None
) -> list[str]:
    """One role per paragraph (see the module docstring for the rules)."""
    lines = [" ".join(p.split()) for p in paragraphs]
    roles = [_furniture_role(line) for line in lines]
    top_end = _body_start(lines, roles)
    _label_top(lines, roles, top_end, title=title, site=site)
    # With no prose at all (one line, a list of headlines) the short lines are the content.
    has_prose = top_end < len(lines)
    for i, line in enumerate(lines):
        if roles[i] is None:
            roles[i] = BOILERPLATE if has_prose and _is_short_non_sentence(line) else BODY
    return [role or BODY for role in roles]


# --- cue file -------------------------------------------------------------------------------


@cache
def _cues() -> _Cues:
    """Parse resources/boilerplate.txt once."""
    from importlib.resources import files

    text = files("narrdiff.resources").joinpath("boilerplate.txt").read_text(encoding="utf-8")
    sections = _parse_cue_text(text)
    return _Cues(
        boilerplate=tuple(_phrase_pattern(e) for e in sections.get("boilerplate", [])),
        outlet=frozenset(e.casefold() for e in sections.get("outlet", [])),
        section=frozenset(_norm(e) for e in sections.get("section", [])),
        byline=frozenset(e.casefold() for e in sections.get("byline", [])),
    )


def _parse_cue_text(text: str) -> dict[str, list[str]]:
    """Entries per "[section]"; blank lines and # comments skipped."""
    sections: dict[str, list[str]] = {}
    current = sections.setdefault("boilerplate", [])
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip().casefold(), [])
        else:
            current.append(line)
    return sections


def _phrase_pattern(entry: str) -> re.Pattern[str]:
    if entry.startswith("re:"):
        return re.compile(entry[3:].strip(), re.IGNORECASE)
    return re.compile(r"(?<!\w)" + re.escape(entry) + r"(?!\w)", re.IGNORECASE)


# --- single-line tests ------------------------------------------------------------------------


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _ends_sentence(line: str) -> bool:
    """Ends with . ! ? or … (a closing quote or bracket may follow)."""
    return line.rstrip(_CLOSERS).endswith((".", "!", "?", "…"))


def _ends_statement(line: str) -> bool:
    """Ends with a full stop or ellipsis: prose, never a headline."""
    return line.rstrip(_CLOSERS).endswith((".", "…"))


def _is_short_non_sentence(line: str) -> bool:
    if len(_words(line)) > SHORT_LINE_WORDS or _ends_sentence(line):
        return False
    # "…as officials put it:" introduces what follows; it is prose, not a caption.
    return not (line.endswith((":", ";", ",")) and len(_words(line)) >= 4)


def _is_date_line(line: str) -> bool:
    """Time stamps and date lines: "Updated 10:42 GMT", "Mon 5 Sep 2022 10.42 BST", "0:53"."""
    words = line.split()
    if _DATE_LINE_START.match(line) and len(words) <= SHORT_LINE_WORDS:
        # "Updated 9:06 AM A woman has died." is a story with a dateline glued on
        return not (_ends_statement(line) and dateline_prefix(line))
    if _stamp_length(line) == len(line.rstrip(" .")):
        return True
    tokens = re.findall(r"[\w:.]+", line.casefold())
    has_number = any(_NUMBER_TOKEN.match(t) for t in tokens)
    return has_number and all(_NUMBER_TOKEN.match(t) or t in _DATE_WORDS for t in tokens)


def _has_boilerplate_phrase(line: str) -> bool:
    if len(_words(line)) > PHRASE_LINE_WORDS:
        return False
    # In a full sentence the phrase must open it ("Sign up to our newsletter."), so that
    # "Countries that sign up to the treaty must comply." stays story text.
    if _ends_sentence(line):
        return any(p.match(line) for p in _cues().boilerplate)
    return any(p.search(line) for p in _cues().boilerplate)


def _is_byline(line: str) -> bool:
    words = _words(line)
    if not words or len(words) > SHORT_LINE_WORDS or _ends_statement(line):
        return False
    if _BY_LINE.match(line):
        return True
    match = _NAME_THEN_TITLE.match(line)
    if match is None:
        return False
    return any(w.casefold() in _cues().byline for w in _words(match.group(1)))


def _furniture_role(line: str) -> str | None:
    """The role a line has wherever it stands, or None when its place decides."""
    if not _words(line):
        return BOILERPLATE
    if _is_date_line(line):
        # a bare "0:53" is a video player's duration, not when the story was written
        return BOILERPLATE if re.fullmatch(r"[\d:.]+", line) else DATELINE
    if _has_boilerplate_phrase(line):
        return BOILERPLATE
    if len(_MENU_SEPARATOR.findall(line)) >= 3:  # "Home | World | UK | Climate": a menu
        return BOILERPLATE
    if _is_byline(line):
        return BYLINE
    return None


def _is_title_case(words: list[str]) -> bool:
    return all(w[0].isupper() or w.casefold() in _SMALL_WORDS or not w[0].isalpha() for w in words)


def _norm(text: str) -> str:
    text = re.sub(r"[^\w]+", " ", text.casefold()).strip()
    return re.sub(r"^the ", "", text)


def _names_outlet(line: str, site: str | None) -> bool:
    words = _words(line)
    if not 1 <= len(words) <= 6 or _ends_sentence(line) or not _is_title_case(words):
        return False
    if site and _norm(site):
        a, b = _norm(line), _norm(site)
        if a == b or (len(b) >= 3 and b in a) or (len(a) >= 3 and a in b):
            return True
    if _norm(line) in _cues().section:
        return False
    # "The Daily Telegraph", "Washington Post", "Reuters": a cue word at the end, or after
    # "The". A cue word elsewhere ("Post Office Scandal Deepens") is a headline's.
    cue_at_end = words[-1].casefold() in _cues().outlet
    cue_after_the = words[0] == "The" and any(w.casefold() in _cues().outlet for w in words)
    return len(words) <= 5 and (cue_at_end or cue_after_the)


def _is_section(line: str) -> bool:
    words = _words(line)
    if _ends_sentence(line) or not words:
        return False
    if _BREADCRUMB.search(line) and len(words) <= 6:
        return True
    if _norm(line) in _cues().section:
        return True
    return len(words) <= 2 and _is_title_case(words)


def _matches_title(line: str, title: str, site: str | None) -> bool:
    """The line is the title, or the headline part of "Headline | Site" / "Site - Headline"."""
    line_n = _norm(line)
    if not line_n:
        return False
    site_n = _norm(site or "")
    parts = [p for p in re.split(r"\s+[|–—-]\s+", title) if _norm(p) and _norm(p) != site_n]
    # Of "Headline | Site" the longest part is the headline; the site name is never it.
    candidates = [title, max(parts, key=len)] if parts else [title]
    return any(_norm(c) == line_n for c in candidates)


# --- the top of the article -------------------------------------------------------------------


def _body_start(lines: list[str], roles: list[str | None]) -> int:
    """Index of the first prose paragraph: it ends with a full stop or is long."""
    for i, line in enumerate(lines):
        if roles[i] is not None:
            continue
        n_words = len(_words(line))
        if (_ends_statement(line) and n_words >= 3) or n_words > HEADLINE_MAX_WORDS:
            return i
    return len(lines)


def _label_top(
    lines: list[str],
    roles: list[str | None],
    top_end: int,
    *,
    title: str | None,
    site: str | None,
) -> None:
    """Fill in OUTLET, SECTION, HEADLINE and a bare-name BYLINE above the body (in place)."""
    headline = _title_index(lines, roles, title, site) if title else None
    top = [i for i in range(min(top_end, TOP_MAX_PARAGRAPHS)) if roles[i] is None]
    if headline is not None:
        roles[headline] = HEADLINE
    for position, i in enumerate(top):
        if roles[i] is not None:
            continue
        line = lines[i]
        before_headline = headline is None or i < headline
        if position == 0 and before_headline and _names_outlet(line, site):
            roles[i] = OUTLET
        elif before_headline and _is_section(line):
            roles[i] = SECTION
        elif headline is None and _can_be_headline(line) and top_end < len(lines):
            headline = i
            roles[i] = HEADLINE
        elif headline is not None and i > headline and _is_bare_name(line):
            roles[i] = BYLINE


def _title_index(
    lines: list[str], roles: list[str | None], title: str, site: str | None
) -> int | None:
    for i, line in enumerate(lines):
        if roles[i] is None and _matches_title(line, title, site):
            return i
    return None


def _can_be_headline(line: str) -> bool:
    return 3 <= len(_words(line)) <= HEADLINE_MAX_WORDS and not _ends_statement(line)


def _is_bare_name(line: str) -> bool:
    """A name alone: "Jane Smith", "JANE SMITH", "Julian Borger in Washington"."""
    return bool(_NAME_LINE.match(line))


# --- datelines inside body paragraphs ------------------------------------------------------------

_STAMP_LEAD = r"(?:first |last )?(?:published|updated|posted|modified)(?: on)?:?"
_STAMP_TOKEN = re.compile(
    rf"{_STAMP_LEAD}"
    r"|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|urday|rsday)?\.?"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"|\d{1,2}\s*[ap]\.?m\.?|\d{1,4}(?:st|nd|rd|th)?"
    r"|(?:gmt|bst|utc|cet|cest|est|edt|et|pt|pst|pdt|ct|cst|cdt|mst|mdt|aest|ist)\b"
    r"|at|on",
    re.IGNORECASE,
)
_STAMP_GAP = re.compile(r"[\s,|–—-]*")
_DATED = re.compile(
    r"(?:18|19|20)\d\d|\d\s*[ap]\.?m|/\d|published|updated|posted|modified"
    r"|\b(?:gmt|bst|utc|et|est|edt|pdt|pst|mst)\b",
    re.IGNORECASE,
)
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+)*(?:, [A-Z][\w.]*(?: [A-Z][\w.]*)*)?"
    r"(?: \([A-Z][\w .&-]*\))? ?(?:—|–|--|-) "
)


def _stamp_length(line: str) -> int:
    """Length of the time stamp that opens `line` ("Updated 9:06 AM", "Jan 5, 2011 – 4:35 PM"),
    0 when none: tokens of dates, times, zones and stamp words, with a year, a clock time or a
    stamp word among them ("March 3" alone is no stamp; it may open a sentence)."""
    position, end = 0, 0
    while True:
        gap = _STAMP_GAP.match(line, position)
        position = gap.end() if gap else position
        token = _STAMP_TOKEN.match(line, position)
        if token is None or token.end() == position:
            break
        after = line[token.end() : token.end() + 1]
        if after and (after.isalnum() or after in "'’"):
            break  # "Saturday's", "Marchers": a word that only starts like a stamp token
        position = end = token.end()
    stamp = line[:end]
    return end if _DATED.search(stamp) and not stamp.casefold().endswith((" at", " on")) else 0


def dateline_prefix(paragraph: str) -> int:
    """Length of a dateline glued to the start of a body paragraph (0 when none): a time stamp
    followed by the story ("Published 12:17 am, Monday, September 16, 2013 A man has …"), or a
    wire dateline ("NAIROBI, Kenya (Reuters) — ")."""
    wire = _WIRE_DATELINE.match(paragraph)
    if wire and len(wire.group().split()[0]) >= 3:
        return wire.end()
    end = _stamp_length(paragraph)
    rest = paragraph[end:].lstrip(" |–—-,")
    # the story must go on after the stamp, in a word that opens a sentence
    if end and rest and (rest[0].isupper() or rest[0] in "“\"‘'"):
        return end
    return 0


MIN_FRAGMENT_WORDS = 2
"""A body sentence with fewer words of two or more letters is a fragment, not a fact."""


def sentence_role(sentence: str) -> str:
    """DATELINE for a time stamp, BOILERPLATE for a fragment (a lone quotation mark, "Fri.",
    "Reversible?"), else BODY: the role of one sentence of a body paragraph."""
    text = " ".join(sentence.split())
    if _is_date_line(text) or _stamp_length(text) >= len(text.rstrip(" .")) > 0:
        return DATELINE
    words = [w for w in _words(text) if sum(c.isalpha() for c in w) >= 2]
    if len(words) < MIN_FRAGMENT_WORDS:
        return BOILERPLATE
    return BODY
