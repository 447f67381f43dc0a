"""A persistent store of sentence vectors, by content: every sentence is embedded once per archive, not once per run.

Why: the encoder is most of a run's time, and an archive is re-run as it
grows; ten new reports in a 5,000-report archive should embed only their own
sentences.  The run cache (compare/cache.py) keeps whole stage results and
misses as soon as a setting or a neighbouring report changes; this keeps the
rows themselves, which depend on nothing but the text and the model.

* **Key**: BLAKE2b-128 of the text's UTF-8 bytes, within a *model* namespace:
  BLAKE2b of the embedding backend's full signature (engine, model, weights'
  version, builder, prefix, dimension), so rows of another model or version
  are never read.
* **Value**: the row's raw float32 bytes (little-endian, 384 x 4), checked for
  length when read; nothing is unpickled, so a store written by someone else
  can at worst hold wrong numbers, never run code.
* **Where**: SQLite in the user's cache folder
  (``platformdirs.user_cache_dir("compare")/vectors.sqlite3``;
  ``COMPARE_VECTOR_STORE`` moves it), shared by every run of every archive.
  WAL mode and a busy timeout let parallel processes read and write.
* **Damage**: a file SQLite cannot read is moved aside (``.damaged`` suffix)
  with a warning, and the lookup counts as a miss; the run goes on and
  starts a fresh store.  A write that fails is a warning, never an error.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import warnings
from collections.abc import Iterable
from pathlib import Path

import numpy as np

__all__ = ["VectorStore", "default_path"]

SCHEMA = ("CREATE TABLE IF NOT EXISTS vectors (model BLOB NOT NULL, key BLOB NOT NULL, row BLOB NOT NULL, "
          "PRIMARY KEY (model, key)) WITHOUT ROWID")
CHUNK = 500  # keys per SELECT (SQLite's variable limit is 999 on old builds)


def default_path() -> Path:
    """``COMPARE_VECTOR_STORE`` if set, else ``vectors.sqlite3`` in the user's cache folder for compare."""
    configured = os.environ.get("COMPARE_VECTOR_STORE")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("compare")) / "vectors.sqlite3"


class VectorStore:
    """Rows of one model by text key; opened on first use, safe to call from several threads."""

    def __init__(self, path: Path, signature: str, dim: int) -> None:
        self.path = Path(path)
        self.model = hashlib.blake2b(signature.encode("utf-8"), digest_size=16).digest()
        self.dim = dim
        self._db: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self._inherited: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def _connect(self) -> sqlite3.Connection | None:
        if self._pid != os.getpid():  # a forked worker: never use (nor close) the parent's connection
            if self._db is not None:
                self._inherited.append(self._db)
            self._db, self._pid = None, os.getpid()
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(SCHEMA)
                db.commit()
                self._db = db
            except sqlite3.OperationalError as error:  # locked, unwritable: a healthy store, just not now
                warnings.warn(f"vector store {self.path}: {error}; sentences are embedded afresh",
                              RuntimeWarning, stacklevel=3)
                return None
            except sqlite3.DatabaseError as error:  # not a database, malformed
                self._set_aside(error)
                return None
            except OSError as error:
                warnings.warn(f"vector store {self.path}: {error}; sentences are embedded afresh",
                              RuntimeWarning, stacklevel=3)
                return None
        return self._db

    def _set_aside(self, error: Exception) -> None:
        """Move an unreadable store aside (kept for a look, never read again) and forget the connection."""
        if self._db is not None:
            self._db.close()
            self._db = None
        aside = self.path.with_name(self.path.name + ".damaged")
        try:
            for suffix in ("", "-wal", "-shm"):
                extra = Path(str(self.path) + suffix)
                if extra.exists():
                    os.replace(extra, Path(str(aside) + suffix))
            where = f"moved to {aside.name}"
        except OSError as failure:  # a read-only cache folder: the file stays, and each use misses again
            where = f"could not be moved aside ({failure.strerror or failure}); delete it to stop this warning"
        warnings.warn(f"vector store {self.path} is damaged ({error}); {where}, and its sentences are embedded "
                      f"afresh", RuntimeWarning, stacklevel=4)

    def get_many(self, keys: Iterable[bytes]) -> dict[bytes, np.ndarray]:
        """Stored rows of these keys (read-only float32 arrays); absent or damaged keys are not in the result."""
        keys = list(dict.fromkeys(keys))
        found: dict[bytes, np.ndarray] = {}
        with self._lock:
            db = self._connect()
            if db is None:
                self.misses += len(keys)
                return found
            try:
                for start in range(0, len(keys), CHUNK):
                    chunk = keys[start:start + CHUNK]
                    marks = ",".join("?" * len(chunk))
                    for key, blob in db.execute(f"SELECT key, row FROM vectors WHERE model = ? AND key IN ({marks})",
                                                [self.model, *chunk]):
                        if len(blob) == 4 * self.dim:
                            row = np.frombuffer(blob, dtype="<f4").astype(np.float32)
                            row.flags.writeable = False
                            found[bytes(key)] = row
            except sqlite3.OperationalError as error:
                warnings.warn(f"vector store {self.path}: {error}; sentences are embedded afresh",
                              RuntimeWarning, stacklevel=2)
                found.clear()
            except sqlite3.DatabaseError as error:
                self._set_aside(error)
                found.clear()
        self.hits += len(found)
        self.misses += len(keys) - len(found)
        return found

    def put_many(self, rows: Iterable[tuple[bytes, np.ndarray]]) -> None:
        """Keep these rows (an existing key is left as it is: the same text and model give the same row)."""
        items = [(self.model, key, np.ascontiguousarray(row, dtype="<f4").tobytes()) for key, row in rows]
        if not items:
            return
        with self._lock:
            db = self._connect()
            if db is None:
                return
            try:
                with db:
                    db.executemany("INSERT OR IGNORE INTO vectors (model, key, row) VALUES (?, ?, ?)", items)
            except sqlite3.OperationalError as error:  # locked past the timeout, disk full: the rows are not kept
                warnings.warn(f"vector store {self.path}: rows not kept ({error})", RuntimeWarning, stacklevel=2)
            except sqlite3.DatabaseError as error:
                self._set_aside(error)

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
