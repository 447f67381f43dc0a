"""What the ninth teacher's read of the seed pages (r39) found misleading, each made a rule and checked here.

The page tests read the pages a user opens from one `compare run seeds` of the session (the ``seed_report``
fixture); the rule tests call the rule on sentences of their own.
"""

from __future__ import annotations

from page_text import page_text as _text
from page_text import row_text as _row

from compare.align.quotes import QuoteSpan, clause_span
from compare.report.views import _romanisations_answer

KISHIDA = "2017-03-20-japan-kishida"
LAVROV = "2019-05-30-japan-lavrov"
MID_SOVEREIGN = ("In response we reaffirmed our position that Russian Armed Forces are operating on their sovereign "
                 "territory and based on international law.")
MT_SOVEREIGN = ("The Russian armed forces are working on their sovereign territory, as is customary on the basis of "
                "international law")


def _span(text: str, source: str = "a") -> QuoteSpan:
    return QuoteSpan(source, 0, len(text), text, "Sergey Lavrov", "en")


def test_a_quote_is_compared_with_the_clause_it_renders_not_the_lead_in():
    """r39 2019 item 2: 000's quotation was read against MID's lead-in too ("Dropped: response, reaffirmed")."""
    part = clause_span(_span(MID_SOVEREIGN), _span(MT_SOVEREIGN, "b"))
    assert part.text == ("Russian Armed Forces are operating on their sovereign territory and based on "
                         "international law")
    assert MID_SOVEREIGN[part.start:part.end] == part.text


def test_a_lead_in_the_quote_renders_is_not_cut():
    """The other way: a quotation that renders the lead-in's words keeps the whole sentence, and a statement
    opening a sentence ("The talks were straightforward.") is no lead-in."""
    whole = _span(MID_SOVEREIGN)
    kept = clause_span(whole, _span("In response we reaffirmed that Russian forces operate on their territory", "b"))
    assert kept is whole
    two = _span("The talks were straightforward. Without avoiding acute issues, we tried to hold a productive "
                "discussion and we did so.")
    assert clause_span(two, _span("The negotiations were frank, we sought to build a constructive discussion",
                                  "b")) is two


def test_the_seed_quote_lists_only_the_clauses_changes(seed_report):
    page = _text(seed_report / LAVROV / "index.html")
    assert "Dropped: response" not in page and "'response', 'reaffirmed'" not in page
    assert ("001 gives that statement as 'Russian Armed Forces are operating on their sovereign territory and based "
            "on international law' (close, chrF 64; 000's wording leaves out 'operating', 'based'") in page


def test_unlinked_rows_say_what_the_tool_knows_not_what_the_texts_hold(seed_report):
    """r39 2019 item 1 / 2017 M1: "no close match found" on two rows that are each other's nearest candidate."""
    path = seed_report / LAVROV / "index.html"
    page = _text(path)
    assert "no close match" not in page and "no match found" not in page
    for row, other in (("c28", "c51"), ("c51", "c28")):
        said = _row(path, row)
        assert "not linked" in said
        assert f"each is the other's nearest candidate (this row and row {other} " in said
    assert "each is the other's nearest candidate" not in _row(path, "c11")
    index = _text(seed_report / "index.html")
    assert "Linked in 2+ sources" in index and "Shared" not in index
    assert "no close match" not in _text(seed_report / KISHIDA / "index.html")


def test_two_romanisations_are_said_of_the_pair_and_point_to_the_spelling_that_shows_origin(seed_report):
    """r39 2019 item 3: "a spelling alone does not show where a text came from" beside the page's 'Ivaya'."""
    page = _text(seed_report / LAVROV / "index.html")
    assert "a spelling alone does not show" not in page
    assert ("‘Sergei Shoigu’ and ‘Sergey Shoigu’ are both common romanisations of one name: each outlet follows its "
            "own house style or the script of the text it worked from, so this pair alone does not show where a "
            "text came from.") in page
    assert "A spelling that went through another script does point to where a text came from: see " in page
    assert "‘Ivaya’ under “Artifacts”" in page


def test_no_third_script_flag_no_pointer():
    tables = {"artifacts": [{"source": "x", "category": "transliteration", "text": "Shoygu",
                             "explanation": "'Shoygu' is spelled 'Shoigu' elsewhere in the same report"}]}
    answer = _romanisations_answer(["Sergei Lavrov", "Sergey Lavrov"], tables, {"x": "X"})
    assert "both common romanisations" in answer and "another script" not in answer
    assert "different spellings of one name" in _romanisations_answer(["Inada", "Ineda"], {"artifacts": []}, {})


TASS_MISSILES = ("\"Confidence-building measures in the defense and security sphere will also be discussed, in addition, "
                 "we well express our views on the deployment of the US missile defense systems to Japan.\"")
EFE_MISSILES = "Russian Federation also objects to USA missile defense systems in Japan."


def test_a_clause_only_one_side_makes_makes_the_row_shared_in_part():
    """r39 2017 M3, c3: only the second clause of TASS's sentence has a counterpart in the rewrite."""
    from compare.findings.partial import clause_only_one_side

    assert clause_only_one_side(TASS_MISSILES, EFE_MISSILES, "en") == (
        "Confidence-building measures in the defense and security sphere will also be discussed")
    # the other way: a sentence whose clauses both have a counterpart, or with one clause, is not marked
    assert clause_only_one_side("The ministers discussed the peace treaty, and they agreed on joint economic projects.",
                                "The ministers agreed on joint economic projects and discussed the peace treaty.",
                                "en") is None
    assert clause_only_one_side(EFE_MISSILES, "Russia objects to US missile defense systems deployed in Japan.",
                                "en") is None


def test_the_seed_row_names_the_clause_only_one_side_has(seed_report):
    path = seed_report / KISHIDA / "index.html"
    row = _row(path, "c2")  # r47: c2 before, its names-only link dropped (compare.align.names_only)
    assert "shared in part" in row and "shared by all" not in row
    assert ("only 002 says “Confidence-building measures in the defense and security sphere will also be discussed”"
            in row)
    assert ("TASS and News aggregator (rewrite site): the aligner links 2 statements of theirs (2 of them only in part);"
            in _text(path))


def test_a_speaker_named_without_introduction_is_said_and_an_introduced_one_is_not():
    """r39 2017 note on c40: 004's "Akiba said ..." with no first name, title or role anywhere in 004."""
    from compare.findings.introduced import _speakers, introduced

    bare = "At the beginning of the talks, Akiba said that Japan intends to move forward."
    assert _speakers(bare) == ["Akiba"] and not introduced("Akiba", bare)
    assert introduced("Akiba", "Deputy Foreign Minister Akiba met Morgulov. " + bare)
    assert introduced("Akiba", "Takeo Akiba met Morgulov. " + bare)
    assert introduced("Akiba", bare + " Akiba, Japan's deputy foreign minister, spoke first.")
    assert _speakers("The statement was made, said United States officials.") == []


def test_the_seed_page_says_who_is_named_without_introduction(seed_report):
    page = _text(seed_report / KISHIDA / "index.html")
    assert ("It names ‘Akiba’ without saying who Akiba is: no first name, title or role anywhere in its text, and "
            "no other source of this event names that person.") in page
    assert "without saying who" not in _text(seed_report / LAVROV / "index.html")
