"""The names table matches a common-noun-phrase name in any case: 000 writes "Russian armed forces" and "the armed
forces", yet the 2019 "Armed Forces" row listed 001 and 003 only, telling a class that 000 never names them.
Proper names keep exact matching ("Bush" the person is not a bush)."""

from __future__ import annotations

import csv

from compare.ingest import ingest
from compare.model import Entity
from compare.report.common_names import any_case_spellings, is_common_noun_phrase


def test_only_phrases_of_ordinary_words_match_in_any_case():
    assert is_common_noun_phrase(Entity("armed-forces", "organisation", "Armed Forces"))
    assert not is_common_noun_phrase(Entity("george-bush", "person", "George Bush"))
    assert not is_common_noun_phrase(Entity("bush", "organisation", "Bush"))  # one word: 'Apple' is not an apple
    assert not is_common_noun_phrase(Entity("aegis-ashore", "thing", "Aegis Ashore"))  # 'aegis' is no common word
    assert not is_common_noun_phrase(Entity("white-house", "place", "White House"))  # places are proper names


def test_lower_case_forms_are_found_and_proper_names_are_not(tmp_path):
    (tmp_path / "a.txt").write_text("Tokyo voiced concern about the Russian armed forces. The armed forces stay. "
                                    "Bush said the bush was burning.\n", encoding="utf-8")
    source = ingest(tmp_path).sources[0]
    forces = Entity("armed-forces", "organisation", "Armed Forces", {"b": ("Armed Forces",)})
    assert any_case_spellings(forces, source, ()) == ["armed forces"]
    assert any_case_spellings(forces, source, ("armed forces",)) == []
    bush = Entity("george-bush", "person", "Bush", {"a": ("Bush",)})
    assert any_case_spellings(bush, source, ("Bush",)) == []


def test_the_2019_names_table_counts_000_under_armed_forces(seed_report):
    with open(seed_report / "2019-05-30-japan-lavrov" / "names.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["entity"] == "armed-forces"]
    assert {r["source"]: r["spellings"] for r in rows}["000"] == "armed forces"
