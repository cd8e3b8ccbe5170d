"""The header of an article column: outlet, headline, counts, sources, omissions, actions.

It shows what the Comparison says about one article and emits the user's requests (rename,
move, remove, jump to an omitted fact); it changes nothing itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QToolButton, QVBoxLayout, QWidget

from narrdiff.app import theme
from narrdiff.app.panels import plain_tooltip, shown
from narrdiff.core.model import Comparison, excerpt

OUTLET_CHARS = 80
HEADLINE_CHARS = 300
TOOLTIP_CHARS = 1_000
RENAME_TIP = "Double-click to rename this outlet"


class ColumnHeader(QFrame):
    """Outlet and headline of one article, with its omissions and small article actions."""

    omission_chosen = Signal(int)  # group index
    remove_requested = Signal()
    move_requested = Signal(int)  # -1 left, +1 right
    rename_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ColumnHeader")
        # Plain text: an outlet name or headline is the article's (or the user's), never markup.
        self.outlet = QLabel()
        self.outlet.setTextFormat(Qt.TextFormat.PlainText)
        self.outlet.setObjectName("Outlet")
        self.outlet.setToolTip(RENAME_TIP)
        self.headline = QLabel()
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
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
        # an article fetched from the web opens in the browser (the address is its source)
        self.open_button = QToolButton()
        self.open_button.setText("↗")
        self.open_button.setAutoRaise(True)
        self.open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl(self.source)))
        self.open_button.hide()
        buttons.addWidget(self.open_button)
        self.source = ""
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
        self.outlet.setText(shown(art.label, OUTLET_CHARS))
        self.source = art.source
        self.outlet.setToolTip(
            plain_tooltip(f"{art.label}\n{art.source}\n{RENAME_TIP}", TOOLTIP_CHARS)
        )
        self.headline.setText(shown(art.headline or "", HEADLINE_CHARS))
        self.headline.setToolTip(
            plain_tooltip(f"{art.headline or ''}\n{art.source}", TOOLTIP_CHARS)
        )
        web = art.source.startswith(("http://", "https://"))
        self.open_button.setVisible(web)
        self.open_button.setToolTip(
            plain_tooltip(f"Open {art.source} in the browser", TOOLTIP_CHARS) if web else ""
        )
        self.headline.setVisible(bool(art.headline))
        only = comparison.only_here(article)
        maybe = len(comparison.adds(article)) - len(only)
        omits = comparison.omits(article)
        # only what can be said reliably is counted as "only here" (core/framing/nearby.py)
        # short: four columns share a window; the tooltip says it in words
        self.counts.setText(f"{theme.MARK_ADDS} {len(only)}" + (f" · ? {maybe}" if maybe else ""))
        self.counts.setToolTip(
            f"{len(only)} sentences no other article reports"
            + (f"; {maybe} more with a near match elsewhere, marked ?" if maybe else "")
        )
        self.omits_button.setText(f"omits {len(omits)} ▾")
        self.omits_button.setEnabled(bool(omits))
        menu = QMenu(self.omits_button)
        for index in comparison.omitted_indices(article):
            group = comparison.groups[index]
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
    return excerpt(text, limit)
