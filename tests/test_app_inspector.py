"""The Inspector panel on the real sample comparison: what a reader sees for a shared fact, a
fact only one outlet has, and nothing selected."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCharFormat

from narrdiff.app.theme import DARK, LIGHT
from narrdiff.app.views.inspector import EMPTY_TEXT, InspectorPanel
from narrdiff.core.model import Comparison


@pytest.fixture
def panel(qtbot, sample_comparison):
    widget = InspectorPanel()
    qtbot.addWidget(widget)
    widget.set_palette(LIGHT)
    widget.set_comparison(sample_comparison)
    widget.resize(500, 700)
    widget.show()
    return widget


def group_with(comparison: Comparison, prefix: str) -> int:
    return next(
        i
        for i, g in enumerate(comparison.groups)
        if any(comparison.sentence(ref).text.startswith(prefix) for ref in g.members)
    )


def shown_text(panel: InspectorPanel) -> str:
    return panel.browser.toPlainText()


def formats_of(panel: InspectorPanel, words: str) -> list[QTextCharFormat]:
    """The character formats of every rendered stretch of text that contains `words`."""
    found = []
    block = panel.browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if words in fragment.text():
                found.append(fragment.charFormat())
            fragments += 1
        block = block.next()
    return found


def test_a_shared_fact_shows_both_outlets_and_marks_the_telegraphs_extra_words(
    panel, sample_comparison
):
    panel.show_group(group_with(sample_comparison, "RUSSIA is turning to North Korea"))
    text = shown_text(panel)
    assert text.startswith("Reported by both")
    assert "The Daily Telegraph" in text and "The Independent" in text
    assert "RUSSIA is turning to North Korea to buy millions of artillery shells" in text
    assert "Russia is buying millions of artillery shells and rockets" in text
    assert "The Daily Telegraph ↔ The Independent · same · 0." in text
    assert "Not in:" not in text
    # Once plain in the member list, once struck through in the pair: the mark is not colour only.
    marks = formats_of(panel, "newly declassified")
    assert any(f.fontStrikeOut() and f.background().color() == LIGHT.removed for f in marks)
    assert any(
        f.fontUnderline() and f.background().color() == LIGHT.inserted
        for f in formats_of(panel, "buying")
    )


def test_pairs_worded_differently_throughout_say_so(panel, sample_comparison):
    panel.show_group(group_with(sample_comparison, "Moscow buys missiles from North Korea"))
    assert "worded differently throughout" in shown_text(panel)


def test_a_telegraph_only_fact_says_so_and_names_who_lacks_it(panel, sample_comparison):
    panel.show_group(group_with(sample_comparison, "“Things are not going well on that front,”"))
    text = shown_text(panel)
    # a near match in the other article (framing/nearby.py) keeps "only here" unsaid
    assert text.startswith("In The Daily Telegraph; possibly also in The Independent")
    assert "Patrick Ryder, the Pentagon press secretary" in text
    assert "Not in: The Independent" in text
    assert "How the wording differs" not in text


def test_nothing_selected_shows_the_hint(panel, sample_comparison):
    panel.show_group(3)
    panel.show_group(None)
    assert shown_text(panel) == EMPTY_TEXT
    assert panel.shown_group() is None


def test_a_new_comparison_clears_the_old_group(panel, sample_comparison):
    panel.show_group(0)
    assert panel.shown_group() == 0
    panel.set_comparison(sample_comparison)
    assert shown_text(panel) == EMPTY_TEXT
    panel.show_group(len(sample_comparison.groups))  # out of range: no crash, the hint
    assert shown_text(panel) == EMPTY_TEXT


def test_dark_palette_recolours_the_marks(panel, sample_comparison):
    panel.show_group(group_with(sample_comparison, "RUSSIA is turning to North Korea"))
    panel.set_palette(DARK)
    marks = formats_of(panel, "newly declassified")
    assert any(f.fontStrikeOut() and f.background().color() == DARK.removed for f in marks)
    assert panel.browser.palette().base().color() == DARK.page


def test_the_panel_is_read_only_and_never_follows_links(panel):
    assert panel.browser.isReadOnly()
    assert not panel.browser.openLinks()
    assert not panel.browser.openExternalLinks()
