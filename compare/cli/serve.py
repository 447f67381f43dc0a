"""``compare serve``: open a report folder's compare.db in datasette, on this machine only."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import click

from compare.errors import UsageError
from compare.report.database import DATABASE
from compare.report.datasette_metadata import METADATA

HOST = "127.0.0.1"
"""Loopback only: the archive holds whatever the source set held, and datasette has no login."""


def datasette_command(folder: Path, port: int, get: str | None = None) -> list[str]:
    """The datasette command line for a report folder: its database (read-only) with its metadata."""
    command = [sys.executable, "-m", "datasette", "serve", "--immutable", str(folder / DATABASE),
               "--metadata", str(folder / METADATA), "--host", HOST, "--port", str(port)]
    return command + (["--get", get] if get else [])


def check_folder(folder: Path) -> None:
    """Refuse, with what to do, a folder without a database or a machine without datasette."""
    if not (folder / DATABASE).is_file():
        raise UsageError(f"{folder} holds no {DATABASE}",
                         f"write one with: compare run SOURCES -o {folder} (the db format is on by default)")
    if not (folder / METADATA).is_file():
        raise UsageError(f"{folder} holds {DATABASE} but no {METADATA}", f"run compare run SOURCES -o {folder} again")
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
