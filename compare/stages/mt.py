"""Stage ``mt``: each source's machine-translation likelihood, from its original where provenance found it.

It runs after ``provenance`` because which source translates which is what
that stage establishes; the algorithm lives in ``compare.artifacts.mt_event``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from compare.model import MTFigure, Source, SourceArtifacts
from compare.run_signatures import mt_signature
from compare.settings import MTSettings, RunSettings
from compare.stages.base import Context, StageBase, State, embed_ahead, pairs_cost


@dataclass(frozen=True, slots=True)
class _Job:
    members: tuple[Source, ...]
    provenance: Any
    artifacts: tuple[SourceArtifacts, ...]


def figure_job(job: _Job, settings: MTSettings) -> tuple[MTFigure, ...]:
    from compare.artifacts.mt_event import figure_event  # here, not at import: see compare/stages/align.py

    return figure_event(job.members, job.provenance, {a.source_id: a for a in job.artifacts}, settings)


class MTStage(StageBase):
    name: ClassVar[str] = "mt"
    version: ClassVar[str] = "v1"
    requires: ClassVar[tuple[str, ...]] = ("provenance", "artifacts")
    provides: ClassVar[tuple[str, ...]] = ("mt",)

    def settings(self, run: RunSettings) -> MTSettings:
        return run.mt

    def signature(self, run: RunSettings) -> str:
        return f"stage:{self.name}|version:{self.version}|{mt_signature(run.mt)}"

    def run(self, state: State, context: Context) -> None:
        from compare.artifacts.mt_event import texts_to_embed  # here, not at import: see compare/stages/align.py

        graphs = state.per_event.get("provenance", {})
        jobs, keys = [], []
        for event in state.events:
            graph = graphs.get(event.id)
            artifacts = state.artifacts.get(event.id, ())
            jobs.append(_Job(state.members(event), graph, artifacts))
            # Provenance's edges say which member translates which; the texts and artifacts are keyed already.
            edges = sorted((e.from_ or "", e.to, e.relation) for e in getattr(graph, "edges", ()))
            keys.append(context.lazy_key(self, lambda event=event, edges=edges, artifacts=artifacts: (
                [state.source_keys[i] for i in event.sources], edges, repr(artifacts))))
        settings = context.settings.mt
        embed_ahead(context, self.name, keys, lambda k: texts_to_embed(jobs[k].members, jobs[k].provenance, settings),
                    settings.use_embeddings)
        # Forked workers take events side by side; the rows embedded above go with them (``embeds``).
        found = context.cached_map(self.name, keys, figure_job, jobs, context.settings.mt,
                                   heavy=True, embeds=settings.use_embeddings,
                                   cost=lambda job: pairs_cost(job.members))
        state.put("mt", {event.id: figures for event, figures in zip(state.events, found, strict=True)})
