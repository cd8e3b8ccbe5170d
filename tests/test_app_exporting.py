"""File ▸ Export and Print: each kind written from the real sample comparison, and the menu keys.

Dialogs are never run: `export_comparison` and the print path (a QTextDocument printed to a
QPrinter in PDF format) are called directly; the dialog wrappers are driven with the file dialog
replaced, as a user's choice of file and filter.
"""

from __future__ import annotations

import csv
import json

import pytest
from PySide6.QtGui import QKeySequence

from narrdiff.app.files import exporting
from narrdiff.app.files.exporting import (
    EXPORT_KINDS,
    export_comparison,
    kind_for_filter,
    print_to_pdf,
    report_document,
)

TELEGRAPH_HEADLINE = "Moscow buys missiles from North Korea as sanctions bite"


def test_json_export_is_the_v1_report(sample_comparison, tmp_path):
    path = tmp_path / "report.json"
    export_comparison(sample_comparison, path, "json")
    report = json.loads(path.read_text(encoding="utf-8"))
    assert report["narrdiff_report"] == 1
    assert len(report["articles"]) == 2


@pytest.mark.parametrize("kind", ["html", "worksheet-html"])
def test_html_exports_carry_the_headline(sample_comparison, tmp_path, kind):
    path = tmp_path / f"{kind}.html"
    export_comparison(sample_comparison, path, kind)
    html = path.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert TELEGRAPH_HEADLINE in html


def test_worksheet_differs_from_the_report(sample_comparison, tmp_path):
    export_comparison(sample_comparison, tmp_path / "r.html", "html")
    export_comparison(sample_comparison, tmp_path / "w.html", "worksheet-html")
    assert "Name: ____" in (tmp_path / "w.html").read_text(encoding="utf-8")
    assert "Name: ____" not in (tmp_path / "r.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["pdf", "worksheet-pdf"])
def test_pdf_exports_are_pdf(qapp, sample_comparison, tmp_path, kind):
    path = tmp_path / f"{kind}.pdf"
    export_comparison(sample_comparison, path, kind)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 5_000  # pages of text, not an empty shell


def test_csv_export_has_a_header_and_a_row_per_fact(sample_comparison, tmp_path):
    path = tmp_path / "tables.csv"
    export_comparison(sample_comparison, path, "csv")
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["fact", "excerpt", "outlets"]
    assert "The Daily Telegraph" in rows[0]
    assert (tmp_path / "tables-links.csv").exists()


def test_an_unknown_kind_is_refused(sample_comparison, tmp_path):
    with pytest.raises(ValueError):
        export_comparison(sample_comparison, tmp_path / "x.doc", "doc")


def test_every_dialog_filter_names_a_kind():
    assert [kind_for_filter(text)[0] for text, _, _ in EXPORT_KINDS] == list(exporting.KINDS)
    assert kind_for_filter("Worksheet, PDF (*.pdf)") == ("worksheet-pdf", ".pdf")


def test_printing_the_report_to_a_pdf_printer(qapp, sample_comparison, tmp_path):
    document = report_document(sample_comparison)
    assert TELEGRAPH_HEADLINE in document.toPlainText()
    path = tmp_path / "printed.pdf"
    print_to_pdf(document, path)
    assert path.read_bytes().startswith(b"%PDF")
    worksheet = report_document(sample_comparison, worksheet=True)
    assert "Name: ____" in worksheet.toPlainText()  # a handout pupils write on


# --- through the window --------------------------------------------------------------------


@pytest.fixture()
def window(make_window):
    return make_window()


def test_export_and_print_actions_have_their_shortcuts(window):
    assert window.export_action.shortcut() == QKeySequence("Ctrl+E")
    assert window.print_action.shortcut() == QKeySequence("Ctrl+P")
    assert window.print_worksheet_action.shortcut() == QKeySequence("Ctrl+Shift+P")


def choose_file(monkeypatch, path, name_filter):
    monkeypatch.setattr(
        "narrdiff.app.files.exporting.QFileDialog.getSaveFileName",
        lambda *args, **kwargs: (str(path), name_filter),
    )


def test_export_dialog_writes_the_chosen_kind_and_says_where(qtbot, window, tmp_path, monkeypatch):
    with qtbot.waitSignal(window.runner.finished, timeout=60_000):
        window.open_samples()
    choose_file(monkeypatch, tmp_path / "lesson", "Worksheet, PDF (*.pdf)")
    window.export_action.trigger()
    target = tmp_path / "lesson.pdf"  # the filter's suffix is added
    assert target.read_bytes().startswith(b"%PDF")
    assert window.status.text() == f"Exported to {target}"


def test_export_errors_go_to_the_message_bar(qtbot, window, tmp_path, monkeypatch):
    with qtbot.waitSignal(window.runner.finished, timeout=60_000):
        window.open_samples()
    choose_file(monkeypatch, tmp_path / "missing-folder" / "r.html", "HTML report (*.html)")
    window.export_action.trigger()
    assert window.messages.isVisible()
    assert any("Could not export to r.html" in m for m in window.messages.messages)


def test_export_before_a_comparison_says_there_is_nothing(window, monkeypatch):
    monkeypatch.setattr(
        "narrdiff.app.files.exporting.QFileDialog.getSaveFileName",
        lambda *a, **k: pytest.fail("no dialog without a comparison"),
    )
    window.export_action.trigger()
    assert window.status.text().startswith("Nothing to export yet")
