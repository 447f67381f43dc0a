"""``compare align``: link the sentences of an event's reports, score each pair, compare quotes.

Output columns (JSON keys; CSV has one row per link with the same names):

- ``event``: event id (``files`` when files are aligned directly).
- ``source_a``, ``sentence_a``, ``start_a``, ``end_a``: source id, sentence
  index and character offsets in the clean text, as ``compare ingest`` gives
  them; the same with ``_b`` for the other side (``source_a`` < ``source_b``).
- ``similarity``: the combined similarity (0-1), the weighted mean of the
  signals both sentences carry; ``signals`` (CSV: ``signal_<name>``) each
  signal's cosine: ``char`` (character 3-5-grams), ``lemma`` (content-word
  lemmas), ``entities`` (canonical entity ids, or transliterated names),
  ``numbers`` (numbers and dates), ``embedding`` (embeddings backend only).
- ``kind``: ``verbatim`` (chrF >= 90), ``close`` (>= 60) or ``paraphrase``.
- ``labels``: what differs: ``number``, ``date``, ``name``, ``negation``,
  ``modal``, ``hedge``, ``intensifier``.
- ``chrf``: sacrebleu sentence chrF of b against a; ``diff``: word diff
  (``=`` same, ``-`` only in a, ``+`` only in b).

A one-to-two alignment is two links.  See docs/align.md for ``claims``,
``pairs`` and ``quotes``.
"""

from __future__ import annotations

from pathlib import Path

import click

from compare.cli.common import (
    NO_PATH_NOTE,
    backend_option,
    bundled_seeds,
    dump_csv,
    dump_json,
    engine_options,
    exit_code_for,
    format_option,
    limit_options,
    mode_option,
    report_problems,
    run_stages,
    settings_from,
)

LINK_COLUMNS = (
    "event", "source_a", "sentence_a", "start_a", "end_a", "source_b", "sentence_b", "start_b", "end_b",
    "similarity", "kind", "labels", "chrf",
)


def alignment_payload(results) -> dict:
    payload: dict = {"links": [], "claims": [], "pairs": [], "quotes": [], "unique": {}, "modes": {}, "signatures": {}}
    for result in results:
        data = result.to_dict()
        for key in ("links", "claims", "pairs", "quotes"):
            payload[key].extend(data[key])
        payload["unique"][result.event] = data["unique"]
        payload["modes"][result.event] = data["modes"]
        payload["signatures"] = data["signatures"]
    return payload


@click.command("align")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--event", "event_id", help="Align only this event (an id from `compare events`).")
@mode_option
@click.option("--presegmented", is_flag=True, help="Read each non-empty line of each file as one sentence.")
@click.option("--language", help="Language of --presegmented files (default: detected per file).")
@backend_option
@format_option(("table", "json", "csv"), "table")
@engine_options
@limit_options
def command(paths, event_id, mode, presegmented, language, backend, fmt, engine, scheduler, cache_dir, max_file_mb,
            max_sentence_chars, follow_links) -> None:
    """Link the sentences of each event's reports, score every pair of reports and compare their quotes.

    With one PATH (a source set, as for `compare ingest`), reports are grouped
    into events first and each event is aligned; with two or more files they
    are aligned directly, whatever the events say.

    Example:

    \b
        compare align seeds/ --format json
        compare align dev.de dev.fr --presegmented --mode parallel --format csv
    """
    if not paths:
        paths = (str(bundled_seeds()),)
        click.echo(NO_PATH_NOTE, err=True)
    if len(paths) == 1 and Path(paths[0]).is_file() and Path(paths[0]).suffix.lower() not in (".csv", ".jsonl"):
        raise click.UsageError(f"{paths[0]} is one report: give two or more files to align them, or a source set "
                               "(a folder, a manifest.csv or a .jsonl file) to align each event's reports")
    skipped = 0
    if presegmented:
        # Sentences given one per line are not a source set: align them as they are, as sentence aligners'
        # test sets expect.
        from compare.align import align_event, with_word_diffs
        from compare.align.inputs import presegmented_source

        stems = [Path(p).stem for p in paths]
        ids = [Path(p).stem if stems.count(Path(p).stem) == 1 else Path(p).name for p in paths]
        sources = [presegmented_source(p, i, language) for p, i in zip(paths, ids, strict=True)]
        results = [with_word_diffs(align_event("files", sources, mode=mode, backend=backend), sources)] \
            if len(sources) > 1 else []
    else:
        from compare.cache import cache_file

        settings = settings_from(max_file_mb, max_sentence_chars, mode, backend, together=len(paths) > 1,
                                 follow_links=follow_links)
        result, _ = run_stages(list(paths), "ter", settings, engine, scheduler,
                               cache_dir and cache_file(cache_dir))
        skipped = report_problems(result.problems)
        if event_id and all(item.event.id != event_id for item in result.events):
            raise click.BadParameter(f"no event {event_id!r} in this source set (see `compare events`)",
                                     param_hint="--event")
        from compare.align import with_word_diffs

        results = [with_word_diffs(item.alignment, item.sources) for item in result.events
                   if item.alignment is not None and len(item.sources) > 1
                   and (not event_id or item.event.id == event_id)]
    payload = alignment_payload(results)
    if fmt == "json":
        click.echo(dump_json(payload))
    elif fmt == "csv":
        signal_names = sorted({k for link in payload["links"] for k in link["signals"]})
        rows = [dict(link, **{f"signal_{k}": v for k, v in link["signals"].items()}) for link in payload["links"]]
        click.echo(dump_csv(rows, LINK_COLUMNS + tuple(f"signal_{k}" for k in signal_names)), nl=False)
    else:
        _print_tables(results)
    raise SystemExit(exit_code_for(skipped))


def _score(value: float | None) -> str:
    """A pair score for the terminal; empty where it was not computed (two languages, or --no-ter)."""
    return "" if value is None else f"{value:.1f}"


def _print_tables(results) -> None:
    # rich here, not at import: the CLI imports every command, and `compare run` starts no table
    from rich.console import Console
    from rich.table import Table

    console = Console(width=160)
    for result in results:
        table = Table(title=f"event {result.event}: {len(result.links)} links, "
                            f"{sum(c.kind.startswith('shared') for c in result.claims)} shared claims")
        for column in ("pair", "mode", "links", "BLEU", "chrF", "TER", "cov a in b", "cov b in a", "unique a",
                       "unique b"):
            table.add_column(column)
        for p in result.pairs:
            key = f"{p.source_a}-{p.source_b}"
            table.add_row(key, result.modes.get(key, ""), str(p.links), _score(p.bleu), _score(p.chrf), _score(p.ter),
                          f"{p.coverage_a_in_b:.2f}", f"{p.coverage_b_in_a:.2f}", str(p.unique_a), str(p.unique_b))
        console.print(table)
        quotes = Table(title=f"event {result.event}: quotes against the reference")
        for column in ("speaker", "source", "reference", "fidelity", "chrF", "dropped", "added"):
            quotes.add_column(column, overflow="fold")
        for q in result.quotes:
            quotes.add_row(q.speaker, q.source_id, q.reference_source, q.fidelity, f"{q.chrf:.1f}",
                           ", ".join(q.dropped[:8]), ", ".join(q.added[:8]))
        if result.quotes:
            console.print(quotes)
