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

        state.events = group_events(state.sources, state.annotations, context.settings.events)
        context.progress(self.name, len(state.events), len(state.events))
