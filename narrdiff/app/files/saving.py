"""Saving and opening comparisons, the modified mark, the close prompt and crash recovery.

`DocumentKeeper` belongs to one MainWindow. It knows the `.narrdiff` file the comparison came
from or went to, and compares what the window holds now (articles, outlet names, strictness,
hand-set links) with what that file holds: any difference is "modified", shown in the title
and guarded by a Save / Discard / Cancel prompt before the comparison is closed or replaced.
After each change it writes the window's recovery file (debounced; `recovery.py` keeps one
locked file per open window); a clean close deletes it, and a later start offers the work of a
window that died back in a non-modal bar.

It also keeps hand-set links pointing at the right articles when articles are removed, moved
or replaced. The prompt is window-modal and asynchronous (`QMessageBox.open`), so nothing here
blocks the event loop. Reading and writing the file is `core.store`'s job; this module never
compares or re-links.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton

from narrdiff.app.files.recovery import RecoveryFiles
from narrdiff.core import savefile as store
from narrdiff.core.link import manual as manual_links
from narrdiff.core.output import OutputError
from narrdiff.core.savefile import Saved, SavedSettings, StoreError

SAVE_FILTER = "narrdiff comparisons (*.narrdiff)"
AUTOSAVE_DELAY_MS = 500  # a strictness drag or a burst of renames writes the file once


def data_dir() -> Path:
    """Where narrdiff keeps its own files: $NARRDIFF_DATA_DIR, else the platform's data dir."""
    override = os.environ.get("NARRDIFF_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs  # light, but only needed here

    return Path(platformdirs.user_data_dir("narrdiff"))


def show_write_error(window, title: str, message: str, path: Path) -> QMessageBox:
    """A window-modal dialog saying a file was not written, where, and that nothing was."""
    ok = QMessageBox.StandardButton.Ok
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, ok, window)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the path may hold anything
    box.setInformativeText(f"{path}\nNothing was written there; choose another place.")
    box.open()  # asynchronous: nothing here blocks the event loop
    return box


class RecoveryBar(QFrame):
    """A bar offering the last session's comparison back, with Restore and Discard; never modal."""

    def __init__(self, on_restore: Callable[[], None], on_discard: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("MessageBar")
        label = QLabel(
            "narrdiff was not closed properly last time. "
            "Restore the comparison you were working on?"
        )
        label.setWordWrap(True)
        self.restore_button = QPushButton("Restore")
        self.restore_button.clicked.connect(on_restore)
        self.discard_button = QPushButton("Discard")
        self.discard_button.clicked.connect(on_discard)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(label, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.hide()


class _LoadBridge(QObject):
    done = Signal(object)  # (then, path, Saved | None, StoreError | None)


class DocumentKeeper(QObject):
    """The file side of one window. The window calls `refresh()` after every change."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.path: Path | None = None
        self.prompt: QMessageBox | None = None
        self.error_box: QMessageBox | None = None
        self._saved_state = self._state()
        self._autosaved_state: object = None
        self._known = list(window.documents)  # the articles hand-set links were made against
        self._close_ok = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self._autosave)
        self.loading = 0  # files being read on a thread
        self._loaded = _LoadBridge(self)
        self._loaded.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.recovery = RecoveryFiles(data_dir())
        self.recovery_bar = RecoveryBar(self.restore_recovery, self.discard_recovery)
        window.centralWidget().layout().insertWidget(0, self.recovery_bar)
        self._offer_orphan()

    # --- state ---------------------------------------------------------------------------------

    def _state(self) -> tuple:
        w = self.window
        documents = tuple(w.documents)
        strictness = w.strictness.value() if documents and hasattr(w, "strictness") else None
        return (documents, tuple(w.labels), strictness, w.manual, w.sentences_per_line)

    @property
    def modified(self) -> bool:
        return self._state() != self._saved_state

    def refresh(self) -> None:
        """Follow a change: re-point hand-set links, update the title, schedule the autosave."""
        self._follow_articles()
        w = self.window
        names = " vs ".join(a.label for a in w.comparison.articles) if w.comparison else ""
        parts = [p for p in (self.path.name if self.path else "", names) if p]
        if parts:
            parts[0] += "[*]"
        w.setWindowTitle(" — ".join([*parts, "narrdiff"]) if parts else "narrdiff[*]")
        modified = self.modified
        w.setWindowModified(modified)
        if self._state() != self._autosaved_state:
            self._timer.start()

    def _follow_articles(self) -> None:
        """Move hand-set links along with articles that were moved, removed or replaced."""
        current = self.window.documents
        if len(current) == len(self._known) and all(
            a is b for a, b in zip(current, self._known, strict=True)
        ):
            return
        new_index: dict[int, int] = {}
        taken: set[int] = set()
        for old, doc in enumerate(self._known):
            new = next((n for n, d in enumerate(current) if d is doc and n not in taken), None)
            if new is not None:
                new_index[old] = new
                taken.add(new)
        self.window.manual = manual_links.remap(self.window.manual, new_index)
        self._known = list(current)

    # --- saving --------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save to the current file (asking for one the first time); True if saved."""
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        if not self.window.documents:
            self.window.status.setText("Nothing to save: add articles first")
            return False
        start = str(self.path or Path.home() / f"comparison{store.SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(self.window, "Save comparison", start, SAVE_FILTER)
        if not name:
            return False
        path = Path(name)
        if path.suffix.casefold() != store.SUFFIX:
            path = path.with_name(path.name + store.SUFFIX)
        return self._write(path)

    def _write(self, path: Path) -> bool:
        try:
            self._store(path)
        except OutputError as exc:
            self._tell_unsaved(path, exc.reason)
            return False
        self.path = path
        self._saved_state = self._state()
        self.window.settings.add_recent(str(path.resolve()))
        self.window.status.setText(f"Saved {path.name}")
        self.refresh()
        return True

    def _tell_unsaved(self, path: Path, reason: str) -> None:
        message = f"Could not save {path.name}: {reason}."
        self.window.messages.add(message)
        self.error_box = show_write_error(self.window, "Not saved", message, path)

    def _store(self, path: Path) -> None:
        w = self.window
        settings = SavedSettings(w.strictness.value(), w.settings.model, w.sentences_per_line)
        store.save(path, w.documents, w.labels, settings, w.manual)

    # --- opening -------------------------------------------------------------------------------

    def open_path(self, path: str | Path) -> None:
        """Open a `.narrdiff` file in place of the current comparison (after the prompt).

        The file is read and checked on a short-lived thread (a 64 MB file takes a second or
        two), so the window never freezes; a file that cannot be used leaves the current
        comparison as it is and says why.
        """
        self._load(Path(path), self._opened)

    def _opened(self, path: Path, saved: Saved | None, error: StoreError | None) -> None:
        if saved is None:
            self.window.messages.add(f"{error}")
            return
        self.window.settings.add_recent(str(path.resolve()))
        self.when_discardable(lambda: self._restore(saved, path))

    def _load(self, path: Path, then: Callable[[Path, Saved | None, StoreError | None], None]):
        """`store.load(path)` off the GUI thread; `then(path, saved, error)` on it."""

        def work() -> None:
            saved, error = None, None
            try:
                saved = store.load(path)
            except StoreError as exc:
                error = exc
            except Exception as exc:  # a bug must become a message, not a dead thread
                error = StoreError(str(path), f"could not be opened ({type(exc).__name__})")
            self._loaded.done.emit((then, path, saved, error))

        self.loading += 1
        threading.Thread(target=work, daemon=True, name="narrdiff-open").start()

    def _deliver(self, result: tuple) -> None:
        self.loading -= 1
        then, path, saved, error = result
        then(path, saved, error)

    def _restore(self, saved: Saved, path: Path | None) -> None:
        """Show `saved`; from `path` (unmodified) or from the recovery file (path None)."""
        w = self.window
        w.runner.cancel()
        w.session.documents, w.session.labels = list(saved.documents), list(saved.labels)
        w.manual, w.sentences_per_line = saved.manual, saved.settings.sentences_per_line
        w.strictness.set_value(saved.settings.strictness)
        w.session.base = w.comparison = None
        self._known = list(w.documents)
        self.path = path
        self._saved_state = self._state() if path is not None else None
        if (saved.settings.model or None) != (w.settings.model or None):
            w.messages.add(
                f"This comparison was made with the model {saved.settings.model or 'bundled'}; "
                f"it is compared with {w.settings.model or 'the bundled model'} now, "
                "so some links may differ."
            )
        w.run_comparison()

    # --- the prompt ----------------------------------------------------------------------------

    def when_discardable(self, action: Callable[[], None]) -> None:
        """Run `action` now if nothing is unsaved, else after Save or Discard (not Cancel)."""
        if not self.modified or not self.window.documents:
            action()
            return
        if self.prompt is not None and self.prompt.isVisible():
            return  # one question at a time
        buttons = QMessageBox.StandardButton
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Unsaved changes",
            f"Save the changes to {self.path.name if self.path else 'this comparison'}?",
            buttons.Save | buttons.Discard | buttons.Cancel,
            self.window,
        )
        box.setInformativeText("Changes you do not save are lost.")
        box.setDefaultButton(buttons.Save)
        box.buttonClicked.connect(lambda button: self._answer(box.standardButton(button), action))
        self.prompt = box
        box.open()

    def _answer(self, button: QMessageBox.StandardButton, action: Callable[[], None]) -> None:
        buttons = QMessageBox.StandardButton
        if button == buttons.Discard or (button == buttons.Save and self.save()):
            action()

    def may_close(self) -> bool:
        """For closeEvent: True to close now; False while the user is asked (or said Cancel)."""
        if self._close_ok or not self.modified or not self.window.documents:
            return True
        self.when_discardable(self._close_after_prompt)
        return False

    def _close_after_prompt(self) -> None:
        # the close event that asked was refused; after Save or Discard the window closes anew
        self._close_ok = True
        QTimer.singleShot(0, self.window.close)

    def closed_cleanly(self) -> None:
        """The window closes on purpose: its own recovery file goes; work still on offer (not
        restored, not discarded) stays for the next start."""
        self._timer.stop()
        self.recovery.remove_own()
        self.recovery.release_offered()

    # --- recovery ------------------------------------------------------------------------------

    def _autosave(self) -> None:
        # this window's own file: work left by a window that died (on offer) is another file
        state = self._state()
        try:
            if self.modified and self.window.documents:
                self.recovery.hold_own()
                self._store(self.recovery.own)
            else:
                self.recovery.remove_own()  # the saved file (or nothing) is all there is
        except (OutputError, OSError) as exc:
            reason = exc.reason if isinstance(exc, OutputError) else str(exc.strerror).lower()
            self.window.messages.add(f"Could not write the recovery file: {reason}.")
        self._autosaved_state = state

    def _offer_orphan(self) -> None:
        self.recovery_bar.setVisible(self.recovery.take_orphan() is not None)

    def restore_recovery(self) -> None:
        path = self.recovery.offered
        self.recovery_bar.hide()
        if path is not None:
            self._load(path, self._recovered)

    def _recovered(self, path: Path, saved: Saved | None, error: StoreError | None) -> None:
        if saved is None:  # damaged: it can never be restored
            self.recovery.forget_offered()
            self.window.messages.add(f"Could not restore the last comparison: {error}")
            self._offer_orphan()
            return

        def restore() -> None:
            # the work becomes this window's: written to its own file before the orphan goes,
            # so no moment holds it nowhere (if the prompt is cancelled, the orphan stays)
            self._restore(saved, None)
            self._autosave()
            self.recovery.forget_offered()

        self.when_discardable(restore)

    def discard_recovery(self) -> None:
        self.recovery_bar.hide()
        self.recovery.forget_offered()
        self.refresh()
        self._offer_orphan()
