"""Stage ``artifacts``: translation and rewriting tells per report, read within its event (cached per event)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

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
        from compare.artifacts.context import slice_context  # here, not at import: see compare/stages/align.py

        census, index = state.ahead.pop("artifacts.census", None) or census_of(state.sources, state.annotations)
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


def census_of(sources: Sequence[Source], annotations: Annotations) -> tuple[ArtifactContext, dict[str, Any]]:
    """The set-wide name census and its spelling keys by source: read from the reports and annotations alone, so
    the events stage builds it beside its grouping (``compare.stages.events``)."""
    from compare.artifacts import build_context  # here, not at import: see compare/stages/align.py
    from compare.artifacts.context import spelling_keys_by_source

    census = build_context(sources, annotations)
    return census, spelling_keys_by_source(census)


def _first(jobs: object) -> list[int]:
    """The first event, detected here before any fork: the word lists and lexicons the detectors load lazily are
    then loaded once and shared with the worker, instead of read again and held in its own pages."""
    return [0]
