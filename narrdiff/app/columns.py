"""One column per article: a header (outlet, headline, what it omits) over its sentences.

`SentenceView` lays an article out as one text block per sentence in a QTextDocument, so prose
keeps real typography and each sentence has a geometry the link gutter can reach. Status is shown
twice, by colour and by a non-colour cue painted in the left margin: a solid bar and "+" for
sentences only this article has, a dashed bar and "≈" for loosely related ones, "=" for shared
ones, dimmed small text for boilerplate; words that differ inside linked sentences get a tint and
an underline.

A sentence can be dragged onto a sentence of another column to link the two by hand (mime
type REF_MIME, "article,sentence"); every other drop is ignored here, so files and text dropped
on a column still reach the window. Columns render what the Comparison says; they compute no
links and no diffs.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    QHBoxLayout,
    QLabel,
    QMenu,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from narrdiff.core.model import BOILERPLATE, HEADLINE, RELATED, Comparison, Ref

from . import theme

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


@dataclass(frozen=True)
class Mark:
    """Wording of this sentence that differs from a partner: a span, its framing tags and why."""

    start: int
    end: int
    tags: tuple[str, ...] = ()
    tip: str = ""
    tint: bool = True  # False inside pairs reworded throughout: only the tag label shows


@dataclass(frozen=True)
class SentenceStatus:
    """How one sentence shows: its kind and the marked wording that differs from its partners."""

    kind: str  # "adds", "linked", "related", "boilerplate", "furniture"
    changed: tuple[Mark, ...] = ()


def sentence_statuses(comparison: Comparison, article: int) -> list[SentenceStatus]:
    """Per sentence of `article`, its status, read off the Comparison's links and groups."""
    art = comparison.articles[article]
    adds = set(comparison.adds(article))
    out = []
    for i, sentence in enumerate(art.sentences):
        if sentence.role == BOILERPLATE:
            out.append(SentenceStatus("boilerplate"))
        elif not sentence.linkable:
            out.append(SentenceStatus("furniture"))
        elif i in adds:
            out.append(SentenceStatus("adds"))
        else:
            links = comparison.links_of((article, i))
            spans = _changed_spans(comparison, (article, i), links)
            related = links and all(link.strength == RELATED for link in links)
            out.append(SentenceStatus("related" if related else "linked", spans))
    return _with_findings(comparison, article, out)


# Short labels for the findings drawn in the columns (the Framing tab has the long ones).
FINDING_MARKS = {
    "headline_unsupported_term": "not in any body",
    "headline_unsupported": "unsupported",
    "term_swap": "term",
    "number_mismatch": "number",
    "attribution_difference": "attribution",
    "hedge_difference": "hedge",
    "loaded_word": "loaded",
    "quote_only_here": "quote only here",
    "quote_vs_paraphrase": "quote",
}


def _with_findings(comparison: Comparison, article: int, statuses: list[SentenceStatus]):
    """Mark the words each framing finding is about; they replace change marks they overlap.

    Findings are the core's precision-first verdicts, so they are what the columns label most
    plainly: the tag names the kind and the tooltip reads the finding's message.
    """
    for finding in getattr(comparison, "findings", ()):
        if finding.article != article or finding.sentence >= len(statuses):
            continue
        text = comparison.articles[article].sentences[finding.sentence].text
        label = FINDING_MARKS.get(finding.kind, finding.kind.replace("_", " "))
        new = [
            Mark(start, end, (label,), finding.message, True)
            for start, end in _finding_spans(text, finding.text)
        ]
        status = statuses[finding.sentence]
        kept = [m for m in status.changed if all(m.end <= n.start or m.start >= n.end for n in new)]
        statuses[finding.sentence] = SentenceStatus(
            status.kind, tuple(sorted(kept + new, key=lambda m: (m.start, -m.end)))
        )
    return statuses


def _finding_spans(text: str, words: str) -> list[tuple[int, int]]:
    """Where a finding's words stand in its sentence: the whole phrase, else each listed part."""
    if not words:
        return []
    start = text.find(words)
    if start >= 0:
        return [(start, start + len(words))]
    spans = []
    for part in words.split(", "):
        start = text.find(part)
        if part and start >= 0:
            spans.append((start, start + len(part)))
    return spans


# A tag label is drawn only on a span this short: on a longer one the reader cannot tell which
# words it is about (the inspector lists every tag of every pair with its reason).
LABEL_MAX_WORDS = 12


def _changed_spans(comparison: Comparison, ref: Ref, links) -> tuple[Mark, ...]:
    """Marks for this sentence's side of the changes against its strongest partner.

    Only the strongest partner: a union over every partner would tint nearly everything of a
    sentence linked to both a headline and a lead, and would hang other pairs' tag labels on
    words they are not about. The inspector shows every pair in full.
    """
    from narrdiff.core.report import reworded_throughout

    best = max(links, key=lambda link: link.score, default=None)
    if best is None:
        return ()
    throughout = reworded_throughout(comparison, best)
    mine = best.a == ref
    text = comparison.sentence(ref).text
    marks = []
    for change in best.changes:
        start, end = (change.a_start, change.a_end) if mine else (change.b_start, change.b_end)
        words = text[start:end].split()
        # a label belongs on words that carry meaning, not on a lone "and" opposite a quote
        short = len(words) <= LABEL_MAX_WORDS and any(len(w) > 3 for w in words)
        tags = tuple(change.tags) if short else ()
        if end <= start or (throughout and not tags):
            continue  # a sentence-long tint says nothing; the inspector shows the pair
        tip = "\n".join(getattr(change, "reasons", ()) or ())
        marks.append(Mark(start, end, tags, tip, not throughout))
    return tuple(_without_overlaps(sorted(marks, key=lambda m: (m.start, -m.end))))


def _without_overlaps(marks: list[Mark]) -> list[Mark]:
    """Drop marks that start inside an earlier one (several partners can overlap)."""
    out: list[Mark] = []
    for mark in marks:
        if out and mark.start < out[-1].end:
            continue
        out.append(mark)
    return out


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


class ColumnHeader(QFrame):
    """Outlet and headline of one article, with its omissions and small article actions."""

    omission_chosen = Signal(int)  # group index
    remove_requested = Signal()
    move_requested = Signal(int)  # -1 left, +1 right
    rename_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ColumnHeader")
        self.outlet = QLabel()
        self.outlet.setObjectName("Outlet")
        self.outlet.setToolTip("Double-click to rename this outlet")
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setObjectName("Headline")
        self.counts = QLabel()
        self.counts.setObjectName("Counts")
        self.omits_button = QToolButton()
        self.omits_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.omits_button.setToolTip("Facts other articles report and this one does not")
        self.sources_button = QToolButton()
        self.sources_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.sources_button.setToolTip("The people and organisations this article quotes or cites")
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for text, tip, slot in (
            ("◀", "Move this article left", lambda: self.move_requested.emit(-1)),
            ("▶", "Move this article right", lambda: self.move_requested.emit(1)),
            ("✎", "Rename the outlet", self.rename_requested.emit),
            ("✕", "Remove this article from the comparison", self.remove_requested.emit),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        # the outlet gets the whole width (it wraps rather than being cut in narrow columns);
        # the article actions share the last row with the counts
        self.outlet.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(self.sources_button)
        bottom.addWidget(self.omits_button)
        bottom.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 6, 8)
        layout.setSpacing(3)
        layout.addWidget(self.outlet)
        layout.addWidget(self.headline)
        layout.addLayout(bottom)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        self.rename_requested.emit()

    def show_article(self, comparison: Comparison, article: int) -> None:
        art = comparison.articles[article]
        self.outlet.setText(art.label)
        self.headline.setText(art.headline or "")
        self.headline.setVisible(bool(art.headline))
        adds = comparison.adds(article)
        omits = comparison.omits(article)
        self.counts.setText(f"{theme.MARK_ADDS} adds {len(adds)}")
        self.counts.setToolTip(f"{len(adds)} sentences no other article reports")
        self.omits_button.setText(f"omits {len(omits)} ▾")
        self.omits_button.setEnabled(bool(omits))
        menu = QMenu(self.omits_button)
        for group in omits:
            index = comparison.groups.index(group)
            text = comparison.sentence(group.members[0]).text
            others = ", ".join(sorted({comparison.articles[a].label for a in group.articles()}))
            action = menu.addAction(f"{_excerpt(text)}  ({others})")
            action.triggered.connect(lambda _=False, g=index: self.omission_chosen.emit(g))
        self.omits_button.setMenu(menu)
        self._show_sources(comparison, article)

    def _show_sources(self, comparison: Comparison, article: int) -> None:
        sources = comparison.sources[article] if article < len(comparison.sources) else ()
        self.sources_button.setText(f"sources {len(sources)} ▾")
        self.sources_button.setEnabled(bool(sources))
        menu = QMenu(self.sources_button)
        for name in sources:
            menu.addAction(name).setEnabled(False)  # a list to read, not commands
        self.sources_button.setMenu(menu)


def _excerpt(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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
        self.setMinimumWidth(280)

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
