"""Builders for real-world input files the tests read back: docx, PDF, e-mail, .mht, RTF, zip bombs.

Each writes one file into a folder the test owns. PDFs are drawn with Qt's QPdfWriter, so tests
that make PDFs take pytest-qt's `qapp` fixture (QPainter needs an application for fonts).
"""

from __future__ import annotations

import zipfile
from email.message import EmailMessage
from pathlib import Path

LINE_HEIGHT = 13


def make_docx(
    path: Path,
    paragraphs: list[str],
    *,
    table: list[list[str]] | None = None,
    after_table: list[str] = (),
    title: str | None = None,
    author: str | None = None,
) -> Path:
    import docx

    document = docx.Document()
    if title:
        document.add_paragraph(title, style="Title")
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    for text in after_table:
        document.add_paragraph(text)
    if author:
        document.core_properties.author = author
    document.save(str(path))
    return path


def make_two_column_pdf(
    path: Path, left: list[list[str]], right: list[list[str]], *, title: str = "", author: str = ""
) -> Path:
    """Two columns of paragraphs (lists of lines), drawn row by row across both columns, the
    way many layout programs emit them; a blank row separates paragraphs."""
    from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    writer.setTitle(title)
    writer.setAuthor(author)
    painter = QPainter(writer)
    painter.setFont(QFont("DejaVu Sans", 9))
    left_lines, right_lines = _with_blank_rows(left), _with_blank_rows(right)
    for row in range(max(len(left_lines), len(right_lines))):
        y = 60 + LINE_HEIGHT * row
        for x, lines in ((40, left_lines), (310, right_lines)):
            if row < len(lines) and lines[row]:
                painter.drawText(x, y, lines[row])
    painter.end()
    return path


def make_pdf_pages(path: Path, pages: list[list[str]]) -> Path:
    """One page per list of lines."""
    from PySide6.QtGui import QFont, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(72)
    painter = QPainter(writer)
    painter.setFont(QFont("DejaVu Sans", 9))
    for number, lines in enumerate(pages):
        if number:
            writer.newPage()
        for row, line in enumerate(lines):
            painter.drawText(40, 60 + LINE_HEIGHT * row, line)
    painter.end()
    return path


def make_image_pdf(path: Path) -> Path:
    """A PDF holding one picture of text and no text layer, like a scan."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPageSize, QPainter, QPdfWriter

    image = QImage(400, 200, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    picture = QPainter(image)
    picture.drawText(20, 50, "Russia is buying shells from North Korea.")
    picture.end()
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawImage(100, 100, image)
    painter.end()
    return path


def make_eml(
    path: Path, subject: str, *, plain: str | None = None, html: str | None = None
) -> Path:
    message = EmailMessage()
    message["From"] = "The Morning <newsletter@example.com>"
    message["To"] = "editor@example.com"
    message["Subject"] = subject
    message["Date"] = "Tue, 06 Sep 2022 10:42:00 +0000"
    if plain is not None:
        message.set_content(plain)
    if html is not None:
        if plain is None:
            message.set_content(html, subtype="html")
        else:
            message.add_alternative(html, subtype="html")
    path.write_bytes(bytes(message))
    return path


def make_mht(path: Path, html: str) -> Path:
    """A saved web page as browsers write it: multipart/related, the page first, then an image."""
    message = EmailMessage()
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = "https://news.example.com/story"
    message["Subject"] = "Saved page"
    message["MIME-Version"] = "1.0"
    message.set_content(html, subtype="html", cte="quoted-printable")
    message.add_related(b"\x89PNG\r\n\x1a\n" + bytes(64), maintype="image", subtype="png")
    path.write_bytes(bytes(message))
    return path


def make_zip_bomb(path: Path, megabytes: int, *, docx_member: bool = True) -> Path:
    """A zip whose word/document.xml inflates from a few hundred KB to `megabytes` MB of zeros."""
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        name = "word/document.xml" if docx_member else "data.bin"
        with package.open(name, "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
    return path


def _with_blank_rows(paragraphs: list[list[str]]) -> list[str]:
    rows: list[str] = []
    for lines in paragraphs:
        rows.extend([*lines, ""])
    return rows
