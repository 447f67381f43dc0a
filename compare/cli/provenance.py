"""``compare provenance``: which report is the original, which a translation or a rewrite, who quotes whom."""

from __future__ import annotations

import click

from compare.cli.common import (
    dump_csv,
    dump_json,
    exit_code_for,
    source_set_command,
)

CSV_COLUMNS = ("event", "from", "to", "relation", "confidence", "origin", "evidence")


def edge_rows(graph) -> list[dict]:
    """One row per edge, its evidence sentences joined; ``from`` empty for an original outside the set."""
    return [
        {"event": graph.event, "from": edge.from_, "to": edge.to, "relation": edge.relation,
         "confidence": edge.confidence, "origin": edge.origin,
         "evidence": " ".join(item.text for item in edge.evidence)}
        for edge in graph.edges
    ]


@click.command("provenance")
@source_set_command(("table", "json", "csv"), "table")
def command(path: str, fmt: str, stages) -> None:
    """Trace, per event, which report is an original and which a translation, rewrite, copy or quotation of which.

    JSON gives, per event, sources (id, origin_language, its confidence,
    evidence) and edges (from, to, relation, confidence, evidence), with
    ``from`` null for an original outside the set; CSV one row per edge.
    Evidence is in words, with the spans it rests on.  A confidence is the
    rules' own score, set by hand, not a probability measured on texts of
    known origin (the report leaves it out).

    Example:

        compare provenance seeds/ --format json
    """
    result, skipped = stages("provenance")
    from compare.report.provenance_views import reads_as_words  # here, not at import: the CLI imports every command

    graphs = [item.provenance for item in result.events if item.provenance is not None]
    languages = {s.id: s.language for item in result.events for s in item.sources}
    if fmt == "json":
        click.echo(dump_json([graph.to_dict() for graph in graphs]))
    elif fmt == "csv":
        click.echo(dump_csv([row for graph in graphs for row in edge_rows(graph)], CSV_COLUMNS), nl=False)
    else:
        for graph in graphs:
            click.echo(f"event {graph.event}")
            # The scores are the rules' own, set by hand, not probabilities measured on texts of known origin:
            # said so beside each, as the page (which leaves them out) says in its provenance section.
            # the page's words for it (compare.report.provenance_views.reads_as_words): "reads as first written in
            # de" said of an English translation of a German member read as "a German text" (rW1 de-en M5)
            translates = {e.to: e.from_ for e in graph.edges
                          if e.relation in ("translation", "machine-translation") and e.from_}
            for source in graph.sources:
                own = languages.get(source.id, "und")
                click.echo(f"  {source.id} ({own}): "
                           f"{reads_as_words(source.origin_language, own, (), translates.get(source.id, ''))} "
                           f"(rule score {source.origin_language_confidence:.2f}, not a probability)")
            for edge in graph.edges:
                parent = edge.from_ or (f"outside the set, credited to {edge.origin}" if edge.origin else "outside the set")
                click.echo(f"  {parent} -> {edge.to}: {edge.relation} "
                           f"(rule score {edge.confidence:.2f}, not a probability)")
                for item in edge.evidence:
                    click.echo(f"      {item.text}")
            for sibling in graph.siblings:
                # independent reports of one occasion are not called siblings (issue 23, r46)
                click.echo(f"  {sibling.a} and {sibling.b}: {'' if sibling.independent else 'siblings, '}{sibling.reason}")
    raise click.exceptions.Exit(exit_code_for(skipped))
