"""Stage ``events``: group the reports into events (set-level and cheap, so not cached)."""

from __future__ import annotations

from typing import ClassVar

from compare.settings import EventSettings, RunSettings
from compare.stages.base import Context, StageBase, State


class EventsStage(StageBase):
    name: ClassVar[str] = "events"
    version: ClassVar[str] = "v2"  # v2: a background sentence that refers to this event is compared (issue 23)
    requires: ClassVar[tuple[str, ...]] = ("sources", "annotations")
    provides: ClassVar[tuple[str, ...]] = ("events",)

    def settings(self, run: RunSettings) -> EventSettings:
        return run.events

    def run(self, state: State, context: Context) -> None:
        from compare.events import group_events  # here: a run cleans its reports first

        def group() -> list:
            return group_events(state.sources, state.annotations, context.settings.events)

        if _census_beside(state, context):
            # Grouping runs on one core (1,000 WMT21 documents: some 5 CPU-s, the other core idle); the artifacts'
            # census reads the reports and annotations alone, so it is built here while a forked worker groups.
            from compare.stages.artifacts import census_of

            state.events, state.ahead["artifacts.census"] = context.executor.beside(
                group, lambda: census_of(state.sources, state.annotations))
        else:
            state.events = group()
        context.progress(self.name, len(state.events), len(state.events))


def _census_beside(state: State, context: Context) -> bool:
    """Whether the events are grouped in a forked worker beside the artifacts' census.

    Only where the artifacts stage will run, the set is large enough to fork for, and nothing embeds: grouping
    by documents encodes with the engine, and with the semantic layer its threads run in this process, which a
    fork must not copy.
    """
    return "artifacts" in state.planned and not context.settings.events.semantic and \
        not context.settings.align.semantic.enabled and context.forks(len(state.sources))
