"""Artifact flags on translations (truth31, rW1): a dateline's dash, a site's address, a casing slip and a word of
the original's language left as it was.  The texts are written here; none is taken from a data set."""

from __future__ import annotations

import pytest

from compare.artifacts import build_context, detect_artifacts
from compare.ingest import ingest


def _flags(source, context=None) -> list[tuple[str, str]]:
    return [(a.detector, a.text) for a in detect_artifacts(source, None, context).artifacts]


def _set(tmp_path, **texts: str):
    for name, text in texts.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    return {s.path.rsplit("/", 1)[-1].removesuffix(".txt"): s for s in ingest(tmp_path).sources}


@pytest.mark.parametrize("dateline", ["Obersendling - ", "Lower Haddon - ", "Bad Tölz, Saturday - "])
def test_a_capital_after_a_local_dateline_dash_starts_the_story(tmp_path, dateline):
    """'Obersendling - At around four on Friday' (rW1 de-en F7): the only flag of the set, on a human translation,
    said 'At' was capitalised in mid-sentence; after a dateline's spaced dash the story's first sentence begins."""
    text = (f"A quarrel broke out at the station.\n\n{dateline}At around four on Friday, two groups of young people "
            "started a quarrel at the station, the police said.\n")
    assert _flags(_set(tmp_path, a=text)["a"]) == []


def test_a_capital_after_a_dash_in_mid_sentence_is_still_flagged(tmp_path):
    text = ("A quarrel broke out at the station.\n\nThe police said the two groups - At around four on Friday - "
            "started a quarrel at the station.\n")
    assert ("compare.casing.midcap.v1", "At") in _flags(_set(tmp_path, a=text)["a"])


def test_a_web_address_in_cyrillic_is_not_an_untranslated_word(tmp_path):
    """A translator who keeps the site's real address 'пример.рф' translated everything (rW1 ru-en M2: two flags,
    one per side of the dot); a Cyrillic word outside an address still is one."""
    text = ("The figures were published on the site пример.рф on Monday, citing the regional health office.\n\n"
            "More details are on www.новости.рф/covid, the office said.\n")
    assert _flags(_set(tmp_path, a=text)["a"]) == []
    kept = text.replace("on Monday", "on Monday (понедельник)")
    assert [t for d, t in _flags(_set(tmp_path, a=kept)["a"])] == ["понедельник"]


def test_two_capitals_at_the_start_of_an_ordinary_word_are_a_casing_slip(tmp_path):
    """'ACcompanied by his father, he went to the police' (rW1 de-en F8) went unflagged; 'MPs', 'TVs', 'CEOs' and a
    name are no slip."""
    text = ("The young man left the scene at once.\n\nACcompanied by his father, he went to the police station, "
            "where MPs, TVs and CEOs were not mentioned by McDonald.\n")
    assert _flags(_set(tmp_path, a=text)["a"]) == [("compare.casing.doubled.v1", "ACcompanied")]


GERMAN = ("Streit am Bahnhof: Jugendlicher stürzt nach Schubser ins Gleis\n\n"
          "Bei einem Streit am Bahnhof Giesing ist ein Jugendlicher durch einen Schubser ins Gleis gefallen. "
          "Die Polizei ermittelt.\n")
ENGLISH = ("Dispute at the station: young man falls into the track after Schubser\n\n"
           "During a dispute at Giesing station, a young man fell into the track after a push. "
           "The police are investigating.\n")


def test_a_common_noun_of_the_original_left_in_the_translation_is_flagged(tmp_path):
    """The German 'Schubser' left in an English headline (rW1 de-en F8): the German text of the event writes it after
    an article ('einen Schubser'), wordfreq knows it in German and not in English.  The place 'Giesing', which the
    German text writes without an article, is no such word; without a German text in the set nothing is said."""
    sources = _set(tmp_path, de=GERMAN, en=ENGLISH)
    context = build_context(list(sources.values()))
    flags = _flags(sources["en"], context)
    assert flags == [("compare.mixed_script.untranslated.v1", "Schubser")]
    assert "German word" in detect_artifacts(sources["en"], None, context).artifacts[0].explanation
    assert _flags(sources["en"], build_context([sources["en"]])) == []
    assert _flags(sources["de"], context) == []  # the original itself: no English-only check reads it
