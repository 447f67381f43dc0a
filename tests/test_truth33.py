"""Issue 23, truth33 (review rW2 of real WMT21 translations): quotations read against the original a set holds,
speakers as most texts write them, and sizes said in the unit a script allows.  Texts here are made up."""

from __future__ import annotations

from made_sources import made_source

from compare.report.views import shown_size


def test_a_chinese_text_is_counted_in_characters():
    # zh-en M9: "Words 835" for a Chinese original of 803 characters beside English translations of ~545 words
    chinese = made_source("z", "zh", "联邦航空局局长6月承认，就737MAX客机，联邦航空局在监管上犯了错。")
    english = made_source("e", "en", "The agency admitted in June that it had made mistakes.")
    assert shown_size(chinese) == "25 characters"
    assert shown_size(english) == "10"
