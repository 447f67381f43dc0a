"""Stage ``annotate``: mentions and quotes per report (cached), then entities across the set."""

from __future__ import annotations

from typing import ClassVar

from compare.annotate import annotate_source, link_annotations
from compare.settings import NoSettings, RunSettings
from compare.stages.base import Context, StageBase, State


class AnnotateStage(StageBase):
    name: ClassVar[str] = "annotate"
    version: ClassVar[str] = "v1"
    requires: ClassVar[tuple[str, ...]] = ("sources",)
    provides: ClassVar[tuple[str, ...]] = ("annotations",)

    def settings(self, run: RunSettings) -> NoSettings:
        return NoSettings()

    def run(self, state: State, context: Context) -> None:
        keys = [context.key(self, state.source_keys[s.id]) for s in state.sources]
        per_source = context.cached_map(self.name, keys, annotate_source, state.sources)
        state.annotations = link_annotations(state.sources, per_source)
