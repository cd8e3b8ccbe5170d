"""The strictness slider with 20 articles open: the window keeps answering while the runner
re-links off the GUI thread, and only the newest re-link is shown."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer

from narrdiff.core.ingest.read import document_from_text
from narrdiff.samples import sample_paths

ARTICLES = 20
BLOCK_MS = 50  # the longest the event loop may stall on a re-link request


def twenty_articles():
    """20 articles from the two sample reports: each keeps its headline and shows its
    paragraphs in another order, as outlets reorder facts."""
    texts = [p.read_text(encoding="utf-8") for p in sample_paths()]
    documents = []
    for k in range(ARTICLES):
        head, *paragraphs = [p for p in texts[k % 2].split("\n\n") if p.strip()]
        turn = k % len(paragraphs)
        body = paragraphs[turn:] + paragraphs[:turn]
        documents.append(document_from_text("\n\n".join([head, *body]), name=f"outlet{k:02d}"))
    return documents


@pytest.fixture()
def crowded(qtbot, make_window):
    window = make_window()
    with qtbot.waitSignal(window.runner.finished, timeout=120_000):
        window.intake.add_documents(twenty_articles(), None)
    assert len(window.comparison.articles) == ARTICLES
    qtbot.wait(500)  # the 20 columns' first layout and paint are no part of a re-link
    return window


def test_a_relink_request_does_not_block_the_event_loop(qtbot, crowded):
    shown = crowded.comparison
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    # a tick that still sees the old comparison was served while the re-link ran
    timer.timeout.connect(
        lambda: ticks.append(time.monotonic()) if crowded.comparison is shown else None
    )
    timer.start()
    start = time.monotonic()
    crowded.strictness.set_value(0.9)
    crowded.set_strictness(0.9)
    requested = time.monotonic()
    qtbot.waitUntil(lambda: crowded.comparison.options.strictness == 0.9, timeout=60_000)
    timer.stop()
    assert (requested - start) * 1000 < BLOCK_MS
    stalls = [b - a for a, b in zip([requested, *ticks], ticks, strict=False)]
    assert ticks and max(stalls) * 1000 < BLOCK_MS, [round(x * 1000) for x in stalls]
    assert len(crowded.comparison.links) < len(shown.links)


def test_only_the_newest_relink_is_shown(qtbot, crowded):
    with qtbot.waitSignal(crowded.runner.relinked, timeout=60_000):
        for value in (0.1, 0.3, 0.7, 1.0):
            crowded.strictness.set_value(value)
            crowded.set_strictness(value)
    qtbot.wait(200)  # anything stale would arrive by now
    assert crowded.comparison.options.strictness == 1.0
