"""Canonical entities: spelling, transliteration and naming variants across reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.annotate import annotate, annotate_source, resolve_entities
from compare.ingest import ingest

FIXTURES = Path(__file__).parent / "fixtures" / "annotate"


@pytest.fixture(scope="module")
def seed_annotations(seed_result):
    return annotate(seed_result.sources)


def _entity_with(annotations, spelling):
    hits = [e for e in annotations.entities if any(spelling in v for v in e.variants.values())]
    assert len(hits) == 1, (spelling, [e.id for e in hits])
    return hits[0]


@pytest.mark.parametrize(("a", "b"), [
    ("Sergey Shoigu", "Sergey Shoygu"), ("Sergey Lavrov", "Sergei Lavrov"), ("Takeshi Iwaya", "Takeshi Ivaya"),
    ("Kunashir", "Kunashiri"), ("Etorofu", "Etorofu"), ("South Kuril Islands", "northern territories"),
])
def test_variants_resolve_to_one_entity(seed_annotations, a, b):
    assert _entity_with(seed_annotations, a).id == _entity_with(seed_annotations, b).id


def test_variants_are_kept_per_source(seed_annotations):
    shoigu = _entity_with(seed_annotations, "Sergey Shoygu")
    assert shoigu.type == "person"
    assert shoigu.variants["004"] == ("Sergey Shoygu",)
    assert shoigu.variants["000"] == ("Sergey Shoigu",)
    assert shoigu.variants["003"] == ("Sergei Shoigu",)
    iwaya = _entity_with(seed_annotations, "Takeshi Ivaya")
    assert iwaya.variants["000"] == ("Takeshi Ivaya",) and "Takeshi Iwaya" in iwaya.variants["003"]


def test_contested_names_are_one_place_but_separate_naming_choices(seed_annotations):
    islands = _entity_with(seed_annotations, "northern territories")
    assert islands.type == "place"
    assert islands.naming_choices["Northern Territories"] == ("003",)
    assert {"000", "001", "002"} <= set(islands.naming_choices["Southern Kurils"])


def test_iturup_and_etorofu_are_one_place():
    from compare.annotate.names import find_names

    names = find_names("Missiles were deployed on Iturup, which Japan calls Etorofu.", "en")
    canon = {m.text: m.canonical for m in names}
    assert canon["Iturup"] == canon["Etorofu"] == "Iturup"


def test_ids_are_stable_slugs_and_sorted(seed_annotations, seed_result):
    again = annotate(list(reversed(seed_result.sources)))
    assert [e.id for e in again.entities] == [e.id for e in seed_annotations.entities]
    assert [e.id for e in seed_annotations.entities] == sorted(e.id for e in seed_annotations.entities)
    assert _entity_with(seed_annotations, "Lavrov").id == "sergey-lavrov"


def test_cyrillic_and_latin_spellings_resolve_across_languages():
    sources = [s for name in ("ru_lavrov.txt", "de_lavrov.txt", "it_lavrov.txt", "fr_lavrov.txt")
               for s in ingest(FIXTURES / name).sources]
    annotations = annotate(sources)
    lavrov = _entity_with(annotations, "Лавров")
    assert set(lavrov.variants) == {s.id for s in sources}
    assert "Lawrow" in lavrov.variants["de_lavrov"]
    tokyo = _entity_with(annotations, "Токио")
    assert "Tokio" in tokyo.variants["de_lavrov"]


def test_resolve_entities_fills_entity_ids(seed_result):
    per_source = {s.id: annotate_source(s)[0] for s in seed_result.sources}
    assert all(m.entity is None for ms in per_source.values() for m in ms)
    entities, mentions = resolve_entities(seed_result.sources, per_source)
    ids = {e.id for e in entities}
    named = [m for ms in mentions.values() for m in ms if m.type in ("person", "place", "organisation")]
    assert named and all(m.entity in ids for m in named)
