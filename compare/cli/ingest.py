"""``compare ingest``: what the loader found, cleaned, and could not use."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from compare.cli.common import (
    dump_csv,
    dump_json,
    dump_jsonl,
    engine_options,
    exit_code_for,
    format_option,
    limit_options,
    report_problems,
    run_stages,
    settings_from,
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
@click.argument("path", type=click.Path(path_type=str), default="seeds", required=False)
@format_option(("table", "json", "jsonl", "csv"), "table")
@engine_options
@limit_options
def command(path: str, fmt: str, engine: str, scheduler: str | None, cache_dir, max_file_mb: float,
            max_sentence_chars: int) -> None:
    """Load and clean a source set; show each report's metadata, sentences and what cleaning removed.

    The JSON and JSON Lines forms also give each report's mentions (people,
    places, organisations, dates, numbers, with spans and canonical entity
    ids) and quotes (with speakers; indirect speech marked).

    PATH is a folder (with an optional manifest.csv), a manifest CSV, a JSON
    Lines file, or one report; it defaults to the bundled seeds/.

    Example:

        compare ingest seeds/ --format json
    """
    settings = settings_from(max_file_mb, max_sentence_chars)
    until = "annotate" if fmt in ("json", "jsonl") else "ingest"
    result, _ = run_stages(path, until, settings, engine, scheduler, cache_dir and cache_dir / "compare.sqlite")
    skipped = report_problems(result.problems)
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
