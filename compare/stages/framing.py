"""Stage ``framing``: the contested names and loaded terms each source chose, per event (cached per event)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from compare.model import Annotations, Source
from compare.settings import FramingSettings, RunSettings
from compare.stages.base import Context, StageBase, State, pairs_cost
from compare.stages.beside_engine import forks_beside_engine

if TYPE_CHECKING:
    from compare.framing import Term


def frame_event(members: tuple[Source, ...], annotations: Annotations, settings: FramingSettings) -> tuple[Term, ...]:
    from compare.framing import framing_table, load_lexicon  # here, not at import: see compare/stages/align.py

    return tuple(framing_table(members, annotations, load_lexicon(settings.lexicon)))


class FramingStage(StageBase):
    name: ClassVar[str] = "framing"
    version: ClassVar[str] = "v2"
    requires: ClassVar[tuple[str, ...]] = ("events", "annotations")
    provides: ClassVar[tuple[str, ...]] = ("framing",)

    def settings(self, run: RunSettings) -> FramingSettings:
        return run.framing

    def signature(self, run: RunSettings) -> str:
        # the lexicon's content, not only its path, decides the terms and their citations
        from compare.run_signatures import framing_signature

        return f"{super().signature(run)}|{framing_signature(run.framing)}"

    def run(self, state: State, context: Context) -> None:
        jobs = [state.members(event) for event in state.events]
        keys = [context.lazy_key(self, lambda event=event: ([state.source_keys[i] for i in event.sources],
                                                             state.mention_keys(event)))
                for event in state.events]
        # Word scans alone: forked workers take events side by side once the semantic layer's engine is settled
        # (``embeds``: a fork copies no thread, and a lock one of them held would stay held); while it still
        # embeds (a small set, before alignment) the events stay here.
        found = context.cached_map(self.name, keys, frame_event, jobs, state.annotations, context.settings.framing,
                                   heavy=forks_beside_engine(context),
                                   embeds=context.settings.align.semantic.enabled, warm_up=_first, cost=pairs_cost)
        state.put("framing", {event.id: terms for event, terms in zip(state.events, found, strict=True)})


def _first(jobs: object) -> list[int]:
    """The first event, framed here before any fork: the lexicon is then loaded once and shared with the worker."""
    return [0]
