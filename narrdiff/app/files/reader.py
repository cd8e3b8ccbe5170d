"""Reads opened and dropped files off the GUI thread.

A 20-page PDF takes seconds to read and the first web page loads trafilatura: done on the GUI
thread, either would freeze the window. `FileReader.read()` starts a short-lived daemon thread
per request (file reading needs no model, so it does not queue behind the model worker), and
the result comes back through a queued signal on the GUI thread: the documents read, and a
(file name, reason) pair for each file that could not be. It never touches a widget.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest.read import read_document


class _Bridge(QObject):
    done = Signal(object, object, object)


class FileReader(QObject):
    """`read(paths, replace_index)` → later `done(documents, errors, replace_index)`."""

    done = Signal(object, object, object)  # list[Document], list[(name, reason)], int | None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge = _Bridge()
        self._bridge.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._pending = 0

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def read(self, paths: Sequence[str], replace_index: int | None = None) -> None:
        self._pending += 1
        thread = threading.Thread(
            target=self._work, args=(list(paths), replace_index), daemon=True, name="narrdiff-read"
        )
        thread.start()

    def _work(self, paths: list[str], replace_index: int | None) -> None:
        documents, errors = [], []
        for path in paths:
            try:
                documents.append(read_document(path))
            except IngestError as exc:
                errors.append((Path(exc.source).name, exc.reason))
            except Exception as exc:  # a reader bug must become a message, not a dead thread
                errors.append((Path(path).name, f"could not be read ({type(exc).__name__})"))
        self._bridge.done.emit(documents, errors, replace_index)

    @Slot(object, object, object)
    def _deliver(self, documents, errors, replace_index) -> None:
        self._pending -= 1
        self.done.emit(documents, errors, replace_index)
