"""While the engine embeds, the stages that do not read the alignment run before it (``pipeline.while_embedding``).

Artifacts and framing need only events and annotations; run before alignment, they use the core the
engine leaves while it embeds, instead of running after it on one core with the other idle.  What a
run relies on: no stage runs before what it requires, and every stage the goal needs still runs once.
"""

from __future__ import annotations

from compare.pipeline import while_embedding
from compare.stages import STAGES, check_contracts, plan


def test_artifacts_and_framing_run_before_alignment_and_every_input_comes_first():
    order = while_embedding(STAGES)
    assert [s.name for s in order] == ["ingest", "annotate", "events", "artifacts", "framing", "align", "ter",
                                       "provenance", "mt"]
    assert check_contracts(order) == []
    for goal in ("provenance", "mt", "ter", "framing", "events"):
        assert check_contracts(while_embedding(plan(goal))) == []
        assert sorted(s.name for s in while_embedding(plan(goal))) == sorted(s.name for s in plan(goal))

