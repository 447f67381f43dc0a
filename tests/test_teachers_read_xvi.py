"""The sixteenth teacher's read (r47, issue 23): a stance worded at different strength in one row is said, tagged
and listed first under "What differs most"; the hand-out lists the whole chain's name only in the chain's row."""

from __future__ import annotations

from page_text import page_text as _text
from page_text import row_text

from compare.findings.stance import stance_sentence, stance_words

KISHIDA = "2017-03-20-japan-kishida"
LAVROV = "2019-05-30-japan-lavrov"


def test_stance_words_are_graded_and_a_negated_one_is_not_counted():
    found = stance_words("Kono expressed concern; Tokyo considers it unacceptable, not condemned.", "en")
    assert [(w, g) for w, g, _, _ in found] == [("expressed concern", 1), ("unacceptable", 3)]
    assert stance_words("the parties concerned met", "en") == []  # bare 'concerned' states no stance
    assert stance_sentence({"001": ["expressed concern"], "000": ["unacceptable"]}, {"001": 1, "000": 3}) == (
        "stance stronger in 000: 001 says ‘expressed concern’ and nothing stronger; 000 says ‘unacceptable’")


def test_the_row_where_mid_has_concern_and_the_news_unacceptable_says_so(seed_report):
    """r47 2019 c3: MID has Kono 'expressed concern', 000 and 003 have him call the build-up 'unacceptable'; the row
    said 'shared by all' with only a name tag."""
    row = row_text(seed_report / LAVROV / "index.html", "c3")
    assert ("stance stronger in 000 and 003: 001 says ‘expressed concern’ and nothing stronger; 000 and 003 say "
            "‘unacceptable’ (000 also ‘expressed concern’, ‘concerns about’)") in row
    assert 'data-labels="name stance"' in row
    page = _text(seed_report / LAVROV / "index.html")
    assert page.count("stance stronger in") == 1  # no other row of the event
    assert "stance stronger in" not in _text(seed_report / KISHIDA / "index.html")
    assert "stance the linked sentences state one stance at different strength" in page  # the legend
    differs = page.split("What differs most", 1)[1].split("What each source is", 1)[0]
    first = ("In statement c3, 000 and 003 report the stance in stronger words than 001: ‘unacceptable’ against "
             "‘expressed concern’.")
    assert differs.strip().startswith(first) and "without ‘sovereign’" in differs
    index = _text(seed_report / "index.html")
    assert index.index("report the stance in stronger words than Ministry of Foreign Affairs") < index.index(
        "AVIONEWS quotes Sergey Lavrov without ‘sovereign’")


def test_the_handout_lists_the_chains_name_only_in_the_chains_row(seed_report):
    """r47 2017: the hand-out's 'disputed islands' row read '“Kuril Islands” (the whole chain's name); “disputed
    islands”' for 004, and without the page's qualifier pupils wrote that 004 calls the islands the Kuril Islands."""
    handout = _text(seed_report / KISHIDA / "handout.html")
    row = handout.split("Northern Territories in Japanese usage)", 1)[1].split("Iturup / Etorofu", 1)[0]
    assert "“disputed islands”" in row and "“Kuril Islands”" not in row and "whole chain" not in row
    assert "Kuril chain (Kuril Islands / Chishima Islands) Kuril Islands" in handout
