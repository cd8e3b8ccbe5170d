"""Presentation mode as a teacher uses it: F5, step every fact by keyboard, blind, Esc back.

The real bundled model compares the sample articles (through the window, as in
test_app_window.py), so the slides show the product's real groups.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from narrdiff.app.present.presentation import PresentationWindow
from narrdiff.app.present.slides import difference_groups


@pytest.fixture()
def window(qtbot, make_window):
    win = make_window()
    with qtbot.waitSignal(win.runner.finished, timeout=60_000):
        win.open_samples()
    return win


def present(qtbot, window, blind=False) -> PresentationWindow:
    window.present(blind=blind, full_screen=False)
    shown = window.presentation
    shown.resize(1280, 720)
    qtbot.waitExposed(shown)
    return shown


def test_f5_presents_full_screen_and_shift_f5_blind(qtbot, window):
    assert window.present_action.shortcut() == QKeySequence("F5")
    assert window.present_blind_action.shortcut() == QKeySequence("Shift+F5")
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.presentation is not None and window.presentation.isFullScreen()
    assert not window.presentation.names_hidden()
    window.presentation.close()
    window.present_blind_action.trigger()
    assert window.presentation.names_hidden()


def test_space_steps_through_every_fact_and_home_end_jump(qtbot, window):
    shown = present(qtbot, window)
    total = len(window.comparison.groups)
    assert total > 5
    assert shown.progress_label.text() == f"Fact 1 of {total}"
    seen = [shown.current_group()]
    for _ in range(total + 2):  # two presses past the end stay on the last fact
        qtbot.keyClick(shown, Qt.Key.Key_Space)
        seen.append(shown.current_group())
    assert sorted(set(seen)) == list(range(total))
    assert seen[:total] == list(range(total))  # story order
    assert shown.progress_label.text() == f"Fact {total} of {total}"
    assert shown.bar.value() == shown.bar.maximum()
    qtbot.keyClick(shown, Qt.Key.Key_Home)
    assert shown.progress_label.text() == f"Fact 1 of {total}"
    qtbot.keyClick(shown, Qt.Key.Key_End)
    assert shown.progress_label.text() == f"Fact {total} of {total}"
    qtbot.keyClick(shown, Qt.Key.Key_Left)
    assert shown.progress_label.text() == f"Fact {total - 1} of {total}"


def test_a_click_advances(qtbot, window):
    shown = present(qtbot, window)
    qtbot.mouseClick(shown.canvas, Qt.MouseButton.LeftButton)
    assert shown.current_group() == 1


def test_the_slide_shows_both_outlets_and_marks_a_fact_one_lacks(qtbot, window):
    shown = present(qtbot, window)
    text = shown.canvas.shown_text()
    assert "The Daily Telegraph" in text and "The Independent" in text
    assert "Headline: Moscow buys missiles" in text  # the Telegraph headline opens the story
    only_one = next(
        g for g, group in enumerate(window.comparison.groups) if len(group.articles()) == 1
    )
    shown.go_to(only_one)
    assert "— not reported —" in shown.canvas.shown_text()
    assert "possibly also in" in shown.canvas.shown_text()  # unlinked, yet a close sentence


def test_d_shows_only_the_differences(qtbot, window):
    shown = present(qtbot, window)
    differences = difference_groups(window.comparison)
    assert differences  # in the samples every shared fact is worded differently somewhere
    qtbot.keyClick(shown, Qt.Key.Key_D)
    assert shown.groups() == differences
    assert "Only differences" in shown.mode_label.text()
    qtbot.keyClick(shown, Qt.Key.Key_End)
    assert shown.current_group() == differences[-1]
    assert shown.progress_label.text().startswith(
        f"Difference {len(differences)} of {len(differences)}"
    )


def test_blind_mode_hides_the_outlets_until_r(qtbot, window):
    shown = present(qtbot, window, blind=True)
    text = shown.canvas.shown_text()
    assert "Outlet A" in text and "Outlet B" in text
    assert "The Daily Telegraph" not in text and "The Independent" not in text
    qtbot.keyClick(shown, Qt.Key.Key_R)
    assert "The Daily Telegraph" in shown.canvas.shown_text()
    qtbot.keyClick(shown, Qt.Key.Key_B)  # blind off, then on again: hidden anew
    qtbot.keyClick(shown, Qt.Key.Key_B)
    assert "The Daily Telegraph" not in shown.canvas.shown_text()


def test_escape_returns_to_the_window_on_the_last_fact(qtbot, window):
    shown = present(qtbot, window)
    for _ in range(4):
        qtbot.keyClick(shown, Qt.Key.Key_Right)
    last = shown.current_group()
    assert last == 4
    with qtbot.waitSignal(shown.closed, timeout=2000):
        qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert window.presentation is None
    assert window.view.selected_group == last
    assert window.tabs.currentIndex() == 0


def test_presenting_starts_at_the_selected_fact(qtbot, window):
    window.view.select_group(6)
    shown = present(qtbot, window)
    assert shown.current_group() == 6


def test_type_follows_the_window_height(qtbot, window):
    shown = present(qtbot, window)
    shown.go_to(0)
    small = shown.canvas.px
    shown.resize(1920, 1080)
    qtbot.waitUntil(lambda: shown.canvas.px > small, timeout=2000)
    assert shown.canvas.px >= 1080 * 0.03  # large enough for the back of a classroom


def test_only_differences_leaves_out_a_fact_every_outlet_words_alike():
    from narrdiff.core.model import Article, Change, Comparison, Group, Link, Sentence

    def article(name, *texts):
        sentences, start = [], 0
        for text in texts:
            sentences.append(Sentence(text, start, start + len(text)))
            start += len(text) + 1
        return Article(name, name, " ".join(texts), tuple(sentences), outlet=name)

    articles = (article("A", "Rain fell.", "Roads shut."), article("B", "Rain fell."))
    alike = Link((0, 0), (1, 0), 1.0)
    groups = (Group(((0, 0), (1, 0))), Group(((0, 1),)))
    assert difference_groups(Comparison(articles, (alike,), groups, "test")) == [1]
    reworded = Link((0, 0), (1, 0), 0.8, changes=(Change("replace", "Rain", "Snow", 0, 4, 0, 4),))
    assert difference_groups(Comparison(articles, (reworded,), groups, "test")) == [0, 1]
