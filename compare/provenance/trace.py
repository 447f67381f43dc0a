"""``trace_provenance``: the rules in order, over one event's sources and the stages' outputs."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from compare.model import Background, Source
from compare.provenance.attribution import credited_part, edge_credit_spans, outside_rewrite_words
from compare.provenance.facts import _facts, _manifest_note, transcript_notes
from compare.provenance.outside import outside_edges
from compare.provenance.pairs import _pairs, _semantic
from compare.provenance.quotation import quotation_edges
from compare.provenance.records import DERIVATIONS, Edge, Evidence, Provenance, SourceProvenance
from compare.provenance.reuse import reuse_edges
from compare.provenance.siblings import _siblings
from compare.provenance.speakers import quoted_languages
from compare.provenance.translation import translation_edges
from compare.settings import ProvenanceSettings

if TYPE_CHECKING:  # for hints only: importing these here would load every stage with provenance
    from compare.align import EventAlignment
    from compare.annotate import Annotations
    from compare.artifacts import SourceArtifacts


ONE_ARTICLE = " are one article in two languages (one renders the other sentence by sentence); "
"""The summary note of a source one text with another of another language, direction unknown (read back by
``compare.findings.kinds``)."""

LEAD_UP_DAYS = 7
"""A background passage dated this close before or after its event is the event's lead-up or aftermath (TASS's
interview with a deputy minister two days before the talks): what it credits is still a source of the report."""


def distant_background(background: Sequence[Background], event_date: str | None) -> tuple[Background, ...]:
    """The background passages about occasions more than ``LEAD_UP_DAYS`` from the event (a year or month alone
    counts as near when the event's date falls in it): their credits are left out of the report's provenance."""
    if not event_date:
        return ()
    try:
        day = datetime.date.fromisoformat(event_date[:10])
    except ValueError:
        return ()
    far = []
    for passage in background:
        date = passage.date or ""
        try:
            near = abs((datetime.date.fromisoformat(date) - day).days) <= LEAD_UP_DAYS
        except ValueError:
            near = not date or event_date.startswith(date)
        if not near:
            far.append(passage)
    return tuple(far)


def _rendered(notes: Sequence[Evidence]) -> str:
    """' (its quotations render words said in Russian, above)', from the source's quoted-language notes."""
    languages = quoted_languages(notes)
    return f" (its quotations render words said in {' and '.join(languages)}, above)" if languages else ""


def trace_provenance(
    event_id: str,
    sources: Sequence[Source],
    annotations: Annotations | None = None,
    alignment: EventAlignment | None = None,
    artifacts: Sequence[SourceArtifacts] | Mapping[str, SourceArtifacts] = (),
    settings: ProvenanceSettings | None = None,
    everyone: Sequence[Source] = (),
    background: Sequence[Background] = (),
) -> Provenance:
    """The provenance graph of one event's sources, with evidence in words for every call.

    ``alignment`` is the event's :class:`compare.align.EventAlignment` (computed
    here when None); ``everyone`` every source of the set (default: the event's), against which "no
    other source has" is checked; ``artifacts`` the sources' ``SourceArtifacts`` (a sequence or
    a mapping by source id; without them there are no translation or rewrite
    tells and fewer calls are made).  The rules, in order:

    1. per source: language tells -> origin language; first-person speech
       outside quotes -> transcript; attributions; date;
    2. quotation: a source whose quotes match a transcript's sentences quotes it
       (``quotes``; never of a transcript dated later);
    3. translation inside the set: two texts in different languages, each
       covering the other (``translation_min_coverage``); the direction from
       the tells (origin language), else from the hub (one text with several
       renderings in another language is their original), else from dates;
    4. reuse in one language: close links covering half the child
       (``reuse_min_coverage``); direction from dates, then containment
       asymmetry, then tells; ``copy`` above ``copy_min_chrf`` without rewrite
       tells, else ``rewrite``; never between sources that share a parent;
    5. an origin outside the set (``from`` None) for sources without a
       derivation parent: a translation (origin language from tells; machine
       when the casing tells say so), a rewrite (spinner tells, or a lead
       attribution), and ``quotes`` for organisations credited for a quote;
    6. siblings: pairs with no edge between them that share a parent, or that
       report one event (overlap >= ``sibling_min_coverage``).
    """
    settings = settings or ProvenanceSettings()
    ordered = sorted(sources, key=lambda s: s.id)
    if alignment is None:
        from compare.align import align_event

        alignment = align_event(event_id, ordered, annotations)
    by_artifacts = artifacts if isinstance(artifacts, Mapping) else {a.source_id: a for a in artifacts}
    facts = {s.id: _facts(s, annotations, by_artifacts.get(s.id), settings) for s in ordered}
    for sid, f in facts.items():
        spans = [(b.start, b.end) for b in background if b.source_id == sid]
        f.attributions = [a for a in f.attributions if not any(start <= a.start < end for start, end in spans)]
    pairs = _pairs(ordered, tuple(getattr(alignment, "links", ()) or ()), settings)
    semantic_signature = _semantic(ordered, pairs, settings)
    by_id = {s.id: s for s in ordered}
    edges: list[Edge] = []
    notes: dict[str, list[Evidence]] = {s.id: list(facts[s.id].origin_evidence) for s in ordered}

    # 1. transcripts ----------------------------------------------------------------------------------
    transcripts, translated = transcript_notes(facts, notes, edges)
    # 2. quotation chains -----------------------------------------------------------------------------
    quote_parents = quotation_edges(event_id, ordered, transcripts, translated, annotations, alignment, facts, notes,
                                    edges)
    # 3. translation inside the set -------------------------------------------------------------------
    apart: dict[frozenset[str], str] = {}  # pairs in two languages not taken for each other's translation, and why
    derived_parent, undecided = translation_edges(pairs, facts, by_id, notes, edges, settings, apart)
    # 4. reuse in one language ------------------------------------------------------------------------
    reuse_edges(pairs, facts, by_id, ordered, everyone, transcripts, quote_parents, derived_parent, notes, edges,
                settings)
    # 5. origins outside the set ----------------------------------------------------------------------
    outside_edges(ordered, facts, transcripts, derived_parent, notes, edges, settings)

    # 6. roles and siblings ---------------------------------------------------------------------------
    sibling_list = _siblings(ordered, facts, pairs, edges, settings, transcripts, everyone, annotations,
                             {frozenset((a, b)) for a, others in undecided.items() for b in others}, apart)
    sources_out = []
    for sid in sorted(facts):
        f = facts[sid]
        into = [e for e in edges if e.to == sid and e.relation in DERIVATIONS]
        role = "transcript" if sid in transcripts else (into[0].relation if into else (
            "undetermined" if sid in undecided else "original"))
        if into:
            edge = into[0]
            if edge.from_ is None and edge.relation == "rewrite" and edge.origin:
                # the one wording of the edge's own sentence: not 'EFE's': the credit ends one sentence
                said = outside_rewrite_words(edge.origin, credited_part(f.source, edge_credit_spans(edge.evidence)))
            else:
                parent = edge.from_ or "a text outside the set" + (f" ({edge.origin}'s)" if edge.origin else "")
                said = f"a {edge.relation.replace('-', ' ')} of {parent}"
                if edge.relation == "copy" and edge.from_:
                    # the same hedge as the edge's own sentence (compare.findings.provenance.copy_caveat): a copy's
                    # words show which text it matches, not that this very text was its source (rG1 p13 M2)
                    said += f", or of a text worded like {parent} that is not in the set"
            # no confidence figure: the edge's score is hand-set, not measured by a model
            notes[sid].append(Evidence(f"{sid} is {said} (the edge gives the evidence).", (), "summary"))
        if not into and sid in undecided and sid not in transcripts:
            # "one article", and which came first not shown: the translation's direction is said no stronger than
            # the evidence (rP2: p02 M6, p03 M1 read "taken as first written in German" beside it as an original)
            notes[sid].append(Evidence(f"{sid} and {', '.join(undecided[sid])}{ONE_ARTICLE}which was written first, "
                                       "the texts do not show for certain.", (), "summary"))
        elif not into and sid not in transcripts and any(x.kind == "attributed" for x in notes[sid]):
            notes[sid].append(Evidence(f"Nothing in the set points to a text {sid} was made from, and its own "
                                       f"sentences carry too few translation tells to call it a translation"
                                       f"{_rendered(notes[sid])}; but it reports in part what others said (above), so it "
                                       "is not wholly an independent account of the event's words.", (), "summary"))
        elif not into and sid not in transcripts:
            notes[sid].append(Evidence(f"Nothing in the set or in {sid}'s text points to a text it was made from: an "
                                       f"original as far as the texts tell{_rendered(notes[sid])}.", (), "summary"))
        if role == "original":
            notes[sid].extend(_manifest_note(f.source, "original"))
        sources_out.append(SourceProvenance(sid, f.origin, round(f.origin_confidence, 2), tuple(notes[sid]), role))
    edges.sort(key=lambda e: (e.to, e.from_ or "", e.relation, e.origin or ""))
    return Provenance(event_id, tuple(sources_out), tuple(edges), tuple(sibling_list),
                      f"{settings.signature()}|{semantic_signature}")

