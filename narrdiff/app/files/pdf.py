"""HTML → PDF through Qt (QTextDocument + QPdfWriter): real, searchable text, not a picture.

QTextDocument renders a subset of HTML/CSS, so callers pass the `for_qt=True` variant of the
core exports (core/htmlpage.py keeps it inside that subset). Paper is A4, or Letter where the
locale's territory uses it (the Americas' Letter countries and the Philippines), with 18 mm
margins. A QGuiApplication is needed to lay out text: when none exists (the CLI) one is made,
offscreen when there is no display.

This module renders what it is given; it builds no report content of its own.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QLocale, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from narrdiff.core.output import OutputError, write_bytes

MARGIN_MM = 18.0
RESOLUTION_DPI = 300

_Territory = QLocale.Country  # PySide6 names the Territory enum by its older name
# Territories whose everyday paper is US Letter; everywhere else uses A4.
LETTER_TERRITORIES = frozenset(
    {
        _Territory.UnitedStates,
        _Territory.Canada,
        _Territory.Mexico,
        _Territory.Chile,
        _Territory.Colombia,
        _Territory.Venezuela,
        _Territory.CostaRica,
        _Territory.Guatemala,
        _Territory.Panama,
        _Territory.PuertoRico,
        _Territory.DominicanRepublic,
        _Territory.ElSalvador,
        _Territory.Nicaragua,
        _Territory.Philippines,
    }
)

_app: QGuiApplication | None = None  # kept alive for the process when this module made it


def default_page_size(locale: QLocale | None = None) -> QPageSize:
    """Letter for the locale's territory when it uses Letter (see above), else A4."""
    territory = (locale or QLocale()).territory()
    size_id = (
        QPageSize.PageSizeId.Letter if territory in LETTER_TERRITORIES else QPageSize.PageSizeId.A4
    )
    return QPageSize(size_id)


def ensure_gui_application() -> QGuiApplication:
    """The running QGuiApplication, or a new one (offscreen when there is no display)."""
    global _app
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing  # type: ignore[return-value]
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["narrdiff"])
    return _app


def write_pdf(html: str, path: str | Path, *, page_size: QPageSize | None = None) -> Path:
    """Render `html` to a PDF at `path` (A4/Letter by locale unless `page_size` is given).

    The PDF is painted in memory, checked to be whole, then written through `core.output`
    (beside `path`, then renamed): OutputError names the path and the reason when it cannot be
    written, or when Qt painted no PDF (Qt itself only prints warnings then).
    """
    ensure_gui_application()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    _render(html, buffer, page_size)
    buffer.close()
    data = bytes(buffer.data().data())
    if not (data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]):
        raise OutputError(str(path), "Qt could not paint the PDF")
    return write_bytes(path, data)


def _render(html: str, device: QBuffer, page_size: QPageSize | None) -> None:
    writer = QPdfWriter(device)
    writer.setResolution(RESOLUTION_DPI)
    writer.setCreator("narrdiff")
    writer.setPageLayout(
        QPageLayout(
            page_size or default_page_size(),
            QPageLayout.Orientation.Portrait,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    # laid out on the writer itself, so point sizes mean points on paper, not screen pixels
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(QFont("DejaVu Serif", 10))
    document.setDocumentMargin(0)
    document.setHtml(html)
    writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    try:
        _paint_pages(document, writer)
    finally:
        # Python may free the writer before the document: leave the layout no dangling device
        document.documentLayout().setPaintDevice(None)


def _paint_pages(document: QTextDocument, writer: QPdfWriter) -> None:
    """Paginate `document` on the writer's paint rect and draw "page N of M" under each page.

    QTextDocument.print_() would add its own 2 cm margin inside ours; painting the pages here
    keeps the margins at MARGIN_MM.
    """
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    footer_font = QFont("DejaVu Sans", 8)
    footer_height = 2.2 * QFontMetricsF(footer_font, writer).height()
    page_height = rect.height() - footer_height
    document.setPageSize(QSizeF(rect.width(), page_height))
    pages = document.pageCount()
    painter = QPainter()
    if not painter.begin(writer):
        return  # nothing is written; write_pdf finds no PDF and says so
    try:
        for n in range(pages):
            if n:
                writer.newPage()
            painter.save()
            painter.translate(0, -n * page_height)
            # one device pixel short: a block that starts the next page touches this page's
            # edge, and drawing it clipped would leave invisible, searchable text here
            clip = QRectF(0, n * page_height, rect.width(), page_height - 1)
            document.drawContents(painter, clip)
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#5c5c60"))
            number = QRectF(0, page_height, rect.width(), footer_height)
            painter.drawText(
                number,
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                f"page {n + 1} of {pages}",
            )
    finally:
        painter.end()
