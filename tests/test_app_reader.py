"""Files are read off the GUI thread and come back on it, failures as (name, reason) values."""

from __future__ import annotations

import threading

import narrdiff.app.files.reader as reader_module
from narrdiff.app.files.reader import FileReader


def test_files_are_read_off_the_gui_thread_and_delivered_on_it(qtbot, tmp_path, monkeypatch):
    good = tmp_path / "gazette.txt"
    good.write_text("Storm Ada closed 120 schools across the county on Tuesday.", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    threads = []
    real = reader_module.read_document

    def recording(path):
        threads.append(threading.get_ident())
        return real(path)

    monkeypatch.setattr(reader_module, "read_document", recording)
    reader = FileReader()
    delivered = []
    reader.done.connect(
        lambda docs, errors, index: delivered.append((docs, errors, index, threading.get_ident()))
    )
    reader.read([str(good), str(missing)], replace_index=1)
    assert reader.busy
    qtbot.waitUntil(lambda: bool(delivered), timeout=10_000)
    docs, errors, index, thread = delivered[0]
    assert [d.name for d in docs] == ["gazette"]
    assert errors == [("missing.txt", "file not found")]
    assert index == 1
    assert thread == threading.get_ident()  # the GUI thread
    assert threads and all(t != thread for t in threads)
    assert not reader.busy
