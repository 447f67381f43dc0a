"""``compare events``: which reports are about the same occurrence, and the entities they name."""

from __future__ import annotations

import click

from compare.cli.common import (
    dump_json,
    exit_code_for,
    source_set_command,
)


def events_payload(events, annotations) -> dict:
    return {
        "events": [
            {"id": e.id, "title": e.title, "date": e.date, "date_basis": e.date_basis, "date_given": e.date_given,
             "sources": list(e.sources), "evidence": dict(e.evidence),
             "background": [b.to_dict() for b in e.background], "apart": e.apart}
            for e in events
        ],
        "entities": [
            {"id": x.id, "type": x.type, "name": x.name, "variants": {k: list(v) for k, v in x.variants.items()},
             "naming_choices": {k: list(v) for k, v in x.naming_choices.items()}}
            for x in annotations.entities
        ],
    }


def notes_for(sources, events, profiles) -> list[str]:
    """Plain messages about sets where grouping has little to go on."""
    notes = []
    if len(sources) == 1:
        notes.append("only one report in the set: it forms one event on its own.")
    undated = [p.source_id for p in profiles if not p.date]
    if undated:
        notes.append(f"{len(undated)} report(s) without a date ({', '.join(undated)}): placed by their content "
                     "(document similarity, names and wording) only.")
    if len(sources) > 1 and all(len(e.sources) == 1 for e in events):
        notes.append("no two reports share an event: each report forms an event of its own.")
    return notes


@click.command("events")
@source_set_command(("table", "json"), "table")
def command(path: str, fmt: str, stages) -> None:
    """Group the reports of a source set into events, with the evidence for each grouping.

    Reports about the same occurrence (same meeting, same statement) form one
    event; evidence is the date each report states or implies, shared names
    and places, and each report's closest fellow report with their document
    similarity (the scale of `compare pairs --unit document`).  Passages
    about earlier occasions are listed as background.

    Example:

        compare events seeds/ --format json
    """
    # rich here, not at import: the CLI imports every command, and `compare run` starts no table
    from rich.console import Console
    from rich.table import Table

    from compare.events import profiles
    from compare.report.event_title import date_words

    result, skipped = stages("events")
    annotations = result.annotations
    events = [item.event for item in result.events]
    for note in notes_for(result.sources, events, profiles(result.sources, annotations)):
        click.echo(f"note: {note}", err=True)
    if fmt == "json":
        click.echo(dump_json(events_payload(events, annotations)))
    else:
        console = Console(width=160)
        table = Table(title=f"{len(events)} event(s) from {len(result.sources)} report(s) in {path}")
        for column in ("event", "date", "reports", "evidence", "background"):
            table.add_column(column, overflow="fold")
        for e in events:
            evidence = "\n".join(f"{sid}: {text}" for sid, text in e.evidence.items())
            background = "\n".join(
                f"{b.source_id} ¶{b.paragraph}: {b.date or '?'}" + (f" -> {b.linked_event}" if b.linked_event else "")
                for b in e.background)
            table.add_row(f"{e.id}\n{e.title[:70]}", date_words(e.date, e.date_given, capital=False),
                          ", ".join(e.sources), evidence, background)
        console.print(table)
        named = [x for x in annotations.entities if len(x.variants) > 1 or x.naming_choices]
        if named:
            ent = Table(title="Entities named by more than one report")
            for column in ("entity", "type", "spellings by report", "naming choices"):
                ent.add_column(column, overflow="fold")
            for x in named:
                spellings = "; ".join(f"{sid}: {', '.join(v)}" for sid, v in x.variants.items())
                choices = "; ".join(f"{k}: {', '.join(v)}" for k, v in x.naming_choices.items())
                ent.add_row(x.id, x.type, spellings, choices)
            console.print(ent)
    raise SystemExit(exit_code_for(skipped))
