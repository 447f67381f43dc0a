"""What writing compare.db costs: its time and size on a generated set, as a share of the whole run.

    python bench/make_sets.py --sizes 1000        # once: builds bench/out/sets/set-1000.jsonl
    python bench/db_write.py --size 1000          # (builds the set itself when it is missing)

Runs the pipeline in this process (no cache), writes the report without the
database, then writes the database alone into a scratch folder from the same
rows, and prints: pipeline time, report time (html, csv, json), database time
and size, and the database's share of the run (pipeline + full report).
Target (issue 27): under 5% of the run.  It then checks the database it
wrote as the tests do on the seeds: every CSV row in compare.db, cell for
cell, and ``PRAGMA foreign_key_check`` empty.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SETS = HERE / "out" / "sets"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--set", type=Path, default=None, help="a source set instead of the generated one")
    args = parser.parse_args(argv)
    source = args.set or SETS / f"set-{args.size}.jsonl"
    if not source.exists():
        sys.path.insert(0, str(HERE))
        from make_sets import build

        build([args.size], SETS)

    from compare.pipeline import run_pipeline
    from compare.report.database import DATABASE, write_database
    from compare.report.datasette_metadata import METADATA, metadata_text
    from compare.report.sections import table_names
    from compare.report.views import SetIndex, event_tables
    from compare.report.writer import write_report

    start = time.perf_counter()
    run = run_pipeline(source)
    pipeline = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "report"
        start = time.perf_counter()
        write_report(run, out, ("html", "csv", "json"))
        report = time.perf_counter() - start
        # The database from the same rows, as write_report builds them (building rows is the report's cost).
        index = SetIndex.of(run)
        tables_by_event = {item.event.id: event_tables(item, run, index) for item in run.events}
        start = time.perf_counter()
        write_database(out / DATABASE, tables_by_event, table_names())
        (out / METADATA).write_text(metadata_text(table_names(), "bench"), encoding="utf-8")
        database = time.perf_counter() - start
        size = (out / DATABASE).stat().st_size
        csv_bytes = sum(p.stat().st_size for p in out.rglob("*.csv"))
        rows = sum(len(t) for tables in tables_by_event.values() for t in tables.values())
        total = pipeline + report + database
        print(f"set: {source.name}: {len(run.sources)} reports, {len(run.events)} events, {rows:,} table rows")
        print(f"pipeline {pipeline:.1f} s; report (html, csv, json) {report:.1f} s; compare.db {database:.2f} s")
        print(f"compare.db: {size / 1e6:.1f} MB (the CSV files: {csv_bytes / 1e6:.1f} MB)")
        print(f"compare.db share of the run: {100 * database / total:.1f}% (target under 5%)")

        sys.path.insert(0, str(REPO / "tests"))
        from test_database import assert_same_rows

        checked = assert_same_rows(out)
        with sqlite3.connect(out / DATABASE) as db:
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
        print(f"checked: {checked:,} CSV rows equal in compare.db; foreign_key_check: "
              f"{'empty' if not problems else problems[:5]}")
        return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
