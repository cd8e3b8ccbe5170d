"""Hand-made comparisons for the framing tests: articles written for the tests, linked by hand.

No encoder runs here: links are given, and their word changes come from the real
`wording.diff_words`, so framing is tested on exactly what the pipeline would hand it.
"""

from __future__ import annotations

from narrdiff.core.diff.wording import diff_words
from narrdiff.core.framing import lens as framing
from narrdiff.core.framing import tags as framing_tags
from narrdiff.core.framing.cues import sentence_facts
from narrdiff.core.model import (
    BODY,
    HEADLINE,
    SAME,
    Article,
    Change,
    Comparison,
    Group,
    Link,
    Sentence,
)


def article(outlet: str, texts: list[str], headline: str | None = None) -> Article:
    """An article of body sentences (and a headline first, when given), offsets exact."""
    rows = ([(headline, HEADLINE)] if headline else []) + [(t, BODY) for t in texts]
    sentences, pos = [], 0
    for text, role in rows:
        sentences.append(Sentence(text, pos, pos + len(text), role))
        pos += len(text) + 1
    text = " ".join(t for t, _ in rows)
    return Article(
        outlet.lower().replace(" ", "-"), outlet, text, tuple(sentences), outlet, headline
    )


def comparison(a: Article, b: Article, pairs, strength: str = SAME) -> Comparison:
    """Articles a and b with links between the given (i, j) sentence pairs, framed."""
    links = []
    for i, j in pairs:
        changes = diff_words(a.sentences[i].text, b.sentences[j].text)
        links.append(Link((0, i), (1, j), 0.8, strength, tuple(changes)))
    linked = {(0, i) for i, _ in pairs} | {(1, j) for _, j in pairs}
    groups = [Group(((0, i), (1, j))) for i, j in pairs]
    groups += [
        Group((ref,))
        for k, art in enumerate((a, b))
        for ref in ((k, i) for i in art.linkable_indices())
        if ref not in linked
    ]
    return framing.apply(Comparison((a, b), tuple(links), tuple(groups), "test"))


def tagged(a: str, b: str) -> list[Change]:
    """The tagged word changes of one linked pair of sentences."""
    facts_a, facts_b = sentence_facts(a), sentence_facts(b)
    changes = diff_words(a, b)
    throughout = framing_tags.reworded_throughout(changes, a, b)
    return [framing_tags.tag_change(c, facts_a, facts_b, throughout=throughout) for c in changes]


def tags(a: str, b: str) -> set[str]:
    return {tag for change in tagged(a, b) for tag in change.tags}


def reasons(a: str, b: str) -> list[str]:
    return [reason for change in tagged(a, b) for reason in change.reasons]
