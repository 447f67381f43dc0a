"""Issue 23 beyond the seeds (truth23): what is typed a person needs evidence of one.

Read on planted sets built from WMT21 en-de (bench/planted_edits.py): "WeChat (person)", "Hong Kong (person)"
(p10, rF2), "Scottish (organisation)" (p13, rG1), and on WMT21 documents "Alaska Airlines" as a person.
"""

from __future__ import annotations

import pytest

from compare.annotate.names import find_names, is_demonym


def _found(text: str, language: str) -> list[tuple[str, str]]:
    return [(m.text, m.type) for m in find_names(text, language)]


def test_a_name_after_a_preposition_is_not_the_subject_of_the_verb_after_it():
    """German puts the verb second: 'auf WeChat sagte das Kreditinstitut' has the bank as the speaker."""
    text = "In einem inzwischen nicht mehr verfügbaren Beitrag auf WeChat sagte das Kreditinstitut, es sei unschuldig."
    assert ("WeChat", "person") not in _found(text, "de")


def test_a_known_territory_is_a_place_whatever_its_words_suggest():
    """'Hong' is also a given name; CLDR's names of territories know Hong Kong (and German 'Hongkong')."""
    assert ("Hong Kong", "place") in _found("HSBC supported the new security law for Hong Kong, the city.", "en")
    assert ("Hongkong", "place") in _found("HSBC unterstützte das neue Gesetz in Hongkong, wo sie begann.", "de")


def test_an_adjective_of_nationality_is_no_organisation():
    assert _found("The Scottish government's £10m funding package also aims to help event suppliers.", "en") == []
    assert is_demonym("Scottish") and is_demonym("Taiwanese") and not is_demonym("Christian")


@pytest.mark.parametrize("name", ["Alaska Airlines", "Federal Aviation Administration"])
def test_an_organisation_that_speaks_is_no_person(name):
    assert (name, "organisation") in _found(f"{name} said on Monday it would inspect the aircraft.", "en")
