"""Derived queries on the value types: labels, adds/omits, presence."""

from __future__ import annotations

import pytest

from narrdiff.core.model import (
    BODY,
    Article,
    Comparison,
    Group,
    Link,
    Sentence,
    display_name,
)


@pytest.mark.parametrize(
    ("stem", "label"),
    [
        ("the-independent-2022-09", "The Independent"),
        ("guardian_2022-09-06", "Guardian"),
        ("Reuters", "Reuters"),
        ("My Notes", "My Notes"),
        ("2022-09", "2022-09"),
    ],
)
def test_display_name_tidies_file_stems(stem, label):
    assert display_name(stem) == label


def _article(name, texts):
    sentences, pos = [], 0
    for text in texts:
        sentences.append(Sentence(text, pos, pos + len(text), BODY))
        pos += len(text) + 1
    return Article(name, name, " ".join(texts), tuple(sentences))


def test_adds_omits_and_presence_read_the_groups():
    a = _article("a", ["Shared fact.", "Loose fact.", "Only in a."])
    b = _article("b", ["Shared fact too.", "Loosely the same."])
    links = (Link((0, 0), (1, 0), 0.9, "same"), Link((0, 1), (1, 1), 0.4, "related"))
    groups = (Group(((0, 0), (1, 0))), Group(((0, 1), (1, 1))), Group(((0, 2),)))
    comparison = Comparison((a, b), links, groups, "test")
    assert comparison.adds(0) == [2] and comparison.adds(1) == []
    assert comparison.omits(1) == [groups[2]] and comparison.omits(0) == []
    assert comparison.presence(groups[0]) == ["present", "present"]
    assert comparison.presence(groups[1]) == ["related", "related"]
    assert comparison.presence(groups[2]) == ["present", "absent"]
