"""An event's lexical pass made ahead (``compare.align.lexical_ahead``) aligns it exactly as made at its turn.

The align stage makes every event's lexical pass before aligning the first (so that the merge windows of all
of them queue on the embedding engine at once) and hands each to ``align_event``.  What a user relies on: the
alignment is the same whichever way it was made, and a pass made from other reports or settings is never
used for this event (it is made again).  Without the semantic layer, so that only the lexical pass is at stake.
"""

from __future__ import annotations

import pytest

from compare.align import align_event, lexical_ahead
from compare.ingest import ingest
from compare.settings import SemanticSettings
from conftest import SEEDS

OFF = SemanticSettings(enabled=False)


@pytest.fixture(scope="module")
def events():
    from compare.annotate import annotate
    from compare.events import group_events

    sources = ingest(SEEDS).sources
    annotations = annotate(sources)
    grouped = [e for e in group_events(sources, annotations) if len(e.sources) >= 2]
    assert len(grouped) >= 2, "the seeds hold two events of several reports"
    by_id = {s.id: s for s in sources}
    return [(e, [by_id[i] for i in e.sources]) for e in grouped], annotations


def test_a_pass_made_ahead_gives_the_same_alignment(events):
    grouped, annotations = events
    for event, members in grouped:
        ahead = lexical_ahead(event.id, members, annotations, background=event.background, semantic=OFF)
        made_ahead = align_event(event.id, members, annotations, background=event.background, semantic=OFF,
                                 ahead=ahead)
        at_its_turn = align_event(event.id, members, annotations, background=event.background, semantic=OFF)
        assert made_ahead == at_its_turn
        assert made_ahead.links, "the seeds' events have lexical links"


def test_a_pass_made_for_other_reports_or_settings_is_not_used(events):
    (first, first_members), (second, second_members) = events[0][:2]
    annotations = events[1]
    other = lexical_ahead(second.id, second_members, annotations, background=second.background, semantic=OFF)
    plain = align_event(first.id, first_members, annotations, background=first.background, semantic=OFF)
    assert align_event(first.id, first_members, annotations, background=first.background, semantic=OFF,
                       ahead=other) == plain
    parallel = lexical_ahead(first.id, first_members, annotations, mode="parallel",
                                    background=first.background, semantic=OFF)
    assert align_event(first.id, first_members, annotations, background=first.background, semantic=OFF,
                       ahead=parallel) == plain
    assert align_event(first.id, first_members, annotations, mode="parallel", background=first.background,
                       semantic=OFF, ahead=parallel) != plain, "the settings the pass was made with matter"
