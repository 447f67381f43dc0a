"""Stage ``provenance``: who took what from whom in each event, from the alignment and the artifacts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from compare.model import Annotations, Event, EventAlignment, Source, SourceArtifacts
from compare.settings import ProvenanceSettings, RunSettings
from compare.stages.base import Context, StageBase, State, pairs_cost

if TYPE_CHECKING:
    from compare.provenance import Provenance


@dataclass(frozen=True, slots=True)
class _Job:
    event: Event
    members: tuple[Source, ...]
    alignment: EventAlignment
    artifacts: tuple[SourceArtifacts, ...]
    everyone: tuple[Source, ...] = ()
    """Every source of the set: "no other source has" is checked against all of them."""


def trace_event(job: _Job, annotations: Annotations, settings: ProvenanceSettings) -> Provenance:
    from compare.provenance import trace_provenance  # here, not at import: see compare/stages/align.py
    from compare.provenance.trace import distant_background

    return trace_provenance(job.event.id, job.members, annotations, job.alignment, job.artifacts, settings,
                            job.everyone, distant_background(job.event.background, job.event.evidence_date))


def translated_from(graph: Provenance) -> dict[str, str]:
    """Each translation's id -> the id of the source of the set it translates, by the graph's edges."""
    return {e.to: e.from_ for e in graph.edges
            if e.from_ is not None and e.relation in ("translation", "machine-translation")}


def on_original(event: str, quotes, members, links, originals, annotations):
    from compare.align.quotes import on_original as read_on_original  # here, not at import: see compare/stages/align.py

    return read_on_original(event, quotes, members, links, originals, annotations)


class ProvenanceStage(StageBase):
    name: ClassVar[str] = "provenance"
    version: ClassVar[str] = "v2"  # v2: credits inside passages about distant occasions are not the report's
    requires: ClassVar[tuple[str, ...]] = ("alignments", "artifacts", "annotations")
    provides: ClassVar[tuple[str, ...]] = ("provenance",)
    # the quotes of an event whose translations the graph finds are read against the original's words
    # (``compare.align.quotes.on_original``), here, once the graph says which source is the original

    def settings(self, run: RunSettings) -> ProvenanceSettings:
        return run.provenance

    def run(self, state: State, context: Context) -> None:
        from compare.provenance.trace import distant_background  # here, not at import: see compare/stages/align.py

        jobs, keys = [], []
        for event in state.events:
            alignment = state.alignments[event.id]
            artifacts = state.artifacts.get(event.id, ())
            jobs.append(_Job(event, state.members(event), alignment, artifacts, tuple(state.sources)))
            # What provenance reads is already keyed by the stages before it: their results are its key; every
            # source of the set is read too (for "no other source has"), so all their keys are in it.
            keys.append(context.lazy_key(self, lambda event=event, alignment=alignment, artifacts=artifacts: (
                event.id, [state.source_keys[i] for i in event.sources], state.mention_keys(event), repr(alignment),
                repr(artifacts), sorted(state.source_keys[s.id] for s in state.sources),
                repr(distant_background(event.background, event.evidence_date)))))
        # Forked workers take events side by side; with embeddings, the rows align put in the memo go with them,
        # and what a worker encodes comes back (``Context.cached_map``'s ``embeds``).
        found = context.cached_map(self.name, keys, trace_event, jobs, state.annotations,
                                   context.settings.provenance, heavy=True,
                                   embeds=context.settings.provenance.use_embeddings,
                                   cost=lambda job: pairs_cost(job.members))
        state.put("provenance", {event.id: graph for event, graph in zip(state.events, found, strict=True)})
        for event, graph in zip(state.events, found, strict=True):
            alignment = state.alignments.get(event.id)
            if alignment is not None and alignment.quotes:
                quotes = on_original(event.id, alignment.quotes, state.members(event), alignment.links,
                                     translated_from(graph), state.annotations)
                if quotes != alignment.quotes:
                    state.alignments[event.id] = replace(alignment, quotes=quotes)
