"""The on-disk cache beside the encoder: sentence vectors, and records such as parsed articles.

`EmbeddingCache` is one sqlite file (in the user's cache folder) with two tables: `vectors`,
keyed by (model id, sha1 of the sentence text), and `records`, keyed by (kind, key), holding
small blobs that other stages keep to skip work on a re-opened comparison (core/link/parsed.py:
parsed articles and detected languages). `CachedEncoder` wraps any encoder with it, so a second
comparison of the same articles embeds nothing and never loads the model.

It never imports Qt and never prints; cache problems reach the caller through `warn`.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

from narrdiff.core.link.encoders import Encoder

CACHE_ENV = "NARRDIFF_CACHE_DIR"
CACHE_FILE = "embeddings.sqlite3"


def default_cache_dir() -> Path:
    """$NARRDIFF_CACHE_DIR if set, else the platform's user cache folder for narrdiff."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    import platformdirs  # light, but only needed here

    return Path(platformdirs.user_cache_dir("narrdiff"))


def _text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class CacheWarning(UserWarning):
    """The embedding cache was rebuilt or fell back to memory (raised only when no `warn`)."""


def _warn_python(message: str) -> None:
    # The default for callers that pass no `warn`: a Python warning reaches a console user (the
    # CLI shows it on stderr once) and a test, instead of vanishing.
    warnings.warn(message, CacheWarning, stacklevel=2)


class EmbeddingCache:
    """Sentence vectors on disk: a sqlite table keyed by (model id, sha1 of the sentence text);
    beside it, records (`get_records`, `put_records`): small blobs keyed by (kind, key).

    folder: where the file lives (default `default_cache_dir()`). warn: called with a message when
    the cache had to be rebuilt or fell back to memory; it never raises (default: a CacheWarning).
    Every such message is also kept until `take_warnings()` collects it.

    Safety: each `put_many` (and `put_records`) is one `BEGIN IMMEDIATE` transaction in WAL mode, so
    a process killed mid-write leaves the file with all or none of that batch. Two processes may
    share the file: writers queue on sqlite's lock for up to `BUSY_SECONDS` and readers never wait
    for writers. A damaged file (garbage, truncated, a bad page) is renamed aside and rebuilt; an
    unwritable folder makes the cache live in memory only, for this process. A stored row whose byte
    length does not match its dimension is treated as a miss, never returned.
    """

    # A writer holds the lock for one batch (milliseconds); a second instance waiting longer than
    # this is stuck, and the cache degrades to memory rather than hang the comparison.
    BUSY_SECONDS = 10.0

    def __init__(
        self,
        folder: str | Path | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.folder = Path(folder) if folder is not None else default_cache_dir()
        self.path = self.folder / CACHE_FILE
        self._warn_callback = warn or _warn_python
        self._pending: list[str] = []
        self._lock = threading.Lock()
        self._memory: dict[tuple[str, str], np.ndarray] = {}
        self._records: dict[tuple[str, str], bytes] = {}  # when the file cannot be used
        self._conn: sqlite3.Connection | None = self._open()

    @property
    def persistent(self) -> bool:
        """False when the cache degraded to memory only."""
        return self._conn is not None

    def take_warnings(self) -> list[str]:
        """The warning messages given since the last call (each is returned once)."""
        taken, self._pending = self._pending, []
        return taken

    def _warn(self, message: str) -> None:
        self._pending.append(message)
        self._warn_callback(message)

    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN IMMEDIATE ourselves (see put_many).
        conn = sqlite3.connect(
            self.path, timeout=self.BUSY_SECONDS, isolation_level=None, check_same_thread=False
        )
        try:
            conn.execute(f"PRAGMA busy_timeout={int(self.BUSY_SECONDS * 1000)}")
            self._enable_wal(conn)
            # NORMAL is crash-safe in WAL mode (a killed process loses nothing committed); only a
            # power cut may lose the last batches, which a cache can afford. It skips an fsync.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key TEXT NOT NULL, "
                "dim INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (model, key))"
            )
            conn.execute(
                "CREATE TABLE IF NOT EXISTS records (kind TEXT NOT NULL, key TEXT NOT NULL, "
                "data BLOB NOT NULL, PRIMARY KEY (kind, key))"
            )
            # Garbage fails above; a damaged page inside a valid file fails here (~1.5 ms per
            # thousand cached sentences).
            verdict = conn.execute("PRAGMA quick_check").fetchone()
            if verdict is None or verdict[0] != "ok":
                first = str(verdict[0]).splitlines()[-1] if verdict else "no answer"
                raise sqlite3.DatabaseError(f"integrity check failed: {first}")
        except BaseException:
            conn.close()
            raise
        return conn

    def _enable_wal(self, conn: sqlite3.Connection) -> None:
        # Switching a new file to WAL needs it to itself; when a second instance opens it at the
        # same moment, sqlite answers "database is locked" at once, without the busy timeout
        # (to avoid a deadlock). Retry until one of them has switched it: then it is a no-op.
        deadline = time.monotonic() + self.BUSY_SECONDS
        while True:
            try:
                conn.execute("PRAGMA journal_mode=WAL").fetchall()
                return
            except sqlite3.OperationalError as exc:
                busy = getattr(exc, "sqlite_errorname", "SQLITE_BUSY").startswith("SQLITE_BUSY")
                if not busy or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            return self._connect()
        except sqlite3.DatabaseError as exc:
            if _is_damage(exc) and self.path.exists():
                return self._rebuild(exc)
            # Cannot open or write (read-only folder, locked): not damage, so keep the file.
            self._warn(f"embedding cache unavailable ({exc}); keeping vectors in memory")
        except OSError as exc:
            self._warn(f"embedding cache unavailable ({exc}); keeping vectors in memory")
        return None

    def _rebuild(self, exc: Exception) -> sqlite3.Connection | None:
        # time_ns and the pid keep two rebuilds (two instances, one second) from overwriting.
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.time_ns()}-{os.getpid()}")
        try:
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            conn = self._connect()
        except (OSError, sqlite3.Error) as again:
            self._warn(f"embedding cache unusable ({again}); keeping vectors in memory")
            return None
        self._warn(f"embedding cache was damaged ({exc}); moved it to {aside.name} and rebuilt it")
        return conn

    def _degrade(self, exc: Exception) -> None:
        self._warn(f"embedding cache failed ({exc}); keeping vectors in memory")
        if self._conn is not None:
            self._conn.close()
        self._conn = None

    def get_many(self, model_id: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors among `texts`, as {text: (dim,) float32}; misses are absent."""
        keys = {_text_key(t): t for t in texts}
        with self._lock:
            found = {
                keys[k]: v for (m, k), v in self._memory.items() if m == model_id and k in keys
            }
            if self._conn is None or not keys:
                return found
            try:
                rows = self._select(model_id, list(keys))
            except sqlite3.Error as exc:
                self._degrade(exc)
                return found
        bad = 0
        for key, dim, data in rows:
            if len(data) == 4 * dim:  # a torn or foreign row is a miss, not a wrong vector
                vector = np.frombuffer(data, dtype=np.float32)
                if np.isfinite(vector).all():
                    found[keys[key]] = vector.copy()
                else:  # NaN or infinity would silently link nothing: encode the sentence again
                    bad += 1
        if bad:
            self._warn(f"embedding cache held {bad} unusable vectors (not finite); encoded again")
        return found

    def _select(self, model_id: str, keys: list[str]) -> list[tuple[str, int, bytes]]:
        assert self._conn is not None
        rows: list[tuple[str, int, bytes]] = []
        chunk = 500  # stay far below sqlite's bound-parameter limit
        for start in range(0, len(keys), chunk):
            part = keys[start : start + chunk]
            marks = ",".join("?" * len(part))
            rows += self._conn.execute(
                f"SELECT key, dim, data FROM vectors WHERE model = ? AND key IN ({marks})",
                [model_id, *part],
            ).fetchall()
        return rows

    def put_many(self, model_id: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Store {text: (dim,) vector} for `model_id` in one transaction: all of it or none."""
        rows = []
        for text, vector in vectors.items():
            vec = np.ascontiguousarray(vector, dtype=np.float32).reshape(-1)
            rows.append((model_id, _text_key(text), int(vec.shape[0]), vec.tobytes()))
        with self._lock:
            if self._conn is not None:
                try:
                    self._write(rows)
                    return
                except sqlite3.Error as exc:
                    self._degrade(exc)
            self._memory.update({(m, k): np.frombuffer(d, np.float32) for m, k, _, d in rows})

    def get_records(self, kind: str, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored records of `kind` among `keys`, as {key: blob}; misses are absent."""
        wanted = list(dict.fromkeys(keys))
        with self._lock:
            found = {k: self._records[kind, k] for k in wanted if (kind, k) in self._records}
            if self._conn is None or not wanted:
                return found
            try:
                for start in range(0, len(wanted), 500):  # below sqlite's parameter limit
                    part = wanted[start : start + 500]
                    found.update(
                        self._conn.execute(
                            "SELECT key, data FROM records WHERE kind = ? AND key IN "
                            f"({','.join('?' * len(part))})",
                            [kind, *part],
                        ).fetchall()
                    )
            except sqlite3.Error as exc:
                self._degrade(exc)
        return found

    def put_records(self, kind: str, records: Mapping[str, bytes]) -> None:
        """Store {key: blob} of `kind` in one transaction: all of it or none."""
        rows = [(kind, key, bytes(data)) for key, data in records.items()]
        sql = "INSERT OR REPLACE INTO records (kind, key, data) VALUES (?,?,?)"
        with self._lock:
            if self._conn is not None and rows:
                try:
                    self._write(rows, sql)
                    return
                except sqlite3.Error as exc:
                    self._degrade(exc)
            self._records.update({(kind, key): data for kind, key, data in rows})

    def _write(self, rows: list[tuple], sql: str | None = None) -> None:
        assert self._conn is not None
        # IMMEDIATE takes the write lock up front, waiting on the busy timeout. A deferred
        # transaction would first read, and a read snapshot that another process overtakes
        # cannot be upgraded to a write: sqlite fails it with "database is locked" at once.
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._conn.executemany(
                sql or "INSERT OR REPLACE INTO vectors (model, key, dim, data) VALUES (?,?,?,?)",
                rows,
            )
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """True for errors that mean the file's content is bad, not that it cannot be reached."""
    name = getattr(exc, "sqlite_errorname", "")
    if name:
        return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))
    # Raised by our own integrity check (no sqlite code), or a DatabaseError of unknown origin.
    return not isinstance(exc, sqlite3.OperationalError)


class CachedEncoder:
    """An encoder that asks `cache` first and `inner` only for the misses.

    `inner_calls` counts calls to `inner.encode`; `encoded` counts the texts sent to it (each
    distinct miss once). When every sentence is cached, `inner` is never called, so a lazy model
    is never loaded.
    """

    def __init__(self, inner: Encoder, cache: EmbeddingCache) -> None:
        self.inner = inner
        self.cache = cache
        self.id = inner.id
        self.inner_calls = 0
        self.encoded = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        found = self.cache.get_many(self.id, texts)
        misses = list(dict.fromkeys(t for t in texts if t not in found))
        if misses:
            self.inner_calls += 1
            self.encoded += len(misses)
            fresh = self.inner.encode(misses)
            new = {text: fresh[row] for row, text in enumerate(misses)}
            self.cache.put_many(self.id, new)
            found.update(new)
        if not texts:
            return self._empty()
        return np.stack([found[t] for t in texts]).astype(np.float32, copy=False)

    def take_warnings(self) -> list[str]:
        """The cache's warnings since the last call (a rebuilt or memory-only cache)."""
        return self.cache.take_warnings()

    def _empty(self) -> np.ndarray:
        dim = getattr(self.inner, "dim", None)
        if dim is None:
            return self.inner.encode([])
        return np.zeros((0, int(dim)), dtype=np.float32)
