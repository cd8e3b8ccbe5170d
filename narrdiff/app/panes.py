"""The panes of the main window: welcome page, the three tabs, message and find bars, Inspector.

`build_panes(w)` builds them into the window `w` and connects them to its slots, as
`build_menus` does for the menus. It holds no state of its own and computes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from narrdiff.app.panels import FindBar, MessageBar, WelcomePage
from narrdiff.app.views.coverage import CoverageView
from narrdiff.app.views.framing_view import FramingView
from narrdiff.app.views.inspector import InspectorPanel
from narrdiff.app.views.view import ComparisonView


def build_panes(w) -> None:
    """The welcome page, the Columns/Coverage/Framing tabs, the message and find bars and the
    Inspector dock, built into `w` (the MainWindow) and wired to its slots."""
    w.welcome = WelcomePage()
    w.welcome.open_requested.connect(w.open_files)
    w.welcome.paste_requested.connect(w.paste_article)
    w.welcome.samples_requested.connect(w.open_samples)
    w.view = ComparisonView()
    w.view.group_selected.connect(w._on_group_selected)
    w.view.remove_requested.connect(w.remove_article)
    w.view.move_requested.connect(w.move_article)
    w.view.rename_requested.connect(w.rename_article)
    w.view.link_requested.connect(w.link_sentences)
    w.view.unlink_requested.connect(w.unlink_sentences)
    w.coverage = CoverageView()
    w.coverage.group_activated.connect(w.jump_to_group)
    w.tabs = QTabWidget()
    w.tabs.setDocumentMode(True)
    w.tabs.addTab(w.view, "Columns")
    w.tabs.addTab(w.coverage, "Coverage")
    w.framing = FramingView()
    w.framing.finding_activated.connect(w._jump_to_sentence)
    w.tabs.addTab(w.framing, "Framing")
    w.stack = QStackedWidget()
    w.stack.addWidget(w.welcome)
    w.stack.addWidget(w.tabs)
    w.messages = MessageBar()
    w.find_bar = FindBar()
    w.find_bar.find_requested.connect(w._find)
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(w.messages)
    layout.addWidget(w.find_bar)
    layout.addWidget(w.stack, 1)
    w.setCentralWidget(central)
    w.inspector = InspectorPanel()
    w.dock = QDockWidget("Inspector", w)
    w.dock.setObjectName("InspectorDock")
    w.dock.setWidget(w.inspector)
    w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, w.dock)
    # the inspector reads prose: its width follows the text size
    width = round(22 * w.settings.font_size)
    w.resizeDocks([w.dock], [width], Qt.Orientation.Horizontal)
