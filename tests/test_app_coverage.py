"""The Coverage tab on the real sample comparison, used the way a reader uses it: choose a sort
or filter in the bar, read the table, double-click a row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox

from narrdiff.app.theme import LIGHT
from narrdiff.app.views.coverage import GROUP_ROLE, CoverageView, count_summary
from narrdiff.core.model import Article, Comparison, Group, Link, Sentence

TELEGRAPH_ONLY = (
    "“Things are not going well on that front,”",
    "The declassified file provided little information",
    # once loosely linked to the Independent's lead (a false link); each sentence now keeps
    # only its strongest partners per article (core/link/partners.py), and this one none
    "But weapons analysts were sceptical",
)


@pytest.fixture
def view(qtbot, sample_comparison):
    widget = CoverageView()
    qtbot.addWidget(widget)
    widget.set_palette(LIGHT)
    widget.set_comparison(sample_comparison)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Pick an entry with the keyboard, as a reader would (Home, then Down to it)."""
    target = combo.findText(text)
    assert target >= 0, (
        f"{text!r} not offered; have {[combo.itemText(i) for i in range(combo.count())]}"
    )
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(target):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def column_texts(view: CoverageView, column: int) -> list[str]:
    proxy = view.table.model()
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def group_indices(view: CoverageView) -> list[int]:
    proxy = view.table.model()
    return [proxy.index(row, 0).data(GROUP_ROLE) for row in range(proxy.rowCount())]


def group_starting(comparison: Comparison, prefix: str) -> int:
    return next(
        i
        for i, g in enumerate(comparison.groups)
        if any(comparison.sentence(ref).text.startswith(prefix) for ref in g.members)
    )


def test_one_row_per_group_in_story_order_headed_by_the_outlets(view, sample_comparison):
    proxy = view.table.model()
    assert proxy.rowCount() == len(sample_comparison.groups)
    assert group_indices(view) == list(range(len(sample_comparison.groups)))
    headers = [proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(proxy.columnCount())]
    assert headers == ["Fact", "The Daily Telegraph", "The Independent"]


def test_only_in_the_telegraph_lists_its_own_facts(qtbot, view):
    choose(qtbot, view.filter_box, "Only in The Daily Telegraph")
    facts = column_texts(view, 0)
    # Mason Clark's quote is Telegraph-only too: its own fact or grouped with Ryder's quote
    assert len(TELEGRAPH_ONLY) <= len(facts) <= len(TELEGRAPH_ONLY) + 1
    for prefix in TELEGRAPH_ONLY:
        assert any(fact.startswith(prefix) for fact in facts), (prefix, facts)
    assert set(column_texts(view, 1)) == {"●"}
    assert set(column_texts(view, 2)) == {"○"}
    assert view.count_label.text().startswith(f"Showing {len(facts)} of ")


def test_missing_from_the_independent_is_the_same_set_with_two_articles(qtbot, view):
    choose(qtbot, view.filter_box, "Missing from The Independent")
    facts = column_texts(view, 0)
    assert [
        prefix for prefix in TELEGRAPH_ONLY if any(f.startswith(prefix) for f in facts)
    ] == list(TELEGRAPH_ONLY)
    choose(qtbot, view.filter_box, "All facts")
    assert view.table.model().rowCount() > len(facts)


def test_only_in_one_article_first_puts_single_article_groups_on_top(
    qtbot, view, sample_comparison
):
    choose(qtbot, view.order_box, "Only in one article first")
    groups = sample_comparison.groups
    reach = [len(groups[i].articles()) for i in group_indices(view)]
    singles = sum(1 for g in groups if len(g.articles()) == 1)
    assert singles > 0
    assert reach == sorted(reach)
    assert reach[:singles] == [1] * singles
    # The Telegraph's own facts come before the Independent's, each in story order.
    glyphs = column_texts(view, 1)[:singles]
    assert glyphs == sorted(glyphs, key=lambda g: g != "●")
    choose(qtbot, view.order_box, "Story order")
    assert group_indices(view) == list(range(len(groups)))


def test_double_click_on_a_row_emits_its_group_index(qtbot, view, sample_comparison):
    # Sorted, so the row on screen and the group index differ: the signal must map back.
    choose(qtbot, view.order_box, "Only in one article first")
    expected = group_starting(sample_comparison, "“Things are not going well")
    assert column_texts(view, 0)[0].startswith("“Things are not going well")
    assert expected != 0
    rect = view.table.visualRect(view.table.model().index(0, 0))
    with qtbot.waitSignal(view.group_activated, timeout=1000) as blocker:
        # QTest's double-click sends only the second press; a real one starts with a click.
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [expected]


def test_enter_on_the_selected_row_emits_its_group_index(qtbot, view, sample_comparison):
    target = group_starting(sample_comparison, "But weapons analysts were sceptical")
    assert view.select_group(target)
    view.table.setFocus()
    with qtbot.waitSignal(view.group_activated, timeout=1000) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [target]


def test_cells_say_in_words_and_tint_what_the_glyph_shows(view, sample_comparison):
    row = group_starting(sample_comparison, "“Things are not going well")
    proxy = view.table.model()
    telegraph, independent = proxy.index(row, 1), proxy.index(row, 2)
    assert telegraph.data() == "●" and independent.data() == "○"
    # unlinked, but the Independent has a close sentence: not claimed as only in the Telegraph
    assert (
        telegraph.data(Qt.ItemDataRole.ToolTipRole)
        == "In The Daily Telegraph; possibly also in The Independent"
    )
    assert independent.data(Qt.ItemDataRole.ToolTipRole) == "Not in The Independent"
    assert independent.data(Qt.ItemDataRole.BackgroundRole) == LIGHT.absent
    assert telegraph.data(Qt.ItemDataRole.TextAlignmentRole) == Qt.AlignmentFlag.AlignCenter


def test_select_group_selects_a_visible_row_and_refuses_a_filtered_one(
    qtbot, view, sample_comparison
):
    shared = group_starting(sample_comparison, "RUSSIA is turning to North Korea")
    assert view.select_group(shared)
    assert view.selected_group() == shared
    choose(qtbot, view.filter_box, "Only in The Daily Telegraph")
    assert view.selected_group() is None  # not a neighbour the reader never picked
    assert not view.select_group(shared)
    assert view.selected_group() is None


def test_no_comparison_is_an_empty_table(view):
    view.set_comparison(None)
    assert view.table.model().rowCount() == 0
    assert view.count_label.text() == "No comparison yet."
    assert view.filter_box.count() == 1


def _three_articles() -> Comparison:
    """A: facts 0, 1, 2; B: facts 0, 1; C: fact 0 and one of its own."""

    def article(name: str, n: int) -> Article:
        sentences = tuple(Sentence(f"{name} fact {i}.", 0, 1) for i in range(n))
        return Article(name, name, "", sentences, outlet=name)

    same = [Link((0, 0), (1, 0), 0.9), Link((0, 0), (2, 0), 0.9), Link((0, 1), (1, 1), 0.9)]
    groups = (
        Group(((0, 0), (1, 0), (2, 0))),
        Group(((0, 1), (1, 1))),
        Group(((0, 2),)),
        Group(((2, 1),)),
    )
    articles = (article("A", 3), article("B", 2), article("C", 2))
    return Comparison(articles, tuple(same), groups, encoder="test")


def test_count_line_names_each_outlets_own_facts(view):
    view.set_comparison(_three_articles())
    assert view.count_label.text() == (
        "1 fact shared by all, 1 partly shared, 1 only in A, 0 only in B, 1 only in C"
    )
    assert count_summary(view.model, 2).startswith("Showing 2 of 4 facts · ")


def test_a_rerun_on_the_same_articles_keeps_the_filter(qtbot, view, sample_comparison):
    choose(qtbot, view.filter_box, "Only in The Independent")
    shown = view.table.model().rowCount()
    view.set_comparison(sample_comparison)
    assert view.filter_box.currentText() == "Only in The Independent"
    assert view.table.model().rowCount() == shown


def test_clicking_an_outlet_header_gathers_its_facts_by_presence(qtbot, view):
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )
    assert header.sortIndicatorSection() == 2
    rank = {"○": 0, "◐": 1, "●": 2}
    glyphs = [rank[g] for g in column_texts(view, 2)]
    assert glyphs in (sorted(glyphs), sorted(glyphs, reverse=True))


def test_a_selected_fact_that_stays_visible_stays_selected(qtbot, view, sample_comparison):
    pentagon = group_starting(sample_comparison, "“Things are not going well")
    assert view.select_group(pentagon)
    choose(qtbot, view.filter_box, "Only in The Daily Telegraph")
    assert view.selected_group() == pentagon
    choose(qtbot, view.order_box, "Missing from one article first")
    assert view.selected_group() == pentagon


def test_glyphs_follow_the_views_font_a_size_larger(view):
    font = QFont(view.font())
    font.setPointSizeF(20)
    view.setFont(font)
    glyph_font = view.table.model().index(0, 1).data(Qt.ItemDataRole.FontRole)
    assert glyph_font.pointSizeF() == pytest.approx(26)
