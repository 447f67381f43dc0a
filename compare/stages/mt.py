"""Stage ``mt``: each source's machine-translation likelihood, from its original where provenance found it.

It runs after ``provenance`` because which source translates which is what
that stage establishes; the algorithm lives in ``compare.artifacts.mt_event``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from compare.artifacts.mt_event import figure_event, texts_to_embed
from compare.executors import LocalExecutor
from compare.model import MTFigure, Source, SourceArtifacts
from compare.settings import MTSettings, RunSettings
from compare.stages.base import Context, StageBase, State


@dataclass(frozen=True, slots=True)
class _Job:
    members: tuple[Source, ...]
    provenance: Any
    artifacts: tuple[SourceArtifacts, ...]


def _embed_ahead(stage: str, keys: list[str], jobs: list[_Job], context: Context) -> None:
    """Embed, in one batch on every core, the sentences the events still to compute will need (this process only).

    The rows land in the embeddings memo, where :func:`figure_job` finds them; a row does not depend on its
    batch, so the figures are the same bytes either way.
    """
    if not context.settings.mt.use_embeddings or not isinstance(context.executor, LocalExecutor):
        return
    cached = context.cache.has_many(stage, keys)
    texts = [text for key, job in zip(keys, jobs, strict=True) if key not in cached
             for text in texts_to_embed(job.members, job.provenance, context.settings.mt)]
    if texts:
        from compare.semantic import embeddings

        if embeddings.available():
            embeddings.encode(sorted(set(texts)))


def figure_job(job: _Job, settings: MTSettings) -> tuple[MTFigure, ...]:
    return figure_event(job.members, job.provenance, {a.source_id: a for a in job.artifacts}, settings)


class MTStage(StageBase):
    name: ClassVar[str] = "mt"
    version: ClassVar[str] = "v1"
    requires: ClassVar[tuple[str, ...]] = ("provenance", "artifacts")
    provides: ClassVar[tuple[str, ...]] = ("mt",)

    def settings(self, run: RunSettings) -> MTSettings:
        return run.mt

    def run(self, state: State, context: Context) -> None:
        graphs = state.per_event.get("provenance", {})
        jobs, keys = [], []
        for event in state.events:
            graph = graphs.get(event.id)
            artifacts = state.artifacts.get(event.id, ())
            jobs.append(_Job(state.members(event), graph, artifacts))
            # Provenance's edges say which member translates which; the texts and artifacts are keyed already.
            edges = sorted((e.from_ or "", e.to, e.relation) for e in getattr(graph, "edges", ()))
            keys.append(context.key(self, [state.source_keys[i] for i in event.sources], edges, repr(artifacts)))
        _embed_ahead(self.name, keys, jobs, context)
        found = context.cached_map(self.name, keys, figure_job, jobs, context.settings.mt)
        state.put("mt", {event.id: figures for event, figures in zip(state.events, found, strict=True)})
