"""Issue 23 beyond the seeds (truth23): who is the same person is decided on evidence, not on a shared surname.

Planted p12 (rG1): "Kardashian West" (Kim Kardashian's married name) was grouped with "Kanye West" because
mentions were keyed by their last word, so her statement went under his name and the names table gave her name
as his spelling.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from page_text import page_text

from compare.annotate import annotate
from compare.annotate.people import TextPeople, identities, resolve_person
from compare.ingest import ingest
from conftest import run_cli

WEST = (
    "Kanye West issues public apology to wife Kim Kardashian\n\n"
    'Kanye West has apologised to wife Kim Kardashian for going public with a "private matter."\n\n'
    "West also reportedly paid a visit to hospital hours after being visited by Justin Bieber at his ranch.\n\n"
    'He said: "I would like to apologise to my wife Kim for going public with something that was private."\n\n'
    "He also said he had tried to divorce Kardashian West, who he married in 2014.\n\n"
    "Amid fears for her husband's state of mind, Kardashian West, the mother of West's four children, issued a "
    "lengthy statement.\n\n"
    'She said: "He is a brilliant but complicated person who has to deal with the pressure and isolation."\n\n'
    'She added: "But today, I feel like I should comment on it because of the stigma about mental health."\n'
)


def test_a_multi_word_surname_is_not_the_person_who_shares_its_last_word():
    keys = identities(["Kanye West", "Kim Kardashian", "West", "Justin Bieber", "Kardashian West", "Kim"])
    assert keys["Kardashian West"] == keys["Kim Kardashian"] == keys["Kim"] != keys["Kanye West"]
    assert keys["West"] == keys["Kanye West"]


def test_a_bare_name_two_people_fit_is_no_one():
    people = TextPeople.of(["Kanye West", "Kim West", "West"])
    assert people.key("Kanye West") != people.key("Kim West")
    assert resolve_person("West", people) is None
    assert resolve_person("Kanye", people) == people.key("Kanye West")


def test_spellings_and_descriptors_stay_one_person():
    keys = identities(["Sergey Lavrov", "Sergei Lavrov", "Lavrov", "Pannie Kianzad", "Iranian-born Kianzad",
                       "Kianzad", "Javier Tebas", "Javier Tebas Llanas"])
    assert keys["Sergey Lavrov"] == keys["Sergei Lavrov"] == keys["Lavrov"]
    assert keys["Pannie Kianzad"] == keys["Iranian-born Kianzad"] == keys["Kianzad"]
    assert keys["Javier Tebas"] == keys["Javier Tebas Llanas"]


def test_her_words_are_hers_and_her_married_name_is_no_spelling_of_his(tmp_path):
    (tmp_path / "west.txt").write_text(WEST, encoding="utf-8")
    sources = ingest(tmp_path / "west.txt").sources
    annotations = annotate(sources)
    direct = [q for q in annotations.quotes[sources[0].id] if q.direct and len(q.text) > 20]
    assert [q.speaker for q in direct] == ["Kanye West", "Kim Kardashian", "Kim Kardashian"]
    kanye = next(e for e in annotations.entities if e.name == "Kanye West")
    assert "Kardashian West" not in {v for vs in kanye.variants.values() for v in vs}


def test_the_page_gives_her_words_and_names_to_her(tmp_path):
    """The whole run on two English reports that call Kim Kardashian by her married name: her row holds
    'Kardashian West', his does not, her statement is hers, and no teaching question calls two names of hers
    'two spellings of one name' (planted p12, rG1 F2, F5, F6)."""
    folder = tmp_path / "set"
    shutil.copytree(Path(__file__).parent / "fixtures" / "married_name", folder)
    result = run_cli("run", str(folder), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    event = next(p for p in (tmp_path / "out").iterdir() if p.is_dir())
    text = re.sub(r"\s+", " ", page_text(event / "index.html"))
    assert "Kanye West (person) Kanye West, West Kanye West, West" in text
    assert "Kim Kardashian (person) Kardashian West, Kim Kardashian Kardashian West, Kim Kardashian" in text
    assert "quotations of 2 speakers (Kanye West, Kim Kardashian)" in text
    assert "What could explain" not in text


def test_she_is_not_the_man_the_text_calls_her_husband(tmp_path):
    """A pronoun goes to the first person of the nearest naming sentence, but not across a gender the text gives:
    'her husband Kanye West' makes him no "she"; with no gender given the rule is as before."""
    (tmp_path / "she.txt").write_text(
        "Kim Kardashian spoke about her husband Kanye West on Wednesday.\n\n"
        "Kanye West has been in hospital this week, and Kim Kardashian visited him there.\n\n"
        'She said: "I will always stand by him and our children, whatever happens next."\n', encoding="utf-8")
    sources = ingest(tmp_path / "she.txt").sources
    direct = [q for q in annotate(sources).quotes[sources[0].id] if q.direct]
    assert [q.speaker for q in direct] == ["Kim Kardashian"]
