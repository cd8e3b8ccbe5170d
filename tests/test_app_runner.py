"""CompareRunner with the real bundled model: results on the GUI thread, latest wins, cancel,
errors as values, clean shutdown, and the model states the window shows."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import Qt, QThread

from narrdiff.app.runner import CompareRunner
from narrdiff.core.ingest.read import document_from_text
from narrdiff.core.link.align import AlignOptions
from narrdiff.core.link.embed import CachedEncoder, EmbeddingCache, EncoderUnavailable
from narrdiff.core.model import Comparison

TEXT_A = (
    "Storm floods the valley\n\n"
    "Heavy rain flooded the river valley on Tuesday, forcing 300 families from their homes. "
    "Rescue teams used boats to reach villages cut off by the water."
)
TEXT_B = (
    "Hundreds evacuated as river bursts its banks\n\n"
    "About 300 families left their homes on Tuesday after heavy rain flooded the valley. "
    "The mayor said the new flood wall had failed."
)


def docs(prefix: str):
    return [
        document_from_text(TEXT_A, name=f"{prefix}-a"),
        document_from_text(TEXT_B, name=f"{prefix}-b"),
    ]


class GatedEncoder:
    """The real model behind a gate: encode() waits until the test opens it (or hold s pass)."""

    def __init__(self, inner, hold: float = 5.0) -> None:
        self.inner = inner
        self.id = inner.id
        self.hold = hold
        self.entered = threading.Event()
        self.gate = threading.Event()

    def encode(self, texts):
        self.entered.set()
        self.gate.wait(self.hold)
        return self.inner.encode(texts)


class CountingModel:
    """The real model behind a counter of load() and encode() calls; gated=True makes load()
    wait until the test opens `gate`, like a slow first load of torch."""

    def __init__(self, model, gated: bool = False) -> None:
        self.model = model
        self.id = model.id
        self.loads = self.encodes = 0
        self.gated = gated
        self.loading = threading.Event()
        self.gate = threading.Event()

    def load(self) -> None:
        self.loads += 1
        self.loading.set()
        if self.gated:
            self.gate.wait(5)
        self.model.load()

    def encode(self, texts):
        self.encodes += 1
        return self.model.encode(texts)


class BrokenEncoder:
    id = "broken"

    def encode(self, texts):
        raise RuntimeError("the GPU is on fire")


DIRECT = Qt.ConnectionType.DirectConnection


class Recorder:
    """Every public signal of a runner, in arrival order, with the thread each was emitted on.

    Connections are direct so that a slot runs on the emitting thread: an automatic connection
    to a lambda would be queued to the runner's thread and hide an emit from the worker.
    """

    def __init__(self, runner: CompareRunner) -> None:
        self.events: list[tuple] = []
        self.threads: list[int] = []
        for name in ("progress_changed", "finished", "failed", "cancelled", "busy_changed"):
            getattr(runner, name).connect(lambda *args, name=name: self._add(name, args), DIRECT)
        runner.model_state_changed.connect(lambda *args: self._add("model_state", args), DIRECT)

    def _add(self, name: str, args: tuple) -> None:
        self.events.append((name, *args))
        self.threads.append(threading.get_ident())

    def names(self, *wanted: str) -> list[str]:
        return [e[0] for e in self.events if e[0] in wanted]

    def of(self, name: str) -> list[tuple]:
        return [e[1:] for e in self.events if e[0] == name]


@pytest.fixture
def make_runner(qtbot):
    made: list[CompareRunner] = []

    def make(factory) -> CompareRunner:
        runner = CompareRunner(encoder_factory=factory)
        made.append(runner)
        return runner

    yield make
    for runner in made:
        runner.shutdown(1.0)


def test_a_job_reports_progress_then_finishes_on_the_gui_thread(
    qtbot, qapp, make_runner, model_encoder
):
    runner = make_runner(lambda model: model_encoder)
    seen = Recorder(runner)
    finished_in_gui_thread = []
    runner.finished.connect(
        lambda _: finished_in_gui_thread.append(QThread.currentThread() == qapp.thread()), DIRECT
    )

    with qtbot.waitSignal(runner.finished, timeout=10_000) as blocker:
        token = runner.submit(docs("storm"), AlignOptions())
    comparison = blocker.args[0]

    assert token == 1
    assert isinstance(comparison, Comparison)
    assert [a.name for a in comparison.articles] == ["storm-a", "storm-b"]
    assert comparison.encoder == model_encoder.id
    assert comparison.links, "the two flood reports share facts"
    assert finished_in_gui_thread == [True]
    assert set(seen.threads) == {threading.get_ident()}
    fractions = [f for f, _ in seen.of("progress_changed")]
    assert fractions and fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any("Embedding" in message for _, message in seen.of("progress_changed"))
    assert seen.names("busy_changed", "progress_changed", "finished")[0] == "busy_changed"
    assert seen.names("progress_changed", "finished")[-1] == "finished"
    assert seen.of("busy_changed") == [(True,), (False,)]
    assert not runner.busy


def test_a_second_submit_drops_the_first_result(qtbot, make_runner, model_encoder):
    gated = GatedEncoder(model_encoder)
    runner = make_runner(lambda model: gated)
    seen = Recorder(runner)

    runner.submit(docs("first"), AlignOptions())
    assert gated.entered.wait(10)
    with qtbot.waitSignal(runner.finished, timeout=10_000) as blocker:
        second = runner.submit(docs("second"), AlignOptions())
        gated.gate.set()
    qtbot.wait(300)  # time for a stale result to arrive, if one were let through

    assert second == 2
    assert [a.name for a in blocker.args[0].articles] == ["second-a", "second-b"]
    assert len(seen.of("finished")) == 1
    assert seen.of("cancelled") == [] and seen.of("failed") == []
    assert seen.of("busy_changed") == [(True,), (False,)]


def test_cancel_gives_cancelled_and_no_result(qtbot, make_runner, model_encoder):
    gated = GatedEncoder(model_encoder)
    runner = make_runner(lambda model: gated)
    seen = Recorder(runner)

    runner.submit(docs("storm"), AlignOptions())
    assert gated.entered.wait(10)
    with qtbot.waitSignal(runner.cancelled, timeout=5_000):
        runner.cancel()
        gated.gate.set()
    qtbot.wait(300)

    assert seen.of("finished") == []
    assert len(seen.of("cancelled")) == 1
    assert not runner.busy


def test_cancelling_a_queued_job_is_immediate_and_final(qtbot, make_runner, model_encoder):
    gated = GatedEncoder(model_encoder)
    runner = make_runner(lambda model: gated)
    seen = Recorder(runner)

    runner.submit(docs("first"), AlignOptions())
    assert gated.entered.wait(10)
    runner.submit(docs("second"), AlignOptions())  # queued behind the gated first job
    runner.cancel()
    assert len(seen.of("cancelled")) == 1  # synchronously: the job never started
    assert not runner.busy
    gated.gate.set()
    qtbot.wait(500)

    assert seen.of("finished") == []
    assert len(seen.of("cancelled")) == 1


def test_an_exception_in_the_job_becomes_failed(qtbot, make_runner):
    runner = make_runner(lambda model: BrokenEncoder())

    with qtbot.waitSignal(runner.failed, timeout=5_000) as blocker:
        runner.submit(docs("storm"), AlignOptions())

    assert blocker.args == ["The comparison failed: the GPU is on fire"]
    assert not runner.busy


def test_shutdown_during_a_job_is_quick_and_stops_the_thread(qtbot, make_runner, model_encoder):
    slow = GatedEncoder(model_encoder, hold=0.3)  # never opened: each encode takes 0.3 s
    runner = make_runner(lambda model: slow)
    seen = Recorder(runner)

    runner.submit(docs("storm"), AlignOptions())
    assert slow.entered.wait(10)
    started = time.monotonic()
    stopped = runner.shutdown(timeout=2.0)
    elapsed = time.monotonic() - started
    qtbot.wait(200)

    assert stopped is True
    assert elapsed < 1.5
    assert not runner._thread.is_alive()
    assert seen.of("finished") == []
    assert runner.submit(docs("late"), AlignOptions()) == 0  # nothing runs after shutdown


def test_preload_reports_loading_then_ready_once(qtbot, make_runner, model_encoder):
    built = []

    def factory(model):
        built.append(model)
        return model_encoder

    runner = make_runner(factory)
    seen = Recorder(runner)
    with qtbot.waitSignal(
        runner.model_state_changed, timeout=10_000, check_params_cb=lambda s, d: s == "ready"
    ):
        runner.preload()
    runner.preload()  # already loaded: nothing to report
    qtbot.wait(300)

    assert [s for s, _ in seen.of("model_state")] == ["loading", "ready"]
    assert "all-MiniLM-L6-v2" in seen.of("model_state")[0][1]
    assert seen.of("model_state")[1][1] == model_encoder.id
    assert runner.model_state == "ready"
    assert runner.encoder is model_encoder
    assert built == [None]

    runner.set_model("paraphrase-test")
    assert runner.model_state == "idle"  # the new model is not loaded yet
    with qtbot.waitSignal(
        runner.model_state_changed, timeout=10_000, check_params_cb=lambda s, d: s == "ready"
    ):
        runner.preload()
    assert built == [None, "paraphrase-test"]
    assert [s for s, _ in seen.of("model_state")] == [
        "loading",
        "ready",
        "idle",
        "loading",
        "ready",
    ]


def test_a_model_change_during_loading_drops_the_old_models_state(
    qtbot, make_runner, model_encoder
):
    slow = CountingModel(model_encoder, gated=True)
    runner = make_runner(lambda model: slow if model is None else model_encoder)
    seen = Recorder(runner)
    with qtbot.waitSignal(runner.model_state_changed, timeout=5_000):
        runner.preload()
    assert slow.loading.wait(5)
    runner.set_model("other-model")
    slow.gate.set()
    qtbot.wait(300)

    assert [s for s, _ in seen.of("model_state")] == ["loading", "idle"]  # no stale "ready"
    assert runner.model_state == "idle"
    with qtbot.waitSignal(
        runner.model_state_changed, timeout=5_000, check_params_cb=lambda s, d: s == "ready"
    ):
        runner.preload()
    assert seen.of("model_state")[-2] == ("loading", "Loading language model other-model…")


def test_the_model_loads_on_a_cache_miss_and_not_for_cached_articles(
    qtbot, make_runner, model_encoder, tmp_path
):
    first = CountingModel(model_encoder)
    runner = make_runner(lambda model: CachedEncoder(first, EmbeddingCache(tmp_path)))
    seen = Recorder(runner)
    with qtbot.waitSignal(runner.finished, timeout=10_000):
        runner.submit(docs("storm"), AlignOptions())
    assert first.loads == 1 and first.encodes == 1
    assert [s for s, _ in seen.of("model_state")] == ["loading", "ready"]
    assert "Loading language model…" in [m for _, m in seen.of("progress_changed")]
    assert seen.names("model_state", "finished")[-1] == "finished"

    # A fresh start (new runner, same cache): the same articles need no model at all.
    again = CountingModel(model_encoder)
    runner = make_runner(lambda model: CachedEncoder(again, EmbeddingCache(tmp_path)))
    seen = Recorder(runner)
    with qtbot.waitSignal(runner.finished, timeout=10_000) as blocker:
        runner.submit(docs("storm"), AlignOptions())
    assert again.loads == 0 and again.encodes == 0
    assert seen.of("model_state") == []
    assert blocker.args[0].encoder == model_encoder.id


def test_an_unavailable_model_is_reported_and_the_job_falls_back(qtbot, make_runner):
    def factory(model):
        raise EncoderUnavailable("no model at /nowhere/model")

    runner = make_runner(factory)
    seen = Recorder(runner)
    with qtbot.waitSignal(
        runner.model_state_changed,
        timeout=5_000,
        check_params_cb=lambda s, d: s == "unavailable",
    ):
        runner.preload()
    assert seen.of("model_state") == [
        ("loading", "Loading language model all-MiniLM-L6-v2…"),
        ("unavailable", "no model at /nowhere/model"),
    ]
    assert runner.model_state == "unavailable"

    with qtbot.waitSignal(runner.finished, timeout=10_000) as blocker:
        runner.submit(docs("storm"), AlignOptions())
    comparison = blocker.args[0]
    assert comparison.encoder == "lexical"
    assert any("/nowhere/model" in w for w in comparison.warnings)
    assert len(seen.of("model_state")) == 2  # a job does not retry a model known to fail


def test_the_default_factory_reports_a_missing_model_folder(qtbot, tmp_path):
    runner = CompareRunner()
    try:
        runner.set_model(str(tmp_path / "no-such-model"))
        with qtbot.waitSignal(
            runner.model_state_changed,
            timeout=10_000,
            check_params_cb=lambda s, d: s == "unavailable",
        ) as blocker:
            runner.preload()
        assert "no-such-model" in blocker.args[1]
    finally:
        assert runner.shutdown(2.0)
