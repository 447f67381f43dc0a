"""What the teacher's read r44 of the seed pages found misleading, each fixed as a rule and checked here.

- 2017 hand-out "What it is" and set index "Kind", columns the manifest describes, carried the tool's look-ahead
  count ("original; 5 of its 11 statements look ahead").
- 2017 provenance diagram: an arrow "rewritten" from EFE to 004, which credits EFE for its opening sentence only.
- 2017 c8: a nearest candidate that is row c2's counterpart "may say the same in part or in other words", of a
  sentence about Abe's visit and a candidate naming neither.
"""

from __future__ import annotations

import html
import re

from compare.findings.tense import outlook_words
from compare.report.provenance_views import credit_label
from compare.report.views import linked_candidate_words


def _text(path) -> str:
    page = re.sub(r"<(script|style).*?</\1>", "", path.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_manifest_columns_give_the_manifest_words_alone(seed_report):
    ahead = outlook_words({"count": 5, "statements": 11})
    handout = _text(seed_report / "2017-03-20-japan-kishida" / "handout.html")
    index = _text(seed_report / "index.html")
    assert ahead not in handout and ahead not in index
    assert "002 TASS original " in handout
    # the event page, where the tool says what it found, still gives the count
    assert ahead in _text(seed_report / "2017-03-20-japan-kishida" / "index.html")


def test_a_candidate_linked_elsewhere_is_said_as_linked_there_only(seed_report):
    page = _text(seed_report / "2017-03-20-japan-kishida" / "index.html")
    row = page.split(" c8 ", 1)[1].split(" c1", 1)[0]
    words = linked_candidate_words("c2")
    assert words == "linked to row c2, not to this one"
    assert "(linked to row c2 , not to this one), quoted in its column" in row
    assert f"nearest candidate ({words})" in row  # the cell, in the same words
    assert "may say the same" not in row


def test_an_outside_text_credited_for_part_is_drawn_as_credited_for_that_part(seed_report):
    assert credit_label("its opening sentence") == "credited (opening sentence)"
    page = (seed_report / "2017-03-20-japan-kishida" / "index.html").read_text(encoding="utf-8")
    figure = [svg for svg in re.findall(r"<svg.*?</svg>", page, flags=re.S) if "Provenance" in svg][0]
    assert ">credited (opening sentence)<" in figure and ">rewritten<" not in figure
    assert "credits EFE for its opening sentence" in _text(seed_report / "2017-03-20-japan-kishida" / "index.html")
    assert "an arrow “credited (…)” comes from a text the report credits for that part only" in _text(
        seed_report / "2017-03-20-japan-kishida" / "index.html")
