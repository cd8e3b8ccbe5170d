"""How articles come in: opened, dropped, pasted, by web address, from the recent list or the
samples.

`ArticleIntake` turns each gesture into documents for the window's session: files are read and
web addresses fetched off the GUI thread by `FileReader` (with the fetch's progress in the status
bar and a Stop button), text becomes a document at once (normalised and checked only: its
language is detected later, on the comparing thread), and a saved comparison among dropped
files is opened instead. A drop or paste of links (a browser's text/uri-list, or text that is
nothing but addresses) fetches them; File ▸ Open web address… (Ctrl+L) takes them one per line.
Every failure becomes one message naming the input and why; the other articles stay. It never
compares anything itself: the window re-compares when the session changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QPoint, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QPushButton

from narrdiff.app.files.reader import FileReader
from narrdiff.app.panels import PasteDialog
from narrdiff.core import savefile
from narrdiff.core.ingest.read import IngestError, document_from_text
from narrdiff.core.ingest.web import looks_like_address, web_addresses
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
        self.reader.progress_changed.connect(lambda message: self.window.status.setText(message))
        self._stop_button: QPushButton | None = None  # made with the first fetch
        self._stopped = False

    @property
    def stop_button(self) -> QPushButton:
        """Stop fetching, in the status bar while web addresses are fetched."""
        if self._stop_button is None:
            self._stop_button = QPushButton("Stop fetching")
            self._stop_button.setToolTip("Stop fetching web addresses; what has arrived stays")
            self._stop_button.clicked.connect(self.stop_fetching)
            self.window.statusBar().addPermanentWidget(self._stop_button)
        return self._stop_button

    def add_paths(self, paths: list[str], replace_index: int | None = None) -> None:
        """Read files and fetch web addresses (errors become messages; the other articles
        stay), then re-compare.

        A saved comparison (.narrdiff) among them is opened instead, in place of this one.
        """
        saved = [
            p
            for p in paths
            if Path(p).suffix.casefold() == savefile.SUFFIX and not looks_like_address(p)
        ]
        if saved:
            self.window.saving.open_path(saved[0])
            return
        if not paths:
            return
        fetching = sum(1 for p in paths if looks_like_address(p))
        self.window.status.setText(_reading(len(paths) - fetching, fetching))
        if fetching:
            self._stopped = False
            self.stop_button.show()
        self.reader.read(paths, replace_index)

    def fetch_again(self) -> None:
        """Fetch every article that came from the web again, each into its own column (a saved
        comparison keeps the texts it had until the user asks for this)."""
        web = [
            (index, document.source)
            for index, document in enumerate(self.window.session.documents)
            if looks_like_address(document.source)
        ]
        if not web:
            self.window.status.setText("No article here came from a web address")
            return
        self._stopped = False
        self.stop_button.show()
        self.window.status.setText(_reading(0, len(web)))
        for index, address in web:
            self.reader.read([address], replace_index=index)

    def stop_fetching(self) -> None:
        if self.reader.busy:
            self._stopped = True
            self.reader.cancel()

    def _on_read(self, documents: list[Document], errors, replace_index: int | None) -> None:
        """Inputs read off the GUI thread: messages for the failures, the rest join."""
        if self._stop_button is not None:
            self._stop_button.setVisible(self.reader.busy)
        for name, reason in errors:
            self.window.messages.add(f"Could not open {name}: {reason}.")
        for document in documents:
            source = document.source
            recent = source if looks_like_address(source) else str(Path(source).resolve())
            self.window.settings.add_recent(recent)
        if self._stopped and not self.reader.busy:
            self.window.status.setText("Fetching stopped")
        elif not documents:
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
        """The Paste article dialog; addresses pasted into it are fetched."""
        count = len(self.window.session.documents) + 1
        dialog = PasteDialog(self.window, default_name=f"Pasted article {count}")
        if dialog.exec():
            text = dialog.text.toPlainText()
            addresses = web_addresses(text)
            if addresses:
                self.add_paths(addresses)
            else:
                self.add_text(text, dialog.name.text().strip() or "Pasted article")

    def paste(self) -> None:
        """Ctrl+V on the window: links and files on the clipboard are added, text goes to the
        Paste article dialog to be checked and named."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and self._take_links(mime, None):
            return
        if mime is not None and mime.hasText() and mime.text().strip():
            self.paste_article()
        else:
            self.window.status.setText("Nothing to paste: copy an article's text or address")

    def open_address(self) -> None:
        """File ▸ Open web address… (Ctrl+L): addresses one per line, pre-filled from the
        clipboard when it holds some; "www.site.com/…" without a scheme is taken as https."""
        clipboard = QGuiApplication.clipboard().text()
        filled = "\n".join(web_addresses(clipboard) or [])
        text, ok = QInputDialog.getMultiLineText(
            self.window,
            "Open web address",
            "Web addresses of articles, one per line (narrdiff fetches only these):",
            filled,
        )
        addresses = [_with_scheme(item) for item in (text.split() if ok else [])]
        for item in addresses:
            if not looks_like_address(item):
                self.window.messages.add(
                    f"Could not open {item}: not a web address (they start with https://)."
                )
        self.add_paths([item for item in addresses if looks_like_address(item)])

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
        """Take a drop at a window point: files or links (one onto a column replaces it), or
        text."""
        if self._take_links(mime, point):
            return True
        if mime.hasText() and mime.text().strip():
            count = len(self.window.session.documents) + 1
            self.add_text(mime.text(), f"Dropped text {count}")
            return True
        return False

    def _take_links(self, mime: QMimeData, point: QPoint | None) -> bool:
        """Add the files and web addresses `mime` carries (a uri-list, or text that is nothing
        but addresses); False when it carries none."""
        urls = [url for url in mime.urls() if isinstance(url, QUrl) and url.isValid()]
        inputs = [url.toLocalFile() if url.isLocalFile() else url.toString() for url in urls]
        if not inputs and mime.hasText():
            inputs = web_addresses(mime.text()) or []
        if not inputs:
            return False
        for item in inputs:
            if not (Path(item).is_absolute() or looks_like_address(item)):  # "about:blank"
                self.window.messages.add(
                    f"Could not open {item}: only http and https addresses can be fetched."
                )
        inputs = [item for item in inputs if Path(item).is_absolute() or looks_like_address(item)]
        target = self.window.column_at(point) if point is not None and len(inputs) == 1 else None
        self.add_paths(inputs, replace_index=target)
        return True


def _reading(files: int, addresses: int) -> str:
    """The status while inputs are read: "Reading 2 files…", "Fetching 1 web address…"."""
    parts = []
    if files:
        parts.append(f"reading {files} file{'s' if files > 1 else ''}")
    if addresses:
        parts.append(f"fetching {addresses} web address{'es' if addresses > 1 else ''}")
    return " and ".join(parts).capitalize() + "…"


def _with_scheme(item: str) -> str:
    """An address typed without its scheme ("www.bbc.co.uk/news/…") is an https one."""
    if looks_like_address(item) or "." not in item.split("/")[0]:
        return item
    return "https://" + item
