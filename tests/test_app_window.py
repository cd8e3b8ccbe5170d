"""The window as a user meets it: drops, columns, selection, strictness, coverage, cancel, close.

The real bundled model runs (through a counting wrapper, so tests can tell when it is called).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from narrdiff.app.window import MainWindow

FLOOD_A = """Flood waters rose across the river valley on Monday after three days of heavy rain.

Officials said 40 families were moved to a school gym overnight.
"""
FLOOD_B = """Three days of heavy rain sent flood waters rising across the valley on Monday.

Forty families were evacuated to a school gymnasium, officials said.
"""


class CountingEncoder:
    """The real encoder, counting the sentences it is asked to embed."""

    def __init__(self, inner):
        self.inner, self.id, self.texts = inner, inner.id, 0

    def encode(self, texts):
        self.texts += len(texts)
        return self.inner.encode(texts)


@pytest.fixture()
def counting(model_encoder):
    return CountingEncoder(model_encoder)


@pytest.fixture()
def window(make_window, counting):
    return make_window(counting)


def drop(win: MainWindow, mime: QMimeData, at: QPoint | None = None) -> None:
    point = QPointF(at if at is not None else QPoint(600, 400))
    event = QDropEvent(
        point,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    win.dropEvent(event)


def wait_for_comparison(qtbot, win, timeout=60_000):
    with qtbot.waitSignal(win.runner.finished, timeout=timeout):
        pass


def open_samples(qtbot, win):
    with qtbot.waitSignal(win.runner.finished, timeout=60_000):
        win.open_samples()


def column_of(win, name_part):
    return next(c for c in win.view.columns if name_part in win.comparison.articles[c.index].name)


def test_window_invites_a_drop_before_anything_is_loaded(window):
    assert window.stack.currentWidget() is window.welcome
    texts = [label.text() for label in window.welcome.findChildren(type(window.status))]
    assert "Drop two or more articles here" in texts


def test_dropped_files_become_columns(qtbot, window, tmp_path):
    a, b = tmp_path / "valley-news.txt", tmp_path / "river-times.txt"
    a.write_text(FLOOD_A, encoding="utf-8")
    b.write_text(FLOOD_B, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(a)), QUrl.fromLocalFile(str(b))])
    with qtbot.waitSignal(window.runner.finished, timeout=60_000):
        drop(window, mime)
    assert window.stack.currentWidget() is window.tabs
    assert [c.header.outlet.text() for c in window.view.columns] == ["Valley News", "River Times"]


def test_dropped_text_joins_as_a_third_article(qtbot, window):
    open_samples(qtbot, window)
    mime = QMimeData()
    mime.setText(
        "Russia has bought artillery shells from North Korea, US officials said on Monday. "
        "The deal breaks United Nations resolutions."
    )
    with qtbot.waitSignal(window.runner.finished, timeout=60_000):
        drop(window, mime)
    assert len(window.view.columns) == 3
    assert len(window.view.gutters) == 2


def test_samples_show_two_columns_with_the_telegraph_headline(qtbot, window):
    open_samples(qtbot, window)
    assert len(window.view.columns) == 2
    telegraph = column_of(window, "telegraph")
    assert telegraph.header.outlet.text() == "The Daily Telegraph"
    assert (
        telegraph.header.headline.text()
        == "Moscow buys missiles from North Korea as sanctions bite"
    )


def _index_of(win, column, prefix):
    art = win.comparison.articles[column.index]
    return next(i for i, s in enumerate(art.sentences) if s.text.startswith(prefix))


def test_clicking_a_sentence_selects_its_partner_in_the_other_column(qtbot, window):
    open_samples(qtbot, window)
    independent, telegraph = column_of(window, "independent"), column_of(window, "telegraph")
    shells = _index_of(window, independent, "Russia is buying millions of artillery shells")
    partner = _index_of(window, telegraph, "RUSSIA is turning to North Korea")
    independent.view.scroll_to_sentence(shells)
    rect = independent.view.sentence_rect(shells)
    qtbot.mouseClick(independent.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.selected_group is not None
    assert partner in telegraph.view._selected
    assert shells in independent.view._selected
    # the partner was scrolled into view
    partner_rect = telegraph.view.sentence_rect(partner)
    assert 0 <= partner_rect.top() < telegraph.view.viewport().height()


def test_strictness_slider_relinks_without_calling_the_encoder(qtbot, window, counting):
    open_samples(qtbot, window)
    calls = counting.texts
    before = len(window.comparison.links)
    window.strictness.slider.setValue(100)
    qtbot.waitUntil(lambda: window.comparison.options.strictness == 1.0, timeout=3000)
    strict = len(window.comparison.links)
    window.strictness.slider.setValue(0)
    qtbot.waitUntil(lambda: window.comparison.options.strictness == 0.0, timeout=3000)
    loose = len(window.comparison.links)
    assert strict < before < loose
    assert counting.texts == calls


def test_coverage_lists_the_telegraph_only_facts(qtbot, window):
    open_samples(qtbot, window)
    comparison = window.comparison
    telegraph = next(k for k, a in enumerate(comparison.articles) if "telegraph" in a.name)
    model = window.coverage.model
    only_telegraph = []
    for row in range(model.rowCount()):
        presence = [
            model.index(row, 1 + k).data(Qt.ItemDataRole.ToolTipRole) or "" for k in range(2)
        ]
        # the samples' unlinked sentences all have a close sentence in the other article
        if presence[telegraph].startswith("In The Daily Telegraph; possibly also in"):
            only_telegraph.append(model.index(row, 0).data(Qt.ItemDataRole.DisplayRole))
    assert any(t.startswith("“Things are not going well") for t in only_telegraph)
    assert any(t.startswith("The declassified file") for t in only_telegraph)
    assert any(t.startswith("But weapons analysts were sceptical") for t in only_telegraph)


def test_cancel_stops_a_run_and_keeps_the_window_usable(qtbot, window, tmp_path):
    long_a = " ".join(f"Sentence number {i} tells of event {i} in town {i}." for i in range(400))
    long_b = " ".join(f"Report {i} says event {i} happened in town {i}." for i in range(400))
    window.add_text(long_a, "Long A")
    with qtbot.waitSignal(window.runner.cancelled, timeout=30_000):
        window.add_text(long_b, "Long B")
        window.cancel_button.click()
    assert window.status.text() == "Comparison cancelled"
    assert not window.runner.busy


CLOSE_MID_RUN = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from narrdiff.app.main import run_app
texts = [" ".join(f"Line {i} of article {k} about event {i}." for i in range(300)) for k in (1, 2)]
paths = []
for k, text in enumerate(texts):
    path = os.path.join(sys.argv[1], f"a{k}.txt")
    open(path, "w").write(text)
    paths.append(path)
app = QApplication([])
def close_soon():
    for w in app.topLevelWidgets():
        if w.isVisible():
            w.close()
    QTimer.singleShot(50, discard)
def discard():
    # the unsaved comparison asks Save / Discard / Cancel before the window closes
    for w in app.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.isVisible():
            w.button(QMessageBox.StandardButton.Discard).click()
QTimer.singleShot(1500, close_soon)
sys.exit(run_app(paths))
"""


def test_closing_mid_run_exits_promptly_without_thread_warnings(tmp_path):
    env = {
        **os.environ,
        "NARRDIFF_CACHE_DIR": str(tmp_path / "cache"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", CLOSE_MID_RUN, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    elapsed = time.monotonic() - start
    assert result.returncode == 0, result.stderr
    assert "QThread" not in result.stderr and "Traceback" not in result.stderr
    # start-up (~2 s of imports) + 1.5 s before the close + at most the 1 s shutdown grace
    assert elapsed < 15, f"took {elapsed:.1f} s to exit"


def test_dropping_a_file_onto_a_column_replaces_that_article(qtbot, window, tmp_path):
    open_samples(qtbot, window)
    replacement = tmp_path / "river-times.txt"
    replacement.write_text(FLOOD_B, encoding="utf-8")
    telegraph = column_of(window, "telegraph")
    point = telegraph.mapTo(window, telegraph.rect().center())
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(replacement))])
    with qtbot.waitSignal(window.runner.finished, timeout=60_000):
        drop(window, mime, at=point)
    names = [a.name for a in window.comparison.articles]
    assert len(names) == 2 and "river-times" in names
    assert not any("telegraph" in n for n in names)


def test_articles_can_be_reordered_renamed_and_removed(qtbot, window, monkeypatch):
    open_samples(qtbot, window)
    first = window.comparison.articles[0].name
    with qtbot.waitSignal(window.runner.finished, timeout=60_000):
        window.view.columns[0].header.move_requested.emit(1)
    assert window.comparison.articles[1].name == first
    monkeypatch.setattr(
        "narrdiff.app.window.QInputDialog.getText", lambda *a, **k: ("The Indy", True)
    )
    window.view.columns[0].header.rename_requested.emit()
    assert window.view.columns[0].header.outlet.text() == "The Indy"
    window.view.columns[1].header.remove_requested.emit()
    assert len(window.documents) == 1
    assert window.stack.currentWidget() is window.welcome


def test_find_highlights_matches_in_every_column(qtbot, window):
    open_samples(qtbot, window)
    window.find_bar.open_bar()
    window.find_bar.field.setText("North Korea")
    counts = [len(c.view.extraSelections()) for c in window.view.columns]
    assert all(n > 0 for n in counts)
    assert window.find_bar.count.text() == f"{sum(counts)} found"
    assert window.view.selected_group is not None  # jumped to the first match


def test_f8_steps_through_differences(qtbot, window):
    open_samples(qtbot, window)
    seen = []
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_F8)
        seen.append(window.view.selected_group)
    assert len(set(seen)) == 3
    assert all(g in window.view.difference_groups() for g in seen)


def test_framing_tab_lists_findings_and_jumps_to_their_sentence(qtbot, window):
    open_samples(qtbot, window)
    framing = window.framing
    messages = [framing.list.item(i).text() for i in range(framing.list.count())]
    assert any("headline says “missiles”" in m for m in messages)
    kinds = [framing.kind_box.itemData(i) for i in range(framing.kind_box.count())]
    framing.kind_box.setCurrentIndex(kinds.index("headline_unsupported_term"))
    assert framing.list.count() == 1
    framing.list.itemClicked.emit(framing.list.item(0))
    assert window.tabs.currentIndex() == 0
    telegraph = column_of(window, "telegraph")
    headline = _index_of(window, telegraph, "Moscow buys missiles")
    assert headline in telegraph.view._selected


def test_columns_label_tagged_words_with_a_reason(qtbot, window):
    open_samples(qtbot, window)
    telegraph = column_of(window, "telegraph")
    text = telegraph.view.document().toPlainText()
    assert "pariah regimes" in text
    # the raised label after a tagged change, and its tooltip with the reason
    block = telegraph.view.document().find("pariah regimes").block()
    tips = set()
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.charFormat().toolTip():
            tips.add((fragment.text(), fragment.charFormat().toolTip()))
        it += 1
    assert any("loaded" in frag or "term" in frag for frag, _ in tips)
    assert any("isolated state" in tip for _, tip in tips)


def test_column_header_lists_whom_the_article_quotes(qtbot, window):
    open_samples(qtbot, window)
    header = column_of(window, "telegraph").header
    names = [a.text() for a in header.sources_button.menu().actions()]
    assert "Patrick Ryder" in names and "Mason Clark" in names
    assert header.sources_button.text() == f"sources {len(names)} ▾"


def test_screenshot_option_waits_for_the_comparison(tmp_path):
    out = tmp_path / "window.png"
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "NARRDIFF_DATA_DIR": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "narrdiff",
            "--samples",
            "--screenshot",
            str(out),
            "--size",
            "1280x800",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "(2 articles compared)" in result.stdout
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)


class _FailingEncoder:
    id = "failing"

    def encode(self, texts):
        raise RuntimeError("the disk is full")


def test_a_failed_comparison_says_so_once(make_window, qtbot):
    window = make_window(encoder=_FailingEncoder())
    with qtbot.waitSignal(window.runner.failed, timeout=10_000):
        window.add_text("Rain fell on the city today. Roads were closed.", "First")
        window.add_text("Heavy rain hit the city. Several roads closed.", "Second")

    assert window.messages.messages == ["The comparison failed: the disk is full"]


def test_the_column_header_counts_only_what_it_may_call_only_here(qtbot, window):
    open_samples(qtbot, window)
    comparison = window.comparison
    for column in window.view.columns:
        k = column.index
        only, adds = comparison.only_here(k), comparison.adds(k)
        text = column.header.counts.text()
        assert text.startswith(f"+ {len(only)}")
        assert column.header.counts.toolTip().startswith(
            f"{len(only)} sentences no other article reports"
        )
        if len(adds) > len(only):  # near matches are counted apart, never as "only here"
            assert text.endswith(f"? {len(adds) - len(only)}")


def test_large_text_keeps_the_window_its_size_the_inspector_readable_and_headlines_whole(
    qtbot, make_window, tmp_path
):
    # At 20 pt two unwrapped labels (the Framing tab's summary line, and the welcome title on
    # the page behind the comparison) made the window 1,653 px wide, past a 1280 px screen,
    # and left the inspector 70 px; a narrow column's wrapped headline was cut off.
    (tmp_path / "settings.ini").write_text("[General]\nfont_size=20\n", encoding="utf-8")
    app = QApplication.instance()
    font = app.font()
    try:
        win = make_window()
        open_samples(qtbot, win)
        qtbot.wait(100)
        assert win.minimumSizeHint().width() <= 1280
        assert win.width() == 1280
        assert win.dock.width() >= 20 * 20  # the inspector's width follows the text size
        for column in win.view.columns:
            header = column.header
            assert header.height() >= header.heightForWidth(header.width())
    finally:
        app.setFont(font)
