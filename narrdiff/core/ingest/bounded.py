"""Runs a container reader in a child process with limits on memory and time.

PDF, .docx, .eml, .mht, RTF and web pages are read by large libraries (pdfminer, python-docx,
the email package, striprtf, lxml and trafilatura) whose running time and memory depend on
the file in ways no check before reading can fully bound: a compressed stream that inflates
to gigabytes, a layout that is quadratic in the glyphs of a page, a regex that backtracks. So
`read_bounded(kind, payload, source, suffix)` runs the reader for `kind` in a child process:

- on POSIX its address space may grow by at most `READER_MEMORY_BYTES` (`resource.RLIMIT_AS`,
  measured from what the child holds when it starts), and its CPU time is capped as a backstop
  should this process die first;
- the parent waits at most `READER_SECONDS` of wall-clock time, then kills it;
- a reader that refuses the file (IngestError) is passed on as it is; one that runs out of
  memory, overruns or dies becomes one IngestError naming the file and the reason.

Children come from a fork server (multiprocessing's "forkserver" start method) that imported
the reader libraries once: after the first read (~0.5–2 s, the imports) a child starts in
~30–50 ms (bench/README.md). Where there is no fork server (Windows) children are spawned and
only the time limit applies. Plain text never comes here: it is read in-process.

multiprocessing re-runs the main *script* in every child (Python 3.11's fork server never
preloads it: it looks for a "main_path" key that `get_preparation_data` names
"init_main_from_path"), so a script's own imports cost every read; narrdiff's entry points
(`narrdiff`, `python -m narrdiff`) import almost nothing at the top. As with any
multiprocessing user, a script that reads files must guard its work with
`if __name__ == "__main__":`.

This module decides nothing about formats and must not read files; it only runs a reader.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from typing import Any

from narrdiff.core.errors import IngestError
from narrdiff.core.limits import MB, READER_MEMORY_BYTES, READER_SECONDS

PRELOAD = (
    "narrdiff.core.ingest.bounded",
    "narrdiff.core.ingest.formats.pdf",
    "narrdiff.core.ingest.formats.docx",
    "narrdiff.core.ingest.formats.eml",
    "narrdiff.core.ingest.formats.mhtml",
    "narrdiff.core.ingest.formats.rtf",
    "narrdiff.core.ingest.formats.html",
    "pdfminer.high_level",
    "pdfminer.layout",
    "docx",
    "striprtf.striprtf",
    "trafilatura",
)
"""Modules the fork server imports once, so that each child starts with them loaded."""

_MEMORY = (
    f"{READER_MEMORY_BYTES / (1024 * MB):g} GB"
    if READER_MEMORY_BYTES >= 1024 * MB
    else f"{READER_MEMORY_BYTES // MB} MB"
)
OUT_OF_MEMORY = f"needs more than {_MEMORY} to unpack: a compressed-stream bomb?"

_lock = threading.Lock()
_context: Any = None


def read_bounded(kind: str, payload: bytes | str, source: str, suffix: str) -> Any:
    """The `Extracted` of `formats.read(kind, payload, …)`, run in a bounded child process.

    `kind` is a format from `formats.sniff_kind`, or "html" for decoded page text (`payload`
    is then a str). Raises IngestError only.
    """
    context = _get_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child_main, args=(sender, kind, payload, source, suffix), daemon=True
    )
    try:
        child.start()
    except OSError as err:  # no processes left, or the fork server could not start
        raise IngestError(source, f"could not be read (no reader process: {err})") from None
    finally:
        sender.close()
    try:
        if not receiver.poll(READER_SECONDS):
            raise IngestError(source, f"took longer than {READER_SECONDS} s to read")
        try:
            status, value = receiver.recv()
        except (EOFError, OSError):
            status, value = "died", None
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    return _outcome(status, value, child.exitcode, source)


def _outcome(status: str, value: Any, exitcode: int | None, source: str) -> Any:
    if status == "ok":
        return value
    if status == "refused":
        raise IngestError(source, value)
    if status == "memory":
        raise IngestError(source, OUT_OF_MEMORY)
    if status == "failed":
        raise IngestError(source, f"could not be read (its reader failed: {value})")
    # No answer: killed by a signal (an allocation the C code did not survive) or exited.
    raise IngestError(
        source, f"could not be read: its reader stopped (exit {exitcode}); {OUT_OF_MEMORY}"
    )


def _get_context() -> Any:
    global _context
    with _lock:
        if _context is None:
            if "forkserver" in multiprocessing.get_all_start_methods():
                context = multiprocessing.get_context("forkserver")
                context.set_forkserver_preload(list(PRELOAD))
            else:
                context = multiprocessing.get_context("spawn")
            _context = context
        return _context


# --- in the child -----------------------------------------------------------------------------


def _child_main(sender: Any, kind: str, payload: bytes | str, source: str, suffix: str) -> None:
    _limit_resources()
    try:
        result: tuple[str, Any] = ("ok", _run(kind, payload, source, suffix))
    except IngestError as err:
        result = ("refused", err.reason)
    except MemoryError:
        result = ("memory", None)
    except RecursionError:
        result = ("refused", "is too deeply nested to read")
    except Exception as err:  # a library bug on a strange file: a message, not a traceback
        result = ("failed", type(err).__name__)
    try:
        sender.send(result)
    except MemoryError:
        sender.send(("memory", None))
    sender.close()


def _run(kind: str, payload: bytes | str, source: str, suffix: str) -> Any:
    from narrdiff.core.ingest import formats

    if kind == "html":
        from narrdiff.core.ingest.formats.html import read_html

        assert isinstance(payload, str)
        return read_html(payload, source)
    assert isinstance(payload, bytes)
    return formats.read(kind, payload, source, suffix)


def _limit_resources() -> None:
    """Cap this process's address space growth and CPU time (POSIX; a no-op elsewhere)."""
    try:
        import resource
    except ImportError:
        return
    held = _address_space()
    limit = held + READER_MEMORY_BYTES
    _set_limit(resource, resource.RLIMIT_AS, limit)
    # The parent kills a child at READER_SECONDS; this only matters should the parent die.
    _set_limit(resource, resource.RLIMIT_CPU, 3 * READER_SECONDS)


def _set_limit(resource: Any, which: int, value: int) -> None:
    _, hard = resource.getrlimit(which)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    try:
        resource.setrlimit(which, (value, hard))
    except (ValueError, OSError):
        pass  # a limit the system will not lower is no reason to refuse the file


def _address_space() -> int:
    """Bytes of address space this process holds now (Linux /proc; else 0)."""
    try:
        with open(f"/proc/{os.getpid()}/statm", encoding="ascii") as stat:
            pages = int(stat.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") if sys.platform != "win32" else 0
