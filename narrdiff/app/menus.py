"""Menus, shortcuts and the toolbar of the main window.

Every command lives in a menu with its shortcut and a tooltip; the toolbar repeats the common
ones. Menus are tables of (attribute, text, slot, shortcut, tip) so the whole keyboard map reads
in one place. This module only wires actions to the window's methods; it holds no state.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QSizePolicy, QWidget

from narrdiff.app.files import exporting
from narrdiff.app.panels import StrictnessControl

Std = QKeySequence.StandardKey
# (window attribute to keep the action under or None, text, slot, shortcut, tooltip); None = ---
Row = tuple[str | None, str, Callable[[], object], object, str] | None


def _action(window, menu: QMenu, row: Row) -> None:
    if row is None:
        menu.addSeparator()
        return
    name, text, slot, shortcut, tip = row
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    window.addAction(action)  # shortcuts work even with the menu bar hidden
    if name:
        setattr(window, name, action)


def _menu(window, title: str, rows: list[Row]) -> QMenu:
    menu = window.menuBar().addMenu(title)
    for row in rows:
        _action(window, menu, row)
    return menu


def build_menus(window) -> None:
    w = window
    file_menu = _menu(
        w,
        "&File",
        [
            (
                "open_action",
                "&Open…",
                w.open_files,
                Std.Open,
                "Add article files, or open a saved comparison (.narrdiff)",
            ),
            (
                "open_address_action",
                "Open &web address…",
                lambda: w.intake.open_address(),
                "Ctrl+L",
                "Add articles by their web addresses (http or https), one per line",
            ),
            (
                "save_action",
                "&Save",
                lambda: w.saving.save(),
                "Ctrl+S",
                "Save the comparison, with its articles' texts, to a .narrdiff file",
            ),
            (
                "save_as_action",
                "Save &as…",
                lambda: w.saving.save_as(),
                "Ctrl+Shift+S",
                "Save the comparison to a new .narrdiff file",
            ),
            (
                "paste_action",
                "&Paste article…",
                w.paste_article,
                "Ctrl+Shift+V",
                "Add an article from text on the clipboard",
            ),
            (
                "paste_links_action",
                "Paste addresses or text",
                lambda: w.intake.paste(),
                Std.Paste,
                "Add the web addresses or files on the clipboard (text opens Paste article)",
            ),
            (
                "fetch_again_action",
                "&Fetch web articles again",
                lambda: w.intake.fetch_again(),
                None,
                "Read every article that came from a web address again from its site",
            ),
            (
                None,
                "Open the &sample articles",
                w.open_samples,
                None,
                "Two reports of one story (The Independent, The Daily Telegraph)",
            ),
        ],
    )
    w.recent_menu = file_menu.addMenu("Open &recent")
    w.recent_menu.aboutToShow.connect(w._fill_recent)
    for row in [
        None,
        (
            "export_action",
            "&Export…",
            lambda: exporting.export_dialog(w),
            "Ctrl+E",
            "Save the comparison as an HTML or PDF report, CSV tables, JSON or a worksheet",
        ),
        (
            "print_action",
            "P&rint…",
            lambda: exporting.print_dialog(w),
            "Ctrl+P",
            "Print the report, with a preview",
        ),
        (
            "print_worksheet_action",
            "Print &worksheet…",
            lambda: exporting.print_dialog(w, worksheet=True),
            "Ctrl+Shift+P",
            "Print a classroom worksheet with its answer key on separate pages",
        ),
        None,
        (None, "&Clear all articles", w.clear_articles, None, "Start again with an empty window"),
        None,
        (None, "&Quit", w.close, Std.Quit, ""),
    ]:
        _action(w, file_menu, row)
    _menu(
        w,
        "&Edit",
        [
            (
                "find_action",
                "&Find in articles…",
                w.find_bar.open_bar,
                Std.Find,
                "Find words in every article",
            ),
            None,
            (None, "&Settings…", w.open_settings, Std.Preferences, "Model, theme, text size"),
        ],
    )
    _build_view_menu(w)
    _build_go_menu(w)
    _menu(
        w,
        "&Compare",
        [
            (
                None,
                "&Stricter links",
                lambda: w._nudge_strictness(0.1),
                "Ctrl+]",
                "Keep only surer links",
            ),
            (
                None,
                "&Looser links",
                lambda: w._nudge_strictness(-0.1),
                "Ctrl+[",
                "Also link loosely related sentences",
            ),
            (None, "&Re-run comparison", w.run_comparison, "Ctrl+R", ""),
            (None, "&Cancel", w._escape, "Esc", "Stop fetching and a running comparison"),
        ],
    )
    _menu(
        w,
        "&Help",
        [
            (None, "&Keyboard shortcuts", w.show_shortcuts, "F1", ""),
            (None, "&About narrdiff", w.show_about, None, ""),
        ],
    )
    _build_toolbar(w)


def _build_view_menu(w) -> None:
    tabs = w.tabs
    view = _menu(
        w,
        "&View",
        [
            (None, "&Columns", lambda: tabs.setCurrentIndex(0), "Ctrl+1", "Articles side by side"),
            (None, "C&overage", lambda: tabs.setCurrentIndex(1), "Ctrl+2", "Facts × articles"),
            (
                None,
                "&Framing",
                lambda: tabs.setCurrentIndex(2),
                "Ctrl+3",
                "How the outlets word the same facts",
            ),
        ],
    )
    view.addAction(w.dock.toggleViewAction())
    w.dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+I"))
    for row in [
        None,
        (None, "Zoom &in", lambda: w.zoom(1), Std.ZoomIn, "Larger text"),
        (None, "Zoom &out", lambda: w.zoom(-1), Std.ZoomOut, "Smaller text"),
        (None, "&Reset zoom", lambda: w.zoom(0), "Ctrl+0", ""),
        (
            "boilerplate_action",
            "Show page &furniture (boilerplate)",
            w.toggle_boilerplate,
            "Ctrl+B",
            "Show or hide promo links, captions and footers",
        ),
        None,
        (
            "present_action",
            "&Present",
            lambda: w.present(blind=False),
            "F5",
            "One fact at a time in large type, full screen (Esc leaves)",
        ),
        (
            "present_blind_action",
            "Present &blind (outlets hidden)",
            lambda: w.present(blind=True),
            "Shift+F5",
            "Present with the outlets named Outlet A, B… until R reveals them",
        ),
    ]:
        _action(w, view, row)
    w.boilerplate_action.setCheckable(True)
    w.boilerplate_action.setChecked(True)
    extra = QAction(w)  # Ctrl+= as well as the platform's zoom-in key (often Ctrl++)
    extra.setShortcut(QKeySequence("Ctrl+="))
    extra.triggered.connect(lambda _checked=False: w.zoom(1))
    w.addAction(extra)


def _build_go_menu(w) -> None:
    view = w.view
    _menu(
        w,
        "&Go",
        [
            (
                "next_action",
                "&Next difference",
                lambda: view.step(view.difference_groups(), True),
                "F8",
                "Select the next fact that is missing somewhere or worded differently",
            ),
            (
                "previous_action",
                "&Previous difference",
                lambda: view.step(view.difference_groups(), False),
                "Shift+F8",
                "",
            ),
            None,
            (
                None,
                "Next &addition (only in this article)",
                lambda: w._step_article(True, True),
                "Alt+Down",
                "",
            ),
            (None, "Previous a&ddition", lambda: w._step_article(True, False), "Alt+Up", ""),
            (
                None,
                "Next &omission (missing from this article)",
                lambda: w._step_article(False, True),
                "Alt+PgDown",
                "",
            ),
            (None, "Previous o&mission", lambda: w._step_article(False, False), "Alt+PgUp", ""),
        ],
    )


def _build_toolbar(w) -> None:
    tools = w.addToolBar("Main")
    tools.setObjectName("MainToolbar")
    tools.setMovable(False)
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    tools.addAction(w.open_action)
    tools.addAction(w.paste_action)
    tools.addSeparator()
    w.previous_action.setIconText("◀ Previous")
    w.next_action.setIconText("Next difference ▶")
    tools.addAction(w.previous_action)
    tools.addAction(w.next_action)
    tools.addSeparator()
    w.strictness = StrictnessControl()
    w.strictness.set_value(w.settings.strictness)
    w.strictness.strictness_changed.connect(w.set_strictness)
    tools.addWidget(w.strictness)
    spacer = QWidget()
    spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    tools.addWidget(spacer)
    tools.addAction(w.find_action)
    tools.addAction(w.dock.toggleViewAction())
