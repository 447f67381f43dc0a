"""Stage ``artifacts``: translation and rewriting tells per report, read within its event (cached per event)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from compare.model import Annotations, Source, SourceArtifacts
from compare.run_signatures import artifacts_signature
from compare.settings import ArtifactSettings, RunSettings
from compare.stages.base import Context, StageBase, State, pairs_cost
from compare.stages.beside_engine import forks_beside_engine

if TYPE_CHECKING:
    from compare.artifacts.context import ArtifactContext


@dataclass(frozen=True, slots=True)
class _Job:
    members: tuple[Source, ...]
    context: ArtifactContext


def detect_event(job: _Job, annotations: Annotations, settings: ArtifactSettings) -> tuple[SourceArtifacts, ...]:
    """Each member's artifacts, read against the event's slice of the set-wide name census."""
    from compare.artifacts import detect_artifacts  # here, not at import: see compare/stages/align.py

    return tuple(detect_artifacts(source, annotations, job.context, settings.detectors) for source in job.members)


class ArtifactsStage(StageBase):
    name: ClassVar[str] = "artifacts"
    version: ClassVar[str] = "v1"
    requires: ClassVar[tuple[str, ...]] = ("events", "annotations")
    provides: ClassVar[tuple[str, ...]] = ("artifacts",)

    def settings(self, run: RunSettings) -> ArtifactSettings:
        return run.artifacts

    def signature(self, run: RunSettings) -> str:
        return f"{super().signature(run)}|{artifacts_signature(run.artifacts)}"

    def run(self, state: State, context: Context) -> None:
        from compare.artifacts import build_context  # here, not at import: see compare/stages/align.py
        from compare.artifacts.context import slice_context, spelling_keys_by_source

        census = build_context(state.sources, state.annotations)
        index = spelling_keys_by_source(census)
        jobs = []
        keys = []
        for event in state.events:
            members = state.members(event)
            job = _Job(members, slice_context(census, members, index))
            jobs.append(job)
            # The census's words come from the members' texts, already keyed; its other parts are sorted dicts.
            keys.append(context.lazy_key(self, lambda event=event, job=job: (
                [state.source_keys[i] for i in event.sources], repr((job.context.spellings, job.context.forms)),
                state.mention_keys(event))))
        # Forked workers take events side by side, with the semantic layer too once the engine is settled
        # (``embeds``); while the engine still embeds (a small set, before alignment) the events stay here.
        semantic = context.settings.align.semantic.enabled
        found = context.cached_map(self.name, keys, detect_event, jobs, state.annotations, context.settings.artifacts,
                                   heavy=forks_beside_engine(context), embeds=semantic, warm_up=_first,
                                   cost=lambda job: pairs_cost(job.members))
        state.put("artifacts", {event.id: result for event, result in zip(state.events, found, strict=True)})


def _first(jobs: object) -> list[int]:
    """The first event, detected here before any fork: the word lists and lexicons the detectors load lazily are
    then loaded once and shared with the worker, instead of read again and held in its own pages."""
    return [0]
