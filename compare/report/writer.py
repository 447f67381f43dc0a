"""Write a whole report folder, or nothing: build it aside, then swap it into place.

The new report is written to a temporary folder next to the target and
renamed into place only when complete, so a crash or a kill leaves the
previous report whole.  A marker file says a folder was written by compare;
a folder without it is not overwritten unless the user says ``--force``.
Every file name comes from ``safe_name``, so no id can write outside the
output folder.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compare.errors import OutputError, UsageError
from compare.executors import LocalExecutor
from compare.model import EventResult, RunResult
from compare.report.database import DATABASE, pack_cells, write_packed_database
from compare.report.datasette_metadata import METADATA, metadata_text
from compare.report.event_title import date_words, page_title
from compare.report.html import render
from compare.report.plain import stands_out
from compare.report.safety import safe_name
from compare.report.sections import SECTIONS, table_names
from compare.report.tables import to_csv
from compare.report.target import MARKER, check_apart, check_target  # noqa: F401 - check_apart is read from here too
from compare.report.views import (
    SetIndex,
    event_page,
    event_tables,
    handout_page,
    shown_size,
    statement_count,
    title_language,
)
from compare.run_signatures import run_signatures
from compare.settings import REPORT_FORMATS
from compare.version import __version__

FORMATS = REPORT_FORMATS


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _clear_stale_staging(out: Path) -> None:
    """Remove half-written folders left by runs that were killed (their process is gone).

    A staging folder is ``.NAME.new-PID-RANDOM``; a link with such a name is
    left alone (``rmtree`` refuses links).
    """
    prefix = f".{out.name}.new-"
    for folder in out.parent.glob(f"{prefix}*"):
        pid = folder.name[len(prefix):].split("-", 1)[0]
        if pid.isdigit() and not _pid_alive(int(pid)) and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)


def _swap_into_place(staging: Path, out: Path) -> None:
    aside = None
    if out.exists():
        # A fresh empty folder by tempfile, which the rename replaces: no planted name is followed.
        aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-{os.getpid()}-", dir=out.parent))
        out.rename(aside)
    staging.rename(out)
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def _write_event(item: EventResult, run: RunResult, index: SetIndex, staging: Path, formats: set[str],
                 ) -> WrittenEvent:
    """One event's folder (CSV tables, page, hand-out); what the set's index, summary and database need of it."""
    tables = event_tables(item, run, index)
    folder = staging / safe_name(item.event.id)
    folder.mkdir()
    if "csv" in formats:
        for name in table_names():
            _write(folder / f"{name}.csv", to_csv(name, tables[name]))
    if "html" in formats:
        page = event_page(item, run, tables, index)
        handout = handout_page(page)
        # the page describes the hand-out by what it holds (2017 has no statement quoted twice)
        _write(folder / "index.html", render("event.html.j2", **page,
                                             handout_statement=bool(handout["statement"])))
        if len(item.sources) > 1:
            _write(folder / "handout.html", render("handout.html.j2", **handout))
    return WrittenEvent.of(tables, "db" in formats)


@dataclass(frozen=True, slots=True)
class WrittenEvent:
    """What is kept of one event's tables once its folder is written: the set's index entry, its summary.json
    entries, and its database rows as pickled cells (``database.pack_cells``).

    Why: the row dicts of every event held at once until compare.db was written were the largest thing a
    large run kept (1,000 WMT21 documents: hundreds of MB); the pickled cells are the same values, in the same
    order, in a fraction of the memory, and the database is written from them byte for byte as before.
    """

    sources: list[dict[str, Any]]
    statements: tuple[int, int]
    stands_out: str
    artifacts: int
    summary: dict[str, Any]
    cells: dict[str, bytes]

    @classmethod
    def of(cls, tables: dict[str, list[dict[str, Any]]], database: bool) -> WrittenEvent:
        summary = {key: value for section in SECTIONS if section.summary
                   for key, value in section.summary(tables).items()}
        # the set index's "Kind" is the manifest's word alone: the tool's look-ahead count is said on the event page,
        # where the page says what the tool found (r44: "original; 5 of its 11 statements look ahead" read as the
        # manifest's)
        return cls(list(tables["sources"]), statement_count(tables), stands_out(tables), len(tables["artifacts"]),
                   summary, pack_cells(tables, table_names()) if database else {})


def summary(run: RunResult, written: dict[str, WrittenEvent]) -> dict[str, Any]:
    events = []
    for item in run.events:
        done = written[item.event.id]
        events.append({
            "id": item.event.id,
            "folder": safe_name(item.event.id),
            "title": item.event.title,
            "date": item.event.date,
            "date_basis": item.event.date_basis,
            "date_given": item.event.date_given,
            "sources": list(item.event.sources),
            "evidence": dict(sorted(item.event.evidence.items())),
            "apart": item.event.apart,
            "background": [b.to_dict() for b in item.event.background],
            **done.summary,
            "signatures": dict(sorted(item.alignment.signatures.items())),
        })
    return {
        "compare_version": __version__,
        "settings": {"mode": run.settings.align.mode, "backend": run.settings.align.backend,
                     "metrics": list(run.settings.metrics),
                     "language_detectors": {"document": run.settings.clean.document_detector,
                                            "sentence": run.settings.clean.sentence_detector},
                     "signatures": run_signatures(run.settings)},
        "sources": len(run.sources),
        "events": events,
        "entities": [e.to_dict() for e in run.annotations.entities],
        "problems": [p.to_dict() for p in run.problems],
    }


def _index_context(run: RunResult, written: dict[str, WrittenEvent]) -> dict[str, Any]:
    events = []
    sources = []
    for item in run.events:
        done = written[item.event.id]
        folder = safe_name(item.event.id)
        shown, neutral = page_title(item, run)
        events.append({
            "id": item.event.id, "title": shown, "date": item.event.date, "href": f"{folder}/index.html",
            "date_words": date_words(item.event.date, item.event.date_given, capital=False),
            "sources": list(item.event.sources),
            "languages": sorted({r["language"] for r in done.sources}),
            **dict(zip(("statements", "shared"), done.statements, strict=True)),
            "stands_out": done.stands_out, "artifacts": done.artifacts,
            "title_language": None if neutral else title_language(item.event.title, done.sources),
        })
        sizes = {s.id: shown_size(s) for s in item.sources}
        for row in done.sources:
            sources.append(dict(row, href=f"{folder}/index.html", size=sizes.get(row["source"])))
    sources.sort(key=lambda r: r["source"])
    walls = {s.id for s in run.sources if s.page_kind}
    count = sum(1 for item in run.events if not walls.issuperset(item.event.sources))
    mixed = (
        f"This source set mixes {count} events: the reports are compared only with reports of the same event."
        if count > 1 else "All reports in this source set are about one event."
    )
    if walls:
        one = len(walls) == 1
        said = "One of its files is not a news report" if one else f"{len(walls)} of its files are not news reports"
        mixed = ("" if not count else mixed + " ") + (
            f"{said} (a wall, a notice or a forum post, listed below under “Inputs used with a warning”): "
            f"{'it is' if one else 'each is'} an event of its own, compared with no other report.")
    return {"events": events, "sources": sources, "source_count": len(run.sources), "mixed_note": mixed,
            "problems": [p.render() for p in run.problems if p.severity == "error"],
            "warnings": [p.render() for p in run.problems if p.severity != "error"]}


def _database_title(run: RunResult) -> str:
    count = len(run.events)
    return f"compare: {count} event{'s' if count != 1 else ''}, {len(run.sources)} reports"


def _carry_over(out: Path, staging: Path, keep: Iterable[str]) -> None:
    """Move what belongs to the folder but not to this report (the cache) into the new folder."""
    for name in keep:
        if (out / name).exists() and not (staging / name).exists():
            (out / name).rename(staging / name)


def _event_cost(item: EventResult) -> float:
    """An event's expected share of the writing (its rows grow with its links): the largest go first."""
    from compare.stages.base import pairs_cost

    return pairs_cost(item.sources)


def _events_executor(executor: LocalExecutor | None) -> LocalExecutor:
    """The executor that writes the events' folders (``executor``, else every core), the engine settled first.

    Why: writing the events' tables and pages was the longest serial stretch after alignment (200 WMT21
    documents: 4.4 s of a 65 s run, with the second core idle).  The report embeds nothing, and a fork copies
    no thread; what kept it in one process was the semantic layer's engine threads, one of which could hold a
    lock at the moment of the fork.  Once no engine thread is encoding (``embeddings.settle``) none does, so
    the engine is settled here and the events go to ``map_heavy`` as without the semantic layer.
    """
    embeddings = sys.modules.get("compare.semantic.embeddings")
    if embeddings is not None:
        embeddings.settle()
    return executor or LocalExecutor()


def write_report(
    run: RunResult, out: str | Path, formats: Iterable[str] = FORMATS, force: bool = False, keep: Iterable[str] = (".cache",),
    executor: LocalExecutor | None = None,
) -> Path:
    """Write the report folder for a run and return its index page (or folder).

    ``keep`` names entries of an existing report folder that move into the new
    one (the cache), since the folder is replaced whole.  ``executor`` writes
    the events' folders (default: on every core, :func:`_events_executor`);
    the files are the same bytes either way.
    """
    out = Path(out)
    if run.stages and "align" not in run.stages:
        raise UsageError(f"this run stopped after {run.stages[-1]!r}: a report needs the alignment",
                         'run the pipeline to the end (run_pipeline(path)) or at least until="ter"')
    formats = set(formats)
    unknown = formats - set(FORMATS)
    if unknown:
        raise OutputError(f"unknown format(s) {', '.join(sorted(unknown))}", f"choose from {', '.join(FORMATS)}")
    check_target(out, force, keep)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _clear_stale_staging(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-{os.getpid()}-", dir=out.parent))
    except OSError as exc:
        raise OutputError(f"-o {out}: cannot write there ({exc.strerror or exc})",
                          "choose an output folder you may write in with -o") from None
    try:
        index = SetIndex.of(run)
        # Each event's tables and pages depend on that event and the set's index alone: forked workers write
        # events side by side, into the same staging folder, and the swap below still happens once, at the end.
        executor = _events_executor(executor)
        # The smallest event is written here first, alone, so that the templates are compiled once, before the
        # fork (the first event was, whatever its size, with the other core idle).
        smallest = min(range(len(run.events)), key=lambda k: _event_cost(run.events[k]), default=0)
        written = dict(zip((item.event.id for item in run.events),
                           executor.map_heavy(_write_event, run.events, run, index, staging, formats,
                                              warm_up=(smallest,), cost=_event_cost),
                           strict=True))
        if "html" in formats:
            _write(staging / "index.html", render("index.html.j2", **_index_context(run, written)))
        if "json" in formats:
            _write(staging / "summary.json", json.dumps(summary(run, written), ensure_ascii=False, indent=2) + "\n")
        if "db" in formats:
            write_packed_database(staging / DATABASE, [done.cells for done in written.values()], table_names())
            _write(staging / METADATA, metadata_text(table_names(), _database_title(run)))
        _write(staging / MARKER, f"written by compare {__version__}\n")
        os.chmod(staging, 0o755)
        _carry_over(out, staging, keep)
        _swap_into_place(staging, out)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"-o {out}: the report could not be written ({exc.strerror or exc}); the previous one, "
                          "if any, is as it was", "free some space or choose another folder with -o") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out / "index.html" if "html" in formats else out
