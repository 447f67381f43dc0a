"""The CSV tables of a report: one schema per table, used by the writer, the docs and the tests.

Each column has a pandas dtype and a meaning.  Text columns are declared
``string``: read them with ``pandas.read_csv(path, dtype=text_dtypes(table))``
(or ``compare.report.tables.read_table``) so an all-empty column stays text;
numeric and boolean columns come back as documented without help.
"""

from __future__ import annotations

import json
import numbers
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compare.report.safety import safe_cell


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    dtype: str
    meaning: str
    sql: str = ""
    """The column's type in compare.db when the dtype does not say it (``DATE``: ISO ``YYYY-MM-DD`` text)."""

    @property
    def sql_type(self) -> str:
        """INTEGER, REAL, TEXT or DATE: booleans are 0/1 integers, as SQLite has no boolean."""
        return self.sql or SQL_TYPES[self.dtype]


SQL_TYPES = {"string": "TEXT", "int64": "INTEGER", "Int64": "INTEGER", "float64": "REAL", "bool": "INTEGER"}


def _cols(*spec: tuple[str, ...]) -> tuple[Column, ...]:
    return tuple(Column(*c) for c in spec)


SCHEMAS: dict[str, tuple[Column, ...]] = {
    "sources": _cols(
        ("event", "string", "event id"),
        ("source", "string", "source id (manifest id, else file name)"),
        ("outlet", "string", "who published it (manifest, else inferred)"),
        ("kind", "string", "original / official-transcript / translation / machine-translation / rewrite"),
        ("language", "string", "language used for processing (manifest wins over detection)"),
        ("detected_language", "string",
         "what the document detector read in the text (py3langid where sure, else langdetect; 'und' if unclear)"),
        ("published", "string", "publication date, YYYY-MM-DD", "DATE"),
        ("date", "string", "the report's date, YYYY-MM-DD: the publication date, else a full date its lead writes with "
         "its year; empty otherwise (a year inferred from a weekday or the years the text mentions is no date)",
         "DATE"),
        ("date_from", "string", "how date was found, in words: 'publication date', the lead's full date, or the day "
         "the lead gives and that no year is stated"),
        ("date_basis", "string", "how date was found: published, lead, year-not-stated (empty date: the lead gives a "
         "day and month, no year) or none"),
        ("title", "string", "title (manifest, page metadata or first line)"),
        ("url", "string", "where it was published"),
        ("path", "string", "file it came from, relative to the source set's parent"),
        ("words", "int64", "words in the clean text"),
        ("sentences", "int64", "sentences in the clean text"),
        ("mt_likelihood", "float64", "calibrated machine-translation likelihood in [0, 1] (see methods); empty where no model measured for the configuration (held-out AUC >= 0.80) and calibrated read it"),
        ("mt_model", "string", "which model produced mt_likelihood: 'with original <id> (<language>)' or 'text only'; empty when there is no number (the page then says why)"),
        ("inferred", "string", "fields inferred rather than given, ';'-separated"),
    ),
    "sentences": _cols(
        ("event", "string", "event id"),
        ("source", "string", "source id"),
        ("index", "int64", "sentence number in the source, from 0"),
        ("paragraph", "int64", "paragraph number in the source, from 0"),
        ("start", "int64", "character offset of the sentence in the clean text"),
        ("end", "int64", "character offset just after the sentence"),
        ("language", "string", "language of the sentence ('und' if too short or mixed)"),
        ("claim", "string", "claim id the sentence belongs to (empty if none)"),
        ("only_here", "bool", "True only when absence from the other sources was established: the absence test ruled out each of their sentences as a rendering (see methods)"),
        ("linked", "bool", "True if the sentence shares its statement row (claim) with a sentence of another source"),
        ("nearest_source", "string", "for an unlinked sentence: the source of the closest sentence elsewhere"),
        ("nearest_sentence", "Int64", "that sentence's index in its source, from 0"),
        ("nearest_score", "float64", "how close it is (embedding cosine, or lexical similarity: see nearest_measure)"),
        ("nearest_measure", "string", "semantic (embedding cosine) or lexical (no embedding backend installed)"),
        ("nearest_shown", "bool", "True if the page quotes that sentence as the nearest candidate: False where the "
                                  "absence test's model rules it out as a rendering (see methods), or there is none"),
        ("second_source", "string", "for an unlinked sentence: the source of the second-nearest sentence elsewhere, "
                                    "where its cosine is within 0.05 of the nearest's (0.15 across languages), the gap "
                                    "at which it is the counterpart a third as often as the nearest (see methods)"),
        ("second_sentence", "Int64", "that sentence's index in its source, from 0"),
        ("second_score", "float64", "its embedding cosine"),
        ("speaker", "string", "for a sentence only_here that a speaker says: whose words it is in this source only as"),
        ("same_points_source", "string", "for such a sentence: a source where another speaker makes similar points "
                                         "(the absence test's model reads the pair as a rendering; see methods)"),
        ("same_points_sentence", "Int64", "that sentence's index in its source, from 0"),
        ("same_points_speaker", "string", "whose words that sentence is"),
        ("background", "bool", "True if the sentence is background about another event"),
        ("structure", "string", "headline, dateline, byline, caption or standfirst (a sentence the page repeats further down) "
                                "when the sentence is page structure, not a statement (left out of statement counts); "
                                "empty otherwise"),
        ("text", "string", "the sentence"),
    ),
    "links": _cols(
        ("event", "string", "event id"),
        ("source_a", "string", "first source"),
        ("sentence_a", "int64", "sentence index in source_a"),
        ("start_a", "int64", "character offset in source_a's clean text"),
        ("end_a", "int64", "end offset in source_a's clean text"),
        ("source_b", "string", "second source"),
        ("sentence_b", "int64", "sentence index in source_b"),
        ("start_b", "int64", "character offset in source_b's clean text"),
        ("end_b", "int64", "end offset in source_b's clean text"),
        ("similarity", "float64", "combined similarity in [0, 1]"),
        ("chrf", "float64", "sacrebleu sentence chrF of b against a (0-100)"),
        ("kind", "string", "verbatim / close / paraphrase (by chrF), or translation (two languages)"),
        ("labels", "string", "divergence labels, ';'-separated (number, date, name, negation, modal, hedge, intensifier)"),
        ("signals", "string", "per-signal similarity scores, JSON object"),
        ("text_a", "string", "sentence of source_a"),
        ("text_b", "string", "sentence of source_b"),
    ),
    "claims": _cols(
        ("event", "string", "event id"),
        ("claim", "string", "claim id"),
        ("kind", "string", "claim kind: shared-by-all, shared-by-some, only-one-source (absence established), no-close-match (unlinked, absence not established), page-structure (a headline, dateline, byline, caption or repeated standfirst no other source's matches)"),
        ("sources", "int64", "how many sources carry it"),
        ("members", "string", "source:sentence pairs, ';'-separated"),
        ("text", "string", "a representative rendering"),
    ),
    "pairs": _cols(
        ("event", "string", "event id"),
        ("source_a", "string", "first source"),
        ("source_b", "string", "second source"),
        ("bleu", "float64", "sacrebleu corpus BLEU over the aligned sentences (b against a); empty when a and b are in two languages (wording is not comparable) or with --no-ter for ter"),
        ("chrf", "float64", "sacrebleu corpus chrF over the aligned sentences (b against a); empty across languages"),
        ("chrf_reverse", "float64", "the same with the roles swapped (a against b): chrF weighs recall twice precision, so it depends on which text is the reference; the page ranks pairs by the mean of the two"),
        ("ter", "float64", "sacrebleu corpus TER over the aligned sentences; empty across languages or with --no-ter"),
        ("coverage_a_in_b", "float64", "share of a's compared text found in b: characters of a's sentences linked to b over those of all a's sentences but background passages and page structure (headline, standfirst, caption, credit), which are not compared"),
        ("coverage_b_in_a", "float64", "share of b's compared text found in a (as coverage_a_in_b)"),
        ("unique_a", "int64", "sentences of a with no counterpart in b"),
        ("unique_b", "int64", "sentences of b with no counterpart in a"),
        ("links", "int64", "sentence links between a and b"),
        ("bleu_signature", "string", "sacrebleu signature of the BLEU score"),
        ("chrf_signature", "string", "sacrebleu signature of the chrF score"),
        ("ter_signature", "string", "sacrebleu signature of the TER score"),
    ),
    "quotes": _cols(
        ("event", "string", "event id"),
        ("speaker", "string", "who is quoted (canonical name)"),
        ("reference_source", "string", "source whose rendering is the reference (the official transcript if present)"),
        ("source", "string", "source of this rendering"),
        ("fidelity", "string", "verbatim / close / trimmed (the reference's words in order with one or two content words left out) / swapped (the reference's words in order with one or two words each replaced by a different word, not a spelling or an English synonym of it) / paraphrase / divergent, translation (a rendering in another language), or "
                                 "unmatched (no other source renders the quotation: its own words are its reference)"),
        ("chrf", "float64", "sentence chrF of this rendering against the reference (0-100)"),
        ("dropped", "string", "words of the reference missing here, numbers and years included, ';'-separated "
                               "(numbers only for a translation)"),
        ("added", "string", "words here missing from the reference, numbers and years included, ';'-separated "
                             "(numbers only for a translation)"),
        ("start", "int64", "character offset of the rendering in its source"),
        ("end", "int64", "end offset of the rendering"),
        ("reference_text", "string", "the reference rendering"),
        ("text", "string", "this rendering"),
    ),
    "names": _cols(
        ("event", "string", "event id"),
        ("entity", "string", "canonical entity id"),
        ("type", "string", "person, place, organisation or thing (a weapons system, a treaty)"),
        ("name", "string", "canonical name"),
        ("source", "string", "source id"),
        ("spellings", "string", "spellings this source used, ';'-separated"),
        ("naming_choice", "string", "for contested places: the names this source wrote for it, in its own words, ';'-separated (empty otherwise)"),
    ),
    "artifacts": _cols(
        ("event", "string", "event id"),
        ("source", "string", "source id"),
        ("category", "string", "family of the flag (casing, transliteration, typography, calque, mixed-script, rewrite, residue)"),
        ("detector", "string", "registered detector name and version"),
        ("severity", "string", "low / medium / high"),
        ("start", "int64", "character offset in the clean text"),
        ("end", "int64", "end offset"),
        ("text", "string", "the flagged text"),
        ("explanation", "string", "one sentence a teacher could read aloud"),
    ),
    "framing": _cols(
        ("event", "string", "event id"),
        ("source", "string", "source id"),
        ("start", "int64", "character offset of the term in the clean text"),
        ("end", "int64", "end offset"),
        ("text", "string", "the term as the source writes it"),
        ("concept", "string", "what it names (a place, an event, a group, a loaded term)"),
        ("alternatives", "string", "other names for the same concept, ';'-separated (lexicon and other sources)"),
        ("usage", "string", "whose usage the term follows (e.g. the Japanese government's)"),
        ("language", "string", "language of the lexicon entry"),
        ("voice", "string", "whose words the term is in: outlet (the report's own), quotation (inside a direct quote) "
                            "or reported-speech (X said that ..., X calls it ...)"),
        ("speaker", "string", "who is quoted or reported using the term (empty for the outlet's own words)"),
        ("citation", "string", "the source the lexicon entry cites for whose usage the term is (empty for a name "
                               "found only by comparing the sources' spellings)"),
    ),
    "provenance": _cols(
        ("event", "string", "event id"),
        ("from", "string", "source the report was made from or quotes (empty: an original not in the set)"),
        ("to", "string", "the report"),
        ("relation", "string", "translation / machine-translation / rewrite / copy / quotes / renders (the child quotes a speaker whose words the parent, a transcript that is itself a translation, also renders)"),
        ("confidence", "float64", "the rules' confidence in [0, 1] (not a probability)"),
        ("origin", "string", "the organisation the text credits, when the original is outside the set"),
        ("evidence", "string", "the evidence in words"),
    ),
    "findings": _cols(
        ("event", "string", "event id"),
        ("kind", "string", "what the statement is (mt-figure, provenance-edge, sibling, spelled-two-ways, source-kind, changed-detail: a copy gives a number, date, negation or modal verb otherwise than its parent, left-out: a copy word for word lacks statements of its parent, moved: a copy puts statements of its parent in another order, cut-elsewhere: another source also words a trimmed quotation's statement without the dropped word, said-again: an unlinked sentence repeats in the source's own words the linked quotation next to it, future-statements: how many of an English source's statements are worded in the future outside quotations, written-before: an English report reads as a preview written before the event (its headline and first statement worded ahead, and none of its statements tells an outcome in the past tense outside another dated occasion or quoted plans), row-shared-in-part: a linked row whose sentences share names, titles and at most one word (said 'linked on names' where they share a name), or whose longer sentence joins a clause the other does not make, or where one side adds a phrase naming two people or places the other does not, row-stance-strength: a linked row whose sources have stance words of different strength (concern < oppose < unacceptable, compare/data/stance_strength.csv), or one of oppose's strength or more on one side only, each word with whose words it is (the outlet's, a transcript's speaker's, a reported speaker's), two-spellings: one report writes a word in its British and its American spelling, person-not-introduced: a report names a speaker by one word and never says who the person is); each kind has a verifier (compare/findings/)"),
        ("subjects", "string", "the sources it is about, ';'-separated"),
        ("sentence", "string", "the sentence as the page says it (or would have said it)"),
        ("figures", "string", "the figures it quotes, as JSON"),
        ("evidence", "string", "evidence ids, ';'-separated: <source>:<start>-<end> spans, edge:<from>-><to>:<relation>, mt:<source>, model:<fitted record>"),
        ("verified", "bool", "True when its kind's verifier re-checked it from the run's outputs; False: not asserted on the page"),
        ("reason", "string", "why it is not asserted (empty when verified)"),
    ),
    "residue": _cols(
        ("event", "string", "event id"),
        ("source", "string", "source id"),
        ("step", "string", "cleaning step (residue, metadata, normalize, reflow)"),
        ("reason", "string", "why it was removed or changed"),
        ("line", "Int64", "line in the decoded file (empty for whole-text steps)"),
        ("text", "string", "what was removed"),
    ),
}


@dataclass(frozen=True, slots=True)
class Reference:
    """A foreign key of compare.db: ``columns`` of this table name a row of ``table`` by its ``to`` columns."""

    columns: tuple[str, ...]
    table: str
    to: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """What a table is for and how its rows are keyed; compare.db, its datasette metadata and the docs read it."""

    description: str
    key: tuple[str, ...]
    """Primary key in compare.db. ``row`` (compare.db only) is the row's place in the event's CSV file, the key
    of tables where no set of columns is unique by construction."""
    references: tuple[Reference, ...] = ()
    search: str = ""
    """A text column that compare.db indexes for full-text search (FTS5, trigram: works for Chinese and Japanese)."""


ROW = Column("row", "int64", "the row's place in the event's CSV file, from 0 (compare.db only: the key of a table "
                             "where no set of columns is unique)")


def _source(*columns: str) -> Reference:
    return Reference(("event", *columns), "sources", ("event", "source"))


def _sentence(source: str, sentence: str) -> Reference:
    return Reference(("event", source, sentence), "sentences", ("event", "source", "index"))


TABLES: dict[str, Table] = {
    "sources": Table("One row per report: who published it, in which language, of what kind, when.",
                     ("event", "source")),
    "sentences": Table("Every sentence of every report, with its claim and whether it was linked elsewhere.",
                       ("event", "source", "index"),
                       (_source("source"), Reference(("event", "claim"), "claims", ("event", "claim"))), search="text"),
    "links": Table("Sentences of two reports that say the same thing, with how closely and what differs.",
                   ("event", "source_a", "sentence_a", "source_b", "sentence_b"),
                   (_sentence("source_a", "sentence_a"), _sentence("source_b", "sentence_b"))),
    "claims": Table("Groups of linked sentences: one statement and which reports carry it.", ("event", "claim")),
    "pairs": Table("Each pair of reports of an event: BLEU, chrF, TER, coverage both ways.",
                   ("event", "source_a", "source_b"), (_source("source_a"), _source("source_b"))),
    "quotes": Table("Each rendering of a quotation, against the reference rendering (the transcript where there is one).",
                    ("event", "row"), (_source("source"), _source("reference_source"))),
    "names": Table("Which spellings, and for contested places which name, each report used for an entity.",
                   ("event", "entity", "source"), (_source("source"),)),
    "artifacts": Table("Flags of translation, machine translation and rewriting in a report's text.",
                       ("event", "row"), (_source("source"),)),
    "framing": Table("Loaded or contested terms each report chose, and the alternatives it did not.",
                     ("event", "row"), (_source("source"),)),
    "provenance": Table("Who took what from whom: translations, rewrites, copies and quotations traced between reports.",
                        ("event", "row"), (_source("from"), _source("to"))),
    "findings": Table("Each statement a page makes or withholds, with its figures, evidence and whether its check passed.",
                      ("event", "row")),
    "residue": Table("What cleaning removed from each report (page furniture, metadata) and why.",
                     ("event", "row"), (_source("source"),)),
}
"""Every table of SCHEMAS, described and keyed: adding a table is an entry here and one in SCHEMAS."""


def columns(table: str) -> tuple[Column, ...]:
    """The table's columns in compare.db: its CSV columns, and ``row`` where that is its key."""
    return SCHEMAS[table] + ((ROW,) if "row" in TABLES[table].key else ())


def cells(table: str, rows: Iterable[Mapping[str, Any]]) -> Iterator[tuple[Any, ...]]:
    """Each row's values in the order of ``columns(table)``, as SQL takes them: the one reading of a row by schema.

    An empty cell is NULL, as it is in the CSV; a boolean is 0/1; a float keeps the CSV's four decimals, so the
    database and the CSV hold the same numbers and a run on another engine gives the same ones; lists and
    mappings are written as in the CSV.  Text is kept as the source had it (no spreadsheet defusing: a
    database runs no formulas).
    """
    schema = columns(table)
    for place, row in enumerate(rows):
        values = []
        for column in schema:
            value = place if column is ROW else row.get(column.name)
            if hasattr(value, "item") and not isinstance(value, (str, bytes)):
                value = value.item()  # a numpy number: SQLite takes only Python's own
            if isinstance(value, bool):
                value = int(value)
            elif isinstance(value, float):
                value = None if value != value else round(value, 4)
            elif isinstance(value, (list, tuple)):
                value = ";".join(str(v) for v in value)
            elif isinstance(value, Mapping):
                value = json.dumps(value, ensure_ascii=False, sort_keys=True)
            elif value is not None and not isinstance(value, (int, float, str)):
                value = str(value)  # anything else prints as the CSV prints it
            values.append(None if value == "" else value)
        yield tuple(values)


def text_dtypes(table: str) -> dict[str, str]:
    """The dtype map to pass to ``pandas.read_csv`` for a table."""
    return {c.name: c.dtype for c in SCHEMAS[table] if c.dtype in ("string", "Int64")}


def read_table(path: str | Path, table: str | None = None):
    """Load a report CSV into pandas with its documented dtypes."""
    import pandas as pd

    name = table or Path(path).stem
    return pd.read_csv(path, dtype=text_dtypes(name), keep_default_na=True)


def _value(value: Any) -> Any:
    """One cell: numbers as numbers; every cell made of text (lists and mappings too) defused by ``safe_cell``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, numbers.Number):
        return value
    if isinstance(value, (list, tuple)):
        return safe_cell(";".join(safe_cell(str(v)) for v in value))
    if isinstance(value, Mapping):
        return safe_cell(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return safe_cell(str(value))


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV text with a header row; the one writer of every table compare prints or writes.

    Floats get four decimals, booleans ``True``/``False``, lists ``;``-joined,
    mappings JSON; a text cell a spreadsheet would run as a formula is
    defused (``safe_cell``): source text comes from the open web.
    """
    lines = [_line(columns)]
    lines.extend(_line([_value(row.get(name)) for name in columns]) for row in rows)
    return "".join(lines)


_NEEDS_QUOTES = re.compile(r'[,;"\t\r\n]')
"""A comma, quote or line break would split the record; a semicolon or tab is quoted too, so a spreadsheet set to
split on either (semicolon locales, tab-separated import) keeps ``001;=HYPERLINK(...)`` in one inert cell."""


def _line(cells: Iterable[Any]) -> str:
    """One CSV record, RFC 4180 quoting, ``\n`` at the end.

    Python's ``csv.writer`` quotes a cell holding ``\r`` only when ``\r`` is
    part of the line terminator, so a title with a stray carriage return
    split its row in two for every reader; here any cell with a comma, a
    quote, either line break, a semicolon or a tab is quoted.
    """
    out = []
    for cell in cells:
        text = str(cell)
        out.append('"' + text.replace('"', '""') + '"' if _NEEDS_QUOTES.search(text) else text)
    return ",".join(out) + "\n"


def to_csv(table: str, rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV text of a report table, with the columns of its schema."""
    return csv_text(rows, [c.name for c in SCHEMAS[table]])
