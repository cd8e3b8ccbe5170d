"""One slide of presentation mode: what it says about a fact, and how it is drawn to fit.

`SlideBuilder` turns a group into `Card`s, one per outlet: the outlet's sentences for the fact
with the wording that differs tinted and underlined (the underline is the non-colour cue) and
the framing labels after it, or None for an outlet that lacks the fact. `SlideCanvas` paints a
heading and the cards side by side at the largest type size that fits.

The marks and labels come from the Columns view's reading of the links
(`marks.sentence_statuses`), so the projector says what the window says; nothing here computes
links, diffs or similarity, and nothing here knows about keys or the main window.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import QWidget

from narrdiff.app import theme
from narrdiff.app.diffhtml import marked_sentence_html
from narrdiff.app.marks import Mark, SentenceStatus, sentence_statuses
from narrdiff.core.model import HEADLINE, Comparison, Ref
from narrdiff.core.report.phrases import possibly_also

SHRINK = 0.92  # one fitting step: the type shrinks by 8 % until the longest card fits
NOT_REPORTED = "— not reported —"


def difference_groups(comparison: Comparison) -> list[int]:
    """Groups missing from some article or worded differently (as Go ▸ Next difference)."""
    return comparison.difference_groups()


def outlet_names(comparison: Comparison, blind: bool) -> list[str]:
    """What each outlet is called on screen: its label, or "Outlet A", "Outlet B"… when blind."""
    if blind:
        return [
            f"Outlet {chr(65 + k)}" if k < 26 else f"Outlet {k + 1}"
            for k in range(len(comparison.articles))
        ]
    return [article.label for article in comparison.articles]


def fact_heading(comparison: Comparison, group: int, names: list[str]) -> str:
    """ "Only in Outlet A", "Reported by both", "Reported by 2 of 3 outlets" or, when no two
    outlets report it the same way, "Loosely related in 2 of 2 outlets"."""
    presence = comparison.presence(comparison.groups[group])
    carriers = [k for k, state in enumerate(presence) if state != "absent"]
    if len(carriers) == 1:
        near = possibly_also(comparison, *comparison.groups[group].members[0])
        return f"In {names[carriers[0]]}; {near}" if near else f"Only in {names[carriers[0]]}"
    if "present" not in presence:  # no outlet reports it the same way as another
        return f"Loosely related in {len(carriers)} of {len(presence)} outlets"
    if len(carriers) == len(presence):
        return (
            f"Reported by all {len(presence)} outlets" if len(presence) > 2 else "Reported by both"
        )
    return f"Reported by {len(carriers)} of {len(presence)} outlets"


@dataclass(frozen=True)
class Card:
    """One outlet's column on a slide: its name and its sentences as HTML (None: not reported)."""

    title: str
    html: str | None
    note: str = ""  # "loosely related" and the like


class SlideBuilder:
    """Turns a group into cards, reading each article's marks once (they do not change)."""

    def __init__(self, comparison: Comparison, palette: theme.Palette) -> None:
        self.comparison, self.palette = comparison, palette
        self._statuses = [sentence_statuses(comparison, k) for k in range(len(comparison.articles))]

    def cards(self, group: int, names: list[str], px: int) -> list[Card]:
        comparison = self.comparison
        members = comparison.groups[group].members
        presence = comparison.presence(comparison.groups[group])
        out = []
        for k, name in enumerate(names):
            refs = [ref for ref in members if ref[0] == k]
            if not refs:
                out.append(Card(name, None))
                continue
            body = "".join(self._sentence_html(ref, px) for ref in refs)
            note = "loosely related" if presence[k] == "related" else ""
            out.append(Card(name, body, note))
        return out

    def _sentence_html(self, ref: Ref, px: int) -> str:
        sentence = self.comparison.sentence(ref)
        status: SentenceStatus = self._statuses[ref[0]][ref[1]]
        role = ""
        if sentence.role == HEADLINE:
            role = f'<span style="color:{self.palette.muted.name()};">Headline: </span>'
        text = marked_text_html(sentence.text, status.changed, self.palette, px)
        return f'<p style="margin-bottom:{px // 2}px;">{role}{text}</p>'


def marked_text_html(text: str, marks: tuple[Mark, ...], palette: theme.Palette, px: int) -> str:
    """`text` with each mark tinted and underlined (the non-colour cue), then its tag label.

    Labels are small and bracketed so that, like the Columns' raised labels, they read as notes
    about the words before them and not as article text.
    """
    parts, position = [], 0
    style = f"background-color: {palette.change.name()};"
    label_style = f"color: {palette.change_line.name()}; font-size: {max(10, round(px * 0.55))}px;"
    for mark in marks:
        if mark.start < position or mark.end > len(text):
            continue
        parts.append(escape(text[position : mark.start]))
        words = text[mark.start : mark.end]
        if mark.tint:
            parts.append(
                marked_sentence_html(words, [(0, len(words))], "nd-change", tag="u", style=style)
            )
        else:
            parts.append(escape(words))
        if mark.tags:
            parts.append(f'<span style="{label_style}"> [{escape(" · ".join(mark.tags))}]</span>')
        position = mark.end
    parts.append(escape(text[position:]))
    return "".join(parts)


class SlideCanvas(QWidget):
    """Paints one slide: a heading and the outlets' cards side by side, fitted to the widget.

    Painting QTextDocuments directly (rather than laying out labels) means the size measured
    while fitting is exactly the size drawn, so the fit cannot be off and clip a line.
    """

    clicked = Signal(bool)  # True: forward (left button), False: back (right button)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.palette_ = theme.palette_for(True)
        self.heading = ""
        self.cards: list[Card] = []
        self.base_px = 40
        self.floor_px = 18
        self._build = None  # callable px -> (heading, cards), set by show_slide
        self._docs: list[QTextDocument] = []
        self._heading_doc = QTextDocument()
        self.px = self.base_px

    def show_slide(self, build, palette: theme.Palette, base_px: int, floor_px: int) -> None:
        self._build, self.palette_ = build, palette
        self.base_px, self.floor_px = base_px, floor_px
        self._fit()
        self.update()

    def shown_text(self) -> str:
        """Everything on the slide as plain text (what a viewer can read)."""
        texts = [self._heading_doc.toPlainText()] + [doc.toPlainText() for doc in self._docs]
        return "\n".join(texts)

    # --- fitting ---------------------------------------------------------------------------

    def _metrics(self, px: int) -> tuple[int, int, int]:
        """(gap between cards, padding inside a card, card width) at text size `px`."""
        n = max(1, len(self.cards) or 1)
        gap, pad = round(px * 0.6), round(px * 0.5)
        width = max(40, (self.width() - gap * (n - 1)) // n)
        return gap, pad, width

    def _fit(self) -> None:
        """The largest size, from base_px down to floor_px, at which every card fits."""
        if self._build is None:
            return
        px = self.base_px
        while True:
            self.heading, self.cards = self._build(px)
            self._make_docs(px)
            if self._height_needed(px) <= self.height() or px <= self.floor_px:
                break
            px = max(self.floor_px, int(px * SHRINK))
        self.px = px

    def _make_docs(self, px: int) -> None:
        _, pad, width = self._metrics(px)
        pal = self.palette_
        self._heading_doc = _document(
            f'<p style="font-size:{self._label_px(px, 0.75)}px;"><b>{escape(self.heading)}</b></p>',
            self.width(),
            px,
        )
        self._docs = []
        for card in self.cards:
            title = f"<p><b>{escape(card.title)}</b>"
            if card.note:
                title += f' <span style="color:{pal.muted.name()};">({escape(card.note)})</span>'
            size = f"font-size:{self._label_px(px, 0.8)}px; margin-bottom:{px // 3}px;"
            title = f'<div style="{size}">{title}</p></div>'
            body = card.html if card.html is not None else f"<p><i>{NOT_REPORTED}</i></p>"
            self._docs.append(_document(title + body, width - 2 * pad, px))

    def _label_px(self, px: int, share: float) -> int:
        """Heading and outlet names shrink with a long fact's text, but stay readable: they are
        what the class reads first."""
        return max(round(px * share), round(self.floor_px * 1.3))

    def _height_needed(self, px: int) -> float:
        _, pad, _ = self._metrics(px)
        tallest = max((doc.size().height() for doc in self._docs), default=0.0)
        return self._heading_doc.size().height() + px * 0.4 + tallest + 2 * pad

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit()

    # --- painting --------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._draw(painter, self._heading_doc)
        top = self._heading_doc.size().height() + self.px * 0.4
        gap, pad, width = self._metrics(self.px)
        height = self.height() - top - 2
        for k, (card, doc) in enumerate(zip(self.cards, self._docs, strict=False)):
            rect = QRectF(k * (width + gap) + 1, top, width - 2, height)
            self._paint_card(painter, rect, card.html is None)
            painter.save()
            painter.translate(rect.left() + pad, rect.top() + pad)
            self._draw(painter, doc)
            painter.restore()
        painter.end()

    def _draw(self, painter: QPainter, doc: QTextDocument) -> None:
        """Draw `doc` in the slide's text colour (drawContents would use the app's palette)."""
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, self.palette_.text)
        doc.documentLayout().draw(painter, context)

    def _paint_card(self, painter: QPainter, rect: QRectF, absent: bool) -> None:
        """A reported card has a solid frame, a missing one a dashed grey one (a non-colour cue)."""
        pal = self.palette_
        pen = QPen(pal.muted if absent else pal.selection_edge, max(2, self.px // 12))
        pen.setStyle(Qt.PenStyle.DashLine if absent else Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.setBrush(pal.absent if absent else pal.linked)
        radius = self.px * 0.3
        painter.drawRoundedRect(rect, radius, radius)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self.clicked.emit(event.button() != Qt.MouseButton.RightButton)


def _document(html: str, width: float, px: int) -> QTextDocument:
    doc = QTextDocument()
    font = doc.defaultFont()
    font.setFamilies(["Georgia", "DejaVu Serif", "Noto Serif", "serif"])
    font.setPixelSize(px)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    doc.setTextWidth(max(10.0, width))
    return doc
