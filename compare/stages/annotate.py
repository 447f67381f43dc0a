"""Stage ``annotate``: mentions and quotes per report (cached), then entities across the set."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import ClassVar

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
        from compare.annotate import annotate_source, link_annotations  # here: a run cleans its reports first

        keys = [context.lazy_key(self, lambda s=s: (state.source_keys[s.id],)) for s in state.sources]
        # Forked workers annotate reports side by side; the first report of each language is annotated here
        # first, so its dictionaries and name lists load once and every worker inherits them.  With the semantic
        # layer the engine's load is waited for before the fork (``embeds``), and for a set too small to fork for
        # (the seeds) the reports are annotated here while the engine embeds ahead (``run_pipeline``).
        # Annotation embeds nothing: where the engine runs in a process of its own, the workers fork at once,
        # beside the passages and sentences it is still embedding (``embeddings.forks_safely``).
        semantic = context.settings.align.semantic.enabled
        per_source = context.cached_map(self.name, keys, annotate_source, state.sources,
                                        heavy=not semantic or context.forks(len(keys)), warm_up=_first_of_language,
                                        embeds=semantic and not _forks_beside_engine())
        state.annotations = link_annotations(state.sources, per_source)


def _forks_beside_engine() -> bool:
    """Whether workers that embed nothing may fork while the engine's process still has texts in flight."""
    embeddings = sys.modules.get("compare.semantic.embeddings")
    return embeddings is not None and embeddings.forks_safely()


def _first_of_language(sources: Sequence[Source]) -> list[int]:
    """Position of the first report in each language."""
    first: dict[str, int] = {}
    for position, source in enumerate(sources):
        first.setdefault(source.language, position)
    return sorted(first.values())
