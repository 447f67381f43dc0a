"""The pipeline's stages, in the order they run: a new stage is one module and one entry in ``STAGES``.

Each stage declares what it requires and provides (``compare.stages.base``);
``plan`` picks the stages a goal needs, so ``compare events`` runs ingest,
annotate and events, and ``compare run`` runs them all, with the same code,
cache and executor.
"""

from __future__ import annotations

from compare.stages.align import AlignStage, TerStage
from compare.stages.annotate import AnnotateStage
from compare.stages.artifacts import ArtifactsStage
from compare.stages.base import Context, Stage, State
from compare.stages.events import EventsStage
from compare.stages.framing import FramingStage
from compare.stages.ingest import IngestStage
from compare.stages.mt import MTStage
from compare.stages.provenance import ProvenanceStage

STAGES: tuple[Stage, ...] = (IngestStage(), AnnotateStage(), EventsStage(), AlignStage(), TerStage(),
                             ArtifactsStage(), FramingStage(), ProvenanceStage(), MTStage())
"""Every stage, in pipeline order."""

STAGE_NAMES = tuple(stage.name for stage in STAGES)


def check_contracts(stages: tuple[Stage, ...] = STAGES) -> list[str]:
    """Problems with the stage list: a stage requiring what no earlier stage provides, or a name used twice."""
    problems = []
    provided: set[str] = set()
    seen: set[str] = set()
    for stage in stages:
        if stage.name in seen:
            problems.append(f"stage name {stage.name!r} is used twice")
        seen.add(stage.name)
        missing = [r for r in stage.requires if r not in provided]
        if missing:
            problems.append(f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage provides")
        provided.update(stage.provides)
    return problems


def plan(goal: str | None = None, stages: tuple[Stage, ...] = STAGES) -> tuple[Stage, ...]:
    """The stages needed to reach ``goal`` (a stage name; None for all), in pipeline order.

    A stage is needed when it is the goal or provides something a needed
    stage requires, so asking for ``artifacts`` does not align anything.
    """
    if goal is None:
        return stages
    names = [s.name for s in stages]
    if goal not in names:
        raise ValueError(f"unknown stage {goal!r}; stages are {', '.join(names)}")
    needed: list[Stage] = []
    wanted: set[str] = set()
    for stage in reversed(stages[:names.index(goal) + 1]):
        if stage.name == goal or wanted & set(stage.provides):
            needed.append(stage)
            wanted.update(stage.requires)
    return tuple(reversed(needed))


__all__ = ["STAGES", "STAGE_NAMES", "Context", "Stage", "State", "check_contracts", "plan"]
