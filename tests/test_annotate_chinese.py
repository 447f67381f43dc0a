"""Chinese figures, dates and names are found, with values that meet an English translation's.

The fixture ``tests/fixtures/zh_figures`` is a short Chinese report and an
English rendering of it, written for these tests, dated 27 July 2020 in the
manifest.  The assertions read what a user sees: the annotate stage's
mentions and entities, and ``compare events``' evidence (the names both
reports carry, the figures both give).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.annotate.chinese import find_chinese_dates, find_chinese_numbers, numeral_value
from compare.annotate.dates import resolve
from compare.cli import main
from compare.pipeline import run_pipeline

FIXTURE = Path(__file__).parent / "fixtures" / "zh_figures"


@pytest.fixture(scope="module")
def annotations():
    return run_pipeline(FIXTURE, until="annotate").annotations


def _values(annotations, source: str, *types: str) -> dict[str, str]:
    return {m.text: m.value for m in annotations.mentions[source] if m.type in types}


def test_chinese_figures_are_read_with_their_scale(annotations):
    figures = _values(annotations, "xinhua", "number", "quantity")
    assert figures == {"3.5亿元": "350000000", "6.1万名": "61000", "百分之三十五": "35", "两百万名": "2000000",
                       "１２％": "12"}
    english = set(_values(annotations, "wire", "number", "quantity").values())
    assert set(figures.values()) <= english, "every Chinese figure has the English rendering's value"


def test_chinese_dates_resolve_against_the_manifest_date(annotations):
    dates = _values(annotations, "xinhua", "date")
    assert dates["2020年7月26日"] == "2020-07-26"
    assert dates["上周三"] == "2020-07-22", "last week's Wednesday, the manifest's date being Monday 27 July"
    assert dates["今年"] == "2020" and dates["去年"] == "2019" and dates["2019年"] == "2019"


def test_chinese_names_have_latin_forms_shared_with_the_translation(annotations):
    entities = {e.id: e for e in annotations.entities}
    assert entities["zhang-xiong"].variants == {"wire": ("Zhang Xiong",), "xinhua": ("张雄",)}
    assert entities["beijing"].variants == {"wire": ("Beijing",), "xinhua": ("北京",)}
    assert entities["sichuan"].variants["xinhua"] == ("四川", "四川省")
    assert entities["meishan"].type == "place" and entities["meishan"].variants["xinhua"] == ("眉山市",)
    assert not any(m.text in ("农民工", "专家") for m in annotations.mentions["xinhua"] if m.entity)


def test_events_evidence_names_the_chinese_figures_and_names():
    result = CliRunner().invoke(main, ["events", str(FIXTURE), "--format", "json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.output[result.output.index("{"):])["events"]
    assert [sorted(e["sources"]) for e in events] == [["wire", "xinhua"]]
    evidence = events[0]["evidence"]["xinhua"]
    assert "Beijing" in evidence and "Xiong" in evidence
    assert "‘3.5亿元’" in evidence and "‘6.1万名’" in evidence


def test_numerals_are_read_only_when_well_formed():
    assert numeral_value("三千五百万") == 35_000_000
    assert numeral_value("十二") == 12 and numeral_value("两百") == 200 and numeral_value("一万零五") == 10_005
    for word in ("万一", "千万", "七八"):  # in case, by all means, seven or eight
        assert numeral_value(word) is None
    text = "万一下雨，千万别去；一些人说有七八个。"
    assert find_chinese_numbers(text) == []


def test_a_relative_chinese_date_needs_a_base_date():
    (match,) = find_chinese_dates("他上周三说")
    assert resolve(match, None).value is None, "no publication date: 上周三 is not resolved against today"
    assert find_chinese_dates("今年34岁的张雄") == [], "an age, not the year of an occasion"
