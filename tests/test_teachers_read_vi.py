"""What the sixth teacher's read of the seed pages found misleading, each fixed as a rule and checked here.

- A background heading opens every background paragraph after it, so it is about all their dates: 000's
  'Four meetings of Ministers of Russia and Japan' (2018, March 2017, 2013) was "about 2018-07-31".
- (The other-speaker row pointing back to the one-source statement is in tests/test_findings_cells.py.)
"""

from __future__ import annotations

import html
import re

from compare.report.views import _headings_with_their_dates

EVENT = "2019-05-30-japan-lavrov"


def _text(path) -> str:
    page = re.sub(r"<(script|style).*?</\1>", "", path.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_a_background_heading_is_about_every_occasion_its_passage_covers(seed_report):
    text = _text(seed_report / EVENT / "index.html")
    assert "heading of a background passage about earlier occasions (2018-07-31, 2017-03, 2013)" in text
    assert "heading of a background passage about 2018-07-31" not in text


def test_a_heading_over_one_occasion_keeps_its_date_and_a_gap_ends_the_passage():
    def row(paragraph, date, reason):
        return {"source_id": "a", "paragraph": paragraph, "date": date, "reason": reason}

    rows = _headings_with_their_dates([
        row(3, "", "heading of a background passage about 2016-12"),
        row(4, "2016-12", "dated 2016-12 ('December')"), row(5, "undated", "continues the passage about 2016-12"),
        row(9, "2013", "dated 2013 ('2013')"),  # after a compared paragraph: another passage
    ])
    assert rows[0]["reason"] == "heading of a background passage about 2016-12"
