"""Test set-up shared by every test module.

Qt runs offscreen, models load offline, and the embedding cache and the data folder (recovery
files) live in per-session temporary folders so tests neither read nor pollute the user's.
These are set before anything imports Qt or the encoder.
"""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["NARRDIFF_CACHE_DIR"] = tempfile.mkdtemp(prefix="narrdiff-test-cache-")
# recovery files of the windows under test stay out of the user's data folder
os.environ["NARRDIFF_DATA_DIR"] = tempfile.mkdtemp(prefix="narrdiff-test-data-")

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def model_encoder():
    """The real bundled all-MiniLM-L6-v2, loaded once for the whole run (no cache in between)."""
    from narrdiff.core.link.embed import SentenceTransformerEncoder

    encoder = SentenceTransformerEncoder()
    encoder.load()
    return encoder


@pytest.fixture(scope="session")
def sample_documents():
    from narrdiff.core.ingest.read import read_document
    from narrdiff.samples import sample_paths

    return [read_document(p) for p in sample_paths()]


@pytest.fixture(scope="session")
def sample_comparison(model_encoder, sample_documents):
    """The two seed articles compared with the real model at the default strictness."""
    from narrdiff.core.pipeline import compare

    return compare(sample_documents, encoder=model_encoder)


@pytest.fixture()
def make_window(qtbot, tmp_path, model_encoder, monkeypatch):
    """Build shown main windows with settings and recovery files in tmp_path; the runner uses
    `encoder` (default: the real model) and is shut down after the test."""
    monkeypatch.setenv("NARRDIFF_DATA_DIR", str(tmp_path / "data"))
    from PySide6.QtCore import QSettings

    from narrdiff.app.runner import CompareRunner
    from narrdiff.app.settings import AppSettings
    from narrdiff.app.window import MainWindow

    runners = []

    def make(encoder=None, size=(1280, 800)):
        ini = str(tmp_path / "settings.ini")
        settings = AppSettings(QSettings(ini, QSettings.Format.IniFormat))
        chosen = encoder if encoder is not None else model_encoder
        runner = CompareRunner(encoder_factory=lambda model: chosen)
        runners.append(runner)
        win = MainWindow(runner, settings)
        qtbot.addWidget(win)
        win.resize(*size)
        win.show()
        return win

    yield make
    for runner in runners:
        runner.shutdown(timeout=2.0)
