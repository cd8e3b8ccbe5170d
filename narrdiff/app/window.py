"""The main window: drop articles, see what each outlet adds, omits and words differently.

It holds one `Session` (the articles, their labels, hand-set links, strictness: Qt-free), asks
the CompareRunner (the one background worker) for a Comparison whenever the articles change,
re-links from stored scores when the strictness moves, and hands what the session shows to the
views. Articles come in through `ArticleIntake` (files/intake.py). It computes nothing itself
and never blocks: everything slow runs off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QInputDialog,
    QMainWindow,
    QWidget,
)

from narrdiff.app import theme
from narrdiff.app.files.intake import FILE_FILTER, ArticleIntake
from narrdiff.app.files.saving import DocumentKeeper
from narrdiff.app.menus import build_menus
from narrdiff.app.panels import show_about, show_shortcuts
from narrdiff.app.panes import build_panes
from narrdiff.app.present.presentation import start_presentation
from narrdiff.app.runner import CompareRunner
from narrdiff.app.session import Session
from narrdiff.app.settings import AppSettings, SettingsDialog
from narrdiff.app.status import RunStatus
from narrdiff.core.model import Comparison, Ref
from narrdiff.core.report import phrases

ZOOM_STEPS = (9, 10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 28, 32)
__all__ = ["FILE_FILTER", "MainWindow"]


class MainWindow(QMainWindow):
    """One comparison at a time, of 2 or more articles."""

    def __init__(self, runner: CompareRunner, settings: AppSettings) -> None:
        super().__init__()
        self.runner, self.settings = runner, settings
        self.session = Session()
        self.intake = ArticleIntake(self)
        self.comparison: Comparison | None = None  # what is shown (re-linked, relabelled)
        self.point_size = float(settings.font_size)
        self.show_boilerplate = True
        self.dark = theme.resolve_dark(settings.theme)
        self.setWindowTitle("narrdiff")
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._inspector_wanted = True
        self.presentation = None  # the PresentationWindow while presenting
        build_panes(self)
        self._build_status_bar()
        self.dock.hide()
        for widget in self.findChildren(QWidget):
            if widget is not self:
                widget.setAcceptDrops(False)  # drops go to the window (see dropEvent)
        self.saving = DocumentKeeper(self)  # before the menus: they hold its save actions
        build_menus(self)
        self._connect_runner()
        self.apply_theme()
        self._show_page()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    # --- construction ----------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        self.run_status = RunStatus(self.statusBar(), self.runner)
        self.status = self.run_status.status
        self.cancel_button = self.run_status.cancel_button

    def _connect_runner(self) -> None:
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.relinked.connect(self._on_relinked)

    # --- articles in and out ------------------------------------------------------------------

    # the session's state, as the saving code and the tests read and set it
    documents = property(lambda self: self.session.documents)
    labels = property(lambda self: self.session.labels)
    base = property(lambda self: self.session.base)
    manual = property(
        lambda self: self.session.manual, lambda self, v: setattr(self.session, "manual", v)
    )
    sentences_per_line = property(
        lambda self: self.session.sentences_per_line,
        lambda self, v: setattr(self.session, "sentences_per_line", v),
    )

    def add_paths(self, paths: list[str], replace_index: int | None = None) -> None:
        self.intake.add_paths(paths, replace_index)

    def add_text(self, text: str, name: str) -> None:
        self.intake.add_text(text, name)

    def open_samples(self) -> None:
        self.intake.open_samples()

    def documents_changed(self) -> None:
        self.run_comparison()

    def remove_article(self, index: int) -> None:
        if self.session.remove(index):
            self.run_comparison()

    def move_article(self, index: int, delta: int) -> None:
        if self.session.move(index, delta):
            self.run_comparison()

    def rename_article(self, index: int) -> None:
        if self.comparison is None or index >= len(self.comparison.articles):
            return
        current = self.comparison.articles[index].label
        name, ok = QInputDialog.getText(self, "Rename outlet", "Outlet name:", text=current)
        if ok and self.session.rename(index, name):
            self._show(self._relinked())

    def clear_articles(self) -> None:
        self.runner.cancel()
        self.session.clear()
        self.comparison = None
        self._show_page()

    def run_comparison(self) -> None:
        """Ask the worker for a new Comparison of the current documents (cancels the old run)."""
        self._show_page()
        if len(self.documents) < 2:
            self.runner.cancel()
            return
        self.session.strictness = self.strictness.value()
        self.runner.submit(
            list(self.documents),
            self.session.options(),
            sentences_per_line=self.sentences_per_line,
            manual=self.manual,
        )

    # --- runner events -------------------------------------------------------------------------

    def _on_finished(self, comparison: Comparison) -> None:
        self.session.base = comparison
        for warning in comparison.warnings:
            self.messages.add(warning)
        if comparison.options.strictness != self.strictness.value():
            self.set_strictness(self.strictness.value())  # moved meanwhile: re-linked off-thread
        else:
            self._show(self.session.labelled(comparison))
        self.status.setText(phrases.comparison_summary(comparison))

    def _on_failed(self, message: str) -> None:
        self.messages.add(message)  # the runner's message already says what failed
        self.status.setText("Comparison failed")

    def _on_cancelled(self) -> None:
        self.status.setText("Comparison cancelled")

    def _relinked(self) -> Comparison | None:
        """The runner's result at the slider's strictness, with the user's outlet names."""
        self.session.strictness = self.strictness.value()
        return self.session.shown()

    def _show(self, comparison: Comparison | None) -> None:
        self.comparison = comparison
        pal = theme.palette_for(self.dark)
        self.view.set_comparison(comparison, pal, self.point_size, self.show_boilerplate)
        self.coverage.set_comparison(comparison)
        self.framing.set_comparison(comparison)
        self.inspector.set_comparison(comparison)
        self.inspector.show_group(self.view.selected_group)
        if comparison is not None:
            names = " vs ".join(a.label for a in comparison.articles)
            self.setWindowTitle(f"{names} — narrdiff")
        self._show_page()

    def _show_page(self) -> None:
        ready = self.comparison is not None and len(self.documents) >= 2
        was_ready = self.stack.currentWidget() is self.tabs
        self.stack.setCurrentWidget(self.tabs if ready else self.welcome)
        # the inspector has nothing to say on the welcome page; it comes back with a comparison
        # unless the user closed it
        if was_ready and not ready:
            self._inspector_wanted = self.dock.isVisible()
            self.dock.hide()
        elif ready and not was_ready and self._inspector_wanted:
            self.dock.show()
        if not ready:
            self.welcome.set_pending([d.name for d in self.documents])
        self.saving.refresh()

    def set_strictness(self, strictness: float) -> None:
        """Ask the runner to re-link at `strictness` off the GUI thread (no encoder call); the
        views update in place when it arrives (`_on_relinked`), newest request only."""
        self.session.strictness = strictness
        if self.base is not None:
            self.runner.relink(self.base, self.session.options(), self.manual)
        self.saving.refresh()

    def _on_relinked(self, comparison: Comparison) -> None:
        if self.base is None:
            return  # the articles were cleared meanwhile
        self.session.base = comparison  # kept evidence and all: the next re-link starts from it
        self._show(self.session.labelled(comparison))

    def link_sentences(self, a: Ref, b: Ref) -> None:
        """Link two sentences by hand (or lift an earlier unlink); re-links, no encoder call."""
        linked = self.comparison is not None and any(
            {link.a, link.b} == {a, b} for link in self.comparison.links
        )
        if self.session.link(a, b, linked=linked):
            self._manual_changed()

    def unlink_sentences(self, a: Ref, b: Ref) -> None:
        if self.session.unlink(a, b):
            self._manual_changed()

    def _manual_changed(self) -> None:
        comparison = self._relinked()
        for note in comparison.warnings if comparison else ():
            if note not in self.base.warnings:
                self.messages.add(note)
        self._show(comparison)

    def _nudge_strictness(self, delta: float) -> None:
        self.strictness.set_value(min(1.0, max(0.0, self.strictness.value() + delta)))
        self.set_strictness(self.strictness.value())

    def _on_group_selected(self, index) -> None:
        self.inspector.show_group(index)
        if index is not None:
            self.coverage.select_group(index)

    def jump_to_group(self, index: int) -> None:
        self.tabs.setCurrentIndex(0)
        self.view.select_group(index)

    def present(self, blind: bool = False, full_screen: bool = True) -> None:
        """Presentation mode on the shown comparison, from the selected fact (Esc comes back)."""
        start_presentation(self, blind=blind, full_screen=full_screen)

    def _jump_to_sentence(self, article: int, sentence: int) -> None:
        self.tabs.setCurrentIndex(0)
        self.view.select_sentence((article, sentence))
        if self.view.selected_group is None and article < len(self.view.columns):
            self.view.columns[article].view.scroll_to_sentence(sentence)

    def _step_article(self, additions: bool, forward: bool) -> None:
        article = self.view.focused_article()
        groups = (
            self.view.addition_groups(article) if additions else self.view.omission_groups(article)
        )
        if self.view.step(groups, forward) is None:
            what = "additions" if additions else "omissions"
            self.status.setText(f"No {what} in this article")

    def _escape(self) -> None:
        """Esc closes the find bar first, else stops fetching and cancels a running comparison."""
        if self.find_bar.isVisible():
            self.find_bar.close_bar()
        else:
            self.intake.stop_fetching()
            self.runner.cancel()

    def _find(self, text: str, forward: bool) -> None:
        self.tabs.setCurrentIndex(0)
        count = self.view.find(text, forward)
        self.find_bar.count.setText(f"{count} found" if text else "")

    # --- look ----------------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        if step == 0:
            self.point_size = float(self.settings.font_size)
        else:
            sizes = [
                s for s in ZOOM_STEPS if (s > self.point_size if step > 0 else s < self.point_size)
            ]
            if sizes:
                self.point_size = float(sizes[0] if step > 0 else sizes[-1])
        self.status.setText(f"Text size {self.point_size:g} pt")
        self._restyle()

    def toggle_boilerplate(self) -> None:
        self.show_boilerplate = self.boilerplate_action.isChecked()
        self._restyle()

    def apply_theme(self) -> None:
        self.dark = theme.resolve_dark(self.settings.theme)
        app = QGuiApplication.instance()
        if app is not None:
            theme.apply_qt_palette(app, self.dark)
            # menus and labels grow with the chosen text size (projectors), a few points smaller
            font = app.font()
            font.setPointSizeF(max(9.0, self.settings.font_size - 3.0))
            app.setFont(font)
        pal = theme.palette_for(self.dark)
        self.setStyleSheet(theme.window_stylesheet(pal, self.point_size))
        self.coverage.set_palette(pal)
        self.framing.set_palette(pal)
        self.inspector.set_palette(pal)
        self._restyle()

    def _on_system_scheme(self, _scheme) -> None:
        if self.settings.theme == "system":
            self.apply_theme()

    def _restyle(self) -> None:
        pal = theme.palette_for(self.dark)
        self.setStyleSheet(theme.window_stylesheet(pal, self.point_size))
        self.view.restyle(pal, self.point_size, self.show_boilerplate)

    # --- dialogs -------------------------------------------------------------------------------

    def open_files(self) -> None:
        self.intake.open_files()

    def paste_article(self) -> None:
        self.intake.paste_article()

    def _fill_recent(self) -> None:
        self.intake.fill_recent(self.recent_menu)

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if not dialog.exec():
            return
        old_model = self.settings.model
        dialog.apply_to(self.settings)
        self.point_size = float(self.settings.font_size)
        self.strictness.set_value(self.settings.strictness)
        self.apply_theme()
        if self.settings.model != old_model:
            self.runner.set_model(self.settings.model)
            self.run_comparison()
        else:
            self.set_strictness(self.settings.strictness)

    def show_shortcuts(self) -> None:
        show_shortcuts(self, self.actions())

    def show_about(self) -> None:
        show_about(self)

    # --- drag and drop -------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if self.intake.accepts(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if self.intake.drop(event.mimeData(), event.position().toPoint()):
            event.acceptProposedAction()

    def column_at(self, point: QPoint) -> int | None:
        """The article column under a window point, if the comparison is showing."""
        if self.stack.currentWidget() is not self.tabs or self.tabs.currentIndex() != 0:
            return None
        for column in self.view.columns:
            local = column.mapFrom(self, point)
            if column.rect().contains(local):
                return column.index
        return None

    # --- closing -------------------------------------------------------------------------------

    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.saving.may_close():
            event.ignore()  # the user is asked to save first (and may cancel)
            return
        self.saving.closed_cleanly()
        self.settings.window_geometry = bytes(self.saveGeometry().data())
        self.runner.shutdown(timeout=1.0)
        super().closeEvent(event)
