"""Every file narrdiff writes goes through here: a temporary file beside the target, then a rename.

`write_text(path, text)` and `write_bytes(path, data)` write a whole file; `replacing(path)`
hands a temporary path to a writer that needs a file name of its own (Qt's PDF writer) and puts
it in place when the writer is done. Either way the target is whole or untouched: a crash, a
full disk or a refused write never leaves half a file, and the old file survives a failed
write. Any failure raises `OutputError(path, reason)` with a reason a user understands ("its
folder does not exist", "is a folder", "permission denied", "the disk is full").

A device or pipe (`-o /dev/stdout`) is written directly, since a rename would replace the
device node. `printable(text)` escapes control characters so that text from an article or a
file name printed to a terminal cannot fake a line or drive the terminal.

This module depends on nothing else in narrdiff, and decides nothing about what is written.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(Exception):
    """A file that could not be written; `str(e)` is "<path>: <reason>"."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def write_text(
    path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8", newline: str | None = None
) -> Path:
    """Write `text` to `path` atomically. A character the encoding cannot hold becomes "?"."""
    if newline is None:
        text = text.replace("\n", os.linesep) if os.linesep != "\n" else text
    return write_bytes(path, text.encode(encoding, errors="replace"))


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `path` atomically."""
    with replacing(path) as temp:
        try:
            with open(temp, "wb") as out:
                out.write(data)
                out.flush()
                if os.path.isfile(temp):  # a device or pipe cannot be synced
                    os.fsync(out.fileno())  # the bytes reach the disk before the name does
        except OSError as err:
            raise OutputError(str(path), reason(err)) from None
    return Path(path)


@contextmanager
def replacing(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary file beside `path` to write; renamed onto `path` when the block succeeds.

    The temporary file is removed if the block raises. OutputError names `path`.
    """
    target = Path(path)
    if _is_special(target):
        # A device or pipe (/dev/stdout, a FIFO) cannot be replaced by a rename: written as is.
        try:
            yield target
        except OSError as err:
            raise OutputError(str(path), reason(err)) from None
        return
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name[:80]}.", suffix=".part", dir=target.parent
        )
    except OSError as err:
        raise OutputError(str(path), reason(err)) from None
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        _keep_mode(target, temp)
        os.replace(temp, target)
    except OSError as err:
        temp.unlink(missing_ok=True)
        raise OutputError(str(path), reason(err)) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def check_target(path: str | os.PathLike[str]) -> None:
    """Refuse, before any work, a target that is a folder or whose folder does not exist."""
    _is_special(Path(path))


def _is_special(target: Path) -> bool:
    """Whether `target` is a device or pipe; refuses a folder or a missing folder first."""
    if not target.name:
        raise OutputError(str(target), "is a folder")
    try:
        info = target.stat()
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise OutputError(str(target), "its folder does not exist") from None
        return False
    except OSError as err:
        raise OutputError(str(target), reason(err)) from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(str(target), "is a folder")
    return not stat.S_ISREG(info.st_mode)


def _keep_mode(target: Path, temp: Path) -> None:
    """Give the new file the old file's permissions (mkstemp makes it private), or the umask's."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


def reason(err: OSError) -> str:
    """Why a write failed, as a user reads it."""
    code = err.errno
    if code == errno.ENOENT:
        return "its folder does not exist"
    if code == errno.EISDIR:
        return "is a folder"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full"
    if code == errno.EROFS:
        return "the disk is read-only"
    if code == errno.ENOTDIR:
        return "part of its folder path is a file"
    return f"could not be written ({(err.strerror or str(err)).lower()})"


_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with control characters (and bidi overrides) shown as escapes, e.g. "\\x1b".

    With `keep_newlines`, "\\n" and "\\t" stay (a report's own layout); otherwise they are
    escaped too, so one message stays one line.
    """

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char in "\n\t":
            return char
        if char in _NAMED:
            return _NAMED[char]
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _CONTROL.sub(escape, text)
