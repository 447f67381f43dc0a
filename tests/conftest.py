"""Shared test helpers: where things are, and running the CLI as a user does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session", autouse=True)
def private_cache_home(tmp_path_factory) -> Path:
    """Every run of the test session caches in a folder of its own, never in the user's ~/.cache/compare.

    ``compare run`` keeps its cache in the user's cache folder (platformdirs,
    honouring XDG_CACHE_HOME); the CLI processes the tests start inherit this.
    """
    home = tmp_path_factory.mktemp("xdg-cache")
    os.environ["XDG_CACHE_HOME"] = str(home)
    return home


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """Run ``compare`` in a fresh process, exactly as a user would from a shell."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "compare", *args],
        cwd=cwd or REPO, env=full_env, capture_output=True, text=True, timeout=timeout,
    )


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file of a report folder (the cache aside) by relative path, to compare runs byte for byte."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".cache" not in p.relative_to(folder).parts
    }


def sqlite_writer(data: bytes) -> int:
    """The SQLITE_VERSION_NUMBER of the library that last wrote a database file (header offset 96)."""
    return int.from_bytes(data[96:100], "big")


def database_dump(data: bytes) -> bytes:
    """A database file's content as SQL text, to compare files that another SQLite version wrote."""
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "copy.db"
        path.write_bytes(data)
        connection = sqlite3.connect(path)
        try:
            return "\n".join(connection.iterdump()).encode("utf-8")
        finally:
            connection.close()


def comparable_trees(first: Path, second: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """Two report folders' files for a byte-for-byte comparison, with one allowance for SQLite.

    compare.db is the same bytes whenever one SQLite version writes it, but each version writes its own
    number into the header (and may lay pages out its own way): where the two files come from different
    versions (reports/ committed from another machine), their content as SQL is compared instead.
    """
    a, b = tree_bytes(first), tree_bytes(second)
    name = "compare.db"
    if name in a and name in b and sqlite_writer(a[name]) != sqlite_writer(b[name]):
        a[name], b[name] = database_dump(a[name]), database_dump(b[name])
    return a, b


@pytest.fixture(scope="session")
def seed_result():
    """The seeds ingested once for the whole session (ingest is deterministic)."""
    from compare.ingest import ingest

    return ingest(SEEDS)


@pytest.fixture(scope="session")
def seed_sources(seed_result):
    return {s.id: s for s in seed_result.sources}


def needs_shared_data(folder: str):
    """Skip, saying why, when the third-party evaluation data is not beside the repo."""
    path = SHARED_DATA / folder
    return pytest.mark.skipif(not path.is_dir(), reason=f"{path} is absent (third-party data lives in ../shared/data)")


@pytest.fixture(scope="session")
def seed_report(tmp_path_factory) -> Path:
    """`compare run seeds` once for the session, as a user runs it; tests only read it."""
    out = tmp_path_factory.mktemp("run") / "reports"
    result = run_cli("run", "seeds", "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


STAR = Path(__file__).resolve().parent / "fixtures" / "planted_star"
"""An English text, three copies each with one planted change (a figure, a modal, two statements cut and one
moved) and its German translation: the set the "how the texts relate" tests read."""


@pytest.fixture(scope="session")
def star(tmp_path_factory) -> tuple[Any, Path]:
    """The planted star set run once and written: (the run, its event's report folder)."""
    import compare
    from compare.report.writer import write_report

    result = compare.run_pipeline(STAR)
    out = tmp_path_factory.mktemp("star") / "report"
    write_report(result, out, force=True)
    [item] = result.events
    return result, out / item.event.id
