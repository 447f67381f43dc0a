"""A dateline's date: the two usual forms read without dateparser give dateparser's own reading.

``compare.ingest.clean.parse_date`` reads "30 May 2019" and "March 20, 2017" (a time of day may follow) itself,
to spare a run dateparser's first-parse set-up; what a user relies on is that every report's date stays what
dateparser made of it.  Checked on the seeds' datelines and on a few hundred generated ones, impossible dates
and times of day among them (those are left to dateparser).
"""

from __future__ import annotations

import importlib
import random

import pytest

dateparser = pytest.importorskip("dateparser")
clean = importlib.import_module("compare.ingest.clean")

SETTINGS = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False}
MONTHS = ["January", "february", "MARCH", "April", "May", "June", "July", "August", "September", "October",
          "November", "December", "Sept", "Mai", "Monday"]


def _dateparsers(text: str) -> str | None:
    parsed = dateparser.parse(text, settings=SETTINGS)
    return parsed.date().isoformat() if parsed else None


def _datelines(count: int) -> list[str]:
    rng = random.Random(24)
    lines = []
    for _ in range(count):
        day, month, year = rng.randint(0, 32), rng.choice(MONTHS), rng.choice([1999, 2017, 2019, 2020])
        clock = rng.choice(["", " 14:23", " 9:05", " 23:59:59", " 24:00", " 12:60"])
        lines.append(f"{day} {month} {year}{clock}" if rng.random() < 0.5 else f"{month} {day}, {year}{clock}")
    return lines + ["29 February 2020", "29 February 2019", "31 April 2019", "0 May 2019"]


def test_the_seeds_datelines_keep_their_dates():
    assert clean.parse_date("30 May 201914:23") == "2019-05-30"
    assert clean.parse_date("Posted March 20, 2017") == "2017-03-20"


def test_every_dateline_read_without_dateparser_gets_dateparsers_date():
    read_here = 0
    for line in _datelines(400):
        mine = clean._plain_english_date(line)
        if mine is not None:
            read_here += 1
            assert mine == _dateparsers(line), line
        assert clean.parse_date(line) == (mine if mine is not None else _dateparsers(line)), line
    assert read_here > 100, "most generated datelines take the plain path"
