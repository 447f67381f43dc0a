"""Names across inflection and scripts, and the sibling lines of translations of one original (issue 23, rW1:
truth32).  Every text here is invented for these tests.

A Russian original writes its names in case forms ("на Бразилию", "за Индией", "данные Университета Джонса
Хопкинса"); its English translations write Brazil, India and Johns Hopkins University, one of them misspelt ("the
John Hopkins University").  The names table listed the case forms as entities of their own, had no India for the
English texts (India is also a given name), cut the misspelt name to "Hopkins University", typed COVID-19 as an
organisation, and the sibling lines said the translations name places "which the original never names"."""

from __future__ import annotations

import pytest

from compare.annotate import annotate
from compare.annotate.names import find_names
from compare.provenance.checks import names_not_in
from compare.provenance.siblings import _against_reuse
from compare.settings import ProvenanceSettings
from tests.made_sources import made_source

RU = ("В стране выявили 500 новых случаев COVID-19.",
      "Более 2 млн случаев приходятся на Бразилию, третье место - за Индией.",
      "Об этом свидетельствуют данные Университета Джонса Хопкинса.")
EN = ("The country found 500 new cases of COVID-19.",
      "More than 2 million cases are in Brazil, and third place goes to India.",
      "This is shown by data from Johns Hopkins University.")
EN_MISSPELT = ("The country found 500 new COVID cases.",
               "Brazil has more than 2 million cases, and India is in third place.",
               "So says data from the John Hopkins University.")


def _found(sentence: str) -> dict[str, str]:
    return {m.text: m.type for m in find_names(sentence, "en")}


def test_a_country_that_is_also_a_given_name_is_the_country():
    assert _found(EN[1]).get("India") == "place"
    assert _found(EN_MISSPELT[1]).get("India") == "place"


def test_a_given_name_that_speaks_is_not_taken_for_a_country():
    assert _found("India said she would stay at home.").get("India") != "place"


def test_an_institution_after_an_article_keeps_its_first_word():
    assert _found(EN_MISSPELT[2]).get("John Hopkins University") == "organisation"
    assert "Hopkins University" not in _found(EN_MISSPELT[2])


def test_an_acronym_with_its_number_is_a_designation_not_a_body():
    found = _found(EN[0])
    assert found.get("COVID-19") == "thing"
    assert "COVID" not in found
    assert _found("MI5 said nothing.").get("MI5") == "organisation"  # digits attached: still a service


def _sources():
    return [made_source("r", "ru", *RU), made_source("e1", "en", *EN), made_source("e2", "en", *EN_MISSPELT)]


@pytest.fixture(scope="module")
def annotations():
    return annotate(_sources())


def _rows(annotations) -> dict[str, dict[str, tuple[str, ...]]]:
    return {e.name: e.variants for e in annotations.entities}


def test_one_entity_per_place_across_case_forms_and_languages(annotations):
    rows = _rows(annotations)
    assert rows["Brazil"] == {"e1": ("Brazil",), "e2": ("Brazil",), "r": ("Бразилию",)}
    assert rows["India"] == {"e1": ("India",), "e2": ("India",), "r": ("Индией",)}
    assert not any(name.startswith(("Бразил", "Инди")) for name in rows)


def test_one_institution_across_case_forms_and_a_misspelling(annotations):
    pytest.importorskip("natasha")  # the Russian name's words are lemmatised by natasha (the ``russian`` extra)
    variants = next(e.variants for e in annotations.entities if "Johns Hopkins University" in e.variants.get("e1", ()))
    assert variants == {"e1": ("Johns Hopkins University",),
                                                "e2": ("John Hopkins University",),
                                                "r": ("Университета Джонса Хопкинса",)}


def test_a_latin_name_in_a_russian_text_is_the_same_designation(annotations):
    rows = _rows(annotations)
    assert rows["COVID-19"] == {"e1": ("COVID-19",), "e2": ("COVID",), "r": ("COVID-19",)}
    assert {e.type for e in annotations.entities if e.name == "COVID-19"} == {"thing"}


def test_never_names_is_not_said_of_a_name_the_parent_may_write_in_its_own_language():
    """The parent writes the Netherlands in Russian ("Нидерландах"), which no rule links to the English name: its
    absence cannot be seen, so the translations' "Netherlands" is no name "which r never names"."""
    sources = [made_source("r", "ru", "Выставка прошла в Нидерландах."),
               made_source("e1", "en", "The exhibition took place in the Netherlands."),
               made_source("e2", "en", "The show was held in the Netherlands.")]
    annotated = annotate(sources)
    languages = {s.id: s.language for s in sources}
    assert "Netherlands" not in names_not_in("e1", "e2", sources[0], annotated, languages)


def test_never_names_is_still_said_of_a_person_the_parent_does_not_write():
    sources = [made_source("r", "ru", "Выставка прошла в Москве."),
               made_source("e1", "en", "The exhibition took place in Moscow, said Dmitry Peskov."),
               made_source("e2", "en", "The show was held in Moscow, Dmitry Peskov said.")]
    annotated = annotate(sources)
    languages = {s.id: s.language for s in sources}
    assert names_not_in("e1", "e2", sources[0], annotated, languages) == ["Dmitry Peskov"]
    sources[0] = made_source("r", "ru", "Выставка прошла в Москве, сообщил Дмитрий Песков.")
    assert names_not_in("e1", "e2", sources[0], annotate(sources), languages) == []


def test_two_translations_of_one_original_are_not_measured_against_a_copy_threshold():
    words = _against_reuse(1.0, 1.0, ProvenanceSettings(), ["r"], ["translate"], ["r"])
    assert "copy or rewrite needs" not in words
    assert words == ("; both translate r: the wording two translations of one text share comes from that text, "
                     "and is no sign that one copied the other")
    unexplained = _against_reuse(0.6, 0.7, ProvenanceSettings(), [], ["translate"], ["r"])
    assert "copy or rewrite needs" not in unexplained and "no measure of copying" in unexplained
    # copies of one text are still measured against it
    assert "copy or rewrite needs" in _against_reuse(1.0, 1.0, ProvenanceSettings(), ["p"], ["copy"], ["p"])


def test_a_name_spelt_unlike_the_others_of_its_language_gets_a_line():
    from compare.report.views import spelt_apart

    languages = {"r": "ru", "e1": "en", "e2": "en", "e3": "en", "e4": "en"}
    entry = {"name": "Johns Hopkins University", "type": "organisation", "choices": {},
             "spellings": {"r": ["Университета Джонса Хопкинса"], "e1": ["Johns Hopkins University"],
                           "e2": ["Johns Hopkins University"], "e3": ["Johns Hopkins University"],
                           "e4": ["John Hopkins University"]}}
    assert spelt_apart([entry], languages) == [{"source": "e4", "form": "John Hopkins University",
                                                 "theirs": "Johns Hopkins University", "others": ["e1", "e2", "e3"]}]
    # two names, not one spelt two ways; a tie names no majority spelling; another language is not compared
    us = {"name": "United States", "type": "place", "choices": {},
          "spellings": {"e1": ["United States"], "e2": ["United States"], "e3": ["US"]}}
    tie = {"name": "Sergei Shoigu", "type": "person", "choices": {},
           "spellings": {"e1": ["Sergei Shoigu"], "e2": ["Sergey Shoygu"]}}
    assert spelt_apart([us, tie], languages) == []


def test_a_country_that_is_the_given_name_of_a_person_in_the_report_is_no_place():
    sources = [made_source("s", "en", "Jordan Henderson scored twice on Sunday.", "Later Jordan left the pitch."),
               made_source("t", "en", "The talks took place in Jordan.", "Jordan hosted them.")]
    places = {(m.source_id, m.text) for ms in annotate(sources).mentions.values() for m in ms if m.type == "place"}
    assert ("s", "Jordan") not in places
    assert ("t", "Jordan") in places


def test_a_german_place_name_in_ien_is_the_english_one_in_ia():
    sources = [made_source("d", "de", "Die Proteste erreichten auch Indien."),
               made_source("e", "en", "The protests reached India too."),
               made_source("r", "ru", "Протесты дошли до Индии.")]
    rows = {e.name: e.variants for e in annotate(sources).entities}
    assert rows["India"] == {"d": ("Indien",), "e": ("India",), "r": ("Индии",)}
