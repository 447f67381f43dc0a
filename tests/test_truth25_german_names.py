"""Issue 23 beyond the seeds III (truth25): names in German, and the names table across languages.

Read on planted sets built from WMT21 en-de (bench/planted_edits.py, sets p09-p14): German capitalises every noun,
and the annotator took "Danny Welbecks Hackentrick", "Osten Berichten" and "Pedro Maria Tonha Pedalé
Krankenhauses" for people, and "Australia's Robert Whittaker" lost its given name.  The names table's cells:
``test_truth25_names_table.py``.
"""

from __future__ import annotations

from made_sources import made_source

from compare.annotate import annotate


def _found(text: str, language: str) -> list[tuple[str, str]]:
    from compare.annotate.names import find_names

    return [(m.text, m.type) for m in find_names(text, language)]


def test_a_genitive_ends_the_name():
    """'Danny Welbecks Hackentrick' is Danny Welbeck's backheel (planted p09 F3): the name ends at its genitive -s,
    and the name is given without it; a given name ending in s ('Thomas Müller') and a name whose s is its own
    ('Timmermans', more frequent with the s) keep their words."""
    assert _found("Hätte Emiliano Martínez 16 Minuten vor Abpfiff Danny Welbecks Hackentrick nicht gehalten, wäre es "
                  "anders gekommen.",
                  "de") == [("Emiliano Martínez", "person"), ("Danny Welbeck", "person")]
    assert ("Joe Biden", "person") in _found("Laut Joe Bidens Sprecher Jen Psaki ist das falsch.", "de")
    assert ("Thomas Müller", "person") in _found("Das Tor schoss Thomas Müller, sagte der Trainer.", "de")
    from compare.annotate.names import genitive_end

    assert not genitive_end("Timmermans", "Vorschlag", "de")
    assert not genitive_end("Welbecks", "Hackentrick", "en")  # English writes "Welbeck's"


def test_an_inflected_common_noun_ends_the_name():
    """'im Osten Berichten zufolge' (in the East, according to reports) is no person 'Osten Berichten' (planted p10
    F1): 'Berichten' is an inflected form of the common noun 'Bericht'.  A surname the dictionary lists as a form of
    a rare word stays ('Christian Drosten')."""
    text = "Die chinesische Seite erklärte im Osten Berichten zufolge, dass die Bank gelogen habe."
    assert [name for name, kind in _found(text, "de") if kind == "person"] == []
    assert ("Christian Drosten", "person") in _found("Das sagte Christian Drosten am Montag.", "de")


def test_an_institution_named_with_an_inflected_head_is_that_institution():
    """'… Pedro Maria Tonha Pedalé Krankenhauses' is the hospital, a place, and the English report's 'Pedro Maria
    Tonha Pedalé Hospital' (planted p14 F1): one entity, so the German cell of the hospital's row is filled."""
    de_text = ("Der Präsident beschloss die Übergabe des sich in Luanda im Bau befindenden Pedro Maria Tonha Pedalé "
               "Krankenhauses an das Ministerium.")
    assert _found(de_text, "de")[-1] == ("Pedro Maria Tonha Pedalé Krankenhauses", "place")
    en = made_source("a", "en", "The President transferred the Pedro Maria Tonha Pedalé Hospital, under construction in "
                            "Luanda, to the Ministry of Health.")
    de = made_source("b", "de", de_text)
    hospital = [e for e in annotate([en, de]).entities if "Pedalé" in e.name]
    assert len(hospital) == 1 and set(hospital[0].variants) == {"a", "b"} and hospital[0].type == "place"
    assert hospital[0].name == "Pedro Maria Tonha Pedalé Hospital"


def test_heads_of_different_meaning_stay_apart():
    """'Pedalé Museum' is not 'Pedalé Krankenhaus': only heads that mean the same join two names."""
    from compare.annotate.gazetteer import head_meaning

    assert head_meaning("Krankenhauses") == head_meaning("hospital") == head_meaning("hôpital") == "hospital"
    assert head_meaning("Museum") != head_meaning("Krankenhaus")
    en = made_source("a", "en", "They visited the Grande Pedalé Museum in Luanda.")
    de = made_source("b", "de", "Sie besuchten das Grande Pedalé Krankenhaus in Luanda.")
    pedale = [e for e in annotate([en, de]).entities if "Pedalé" in e.name]
    assert len(pedale) == 2


def test_a_possessive_ends_a_name_phrase():
    """'Australia's Robert Whittaker': a possessive before a given name ends the phrase, so Robert Whittaker is found
    (planted p11 F5: his row was filled for the German source only)."""
    assert ("Robert Whittaker", "person") in _found(
        "Elsewhere, Australia's Robert Whittaker edged out England's Darren Till in the main event.", "en")
    # before a word that is no given name the possessive may be inside the name
    assert ("Ormond Street Children's Hospital", "place") in _found(
        "She was taken to Great Ormond Street Children's Hospital on Monday.", "en")


def test_a_plural_head_makes_no_place():
    """Only a genitive head is a name's ('des … Krankenhauses'): 'die Straßen von Seattle' are streets, not a place
    of that name (planted p02 read so, and titled its event 'Straßen von Seattle', when plural endings counted)."""
    assert [kind for _, kind in _found("Wir gingen durch die Straßen von Seattle, sagte Michaud Savage.", "de")
            if kind == "place"] == []
