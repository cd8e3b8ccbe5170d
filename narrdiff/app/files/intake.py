"""How articles come in: opened, dropped, pasted, from the recent list or the samples.

`ArticleIntake` turns each gesture into documents for the window's session: files are read off
the GUI thread by `FileReader`, text becomes a document at once, and a saved comparison among
dropped files is opened instead. Every failure becomes one message naming the input and why;
the other articles stay. It never compares anything itself: the window re-compares when the
session changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QPoint, QUrl
from PySide6.QtWidgets import QFileDialog

from narrdiff.app.files.reader import FileReader
from narrdiff.app.panels import PasteDialog
from narrdiff.core import savefile
from narrdiff.core.ingest.read import IngestError, document_from_text
from narrdiff.core.model import Document

FILE_FILTER = (
    "Articles (*.txt *.md *.markdown *.html *.htm *.xhtml *.pdf *.docx *.eml *.mht *.mhtml "
    "*.rtf *.narrdiff);;Saved comparisons (*.narrdiff);;All files (*)"
)


class ArticleIntake(QObject):
    """Opens, drops and pastes articles into `window.session`, then asks for a comparison.

    `window` is the main window: it offers `session`, `messages`, `status`, `settings`,
    `saving`, `documents_changed()` and `column_at(point)`.
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.reader = FileReader(self)
        self.reader.done.connect(self._on_read)

    def add_paths(self, paths: list[str], replace_index: int | None = None) -> None:
        """Read files (errors become messages; the other articles stay) and re-compare.

        A saved comparison (.narrdiff) among them is opened instead, in place of this one.
        """
        saved = [p for p in paths if Path(p).suffix.casefold() == savefile.SUFFIX]
        if saved:
            self.window.saving.open_path(saved[0])
            return
        if paths:
            self.window.status.setText(f"Reading {len(paths)} file{'s' if len(paths) > 1 else ''}…")
            self.reader.read(paths, replace_index)

    def _on_read(self, documents: list[Document], errors, replace_index: int | None) -> None:
        """Files read off the GUI thread: messages for the failures, the rest join."""
        for name, reason in errors:
            self.window.messages.add(f"Could not open {name}: {reason}.")
        for document in documents:
            self.window.settings.add_recent(str(Path(document.source).resolve()))
        if not documents:
            self.window.status.setText("No readable article in what was opened")
        self.add_documents(documents, replace_index)

    def add_text(self, text: str, name: str) -> None:
        try:
            document = document_from_text(text, name=name)
        except IngestError as exc:
            self.window.messages.add(f"Could not use the {name.lower()}: {exc.reason}.")
            return
        self.add_documents([document], None)

    def add_documents(self, documents: list[Document], replace_index: int | None) -> None:
        if not documents:
            return
        for refusal in self.window.session.add(documents, replace_index):
            self.window.messages.add(refusal)
        self.window.documents_changed()

    # --- dialogs -------------------------------------------------------------------------------

    def open_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self.window, "Add articles", "", FILE_FILTER)
        if paths:
            self.add_paths(paths)

    def open_samples(self) -> None:
        from narrdiff.samples import sample_paths

        self.add_paths([str(p) for p in sample_paths()])

    def paste_article(self) -> None:
        count = len(self.window.session.documents) + 1
        dialog = PasteDialog(self.window, default_name=f"Pasted article {count}")
        if dialog.exec():
            self.add_text(dialog.text.toPlainText(), dialog.name.text().strip() or "Pasted article")

    def fill_recent(self, menu) -> None:
        menu.clear()
        for path in self.window.settings.recent_files:
            action = menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.add_paths([p]))
        if not self.window.settings.recent_files:
            menu.addAction("(none yet)").setEnabled(False)

    # --- drag and drop -------------------------------------------------------------------------

    @staticmethod
    def accepts(mime: QMimeData) -> bool:
        return mime.hasUrls() or mime.hasText()

    def drop(self, mime: QMimeData, point: QPoint) -> bool:
        """Take a drop at a window point: files (one onto a column replaces it) or text."""
        paths = [
            url.toLocalFile() for url in mime.urls() if isinstance(url, QUrl) and url.isLocalFile()
        ]
        if paths:
            target = self.window.column_at(point) if len(paths) == 1 else None
            self.add_paths(paths, replace_index=target)
        elif mime.hasText() and mime.text().strip():
            count = len(self.window.session.documents) + 1
            self.add_text(mime.text(), f"Dropped text {count}")
        else:
            return False
        return True
