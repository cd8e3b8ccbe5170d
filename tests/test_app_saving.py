"""Saved comparisons and hand-set links in the window, as a user meets them.

Save, open (menu, drop, recent), the modified mark and the close prompt, crash recovery, and
linking two sentences by hand from a context menu or by dragging one onto the other. The real
bundled model runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import warnings

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from narrdiff.app.files import saving
from narrdiff.app.views.columns import ref_mime
from narrdiff.core.report.json_report import to_json

FINISHED = 60_000


@pytest.fixture()
def data_dir(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    monkeypatch.setenv("NARRDIFF_DATA_DIR", str(folder))
    return folder


@pytest.fixture()
def window(make_window, data_dir):
    return make_window()


def open_samples(qtbot, win):
    with qtbot.waitSignal(win.runner.finished, timeout=FINISHED):
        win.open_samples()


def save_as(win, monkeypatch, path):
    monkeypatch.setattr(
        "narrdiff.app.files.saving.QFileDialog.getSaveFileName", lambda *a, **k: (str(path), "")
    )
    assert win.saving.save_as()


def unlinked_pair(comparison):
    """A body sentence of article 0 and one of article 1 that the model did not link."""
    linked = {(link.a, link.b) for link in comparison.links}
    for i in comparison.articles[0].linkable_indices()[2:]:
        for j in comparison.articles[1].linkable_indices()[2:]:
            if ((0, i), (1, j)) not in linked and comparison.group_of((0, i)) != (
                comparison.group_of((1, j))
            ):
                return (0, i), (1, j)
    raise AssertionError("every pair is linked")


def drop_url(win, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(600, 400),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    win.dropEvent(event)


def test_a_saved_comparison_opens_identical_in_a_new_window(
    qtbot, make_window, tmp_path, monkeypatch
):
    first = make_window()
    open_samples(qtbot, first)
    a, b = unlinked_pair(first.comparison)
    first.link_sentences(a, b)
    first.labels[0] = "The Indy"
    first.strictness.set_value(0.7)
    with qtbot.waitSignal(first.runner.relinked, timeout=FINISHED):
        first.set_strictness(0.7)
    path = tmp_path / "story.narrdiff"
    save_as(first, monkeypatch, path)
    assert "story.narrdiff" in first.windowTitle() and not first.isWindowModified()
    before = to_json(first.comparison)

    second = make_window()
    with qtbot.waitSignal(second.runner.finished, timeout=FINISHED):
        second.add_paths([str(path)])  # what Open…, a drop and Open recent all do
    assert to_json(second.comparison) == before
    assert second.view.columns[0].header.outlet.text() == "The Indy"
    assert second.strictness.value() == 0.7
    assert not second.isWindowModified()
    assert str(path.resolve()) in second.settings.recent_files
    link = next(x for x in second.comparison.links if (x.a, x.b) == (a, b))
    assert link.manual and json.loads(before)["links"][0].keys() >= {"manual"}


def test_a_hand_set_link_survives_a_strictness_change_after_opening(
    qtbot, window, tmp_path, monkeypatch
):
    open_samples(qtbot, window)
    a, b = unlinked_pair(window.comparison)
    window.link_sentences(a, b)
    save_as(window, monkeypatch, tmp_path / "story.narrdiff")
    window.clear_articles()
    window.add_paths([str(tmp_path / "story.narrdiff")])  # nothing unsaved: opens at once
    qtbot.waitUntil(lambda: window.comparison is not None, timeout=FINISHED)
    for value in (0.0, 1.0):
        window.strictness.set_value(value)
        with qtbot.waitSignal(window.runner.relinked, timeout=FINISHED):
            window.set_strictness(value)
        assert any(x.manual and (x.a, x.b) == (a, b) for x in window.comparison.links)
    assert window.isWindowModified()  # the strictness moved since the file was saved


def test_dropping_a_saved_comparison_opens_it(qtbot, window, tmp_path, monkeypatch):
    open_samples(qtbot, window)
    path = tmp_path / "story.narrdiff"
    save_as(window, monkeypatch, path)
    window.clear_articles()
    assert window.comparison is None
    with qtbot.waitSignal(window.runner.finished, timeout=FINISHED):
        drop_url(window, path)
    assert len(window.view.columns) == 2
    assert window.windowTitle().startswith("story.narrdiff")


@pytest.mark.parametrize(
    "content, message",
    [
        (
            '{"narrdiff_file": 2, "articles": []}',
            "future.narrdiff was saved by a newer narrdiff (format 2); this version reads format 1",
        ),
        ("{not json", "future.narrdiff is damaged or not a narrdiff file: invalid JSON"),
    ],
)
def test_a_file_that_cannot_be_opened_is_named_and_the_comparison_stays(
    qtbot, window, tmp_path, content, message
):
    open_samples(qtbot, window)
    shown = window.comparison
    path = tmp_path / "future.narrdiff"
    path.write_text(content, encoding="utf-8")
    drop_url(window, path)
    qtbot.waitUntil(lambda: window.saving.loading == 0, timeout=5000)  # read off the GUI thread
    assert window.comparison is shown
    assert any(m.startswith(message) for m in window.messages.messages)
    assert not window.messages.isHidden()  # a bar, not a dialog
    assert window.saving.prompt is None


def test_modified_mark_and_the_close_prompt(qtbot, window, tmp_path, monkeypatch):
    assert not window.isWindowModified()
    open_samples(qtbot, window)
    assert window.isWindowModified()  # articles added since the (empty) start
    save_as(window, monkeypatch, tmp_path / "story.narrdiff")
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("story.narrdiff")
    window.labels[1] = "Telegraph"
    window.set_strictness(window.strictness.value())  # what a rename does: re-show
    assert window.isWindowModified()

    window.close()
    prompt = window.saving.prompt
    assert prompt is not None and prompt.isVisible() and window.isVisible()
    prompt.button(QMessageBox.StandardButton.Cancel).click()
    assert window.isVisible()

    window.close()
    window.saving.prompt.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)


def test_save_from_the_close_prompt_writes_the_file_then_closes(
    qtbot, window, tmp_path, monkeypatch
):
    open_samples(qtbot, window)
    path = tmp_path / "asked.narrdiff"
    monkeypatch.setattr(
        "narrdiff.app.files.saving.QFileDialog.getSaveFileName", lambda *a, **k: (str(path), "")
    )
    window.close()
    window.saving.prompt.button(QMessageBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    assert len(saving.store.load(path).documents) == 2


def die(win) -> None:
    """What a crash leaves of a window: its recovery file, and its lock naming a process that is
    gone (a child process takes the lock and exits without unlocking)."""
    own = win.saving.recovery.own
    win.saving.recovery._own_lock.unlock()  # this test process lives on; its lock must not
    code = (
        "import os, sys\n"
        "from PySide6.QtCore import QLockFile\n"
        "lock = QLockFile(sys.argv[1])\n"
        "assert lock.tryLock(0)\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(own.with_suffix(".lock"))], check=True)
    assert own.with_suffix(".lock").is_file() and own.is_file()
    win.saving.recovery._own_lock = None
    win.saving._timer.stop()


def test_a_recovery_file_is_written_after_a_change_and_offered_on_the_next_start(
    qtbot, make_window, data_dir
):
    crashed = make_window()
    open_samples(qtbot, crashed)
    recovery = crashed.saving.recovery.own
    assert recovery.parent == data_dir / "recovery"
    qtbot.waitUntil(recovery.is_file, timeout=3000)
    documents = list(crashed.documents)
    die(crashed)

    # the next window offers the dead window's comparison back
    restarted = make_window()
    bar = restarted.saving.recovery_bar
    assert bar.isVisible()
    with qtbot.waitSignal(restarted.runner.finished, timeout=FINISHED):
        bar.restore_button.click()
    assert restarted.documents == documents
    assert bar.isHidden()
    assert restarted.isWindowModified()  # restored work is not saved anywhere yet
    # it is the new window's work now: in its own file, and the orphan is gone
    assert restarted.saving.recovery.own.is_file() and not recovery.exists()


def test_a_second_window_neither_offers_nor_touches_a_running_windows_work(
    qtbot, make_window, data_dir
):
    first = make_window()
    open_samples(qtbot, first)
    mine = first.saving.recovery.own
    qtbot.waitUntil(mine.is_file, timeout=3000)
    written = mine.read_bytes()

    second = make_window()
    assert not second.saving.recovery_bar.isVisible()  # the first is alive, not crashed
    open_samples(qtbot, second)
    qtbot.waitUntil(second.saving.recovery.own.is_file, timeout=3000)
    assert second.saving.recovery.own != mine and mine.read_bytes() == written

    second.saving.may_close = lambda: True  # a clean close, past the prompt
    second.close()
    assert mine.read_bytes() == written and not second.saving.recovery.own.exists()


def test_discarding_the_recovery_and_a_clean_close_delete_it(qtbot, make_window, data_dir):
    data_dir.mkdir()
    left_over = data_dir / "recovery.narrdiff"  # the one shared file of older versions
    left_over.write_text("left over", encoding="utf-8")
    win = make_window()
    assert win.saving.recovery_bar.isVisible()
    win.saving.recovery_bar.discard_button.click()
    assert not left_over.exists()
    assert win.saving.recovery_bar.isHidden()
    open_samples(qtbot, win)
    own = win.saving.recovery.own
    qtbot.waitUntil(own.is_file, timeout=3000)
    win.saving.may_close = lambda: True  # a clean close, past the prompt
    win.close()
    assert not own.exists() and not own.with_suffix(".lock").exists()


def test_work_on_offer_but_not_answered_stays_for_the_next_start(qtbot, make_window, data_dir):
    crashed = make_window()
    open_samples(qtbot, crashed)
    orphan = crashed.saving.recovery.own
    qtbot.waitUntil(orphan.is_file, timeout=3000)
    die(crashed)

    ignored = make_window()
    assert ignored.saving.recovery_bar.isVisible()
    another = make_window()  # the orphan is on offer in `ignored`: not offered twice
    assert not another.saving.recovery_bar.isVisible()
    ignored.saving.may_close = lambda: True
    ignored.close()  # closed without an answer
    assert orphan.is_file()
    assert make_window().saving.recovery_bar.isVisible()


def _sentence_point(column, index):
    column.view.scroll_to_sentence(index)
    return column.view.sentence_rect(index).center()


def test_context_menu_links_with_the_selected_sentence_and_unlinks(qtbot, window):
    open_samples(qtbot, window)
    a, b = unlinked_pair(window.comparison)
    left = window.view.columns[0]
    qtbot.mouseClick(
        left.view.viewport(), Qt.MouseButton.LeftButton, pos=_sentence_point(left, a[1])
    )
    assert window.view.picked == a
    menu = window.view.link_menu(b)
    link_action = next(x for x in menu.actions() if x.text().startswith("Link with the selected"))
    link_action.trigger()
    assert window.manual.added == ((a, b),)
    link = next(x for x in window.comparison.links if (x.a, x.b) == (a, b))
    assert link.manual
    assert window.comparison.group_of(a) == window.comparison.group_of(b)
    assert window.isWindowModified()

    menu = window.view.link_menu(b)
    texts = [x.text() for x in menu.actions()]
    assert any(t.startswith("Remove manual link to “") for t in texts)
    assert not any(t.startswith("Link with the selected") for t in texts)  # linked already
    next(x for x in menu.actions() if x.text().startswith("Remove manual")).trigger()
    assert not any((x.a, x.b) == (a, b) for x in window.comparison.links)
    assert window.manual.added == ()


def test_unlink_from_a_partner_removes_the_models_link(qtbot, window):
    open_samples(qtbot, window)
    link = next(x for x in window.comparison.links if x.strength == "same")
    menu = window.view.link_menu(link.a)
    unlink = [x for x in menu.actions() if x.text().startswith("Unlink from “")]
    assert unlink
    target = window.view._describe(link.b)
    next(x for x in unlink if x.text().endswith(target)).trigger()
    assert window.manual.removed == ((link.a, link.b),)
    assert not any((x.a, x.b) == (link.a, link.b) for x in window.comparison.links)


def _drop_event(kind, mime, point):
    if kind is QDropEvent:
        return QDropEvent(
            QPointF(point),
            Qt.DropAction.LinkAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    with warnings.catch_warnings():
        # PySide marks the QPoint constructor deprecated, yet Qt 6 has no other for this event
        warnings.simplefilter("ignore", DeprecationWarning)
        return QDragEnterEvent(
            point,
            Qt.DropAction.LinkAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )


def test_dragging_a_sentence_onto_another_columns_sentence_links_them(qtbot, window):
    open_samples(qtbot, window)
    a, b = unlinked_pair(window.comparison)
    right = window.view.columns[1]
    point = _sentence_point(right, b[1])
    mime = ref_mime(a)  # kept alive: events do not own their mime data
    enter = _drop_event(QDragEnterEvent, mime, point)
    QApplication.sendEvent(right.view.viewport(), enter)
    assert enter.isAccepted()
    QApplication.sendEvent(right.view.viewport(), _drop_event(QDropEvent, mime, point))
    assert any(x.manual and (x.a, x.b) == (a, b) for x in window.comparison.links)
    # a sentence dropped on its own column links nothing
    own = ref_mime((1, 0))
    same = _drop_event(QDragEnterEvent, own, point)
    right.view.dragEnterEvent(same)
    assert not same.isAccepted()


def test_a_file_dropped_on_a_column_still_reaches_the_window(qtbot, window, tmp_path):
    open_samples(qtbot, window)
    extra = tmp_path / "river-times.txt"
    extra.write_text(
        "Flood waters rose across the river valley on Monday after heavy rain.\n\n"
        "Officials said 40 families were moved to a school gym overnight.\n",
        encoding="utf-8",
    )
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(extra))])
    view = window.view.columns[1].view
    own = _drop_event(QDragEnterEvent, mime, QPoint(50, 50))
    view.dragEnterEvent(own)
    assert not own.isAccepted()  # the column leaves it to the window
    enter = _drop_event(QDragEnterEvent, mime, QPoint(50, 50))
    QApplication.sendEvent(view.viewport(), enter)
    assert enter.isAccepted()  # accepted further up: by the window
    with qtbot.waitSignal(window.runner.finished, timeout=FINISHED):
        drop = _drop_event(QDropEvent, mime, QPoint(50, 50))
        QApplication.sendEvent(view.viewport(), drop)
    assert any("river-times" in a.name for a in window.comparison.articles)


def test_pressing_a_sentence_and_leaving_the_column_sideways_starts_a_link_drag(
    qtbot, window, monkeypatch
):
    open_samples(qtbot, window)
    left = window.view.columns[0]
    a, _b = unlinked_pair(window.comparison)
    started = []
    monkeypatch.setattr(type(left.view), "_drag_sentence", lambda view, i: started.append(i))
    point = _sentence_point(left, a[1])
    qtbot.mousePress(left.view.viewport(), Qt.MouseButton.LeftButton, pos=point)

    def move(x):
        event = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(x, point.y()),
            QPointF(left.view.viewport().mapToGlobal(QPoint(x, point.y()))),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(left.view.viewport(), event)

    move(point.x() + 40)  # inside the column: selecting words, no drag
    assert started == []
    move(left.view.viewport().width() + 30)  # out towards the next column
    assert started == [a[1]]
