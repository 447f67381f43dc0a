"""``compare ingest``: what the loader found, cleaned, and could not use."""

from __future__ import annotations

import click

from compare.cli.common import (
    dump_csv,
    dump_json,
    dump_jsonl,
    exit_code_for,
    source_set_command,
)

CSV_COLUMNS = (
    "id", "path", "outlet", "kind", "language", "language_confidence", "detected_language",
    "published", "title", "url", "words", "sentences", "removed", "inferred",
)


def source_row(source) -> dict:
    row = source.to_dict()
    row["words"] = source.words
    return row


@click.command("ingest")
@source_set_command(("table", "json", "jsonl", "csv"), "table")
def command(path: str, fmt: str, stages) -> None:
    """Load and clean a source set; show each report's metadata, sentences and what cleaning removed.

    The JSON and JSON Lines forms also give each report's mentions (people,
    places, organisations, dates, numbers, with spans and canonical entity
    ids) and quotes (with speakers; indirect speech marked).

    PATH is a folder (with an optional manifest.csv), a manifest CSV, a JSON
    Lines file, or one report; it defaults to the bundled seeds/.

    Example:

        compare ingest seeds/ --format json
    """
    # rich here, not at import: the CLI imports every command, and `compare run` starts no table
    from rich.console import Console
    from rich.table import Table

    until = "annotate" if fmt in ("json", "jsonl") else "ingest"
    result, skipped = stages(until)
    rows = [source_row(s) for s in result.sources]
    if until == "annotate":
        for row in rows:
            row["mentions"] = [m.to_dict() for m in result.annotations.mentions.get(row["id"], ())]
            row["quotes"] = [q.to_dict() for q in result.annotations.quotes.get(row["id"], ())]
    if fmt == "json":
        click.echo(dump_json(rows))
    elif fmt == "jsonl":
        click.echo(dump_jsonl(rows), nl=False)
    elif fmt == "csv":
        flat = [dict(r, sentences=len(r["sentences"]), removed=len(r["removed"])) for r in rows]
        click.echo(dump_csv(flat, CSV_COLUMNS), nl=False)
    else:
        table = Table(title=f"{len(rows)} source(s) from {path}")
        for column in ("id", "outlet", "kind", "lang", "published", "words", "sentences", "removed", "title"):
            table.add_column(column, overflow="fold")
        for s in result.sources:
            table.add_row(
                s.id, s.outlet or "", s.kind or "", s.language, s.published or "", str(s.words),
                str(len(s.sentences)), str(len(s.removed)), (s.title or "")[:60],
            )
        Console(width=140).print(table)
    raise SystemExit(exit_code_for(skipped))
