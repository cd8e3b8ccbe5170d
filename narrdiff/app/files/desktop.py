"""Install narrdiff into this user's application launcher (freedesktop.org desktop entry + icon).

`install_desktop_entry()` fills the packaged `narrdiff.desktop` template with the command that
starts this very installation, writes it to $XDG_DATA_HOME/applications and the packaged icon to
the hicolor theme, then asks `update-desktop-database` (when present) to refresh the MIME cache.
It touches only those two files, needs no Qt and no root, and never edits system folders.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

APP_ID = "narrdiff"
DESKTOP_FILE = f"{APP_ID}.desktop"
ICON_FILE = f"{APP_ID}.svg"

# Characters that force an Exec argument into double quotes (desktop entry spec, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
# Inside double quotes these four must be backslash-escaped.
_QUOTED_ESCAPES = {'"': '\\"', "`": "\\`", "$": "\\$", "\\": "\\\\"}


def install_desktop_entry(
    exec_path: str | None = None, data_home: Path | None = None
) -> list[Path]:
    """Write the desktop entry and icon; return the written paths (entry first).

    exec_path: the program to start (default: the `narrdiff` script of this installation, else
    `python -m narrdiff` with this interpreter). data_home: default $XDG_DATA_HOME, else
    ~/.local/share. Raises OSError when the files cannot be written.
    """
    home = Path(data_home) if data_home is not None else _data_home()
    command = [os.path.abspath(exec_path)] if exec_path else _default_command()
    entry = _fill_template(_resource_text(DESKTOP_FILE), command)
    entry_path = home / "applications" / DESKTOP_FILE
    icon_path = home / "icons" / "hicolor" / "scalable" / "apps" / ICON_FILE
    _write(entry_path, entry)
    _write(icon_path, _resource_text(ICON_FILE))
    _refresh_database(entry_path.parent)
    return [entry_path, icon_path]


def _data_home() -> Path:
    # The spec says a relative $XDG_DATA_HOME is invalid and must be ignored.
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def _default_command() -> list[str]:
    """argv that starts this installation of narrdiff, with absolute paths.

    The script next to the running interpreter comes first: it belongs to the same environment
    (a venv need not be on PATH); then one on PATH; then this interpreter with -m. Paths are
    made absolute but symlinks are kept, since a venv's python is a symlink whose location is
    what selects the venv.
    """
    interpreter = os.path.abspath(sys.executable)
    sibling = os.path.join(os.path.dirname(interpreter), APP_ID)
    if os.path.isfile(sibling) and os.access(sibling, os.X_OK):
        return [sibling]
    found = shutil.which(APP_ID)
    if found:
        return [os.path.abspath(found)]
    return [interpreter, "-m", APP_ID]


def exec_quote(argument: str) -> str:
    """One argument of an Exec key, quoted per the desktop entry spec.

    An argument with reserved characters goes in double quotes with ", `, $ and \\ escaped; a
    literal % is always doubled (field codes). The key's value is then string-escaped, which
    doubles each backslash once more.
    """
    text = argument.replace("%", "%%")
    if any(ch in _RESERVED for ch in text):
        text = '"' + "".join(_QUOTED_ESCAPES.get(ch, ch) for ch in text) + '"'
    return _string_escape(text)


def _string_escape(value: str) -> str:
    # The general escaping of string values: backslash first, then control characters.
    return (
        value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )


def _fill_template(template: str, command: list[str]) -> str:
    exec_line = " ".join(exec_quote(arg) for arg in command)
    return template.replace("@EXEC@", exec_line).replace("@TRYEXEC@", _string_escape(command[0]))


def _resource_text(name: str) -> str:
    return files("narrdiff.resources").joinpath(name).read_text(encoding="utf-8")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write beside and rename, so a launcher scanning the folder never reads half a file.
    partial = path.with_name(path.name + ".part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def _refresh_database(applications: Path) -> None:
    tool = shutil.which("update-desktop-database")
    if tool is None:
        return
    try:
        subprocess.run(
            [tool, str(applications)],
            check=False,
            capture_output=True,
            timeout=20,
        )
    except (OSError, subprocess.SubprocessError):
        pass  # a stale MIME cache only delays "Open with"; the entry itself is installed
