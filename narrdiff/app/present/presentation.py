"""Presentation mode: one fact at a time, in very large type, for a classroom projector.

`PresentationWindow` steps through a Comparison's groups in story order (or only the groups that
differ: missing somewhere or worded differently) and shows, side by side, each outlet's sentences
for the fact, with the wording that differs tinted and underlined and its framing labels, or
"— not reported —" for an outlet that lacks it. In blind mode the outlets are "Outlet A",
"Outlet B"… until revealed, so a class judges the wording before the brand.

The type size follows the window height and shrinks only as far as needed for the longest fact
to fit (slides.py draws a slide; this module holds the run through them, keys and chrome). It
only renders a Comparison and computes no links, diffs or similarity of its own. It must not
change the comparison or the main window; it tells the window which fact it last showed through
`closed`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from narrdiff.app import theme
from narrdiff.app.present.slides import (
    SlideBuilder,
    SlideCanvas,
    difference_groups,
    fact_heading,
    outlet_names,
)
from narrdiff.core.model import Comparison

# Type sizes as shares of the window height. 4.5 % gives ~49 px text on a 1080-line projector,
# readable from the back of a classroom; a long fact shrinks, but never below the floor.
TEXT_SHARE = 0.045
FLOOR_SHARE = 0.02
CHROME_SHARE = 0.024  # progress line and key hints: secondary, still legible from afar

ALL, DIFFERENCES = "all", "differences"
# A clicker (presenter remote) sends PageDown/PageUp; keyboards use Space and the arrows.
FORWARD_KEYS = frozenset(
    {Qt.Key.Key_Space, Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Return}
)
BACK_KEYS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace})
KEY_HINTS = (
    "Space/→ next · ← back · D only differences · B blind · R reveal · Esc leave"
    "  —  underlined: worded differently; small label: kind of framing difference"
)


class PresentationWindow(QWidget):
    """Full-screen slides of a Comparison's facts; keys and clicks step, Esc leaves."""

    closed = Signal(object)  # the group index last shown, or None
    group_shown = Signal(int)

    def __init__(
        self,
        comparison: Comparison,
        palette: theme.Palette,
        *,
        start_group: int | None = None,
        blind: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("narrdiff — presentation")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.comparison, self.palette_ = comparison, palette
        self.builder = SlideBuilder(comparison, palette)
        self.mode, self.blind, self.revealed = ALL, blind, False
        self.position = 0
        self._build_widgets()
        self._apply_palette()
        groups = self.groups()
        if start_group in groups:
            self.position = groups.index(start_group)
        self._show_current()

    def _build_widgets(self) -> None:
        self.progress_label = QLabel()
        self.mode_label = QLabel()
        self.mode_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.canvas = SlideCanvas()
        self.canvas.clicked.connect(lambda forward: self.step(1 if forward else -1))
        self.hints = QLabel(KEY_HINTS)
        self.hints.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.progress_label, 1)
        top.addWidget(self.mode_label)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.bar)
        self.layout_.addWidget(self.canvas, 1)
        self.layout_.addWidget(self.hints)

    # --- state -----------------------------------------------------------------------------

    def groups(self) -> list[int]:
        """The groups this run steps through, in story order."""
        if self.mode == DIFFERENCES:
            return difference_groups(self.comparison) or list(range(len(self.comparison.groups)))
        return list(range(len(self.comparison.groups)))

    def current_group(self) -> int | None:
        groups = self.groups()
        return groups[self.position] if groups else None

    def step(self, delta: int) -> None:
        self.go_to(self.position + delta)

    def go_to(self, position: int) -> None:
        self.position = max(0, min(len(self.groups()) - 1, position))
        self._show_current()

    def toggle_mode(self) -> None:
        """Switch "all facts" / "only differences", staying on (or just after) the same fact."""
        current = self.current_group() or 0
        self.mode = DIFFERENCES if self.mode == ALL else ALL
        groups = self.groups()
        self.position = next((i for i, g in enumerate(groups) if g >= current), len(groups) - 1)
        self._show_current()

    def toggle_blind(self) -> None:
        self.blind, self.revealed = not self.blind, False
        self._show_current()

    def toggle_reveal(self) -> None:
        if self.blind:
            self.revealed = not self.revealed
            self._show_current()

    def names_hidden(self) -> bool:
        return self.blind and not self.revealed

    # --- showing ---------------------------------------------------------------------------

    def _show_current(self) -> None:
        groups, group = self.groups(), self.current_group()
        if group is None:
            self.progress_label.setText("No facts to show")
            return
        total = len(self.comparison.groups)
        if self.mode == ALL:
            self.progress_label.setText(f"Fact {self.position + 1} of {total}")
        else:
            self.progress_label.setText(
                f"Difference {self.position + 1} of {len(groups)} (fact {group + 1} of {total})"
            )
        self.bar.setRange(0, len(groups))
        self.bar.setValue(self.position + 1)
        mode = "Only differences" if self.mode == DIFFERENCES else "All facts"
        blind = " · outlets hidden (R reveals)" if self.names_hidden() else ""
        self.mode_label.setText(mode + blind)
        names = outlet_names(self.comparison, self.names_hidden())
        heading = fact_heading(self.comparison, group, names)
        self.canvas.show_slide(
            lambda px: (heading, self.builder.cards(group, names, px)),
            self.palette_,
            round(self.height() * TEXT_SHARE),
            round(self.height() * FLOOR_SHARE),
        )
        self.group_shown.emit(group)

    def _apply_palette(self) -> None:
        pal, chrome_px = self.palette_, max(12, round(self.height() * CHROME_SHARE))
        margin = round(self.height() * 0.03)
        self.layout_.setContentsMargins(margin * 2, margin, margin * 2, margin)
        self.layout_.setSpacing(round(margin * 0.6))
        self.bar.setFixedHeight(max(4, round(self.height() * 0.006)))
        self.setStyleSheet(
            f"PresentationWindow {{ background: {pal.page.name()}; }}"
            f" QLabel {{ color: {pal.text.name()}; font-size: {chrome_px}px; }}"
            f" QLabel#hints {{ color: {pal.muted.name()}; font-size: {round(chrome_px * 0.7)}px; }}"
            f" QProgressBar {{ background: {pal.absent.name()}; border: none; }}"
            f" QProgressBar::chunk {{ background: {pal.selection_edge.name()}; }}"
        )
        self.hints.setObjectName("hints")
        self.setAutoFillBackground(True)
        qpal = self.palette()
        qpal.setColor(self.backgroundRole(), QColor(pal.page))
        self.setPalette(qpal)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._apply_palette()
        self._show_current()

    # --- input -----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Claim the slide keys before the main window's shortcuts see them (Esc cancels a run
        there, and the main window can still count as active while the slides are up)."""
        if event.type() == QEvent.Type.ShortcutOverride and self._handles(event):
            event.accept()
            return True
        return super().event(event)

    def _handles(self, event: QKeyEvent) -> bool:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        return plain and event.key() in FORWARD_KEYS | BACK_KEYS | set(self._actions())

    def _actions(self) -> dict:
        k = Qt.Key
        return {
            k.Key_Home: lambda: self.go_to(0),
            k.Key_End: lambda: self.go_to(len(self.groups()) - 1),
            k.Key_D: self.toggle_mode,
            k.Key_B: self.toggle_blind,
            k.Key_R: self.toggle_reveal,
            k.Key_Escape: self.close,
        }

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        key, actions = event.key(), self._actions()
        if not self._handles(event):
            super().keyPressEvent(event)
        elif key in actions:
            actions[key]()
        else:
            self.step(1 if key in FORWARD_KEYS else -1)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.closed.emit(self.current_group())
        super().closeEvent(event)


def start_presentation(window, *, blind: bool = False, full_screen: bool = True) -> None:
    """Present `window.comparison` from its selected fact; F5 again returns to a running one.

    When the presentation closes, the fact last shown is selected in the window, so the class
    can dig in. `window` is the main window (comparison, view, status, dark, presentation).
    """
    if window.comparison is None or not window.comparison.groups:
        window.status.setText("Nothing to present yet: open two or more articles")
        return
    if window.presentation is not None:
        window.presentation.activateWindow()
        return
    shown = PresentationWindow(
        window.comparison,
        theme.palette_for(window.dark),
        start_group=window.view.selected_group,
        blind=blind,
        parent=window,
    )
    window.presentation = shown

    def ended(group: int | None) -> None:
        window.presentation = None
        comparison = window.comparison
        if group is not None and comparison and group < len(comparison.groups):
            window.jump_to_group(group)
        window.activateWindow()

    shown.closed.connect(ended)
    # full screen on the screen the window is on (the projector, when it is dragged there)
    shown.setGeometry(window.screen().geometry())
    if full_screen:
        shown.showFullScreen()
    else:
        shown.show()
    shown.activateWindow()
    shown.setFocus()
