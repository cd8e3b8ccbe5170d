"""Headline check: does each headline say only what a body says?

Rules (precision first: on the development stories a flagged headline word without a body
phrase in its place was a paraphrase or headline-ese far more often than a real claim)
-----
- A headline's *support* is the body sentences (any article) linked to it, in its group, or
  whose stored embedding has cosine ≥ SUPPORT_COSINE with it. A headline with no support at all
  is `headline_unsupported`.
- Checked words are lower-case content words of three letters or more that are no light word
  (LIGHT_WORDS: "amid", "over", "sets" …), reporting verb or number. Capitalised words are
  names, a sentence's first word, or words of a Title-Case or all-capitals headline, whose
  names cannot be told apart: none is checked.
- A word is supported when any body of any article (not only the linked sentences) uses a form
  of it: the same stem ("buys"/"buying"), a shared beginning of at least FORM_PREFIX letters
  that leaves at most FORM_TAIL letters of the shorter word ("violent"/"violence"), a "re-"
  form ("rehires"/"hiring"), a family of resources/word_forms.txt ("death"/"died"), or a
  phrase of its synonyms group ("Moscow" ↔ "Russia"; resources/synonyms.txt); a hyphenated
  word when every part is.
- Word-embedding similarity never excuses a word: "missiles" and "rockets" are near in vector
  space and different weapons.
- A finding is made only where a linked body sentence puts a short phrase (at most
  MAX_COUNTERPART_WORDS content words) in the flagged word's place and some body says that
  phrase ("missiles" / "artillery shells and rockets"). Flagged words next to each other make
  one finding ("war drags").
- "In its place" is checked on both sides: the headline's content word just before the flagged
  words must have a form among the ANCHOR_REACH content words before the counterpart, and the
  one just after among the ANCHOR_REACH after it ("buys missiles from North Korea" / "buying
  … artillery shells and rockets from North Korea"). A word at the headline's edge needs only
  its inner side. Without these anchors a diff pairs unrelated words ("regulation win" /
  "six rounds").

Glossary
--------
support       refs of body sentences that back a headline.
counterpart   the body's phrase in the same slot as a flagged headline word.

This module reads a Comparison's texts, links, groups and stored embeddings only; it never
calls an encoder and never imports Qt.
"""

from __future__ import annotations

from functools import cache, lru_cache

from narrdiff.core.framing.cues import SentenceFacts, sentence_facts
from narrdiff.core.framing.tags import phrase_of, residue, sides
from narrdiff.core.model import BODY, HEADLINE, Comparison, Finding, Phrase, Ref
from narrdiff.core.text import lexicon

SUPPORT_COSINE = 0.6
"""Cosine (0–1) of stored sentence embeddings above which a body sentence supports a headline;
high, so that only sentences about the headline's own fact count."""
MIN_CHECKED_LETTERS = 3
MAX_COUNTERPART_WORDS = 4
ANCHOR_REACH = 3
"""Content words beside a counterpart searched for the headline word's neighbour."""
"""A counterpart longer than this many content words is a rewording, not a phrase to name."""
FORM_PREFIX = 5
"""Letters two words must share at their start to count as forms of one word (with FORM_TAIL)."""
FORM_TAIL = 3
"""Most letters of the shorter word that may lie beyond the shared beginning."""
LIGHT_WORDS = frozenset(
    """amid over get gets got set sets top tops past back out off ahead away near next
    after before into onto upon via vs versus latest new first last more less still again
    make makes made take takes took put puts come comes came go goes went see sees seen look
    looks borne bear bears due per amid amidst despite toward towards""".split()
)
"""Headline words too light to be a claim of their own."""


def headline_findings(comparison: Comparison, labels: list[int]) -> list[Finding]:
    """Findings for every headline of every article, in article order."""
    out: list[Finding] = []
    for k, article in enumerate(comparison.articles):
        for i, sentence in enumerate(article.sentences):
            if sentence.role != HEADLINE:
                continue
            support = supporting_sentences(comparison, (k, i))
            if not support:
                message = ("No sentence in any article's body backs ", k, "'s headline.")
                out.append(Finding("headline_unsupported", k, i, sentence.text, message))
                continue
            out += _term_findings(comparison, (k, i), support, labels)
    return out


def supporting_sentences(comparison: Comparison, ref: Ref) -> list[Ref]:
    """Body sentences that back the headline at `ref` (see module rules), sorted."""
    refs: set[Ref] = set()
    for link in comparison.links_of(ref):
        refs.add(link.b if link.a == ref else link.a)
    group = comparison.group_of(ref)
    refs.update(group.members if group else ())
    if comparison.embeddings:
        vector = comparison.embeddings[ref[0]][ref[1]]
        for k, matrix in enumerate(comparison.embeddings):
            scores = matrix @ vector
            refs.update((k, j) for j in range(len(scores)) if scores[j] >= SUPPORT_COSINE)
    return sorted(r for r in refs if comparison.sentence(r).role == BODY)


def unsupported_words(headline: SentenceFacts, backing: list[SentenceFacts]) -> list[lexicon.Word]:
    """Checked headline words that no sentence of `backing` uses in any form or paraphrases."""
    vocabulary = _vocabulary(tuple(f.text for f in backing))
    excused = {
        headline.words[k].start
        for g, i, j in headline.synonyms
        if g in vocabulary.groups
        for k in range(i, j)
    }
    titled = _title_case(headline)
    out = []
    for n, word in enumerate(headline.words):
        if word.start in excused or not _checked(word, first=n == 0, titled=titled):
            continue
        parts = [p for p in word.key.split("-") if p] or [word.key]
        if all(vocabulary.has_form(p) for p in parts):
            continue
        out.append(word)
    return out


class _Vocabulary:
    """The words of a set of sentences, indexed for `has_form`."""

    def __init__(self, backing: list[SentenceFacts]):
        self.keys = frozenset(w.key for f in backing for w in f.words)
        self.stems = frozenset().union(*(f.stems for f in backing))
        self.groups = frozenset().union(*(f.groups for f in backing))
        # two forms share their first FORM_PREFIX letters: look only among those
        self.by_start: dict[str, list[str]] = {}
        for key in self.keys:
            self.by_start.setdefault(key[:FORM_PREFIX], []).append(key)

    def has_form(self, key: str) -> bool:
        near = self.by_start.get(key[:FORM_PREFIX], []) if len(key) >= FORM_PREFIX else []
        return _has_form(key, self.keys, self.stems, near)


@lru_cache(maxsize=16)
def _vocabulary(texts: tuple[str, ...]) -> _Vocabulary:
    """Cached per set of texts: every re-link checks the same headlines against the same
    bodies."""
    return _Vocabulary([sentence_facts(t) for t in texts])


def _has_form(
    key: str, keys: frozenset[str], stems: frozenset[str], near: list[str] | None = None
) -> bool:
    """True when some word of `keys` is a form of `key` (see the module rules); `near`, when
    given, holds the words of `keys` that share `key`'s first FORM_PREFIX letters."""
    bare = key[2:] if key.startswith("re") and len(key) > 5 else key
    if lexicon.stem(key) in stems or lexicon.stem(bare) in stems:
        return True
    family = _families().get(key, ())
    if any(k in keys for k in family):
        return True
    for other in keys if near is None else near:
        shorter = min(len(key), len(other))
        shared = _shared_start(key, other)
        if shared >= FORM_PREFIX and shorter - shared <= FORM_TAIL:
            return True
    return False


def _shared_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@cache
def _families() -> dict[str, tuple[str, ...]]:
    """Each word of resources/word_forms.txt → every word of its family."""
    from importlib.resources import files

    text = files("narrdiff.resources").joinpath("word_forms.txt").read_text(encoding="utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        family = tuple(line.split("#", 1)[0].split())
        for word in family:
            out[word] = out.get(word, ()) + family
    return out


def _title_case(headline: SentenceFacts) -> bool:
    """No content word in lower case: a Title-Case or all-capitals headline."""
    content = [w for w in headline.words if w.text[:1].isalpha() and lexicon.is_content(w)]
    return not any(w.text[:1].islower() and len(w.text) >= 3 for w in content)


def _checked(word: lexicon.Word, *, first: bool = False, titled: bool = False) -> bool:
    return (
        lexicon.is_content(word)
        and word.text.islower()
        and not (first or titled)
        and word.key.replace("-", "").isalpha()
        and len(word.key) >= MIN_CHECKED_LETTERS
        and word.key not in LIGHT_WORDS
        and word.key not in lexicon.reporting_verbs()
        and lexicon.number_value(word) is None
    )


def _term_findings(
    comparison: Comparison, ref: Ref, support: list[Ref], labels: list[int]
) -> list[Finding]:
    headline = sentence_facts(comparison.sentence(ref).text)
    bodies = [sentence_facts(comparison.sentence(r).text) for r in _bodies(comparison)]
    out = []
    for run in _runs(headline, unsupported_words(headline, bodies)):
        text = headline.text[run[0].start : run[-1].end]
        counterpart = _counterpart(comparison, ref, run)
        if counterpart is None:
            continue  # no body phrase in its place: too often a paraphrase to state
        message, evidence = _message(comparison, ref, text, counterpart, labels)
        if evidence:
            out.append(
                Finding("headline_unsupported_term", ref[0], ref[1], text, message, evidence)
            )
    return out


def _runs(headline: SentenceFacts, flagged: list[lexicon.Word]) -> list[list[lexicon.Word]]:
    """Flagged words next to each other (white space between) as one phrase: "war drags"."""
    runs: list[list[lexicon.Word]] = []
    for word in flagged:
        if runs and not headline.text[runs[-1][-1].end : word.start].strip():
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _counterpart(comparison: Comparison, ref: Ref, run: list[lexicon.Word]) -> str | None:
    """The phrase a linked body sentence has in the flagged words' place, if one stands out."""
    headline = sentence_facts(comparison.sentence(ref).text)
    for link in comparison.links_of(ref):
        other = sentence_facts(comparison.sentence(link.b if link.a == ref else link.a).text)
        for change in link.changes:
            a, b = (
                sides(change, headline, other) if link.a == ref else sides(change, other, headline)
            )
            mine, theirs = (a, b) if link.a == ref else (b, a)
            if not mine.start <= run[0].start < mine.end:
                continue
            chosen = residue(theirs, mine)
            if (
                chosen
                and len(chosen) <= MAX_COUNTERPART_WORDS
                and _anchored(headline, run, other, chosen)
            ):
                return phrase_of(theirs, chosen)
    return None


def _anchored(
    headline: SentenceFacts,
    run: list[lexicon.Word],
    other: SentenceFacts,
    chosen: list[lexicon.Word],
) -> bool:
    """The headline's neighbours of `run` stand beside `chosen` in the other sentence."""
    content = [w for w in headline.words if lexicon.is_content(w)]
    before = [w for w in content if w.end <= run[0].start][-1:]
    after = [w for w in content if w.start >= run[-1].end][:1]
    if not before and not after:
        return False
    theirs = [w for w in other.words if lexicon.is_content(w)]
    near_before = [w for w in theirs if w.end <= chosen[0].start][-ANCHOR_REACH:]
    near_after = [w for w in theirs if w.start >= chosen[-1].end][:ANCHOR_REACH]
    for neighbour, near in ((before, near_before), (after, near_after)):
        if not neighbour:
            continue
        keys = frozenset(w.key for w in near)
        stems = frozenset(lexicon.stem(w.key) for w in near)
        if not _has_form(neighbour[0].key, keys, stems):
            return False
    return True


def _message(comparison, ref, text, counterpart, labels) -> tuple[Phrase, tuple[Ref, ...]]:
    """The plain sentence, and the body sentences that say the counterpart (none: no finding)."""
    k = ref[0]
    key = lexicon.fold(counterpart)
    said = [r for r in _bodies(comparison) if key in lexicon.fold(comparison.sentence(r).text)]
    if not said:
        return (), ()
    articles = sorted({a for a, _ in said})
    verb = "says" if len(articles) == 1 else "say"
    who = _who(k, articles, labels)
    return (
        (labels[k], f"'s headline says “{text}”; ", *who, f" {verb} “{counterpart}”."),
        tuple(said),
    )


def _bodies(comparison: Comparison) -> list[Ref]:
    return [
        (k, i)
        for k, art in enumerate(comparison.articles)
        for i, s in enumerate(art.sentences)
        if s.role == BODY
    ]


def _who(k: int, articles: list[int], labels: list[int]) -> list[str | int]:
    """ "its body", "its body and B", "A, B and C": its own body first, outlets as indices."""
    names: list[str | int] = ["its body" if a == k else labels[a] for a in articles]
    if "its body" in names[1:]:
        names.remove("its body")
        names.insert(0, "its body")
    out: list[str | int] = []
    for n, name in enumerate(names):
        if n:
            out.append(" and " if n == len(names) - 1 else ", ")
        out.append(name)
    return out
