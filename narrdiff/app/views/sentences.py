"""An article's sentences as one text block each, with status marks, selection and drags.

`SentenceView` lays an article out as one text block per sentence in a QTextDocument, so prose
keeps real typography and each sentence has a geometry the link gutter can reach. Status is shown
twice, by colour and by a non-colour cue painted in the left margin: a solid bar and "+" for
sentences only this article has, a dashed bar and "≈" for loosely related ones, "=" for shared
ones, dimmed small text for boilerplate; words that differ inside linked sentences get a tint and
an underline.

A sentence can be dragged onto a sentence of another column to link the two by hand (mime
type REF_MIME, "article,sentence"); every other drop is ignored here, so files and text dropped
on a column still reach the window. It renders what the Comparison says; it computes no links
and no diffs.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QFont,
    QMouseEvent,
    QPainter,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QTextBrowser,
    QTextEdit,
    QToolTip,
    QWidget,
)

from narrdiff.app import theme
from narrdiff.app.marks import Mark, SentenceStatus, sentence_statuses
from narrdiff.core.model import HEADLINE, Comparison, Ref

MARGIN = 22  # px left of the prose for the status bar and glyph, at the default text size
REF_MIME = "application/x-narrdiff-ref"


def ref_mime(ref: Ref) -> QMimeData:
    """A dragged sentence: "article,sentence" under REF_MIME."""
    mime = QMimeData()
    mime.setData(REF_MIME, QByteArray(f"{ref[0]},{ref[1]}".encode("ascii")))
    return mime


def ref_from_mime(mime: QMimeData) -> Ref | None:
    if not mime.hasFormat(REF_MIME):
        return None
    try:
        article, sentence = bytes(mime.data(REF_MIME).data()).decode("ascii").split(",")
        return int(article), int(sentence)
    except ValueError:
        return None


def margin_for(point_size: float) -> int:
    """The left margin grows with the text so the glyph never touches the prose."""
    return max(MARGIN, round(point_size * 1.8))


class SentenceView(QTextBrowser):
    """An article's sentences as text blocks; clicks report the sentence index."""

    sentence_clicked = Signal(int)
    scrolled = Signal()
    menu_requested = Signal(int, QPoint)  # sentence index, global position
    ref_dropped = Signal(object, int)  # dragged sentence (a Ref), sentence it was dropped on

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self.scrolled.emit())
        self._statuses: list[SentenceStatus] = []
        self._blocks: dict[int, int] = {}  # sentence index → block number
        self._selected: set[int] = set()
        self._palette = theme.palette_for(False)
        self._point_size = 13.0
        self._show_boilerplate = True
        self.article = -1
        self._press: tuple[QPoint, int] | None = None  # where a sentence drag may start
        # the window turned drops off everywhere so files reach it; sentence drops come here
        self.viewport().setAcceptDrops(True)

    # --- content -------------------------------------------------------------------------

    def show_article(
        self,
        comparison: Comparison,
        article: int,
        palette: theme.Palette,
        point_size: float,
        show_boilerplate: bool,
    ) -> None:
        self._palette, self._point_size = palette, point_size
        self._show_boilerplate = show_boilerplate
        self.article = article
        self._statuses = sentence_statuses(comparison, article)
        scroll = self.verticalScrollBar().value()
        self.setUpdatesEnabled(False)
        try:
            self._build(comparison, article)
            self.verticalScrollBar().setValue(scroll)
        finally:
            self.setUpdatesEnabled(True)

    def _build(self, comparison: Comparison, article: int) -> None:
        doc = QTextDocument(self)
        doc.setDocumentMargin(10)
        font = QFont()
        font.setFamilies(["Georgia", "DejaVu Serif", "Noto Serif", "serif"])
        font.setPointSizeF(self._point_size)
        doc.setDefaultFont(font)
        cursor = QTextCursor(doc)
        self._blocks = {}
        first = True
        previous_paragraph = None
        art = comparison.articles[article]
        for i, sentence in enumerate(art.sentences):
            status = self._statuses[i]
            if status.kind == "boilerplate" and not self._show_boilerplate:
                continue
            gap = 2.0 if previous_paragraph == sentence.paragraph else 12.0
            block_format = self._block_format(status, i, gap)
            if first:
                cursor.setBlockFormat(block_format)
                first = False
            else:
                cursor.insertBlock(block_format)
            self._insert_text(cursor, sentence.text, sentence.role, status)
            cursor.block().setUserState(i)
            self._blocks[i] = cursor.block().blockNumber()
            previous_paragraph = sentence.paragraph
        self.setDocument(doc)

    def _block_format(self, status: SentenceStatus, index: int, gap: float) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setLeftMargin(margin_for(self._point_size))
        fmt.setTopMargin(gap)
        fmt.setLineHeight(135, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        pal = self._palette
        background = {
            "adds": pal.adds,
            "linked": pal.linked,
            "related": pal.linked,
        }.get(status.kind)
        if index in self._selected:
            background = pal.selection
        if background is not None:
            fmt.setBackground(background)
        return fmt

    def _insert_text(
        self, cursor: QTextCursor, text: str, role: str, status: SentenceStatus
    ) -> None:
        base = self._base_format(role, status)
        position = 0
        for mark in status.changed:
            cursor.insertText(text[position : mark.start], base)
            cursor.insertText(text[mark.start : mark.end], self._mark_format(base, mark))
            if mark.tags:
                cursor.insertText(" " + " · ".join(mark.tags), self._label_format(base, mark))
            position = mark.end
        cursor.insertText(text[position:], base)

    def _base_format(self, role: str, status: SentenceStatus) -> QTextCharFormat:
        base = QTextCharFormat()
        base.setForeground(self._palette.text)
        if status.kind in ("boilerplate", "furniture"):
            base.setForeground(self._palette.muted)
            base.setFontPointSize(max(8.0, self._point_size * 0.8))
            if status.kind == "boilerplate":
                base.setFontItalic(True)
        if role == HEADLINE:
            base.setFontWeight(QFont.Weight.Bold)
            base.setFontPointSize(self._point_size * 1.3)
        return base

    def _mark_format(self, base: QTextCharFormat, mark: Mark) -> QTextCharFormat:
        fmt = QTextCharFormat(base)
        if mark.tint:
            fmt.setBackground(self._palette.change)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(self._palette.change_line)
        fmt.setToolTip(mark.tip or "Worded differently in the linked sentence")
        return fmt

    def _label_format(self, base: QTextCharFormat, mark: Mark) -> QTextCharFormat:
        """A small raised label naming the framing tags (the non-colour cue for them)."""
        fmt = QTextCharFormat(base)
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        fmt.setForeground(self._palette.change_line)
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontItalic(False)
        fmt.setFontPointSize(max(7.0, self._point_size * 0.62))
        fmt.setToolTip(mark.tip or ", ".join(mark.tags))
        return fmt

    # --- selection and geometry ------------------------------------------------------------

    def set_selected(self, indices: set[int]) -> None:
        """Tint the given sentences as the selected group (block formats only: no relayout)."""
        if indices == self._selected:
            return
        changed = self._selected | indices
        self._selected = set(indices)
        cursor = QTextCursor(self.document())
        for i in changed:
            block = self.document().findBlockByNumber(self._blocks.get(i, -1))
            if not block.isValid():
                continue
            cursor.setPosition(block.position())
            fmt = block.blockFormat()
            status = self._statuses[i]
            fmt.setBackground(self._block_format(status, i, 0).background())
            cursor.setBlockFormat(fmt)
        self.viewport().update()

    def sentence_rect(self, index: int) -> QRect | None:
        """The sentence's rectangle in viewport coordinates, or None if it is not shown."""
        block = self.document().findBlockByNumber(self._blocks.get(index, -1))
        if not block.isValid():
            return None
        rect = self.document().documentLayout().blockBoundingRect(block).toRect()
        return rect.translated(0, -self.verticalScrollBar().value())

    def sentence_at(self, point: QPoint) -> int | None:
        block = self.cursorForPosition(point).block()
        index = block.userState()
        if index < 0:
            return None
        rect = self.sentence_rect(index)
        return index if rect is not None and rect.top() <= point.y() <= rect.bottom() else None

    def scroll_to_sentence(self, index: int, y: int | None = None) -> None:
        """Scroll so the sentence's top sits at viewport height `y` (default: a third down)."""
        rect = self.sentence_rect(index)
        if rect is None:
            return
        target = y if y is not None else self.viewport().height() // 3
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - target)

    def shown_indices(self) -> list[int]:
        return sorted(self._blocks)

    def highlight_matches(self, needle: str) -> int:
        """Mark every case-insensitive occurrence of `needle`; returns how many."""
        selections = []
        if needle:
            fmt = QTextCharFormat()
            fmt.setBackground(self._palette.found)
            fmt.setForeground(QColor(Qt.GlobalColor.black))
            cursor = self.document().find(needle)
            while not cursor.isNull():
                selection = QTextEdit.ExtraSelection()
                selection.cursor, selection.format = cursor, fmt
                selections.append(selection)
                cursor = self.document().find(needle, cursor)
        self.setExtraSelections(selections)
        return len(selections)

    def matching_sentences(self, needle: str) -> list[int]:
        low = needle.casefold()
        out = []
        block = self.document().begin()
        while block.isValid():
            if low and low in block.text().casefold() and block.userState() >= 0:
                out.append(block.userState())
            block = block.next()
        return out

    # --- events ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mousePressEvent(event)
        self._press = None
        if event.button() == Qt.MouseButton.LeftButton:
            point = event.position().toPoint()
            index = self.sentence_at(point)
            if index is not None:
                self._press = (point, index)
                self.sentence_clicked.emit(index)

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        index = self.sentence_at(event.pos())
        if index is not None:
            self.menu_requested.emit(index, event.globalPos())

    def _drag_sentence(self, index: int) -> None:
        drag = QDrag(self)
        drag.setMimeData(ref_mime((self.article, index)))
        drag.exec(Qt.DropAction.LinkAction)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        source = ref_from_mime(event.mimeData())
        if source is not None and source[0] != self.article:
            event.acceptProposedAction()
        else:
            event.ignore()  # files and text go on to the window

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        source = ref_from_mime(event.mimeData())
        target = self.sentence_at(event.position().toPoint())
        if source is None or source[0] == self.article or target is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.ref_dropped.emit(source, target)

    def viewportEvent(self, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip:
            tip = self.cursorForPosition(event.pos()).charFormat().toolTip()
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        press = self._press
        point = event.position().toPoint()
        # a link drag starts only once the pointer leaves the column sideways, so dragging
        # inside a sentence still selects its words for copying
        outside = point.x() < 0 or point.x() >= self.viewport().width()
        moved = press is not None and (
            (point - press[0]).manhattanLength() >= QApplication.startDragDistance()
        )
        if moved and outside and event.buttons() & Qt.MouseButton.LeftButton:
            self._press = None
            self._drag_sentence(press[1])
            return
        super().mouseMoveEvent(event)
        over = self.sentence_at(event.position().toPoint()) is not None
        shape = Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
        self.viewport().setCursor(shape)

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index in self._blocks:
            rect = self.sentence_rect(index)
            if rect is None or rect.bottom() < 0 or rect.top() > self.viewport().height():
                continue
            self._paint_marker(painter, rect, self._statuses[index], index in self._selected)
        painter.end()

    def _paint_marker(
        self, painter: QPainter, rect: QRect, status: SentenceStatus, selected: bool
    ) -> None:
        pal = self._palette
        glyph, colour, style = {
            "adds": (theme.MARK_ADDS, pal.adds_edge, Qt.PenStyle.SolidLine),
            # not linked, but a near match elsewhere: no "only here" claim (core/framing/nearby)
            "possibly": ("?", pal.adds_edge, Qt.PenStyle.DotLine),
            "linked": (theme.MARK_LINKED, pal.band_same, None),
            "related": (theme.MARK_RELATED, pal.related_edge, Qt.PenStyle.DashLine),
            "boilerplate": (theme.MARK_BOILERPLATE, pal.muted, None),
        }.get(status.kind, ("", pal.muted, None))
        if selected:
            colour, style = pal.selection_edge, Qt.PenStyle.SolidLine
        top, bottom = rect.top() + 4, rect.bottom() - 2
        if style is not None:
            painter.setPen(QPen(colour, 4, style, Qt.PenCapStyle.FlatCap))
            painter.drawLine(8, top, 8, bottom)
        if glyph:
            painter.setPen(colour if status.kind != "linked" else pal.muted)
            font = painter.font()
            font.setBold(True)
            font.setPointSizeF(max(9.0, self._point_size * 0.8))
            painter.setFont(font)
            margin = margin_for(self._point_size)
            box = QRect(11, top - 2, margin - 10, round(self._point_size * 2))
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft, glyph)
