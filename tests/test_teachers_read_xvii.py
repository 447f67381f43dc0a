"""The seventeenth teacher's read (r48, issue 23): a stance worded at different strength is not said as an outlet
strengthening it; a credit is "in" a part of a report, not "for" it alone; two reports' shared rare words are not
said to have "no shared wording around them"; a usage label cites only a document that uses the term.  And r49:
two translations sharing no close wording are not said to be independent; a names-only candidate's note says
what the tool cannot tell."""

from __future__ import annotations

import csv
from importlib import resources

from page_text import page_text as _text
from page_text import row_text

KISHIDA = "2017-03-20-japan-kishida"
LAVROV = "2019-05-30-japan-lavrov"


def test_no_source_is_said_to_word_the_stance_more_strongly(seed_report):
    """r48 2019 c3: MID's 'expressed concern' is Lavrov's account of Kono; 000 and 003 give Kono's own
    'unacceptable'.  "000 and 003 report the stance in stronger words than 001" taught a class the reverse."""
    for page in (seed_report / LAVROV / "index.html", seed_report / "index.html"):
        text = _text(page)
        assert "stronger words than" not in text and "stance stronger in" not in text
        assert "report Kono's ‘unacceptable’" not in text  # r55: said in the row's note only (stance.brief_rows)


def test_a_credit_is_said_in_the_part_it_stands_in_not_for_it_alone(seed_report):
    """r48 2017: "it credits EFE for its opening sentence" and the legend "credits for that part only, not the one
    it was made from" told a class EFE supplied one sentence, which the text does not say."""
    page = _text(seed_report / KISHIDA / "index.html")
    assert "it credits EFE in its opening sentence" in page
    assert "for that part only" not in page and "not the one it was made from" not in page
    assert "how much more of the report comes from it, the set cannot tell" in page


def test_shared_rare_words_claim_only_what_was_measured(seed_report):
    """r48 2017: 002 and 004 share 'Japanese counterpart(s) Fumio Kishida'; the page said "with no shared wording
    around them", where what was measured is that no sentence pair of theirs is close wording."""
    page = _text(seed_report / KISHIDA / "index.html")
    assert "no shared wording around them" not in page
    assert "(no sentence of one is close wording of a sentence of the other)" in page


def test_annexation_terms_do_not_cite_a_resolution_that_does_not_use_the_word():
    """r48 2017: 'annexation of Crimea' was labelled 'UN General Assembly majority' citing resolution 68/262,
    which affirms Ukraine's territorial integrity but never says 'annexation'."""
    path = resources.files("compare") / "data" / "framing_lexicon.csv"
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["concept"] == "crimea-2014" and "annex" in r["term"].lower()]
    assert rows
    for row in rows:
        assert "68/262" not in row["source"] and "General Assembly" not in row["usage"], row["term"]


def test_two_translations_without_close_wording_are_not_said_to_be_independent(seed_report):
    """r49 2019: "000 and 003 share no close wording: independent reports of the same occasion, not copies of one
    text".  Translations from Russian and from Italian share no close English wording even where they render one
    wire report, and both word Lavrov's reply 'working on their territory'; a class would count them as two
    independent confirmations."""
    page = _text(seed_report / LAVROV / "index.html")
    assert "independent reports" not in page and "not copies of one text" not in page
    assert page.count("the set cannot tell whether they drew on a common source such as a wire report") >= 2


def test_a_names_only_candidate_says_what_the_tool_cannot_tell(seed_report):
    """r49 2017 c7/c32: "the two share the names ‘Fumio’, ‘Kishida’ and beyond names and titles only ‘expected’"
    read as "nothing in common", while both say Lavrov is to hold talks with Kishida."""
    row = row_text(seed_report / KISHIDA / "index.html", "c32")
    # r53: "beyond names and titles only" hid the titles the two share; they are listed, and the pair may be one point
    assert "beyond names and titles only" not in row and "they may make the same point in part" in row


def test_quotations_of_words_said_in_another_language_say_both_sides_are_translations(seed_report):
    """r50 2019: 000's Lavrov quotations were labelled "paraphrase" against MID's transcript (same point, other
    words) with nothing in the quotes section saying both are English renderings of words said in Russian; a class
    would conclude the news site reworded Lavrov."""
    page = _text(seed_report / LAVROV / "index.html")
    assert ("Every version below renders words Sergey Lavrov first said or wrote in Russian: where two differ "
            "(close, trimmed, paraphrase), the difference may be the translators' as much as the outlets'.") in page


def test_a_source_taken_as_written_in_english_says_the_tells_were_not_found_not_absent(seed_report):
    """r50 2017: "with none in its own sentences it is taken as written in English", while TASS's own sentences
    carry Russian-English turns ('believes it important', 'assess the possibilities') no tell list holds."""
    page = _text(seed_report / KISHIDA / "index.html")
    assert "with none in its own sentences" not in page
    assert ("with none found in its own sentences (the tell lists do not hold every turn a translation leaves) it "
            "is taken as written in English") in page
