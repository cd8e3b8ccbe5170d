"""Pasted articles get their language on the comparing thread: the GUI thread never runs langdetect
(its profiles take ~0.3 s to load, then ~15 ms an article: a paste would freeze the window)."""

from __future__ import annotations

import threading

from PySide6.QtGui import QGuiApplication
from test_language import NEWS_PROSE

import narrdiff.core.ingest.language as language
from narrdiff.app.panels import PasteDialog

ENGLISH = (
    "Russia is buying millions of artillery shells and rockets from North Korea, according to "
    "newly declassified American intelligence, a sign that sanctions are biting hard and that "
    "the war has drained Moscow's own stocks faster than its factories can refill them."
)


def test_pasted_text_is_not_detected_on_the_gui_thread(make_window, qtbot, monkeypatch):
    threads: list[int] = []
    real = language._detect_langs

    def recording(text):
        threads.append(threading.get_ident())
        return real(text)

    monkeypatch.setattr(language, "_detect_langs", recording)
    monkeypatch.setattr(PasteDialog, "exec", lambda self: True)  # the user presses Add article
    window = make_window()
    gui = threading.get_ident()
    QGuiApplication.clipboard().setText(NEWS_PROSE["fr"])
    window.paste_action.trigger()
    assert threads == []  # the article is in, its language not yet asked for
    QGuiApplication.clipboard().setText(ENGLISH)
    with qtbot.waitSignal(window.runner.finished, timeout=90_000):
        window.paste_action.trigger()
    assert [a.language for a in window.comparison.articles] == ["fr", "en"]
    assert len(threads) == 2
    assert gui not in threads
