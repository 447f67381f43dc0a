"""A surname that is also a common word is a name right after a title: 003 names "President Trump", yet the 2019
names table left Trump out, because 'trump' is an ordinary English word and a single word became a person only
when rare."""

from __future__ import annotations

import csv

from compare.annotate.names import find_names


def _people(text: str) -> list[str]:
    return [m.text for m in find_names(text, "en") if m.type == "person"]


def test_a_common_word_surname_after_a_title_is_a_person():
    assert _people("A few days after President Trump's official visit to Japan, the talks began.") == ["Trump"]
    assert _people("The talks followed Prime Minister May's visit.") == ["May"]


def test_a_title_before_a_date_or_a_verb_makes_no_person():
    assert _people("He met the President Tuesday in Tokyo.") == []
    assert _people("The Foreign Minister Said nothing, officials wrote.") == []
    assert _people("Trump cards were played at the talks.") == []  # no title: the common word stays a word


def test_the_2019_names_table_lists_trump(seed_report):
    with open(seed_report / "2019-05-30-japan-lavrov" / "names.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["name"] == "Trump"]
    assert [(r["source"], r["type"], r["spellings"]) for r in rows] == [("003", "person", "Trump")]
