"""The model the compare worker holds: built by a factory once per model, loaded at most once.

`ModelHolder` is used only on the worker thread of `CompareRunner` (app/runner.py). It builds the
encoder for the model the user chose, loads it when first needed (a preload, or an embedding
cache miss) and reports each state (idle, loading, ready, unavailable) through a callback; a
model that cannot be built or loaded becomes the lexical fallback inside `compare()`, never an
exception in Qt. It imports no Qt and never imports torch or sentence-transformers itself: the
encoder does, on the worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from narrdiff.core.link.embed import DEFAULT_MODEL, Encoder, EncoderUnavailable

EncoderFactory = Callable[[str | None], Encoder]

IDLE = "idle"
LOADING = "loading"
READY = "ready"
UNAVAILABLE = "unavailable"

_NOT_BUILT = object()  # the model key before any encoder exists (None means "bundled")


class _UnavailableEncoder:
    """Stands in for an encoder the factory could not build, so `compare()` falls back to the
    lexical encoder with its usual warning."""

    def __init__(self, model_id: str, reason: str) -> None:
        self.id = model_id
        self._reason = reason

    def encode(self, texts: Sequence[str]):
        raise EncoderUnavailable(self._reason)


class _ObservedModel:
    """Stands in for the encoder that holds the model, so that its first load is announced
    and a load that failed is not retried on every job.

    `ensure_loaded()` raises EncoderUnavailable when the model cannot load, which compare()
    turns into the lexical fallback. Other attributes pass through to the wrapped encoder.
    """

    def __init__(self, target: Encoder, ensure_loaded: Callable[[], None]) -> None:
        self._target = target
        self._ensure_loaded = ensure_loaded
        self.id = target.id

    def __getattr__(self, name: str):
        return getattr(self._target, name)

    def encode(self, texts: Sequence[str]):
        self._ensure_loaded()
        return self._target.encode(texts)


def describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__


StateReport = Callable[[object, str, str], None]  # model key, state, detail


class ModelHolder:
    """The worker's encoder: built by the factory once per model, loaded at most once.

    Used only on the worker thread. `report(model, state, detail)` announces loading, ready and
    unavailable; `on_load()` runs just before a slow load starts (the runner tells the job).
    """

    def __init__(self, factory: EncoderFactory, report: StateReport, on_load: Callable[[], None]):
        self._factory = factory
        self._report = report
        self._on_load = on_load
        self.built: Encoder | None = None  # what the factory returned
        self._for_compare: Encoder | None = None  # the same, with loading observed
        self._load: Callable[[], None] | None = None
        self._model: object = _NOT_BUILT
        self.state = IDLE
        self.reason = ""

    def encoder(self, model: str | None, retry: bool = False) -> Encoder:
        """The encoder to hand to compare() for `model`."""
        if self._model != model or retry:
            self._build(model)
        if self._for_compare is None:
            return _UnavailableEncoder(model or DEFAULT_MODEL, self.reason)
        return self._for_compare

    def preload(self, model: str | None) -> None:
        """Load `model` now; a no-op once loaded. A model that failed is tried again, since
        the user may have fixed its folder meanwhile."""
        self.encoder(model, retry=self.state == UNAVAILABLE)
        if self.state == IDLE:
            try:
                self.ensure_loaded()
            except EncoderUnavailable:
                pass  # already reported as a model state

    def ensure_loaded(self) -> None:
        """Load the model once, announcing it; raise EncoderUnavailable if it cannot load."""
        if self.state == READY:
            return
        if self.state == UNAVAILABLE:
            raise EncoderUnavailable(self.reason)
        self._report(self._model, LOADING, self._loading_text())
        self._on_load()
        try:
            if self._load is not None:
                self._load()
        except Exception as exc:  # EncoderUnavailable, or anything a broken install raises
            self._fail(exc)
            raise EncoderUnavailable(self.reason) from exc
        self.state = READY
        self._report(self._model, READY, getattr(self.built, "id", str(self._model)))

    def _build(self, model: str | None) -> None:
        self._model = model
        self.built = self._for_compare = self._load = None
        self.state = IDLE
        try:
            self.built = self._factory(model)
        except Exception as exc:  # a factory may fail in any way; the reason is what matters
            self._report(model, LOADING, self._loading_text())
            self._fail(exc)
            return
        self._for_compare, self._load = self._observe(self.built)

    def _observe(self, encoder: Encoder) -> tuple[Encoder, Callable[[], None] | None]:
        """(encoder for compare, the model's load function or None).

        For a CachedEncoder the *inner* encoder is wrapped, in place: the model must load only
        on a cache miss, so articles compared before show at once, without the model.
        """
        inner = getattr(encoder, "inner", None)
        if callable(getattr(inner, "load", None)):
            encoder.inner = _ObservedModel(inner, self.ensure_loaded)
            return encoder, inner.load
        if callable(getattr(encoder, "load", None)):
            return _ObservedModel(encoder, self.ensure_loaded), encoder.load
        return encoder, None

    def _loading_text(self) -> str:
        return f"Loading language model {self._model or DEFAULT_MODEL}…"

    def _fail(self, exc: Exception) -> None:
        self.state = UNAVAILABLE
        self.reason = describe(exc)
        self._report(self._model, UNAVAILABLE, self.reason)
