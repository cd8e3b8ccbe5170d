"""The values every layer passes around: articles, sentences, links, groups, changes, comparisons.

Glossary
--------
article     one outlet's report of the story, as normalised text plus its sentences.
sentence    a span of the article text with a role; offsets are character offsets into
            `Article.text` (Python str indices, after Unicode normalisation).
role        what a sentence is: headline, outlet (masthead), section, byline, dateline (time
            stamps, "Posted 2 hours ago", "NAIROBI, Kenya (Reuters) —"), boilerplate (promo
            links, video captions, aggregator footers) or body. Only headline and body
            sentences are *linkable*: the others stay in the article but are never linked or
            counted.
ref         (article_index, sentence_index): a sentence's address inside a Comparison.
link        two sentences in two different articles that report the same fact ("same") or
            an overlapping one ("related"), with a similarity score in [0, 1].
change      one word-level difference inside a linked pair, in difflib's words: replace,
            insert (text only on the b side) or delete (text only on the a side).
group       a story unit: the linked sentences across all articles that report one fact. Groups
            partition the linkable sentences: a sentence no other article reports is a group of
            one, so "only in X" and "missing from Y" are both read off the groups.
adds        sentences of an article that belong to no group shared with another article.
omits       groups present in other articles and absent from this one.
tag         a framing type of a change: term, number, attribution, hedge, loaded, quote
            (core/framing/tags.py states the rules); `Change.reasons` says why, one per tag.
finding     one framing difference worth reading aloud, about one sentence, with the sentences
            that back it as evidence (headline checks, term swaps, hedges, quotes …).
source      a person or organisation an article quotes or cites ("Patrick Ryder", "a US
            official"), as written. Never a file: where an input came from is its *path* (or
            address), kept in `Article.source` for the reports' contract.
fact        the UI's and the reports' word for a group.
manual      links a user set or removed by hand (`ManualLinks`); they override the aligner at
            every strictness and are marked `Link.manual`.

This module holds plain frozen values and derived queries; it computes no similarity, reads no
files and must never import Qt, numpy-heavy code, or the encoder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any


def excerpt(text: str, limit: int = 90) -> str:
    """`text` cut at a word boundary near `limit` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


class Role(StrEnum):
    """What a sentence is (see the glossary). Only HEADLINE and BODY are linkable."""

    HEADLINE = "headline"
    OUTLET = "outlet"
    SECTION = "section"
    BYLINE = "byline"
    DATELINE = "dateline"
    BOILERPLATE = "boilerplate"
    BODY = "body"


class Strength(StrEnum):
    """How sure a link is: the same fact, or an overlapping (related) one."""

    SAME = "same"
    RELATED = "related"


class ChangeKind(StrEnum):
    """A word-level change, in difflib's words."""

    REPLACE = "replace"
    INSERT = "insert"
    DELETE = "delete"


class Tag(StrEnum):
    """The framing type of a change (framing/tags.py states the rules)."""

    TERM = "term"
    NUMBER = "number"
    ATTRIBUTION = "attribution"
    HEDGE = "hedge"
    LOADED = "loaded"
    QUOTE = "quote"


class FindingKind(StrEnum):
    """What a finding says, in the order findings are listed (most important first)."""

    HEADLINE_UNSUPPORTED = "headline_unsupported"
    HEADLINE_UNSUPPORTED_TERM = "headline_unsupported_term"
    TERM_SWAP = "term_swap"
    HEDGE_DIFFERENCE = "hedge_difference"
    ATTRIBUTION_DIFFERENCE = "attribution_difference"
    NUMBER_MISMATCH = "number_mismatch"
    QUOTE_VS_PARAPHRASE = "quote_vs_paraphrase"
    LOADED_WORD = "loaded_word"
    QUOTE_ONLY_HERE = "quote_only_here"


# Short names the code has always used; each is the enum member (a str, so JSON is unchanged).
HEADLINE = Role.HEADLINE
OUTLET = Role.OUTLET
SECTION = Role.SECTION
BYLINE = Role.BYLINE
DATELINE = Role.DATELINE
BOILERPLATE = Role.BOILERPLATE
BODY = Role.BODY
ROLES = tuple(Role)
LINKABLE_ROLES = frozenset({HEADLINE, BODY})

SAME = Strength.SAME
RELATED = Strength.RELATED

Ref = tuple[int, int]
"""(article_index, sentence_index)."""


_DATE_TAIL = re.compile(r"([-_ .]+(\d{4}([-_.]\d{1,2}){0,2}|\d{1,2}[-_.]\d{1,2}[-_.]\d{2,4}))+$")


def display_name(name: str) -> str:
    """A file stem as a reader would write it: "the-independent-2022-09" → "The Independent".

    A trailing date is dropped and separators become spaces; a name that is already spaced or
    mixed-case is kept as it is, since its author chose its capitals.
    """
    stem = _DATE_TAIL.sub("", name) or name
    if " " in stem or not stem.islower():
        return stem.strip()
    return " ".join(word.capitalize() for word in re.split(r"[-_.]+", stem) if word)


@dataclass(frozen=True)
class Sentence:
    """A sentence (or a non-prose line such as a caption) of an article."""

    text: str
    start: int
    end: int
    role: str = BODY
    paragraph: int = 0

    @property
    def linkable(self) -> bool:
        return self.role in LINKABLE_ROLES


@dataclass(frozen=True)
class Document:
    """What ingest read: the normalised text of one input, before roles and sentences.

    `title` and `site` come from HTML metadata when there was any; they are hints for roles.
    `byline` (author), `published` (an ISO date "2022-09-06", or the date line as found) and
    `language` (ISO 639-1 code, "en") are None when the input did not tell; reading never
    detects a language (the parse stage does, cached: core/link/parsed.py), so a document's
    `language` is set only when it came from a saved comparison.
    """

    name: str
    source: str
    text: str
    title: str | None = None
    site: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Article:
    """One input, split into sentences with roles. `sentences` cover the text in order."""

    name: str
    source: str
    text: str
    sentences: tuple[Sentence, ...]
    outlet: str | None = None
    headline: str | None = None
    byline: str | None = None
    published: str | None = None
    language: str | None = None

    @property
    def label(self) -> str:
        """What to call the article in a report: its outlet if known, else its tidied name."""
        return self.outlet or display_name(self.name)

    def linkable_indices(self) -> list[int]:
        return [i for i, s in enumerate(self.sentences) if s.linkable]


@dataclass(frozen=True)
class Change:
    """A word-level difference in a linked pair; offsets are into each sentence's text.

    kind is "replace", "insert" (b side only) or "delete" (a side only); an empty side has an
    empty span at the place where the text would stand.
    """

    kind: str
    a: str
    b: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    tags: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    """One short plain-English reason per tag, in the same order (for tooltips)."""


Phrase = tuple["str | int", ...]
"""A reader's sentence with the outlets left open: str parts are text, int parts are article
indices, filled in with the labels current when it is shown (`Finding.render`)."""


@dataclass(frozen=True)
class Finding:
    """A framing difference a reader can check.

    kind: a FindingKind. (article, sentence) is the sentence the finding is about; `text` the
    words it is about; `evidence` the sentences (refs) that back it, in any article. `phrase`
    says it in plain words with the outlets as article indices, so that a renamed outlet reaches
    every view and report (`render`, report/phrases.finding_message). `shown` is False for kinds
    whose judged precision is too low to state them (framing/policy.py): they stay inspector
    tags, and `hidden_reason` says why.
    """

    kind: str
    article: int
    sentence: int
    text: str
    phrase: Phrase
    evidence: tuple[Ref, ...] = ()
    shown: bool = True
    hidden_reason: str = ""

    def render(self, labels: list[str]) -> str:
        """The finding's sentence with each article index replaced by that article's label."""
        return "".join(labels[p] if isinstance(p, int) else p for p in self.phrase)


@dataclass(frozen=True)
class Link:
    """Two sentences that report the same fact. Always `a[0] < b[0]` (article order)."""

    a: Ref
    b: Ref
    score: float
    strength: str = SAME
    changes: tuple[Change, ...] = ()
    manual: bool = False


@dataclass(frozen=True)
class Group:
    """A story unit: sentences (refs, sorted) across articles that report one fact."""

    members: tuple[Ref, ...]

    def articles(self) -> frozenset[int]:
        return frozenset(a for a, _ in self.members)


@dataclass(frozen=True)
class ManualLinks:
    """Links a user set or removed by hand, as (ref, ref) pairs in any order.

    `added` pairs are linked whatever the aligner says ("same", `Link.manual`); `removed` pairs
    are never linked. They are applied after alignment at every strictness (core/manual.py).
    """

    added: tuple[tuple[Ref, Ref], ...] = ()
    removed: tuple[tuple[Ref, Ref], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed)


@dataclass(frozen=True)
class Comparison:
    """The result of `compare()`: everything the views and report writers need.

    `embeddings` holds, per article, the (n_sentences, dim) float32 unit vectors of its linkable
    sentences (rows of non-linkable sentences are zero) so that re-linking at another strictness
    re-uses them; it is not part of equality or the report. `findings` (most important first),
    `near` (adds not called "only here") and `sources` (per article, the people and
    organisations it quotes or cites) come from core/framing. `manual` holds the valid hand-set
    links it was built with, so that re-linking keeps them.
    """

    articles: tuple[Article, ...]
    links: tuple[Link, ...]
    groups: tuple[Group, ...]
    encoder: str
    options: Any = None
    warnings: tuple[str, ...] = ()
    embeddings: tuple[Any, ...] = field(default=(), compare=False, repr=False)
    findings: tuple[Finding, ...] = ()
    sources: tuple[tuple[str, ...], ...] = ()
    manual: ManualLinks = ManualLinks()
    near: tuple[tuple[Ref, tuple[int, ...]], ...] = ()
    """Adds not called "only here" (framing/nearby.py): (ref, articles that possibly report it
    too), told as "possibly also in X"; with no article, a sentence with nothing to check it by."""
    # the strictness-free link evidence (core/link/scores.LinkScores) relink() re-decides from
    scores: Any = field(default=None, compare=False, repr=False)

    def labels(self) -> list[str]:
        """Article labels, made unique with a letter when two articles share one."""
        names = [a.label for a in self.articles]
        return [
            f"{name} [{chr(65 + k)}]" if names.count(name) > 1 else name
            for k, name in enumerate(names)
        ]

    def difference_groups(self) -> list[int]:
        """Indices of groups missing from some article or worded differently somewhere."""
        n = len(self.articles)
        return [
            g
            for g, group in enumerate(self.groups)
            if len(group.articles()) < n
            or any(link.changes for ref in group.members for link in self.links_of(ref))
        ]

    def sentence(self, ref: Ref) -> Sentence:
        return self.articles[ref[0]].sentences[ref[1]]

    def links_of(self, ref: Ref) -> list[Link]:
        return [link for link in self.links if link.a == ref or link.b == ref]

    def group_of(self, ref: Ref) -> Group | None:
        for group in self.groups:
            if ref in group.members:
                return group
        return None

    def shared_groups(self) -> list[Group]:
        """Groups that span at least two articles (the facts more than one outlet reports)."""
        return [g for g in self.groups if len(g.articles()) >= 2]

    def adds(self, article: int) -> list[int]:
        """Linkable sentence indices of `article` that no other article reports."""
        shared = {i for g in self.shared_groups() for a, i in g.members if a == article}
        return [i for i in self.articles[article].linkable_indices() if i not in shared]

    def possibly_also_in(self, ref: Ref) -> tuple[int, ...]:
        """Articles that possibly report the add at `ref` too (empty: truly only here)."""
        return self._near_by_ref.get(ref, ())

    @cached_property
    def _near_by_ref(self) -> dict[Ref, tuple[int, ...]]:
        # built once: a dict of `near` per call made a report of 8,416 sentences take 2.9 s
        return dict(self.near)

    def only_here(self, article: int) -> list[int]:
        """The adds of `article` with no near match elsewhere: what may be called "only here"."""
        near = {i for (a, i), _ in self.near if a == article}
        return [i for i in self.adds(article) if i not in near]

    def omitted_indices(self, article: int) -> list[int]:
        """Indices (into `groups`) of the groups `article` lacks: `omits` without a search.

        Looking each omitted group up with groups.index() made reports quadratic in sentences
        (1.3 s of a cached 20-article comparison).
        """
        return [g for g, group in enumerate(self.groups) if article not in group.articles()]

    def presence(self, group: Group) -> list[str]:
        """Per article, how it carries `group`: "present", "related" or "absent".

        "related" means its sentences in the group reach the others only by "related" links
        (it touches the fact without reporting it the same way).
        """
        members = set(group.members)
        out = []
        for k in range(len(self.articles)):
            mine = [ref for ref in group.members if ref[0] == k]
            if not mine:
                out.append("absent")
            elif len(group.articles()) == 1 or any(
                link.strength == SAME and (link.a in members and link.b in members)
                for ref in mine
                for link in self.links_of(ref)
            ):
                out.append("present")
            else:
                out.append("related")
        return out

    def omits(self, article: int) -> list[Group]:
        """Groups reported by other articles (at least one) that `article` lacks.

        A group that only one other article has counts too: it is that article's addition and
        this article's omission.
        """
        out = []
        for g in self.groups:
            arts = g.articles()
            if article not in arts and arts:
                out.append(g)
        return out
