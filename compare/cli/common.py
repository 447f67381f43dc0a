"""What every command shares: error handling, exit codes, problem reporting, output formats."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click

from compare.errors import CompareError
from compare.model import Problem

EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_USAGE = 2
EXIT_NOTHING_USABLE = 3


class CompareGroup(click.Group):
    """A click group that turns compare's errors into a message and an exit code.

    Without ``--debug`` no traceback reaches the user: a ``CompareError``
    prints its message and hint; anything unexpected prints one line asking
    for a bug report.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CompareError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence for users
            if (ctx.obj or {}).get("debug") or "--debug" in sys.argv:
                raise
            click.echo(
                f"Error: unexpected {type(exc).__name__}: {exc} "
                "(run again with --debug for the traceback, and please report it)",
                err=True,
            )
            ctx.exit(EXIT_NOTHING_USABLE)


def report_problems(problems: Iterable[Problem]) -> int:
    """Print problems on stderr; return how many made a source be skipped."""
    skipped = 0
    for problem in problems:
        label = "skipped" if problem.severity == "error" else "warning"
        click.echo(f"{label}: {problem.render()}", err=True)
        skipped += problem.severity == "error"
    return skipped


def exit_code_for(skipped: int) -> int:
    return EXIT_SKIPPED if skipped else EXIT_OK


def format_option(choices: Sequence[str], default: str):
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=default, show_default=True,
        help="Output format.",
    )


def limit_options(function):
    """--max-file-mb and --max-sentence-chars, shared by every command that reads a source set."""
    from compare.ingest.source_set import DEFAULT_MAX_FILE_MB
    from compare.segment import MAX_SENTENCE_CHARS

    function = click.option(
        "--max-sentence-chars", type=click.IntRange(min=50), default=MAX_SENTENCE_CHARS, show_default=True,
        help="Cut longer runs without punctuation into pieces of at most this many characters.",
    )(function)
    return click.option(
        "--max-file-mb", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_FILE_MB, show_default=True,
        help="Skip files larger than this, with a message.",
    )(function)


def dump_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False)


def dump_jsonl(rows: Iterable[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def dump_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in columns})
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    return value
