"""A content-addressed cache so that a re-run recomputes only what changed.

Each stage result is stored under a key made from the content it was
computed from and every setting that shapes it (and compare's code), so
a changed report, a changed setting or a new release simply misses.  The
store is one SQLite file: embedded, safe against a crash mid-write (each
batch is one transaction), and readable with any SQLite tool.

What is trusted: nothing in the file.  Values are JSON written by
``compare.codec`` (never pickle), so reading a file from someone else
cannot run code; a value that does not decode into compare's own
dataclasses with the declared types is a miss.  The default file lives in
the user's cache folder (``~/.cache/compare``, or ``$XDG_CACHE_HOME/compare``;
platformdirs decides per system), not in the report folder, which is made to
be shared.  A file that cannot be read as a cache (truncated, garbage,
another schema, a folder in its place) is moved aside with a warning and the
run goes on without it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from compare import codec
from compare.version import __version__

CACHE_FILE = "compare.sqlite"
FORMAT = 100 + codec.FORMAT
"""Stored as SQLite's ``user_version``: a file with another one was written by another format, or is not ours."""
SCHEMA = ("CREATE TABLE IF NOT EXISTS entries (stage TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
          "used INTEGER NOT NULL, PRIMARY KEY (stage, key))")
KEEP_DAYS = 30
"""Entries no run has used for this long are dropped: one cache serves every source set of the user."""


def default_cache_dir() -> Path:
    """The user's cache folder for compare (``~/.cache/compare`` on Linux; honours ``XDG_CACHE_HOME``)."""
    import platformdirs

    return platformdirs.user_cache_path("compare", appauthor=False)


def cache_file(folder: Path | None) -> Path:
    """The cache file in ``folder`` (``--cache``), else in the user's cache folder."""
    return (folder if folder is not None else default_cache_dir()) / CACHE_FILE


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


def _warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def _busy(error: sqlite3.Error) -> bool:
    return isinstance(error, sqlite3.OperationalError) and any(w in str(error) for w in ("locked", "busy"))


class Cache:
    """Stage results by key; counts hits and misses per stage so the user can be told.

    The cache never stops a run: a file it cannot use is moved aside (or,
    when another run holds it, left alone) with a warning, and the run
    carries on computing.
    """

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path else None
        self.hits: Counter[str] = Counter()
        self.misses: Counter[str] = Counter()
        self._db: sqlite3.Connection | None = None
        self._off = False

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        """Open the store on first use; nothing is created on disk until there is something to keep."""
        if self._db is not None or self.path is None or self._off:
            return self._db
        path = self.path
        if path.is_symlink() or (path.exists() and not path.is_file()):
            self._move_aside("it is not a plain file")
        if not (create or path.exists()):
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _warn(f"cannot create the cache folder {path.parent} ({exc.strerror or exc}); running without a cache "
                  "(give another folder with --cache, or --no-cache)")
            self._off = True
            return None
        db = None
        try:
            db = sqlite3.connect(path, timeout=30)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if version != FORMAT and (version or tables):
                raise sqlite3.DatabaseError(f"it was written in another format (version {version}), or not by compare")
            if tables and tables != {"entries"}:
                raise sqlite3.DatabaseError("it holds tables compare does not write")
            with db:
                db.execute(SCHEMA)
                db.execute(f"PRAGMA user_version = {FORMAT}")
        except sqlite3.Error as exc:
            if db is not None:
                db.close()
            self._failed(exc)
            return None
        self._db = db
        return db

    def _failed(self, error: sqlite3.Error) -> None:
        """A store that fails: another run holding it is waited out no longer; a damaged file is moved aside."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if _busy(error):
            _warn(f"the cache {self.path} is in use by another run ({error}); this run goes on without it")
            self._off = True
        else:
            self._move_aside(str(error))

    def _move_aside(self, reason: str) -> None:
        """Rename an unusable cache file out of the way, so this run and the next start a fresh one."""
        assert self.path is not None
        target = self.path.with_name(self.path.name + ".damaged")
        number = 1
        while target.exists() or target.is_symlink():
            number += 1
            target = self.path.with_name(f"{self.path.name}.damaged-{number}")
        try:
            self.path.rename(target)
        except OSError as exc:
            _warn(f"the cache {self.path} cannot be used ({reason}) nor moved aside ({exc.strerror or exc}); "
                  "running without a cache (delete it, or pass --no-cache or another --cache folder)")
            self._off = True
            return
        _warn(f"the cache {self.path} cannot be used ({reason}); moved it aside to {target.name} and carrying on "
              "(results are recomputed; delete the old file when you like)")

    def _query(self, create: bool, work) -> Any:
        """Run ``work(db)``; ``None`` when there is no usable store (the failure said and handled)."""
        db = self._connect(create)
        if db is None:
            return None
        try:
            return work(db)
        except sqlite3.Error as exc:
            self._failed(exc)
            return None

    def get_many(self, stage: str, keys: Iterable[str], expect: Any = Any) -> dict[str, Any]:
        """The values held for ``keys``; one that does not decode, or does not fit the type ``expect``, is a miss."""
        keys = list(dict.fromkeys(keys))

        def read(db: sqlite3.Connection) -> dict[str, Any]:
            found: dict[str, Any] = {}
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT key, value FROM entries WHERE stage = ? AND key IN ({marks})", [stage, *chunk]
                ).fetchall()
                for key, value in rows:
                    try:
                        decoded = codec.loads(value)
                    except (ValueError, RecursionError):
                        continue
                    if codec.fits(decoded, expect):
                        found[key] = decoded
            if found:
                now = int(time.time())
                with db:
                    db.executemany("UPDATE entries SET used = ? WHERE stage = ? AND key = ?",
                                   [(now, stage, key) for key in found])
            return found

        found = self._query(False, read) or {}
        self.hits[stage] += len(found)
        self.misses[stage] += len(keys) - len(found)
        return found

    def has_many(self, stage: str, keys: Iterable[str]) -> set[str]:
        """Which of ``keys`` the cache holds for ``stage``: a look ahead, not counted as hits or misses."""
        keys = list(dict.fromkeys(keys))

        def look(db: sqlite3.Connection) -> set[str]:
            held: set[str] = set()
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key FROM entries WHERE stage = ? AND key IN ({marks})", [stage, *chunk])
                held.update(key for (key,) in rows)
            return held

        return self._query(False, look) or set()

    def put_many(self, stage: str, items: Mapping[str, Any]) -> None:
        """Keep values; one the codec cannot write is simply not kept (the next run recomputes it)."""
        if not items:
            return
        now = int(time.time())
        rows = []
        for key, value in items.items():
            try:
                rows.append((stage, key, codec.dumps(value), now))
            except (TypeError, ValueError, RecursionError):
                continue

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.executemany("INSERT OR REPLACE INTO entries (stage, key, value, used) VALUES (?, ?, ?, ?)", rows)

        self._query(True, write)

    def prune(self, stage: str, keep: Iterable[str]) -> None:
        """Drop a stage's entries that no run has used for ``KEEP_DAYS`` days (``keep`` was just used)."""
        keep = set(keep)
        cutoff = int(time.time()) - KEEP_DAYS * 86400

        def drop(db: sqlite3.Connection) -> None:
            stale = [k for (k,) in db.execute("SELECT key FROM entries WHERE stage = ? AND used < ?", [stage, cutoff])
                     if k not in keep]
            with db:
                db.executemany("DELETE FROM entries WHERE stage = ? AND key = ?", [(stage, k) for k in stale])

        self._query(False, drop)

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
