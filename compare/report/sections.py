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
    fold: Callable[[dict[str, Any]], str] | None = None
    """For a long section: what its folded summary says it holds (with a count), from the page values.  Such a
    section is folded on a phone and open on a wider screen (``filters.js``); a link into it opens it."""

    @property
    def partial(self) -> str:
        return f"sections/{self.name}.html.j2"


def _plural(count: int, word: str, plural: str = "") -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _statement_rows(page: dict[str, Any]) -> str:
    rows = [r for r in page["claims"] if r["group"] == "statements"]
    return f"{_plural(len(rows), 'statement')} side by side, {_plural(len(page['ids']), 'source')} in columns"


def _quote_rows(page: dict[str, Any]) -> str:
    # every speaker the sources quote, and how many of the quotations another source renders too (2019 quotes
    # Shoigu, Kono and Iwaya beside Lavrov; a summary naming Lavrov alone read as all there was)
    # a quotation is one statement however many sources render it: "3 quotations" over one statement in four
    # sources counted renderings (planted p14, rG1 F3); the count is of statements, as the table lists them (each
    # opens on its reference row, or on its one source's row where no other renders it)
    rows = [row for _, group in page["quotes"] for row in group]
    statements = sum(1 for row in rows if row["fidelity"] in ("reference", "unmatched"))
    if not statements:
        return "no quotation found"
    alone = sum(1 for row in rows if row["fidelity"] == "unmatched")
    return (f"{_plural(statements, 'quotation')}{speaker_count(page)}, in {_plural(len(rows), 'rendering')}; "
            f"{statements - alone} rendered by more than one source, {alone} found in one source only; quotations in "
            "background passages, and quoted phrases of under six words that the text credits to no one, are not "
            "listed")


UNNAMED_SPEAKER = "a speaker the text does not name"
"""How the page names the speaker of quoted words no attribution was found for.  It said "unknown", which read as a
person called Unknown and as if the reports credited nobody, beside a header saying uncredited quotations are not
listed (issue 23, planted p01 F1 and M9: "1 quotation of 1 speaker (unknown)", "unknown said this")."""


UNIDENTIFIED_SPEAKER = "a speaker the tool could not identify"
"""How the page names the speaker of quoted words the text credits to someone the tool did not resolve (a verb of
speech beside them): a statement about the tool, not about the text.  "A speaker the text does not name" was false
there: 'an encounter Mikel Arteta described as "…"' (planted p09, rF2 F5), '"…," the document reads' (p14, rG1 F2),
and words of a speaker whose name the report's people do not tell apart (p12, 'She said:' after "Kardashian West")."""
NO_NAME = (UNNAMED_SPEAKER, UNIDENTIFIED_SPEAKER)


def speaker_count(page: dict[str, Any]) -> str:
    """Whom the quotations are attributed to, people and institutions counted apart.

    A capital or country quoted as a speaker ('Moscow believes it important …') is the government it stands for:
    counted among institutions and said to be so, since "3 speakers (Moscow, Russian Foreign Ministry, Tomomi
    Inada)" reads as three separate sources where TASS quotes one ministry's briefing twice over (2017).
    """
    kinds = page.get("speaker_kind") or {}
    names = sorted(name for name, _ in page["quotes"] if name not in NO_NAME)
    present = {name for name, _ in page["quotes"]}
    unnamed = [what for label, what in ((UNNAMED_SPEAKER, "words credited to no one"),
                                        (UNIDENTIFIED_SPEAKER, "words whose speaker the tool could not identify"))
               if label in present]
    if not names:
        if UNIDENTIFIED_SPEAKER in present:
            return ", " + " and ".join(unnamed)
        return ", credited to no one by name"
    return _named_count(names, kinds) + "".join(" and " + what for what in unnamed)


def _named_count(names: list[str], kinds: dict[str, str]) -> str:
    """The people and institutions among the speakers' names."""
    people = [n for n in names if kinds.get(n, "person") == "person"]
    bodies = [n for n in names if kinds.get(n) == "institution"]
    places = [n for n in names if kinds.get(n) == "place"]
    if not bodies and not places:
        return f" of {_plural(len(people), 'speaker')} ({', '.join(people)})"
    parts = [f"{_plural(len(people), 'person', 'people')} ({', '.join(people)})"] if people else []
    institutions = bodies + [f"{n}, a place named for its government" for n in places]
    parts.append(f"{_plural(len(institutions), 'institution')} ({'; '.join(institutions)})")
    return ", attributed to " + " and ".join(parts)


def _provenance_rows(page: dict[str, Any]) -> str:
    found = page.get("provenance") or {}
    # two independent reports of one occasion are not called siblings (one source text is not implied)
    siblings = found.get("siblings", ())
    independent = sum(1 for s in siblings if s.get("independent"))
    pairs = [_plural(len(siblings) - independent, "sibling pair")] if independent < len(siblings) or not siblings else []
    if independent:
        pairs.append(_plural(independent, "pair sharing no close wording", "pairs sharing no close wording"))
    articles = len(found.get("articles", ()))
    if articles:
        pairs.insert(0, _plural(articles, "pair that is one article in two languages",
                                "pairs that are one article in two languages"))
    return (f"the diagram and {_plural(len(found.get('edges', ())), 'link')} between texts, "
            f"{', '.join(pairs)}, each with its evidence")


def _artifact_rows(page: dict[str, Any]) -> str:
    count = sum(len(items) for families in page["artifacts"].values() for items in families.values())
    return f"{_plural(count, 'flag')} in {_plural(len(page['artifacts']), 'source')}, each explained"


def _cleaning_rows(page: dict[str, Any]) -> str:
    return f"{_plural(sum(len(rows) for rows in page['removed'].values()), 'change')} cleaning made"


def _method_rows(page: dict[str, Any]) -> str:
    return (f"how each figure was computed, {_plural(len(page['pairs']), 'pair')} of scores, "
            f"{_plural(len(page['not_asserted']), 'statement')} not asserted")


SECTIONS: tuple[Section, ...] = (
    Section("teaching", "For teaching"),
    Section("sources", "Sources", ("sources",), comparative=False),
    Section("overview", "Overview", ("pairs",), summary=lambda rows: {"pairs": rows["pairs"]}),
    Section("side-by-side", "Side by side", ("sentences", "links", "claims"),
            summary=lambda rows: {"claims": len(rows["claims"]), "links": len(rows["links"])}, fold=_statement_rows),
    Section("quotes", "Quotes", ("quotes",), summary=lambda rows: {"quotes": len(rows["quotes"])}, fold=_quote_rows),
    Section("names", "Names and terms", ("names",), fold=lambda page: _plural(len(page["names"]), "name")),
    Section("framing", "Names each source chose", ("framing",), summary=lambda rows: {"framing": len(rows["framing"])},
            context=framing_context),
    Section("provenance", "Who took what from whom", ("provenance",),
            summary=lambda rows: {"provenance": rows["provenance"]}, context=provenance_context, fold=_provenance_rows),
    Section("artifacts", "Artifacts", ("artifacts",), summary=lambda rows: {"artifacts": len(rows["artifacts"])},
            comparative=False, fold=_artifact_rows),
    Section("cleaning", "What cleaning removed", ("residue",), comparative=False, fold=_cleaning_rows),
    Section("methods", "How the scores were computed", ("findings",), comparative=False, context=findings_context,
            fold=_method_rows),
)
"""Every section of the event page, in page order."""


def table_names(sections: tuple[Section, ...] = SECTIONS) -> tuple[str, ...]:
    """Every table the sections own, in page order."""
    return tuple(name for section in sections for name in section.tables)
