"""Dates the texts do not state (issues 23 and 26, truth28): an event is dated only by a date its evidence states.

Real WMT21 documents (published 2020-2021, no dates in their manifest) were titled and filed under years none of
them writes: "1964" for John Lewis's funeral ("Saturday, July 25th", the text's latest year 1965), "2026" for a
governor's Sunday meeting (the text looks forward to "by 2025"), "2013" for a budget report (an MT system's
"Abgerufen am 21. Juli 2013" deep in the body).  Fixtures of our own, one rule each.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from compare.annotate import annotate, stated_report_date
from compare.annotate.dates import find_dates, infer_base
from compare.events import group_events
from compare.ingest import ingest
from compare.report.event_title import date_words
from compare.settings import EventSettings

FUNERAL = ("Lewis remembered as a fighter for the least of us\n\n"
           "At a memorial service held on Saturday, July 25th, the congressman John Lewis was remembered in Troy, "
           "Alabama.\n\nHis brothers and sisters spoke of a caring man.\n\n"
           "In 1965, Lewis and other marchers were beaten by the police on the Edmund Pettus Bridge in Selma.\n")
GOVERNOR = ("Degtyarev surprised at gas purchases for dollars\n\n"
            "During a meeting on Sunday, July 26 with residents of Sovetskaya Gavan, the acting governor Mikhail "
            "Degtyarev was surprised that the region buys gas for dollars.\n\n"
            "The gas is under a dollar contract until 2025.\n\n"
            "\"I did not know this was still possible in 2020,\" he said.\n\n"
            "By 2025 Gazprom will switch the plants to Russian gas.\n")
TARGET_ONLY = ("Gazprom to switch the plants\n\nOn Sunday, July 26, the governor met residents of Sovetskaya Gavan.\n\n"
               "By 2025 Gazprom will switch the plants to Russian gas.\n")
BUDGET = ("Die Personalstärke des Staates wird 2021 stabil bleiben.\n\n"
          "Die Mittel der Ministerien werden um 7,2 Milliarden aufgestockt.\n\n"
          "Wie in jedem Jahr wird es Gewinner und Verlierer geben.\n\n"
          "Bruno Le Maire hat vor der Nationalversammlung Stellenerhöhungen bekanntgegeben.\n\n"
          "Abgerufen am 21. Juli 2013.\n\n"
          "Der Minister sprach am Donnerstagmorgen vor der Nationalversammlung.\n")


def _one(tmp_path: Path, text: str, name: str = "a.txt", language: str = "en"):
    folder = tmp_path / name.split(".")[0]
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    (folder / "manifest.csv").write_text("id,path,outlet,kind,language,published,url,event,title\n"
                                         f"a,{name},Site,original,{language},,,,\n", encoding="utf-8")
    sources = ingest(folder).sources
    return sources, group_events(sources, annotate(sources), EventSettings(semantic=False))


def test_a_weekday_year_before_the_text_s_latest_year_is_no_year():
    # 25 July was a Saturday in 1964, a year before the text's 1965: a report is not written before the years it
    # writes of, and a day and month fall on one weekday every six years or so, so nothing is said
    day, year, how = infer_base(find_dates(FUNERAL, "en"))
    assert day is None and "1964" not in how


def test_an_event_whose_year_is_inferred_is_undated_with_the_day_its_texts_give(tmp_path):
    sources, [event] = _one(tmp_path, FUNERAL)
    assert event.date is None and event.id.startswith("undated") and "1964" not in event.id
    assert (event.date_basis, event.date_given) == ("year-not-stated", "Saturday, 25 July")
    assert date_words(event.date, event.date_given) == (
        "Undated: the texts give Saturday, 25 July; no year is stated")
    assert stated_report_date(sources[0]) == (None, "year-not-stated",
                                              "the text gives Saturday, 25 July; no year is stated")
    assert not any("1964" in text for text in event.evidence.values())


def test_a_year_the_text_looks_forward_to_is_no_anchor(tmp_path):
    matches = find_dates(GOVERNOR, "en")
    assert [(m.text, m.ahead) for m in matches if m.year] == [("2025", True), ("2020", False), ("2025", True)]
    day, year, _ = infer_base(matches)
    assert (day, year) == (dt.date(2020, 7, 26), 2020)  # 26 July 2020 was a Sunday; 2026's was the old guess
    # with only the target year, nothing anchors the report's time: no year at all
    day, year, how = infer_base(find_dates(TARGET_ONLY, "en"))
    assert (day, year) == (None, None) and "2026" not in how
    _, [event] = _one(tmp_path, GOVERNOR)
    assert event.date is None and event.date_given == "Sunday, 26 July"  # the year is read, not written


def test_a_full_date_deep_in_the_body_names_no_event(tmp_path):
    sources, [event] = _one(tmp_path, BUDGET, language="de")
    assert event.date is None and not event.id.startswith("2013"), event.id
    assert stated_report_date(sources[0])[0] is None
    assert all("2013" not in text for text in event.evidence.values())


def test_a_full_date_in_the_lead_is_stated(tmp_path):
    text = ("Comprehensive news: countermeasures\n\nBEIJING, July 26, 2020 (Xinhua) On the morning of July 24, the "
            "ministry announced its decision.\n\nA smuggling gang active since 2019 was broken up.\n")
    sources, [event] = _one(tmp_path, text)
    assert (event.date, event.date_basis, event.date_given) == ("2020-07-26", "lead", "")
    assert stated_report_date(sources[0]) == ("2020-07-26", "lead", "the first full date in its lead, "
                                                                    "'July 26, 2020'")
