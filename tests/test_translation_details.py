"""truth22 (issue 23 beyond the seeds): what a translation changes, checked in the rows, and what was not checked.

Planted set p03: rows whose cells are an English sentence and its German rendering read "shared by all" with no
word that the German has 'Royal Navy' for 'Royal Marines' or 'of course' for 'it is understood'.  No check of
ours reads those; the page must say what was compared across languages, and a check prints only where it was
calibrated precise on WMT21 faithful pairs (bench/translation_details.py)."""

from __future__ import annotations

import re
from pathlib import Path

from page_text import page_text

from compare.align.labels import divergences
from compare.findings.translation_details import (
    CROSS_LANGUAGE_LEGEND,
    PRINTED,
    differences,
    entity_swaps,
    figures_differ,
    rendered_in_another_language,
    row_notes,
)
from conftest import run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "translation_details"


def test_a_clock_time_written_two_ways_is_one_figure():
    """WMT21 de-en: 'gegen 21.30 Uhr' / 'around 9:30 p.m.' and '(18.00 Uhr)' / '(6 p.m.)' were tagged "number":
    six of the eight cross-language number firings on faithful pairs."""
    de, en = "Sie wollte gegen 21.30 Uhr nach links einbiegen.", "She wanted to turn left around 9:30 p.m."
    assert not figures_differ(de, en)
    assert "number" not in divergences(de, en, same_language=False)
    assert "number" not in divergences("Anpfiff am 1. August (18.00 Uhr).", "Kick-off on August 1 (6 p.m.).",
                                       same_language=False)
    # a real change of time, or of a figure, is still one
    assert "number" in divergences("Sie wollte gegen 21.30 Uhr einbiegen.", "She turned around 8:30 p.m.",
                                   same_language=False)
    assert "number" in divergences("Der 220 Hektar große Park.", "The 550-acre park.", same_language=False)


def test_figures_are_compared_by_value_across_conventions():
    """'1,9 Milliarden' is '$1.9 billion', '41.000' is '41,000': no difference."""
    assert not [d for d in differences("Es kostet 1,9 Milliarden Dollar und 41.000 Stellen.", "de",
                                       "It costs $1.9 billion and 41,000 jobs.", "en") if d.what == "number"]
    assert [d.what for d in differences("Es kostet 2,9 Milliarden Dollar.", "de", "It costs $1.9 billion.",
                                        "en")] == ["number"]


def test_negation_and_possibility_across_languages():
    found = {d.what for d in differences("Die Fähren würden nicht auslaufen.", "de", "The ferries would sail.",
                                         "en")}
    assert found == {"negation"}
    found = {d.what for d in differences("Er könnte bald kommen.", "de", "He is coming soon.", "en")}
    assert found == {"modal"}
    # 'nicht nur' adds, it does not negate
    assert not differences("Er kam nicht nur einmal.", "de", "He came more than once.", "en")


def test_a_swapped_name_is_a_name_of_the_same_type_in_its_place():
    """'Anita Robson' for 'Anita Dobson' (WMT21 en-de 220, reference C); a name the annotator read with a
    neighbouring noun ('Dominic Cummings Geisel') is still written on the other side, so no swap."""
    assert [d.what for d in entity_swaps({"Anita Dobson": "person"}, {"Anita Robson": "person"},
                                         "his wife Anita Dobson", "seiner Frau Anita Robson")] == ["name"]
    assert not entity_swaps({"Dominic Cummings": "person"}, {"Dominic Cummings Geisel": "person"},
                            "Dominic Cummings is held hostage", "Dominic Cummings Geisel der SAS")
    assert not entity_swaps({"Royal Marines": "organisation"}, {}, "the Royal Marines", "der Königlichen Marine")


def test_row_notes_say_the_rendering_against_the_copies_that_agree():
    texts = {"a": "Die Fähren würden nicht auslaufen.", "b": "The ferries would sail.", "c": "The ferries would sail.",
             "d": "The ferries would not sail."}
    languages = {"a": "de", "b": "en", "c": "en", "d": "en"}
    # the English copies disagree among themselves (a planted 'not'): the German is not said to differ from "the
    # English" as one
    assert row_notes(texts, languages, printed=frozenset({"negation"})) == []
    texts["d"] = "The ferries would sail."
    assert row_notes(texts, languages, printed=frozenset({"negation"})) == [
        "a (de) has ‘nicht’ where b, c and d (en) have no negation"]
    # calibrated below 0.9 precision on WMT21 faithful pairs: not printed
    assert "negation" not in PRINTED and "modal" not in PRINTED
    assert row_notes(texts, languages) == []


def test_the_cells_in_another_language_than_most_of_the_row():
    languages = {"a": "de", "b": "en", "c": "en"}
    assert rendered_in_another_language(["a", "b", "c"], languages, "a") == ["a"]
    assert rendered_in_another_language(["a", "b"], languages, "a") == ["b"]
    assert rendered_in_another_language(["b", "c"], languages, "b") == []


def test_a_cross_language_row_says_what_was_compared(tmp_path):
    """Two English copies and a German translation: the German cells say they were linked by meaning and that
    only figures and dates were compared; the legend says "shared by all" is not "says the same"."""
    out = tmp_path / "reports"
    result = run_cli("run", str(FIXTURE), "-o", str(out), "--force")
    assert result.returncode == 0, result.stderr
    pages = [p for p in out.glob("*/index.html")]
    assert len(pages) == 1
    text = page_text(pages[0])
    assert CROSS_LANGUAGE_LEGEND in text
    html = pages[0].read_text(encoding="utf-8")
    titled = re.findall(r'<td data-label="c" lang="(\w+)" title="Linked by meaning', html)
    assert titled and set(titled) == {"de"}
    assert 'lang="en" title="Linked by meaning' not in html


def test_the_month_mai_is_no_negation():
    """WMT21: 'im Mai' read as Italian 'mai' (never): 5 of 30 sampled cross-language negation firings; within one
    language a German sentence with 'Mai' was tagged "negation" beside one without."""
    assert "negation" not in divergences("Er kam im Mai nach Berlin.", "Er kam nach Berlin.")
    assert "negation" not in divergences("Il est venu le 30 mai.", "Il est venu.")
    assert "negation" in divergences("Non è mai venuto.", "È venuto.")
    assert not differences("Er kam im Mai nach Berlin.", "de", "He came to Berlin in May.", "en")
