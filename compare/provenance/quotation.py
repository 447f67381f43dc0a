"""Quotation chains: a source whose quotes match a transcript's sentences quotes it (``quotes``), or, where the
transcript is itself a translation, renders the speaker's words as it does (``renders``)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from compare.errors import CompareError
from compare.model import QuoteMatch, Source
from compare.provenance.facts import _before, _date_evidence, _Facts
from compare.provenance.records import LANGUAGE_NAMES, Edge, Evidence, Span

if TYPE_CHECKING:  # for hints only: importing these here would load every stage with provenance
    from compare.align import EventAlignment
    from compare.annotate import Annotations


def _backend_name(alignment: EventAlignment) -> str:
    signature = (getattr(alignment, "signatures", None) or {}).get("similarity", "")
    m = re.search(r"backend:(\w+)", signature)
    return m.group(1) if m else "default"


def _quote_matches(event_id: str, sources: Sequence[Source], transcripts: set[str], annotations: Annotations | None,
                   alignment: EventAlignment) -> tuple[QuoteMatch, ...]:
    """Quotes of the other sources matched to the transcript(s): the align stage's quote matches, read as they are,
    where the transcripts the texts show are the ones the aligner matched against (the manifest's); else the
    aligner's own quote matcher, run again with kinds set from the texts (a detected transcript is
    ``official-transcript``, every other source has none), so the matches do not depend on a manifest.
    """
    declared = {s.id for s in sources if s.kind == "official-transcript"}
    found = tuple(getattr(alignment, "quotes", None) or ())
    if declared == transcripts and hasattr(alignment, "quotes"):
        return tuple(m for m in found if m.reference_source in transcripts)
    from compare.align.backends import get_backend
    from compare.align.quotes import match_quotes

    normalised = [replace(s, kind="official-transcript" if s.id in transcripts else None) for s in sources]
    try:
        backend = get_backend(_backend_name(alignment))
        return match_quotes(event_id, normalised, backend, annotations)
    except (ImportError, CompareError):  # an optional backend (embeddings) missing here: use the lexical one
        return match_quotes(event_id, normalised, get_backend("default"), annotations)


FIDELITY_CONFIDENCE = {"verbatim": 0.95, "close": 0.85, "trimmed": 0.85, "swapped": 0.85, "paraphrase": 0.7, "translation": 0.7,
                       "divergent": 0.5}
"""Confidence of a quotation edge by the best fidelity of its quotes: a verbatim quote of a transcript leaves
little doubt; a paraphrase may render the same statement from another report of it, and so may a quote in another
language (matched on its meaning by the align stage: its words cannot be compared)."""
FIDELITY_RANK = ("divergent", "translation", "paraphrase", "trimmed", "swapped", "close", "verbatim")
CHANGED_SHOWN = 3
"""Dropped and added words a fidelity names (the quotes section lists them all)."""


def _changed(words: Sequence[str]) -> str:
    shown = ", ".join(f"'{w}'" for w in words[:CHANGED_SHOWN])
    return shown + (f" and {len(words) - CHANGED_SHOWN} more" if len(words) > CHANGED_SHOWN else "")


NAMES_CHANGES = frozenset({"verbatim", "close", "trimmed", "swapped"})
"""Levels that read as "the same words", beside which the words a rendering changes are named: "paraphrase"
and "divergent" already say the words differ."""


def _fidelity(match: QuoteMatch, changes: bool = False) -> str:
    """'close, chrF 73; 003's wording leaves out 'close' and adds 'common'': with ``changes``, the words a
    rendering leaves out or adds are named beside a level that reads as the same words, so that "close" never
    hides a changed word (003's "on their territory" leaves out 'sovereign'); a rendering in another language
    without a chrF, which does not compare across languages."""
    if match.fidelity == "translation":
        return "in translation: its words are not compared"
    level = f"{match.fidelity}, chrF {match.chrf:.0f}"
    if not changes or match.fidelity not in NAMES_CHANGES or not (match.dropped or match.added):
        return level
    if match.fidelity == "swapped" and len(match.dropped) == len(match.added):
        # one word in another's place: say which for which, in the order the quotation has them
        return f"{level}; {match.source_id}'s wording puts " + ", ".join(
            f"'{new}' where {match.reference_source}'s has '{old}'" for old, new in zip(match.dropped, match.added,
                                                                                    strict=True))
    parts = ([f"leaves out {_changed(match.dropped)}"] if match.dropped else []) + (
        [f"adds {_changed(match.added)}"] if match.added else [])
    return f"{level}; {match.source_id}'s wording {' and '.join(parts)}"


def quotation_edges(event_id: str, ordered: Sequence[Source], transcripts: set[str], translated: set[str],
                    annotations: Annotations | None, alignment: EventAlignment, facts: Mapping[str, _Facts],
                    notes: dict[str, list[Evidence]], edges: list[Edge]) -> dict[str, set[str]]:
    """Rule 2: quotation edges into ``edges``; returns each quoting source's transcripts."""
    matches = _quote_matches(event_id, ordered, transcripts, annotations, alignment) if transcripts else ()
    quote_parents: dict[str, set[str]] = {}
    for (child, parent), group in itertools.groupby(
            sorted(matches, key=lambda m: (m.source_id, m.reference_source, m.start)),
            key=lambda m: (m.source_id, m.reference_source)):
        group = list(group)
        if child == parent or child in transcripts or parent not in transcripts:
            continue  # two reports quoting one speaker alike are siblings, not a quotation of one another
        if _before(facts, child, parent):
            notes[child].append(Evidence(
                f"{child}'s quotes resemble {parent}, but {child} is dated before it: not a quotation of it.",
                (), "dates"))
            continue
        best = max(group, key=lambda m: m.chrf)
        top = max((m.fidelity for m in group), key=FIDELITY_RANK.index)
        joins = "; {parent} gives that statement as" if parent in translated else ", which renders {parent}'s"
        evidence = [Evidence(
            f"{child} quotes {m.speaker} '{' '.join(facts[child].source.text[m.start:m.end].split())[:120]}'"
            + joins.format(parent=parent)
            + f" '{' '.join(facts[parent].source.text[m.reference_start:m.reference_end].split())[:120]}' "
            f"({_fidelity(m, changes=True)}).",
            (Span(child, m.start, m.end), Span(parent, m.reference_start, m.reference_end)), "quotation")
            for m in sorted(group, key=lambda m: -m.chrf)[:4]]
        if parent in translated:
            spoken = LANGUAGE_NAMES.get(facts[parent].origin, facts[parent].origin)
            evidence.append(Evidence(
                f"{parent} is itself a translation of the speaker's {spoken} words (see {parent}), so {child} renders "
                f"the speaker's words as {parent} does, not {parent}'s: where their wordings differ they may be two "
                f"translations of the same {spoken} sentence rather than a change to it; best match {_fidelity(best)}.",
                (), "quotation"))
        else:
            evidence.append(Evidence(
                f"{parent} is the speaker's own text (a transcript), so the quotation chain runs from {parent} to "
                f"{child}; best match {_fidelity(best)}.", (), "quotation"))
        date = _date_evidence(facts, parent, child)
        if date:
            evidence.append(date)
        confidence = min(0.97, FIDELITY_CONFIDENCE[top] + 0.03 * (len(group) - 1))
        relation = "renders" if parent in translated else "quotes"
        edges.append(Edge(parent, child, relation, round(confidence, 2), tuple(evidence)))
        quote_parents.setdefault(child, set()).add(parent)
    return quote_parents
