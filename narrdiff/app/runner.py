"""The one background worker that owns the language model and runs `core.compare()`.

`CompareRunner` lives on the GUI thread. It hands jobs to a single Python worker thread, which
builds the encoder (through a factory, so tests and Settings can choose the model; the model's
states are kept by `model_holder.ModelHolder`) and runs `compare()`. Re-links at another
strictness (`relink()`) run on the `Relinker`'s own thread, so the slider never waits for a model
load; after each comparison that thread prepares its word diffs while idle. The model loads
when first needed: on `preload()` or on an embedding-cache miss, so articles compared before
show at once; each load is announced by `model_state_changed`.
Everything the worker learns travels back as Qt signals through a private bridge connected with
`Qt.QueuedConnection`, so every public signal is emitted on the GUI thread.

Rules it keeps (STYLE.md, Threading):
- latest wins: `submit()` cancels the running job and replaces any queued one; a job's result
  is emitted only while its token is still the latest and it was not cancelled (re-links
  likewise, and a submit() drops the re-links asked for before it); a model state
  is emitted only while its model is still the one set by `set_model()`;
- errors travel as values: any exception in a job becomes `failed(str)`, a model that cannot
  load becomes `model_state_changed("unavailable", reason)`; nothing raises into Qt;
- the worker never touches a widget, and this module never builds one.

It must not import torch or sentence-transformers itself: the encoder does, in the worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Qt, Signal, Slot

from narrdiff.app.model_holder import (
    DEFAULT_MODEL,
    IDLE,
    EncoderFactory,
    ModelHolder,
    describe,
)
from narrdiff.app.relinker import Relinker
from narrdiff.core.link.align import AlignOptions
from narrdiff.core.link.embed import Encoder
from narrdiff.core.model import Article, Comparison, Document, ManualLinks
from narrdiff.core.pipeline import Cancelled, compare, make_encoder


@dataclass
class _Job:
    token: int
    inputs: tuple[Document | Article, ...]
    options: AlignOptions
    sentences_per_line: bool
    manual: ManualLinks | None
    stop: threading.Event = field(default_factory=threading.Event)


class _Bridge(QObject):
    """Signals the worker emits; connected queued, so their slots run on the GUI thread."""

    progress = Signal(int, float, str)
    finished = Signal(int, object)
    failed = Signal(int, str)
    cancelled = Signal(int)
    model_state = Signal(object, str, str)  # model (None = bundled), state, detail


class CompareRunner(QObject):
    """Runs comparisons one at a time on a single worker thread that owns the model.

    encoder_factory(model) builds the encoder for a model name or folder (None = bundled);
    default `core.compare.make_encoder`. It is called in the worker, never on the GUI thread.
    """

    progress_changed = Signal(float, str)  # fraction 0..1, message
    finished = Signal(object)  # a Comparison, only for the latest job
    failed = Signal(str)  # a plain-English message
    cancelled = Signal()
    busy_changed = Signal(bool)
    model_state_changed = Signal(str, str)  # idle | loading | ready | unavailable, detail
    relinked = Signal(object)  # a Comparison re-linked at the options of the newest relink()

    def __init__(self, encoder_factory: EncoderFactory | None = None, parent=None) -> None:
        super().__init__(parent)
        self._cond = threading.Condition()
        # Shared with the worker, guarded by _cond:
        self._wanted_model: str | None = None
        self._pending: _Job | None = None
        self._running: _Job | None = None
        self._preload_wanted = False
        self._stopping = False
        # Worker-only state:
        self._holder = ModelHolder(
            encoder_factory or (lambda model: make_encoder(model)),
            lambda model, state, detail: self._emit("model_state", model, state, detail),
            self._announce_load,
        )
        self._current: tuple[int, float] | None = None  # the running job's token, last fraction
        # GUI-only state:
        self._token = 0
        self._cancel_requested: int | None = None
        self._busy = False
        self._closed = False
        self._model_state = IDLE
        self._bridge = self._make_bridge()
        # re-links need no model, so they never queue behind this worker (it may be loading it)
        self._relinker = Relinker(self)
        self._relinker.relinked.connect(self.relinked)
        self._relinker.failed.connect(self.failed)
        self._thread = threading.Thread(target=self._work, name="narrdiff-compare", daemon=True)
        self._thread.start()

    def _make_bridge(self) -> _Bridge:
        bridge = _Bridge(self)
        queued = Qt.ConnectionType.QueuedConnection
        bridge.progress.connect(self._on_progress, queued)
        bridge.finished.connect(self._on_finished, queued)
        bridge.failed.connect(self._on_failed, queued)
        bridge.cancelled.connect(self._on_cancelled, queued)
        bridge.model_state.connect(self._on_model_state, queued)
        return bridge

    # ----------------------------------------------------------------- GUI-thread API

    @property
    def busy(self) -> bool:
        """True from a submit until the latest job finished, failed or was cancelled."""
        return self._busy

    @property
    def encoder(self) -> Encoder | None:
        """The encoder the factory built last (None before the first preload or job)."""
        return self._holder.built

    @property
    def model_state(self) -> str:
        """The last state reported by model_state_changed ("idle" before any)."""
        return self._model_state

    def set_model(self, model: str | None) -> None:
        """Use this model (None = bundled) from the next job or preload on.

        A change reports model_state_changed("idle", …): the new model is not loaded yet, and
        any state still on its way for the old one is dropped.
        """
        model = model or None
        with self._cond:
            changed = model != self._wanted_model
            self._wanted_model = model
        if changed and not self._closed:
            self._on_model_state(
                model, IDLE, f"Language model {model or DEFAULT_MODEL} will load when needed"
            )

    def preload(self) -> None:
        """Load the model now, in the worker; a no-op when it is already loaded."""
        with self._cond:
            if self._stopping:
                return
            self._preload_wanted = True
            self._cond.notify()

    def submit(
        self,
        inputs: Sequence[Document | Article],
        options: AlignOptions,
        *,
        sentences_per_line: bool = False,
        manual: ManualLinks | None = None,
    ) -> int:
        """Queue a comparison and return its token; cancels the running job, replaces a queued
        one, and drops re-links asked for before it. manual: links set or removed by hand.
        After shutdown() nothing runs and 0 is returned."""
        if self._closed:
            return 0
        self._token += 1
        self._relinker.drop()
        job = _Job(self._token, tuple(inputs), options, sentences_per_line, manual)
        with self._cond:
            if self._running is not None:
                self._running.stop.set()
            self._pending = job
            self._cond.notify()
        self._set_busy(True)
        return job.token

    def relink(
        self, comparison: Comparison, options: AlignOptions, manual: ManualLinks | None = None
    ) -> int:
        """Re-link `comparison` at `options` off the GUI thread (no encoder call); `relinked`
        follows unless a newer relink() or submit() came first. Returns the request's token."""
        return self._relinker.request(comparison, options, manual)

    def cancel(self) -> None:
        """Stop the latest job; `cancelled` follows (at once if it had not started yet)."""
        if not self._busy:
            return
        with self._cond:
            queued = self._pending is not None and self._pending.token == self._token
            if queued:
                self._pending = None
            elif self._running is not None:
                self._running.stop.set()
        if queued:
            self._token += 1  # nothing of the dropped job may arrive any more
            self._end(self.cancelled.emit)
        else:
            # The worker may already have queued the result; the flag turns it into cancelled.
            self._cancel_requested = self._token

    def shutdown(self, timeout: float = 2.0) -> bool:
        """Cancel everything and stop the worker; True if it stopped within `timeout` seconds.

        A worker stuck in loading the model cannot be interrupted; it is a daemon thread, so
        the process can still exit (the caller may os._exit when this returns False).
        """
        self._closed = True
        self._token += 1
        with self._cond:
            self._stopping = True
            self._pending = None
            if self._running is not None:
                self._running.stop.set()
            self._cond.notify()
        self._relinker.shutdown(timeout)
        self._thread.join(timeout)
        self._busy = False
        return not self._thread.is_alive()

    # ----------------------------------------------------------------- bridge slots (GUI thread)

    def _is_live(self, token: int) -> bool:
        return not self._closed and token == self._token

    @Slot(int, float, str)
    def _on_progress(self, token: int, fraction: float, message: str) -> None:
        if self._is_live(token) and self._cancel_requested != token:
            self.progress_changed.emit(fraction, message)

    @Slot(int, object)
    def _on_finished(self, token: int, comparison: object) -> None:
        if self._is_live(token):
            if self._cancel_requested == token:
                self._end(self.cancelled.emit)
            else:
                self._relinker.prepare(comparison)  # diffs for the slider, while it idles
                self._end(lambda: self.finished.emit(comparison))

    @Slot(int, str)
    def _on_failed(self, token: int, message: str) -> None:
        if self._is_live(token):
            if self._cancel_requested == token:
                self._end(self.cancelled.emit)
            else:
                self._end(lambda: self.failed.emit(message))

    @Slot(int)
    def _on_cancelled(self, token: int) -> None:
        if self._is_live(token):
            self._end(self.cancelled.emit)

    @Slot(object, str, str)
    def _on_model_state(self, model: str | None, state: str, detail: str) -> None:
        # _wanted_model is only written on this thread, so reading it here needs no lock.
        if not self._closed and model == self._wanted_model:
            self._model_state = state
            self.model_state_changed.emit(state, detail)

    def _end(self, emit: Callable[[], None]) -> None:
        # Busy drops before the outcome is announced, so a slot that submits again at once
        # sees a consistent runner.
        self._cancel_requested = None
        self._set_busy(False)
        emit()

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)

    # ----------------------------------------------------------------- worker thread

    def _emit(self, signal_name: str, *args) -> None:
        # The runner may be deleted while the worker is still inside a long model load; a
        # signal on a deleted object raises RuntimeError, which must not kill the worker noisily.
        try:
            getattr(self._bridge, signal_name).emit(*args)
        except RuntimeError:
            pass

    def _work(self) -> None:
        while True:
            with self._cond:
                while not (self._stopping or self._preload_wanted or self._pending is not None):
                    self._cond.wait()
                if self._stopping:
                    return
                model = self._wanted_model
                # Jobs go first and a preload stays wanted until none is queued: articles that
                # are in the embedding cache then show without waiting for the model.
                job, self._pending = self._pending, None
                if job is None:
                    self._preload_wanted = False
                self._running = job
            try:
                if job is not None:
                    self._run(job, model)
                else:
                    self._holder.preload(model)
            finally:
                with self._cond:
                    self._running = None

    def _announce_load(self) -> None:
        if self._current is not None:
            token, fraction = self._current
            self._emit("progress", token, fraction, "Loading language model…")

    def _run(self, job: _Job, model: str | None) -> None:
        stop = job.stop.is_set

        def progress(fraction: float, message: str) -> None:
            self._current = (job.token, fraction)
            self._emit("progress", job.token, fraction, message)

        self._current = (job.token, 0.0)
        try:
            result = compare(
                job.inputs,
                options=job.options,
                encoder=self._holder.encoder(model),
                progress=progress,
                cancel=stop,
                sentences_per_line=job.sentences_per_line,
                manual=job.manual,
            )
        except Cancelled:
            self._emit("cancelled", job.token)
        except Exception as exc:  # errors travel as values, never as a traceback dialog
            self._emit("failed", job.token, f"The comparison failed: {describe(exc)}")
        else:
            if stop():  # cancelled after the last check inside compare()
                self._emit("cancelled", job.token)
            else:
                self._emit("finished", job.token, result)
        finally:
            self._current = None
