"""The CSV tables of a report: one schema per table, used by the writer, the docs and the tests.

Each column has a pandas dtype and a meaning.  Text columns are declared
``string``: read them with ``pandas.read_csv(path, dtype=text_dtypes(table))``
(or ``compare.report.tables.read_table``) so an all-empty column stays text;
numeric and boolean columns come back as documented without help.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compare.report.safety import safe_cell


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    dtype: str
    meaning: str


def _cols(*spec: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*c) for c in spec)


SCHEMAS: dict[str, tuple[Column, ...]] = {
    "sources": _cols(
        ("event", "string", "event id"),
        ("source", "string", "source id (manifest id, else file name)"),
        ("outlet", "string", "who published it (manifest, else inferred)"),
        ("kind", "string", "original / official-transcript / translation / machine-translation / rewrite"),
        ("language", "string", "language used for processing (manifest wins over detection)"),
        ("detected_language", "string", "what langdetect read in the text ('und' if unclear)"),
        ("published", "string", "publication date, YYYY-MM-DD"),
        ("date", "string", "the report's date, YYYY-MM-DD: the publication date, else read from its text (empty if neither)"),
        ("date_from", "string", "how date was found: 'publication date', or the words of the text it was read from"),
        ("title", "string", "title (manifest, page metadata or first line)"),
        ("url", "string", "where it was published"),
        ("path", "string", "file it came from, relative to the source set's parent"),
        ("words", "int64", "words in the clean text"),
        ("sentences", "int64", "sentences in the clean text"),
        ("mt_likelihood", "float64", "machine-translation likelihood in [0, 1] (see methods); empty where no model covers the language (not measured)"),
        ("mt_model", "string", "which model produced mt_likelihood: 'with original <id> (<language>)' or 'text only'; empty when not measured"),
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
        ("only_here", "bool", "True only when absence from the other sources was established: none of their sentences came close (see methods)"),
        ("linked", "bool", "True if the sentence is linked to a sentence of another source"),
        ("nearest_source", "string", "for an unlinked sentence: the source of the closest sentence elsewhere"),
        ("nearest_sentence", "Int64", "that sentence's index in its source, from 0"),
        ("nearest_score", "float64", "how close it is (embedding cosine, or lexical similarity: see nearest_measure)"),
        ("nearest_measure", "string", "semantic (embedding cosine) or lexical (no embedding backend installed)"),
        ("background", "bool", "True if the sentence is background about another event"),
        ("structure", "string", "headline, dateline, byline or caption when the sentence is page structure, not a statement "
                                "(left out of statement counts); empty otherwise"),
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
        ("kind", "string", "claim kind: shared-by-all, shared-by-some, only-one-source (absence established), no-close-match (unlinked, absence not established), page-structure (a headline, dateline, byline or caption no other source's matches)"),
        ("sources", "int64", "how many sources carry it"),
        ("members", "string", "source:sentence pairs, ';'-separated"),
        ("text", "string", "a representative rendering"),
    ),
    "pairs": _cols(
        ("event", "string", "event id"),
        ("source_a", "string", "first source"),
        ("source_b", "string", "second source"),
        ("bleu", "float64", "sacrebleu corpus BLEU over the aligned sentences (b against a); empty when a and b are in two languages (wording is not comparable) or with --no-ter for ter"),
        ("chrf", "float64", "sacrebleu corpus chrF over the aligned sentences; empty across languages"),
        ("ter", "float64", "sacrebleu corpus TER over the aligned sentences; empty across languages or with --no-ter"),
        ("coverage_a_in_b", "float64", "share of a's content (characters of linked sentences) found in b"),
        ("coverage_b_in_a", "float64", "share of b's content found in a"),
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
        ("fidelity", "string", "verbatim / close / paraphrase / divergent, or translation (a rendering in another language)"),
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
        ("type", "string", "PERSON / PLACE / ORG"),
        ("name", "string", "canonical name"),
        ("source", "string", "source id"),
        ("spellings", "string", "spellings this source used, ';'-separated"),
        ("naming_choice", "string", "for contested places: the name this source chose (empty otherwise)"),
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
    ),
    "provenance": _cols(
        ("event", "string", "event id"),
        ("from", "string", "source the report was made from or quotes (empty: an original not in the set)"),
        ("to", "string", "the report"),
        ("relation", "string", "translation / machine-translation / rewrite / copy / quotes"),
        ("confidence", "float64", "the rules' confidence in [0, 1] (not a probability)"),
        ("origin", "string", "the organisation the text credits, when the original is outside the set"),
        ("evidence", "string", "the evidence in words"),
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


def text_dtypes(table: str) -> dict[str, str]:
    """The dtype map to pass to ``pandas.read_csv`` for a table."""
    return {c.name: c.dtype for c in SCHEMAS[table] if c.dtype in ("string", "Int64")}


def read_table(path: str | Path, table: str | None = None):
    """Load a report CSV into pandas with its documented dtypes."""
    import pandas as pd

    name = table or Path(path).stem
    return pd.read_csv(path, dtype=text_dtypes(name), keep_default_na=True)


def _value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return safe_cell(str(value)) if isinstance(value, str) else value


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV text with a header row; the one writer of every table compare prints or writes.

    Floats get four decimals, booleans ``True``/``False``, lists ``;``-joined,
    mappings JSON; a text cell a spreadsheet would run as a formula is
    defused (``safe_cell``): source text comes from the open web.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_value(row.get(name)) for name in columns])
    return buffer.getvalue()


def to_csv(table: str, rows: Iterable[Mapping[str, Any]]) -> str:
    """CSV text of a report table, with the columns of its schema."""
    return csv_text(rows, [c.name for c in SCHEMAS[table]])
