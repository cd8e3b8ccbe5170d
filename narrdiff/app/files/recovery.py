"""Recovery files: one per open window, and the ones windows that died left behind.

Each window writes its unsaved work to its own file in `<data dir>/recovery/` and holds a lock
beside it (`QLockFile`: the owner's process id and name) for as long as it is open. Another
narrdiff starting meanwhile sees the lock held by a live process and neither offers nor touches
that file; a lock whose process died is stale, so the next start takes it over and offers the
work back. (One shared `recovery.narrdiff` for every window, as before, let a second window
offer a running window's work as "not closed properly", and two windows overwrite each other's.)
A `recovery.narrdiff` left by an older narrdiff in the data folder is offered the same way.

This module only names, locks and removes files; writing and reading them is `saving.py`'s
(through core.savefile). No widget here.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

from PySide6.QtCore import QLockFile

FOLDER = "recovery"
LEGACY_NAME = "recovery.narrdiff"  # the one file every window shared, before per-window files
_windows = itertools.count()  # several windows of one process each need their own file


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path.with_suffix(".lock")))
    # only a dead owner makes a lock stale: by default Qt also calls any lock older than 30 s
    # stale, which would hand a long-running window's work to the next start
    lock.setStaleLockTime(0)
    return lock


class RecoveryFiles:
    """This window's own recovery file, and at most one orphan (another window's file whose
    owner died) on offer at a time. `data_dir`: where narrdiff keeps its files."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.folder = data_dir / FOLDER
        self.own = self.folder / f"{os.getpid()}-{next(_windows)}.narrdiff"
        self._own_lock: QLockFile | None = None
        self.offered: Path | None = None
        self._offered_lock: QLockFile | None = None

    def hold_own(self) -> None:
        """Lock this window's file before its first write (creating the folder)."""
        if self._own_lock is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            lock = _lock(self.own)
            if lock.tryLock(0):
                self._own_lock = lock

    def remove_own(self) -> None:
        """The window's work is saved or closed on purpose: its file and lock go."""
        self.own.unlink(missing_ok=True)
        if self._own_lock is not None:
            self._own_lock.unlock()
            self._own_lock = None

    def take_orphan(self) -> Path | None:
        """The newest recovery file no live window holds, locked for this window while it is
        offered; None when there is none."""
        self.release_offered()
        candidates = [self.data_dir / LEGACY_NAME]
        if self.folder.is_dir():
            candidates += sorted(self.folder.glob("*.narrdiff"))
        found = []
        for path in candidates:
            try:
                found.append((path.stat().st_mtime, path))
            except OSError:
                continue  # gone meanwhile, or never there (the legacy name)
        for _, path in sorted(found, reverse=True):
            if path == self.own:
                continue
            lock = _lock(path)
            if lock.tryLock(0):
                self.offered, self._offered_lock = path, lock
                return path
        return None

    def forget_offered(self) -> None:
        """The offered work was restored or discarded: its file and lock go."""
        if self.offered is not None:
            self.offered.unlink(missing_ok=True)
        self.release_offered()

    def release_offered(self) -> None:
        """Stop offering without deciding (the window closes): the next start offers it again."""
        if self._offered_lock is not None:
            self._offered_lock.unlock()
        self.offered, self._offered_lock = None, None
