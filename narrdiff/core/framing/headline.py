"""Headline check: does each headline say only what a body says?

Rules
-----
- A headline's *support* is the body sentences (any article) linked to it, in its group, or
  whose stored embedding has cosine ≥ SUPPORT_COSINE with it. A headline with no support at all
  is `headline_unsupported`.
- Checked words are content words of three letters or more (no stopwords, reporting verbs or
  numbers' units). A word is supported when a supporting sentence has the same stem
  ("buys"/"buying"), or a phrase of its synonyms group ("Moscow" ↔ "Russia"; resources/
  synonyms.txt), or, for a hyphenated word, every part. To stay conservative a word found
  anywhere in the headline's own body is not flagged either.
- Word-embedding similarity never excuses a word: "missiles" and "rockets" are near in vector
  space and different weapons.
- Flagged words next to each other make one finding ("war drags"). The message names what the
  body says instead when a link's word change puts one phrase against the flagged word
  ("missiles" / "artillery shells and rockets") and some body sentence says that phrase.

Glossary
--------
support       refs of body sentences that back a headline.
counterpart   the body's phrase in the same slot as a flagged headline word.

This module reads a Comparison's texts, links, groups and stored embeddings only; it never
calls an encoder and never imports Qt.
"""

from __future__ import annotations

from narrdiff.core.framing.cues import SentenceFacts, sentence_facts
from narrdiff.core.framing.tags import phrase_of, residue, sides
from narrdiff.core.model import BODY, HEADLINE, Comparison, Finding, Phrase, Ref
from narrdiff.core.text import lexicon

SUPPORT_COSINE = 0.6
"""Cosine (0–1) of stored sentence embeddings above which a body sentence supports a headline;
high, so that only sentences about the headline's own fact count."""
MIN_CHECKED_LETTERS = 3
MAX_COUNTERPART_WORDS = 4
"""A counterpart longer than this many content words is a rewording, not a phrase to name."""


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
    """Checked headline words that no sentence of `backing` contains or paraphrases."""
    stems = frozenset().union(*(f.stems for f in backing))
    groups = frozenset().union(*(f.groups for f in backing))
    excused = {
        headline.words[k].start for g, i, j in headline.synonyms if g in groups for k in range(i, j)
    }
    out = []
    for word in headline.words:
        if word.start in excused or not _checked(word):
            continue
        parts = [p for p in word.key.split("-") if p]
        if lexicon.stem(word.key) in stems or all(lexicon.stem(p) in stems for p in parts):
            continue
        out.append(word)
    return out


def _checked(word: lexicon.Word) -> bool:
    return (
        lexicon.is_content(word)
        and word.key.replace("-", "").isalpha()
        and len(word.key) >= MIN_CHECKED_LETTERS
        and word.key not in lexicon.reporting_verbs()
        and lexicon.number_value(word) is None
    )


def _term_findings(
    comparison: Comparison, ref: Ref, support: list[Ref], labels: list[int]
) -> list[Finding]:
    headline = sentence_facts(comparison.sentence(ref).text)
    own_body = [
        sentence_facts(s.text) for s in comparison.articles[ref[0]].sentences if s.role == BODY
    ]
    backing = [sentence_facts(comparison.sentence(r).text) for r in support]
    out = []
    for run in _runs(headline, unsupported_words(headline, backing + own_body)):
        text = headline.text[run[0].start : run[-1].end]
        counterpart = _counterpart(comparison, ref, run[0])
        message, evidence = _message(comparison, ref, text, counterpart, support, labels)
        out.append(Finding("headline_unsupported_term", ref[0], ref[1], text, message, evidence))
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


def _counterpart(comparison: Comparison, ref: Ref, word: lexicon.Word) -> str | None:
    """The phrase a linked body sentence has in the flagged word's place, if one stands out."""
    headline = sentence_facts(comparison.sentence(ref).text)
    for link in comparison.links_of(ref):
        other = sentence_facts(comparison.sentence(link.b if link.a == ref else link.a).text)
        for change in link.changes:
            a, b = (
                sides(change, headline, other) if link.a == ref else sides(change, other, headline)
            )
            mine, theirs = (a, b) if link.a == ref else (b, a)
            if not mine.start <= word.start < mine.end:
                continue
            chosen = residue(theirs, mine)
            if chosen and len(chosen) <= MAX_COUNTERPART_WORDS:
                return phrase_of(theirs, chosen)
    return None


def _message(comparison, ref, text, counterpart, support, labels) -> tuple[Phrase, tuple[Ref, ...]]:
    """The plain sentence, and the body sentences that back it."""
    k = ref[0]
    others = sorted({a for a, _ in support if a != k})
    if counterpart:
        key = lexicon.fold(counterpart)
        said = [r for r in _bodies(comparison) if key in lexicon.fold(comparison.sentence(r).text)]
        if said:
            articles = sorted({a for a, _ in said})
            verb = "says" if len(articles) == 1 else "say"
            who = _who(k, articles, labels)
            return (
                (labels[k], f"'s headline says “{text}”; ", *who, f" {verb} “{counterpart}”."),
                tuple(said),
            )
    if not others:
        return (labels[k], f"'s headline says “{text}”; its body never does."), tuple(support)
    names: list[str | int] = ["neither its body"]
    for a in others:
        names += [" nor ", labels[a]]
    return (labels[k], f"'s headline says “{text}”; ", *names, " uses that word."), tuple(support)


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
