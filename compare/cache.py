"""A content-addressed cache so that a re-run recomputes only what changed.

Each stage result is stored under a key made from the content it was
computed from and every setting that shapes it (and compare's code), so
a changed report, a changed setting or a new release simply misses.  The
store is one SQLite file: embedded, safe against a crash mid-write (each
batch is one transaction), and readable with any SQLite tool.

Values are pickled.  The cache lives in a folder the user owns (by default
inside the report folder); never point ``--cache`` at a file from someone
else, as unpickling untrusted data can run code.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from compare import __version__

SCHEMA = "CREATE TABLE IF NOT EXISTS results (stage TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, PRIMARY KEY (stage, key))"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """compare's version and a hash of its own source and data files.

    The version alone would let a development checkout, or an edited
    install, reuse results computed by different code.  Reading the
    package's files takes milliseconds, once per process.
    """
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and p.suffix not in {".pyc", ".pyo"}):
        digest.update(path.relative_to(package).as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def content_key(*parts: Any) -> str:
    """A stable key for JSON-able parts, prefixed by the code that computes them (:func:`code_fingerprint`)."""
    payload = json.dumps([code_fingerprint(), *parts], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Cache:
    """Stage results by key; counts hits and misses per stage so the user can be told."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path else None
        self.hits: Counter[str] = Counter()
        self.misses: Counter[str] = Counter()
        self._db: sqlite3.Connection | None = None

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        """Open the store on first use; nothing is created on disk until there is something to keep."""
        if self._db is None and self.path is not None and (create or self.path.exists()):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.execute(SCHEMA)
            self._db.commit()
        return self._db

    def get_many(self, stage: str, keys: Iterable[str]) -> dict[str, Any]:
        keys = list(dict.fromkeys(keys))
        found: dict[str, Any] = {}
        db = self._connect(create=False)
        if db is not None:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT key, value FROM results WHERE stage = ? AND key IN ({marks})", [stage, *chunk]
                )
                for key, value in rows:
                    try:
                        found[key] = pickle.loads(value)
                    except Exception:  # noqa: BLE001 - a stale or damaged entry is a miss, not a failure
                        continue
        self.hits[stage] += len(found)
        self.misses[stage] += len(keys) - len(found)
        return found

    def has_many(self, stage: str, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` the cache holds for ``stage``: a look ahead, not counted as hits or misses."""
        keys = list(dict.fromkeys(keys))
        held: set[str] = set()
        db = self._connect(create=False)
        if db is not None:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key FROM results WHERE stage = ? AND key IN ({marks})", [stage, *chunk])
                held.update(key for (key,) in rows)
        return held

    def put_many(self, stage: str, items: Mapping[str, Any]) -> None:
        db = self._connect(create=True) if items else None
        if db is None:
            return
        with db:
            db.executemany(
                "INSERT OR REPLACE INTO results (stage, key, value) VALUES (?, ?, ?)",
                [(stage, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) for key, value in items.items()],
            )

    def prune(self, stage: str, keep: Iterable[str]) -> None:
        """Drop a stage's entries not used by this run, so the file does not grow forever."""
        db = self._connect(create=False)
        if db is None:
            return
        keep = set(keep)
        stale = [k for (k,) in db.execute("SELECT key FROM results WHERE stage = ?", [stage]) if k not in keep]
        with db:
            db.executemany("DELETE FROM results WHERE stage = ? AND key = ?", [(stage, k) for k in stale])

    def summary(self) -> str:
        """One line for the user: how much was reused."""
        total_hits = sum(self.hits.values())
        total = total_hits + sum(self.misses.values())
        if not self.enabled or not total:
            return "cache off" if not self.enabled else "cache empty"
        stages = ", ".join(
            f"{stage} {self.hits[stage]}/{self.hits[stage] + self.misses[stage]}"
            for stage in sorted(set(self.hits) | set(self.misses))
        )
        return f"reused {total_hits} of {total} results ({stages})"

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
