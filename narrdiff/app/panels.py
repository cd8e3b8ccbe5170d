"""Small window parts: the welcome drop page, the message bar, the find bar, the strictness
control and the paste dialog. Each is a plain widget with signals; none knows the core's
comparisons (the message bar only borrows `core.output.printable` to keep a message on one
line)."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from narrdiff.core.output import printable


class WelcomePage(QFrame):
    """The empty state: invites a drop and offers the three ways in."""

    open_requested = Signal()
    paste_requested = Signal()
    samples_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WelcomePage")
        title = QLabel("Drop two or more articles here")
        title.setObjectName("WelcomeTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # at twice the text size this one line is 900 px at 20 pt; unwrapped, it held the whole
        # window that wide even behind the comparison (a stack is as wide as its widest page)
        title.setWordWrap(True)
        self.detail = QLabel(
            "narrdiff links the sentences that report the same fact and shows what each outlet "
            "adds, omits and words differently.\nText, Markdown, web pages, PDF, Word, e-mail and "
            "RTF files work; so do links and text dragged from a browser (or pasted, Ctrl+V)."
        )
        self.detail.setObjectName("WelcomeDetail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.detail.setMinimumWidth(420)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for text, tip, signal in (
            ("Open…", "Choose article files (Ctrl+O)", self.open_requested),
            ("Paste article", "Paste an article's text (Ctrl+Shift+V)", self.paste_requested),
            (
                "Open the sample articles",
                "Two reports of one story, from The Independent and "
                "The Daily Telegraph (September 2022)",
                self.samples_requested,
            ),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setMinimumHeight(36)
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addSpacing(8)
        detail_row = QHBoxLayout()
        detail_row.addStretch(1)
        detail_row.addWidget(self.detail, 4)
        detail_row.addStretch(1)
        layout.addLayout(detail_row)
        layout.addSpacing(20)
        layout.addLayout(buttons)
        layout.addStretch(3)

    def set_pending(self, names: list[str]) -> None:
        """Say which articles are loaded: waiting for a partner, or being compared."""
        if len(names) == 1:
            self.detail.setText(f"Loaded: {names[0]}.\nDrop one more article to compare.")
        elif names:
            self.detail.setText(f"Comparing {', '.join(names)}…")


MESSAGE_CHARS = 600
UNBROKEN_CHARS = 12
_UNBROKEN = re.compile(rf"\S{{{UNBROKEN_CHARS}}}(?=\S)")


def shown(text: str, limit: int) -> str:
    """`text` cut to `limit` characters (with "…"), with a break opportunity after every
    `UNBROKEN_CHARS` characters of a run without spaces: a wrapping label never breaks inside
    a word by itself, so one long name would otherwise widen the window."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _UNBROKEN.sub("\\g<0>\u200b", text)


def plain_tooltip(text: str, limit: int = 1_000) -> str:
    """A tooltip that shows `text` (cut to `limit`) literally: Qt guesses whether a tooltip is
    rich text, so markup in a name would otherwise be rendered. Escaped inside <qt>, it is not."""
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


class MessageBar(QFrame):
    """Non-modal notices (a file that could not be read, a model fallback), dismissible."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # messages quote names and headlines
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.setAutoRaise(True)
        close.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(QLabel("⚠"))
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.messages: list[str] = []
        self.hide()

    def add(self, message: str) -> None:
        # One message, one line: a newline in a file name must not fake a second message, and
        # a file name of thousands of characters must not widen the window.
        message = printable(message)
        if len(message) > MESSAGE_CHARS:
            message = message[: MESSAGE_CHARS - 1] + "…"
        if message in self.messages:
            return
        self.messages.append(message)
        self.label.setText("\n".join(shown(m, MESSAGE_CHARS) for m in self.messages[-4:]))
        self.show()

    def clear(self) -> None:
        self.messages = []
        self.hide()


class FindBar(QFrame):
    """Ctrl+F: a search field that finds across all columns."""

    find_requested = Signal(str, bool)  # text, forward

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindBar")
        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in all articles")
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(lambda: self.find_requested.emit(self.field.text(), True))
        self.field.textChanged.connect(lambda text: self.find_requested.emit(text, True))
        self.count = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(QLabel("Find:"))
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        for text, tip, forward in (
            ("↓", "Next match (Enter)", True),
            ("↑", "Previous match", False),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(
                lambda _=False, f=forward: self.find_requested.emit(self.field.text(), f)
            )
            layout.addWidget(button)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.find_requested.emit("", True)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)


class StrictnessControl(QWidget):
    """A slider from generous to strict; emits the value (0–1) after the user pauses."""

    strictness_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setPageStep(10)
        self.slider.setFixedWidth(160)
        self.slider.setToolTip(
            "How sure a link must be: generous links loosely related sentences too, strict "
            "only near-identical facts. Re-links instantly from the stored embeddings."
        )
        # a short pause before re-linking: dragging emits dozens of values a second
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(60)
        self._debounce.timeout.connect(lambda: self.strictness_changed.emit(self.value()))
        self.slider.valueChanged.connect(lambda _v: self._debounce.start())
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(QLabel("Strictness:"))
        layout.addWidget(QLabel("generous"))
        layout.addWidget(self.slider)
        layout.addWidget(QLabel("strict"))

    def value(self) -> float:
        return self.slider.value() / 100.0

    def set_value(self, strictness: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(strictness * 100))
        self.slider.blockSignals(False)


class PasteDialog(QDialog):
    """Paste an article's text (pre-filled from the clipboard) and name its outlet."""

    def __init__(self, parent: QWidget | None = None, default_name: str = "Pasted article"):
        super().__init__(parent)
        self.setWindowTitle("Paste article")
        self.resize(640, 480)
        self.name = QLineEdit(default_name)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(
            "Paste the article's text here: headline first, then the body."
        )
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None and clipboard.text().strip():
            self.text.setPlainText(clipboard.text())
        form = QFormLayout()
        form.addRow("Outlet or name:", self.name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add article")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)


def show_shortcuts(parent: QWidget, actions) -> None:
    """F1: every action that has a shortcut, in a table."""
    rows = [
        f"<tr><td>{a.text().replace('&', '')}</td><td><b>{a.shortcut().toString()}</b></td></tr>"
        for a in actions
        if a.text() and not a.shortcut().isEmpty()
    ]
    QMessageBox.information(parent, "Keyboard shortcuts", f"<table>{''.join(rows)}</table>")


def show_about(parent: QWidget) -> None:
    from narrdiff import __version__

    QMessageBox.about(
        parent,
        "About narrdiff",
        f"<b>narrdiff {__version__}</b><p>Compare how different outlets report the same "
        "story: what each adds, omits and words differently.</p><p>Sentences are linked by "
        "meaning with all-MiniLM-L6-v2, running locally and offline.</p>",
    )
