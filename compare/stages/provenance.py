"""Stage ``provenance``: who took what from whom in each event, from the alignment and the artifacts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from compare.model import Annotations, Event, EventAlignment, Source, SourceArtifacts
from compare.provenance import Provenance, trace_provenance
from compare.settings import ProvenanceSettings, RunSettings
from compare.stages.base import Context, StageBase, State


@dataclass(frozen=True, slots=True)
class _Job:
    event: Event
    members: tuple[Source, ...]
    alignment: EventAlignment
    artifacts: tuple[SourceArtifacts, ...]


def trace_event(job: _Job, annotations: Annotations, settings: ProvenanceSettings) -> Provenance:
    return trace_provenance(job.event.id, job.members, annotations, job.alignment, job.artifacts, settings)


class ProvenanceStage(StageBase):
    name: ClassVar[str] = "provenance"
    version: ClassVar[str] = "v1"
    requires: ClassVar[tuple[str, ...]] = ("alignments", "artifacts", "annotations")
    provides: ClassVar[tuple[str, ...]] = ("provenance",)

    def settings(self, run: RunSettings) -> ProvenanceSettings:
        return run.provenance

    def run(self, state: State, context: Context) -> None:
        jobs, keys = [], []
        for event in state.events:
            alignment = state.alignments[event.id]
            artifacts = state.artifacts.get(event.id, ())
            jobs.append(_Job(event, state.members(event), alignment, artifacts))
            # What provenance reads is already keyed by the stages before it: their results are its key.
            keys.append(context.key(self, event.id, [state.source_keys[i] for i in event.sources],
                                    state.mention_keys(event), repr(alignment), repr(artifacts)))
        found = context.cached_map(self.name, keys, trace_event, jobs, state.annotations,
                                   context.settings.provenance)
        state.put("provenance", {event.id: graph for event, graph in zip(state.events, found, strict=True)})
