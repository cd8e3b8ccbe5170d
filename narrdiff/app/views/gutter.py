"""The link gutter between two adjacent columns: each link drawn as a band, as Meld draws chunks.

A band joins a sentence's vertical extent in the left column to its partner's in the right one,
so a reordered fact shows as a band that climbs or falls. "same" links are filled with a solid
outline; "related" links are lighter with a dashed outline (a non-colour cue); links set by
hand are dotted; the selected group's bands are drawn strongest. The gutter reads geometry from
the two SentenceViews and the links from the Comparison; it decides nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

from narrdiff.app import theme
from narrdiff.app.views.columns import ArticleColumn
from narrdiff.core.model import SAME, Comparison

WIDTH = 56


class LinkGutter(QWidget):
    """Paints the links between `left` and `right` columns; repaints when either scrolls."""

    def __init__(self, left: ArticleColumn, right: ArticleColumn, parent: QWidget | None = None):
        super().__init__(parent)
        self.left, self.right = left, right
        self.setFixedWidth(WIDTH)
        self._comparison: Comparison | None = None
        self._palette = theme.palette_for(False)
        self._selected: set[tuple[int, int]] = set()
        self._manual: set[tuple[tuple[int, int], tuple[int, int]]] = set()
        for column in (left, right):
            column.view.scrolled.connect(self.update)

    def set_comparison(self, comparison: Comparison | None, palette: theme.Palette) -> None:
        self._comparison, self._palette = comparison, palette
        links = comparison.links if comparison is not None else ()
        self._manual = {(link.a, link.b) for link in links if link.manual}
        self.update()

    def is_manual(self, i: int, j: int) -> bool:
        """Whether the link between left sentence i and right sentence j was set by hand."""
        a, b = (self.left.index, i), (self.right.index, j)
        return (a, b) in self._manual or (b, a) in self._manual

    def set_selected(self, refs: set[tuple[int, int]]) -> None:
        self._selected = set(refs)
        self.update()

    def bands(self) -> list[tuple[int, int, str]]:
        """(left sentence, right sentence, strength) for each link between the two columns."""
        if self._comparison is None:
            return []
        a, b = self.left.index, self.right.index
        out = []
        for link in self._comparison.links:
            if (link.a[0], link.b[0]) == (a, b):
                out.append((link.a[1], link.b[1], link.strength))
            elif (link.a[0], link.b[0]) == (b, a):
                out.append((link.b[1], link.a[1], link.strength))
        return out

    def _span(self, column: ArticleColumn, index: int) -> tuple[float, float] | None:
        rect: QRect | None = column.view.sentence_rect(index)
        if rect is None:
            return None
        origin = column.view.viewport().mapTo(self.parentWidget(), rect.topLeft())
        top = origin.y() - self.y()
        return float(top), float(top + rect.height())

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().window())
        # bands live beside the prose, not beside the column headers above it
        top = max(self._viewport_top(self.left), self._viewport_top(self.right))
        painter.setClipRect(0, top, self.width(), self.height() - top)
        bands = self.bands()
        # selected bands last, so they sit on top of the others
        bands.sort(key=lambda band: self._is_selected(band))
        for band in bands:
            self._paint_band(painter, band)
        painter.end()

    def _viewport_top(self, column: ArticleColumn) -> int:
        return column.view.viewport().mapTo(self.parentWidget(), QPoint(0, 0)).y() - self.y()

    def _is_selected(self, band: tuple[int, int, str]) -> bool:
        return (self.left.index, band[0]) in self._selected

    def _paint_band(self, painter: QPainter, band: tuple[int, int, str]) -> None:
        i, j, strength = band
        left, right = self._span(self.left, i), self._span(self.right, j)
        if left is None or right is None:
            return
        if max(left[1], right[1]) < 0 or min(left[0], right[0]) > self.height():
            return
        pal = self._palette
        width = float(self.width())
        style = Qt.PenStyle.SolidLine if strength == SAME else Qt.PenStyle.DashLine
        if self.is_manual(i, j):
            style = Qt.PenStyle.DotLine  # set by hand: the reader can tell it from the model's
        if self._is_selected(band):
            # the selection is drawn as a full ribbon, so its extent reads at a glance
            painter.setBrush(QBrush(pal.band_selected))
            painter.setPen(QPen(pal.selection_edge, 1.5, style))
            painter.drawPath(_band_path(width, left, right))
            return
        # other links: a bracket on each edge for the sentence's extent and a curve between
        # their middles; full ribbons for every link would bury the reordering in colour
        colour = pal.band_same if strength == SAME else pal.related_edge
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(
            QPen(colour, 3.0 if strength == SAME else 2.0, style, Qt.PenCapStyle.RoundCap)
        )
        painter.drawPath(_curve(width, (left[0] + left[1]) / 2, (right[0] + right[1]) / 2))
        painter.setPen(QPen(colour, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawLine(QPointF(1.5, left[0] + 3), QPointF(1.5, left[1] - 3))
        painter.drawLine(QPointF(width - 1.5, right[0] + 3), QPointF(width - 1.5, right[1] - 3))


def _curve(width: float, y_left: float, y_right: float) -> QPainterPath:
    path = QPainterPath(QPointF(2, y_left))
    mid = width / 2
    path.cubicTo(QPointF(mid, y_left), QPointF(mid, y_right), QPointF(width - 2, y_right))
    return path


def _band_path(width: float, left: tuple[float, float], right: tuple[float, float]) -> QPainterPath:
    """A ribbon from (0, left) to (width, right) with S-shaped edges."""
    mid = width / 2
    path = QPainterPath(QPointF(0, left[0]))
    path.cubicTo(QPointF(mid, left[0]), QPointF(mid, right[0]), QPointF(width, right[0]))
    path.lineTo(QPointF(width, right[1]))
    path.cubicTo(QPointF(mid, right[1]), QPointF(mid, left[1]), QPointF(0, left[1]))
    path.closeSubpath()
    return path
