"""Re-linking off the GUI thread: the strictness slider's requests, newest first.

`Relinker` lives on the GUI thread and owns one daemon thread of its own. A re-link needs no
model (it re-decides from the evidence a Comparison keeps), so it must not queue behind the
compare worker, which may be loading the model for seconds; that is why it has its own thread.
When idle, the thread prepares the newest comparison for re-linking (`pipeline.prepare_relinks`:
the word diffs and tags of every pair any strictness could link), so that moving the slider
later computes no diff at all.

Rules it keeps:
- newest wins: `request()` replaces a queued request; `relinked` carries a result only while
  its token is still the newest and no `drop()` came after it, so a stale re-link never
  overwrites a newer view;
- errors travel as values (`failed(str)`), nothing raises into Qt;
- the GUI thread is not starved of the GIL: the process's switch interval is lowered to 1 ms;
- the thread never touches a widget, and this module builds none.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal, Slot

from narrdiff.core.link.align import AlignOptions
from narrdiff.core.model import Comparison, ManualLinks
from narrdiff.core.pipeline import prepare_relinks, relink

SWITCH_INTERVAL = 0.001  # seconds a thread may hold the GIL while another waits for it


@dataclass(frozen=True)
class _Request:
    token: int
    comparison: Comparison
    options: AlignOptions
    manual: ManualLinks | None


class _Bridge(QObject):
    """Signals of the thread; connected queued, so their slots run on the GUI thread."""

    relinked = Signal(int, object)
    failed = Signal(int, str)


class Relinker(QObject):
    """Re-links comparisons at other options on a thread of its own, newest request first."""

    relinked = Signal(object)  # the Comparison of the newest request
    failed = Signal(str)  # a plain-English message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cond = threading.Condition()
        # Shared with the thread, guarded by _cond:
        self._pending: _Request | None = None
        self._to_prepare: Comparison | None = None
        self._stopping = False
        # GUI-only state:
        self._token = 0
        self._closed = False
        self._bridge = _Bridge(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._bridge.relinked.connect(self._on_relinked, queued)
        self._bridge.failed.connect(self._on_failed, queued)
        # A re-link is pure Python holding the GIL; at the default 5 ms switch interval the GUI
        # thread waited up to 66 ms for it on a loaded machine (tests/test_app_relink.py).
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        self._thread = threading.Thread(target=self._work, name="narrdiff-relink", daemon=True)
        self._thread.start()

    def request(
        self, comparison: Comparison, options: AlignOptions, manual: ManualLinks | None = None
    ) -> int:
        """Queue a re-link of `comparison` at `options` (manual: None keeps its own); returns
        its token. A request still queued is replaced. After shutdown() nothing runs: 0."""
        if self._closed:
            return 0
        self._token += 1
        with self._cond:
            self._pending = _Request(self._token, comparison, options, manual)
            self._cond.notify()
        return self._token

    def drop(self) -> None:
        """Results of earlier requests will not be delivered (a new comparison is on its way)."""
        self._token += 1
        with self._cond:
            self._pending = None

    def prepare(self, comparison: Comparison) -> None:
        """Diff and tag, when idle, every pair of `comparison` any strictness could link."""
        with self._cond:
            self._to_prepare = comparison
            self._cond.notify()

    def shutdown(self, timeout: float = 1.0) -> bool:
        """Stop the thread; True if it stopped within `timeout` seconds."""
        self._closed = True
        self._token += 1
        with self._cond:
            self._stopping = True
            self._pending = self._to_prepare = None
            self._cond.notify()
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @Slot(int, object)
    def _on_relinked(self, token: int, comparison: object) -> None:
        if not self._closed and token == self._token:
            self.relinked.emit(comparison)

    @Slot(int, str)
    def _on_failed(self, token: int, message: str) -> None:
        if not self._closed and token == self._token:
            self.failed.emit(message)

    # ----------------------------------------------------------------- the thread

    def _interrupted(self) -> bool:
        # read without the lock: a stale answer only delays the stop by one step
        return self._stopping or self._pending is not None

    def _work(self) -> None:
        while True:
            with self._cond:
                while not (self._stopping or self._pending or self._to_prepare):
                    self._cond.wait()
                if self._stopping:
                    return
                request, self._pending = self._pending, None
                preparing = None
                if request is None:
                    preparing, self._to_prepare = self._to_prepare, None
            if request is not None:
                self._relink(request)
            elif preparing is not None:
                self._prepare(preparing)

    def _prepare(self, comparison: Comparison) -> None:
        try:
            prepare_relinks(comparison, self._interrupted)
        except Exception:  # preparing is only a head start: a re-link computes what it needs
            return
        with self._cond:
            if self._pending is not None and self._to_prepare is None and not self._stopping:
                self._to_prepare = comparison  # interrupted by a request: go on after it

    def _relink(self, request: _Request) -> None:
        try:
            result = relink(request.comparison, request.options, manual=request.manual)
        except Exception as exc:  # errors travel as values, never as a traceback dialog
            self._emit("failed", request.token, f"The re-link failed: {exc or type(exc).__name__}")
        else:
            self._emit("relinked", request.token, result)

    def _emit(self, name: str, *args) -> None:
        try:  # the Relinker may be deleted while the thread finishes a step
            getattr(self._bridge, name).emit(*args)
        except RuntimeError:
            pass
