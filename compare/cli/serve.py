"""``compare serve``: open a report folder's compare.db in datasette, on this machine only."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import click
import platformdirs

from compare.errors import UsageError

DATABASE = "compare.db"
"""The database a report folder holds (``compare.report.database.DATABASE``; checked equal by the tests).

Named here, not imported: importing the report package takes a third of a second, which every command would
pay at start-up because the CLI imports each command's module to list it."""

HOST = "127.0.0.1"
"""Loopback only: the archive holds whatever the source set held, and datasette has no login."""


def datasette_command(folder: Path, port: int, get: str | None = None) -> list[str]:
    """The datasette command line for a report folder: its database (read-only) with metadata compare writes now.

    The folder's own ``metadata.json`` is never handed to datasette: report folders are made to be shared, and
    datasette takes script and style addresses (``extra_js_urls``) and unescaped HTML (``description_html``) from
    its metadata, so a received folder's file could run its script in the reader's browser on 127.0.0.1.
    """
    command = [sys.executable, "-m", "datasette", "serve", "--immutable", str(folder / DATABASE),
               "--metadata", str(trusted_metadata(folder / DATABASE)), "--host", HOST, "--port", str(port)]
    return command + (["--get", get] if get else [])


def trusted_metadata(database: Path) -> Path:
    """Metadata for ``database`` made from compare's own schema, written to the user's cache folder.

    Only what compare itself knows goes in: the tables of its schema that the database holds, and a title
    counting its events and reports. The file is named by its content, so serving two folders at once is safe.
    """
    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro&immutable=1", uri=True)) as db:
            present = {name for (name,) in db.execute("select name from sqlite_master where type = 'table'")}
            events, reports = db.execute("select count(distinct event), count(*) from sources").fetchone()
    except sqlite3.Error as error:
        raise UsageError(f"{database} is not a database compare wrote ({error})",
                         f"write it again with: compare run SOURCES -o {database.parent}") from None
    from compare.report.datasette_metadata import metadata_text
    from compare.report.sections import table_names

    text = metadata_text([name for name in table_names() if name in present],
                         f"compare: {events} event{'s' if events != 1 else ''}, {reports} reports")
    folder = Path(platformdirs.user_cache_dir("compare")) / "serve"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"metadata-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.json"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False, suffix=".tmp") as handle:
            handle.write(text)
        os.replace(handle.name, path)
    return path


def check_folder(folder: Path) -> None:
    """Refuse, with what to do, a folder without a database or a machine without datasette."""
    if not (folder / DATABASE).is_file():
        raise UsageError(f"{folder} holds no {DATABASE}",
                         f"write one with: compare run SOURCES -o {folder} (the db format is on by default)")
    if importlib.util.find_spec("datasette") is None:
        raise UsageError("datasette is not installed", "install it with: pip install 'compare[db]'")


@click.command("serve")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535),
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--get", "get", metavar="PATH", default=None,
              help="Answer one request for PATH (e.g. /compare/sources.json), print it and stop, without serving.")
def command(folder: Path, port: int, get: str | None) -> None:
    """Browse and query a report folder's compare.db in datasette, on 127.0.0.1 only.

    Every table has its column descriptions, facets and (for sentences)
    full-text search; canned queries answer common questions (changed
    quotations, names by outlet, translations traced to an original).
    Needs datasette: pip install 'compare[db]'.

    Example:

        compare serve reports/ --get /compare/naming_by_outlet.csv
    """
    check_folder(folder)
    if not get:
        click.echo(f"Serving {folder / DATABASE} at http://{HOST}:{port}/ (Ctrl-C stops it)", err=True)
    command_line = datasette_command(folder, port, get)
    if not get and os.name == "posix":
        # Become the server rather than its parent: a stop signal sent to `compare serve` (a terminal closing, a
        # supervisor, a test) then reaches datasette itself instead of leaving it running as an orphan.
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command_line[0], command_line)
    try:
        result = subprocess.run(command_line, check=False)
    except KeyboardInterrupt:
        result = subprocess.CompletedProcess([], 0)
    raise click.exceptions.Exit(result.returncode)
