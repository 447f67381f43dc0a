"""A person's words at the talks are never one row with another sayer's announcement on another occasion.

TASS's "During the December summit, Russia and Japan announced ..." and the EFE rewrite's "At the beginning of
the talks, Akiba said ..." make a similar point (not undermining either side's legal positions), but a row that
puts them side by side as "shared by all" tells a class they report one statement.
"""

from __future__ import annotations

import html
import re

from compare.align.occasions import event_anchors, other_occasion
from compare.model import Source
from compare.report.tables import read_table

EVENT = "2017-03-20-japan-kishida"
DECEMBER = "During the December summit, Russia and Japan announced"
AKIBA = "At the beginning of the talks, Akiba said"
MARCH = frozenset({"2017", "month:03"})


def test_an_announcement_dated_to_another_month_is_another_occasion():
    akiba = ("At the beginning of the talks, Akiba said that Japan intends to move forward toward a peace treaty, "
             "while maintaining the principle of not undermining each side's legal positions.")
    assert other_occasion("During the December summit, Russia and Japan announced that any agreements would not "
                          "damage the two countries' positions on the peace treaty issue.", akiba, MARCH)
    # a statement of this month, or one the person's own sentence dates alike, is not another occasion
    assert not other_occasion("On March 20 Russia and Japan announced that agreements would not damage their "
                              "positions.", akiba, MARCH)
    assert not other_occasion("In December Russia and Japan announced a plan.", "In December, Akiba said so.", MARCH)
    # a background fact reports no statement: left to the other rules
    assert not other_occasion("The first two-plus-two meeting was held in November 2013.", akiba, MARCH)


def test_the_events_own_months_come_from_the_publication_dates():
    sources = [Source(id="a", path="a.txt", text="", published="2017-03-20"),
               Source(id="b", path="b.txt", text="", published=None)]
    assert event_anchors(sources) == MARCH
    assert event_anchors(sources[1:]) == frozenset()  # no dates: nothing is dropped


def test_the_december_announcement_is_background_and_akibas_words_are_not_shared_with_it(seed_report):
    """TASS's December-summit paragraph opens its 'Peace treaty' section: background, so it cannot be one row with
    what Akiba said at the talks (they were 'shared by all'); Akiba's row claims no absence either."""
    sentences = read_table(seed_report / EVENT / "sentences.csv").to_dict("records")
    december = next(r for r in sentences if r["text"].startswith(DECEMBER))
    akiba = next(r for r in sentences if r["text"].startswith(AKIBA))
    assert december["background"] and not akiba["background"]
    assert december["claim"] != akiba["claim"]
    assert not akiba["only_here"]
    page = (seed_report / EVENT / "index.html").read_text(encoding="utf-8")
    row = re.search(rf'<tr class="claim" id="{re.escape(akiba["claim"])}"[^>]*>(.*?)</tr>', page, re.S).group(1)
    text = html.unescape(re.sub(r"<[^>]+>", "", row))
    assert "not linked" in text and "shared by all" not in text
