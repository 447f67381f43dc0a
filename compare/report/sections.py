"""The sections of an event page, in one list: the table of contents, the page, the CSVs and summary.json.

A section names its anchor and heading, the template partial that renders
it (``templates/sections/<name>.html.j2``), the CSV tables it owns (built by
``views.TABLE_ROWS`` with the columns of ``tables.SCHEMAS``), what it adds to
each event's entry in summary.json, and optionally its own page values.
Adding a section is one entry here and one partial; a section with a new
table adds its rows in views.py and its columns in tables.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from compare.report.provenance_views import findings_context, framing_context, provenance_context

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class Section:
    name: str
    """Anchor id, and the partial's file name."""
    title: str
    tables: tuple[str, ...] = ()
    """CSV tables this section owns, written as ``<table>.csv`` in the event folder."""
    summary: Callable[[Rows], dict[str, Any]] | None = None
    """Entries for the event in summary.json, from the event's table rows."""
    context: Callable[..., dict[str, Any]] | None = None
    """Extra page values: called as ``context(item, run, tables)``; the common ones come from ``views.event_page``."""
    comparative: bool = True
    """Whether it compares sources: an event with one source shows only the sections that do not."""

    @property
    def partial(self) -> str:
        return f"sections/{self.name}.html.j2"


SECTIONS: tuple[Section, ...] = (
    Section("sources", "Sources", ("sources",), comparative=False),
    Section("overview", "Overview", ("pairs",), summary=lambda rows: {"pairs": rows["pairs"]}),
    Section("side-by-side", "Side by side", ("sentences", "links", "claims"),
            summary=lambda rows: {"claims": len(rows["claims"]), "links": len(rows["links"])}),
    Section("quotes", "Quotes", ("quotes",), summary=lambda rows: {"quotes": len(rows["quotes"])}),
    Section("names", "Names and terms", ("names",)),
    Section("framing", "Names each source chose", ("framing",), summary=lambda rows: {"framing": len(rows["framing"])},
            context=framing_context),
    Section("provenance", "Who took what from whom", ("provenance",),
            summary=lambda rows: {"provenance": rows["provenance"]}, context=provenance_context),
    Section("artifacts", "Artifacts", ("artifacts",), summary=lambda rows: {"artifacts": len(rows["artifacts"])},
            comparative=False),
    Section("cleaning", "What cleaning removed", ("residue",), comparative=False),
    Section("methods", "How the scores were computed", ("findings",), comparative=False, context=findings_context),
    Section("teaching", "For teaching"),
)
"""Every section of the event page, in page order."""


def table_names(sections: tuple[Section, ...] = SECTIONS) -> tuple[str, ...]:
    """Every table the sections own, in page order."""
    return tuple(name for section in sections for name in section.tables)
