"""compare.db written from each event's packed cells is the file written from the row dicts, byte for byte.

A large run's report keeps every event's database rows until compare.db is
written; they are kept as pickled cells (``database.pack_cells``) instead of
row dicts to hold the run's peak memory down.  A user relies on the database
being the same either way: same rows, same types, same bytes.
"""

from __future__ import annotations

import csv
from pathlib import Path

from compare.report.database import pack_cells, write_database, write_packed_database
from compare.report.sections import table_names

REPORTS = Path(__file__).resolve().parents[1] / "reports"


def _rows_by_event() -> dict[str, dict[str, list[dict[str, str]]]]:
    """The committed seed report's CSV rows, per event and table (the tables the database holds)."""
    events = sorted(p for p in REPORTS.iterdir() if p.is_dir())
    return {folder.name: {name: list(csv.DictReader(open(folder / f"{name}.csv", encoding="utf-8", newline="")))
                          for name in table_names()} for folder in events}


def test_packed_cells_write_the_same_database(tmp_path: Path) -> None:
    rows = _rows_by_event()
    assert sum(len(tables["sentences"]) for tables in rows.values()) > 50
    plain = write_database(tmp_path / "plain.db", rows, table_names())
    packed = write_packed_database(tmp_path / "packed.db", [pack_cells(tables, table_names()) for tables in rows.values()],
                                   table_names())
    assert plain.read_bytes() == packed.read_bytes()
