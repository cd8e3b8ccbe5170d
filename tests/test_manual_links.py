"""Links set and removed by hand: they override the aligner at every strictness.

The real bundled model aligns two short reports of a storm; a teacher then links two sentences
the model left apart ("bins collected late" with "engineers restored power") and unlinks a pair
it joined.
"""

from __future__ import annotations

import json

import pytest
from storm_reports import A, B

from narrdiff.core.ingest.read import document_from_text
from narrdiff.core.link import align, manual
from narrdiff.core.model import ManualLinks
from narrdiff.core.pipeline import compare, relink
from narrdiff.core.report.json_report import to_json

BINS, ENGINEERS = (0, 3), (1, 2)
WINDS, GUSTS = (0, 2), (1, 3)


@pytest.fixture(scope="module")
def documents():
    return [document_from_text(A, "valley-news"), document_from_text(B, "county-times")]


@pytest.fixture(scope="module")
def plain(documents, model_encoder):
    return compare(documents, encoder=model_encoder)


def _link(comparison, a, b):
    return next((x for x in comparison.links if (x.a, x.b) == (a, b)), None)


def test_the_model_alone_links_winds_with_gusts_and_not_bins_with_engineers(plain):
    assert _link(plain, WINDS, GUSTS) is not None
    assert _link(plain, BINS, ENGINEERS) is None
    assert plain.group_of(BINS).members == (BINS,)
    assert not any(link.manual for link in plain.links)


def test_a_hand_set_link_is_same_manual_with_word_changes(documents, model_encoder):
    by_hand = ManualLinks(added=((ENGINEERS, BINS),))  # either order
    result = compare(documents, encoder=model_encoder, manual=by_hand)
    link = _link(result, BINS, ENGINEERS)
    assert link is not None and link.manual and link.strength == "same"
    assert 0.0 <= link.score < 0.5  # its cosine: the model did not think them alike
    assert any(c.kind == "replace" for c in link.changes)
    # one fact now (the model may also join engineers to the winds as "related")
    assert {BINS, ENGINEERS} <= set(result.group_of(BINS).members)
    assert result.manual == ManualLinks(added=((BINS, ENGINEERS),))


@pytest.mark.parametrize("strictness", [0.0, 1.0])
def test_a_hand_set_link_survives_a_strictness_change(documents, model_encoder, strictness):
    result = compare(
        documents, encoder=model_encoder, manual=ManualLinks(added=((BINS, ENGINEERS),))
    )
    moved = relink(result, align.AlignOptions.from_strictness(strictness))
    assert moved.options.strictness == strictness
    assert _link(moved, BINS, ENGINEERS).manual
    assert {BINS, ENGINEERS} <= set(moved.group_of(BINS).members)


def test_a_hand_set_link_unites_two_groups(plain):
    winds_group = plain.group_of(WINDS).members
    assert ENGINEERS not in winds_group
    joined = relink(plain, plain.options, manual=ManualLinks(added=((WINDS, ENGINEERS),)))
    assert {WINDS, ENGINEERS, GUSTS} <= set(joined.group_of(WINDS).members)
    assert ENGINEERS not in joined.adds(1) and 2 not in joined.adds(1)


def test_an_unlink_removes_the_aligners_link_at_every_strictness(plain):
    unlinked = relink(plain, plain.options, manual=ManualLinks(removed=((WINDS, GUSTS),)))
    assert _link(unlinked, WINDS, GUSTS) is None
    assert GUSTS not in unlinked.group_of(WINDS).members
    for strictness in (0.0, 1.0):
        again = relink(unlinked, align.AlignOptions.from_strictness(strictness))
        assert _link(again, WINDS, GUSTS) is None


def test_the_json_report_marks_hand_set_links(plain):
    result = relink(plain, plain.options, manual=ManualLinks(added=((BINS, ENGINEERS),)))
    links = json.loads(to_json(result))["links"]
    flags = {(tuple(x["a"]), tuple(x["b"])): x["manual"] for x in links}
    assert flags[(BINS, ENGINEERS)] is True
    assert flags[(WINDS, GUSTS)] is False


@pytest.mark.parametrize(
    "pair, reason",
    [
        (((0, 1), (0, 2)), "same article"),
        (((0, 1), (5, 0)), "no such sentence"),
        (((0, 1), (1, 99)), "no such sentence"),
    ],
)
def test_impossible_links_are_ignored_with_a_warning(plain, pair, reason):
    result = relink(plain, plain.options, manual=ManualLinks(added=(pair,)))
    assert result.links == plain.links
    assert result.manual == ManualLinks()
    assert any(reason in w for w in result.warnings)
    # the note is not repeated by a later re-link
    again = relink(
        result, align.AlignOptions.from_strictness(0.2), manual=ManualLinks(added=(pair,))
    )
    assert sum(reason in w for w in again.warnings) == 1


def test_edits_link_unlink_and_follow_moved_articles():
    empty = ManualLinks()
    linked = manual.with_link(empty, (1, 2), (0, 3), linked=False)
    assert linked.added == (((0, 3), (1, 2)),)
    assert manual.without_link(linked, (0, 3), (1, 2)) == empty  # a hand-set link is forgotten
    removed = manual.without_link(empty, (0, 2), (1, 3))
    assert removed.removed == (((0, 2), (1, 3)),)
    assert manual.with_link(removed, (1, 3), (0, 2), linked=False) == empty  # unlink lifted
    swapped = manual.remap(linked, {0: 1, 1: 0})
    assert swapped.added == (((0, 2), (1, 3)),)
    assert manual.remap(linked, {0: 0}) == empty  # article 1 was removed
