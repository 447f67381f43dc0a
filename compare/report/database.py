"""compare.db: every table of a run in one SQLite file, for analysts who query across events.

The tables, their columns, types, keys and meanings come from ``tables.SCHEMAS``
and ``tables.TABLES``, the schema the CSV writer reads, and the rows from the
same row lists, read by ``tables.cells``: the database cannot hold other rows
than the CSVs.  Sentence text has a full-text index (FTS5) with the trigram
tokenizer, which needs no word boundaries and so works for Chinese and
Japanese as for Russian or German (a query needs at least three characters).

The file is written into the report's staging folder, so it is replaced
together with the rest of the report or not at all.  It is deterministic: a
fixed page size, one transaction, rows in report order, indexes built after
the rows, no timestamps anywhere; the same input and the same SQLite library
give the same bytes.  (SQLite writes its own version number into the file
header, so another SQLite version gives the same content in other bytes.)
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from compare.report.tables import TABLES, cells, columns

DATABASE = "compare.db"
PAGE_SIZE = 4096
TRIGRAM = sqlite3.sqlite_version_info >= (3, 34, 0)
"""SQLite learned the trigram tokenizer in 3.34; an older one gets unicode61 (words split at spaces only)."""
FACETS = ("kind", "language", "relation", "outlet")
"""Columns analysts filter on across events: indexed wherever a table has them."""

Rows = Mapping[str, Sequence[Mapping[str, Any]]]


def quote(name: str) -> str:
    """An identifier, quoted: several columns are SQL keywords (``index``, ``from``, ``to``, ``end``)."""
    return '"' + name.replace('"', '""') + '"'


def fts_table(table: str) -> str:
    """The name of a table's full-text index (datasette finds it by this name)."""
    return f"{table}_fts"


def create_table(table: str) -> str:
    """CREATE TABLE for one table of the schema, with its primary and foreign keys."""
    spec = TABLES[table]
    lines = [
        f"  {quote(c.name)} {c.sql_type}" + (" NOT NULL" if c.name in spec.key else "")
        for c in columns(table)
    ]
    lines.append(f"  PRIMARY KEY ({', '.join(map(quote, spec.key))})")
    for ref in spec.references:
        lines.append(f"  FOREIGN KEY ({', '.join(map(quote, ref.columns))}) "
                     f"REFERENCES {quote(ref.table)} ({', '.join(map(quote, ref.to))})")
    return f"CREATE TABLE {quote(table)} (\n" + ",\n".join(lines) + "\n)"


def index_columns(table: str) -> list[tuple[str, ...]]:
    """What to index: each foreign key's columns (what joins use) and the facet columns, unless the key covers them."""
    spec = TABLES[table]
    names = {c.name for c in columns(table)}
    wanted = [ref.columns for ref in spec.references]
    wanted += [("event", name) for name in FACETS if name in names]
    wanted += [(name,) for name in ("source", *FACETS) if name in names]
    found: list[tuple[str, ...]] = []
    for cols in wanted:
        if spec.key[: len(cols)] != cols and cols not in found:
            found.append(cols)
    return found


def create_indexes(table: str) -> list[str]:
    return [
        f"CREATE INDEX {quote('idx_' + table + '_' + '_'.join(cols))} ON {quote(table)} ({', '.join(map(quote, cols))})"
        for cols in index_columns(table)
    ]


def create_search(table: str) -> list[str]:
    """The FTS5 index over a table's search column, filled from the table (external content: no second copy)."""
    column = TABLES[table].search
    tokenizer = "trigram" if TRIGRAM else "unicode61"
    name = fts_table(table)
    return [
        f"CREATE VIRTUAL TABLE {quote(name)} USING fts5({quote(column)}, content={quote(table)}, "
        f"content_rowid='rowid', tokenize='{tokenizer}')",
        f"INSERT INTO {quote(name)}({quote(name)}) VALUES ('rebuild')",
        f"INSERT INTO {quote(name)}({quote(name)}) VALUES ('optimize')",
    ]


def write_database(path: str | Path, tables_by_event: Mapping[str, Rows], tables: Sequence[str]) -> Path:
    """Write ``tables`` of every event into a new SQLite file at ``path`` (which must not exist yet).

    ``tables_by_event`` maps each event id, in report order, to its rows by table name: the rows
    the CSV files are written from.
    """
    return _write(path, tables, lambda table: (cells(table, rows[table]) for rows in tables_by_event.values()))


def pack_cells(rows: Rows, tables: Sequence[str]) -> dict[str, bytes]:
    """One event's database rows, per table, as the pickled tuples :func:`cells` makes of them.

    A large run's report keeps every event's rows until the database is written; as row dicts they were the
    largest thing it held, as pickled cells they take a fraction of that memory and give the same values.
    """
    return {table: pickle.dumps(list(cells(table, rows[table])), protocol=pickle.HIGHEST_PROTOCOL)
            for table in tables}


def write_packed_database(path: str | Path, packed: Sequence[Mapping[str, bytes]], tables: Sequence[str]) -> Path:
    """:func:`write_database` from each event's :func:`pack_cells`, in report order: the same file, byte for byte."""
    return _write(path, tables, lambda table: (pickle.loads(event[table]) for event in packed))


def _write(path: str | Path, tables: Sequence[str],
           rows_of: Callable[[str], Iterable[Iterable[tuple[Any, ...]]]]) -> Path:
    """The database file: ``rows_of(table)`` gives each event's cells of one table, in report order."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists: compare.db is written only into a fresh staging folder")
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        connection.execute("PRAGMA journal_mode = OFF")  # the staging folder is thrown away if the run fails
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("BEGIN")
        for table in tables:
            connection.execute(create_table(table))
        for table in tables:
            insert = (f"INSERT INTO {quote(table)} VALUES "
                      f"({', '.join('?' for _ in columns(table))})")
            for event_cells in rows_of(table):
                connection.executemany(insert, event_cells)
        for table in tables:
            for statement in create_indexes(table):
                connection.execute(statement)
            if TABLES[table].search:
                for statement in create_search(table):
                    connection.execute(statement)
        connection.execute("COMMIT")
    finally:
        connection.close()
    return path
