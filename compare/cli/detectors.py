"""``compare detectors``: the registered artifact detectors, like ``datasette plugins``."""

from __future__ import annotations

import click

from compare.cli.common import dump_json, format_option


@click.command("detectors")
@format_option(("table", "json"), "table")
def command(fmt: str) -> None:
    """List registered artifact detectors with version, family, languages, needs and a one-line description.

    Example:

        compare detectors --format json
    """
    from compare.artifacts import REGISTRY  # here, not at the top: `compare run` need not wait for it at start-up

    rows = [
        {"name": d.name, "version": d.version, "family": d.family, "languages": list(d.languages),
         "needs": list(d.needs), "description": d.description}
        for d in REGISTRY.values()
    ]
    if fmt == "json":
        click.echo(dump_json(rows))
        return
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        click.echo(f"{r['name']:<{width}}  {r['family']:<15} {','.join(r['languages']):<4} {r['description']}")
