"""``compare framing``: the contested names and loaded terms each source uses, and whose usage each follows."""

from __future__ import annotations

import click

from compare.cli.common import (
    dump_csv,
    dump_json,
    engine_options,
    exit_code_for,
    format_option,
    limit_options,
    report_problems,
    run_stages,
    settings_from,
)

CSV_COLUMNS = ("event", "source", "start", "end", "text", "concept", "alternatives", "usage")


@click.command("framing")
@click.argument("path", type=click.Path(path_type=str), default="seeds", required=False)
@format_option(("table", "json", "csv"), "table")
@engine_options
@limit_options
def command(path: str, fmt: str, engine: str, scheduler: str | None, cache_dir, max_file_mb: float,
            max_sentence_chars: int) -> None:
    """List the contested names and loaded terms each source uses, the alternatives, and whose usage each follows.

    Terms come from a curated lexicon (with a source for every entry) and
    from the set itself (one place named differently by two sources). A
    loaded term is a choice, not an error: the usage says who uses it.
    JSON and CSV give rows of event, source, start, end, text, concept,
    alternatives, usage.

    Example:

        compare framing seeds/ --format csv
    """
    settings = settings_from(max_file_mb, max_sentence_chars)
    result, _ = run_stages(path, "framing", settings, engine, scheduler, cache_dir and cache_dir / "compare.sqlite")
    skipped = report_problems(result.problems)
    rows = [dict(term.to_dict(), event=item.event.id) for item in result.events for term in item.framing]
    if fmt == "json":
        click.echo(dump_json(rows))
    elif fmt == "csv":
        click.echo(dump_csv(rows, CSV_COLUMNS), nl=False)
    else:
        for row in rows:
            click.echo(f"{row['event']}  {row['source']}  “{row['text']}”  ({row['concept']}): {row['usage']}; "
                       f"others say {', '.join(row['alternatives'][:4]) or '-'}")
    raise click.exceptions.Exit(exit_code_for(skipped))
