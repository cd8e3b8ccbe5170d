"""The launcher entry: installed into a scratch data folder, it parses, starts an existing
program, quotes odd paths per the spec, and its icon is a valid SVG Qt can draw."""

from __future__ import annotations

import configparser
import os
import stat
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtGui import QIcon

from narrdiff.app.files.desktop import exec_quote, install_desktop_entry

SVG_NS = "{http://www.w3.org/2000/svg}"


def read_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # desktop entry keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def split_exec(value: str) -> list[str]:
    """The Exec arguments as a launcher reads them: undo string escapes, then the quoting."""
    value = value.replace("\\\\", "\\")
    args, current, quoted, k = [], "", False, 0
    while k < len(value):
        ch = value[k]
        if quoted and ch == "\\" and value[k + 1] in '"`$\\':
            current += value[k + 1]
            k += 1
        elif ch == '"':
            quoted = not quoted
        elif ch == " " and not quoted:
            if current:
                args.append(current)
            current = ""
        else:
            current += ch
        k += 1
    args.append(current)
    return [arg.replace("%%", "%") if arg != "%F" else arg for arg in args]


def executable(path: Path, body: str = "#!/bin/sh\nexit 0\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_install_writes_a_valid_entry_that_starts_an_existing_program(tmp_path):
    written = install_desktop_entry(data_home=tmp_path)

    entry_path = tmp_path / "applications" / "narrdiff.desktop"
    icon_path = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "narrdiff.svg"
    assert written == [entry_path, icon_path]
    entry = read_entry(entry_path)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "narrdiff"
    assert entry["GenericName"] == "News comparison"
    assert entry["Comment"]
    assert entry["Icon"] == "narrdiff"
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;Education;TextTools;"
    assert entry["MimeType"] == "text/plain;text/html;text/markdown;"
    argv = split_exec(entry["Exec"])
    assert argv[-1] == "%F"
    program = Path(argv[0])
    assert program.is_absolute() and program.is_file() and os.access(program, os.X_OK)
    assert entry["TryExec"] == argv[0]
    assert "@" not in entry_path.read_text()
    assert not list(tmp_path.rglob("*.part"))


def test_a_path_with_spaces_dollars_and_percents_is_quoted(tmp_path):
    program = executable(tmp_path / "my apps" / "narr$diff 100%")

    install_desktop_entry(exec_path=str(program), data_home=tmp_path)

    entry = read_entry(tmp_path / "applications" / "narrdiff.desktop")
    assert entry["Exec"] == f'"{tmp_path}/my apps/narr\\\\$diff 100%%" %F'
    assert split_exec(entry["Exec"]) == [str(program), "%F"]


def test_exec_quote_follows_the_spec():
    assert exec_quote("/usr/bin/narrdiff") == "/usr/bin/narrdiff"
    assert exec_quote("/opt/a b") == '"/opt/a b"'
    assert exec_quote('/opt/say "hi"') == '"/opt/say \\\\"hi\\\\""'
    assert exec_quote("C:\\odd") == '"C:\\\\\\\\odd"'  # four backslashes stand for one
    assert exec_quote("50%") == "50%%"


def test_without_a_narrdiff_script_the_entry_runs_python_dash_m(tmp_path, monkeypatch):
    python = executable(tmp_path / "bare" / "python3")
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))

    install_desktop_entry(data_home=tmp_path)

    entry = read_entry(tmp_path / "applications" / "narrdiff.desktop")
    assert split_exec(entry["Exec"]) == [str(python), "-m", "narrdiff", "%F"]


def test_xdg_data_home_is_the_default_target(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    written = install_desktop_entry()
    assert written[0] == tmp_path / "xdg" / "applications" / "narrdiff.desktop"
    assert all(path.is_file() for path in written)


def test_update_desktop_database_runs_when_present_and_its_failure_is_ignored(
    tmp_path, monkeypatch
):
    calls = tmp_path / "calls.txt"
    executable(
        tmp_path / "bin" / "update-desktop-database",
        f'#!/bin/sh\necho "$1" >> "{calls}"\nexit 1\n',
    )
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))

    written = install_desktop_entry(data_home=tmp_path / "data")

    assert calls.read_text().split() == [str(tmp_path / "data" / "applications")]
    assert written[0].is_file()


def test_the_icon_is_a_self_contained_svg_that_qt_can_draw(qapp, tmp_path):
    icon_path = install_desktop_entry(data_home=tmp_path)[1]

    root = ET.parse(icon_path).getroot()
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox") == "0 0 256 256"
    text = icon_path.read_text()
    assert "#0072b2" in text and "#e69f00" in text
    assert "href" not in text and "url(" not in text  # nothing outside the file
    icon = QIcon(str(icon_path))
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    assert not image.isNull()
    assert image.pixelColor(32, 32).alpha() > 0  # something is drawn in the middle
