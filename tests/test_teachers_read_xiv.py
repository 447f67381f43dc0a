"""What the teacher's read r45 of the seed pages found misleading, each fixed as a rule and checked here.

- 2019 provenance: "21 casing and layout tells … 'foreign Minister', … and 10 more": five quoted and ten more
  read as 15 of the 21; the list is of distinct forms ('foreign Minister' occurs three times).
- 2017 "why one event": 002 "closest to 004 (0.55)" beside "002 and 000, document similarity 0.69" in "why apart".
- 2017 c1's tag "modal", whose legend said "on one side only" where both cells hold "will" (the row joins two
  sentence pairs; the tag is of one pair).
"""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

from compare.provenance.facts import _quoted_list


def _text(path) -> str:
    page = re.sub(r"<(script|style).*?</\1>", "", path.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_a_list_of_tells_counts_forms_where_forms_repeat():
    tells = [SimpleNamespace(text=t) for t in ["a", "b", "a", "c", "d", "e", "f", "g", "a"]]
    assert _quoted_list(tells) == "'a', 'b', 'c', 'd', 'e' and 2 more forms; 7 distinct forms in all"
    assert _quoted_list(tells[:2]) == "'a', 'b'"


def test_the_seed_tells_say_how_many_distinct_forms(seed_report):
    page = _text(seed_report / "2019-05-30-japan-lavrov" / "index.html")
    assert "'Minister of defence' and 8 more forms; 13 distinct forms in all" in page
    assert not re.search(r"tells of machine translation [^.]* and \d+ more(?! forms?\b)", page)


def test_the_closest_report_is_said_to_be_closest_in_this_event(seed_report):
    page = _text(seed_report / "2017-03-20-japan-kishida" / "index.html")
    assert "closest in this event to 004: document similarity 0.55" in page
    assert "; closest to 004" not in page


def test_a_cue_tag_is_said_to_be_of_one_linked_sentence_pair(seed_report):
    page = _text(seed_report / "2017-03-20-japan-kishida" / "index.html")
    # r46: the tag is shown only where some of the row's cells lack the cue, quotations included (test_teachers_read_xv)
    assert "modal a modal verb (can, must, should, will…), quotations included, in some of the row's cells and not " \
        "in the others" in page
    assert "will…) on one side only" not in page
