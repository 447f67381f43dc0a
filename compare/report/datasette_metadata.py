"""metadata.json beside compare.db: what datasette shows about each table and column, and canned queries.

Descriptions come from ``tables.TABLES`` and ``tables.SCHEMAS``, the source
docs/output-reference.md is generated from, so the browser and the docs say
the same.  The canned queries are the questions a teacher or an analyst asks
first; each runs on any compare.db (tests run them through a real datasette).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from compare.report.database import DATABASE, FACETS, fts_table
from compare.report.tables import TABLES, columns

METADATA = "metadata.json"
DATABASE_NAME = DATABASE.removesuffix(".db")
"""How datasette names the database: the file name without its suffix."""
FACET_COLUMNS = ("event", "source", *FACETS)
"""Columns datasette offers as facets, wherever a table has them."""


@dataclass(frozen=True, slots=True)
class Query:
    name: str
    title: str
    description: str
    sql: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "sql", self.sql.strip())


QUERIES: tuple[Query, ...] = (
    Query(
        "changed_quotes", "Quotations a source changed",
        "Every rendering of a quotation that is not verbatim, with the words dropped and added against the "
        "reference (the transcript where the set has one). Leave speaker empty for every speaker.",
        """select q.event, q.speaker, s.outlet, q.source, q.fidelity, q.chrf, q.dropped, q.added,
  q.reference_text, q.text
from quotes q join sources s on s.event = q.event and s.source = q.source
where q.fidelity not in ('verbatim', 'unmatched') and q.speaker like '%' || :speaker || '%'
order by q.event, q.speaker, q.chrf""",
    ),
    Query(
        "naming_by_outlet", "Names each outlet chose for contested places",
        "For every contested place, the name each outlet chose, with its language and date.",
        """select n.name as place, n.naming_choice, s.outlet, s.language, s.date, n.event, n.source
from names n join sources s on s.event = n.event and s.source = n.source
where n.naming_choice is not null
order by n.name, n.naming_choice, s.outlet, n.event""",
    ),
    Query(
        "traced_translations", "Translations traced to an original",
        "Every report the tool judged a translation, machine translation or rewrite, with the original it "
        "was made from: a report of the set, or an organisation the text credits when the original is outside it.",
        """select p.event, p.relation, p.confidence, t.outlet as report_outlet, p."to" as report,
  coalesce(f.outlet, p.origin, 'not in the set') as original, p."from" as original_report, p.evidence
from provenance p
join sources t on t.event = p.event and t.source = p."to"
left join sources f on f.event = p.event and f.source = p."from"
where p.relation in ('translation', 'machine-translation', 'rewrite')
order by p.event, p."to"
""",
    ),
    Query(
        "unlinked_statements", "Statements no other report was linked to",
        "Sentences (not headlines, bylines or background) that no sentence of another report of the event "
        "matched, with the closest one found elsewhere; only_here = 1 where absence elsewhere was established.",
        """select x.event, s.outlet, x.source, x."index" as sentence, x.only_here, x.nearest_source,
  x.nearest_score, x.text
from sentences x join sources s on s.event = x.event and s.source = x.source
where x.linked = 0 and x.background = 0 and x.structure is null
order by x.event, x.source, x."index"
""",
    ),
    Query(
        "search_sentences", "Search every sentence",
        "Sentences containing a phrase (three characters or more, any language and script), with their outlet.",
        f"""select x.event, s.outlet, x.source, x.language, x."index" as sentence, x.text
from {fts_table('sentences')} f
join sentences x on x.rowid = f.rowid
join sources s on s.event = x.event and s.source = x.source
where {fts_table('sentences')} match '"' || replace(:phrase, '"', '""') || '"'
order by x.event, x.source, x."index"
""",
    ),
)
"""Canned queries: datasette shows each as a page with a form for its :parameters."""


def table_metadata(table: str) -> dict[str, Any]:
    """One table's entry: description, column descriptions, facets, and its full-text index if it has one."""
    names = [c.name for c in columns(table)]
    entry: dict[str, Any] = {
        "description": TABLES[table].description,
        "columns": {c.name: c.meaning for c in columns(table)},
        "facets": [name for name in FACET_COLUMNS if name in names],
    }
    if TABLES[table].search:
        entry["fts_table"] = fts_table(table)
        entry["fts_pk"] = "rowid"
    return entry


def metadata(tables: Sequence[str], title: str) -> dict[str, Any]:
    """The whole metadata.json for a compare.db holding ``tables``."""
    return {
        "title": title,
        "description": "Every table of a compare run, one row per CSV row, across all events. Column meanings are "
                       "those of docs/output-reference.md.",
        "source": "compare",
        "databases": {
            DATABASE_NAME: {
                "tables": {table: table_metadata(table) for table in tables},
                "queries": {q.name: {"title": q.title, "description": q.description, "sql": q.sql} for q in QUERIES},
            }
        },
    }


def metadata_text(tables: Sequence[str], title: str) -> str:
    return json.dumps(metadata(tables, title), ensure_ascii=False, indent=2) + "\n"
