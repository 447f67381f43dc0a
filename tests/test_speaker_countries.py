"""A quoted speaker's language from the ways reports introduce them with a country: "<Country> is represented by
<role> <Name>", "<Country>'s <role> <Name>", "the <Nationality> <role> <Name>", "<role> of <Country> <Name>".

AVIONEWS (003) writes "Russia is represented by Foreign Minister Sergei Lavrov and by that of the Defense Sergei
Shoigu": read as no introduction, only Kono's quotes were said to render words said in another language."""

from __future__ import annotations

from pathlib import Path

import pytest


def _notes(tmp_path: Path, opening: str, speaker: str = "Lavrov") -> list[str]:
    from compare.annotate import annotate
    from compare.ingest import ingest
    from compare.provenance.speakers import quoted_language_evidence

    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "report.txt").write_text(
        f"TOKYO, May 30. {opening}\n\n\"We are ready to continue the talks,\" {speaker} said after the meeting.\n",
        encoding="utf-8")
    sources = ingest(tmp_path / "report.txt").sources
    return [e.text for e in quoted_language_evidence(sources[0], annotate(sources))]


@pytest.mark.parametrize("opening, shown", [
    ("The talks opened today in Tokyo, where Russia is represented by Foreign Minister Sergei Lavrov.",
     "Russia is represented by Foreign Minister Sergei Lavrov"),
    ("Russia's Foreign Minister Sergey Lavrov met reporters on Monday.", "Russia's Foreign Minister Sergey Lavrov"),
    ("The Russian foreign minister Sergey Lavrov met reporters on Monday.", "Russian foreign minister Sergey Lavrov"),
    ("The Foreign Minister of Russia Sergey Lavrov met reporters on Monday.", "Foreign Minister of Russia Sergey Lavrov"),
])
def test_each_way_of_introducing_a_speaker_with_a_country_gives_their_language(tmp_path, opening, shown):
    notes = _notes(tmp_path, opening)
    assert len(notes) == 1, opening
    assert f"whom it presents as Russian ('{shown}')" in notes[0]
    assert "render words said in Russian" in notes[0]


def test_the_second_person_of_a_represented_by_list_shares_the_country(tmp_path):
    notes = _notes(tmp_path, "Russia is represented by Foreign Minister Sergei Lavrov and by that of the Defense "
                             "Sergei Shoigu.", speaker="Shoigu")
    assert len(notes) == 1 and "quotes Sergei Shoigu, whom it presents as Russian" in notes[0]


def test_persons_who_represent_a_side_share_its_country(tmp_path):
    """r57 (2019, 003): "Foreign Minister Taro Kono and Takeshi Iwaya for defense represent the Japanese side":
    Iwaya, quoted three times, was "a speaker whose country the tool did not read from the text"."""
    notes = _notes(tmp_path, "Foreign Minister Taro Kono and Takeshi Iwaya for defense represent the Japanese side "
                             "in the talks.", speaker="Iwaya")
    assert len(notes) == 1 and "quotes Takeshi Iwaya, whom it presents as Japanese" in notes[0]
    # a sentence whose subject holds more than names and roles says nothing ("talks with")
    assert _notes(tmp_path / "other", "Talks with Taro Kono and Takeshi Iwaya went on while officials represent the "
                                      "Japanese side.", speaker="Iwaya") == []


@pytest.mark.parametrize("opening", [
    "Russia is represented at the talks; John Carter met reporters.",
    "Russia's talks with John Carter ended on Monday.",
    "Japan is represented by its ambassador, and John Carter met reporters.",
])
def test_a_country_that_does_not_introduce_the_name_says_nothing_of_the_speaker(tmp_path, opening):
    assert _notes(tmp_path, opening, speaker="Carter") == [], opening


def test_avionews_quotes_of_lavrov_are_said_to_render_russian(seed_report):
    import html

    page = html.unescape((seed_report / "2019-05-30-japan-lavrov" / "index.html").read_text(encoding="utf-8"))
    assert ("003 quotes Sergei Lavrov, whom it presents as Russian ('Russia is represented by Foreign Minister "
            "Sergei Lavrov'): its quotations render words said in Russian") in page
