"""Stage ``annotate``: mentions and quotes per report (cached), then entities across the set."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from compare.annotate import annotate_source, link_annotations
from compare.model import Source
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
        # Without the semantic layer forked workers annotate reports side by side (with it, the engine loads in a
        # thread meanwhile, which a fork must not copy); the first report of each language is annotated here
        # first, so its dictionaries and name lists load once and every worker inherits them.
        per_source = context.cached_map(self.name, keys, annotate_source, state.sources,
                                        heavy=not context.settings.align.semantic.enabled, warm_up=_first_of_language)
        state.annotations = link_annotations(state.sources, per_source)


def _first_of_language(sources: Sequence[Source]) -> list[int]:
    """Position of the first report in each language."""
    first: dict[str, int] = {}
    for position, source in enumerate(sources):
        first.setdefault(source.language, position)
    return sorted(first.values())
