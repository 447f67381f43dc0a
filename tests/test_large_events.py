"""An event of very many reports is aligned as a star on its hub in blocks, never every pair of reports."""

from __future__ import annotations

import json

from compare.align import align_event
from compare.ingest import ingest
from compare.model import Event
from compare.settings import SemanticSettings
from compare.stages.large_events import BLOCK, align_in_blocks, blocks

TOWNS = ["Tokyo", "Moscow", "Rome", "Berlin", "Paris"]


def _sources(tmp_path, n: int):
    records = [{"id": f"r{i:03d}", "text": f"The mayor of {TOWNS[i % 5]} opened the new bridge on Monday. "
                f"It cost {i + 10} million euros."} for i in range(n)]
    records[7]["kind"] = "original"
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return ingest(path).sources


def test_a_large_event_is_aligned_against_its_reference_in_blocks(tmp_path):
    members = _sources(tmp_path, 2 * BLOCK + 3)  # three blocks (the stage takes this path above LARGE_EVENT)
    hub, parts = blocks(members)
    assert hub.id == "r007"  # the original is the reference every report is read against
    assert all(len(part) <= BLOCK for part in parts) and sum(map(len, parts)) == len(members) - 1
    event = Event("e", "bridges", None, tuple(s.id for s in members), {})
    made = []

    def align(event, block):
        made.append(len(block))
        return align_event(event.id, block, semantic=SemanticSettings(enabled=False))

    alignment = align_in_blocks(event, members, align)
    pairs = {(p.source_a, p.source_b) for p in alignment.pairs}
    assert len(pairs) == sum(n * (n - 1) // 2 for n in made) < len(members) * (len(members) - 1) // 2
    assert all((min(hub.id, s.id), max(hub.id, s.id)) in pairs for s in members if s is not hub)
    assert alignment.reference == "r007"
    # every sentence of every report is in exactly one claim, and the shared first sentence links across blocks
    keys = [m for claim in alignment.claims for m in claim.members]
    assert sorted(keys) == sorted((s.id, x.index) for s in members for x in s.sentences)
    first = next(c for c in alignment.claims if ("r007", 0) in c.members)
    assert len({sid for sid, _ in first.members}) > BLOCK + 1
