"""The main window: drop articles, see what each outlet adds, omits and words differently.

It keeps the list of input documents, asks the CompareRunner (the one background worker) for a
Comparison whenever that list changes, re-links from stored embeddings when the strictness moves,
and hands every Comparison to the views. It computes nothing itself, and never blocks: reading a
file is quick, everything slow runs on the runner's worker.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from narrdiff.app import theme
from narrdiff.app.files.reader import FileReader
from narrdiff.app.files.saving import DocumentKeeper
from narrdiff.app.menus import build_menus
from narrdiff.app.panels import FindBar, MessageBar, PasteDialog, WelcomePage
from narrdiff.app.present.presentation import PresentationWindow
from narrdiff.app.runner import CompareRunner
from narrdiff.app.settings import AppSettings, SettingsDialog
from narrdiff.app.views.coverage import CoverageView
from narrdiff.app.views.framing_view import FramingView
from narrdiff.app.views.inspector import InspectorPanel
from narrdiff.app.views.view import ComparisonView
from narrdiff.core import savefile as store
from narrdiff.core.ingest.read import IngestError, document_from_text
from narrdiff.core.limits import MAX_ARTICLES
from narrdiff.core.link import align
from narrdiff.core.link import manual as manual_links
from narrdiff.core.model import Comparison, Document, ManualLinks, Ref
from narrdiff.core.pipeline import relink

ZOOM_STEPS = (9, 10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 28, 32)
FILE_FILTER = (
    "Articles and comparisons (*.txt *.md *.markdown *.html *.htm *.pdf *.docx *.eml *.mht "
    "*.mhtml *.rtf *.narrdiff);;"
    "Saved comparisons (*.narrdiff);;All files (*)"
)


class MainWindow(QMainWindow):
    """One comparison at a time, of 2 or more articles."""

    def __init__(self, runner: CompareRunner, settings: AppSettings) -> None:
        super().__init__()
        self.runner, self.settings = runner, settings
        self.reader = FileReader(self)
        self.reader.done.connect(self._on_read)
        self.documents: list[Document] = []
        self.labels: list[str | None] = []  # per document: the user's outlet name, if any
        self.base: Comparison | None = None  # the runner's result, with embeddings
        self.comparison: Comparison | None = None  # what is shown (re-linked, relabelled)
        self.manual = ManualLinks()  # links the user set or removed by hand
        self.sentences_per_line = False  # only a saved comparison made with the CLI sets it
        self.point_size = float(settings.font_size)
        self.show_boilerplate = True
        self.dark = theme.resolve_dark(settings.theme)
        self.setWindowTitle("narrdiff")
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._inspector_wanted = True
        self.presentation = None  # the PresentationWindow while presenting
        self._build_widgets()
        self.saving = DocumentKeeper(self)  # before the menus: they hold its save actions
        build_menus(self)
        self._connect_runner()
        self.apply_theme()
        self._show_page()
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    # --- construction ----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.welcome = WelcomePage()
        self.welcome.open_requested.connect(self.open_files)
        self.welcome.paste_requested.connect(self.paste_article)
        self.welcome.samples_requested.connect(self.open_samples)
        self.view = ComparisonView()
        self.view.group_selected.connect(self._on_group_selected)
        self.view.remove_requested.connect(self.remove_article)
        self.view.move_requested.connect(self.move_article)
        self.view.rename_requested.connect(self.rename_article)
        self.view.link_requested.connect(self.link_sentences)
        self.view.unlink_requested.connect(self.unlink_sentences)
        self.coverage = CoverageView()
        self.coverage.group_activated.connect(self._jump_to_group)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.view, "Columns")
        self.tabs.addTab(self.coverage, "Coverage")
        self.framing = FramingView()
        self.framing.finding_activated.connect(self._jump_to_sentence)
        self.tabs.addTab(self.framing, "Framing")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.tabs)
        self.messages = MessageBar()
        self.find_bar = FindBar()
        self.find_bar.find_requested.connect(self._find)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.messages)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.inspector = InspectorPanel()
        self.dock = QDockWidget("Inspector", self)
        self.dock.setObjectName("InspectorDock")
        self.dock.setWidget(self.inspector)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        # the inspector reads prose: its width follows the text size
        width = round(22 * self.settings.font_size)
        self.resizeDocks([self.dock], [width], Qt.Orientation.Horizontal)
        self._build_status_bar()
        self.dock.hide()
        for widget in self.findChildren(QWidget):
            if widget is not self:
                widget.setAcceptDrops(False)  # drops go to the window (see dropEvent)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.status = QLabel("Ready")
        self.model_status = QLabel("")
        self.model_status.setObjectName("ModelStatus")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setFixedWidth(200)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the comparison (Esc)")
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.cancel_button.hide()
        bar.addWidget(self.status, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.model_status)

    def _connect_runner(self) -> None:
        self.runner.progress_changed.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.runner.busy_changed.connect(self._on_busy)
        self.runner.model_state_changed.connect(self._on_model_state)
        self.runner.relinked.connect(self._on_relinked)

    # --- articles in and out ------------------------------------------------------------------

    def add_paths(self, paths: list[str], replace_index: int | None = None) -> None:
        """Read files (errors become messages; the other articles stay) and re-compare.

        A saved comparison (.narrdiff) among them is opened instead, in place of this one.
        """
        saved = [p for p in paths if Path(p).suffix.casefold() == store.SUFFIX]
        if saved:
            self.saving.open_path(saved[0])
            return
        if paths:
            self.status.setText(f"Reading {len(paths)} file{'s' if len(paths) > 1 else ''}…")
            self.reader.read(paths, replace_index)

    def _on_read(self, documents: list[Document], errors, replace_index: int | None) -> None:
        """Files read off the GUI thread: messages for the failures, the rest join."""
        for name, reason in errors:
            self.messages.add(f"Could not open {name}: {reason}.")
        for document in documents:
            self.settings.add_recent(str(Path(document.source).resolve()))
        if not documents:
            self.status.setText("No readable article in what was opened")
        self._add_documents(documents, replace_index)

    def add_text(self, text: str, name: str) -> None:
        try:
            document = document_from_text(text, name=name)
        except IngestError as exc:
            self.messages.add(f"Could not use the {name.lower()}: {exc.reason}.")
            return
        self._add_documents([document], None)

    def _add_documents(self, documents: list[Document], replace_index: int | None) -> None:
        if not documents:
            return
        if replace_index is not None and replace_index < len(self.documents):
            self.documents[replace_index] = documents[0]
            self.labels[replace_index] = None
            documents = documents[1:]
        room = MAX_ARTICLES - len(self.documents)
        for document in documents[max(room, 0) :]:
            self.messages.add(
                f"Did not add {document.name}: narrdiff compares up to {MAX_ARTICLES} articles "
                "at once. Remove one first."
            )
        documents = documents[: max(room, 0)]
        self.documents.extend(documents)
        self.labels.extend([None] * len(documents))
        self.run_comparison()

    def remove_article(self, index: int) -> None:
        if 0 <= index < len(self.documents):
            del self.documents[index]
            del self.labels[index]
            self.run_comparison()

    def move_article(self, index: int, delta: int) -> None:
        target = index + delta
        if 0 <= index < len(self.documents) and 0 <= target < len(self.documents):
            for items in (self.documents, self.labels):
                items[index], items[target] = items[target], items[index]
            self.run_comparison()

    def rename_article(self, index: int) -> None:
        if self.comparison is None or index >= len(self.comparison.articles):
            return
        current = self.comparison.articles[index].label
        name, ok = QInputDialog.getText(self, "Rename outlet", "Outlet name:", text=current)
        if ok and name.strip():
            self.labels[index] = name.strip()
            self._show(self._relinked())

    def clear_articles(self) -> None:
        self.runner.cancel()
        self.documents, self.labels = [], []
        self.base = self.comparison = None
        self._show_page()

    def run_comparison(self) -> None:
        """Ask the worker for a new Comparison of the current documents (cancels the old run)."""
        self._show_page()
        if len(self.documents) < 2:
            self.runner.cancel()
            return
        options = align.AlignOptions.from_strictness(self.strictness.value())
        self.runner.submit(
            list(self.documents),
            options,
            sentences_per_line=self.sentences_per_line,
            manual=self.manual,
        )

    # --- runner events -------------------------------------------------------------------------

    def _on_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        self.status.setText(message)

    def _on_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.progress.setValue(0)

    def _on_finished(self, comparison: Comparison) -> None:
        self.base = comparison
        for warning in comparison.warnings:
            self.messages.add(warning)
        if comparison.options.strictness != self.strictness.value():
            self.set_strictness(self.strictness.value())  # moved meanwhile: re-linked off-thread
        else:
            self._show(self._labelled(comparison))
        shared = len(comparison.shared_groups())
        self.status.setText(
            f"Compared {len(comparison.articles)} articles: {shared} facts shared, "
            f"{len(comparison.links)} linked sentence pairs."
        )

    def _on_failed(self, message: str) -> None:
        self.messages.add(f"The comparison failed: {message}")
        self.status.setText("Comparison failed")

    def _on_cancelled(self) -> None:
        self.status.setText("Comparison cancelled")

    def _on_model_state(self, state: str, detail: str) -> None:
        text = {
            "loading": "Loading language model…",
            "ready": f"Model: {detail}" if detail else "Model ready",
            "unavailable": "Model unavailable: comparing by shared words",
        }.get(state, "")
        self.model_status.setText(text)
        self.model_status.setToolTip(detail)

    # --- showing -------------------------------------------------------------------------------

    def _relinked(self) -> Comparison | None:
        """The runner's result at the slider's strictness, with the user's outlet names."""
        if self.base is None:
            return None
        comparison = self.base
        strictness = self.strictness.value()
        if (
            getattr(comparison.options, "strictness", None) != strictness
            or comparison.manual != self.manual
        ):
            options = align.AlignOptions.from_strictness(strictness)
            comparison = relink(comparison, options, manual=self.manual)
        return self._labelled(comparison)

    def _labelled(self, comparison: Comparison) -> Comparison:
        """The comparison with the user's outlet names."""
        labels = self.labels[: len(comparison.articles)]
        if any(labels):
            articles = tuple(
                replace(art, outlet=label) if label else art
                for art, label in zip(comparison.articles, labels, strict=False)
            )
            comparison = replace(comparison, articles=articles)
        return comparison

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
        if self.base is not None:
            options = align.AlignOptions.from_strictness(strictness)
            self.runner.relink(self.base, options, self.manual)
        self.saving.refresh()

    def _on_relinked(self, comparison: Comparison) -> None:
        if self.base is None:
            return  # the articles were cleared meanwhile
        self.base = comparison  # kept evidence and all: the next re-link starts from it
        self._show(self._labelled(comparison))

    def link_sentences(self, a: Ref, b: Ref) -> None:
        """Link two sentences by hand (or lift an earlier unlink); re-links, no encoder call."""
        linked = self.comparison is not None and any(
            {link.a, link.b} == {a, b} for link in self.comparison.links
        )
        self._set_manual(manual_links.with_link(self.manual, a, b, linked=linked))

    def unlink_sentences(self, a: Ref, b: Ref) -> None:
        self._set_manual(manual_links.without_link(self.manual, a, b))

    def _set_manual(self, manual: ManualLinks) -> None:
        if manual == self.manual or self.base is None:
            return
        self.manual = manual
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

    def _jump_to_group(self, index: int) -> None:
        self.tabs.setCurrentIndex(0)
        self.view.select_group(index)

    def present(self, blind: bool = False, full_screen: bool = True) -> None:
        """Presentation mode on the shown comparison, from the selected fact (Esc comes back)."""
        if self.comparison is None or not self.comparison.groups:
            self.status.setText("Nothing to present yet: open two or more articles")
            return
        if self.presentation is not None:  # F5 again: back to the running presentation
            self.presentation.activateWindow()
            return
        self.presentation = PresentationWindow(
            self.comparison,
            theme.palette_for(self.dark),
            start_group=self.view.selected_group,
            blind=blind,
            parent=self,
        )
        self.presentation.closed.connect(self._end_presentation)
        # full screen on the screen the window is on (the projector, when it is dragged there)
        self.presentation.setGeometry(self.screen().geometry())
        if full_screen:
            self.presentation.showFullScreen()
        else:
            self.presentation.show()
        self.presentation.activateWindow()
        self.presentation.setFocus()

    def _end_presentation(self, group: int | None) -> None:
        """Back from presenting: the fact last shown is selected, so the class can dig in."""
        self.presentation = None
        if group is not None and self.comparison and group < len(self.comparison.groups):
            self._jump_to_group(group)
        self.activateWindow()

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
        """Esc closes the find bar first, else cancels a running comparison."""
        if self.find_bar.isVisible():
            self.find_bar.close_bar()
        else:
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
        paths, _ = QFileDialog.getOpenFileNames(self, "Add articles", "", FILE_FILTER)
        if paths:
            self.add_paths(paths)

    def open_samples(self) -> None:
        from narrdiff.samples import sample_paths

        self.add_paths([str(p) for p in sample_paths()])

    def paste_article(self) -> None:
        dialog = PasteDialog(self, default_name=f"Pasted article {len(self.documents) + 1}")
        if dialog.exec():
            self.add_text(dialog.text.toPlainText(), dialog.name.text().strip() or "Pasted article")

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.add_paths([p]))
        if not self.settings.recent_files:
            self.recent_menu.addAction("(none yet)").setEnabled(False)

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
        rows = [
            f"<tr><td>{a.text().replace('&', '')}</td>"
            f"<td><b>{a.shortcut().toString()}</b></td></tr>"
            for a in self.actions()
            if a.text() and not a.shortcut().isEmpty()
        ]
        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{''.join(rows)}</table>")

    def show_about(self) -> None:
        from narrdiff import __version__

        QMessageBox.about(
            self,
            "About narrdiff",
            f"<b>narrdiff {__version__}</b><p>Compare how different outlets report the same "
            "story: what each adds, omits and words differently.</p><p>Sentences are linked by "
            "meaning with all-MiniLM-L6-v2, running locally and offline.</p>",
        )

    # --- drag and drop -------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if event.mimeData().hasUrls() or event.mimeData().hasText():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        mime = event.mimeData()
        paths = [
            url.toLocalFile() for url in mime.urls() if isinstance(url, QUrl) and url.isLocalFile()
        ]
        if paths:
            target = self._column_at(event.position().toPoint()) if len(paths) == 1 else None
            self.add_paths(paths, replace_index=target)
        elif mime.hasText() and mime.text().strip():
            self.add_text(mime.text(), f"Dropped text {len(self.documents) + 1}")
        else:
            return
        event.acceptProposedAction()

    def _column_at(self, point: QPoint) -> int | None:
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
