"""Mentions per sentence: dates (absolute and relative), numbers, names in lower and wrong case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from compare.annotate import annotate_source, report_date
from compare.annotate.dates import find_dates, resolve
from compare.annotate.numbers import find_numbers
from compare.ingest import ingest
from compare.semantic.documents import Document, document_source

FIXTURES = Path(__file__).parent / "fixtures" / "annotate"


@pytest.fixture(scope="module")
def seed_mentions(seed_sources):
    return {sid: annotate_source(s)[0] for sid, s in seed_sources.items()}


def _values(mentions, type_):
    return {(m.text, m.value) for m in mentions if m.type == type_}


def test_mentions_point_into_the_clean_text(seed_sources, seed_mentions):
    for sid, mentions in seed_mentions.items():
        text = seed_sources[sid].text
        sentences = {s.index: s for s in seed_sources[sid].sentences}
        for m in mentions:
            assert text[m.start:m.end] == m.text
            assert sentences[m.sentence].start <= m.start < sentences[m.sentence].end


def test_dates_of_an_undated_machine_translation_are_inferred(seed_sources, seed_mentions):
    dates = _values(seed_mentions["000"], "date")
    assert ("Thursday, may 30", "2019-05-30") in dates  # lower-case month; year from the weekday
    assert ("31 July last year", "2018-07-31") in dates
    assert ("March 2017", "2017-03") in dates
    assert ("2013", "2013") in dates
    assert report_date(seed_sources["000"])[0] == "2019-05-30"


def test_relative_dates_resolve_against_the_publication_date(seed_mentions):
    assert ("March 20", "2017-03-20") in _values(seed_mentions["002"], "date")
    assert ("March 18", "2017-03-18") in _values(seed_mentions["002"], "date")
    assert ("today", "2019-05-30") in _values(seed_mentions["003"], "date")
    assert ("In November", "2016-11") in _values(seed_mentions["004"], "date")  # the last November before March


def test_names_in_lower_and_wrong_case(seed_mentions):
    places = {(m.text, m.value) for m in seed_mentions["000"] if m.type == "place"}
    assert ("us", "United States") in places  # "two us ground-based Aegis Ashore"
    people = {m.text for m in seed_mentions["000"] if m.type == "person"}
    assert "Sergey Shoigu" in people  # after the wrapped "defense Minister Of Russia"
    assert not any(t.startswith("Of ") for t in people)
    assert "Frank" not in people and "Alliance" not in people


def test_dates_in_other_languages():
    base = dt.date(2019, 6, 1)
    cases = {
        "ru": ("Встреча прошла 30 мая 2019 года, а в прошлом году — в марте 2018", {"2019-05-30", "2018", "2018-03"}),
        "de": ("Am 12. März 2021 und im Mai 2020, letztes Jahr", {"2021-03-12", "2020-05", "2018"}),
        "fr": ("Le 12 mars 2021, l'année dernière", {"2021-03-12", "2018"}),
        "it": ("Il 12 marzo 2021, l'anno scorso, nel 2017", {"2021-03-12", "2018", "2017"}),
    }
    for language, (text, expected) in cases.items():
        values = {resolve(d, base).value for d in find_dates(text, language)}
        assert expected <= values, (language, values)


def test_an_age_this_year_does_not_date_the_report():
    """"This year, 34-year-old Zhang Xiong ... in 2010": with "this year" read as a date, the year nearest it (2010)
    became the report's year, and a translation stood apart from its original, dated 2019 (WMT21 zh-en)."""
    text = "Chengdu, July 26: This year, 34-year-old Zhang Xiong quit his job in 2010. In 2019 alone, 8,000 came home."
    assert [d.text for d in find_dates(text, "en")] == ["July 26", "2010", "2019"]
    source = document_source(Document("age", text, "en"))
    dates = {m.text: m.value for m in annotate_source(source)[0] if m.type == "date"}
    assert dates["July 26"] == "2019-07-26", "the latest year the text mentions, not the one nearest the age"
    assert [d.text for d in find_dates("this year the summit", "en")] == ["this year"]


def test_numbers_and_quantities():
    en = {(n.value, n.type) for n in find_numbers("It costs $1,500 and 2.5 million people; 40% agreed", "en")}
    assert {("1500", "quantity"), ("2500000", "quantity"), ("40", "quantity")} <= en
    de = {(n.value, n.type) for n in find_numbers("1.234.567 Euro und 1,5 Prozent, zwei Schiffe", "de")}
    assert {("1234567", "quantity"), ("1.5", "quantity"), ("2", "number")} <= de


def test_numbers_do_not_repeat_dates(seed_mentions):
    dates = [(m.start, m.end) for m in seed_mentions["002"] if m.type == "date"]
    numbers = [m for m in seed_mentions["002"] if m.type in ("number", "quantity")]
    assert all(not (a <= n.start < b) for n in numbers for a, b in dates)


def test_russian_names_with_or_without_natasha(monkeypatch):
    source = ingest(FIXTURES / "ru_lavrov.txt").sources[0]
    with_natasha = {m.text for m in annotate_source(source)[0] if m.type == "person"}
    assert {"Сергей Лавров", "Таро Коно"} <= with_natasha
    import compare.annotate.names as names

    monkeypatch.setattr(names, "natasha_names", lambda text: None)  # as if the optional extra were absent
    import compare.annotate as annotate_pkg

    monkeypatch.setattr(annotate_pkg, "natasha_names", lambda text: None)
    without = {m.text for m in annotate_source(source)[0] if m.type == "person"}
    assert "Сергей Лавров" in without


def test_a_month_named_as_an_occasions_time_is_a_date():
    """'During the December summit' dates a passage (TASS 2017); 'may' the verb after such a cue still is not."""
    from compare.annotate.dates import find_dates

    assert [(d.text, d.month) for d in find_dates("During the December summit, Russia and Japan announced", "en")] \
        == [("During the December", 12)]
    assert [d.month for d in find_dates("They met at the May meeting in Sochi.", "en")] == [5]
    assert find_dates("We may meet during the march to the square.", "en") == []
