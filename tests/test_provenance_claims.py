"""Provenance says only what holds: a rewrite from outside the set credits an agency, it is not shown to be all of
that agency's text (2017: 004 "is a rewrite of EFE's text (confidence 0.95)" beside "part of it comes from another
text"); and no confidence figure is printed where no model measured it (the edge scores are hand-set sums)."""

from __future__ import annotations

import html
import re


def _text(path) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))).split())


def test_the_2017_rewrite_is_said_to_credit_efe_not_to_be_efes_text(seed_report):
    page = _text(seed_report / "2017-03-20-japan-kishida" / "index.html")
    assert ("004 (News aggregator (rewrite site)) is a rewrite of reports outside the set; it credits EFE in its "
            "opening sentence.") in page
    assert "rewrite of EFE's text" not in page and "rewritten from EFE's text" not in page
    # the two agree: no "a sign that it combines more than one text" beside "a rewrite of reports outside the set"
    # (r54: the second spelling is only in the left-over caption)
    assert "a sign that it combines more than one text" not in page
    index = _text(seed_report / "index.html")
    assert "004 reads as a rewrite of reports outside the set; it credits EFE in its opening sentence" in index


def test_no_page_prints_a_hand_set_confidence(seed_report):
    for event in ("2017-03-20-japan-kishida", "2019-05-30-japan-lavrov"):
        for page in ("index.html", "handout.html"):
            assert "confidence 0." not in _text(seed_report / event / page), (event, page)
