"""Start the desktop app: `narrdiff [FILE|URL …] [--samples] [--screenshot OUT.png [--size WxH]]`.

A light shell window paints first, before numpy, the core or the full window are imported (a
bare QMainWindow with the app's name: ~0.1 s from start on a quiet machine, against ~0.4 s for
the full window), empty at first and saying "Starting…" once fonts are loaded; the full window
is then built, shown in the shell's place, and the shell closes. Files named on
the command line are read off the GUI thread (app/files/reader.py), and the model loads on the
runner's worker, so nothing slow happens before the user sees a window. `--screenshot` opens
the files, waits until their comparison is shown, saves a PNG of the window and exits (for the
README and for checks).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

TextFallback = Callable[[Sequence[str]], int]
"""Prints a comparison of the given files (and --samples) as text; returns an exit code."""

SCREENSHOT_TIMEOUT_MS = 180_000


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="narrdiff",
        description="Compare how different outlets report the same story. "
        "Opens the app; `narrdiff compare FILES` runs headless (see `narrdiff compare --help`).",
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE_OR_URL",
        help="articles to open: files or http(s) addresses",
    )
    parser.add_argument("--samples", action="store_true", help="open the bundled sample articles")
    parser.add_argument(
        "--screenshot",
        metavar="OUT.png",
        help="save a picture of the window once the comparison shows, then exit",
    )
    parser.add_argument(
        "--size", default="1280x800", metavar="WxH", help="window size (default 1280x800)"
    )
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="add narrdiff to this user's application launcher and file manager",
    )
    return parser.parse_args(list(argv))


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"narrdiff: --size wants WIDTHxHEIGHT, got {text!r}") from None
    return width, height


def main() -> None:
    """Entry point of the `narrdiff-app` gui-script (no console window on Windows)."""
    sys.exit(run_app(sys.argv[1:]))


def run_app(argv: Sequence[str], text_fallback: TextFallback | None = None) -> int:
    """Open the window; with no display, `text_fallback(files)` prints the comparison instead.

    The command line passes its own headless comparison as `text_fallback`, so the app never
    imports the command line (cli > app > core).
    """
    args = parse_args(argv)
    if args.install_desktop:
        from narrdiff.app.files.desktop import install_desktop_entry

        for path in install_desktop_entry():
            print(f"installed {path}")
        return 0
    if not _has_display():
        if not args.screenshot:
            return _no_display(args, text_fallback)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no screen
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("narrdiff")
    app.setOrganizationName("narrdiff")
    app.setDesktopFileName("narrdiff")
    app.setStyle("Fusion")
    shell = _show_shell(app, _size(args.size))

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon

    from narrdiff.app.runner import CompareRunner
    from narrdiff.app.settings import AppSettings
    from narrdiff.app.window import MainWindow

    app.setWindowIcon(QIcon(_icon_path()))
    settings = AppSettings()
    runner = CompareRunner()
    runner.set_model(settings.model)
    window = MainWindow(runner, settings)
    window.setGeometry(shell.geometry())
    window.show()
    QTimer.singleShot(0, shell.close)  # once the full window is up in its place
    paths = list(args.files)
    if args.samples:
        from narrdiff.samples import sample_paths

        paths += [str(p) for p in sample_paths()]
    if paths:
        window.add_paths(paths)
    # after the first job, so cached articles show at once; the model then warms up for new drops
    runner.preload()
    if args.screenshot:
        _arm_screenshot(app, window, runner, args.screenshot, expect_comparison=len(paths) >= 2)
    code = app.exec()
    if not runner.shutdown(timeout=1.0):
        # the worker is stuck in a long native call (e.g. importing torch); do not wait for it
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


SHELL_PAINT_WAIT = 0.25  # seconds the shell may wait for its first paint before going on


def _show_shell(app, size: tuple[int, int]):
    """Show a light window at once and let it paint, before anything heavy is imported.

    Built from Qt widgets only (no numpy, no narrdiff.core). Its first frame is empty (the
    window in the app's colours, titled "narrdiff"): the first text Qt draws in a process
    loads the font database, ~0.08 s here, which would double the time to that first frame.
    Then it says, in text, that the rest is on its way, and that paints too. Returns the
    shell; the caller closes it once the full window shows.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QMainWindow

    shell = QMainWindow()
    shell.setWindowTitle("narrdiff")
    shell.resize(*size)
    shell.show()
    _wait_for_paint(app, shell)
    label = QLabel("<h1>narrdiff</h1><p>Starting…</p>")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    shell.setCentralWidget(label)
    _wait_for_paint(app, label)
    return shell


def _wait_for_paint(app, widget) -> None:
    """Process events until `widget` has painted, for at most SHELL_PAINT_WAIT seconds."""
    import time

    from PySide6.QtCore import QEvent, QEventLoop, QObject

    class PaintSeen(QObject):
        painted = False

        def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                self.painted = True
            return False

    seen = PaintSeen(widget)
    widget.installEventFilter(seen)
    deadline = time.monotonic() + SHELL_PAINT_WAIT
    while not seen.painted and time.monotonic() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    widget.removeEventFilter(seen)
    seen.deleteLater()


def _has_display() -> bool:
    """False on a Linux/BSD machine with no X11 or Wayland session (an SSH shell, a server)."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith(("linux", "freebsd")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _no_display(args: argparse.Namespace, text_fallback: TextFallback | None) -> int:
    """No screen to open a window on: say so, and show the comparison as text instead."""
    print(
        "narrdiff: no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window "
        "cannot open"
        + ("; showing the comparison as text instead" if text_fallback else "")
        + ". On a desktop, run the same command there; here, "
        "`narrdiff --screenshot OUT.png …` saves a picture of the window.",
        file=sys.stderr,
    )
    if text_fallback is None:
        return 2
    files = list(args.files) + (["--samples"] if args.samples or not args.files else [])
    return text_fallback(files)


def _icon_path() -> str:
    from importlib import resources

    return str(resources.files("narrdiff.resources").joinpath("narrdiff.svg"))


def _arm_screenshot(app, window, runner, out: str, *, expect_comparison: bool) -> None:
    """Save a picture once the comparison shows (files are read, then compared, off-thread)."""
    from PySide6.QtCore import QTimer

    def save() -> None:
        app.processEvents()
        window.grab().save(out)
        shown = window.comparison
        what = f"{len(shown.articles)} articles compared" if shown else "no comparison shown"
        print(f"saved {out} ({what})")
        window.saving.closed_cleanly()  # a picture is not unsaved work to recover later
        app.exit(0)

    def on_done(*_args) -> None:
        QTimer.singleShot(400, save)  # let layout and the gutter paint settle

    runner.finished.connect(on_done)
    runner.failed.connect(on_done)
    if not expect_comparison:
        QTimer.singleShot(1500, save)
    QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, save)
