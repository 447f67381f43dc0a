"""``compare artifacts``: translation and rewriting tells per source, with an MT likelihood."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from compare.annotate import annotate
from compare.artifacts import FAMILY_NAMES, detect_source_set, source_report
from compare.cli.common import EXIT_NOTHING_USABLE, dump_csv, dump_json, exit_code_for, format_option, report_problems
from compare.ingest import ingest

CSV_COLUMNS = ("source", "start", "end", "category", "detector", "severity", "text", "explanation")


@click.command("artifacts")
@click.argument("path", type=click.Path(path_type=str), default="seeds", required=False)
@format_option(("table", "json", "csv"), "table")
def command(path: str, fmt: str) -> None:
    """Find translation artifacts and rewrite tells in each source; score how machine-translated it reads.

    JSON gives a list of sources, each with id, mt_likelihood (and its parts),
    density per family per 1,000 words, and artifacts (start, end, category,
    detector, severity, explanation, text); CSV gives one row per artifact.

    Example:

        compare artifacts seeds/ --format json
    """
    result = ingest(path)
    skipped = report_problems(result.problems)
    if not result.sources:
        raise click.exceptions.Exit(EXIT_NOTHING_USABLE)
    annotations = annotate(result.sources)  # entities let the romanisation detector compare spellings
    reports = [source_report(r) for r in detect_source_set(result.sources, annotations)]
    if fmt == "json":
        click.echo(dump_json(reports))
    elif fmt == "csv":
        rows = [dict(a, source=r["id"]) for r in reports for a in r["artifacts"]]
        click.echo(dump_csv(rows, CSV_COLUMNS), nl=False)
    else:
        console = Console(width=160)
        summary = Table(title=f"Artifacts per 1,000 words, {len(reports)} source(s) from {path}")
        for column in ("id", "MT likelihood", "words", *FAMILY_NAMES):
            summary.add_column(column, justify="right" if column != "id" else "left")
        for r in reports:
            summary.add_row(r["id"], f"{r['mt_likelihood']:.2f}", str(r["words"]),
                            *(f"{r['density'][f]:.1f}" for f in FAMILY_NAMES))
        console.print(summary)
        for r in reports:
            if not r["artifacts"]:
                continue
            table = Table(title=f"Source {r['id']}: {len(r['artifacts'])} artifact(s)")
            for column in ("span", "category", "severity", "text", "explanation"):
                table.add_column(column)
            for a in r["artifacts"]:
                table.add_row(f"{a['start']}-{a['end']}", a["category"], a["severity"], a["text"][:40],
                              a["explanation"])
            console.print(table)
    raise click.exceptions.Exit(exit_code_for(skipped))
