"""One column per article: a header (outlet, headline, what it omits) over its sentences.

The sentences are a `SentenceView` (sentences.py); the header is a `ColumnHeader` (header.py).
A column renders what the Comparison says; it computes no links and no diffs.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from narrdiff.app.views.header import ColumnHeader
from narrdiff.app.views.sentences import (  # noqa: F401  (re-exported for the views and tests)
    MARGIN,
    REF_MIME,
    SentenceView,
    margin_for,
    ref_from_mime,
    ref_mime,
)

COLUMN_MIN_WIDTH = 280
"""Narrowest an article column gets (px)."""


class ArticleColumn(QFrame):
    """Header + sentences of one article, and the in-place note when it lacks the selection."""

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ArticleColumn")
        self.index = index
        self.header = ColumnHeader(self)
        self.view = SentenceView(self)
        self.absent_note = QLabel("Not in this article", self.view.viewport())
        self.absent_note.setObjectName("AbsentNote")
        self.absent_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.absent_note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        self.setMinimumWidth(COLUMN_MIN_WIDTH)
        # The layout asks the header for its height at no less than the header's minimum width,
        # and at a large text size its button row wants more than a narrow column has (572 px
        # at 20 pt): the wrapped headline was given the height of fewer lines and cut off. An
        # explicit minimum no wider than the column's keeps that height the one it needs.
        self.header.setMinimumWidth(COLUMN_MIN_WIDTH)

    def show_absent(self, y: int | None, text: str = "") -> None:
        """Say in place (at viewport height y) that the selected fact is not in this article."""
        if y is None:
            self.absent_note.hide()
            return
        self.absent_note.setText(text or "— not reported in this article —")
        height = self.absent_note.sizeHint().height() + 8
        width = self.view.viewport().width() - 2 * MARGIN
        # just above the anchor line, in the gap between sentences, so it hides less prose
        self.absent_note.setGeometry(MARGIN, max(4, y - height // 2), max(120, width), height)
        self.absent_note.show()
        self.absent_note.raise_()
