"""The Qt-free session the window renders: articles, labels, hand-set links, strictness."""

from __future__ import annotations

import subprocess
import sys

from narrdiff.app.session import Session
from narrdiff.core.ingest.read import document_from_text
from narrdiff.core.limits import MAX_ARTICLES
from narrdiff.core.report.phrases import finding_message


def test_the_session_module_never_loads_qt():
    code = "import sys, narrdiff.app.session; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_renamed_outlet_reaches_the_findings(sample_comparison, sample_documents):
    session = Session(documents=list(sample_documents), labels=[None, None])
    session.base = sample_comparison
    session.strictness = getattr(sample_comparison.options, "strictness", 0.5)
    old = sample_comparison.articles[0].label
    before = [finding_message(sample_comparison, f) for f in sample_comparison.findings]
    assert any(old in m for m in before)

    assert session.rename(0, "  The   Indy ")
    shown = session.shown()

    assert shown.articles[0].label == "The Indy"
    messages = [finding_message(shown, f) for f in shown.findings]
    assert any("The Indy" in m for m in messages)
    assert not any(old in m for m in messages)


def test_articles_beyond_the_limit_are_refused_by_name():
    docs = [
        document_from_text(f"Story {k}. Something happened today.", name=f"d{k}") for k in range(3)
    ]
    session = Session(documents=[docs[0]] * (MAX_ARTICLES - 1), labels=[None] * (MAX_ARTICLES - 1))

    refused = session.add(docs[1:])

    assert len(session.documents) == MAX_ARTICLES
    assert refused == [
        f"Did not add d2: narrdiff compares up to {MAX_ARTICLES} articles at once. "
        "Remove one first."
    ]


def test_moving_and_replacing_keep_labels_with_their_articles():
    a, b, c = (document_from_text(f"Story {k}. It rained.", name=n) for k, n in enumerate("abc"))
    session = Session()
    session.add([a, b])
    session.rename(1, "Bee")

    assert session.move(1, -1)
    assert [d.name for d in session.documents] == ["b", "a"] and session.labels == ["Bee", None]
    assert not session.move(0, -1)

    session.add([c], replace_index=0)
    assert [d.name for d in session.documents] == ["c", "a"] and session.labels == [None, None]
