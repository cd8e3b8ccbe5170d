"""What the window shows of hostile names and texts, and a poisoned embedding cache (issue 14,
rows 11, 14, 15, 18 and 20): plain text, cut to a width that cannot stretch the window, one line
per message; a vector that is not finite is a cache miss with a warning.
"""

from __future__ import annotations

import json

import numpy as np
from PySide6.QtCore import QMimeData, Qt, QUrl
from test_app_window import drop

from narrdiff.core.link.embed import CachedEncoder, EmbeddingCache, LexicalEncoder

TEXT_A = (
    "Russia is buying millions of artillery shells from North Korea, officials said.\n\n"
    "The deal shows that sanctions are biting, according to the Pentagon spokesman."
)
TEXT_B = (
    "North Korea is selling artillery shells to Russia, United States officials said.\n\n"
    "A Pentagon spokesman said the deal showed sanctions were working."
)


def open_saved(qtbot, window, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    with qtbot.waitSignal(window.runner.finished, timeout=90_000):
        drop(window, mime)


def test_html_and_a_huge_label_stay_plain_and_narrow(qtbot, make_window, tmp_path):
    window = make_window()
    label = "<b>Bold</b><img src=x>" + "W" * 100_000  # cut to 1,000 on load, 80 in the header
    articles = [
        {"name": "a", "source": "a.txt", "text": TEXT_A, "label": label},
        {"name": "b", "source": "b.txt", "text": TEXT_B, "label": None, "site": "S" * 10_000},
    ]
    path = tmp_path / "hostile.narrdiff"
    path.write_text(json.dumps({"narrdiff_file": 1, "articles": articles}), encoding="utf-8")
    open_saved(qtbot, window, path)
    header = window.view.columns[0].header
    assert header.outlet.textFormat() == Qt.TextFormat.PlainText
    assert header.headline.textFormat() == Qt.TextFormat.PlainText
    shown = header.outlet.text().replace("\u200b", "")
    assert shown == "<b>Bold</b><img src=x>" + "W" * 57 + "…"
    assert header.outlet.toolTip().startswith("<qt>&lt;b&gt;Bold&lt;/b&gt;&lt;img src=x&gt;WWW")
    qtbot.wait(50)
    assert window.width() < 3000
    assert window.view.columns[0].header.sizeHint().width() < 1000


def test_a_message_is_one_plain_line_however_the_file_is_named(qtbot, make_window, tmp_path):
    window = make_window()
    name = "<i>x<i>\nCould not open everything: all fine" + "N" * 5000 + ".txt"
    missing = tmp_path / name
    window.messages.add(f"Could not open {missing.name}: file not found.")
    assert window.messages.label.textFormat() == Qt.TextFormat.PlainText
    (message,) = window.messages.messages
    assert "\n" not in message
    assert message.startswith("Could not open <i>x<i>\\nCould not open everything: all fine")
    assert len(message) == 600
    assert window.messages.sizeHint().width() < 1500


def test_a_cached_vector_that_is_not_finite_is_a_miss_with_a_warning(tmp_path):
    warnings: list[str] = []
    cache = EmbeddingCache(tmp_path, warn=warnings.append)
    texts = ["Russia buys shells.", "North Korea sells shells."]
    poisoned = np.full(512, np.nan, dtype=np.float32)
    cache.put_many("lexical", {texts[0]: poisoned})
    encoder = CachedEncoder(LexicalEncoder(), cache)
    vectors = encoder.encode(texts)
    assert np.isfinite(vectors).all()
    assert encoder.encoded == 2  # the poisoned sentence was encoded again
    assert warnings == ["embedding cache held 1 unusable vectors (not finite); encoded again"]
    assert np.isfinite(encoder.encode(texts[:1])).all()  # and the cache now holds a good one
    assert len(warnings) == 1
