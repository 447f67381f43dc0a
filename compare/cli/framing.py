"""``compare framing``: the contested names and loaded terms each source uses, and whose usage each follows."""

from __future__ import annotations

import click

from compare.cli.common import (
    dump_csv,
    dump_json,
    exit_code_for,
    source_set_command,
)

CSV_COLUMNS = ("event", "source", "start", "end", "text", "concept", "alternatives", "usage")


@click.command("framing")
@source_set_command(("table", "json", "csv"), "table")
def command(path: str, fmt: str, stages) -> None:
    """List the contested names and loaded terms each source uses, the alternatives, and whose usage each follows.

    Terms come from a curated lexicon (with a source for every entry) and
    from the set itself (one place named differently by two sources). A
    loaded term is a choice, not an error: the usage says who uses it.
    JSON and CSV give rows of event, source, start, end, text, concept,
    alternatives, usage.

    Example:

        compare framing seeds/ --format csv
    """
    result, skipped = stages("framing")
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
