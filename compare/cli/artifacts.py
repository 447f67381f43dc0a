"""``compare artifacts``: translation and rewriting tells per source, with an MT likelihood."""

from __future__ import annotations

import click

from compare.cli.common import (
    dump_csv,
    dump_json,
    exit_code_for,
    source_set_command,
)

CSV_COLUMNS = ("source", "start", "end", "category", "detector", "severity", "text", "explanation")


@click.command("artifacts")
@source_set_command(("table", "json", "csv"), "table")
def command(path: str, fmt: str, stages) -> None:
    """Find translation artifacts and rewrite tells in each source; score how machine-translated it reads.

    JSON gives a list of sources, each with id, mt_likelihood and mt_model (the
    same figure and words as the report's sources table: a number only where the
    model was measured for that configuration, else null and "not measured
    (...why)"), density per family per 1,000 words, and artifacts (start, end,
    category, detector, severity, explanation, text); CSV gives one row per
    artifact.  The figure needs provenance (which source translates which), so
    this command runs the pipeline up to the ``mt`` stage.

    Example:

        compare artifacts seeds/ --format json
    """
    # rich here, not at import: the CLI imports every command, and `compare run` starts no table
    from rich.console import Console
    from rich.table import Table

    from compare.artifacts import FAMILY_NAMES, source_report
    from compare.findings.mt import mt_sentence

    result, skipped = stages("mt")
    figures = {f.source_id: f for item in result.events for f in item.mt}
    reports = [source_report(result.artifacts[sid], figures.get(sid)) for sid in sorted(result.artifacts)]
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
            likelihood = mt_sentence(r["mt_likelihood"], r["mt_model"])
            summary.add_row(r["id"], likelihood, str(r["words"]),
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
