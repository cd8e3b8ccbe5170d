"""File ▸ Export and File ▸ Print: the shown Comparison written out or printed, by kind.

`export_comparison(comparison, path, kind)` picks the writer for a kind (HTML or PDF report, CSV
tables, JSON report, worksheet as HTML or PDF) and raises on failure; `export_dialog` and
`print_dialog` are the thin window-facing parts (a file dialog, a print preview), which report
errors in the window's message bar and success in its status line.

The writers live elsewhere (core/export_html.py, core/worksheet.py, core/export_csv.py,
core/report.py, app/pdf.py): this module only chooses among them and must not format reports
itself. They are imported when used, so opening the window does not load them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog

from narrdiff.app.files.saving import show_write_error
from narrdiff.core.model import Comparison
from narrdiff.core.output import OutputError, write_text

# (file-dialog filter, kind, file suffix), in the order the dialog lists them
EXPORT_KINDS = (
    ("HTML report (*.html)", "html", ".html"),
    ("PDF report (*.pdf)", "pdf", ".pdf"),
    ("CSV tables (*.csv)", "csv", ".csv"),
    ("JSON report (*.json)", "json", ".json"),
    ("Worksheet, HTML (*.html)", "worksheet-html", ".html"),
    ("Worksheet, PDF (*.pdf)", "worksheet-pdf", ".pdf"),
)
KINDS = tuple(kind for _, kind, _ in EXPORT_KINDS)


def report_html(comparison: Comparison, *, worksheet: bool = False, for_qt: bool = False) -> str:
    """The report (or the worksheet with its answer key) as one HTML page.

    `for_qt` asks for the variant QTextDocument renders well (printing and PDF).
    """
    if worksheet:
        from narrdiff.core.report.worksheet import worksheet_html

        return worksheet_html(comparison, for_qt=for_qt)
    from narrdiff.core.report.html_report import comparison_html

    return comparison_html(comparison, for_qt=for_qt)


def export_comparison(comparison: Comparison, path: str | Path, kind: str) -> None:
    """Write `comparison` to `path` as `kind` (one of KINDS), atomically (`core.output`).

    Raises OutputError (the path and why it could not be written) or ValueError."""
    path = Path(path)
    if kind in ("html", "worksheet-html"):
        html = report_html(comparison, worksheet=kind == "worksheet-html")
        write_text(path, html)
    elif kind in ("pdf", "worksheet-pdf"):
        from narrdiff.app.files.pdf import write_pdf

        write_pdf(report_html(comparison, worksheet=kind == "worksheet-pdf", for_qt=True), path)
    elif kind == "csv":
        from narrdiff.core.report.csv_report import write_csv

        write_csv(comparison, path)
    elif kind == "json":
        from narrdiff.core.report.json_report import to_json

        write_text(path, to_json(comparison))
    else:
        raise ValueError(f"unknown export kind {kind!r}")


def kind_for_filter(name_filter: str) -> tuple[str, str]:
    """(kind, suffix) of a file-dialog filter; the HTML report when the filter is unknown."""
    for text, kind, suffix in EXPORT_KINDS:
        if text == name_filter:
            return kind, suffix
    return EXPORT_KINDS[0][1], EXPORT_KINDS[0][2]


def export_dialog(window) -> None:
    """Ask where and as what, then export; errors go to the message bar, success to the status."""
    if window.comparison is None:
        window.status.setText("Nothing to export yet: open two or more articles")
        return
    filters = ";;".join(text for text, _, _ in EXPORT_KINDS)
    path, chosen = QFileDialog.getSaveFileName(window, "Export comparison", "", filters)
    if not path:
        return
    kind, suffix = kind_for_filter(chosen)
    target = Path(path)
    if target.suffix.lower() != suffix:  # some platforms' dialogs do not add it
        target = target.with_name(target.name + suffix)
    try:
        export_comparison(window.comparison, target, kind)
    except OutputError as exc:
        message = f"Could not export to {target.name}: {exc.reason}."
        window.messages.add(message)
        window.export_error = show_write_error(window, "Not exported", message, target)
        return
    except (OSError, ValueError, RuntimeError) as exc:
        window.messages.add(f"Could not export to {target.name}: {exc}")
        return
    if kind == "csv":  # the links table goes beside the coverage table (export_csv.py)
        from narrdiff.core.report.csv_report import links_path

        window.status.setText(f"Exported to {target} and {links_path(target).name}")
    else:
        window.status.setText(f"Exported to {target}")


# --- printing ------------------------------------------------------------------------------


def report_document(comparison: Comparison, *, worksheet: bool = False) -> QTextDocument:
    """The report (or worksheet) laid out for paper, as Qt prints it."""
    document = QTextDocument()
    # the PDF export's body font (app/pdf.py), so paper and PDF read alike
    document.setDefaultFont(QFont("DejaVu Serif", 10))
    document.setHtml(report_html(comparison, worksheet=worksheet, for_qt=True))
    return document


def print_to_pdf(document: QTextDocument, path: str | Path) -> None:
    """Print `document` through a QPrinter in PDF format: the print path, without a dialog."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    document.print_(printer)


def print_dialog(window, *, worksheet: bool = False) -> None:
    """A print preview of the shown comparison; printing happens from the preview."""
    if window.comparison is None:
        window.status.setText("Nothing to print yet: open two or more articles")
        return
    try:
        document = report_document(window.comparison, worksheet=worksheet)
    except (ValueError, RuntimeError) as exc:
        window.messages.add(f"Could not prepare the page for printing: {exc}")
        return
    preview = QPrintPreviewDialog(window)
    preview.setWindowTitle("Print worksheet" if worksheet else "Print report")
    preview.paintRequested.connect(document.print_)
    preview.exec()  # `document` stays alive (a local) for as long as the preview paints it
