"""Reads opened and dropped files, and fetches web addresses, off the GUI thread.

A 20-page PDF takes seconds to read, the first web page loads trafilatura, and a web address
may take up to its timeout to answer: done on the GUI thread, any of them would freeze the
window. `FileReader.read()` starts a short-lived daemon thread per request (reading needs no
model, so it does not queue behind the model worker) that takes its inputs in order, files and
addresses alike. Results come back through queued signals on the GUI thread: `progress_changed`
while an address is fetched, then `done` with the documents read and a (name, reason) pair for
each input that could not be (a file's name, or the whole address). `cancel()` stops the
fetches under way; what was read before stays. It never touches a widget.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot

from narrdiff.core.errors import IngestError
from narrdiff.core.ingest.read import read_document
from narrdiff.core.ingest.web import FetchCancelled, looks_like_address, read_web_document


class _Bridge(QObject):
    done = Signal(object, object, object)
    progress = Signal(str)


class FileReader(QObject):
    """`read(inputs, replace_index)` → `progress_changed(message)`… →
    `done(documents, errors, replace_index)`; `cancel()` stops the fetching."""

    done = Signal(object, object, object)  # list[Document], list[(name, reason)], int | None
    progress_changed = Signal(str)  # "Fetching 1 of 2: bbc.co.uk: 84 KB"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge = _Bridge()
        self._bridge.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._bridge.progress.connect(
            self.progress_changed.emit, Qt.ConnectionType.QueuedConnection
        )
        self._pending = 0
        self._stops: list[threading.Event] = []

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def read(self, paths: Sequence[str], replace_index: int | None = None) -> None:
        """Read files and fetch http(s) addresses among `paths`, in order."""
        self._pending += 1
        stop = threading.Event()
        self._stops.append(stop)
        thread = threading.Thread(
            target=self._work,
            args=(list(paths), replace_index, stop),
            daemon=True,
            name="narrdiff-read",
        )
        thread.start()

    def cancel(self) -> None:
        """Stop every fetch under way; its request then delivers what it had read."""
        for stop in self._stops:
            stop.set()

    def _work(self, paths: list[str], replace_index: int | None, stop: threading.Event) -> None:
        documents, errors = [], []
        addresses = [p for p in paths if looks_like_address(p)]
        for path in paths:
            if stop.is_set():
                break
            try:
                if looks_like_address(path):
                    counter = f" {addresses.index(path) + 1} of {len(addresses)}"
                    documents.append(self._fetch(path, counter if len(addresses) > 1 else "", stop))
                else:
                    documents.append(read_document(path))
            except FetchCancelled:
                break
            except IngestError as exc:
                errors.append((_name(exc.source), exc.reason))
            except Exception as exc:  # a reader bug must become a message, not a dead thread
                errors.append((_name(path), f"could not be read ({type(exc).__name__})"))
        self._bridge.done.emit(documents, errors, (replace_index, stop))

    def _fetch(self, address: str, counter: str, stop: threading.Event):
        def progress(_fraction: float, message: str) -> None:
            self._bridge.progress.emit(f"Fetching{counter}: {message}")

        return read_web_document(address, progress=progress, cancel=stop.is_set)

    @Slot(object, object, object)
    def _deliver(self, documents, errors, request) -> None:
        replace_index, stop = request
        self._pending -= 1
        self._stops.remove(stop)
        self.done.emit(documents, errors, replace_index)


def _name(source: str) -> str:
    """How a message names an input: a web address whole, a file by its name."""
    return source if looks_like_address(source) else Path(source).name
