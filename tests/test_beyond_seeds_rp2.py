"""rP2 (issue 23, pages of planted sets read after the beyond-the-seeds fixes): a quotation with a word added is not
"verbatim"; the tell lists finding nothing is said of the lists, not of the text."""

from __future__ import annotations

from page_text import page_text

from compare.align.quotes import QuoteSpan, _render
from compare.provenance.records import no_tells

KISHIDA = "2017-03-20-japan-kishida"


def test_a_quotation_with_a_word_added_is_not_verbatim():
    """p02: "we are rapidly becoming" quoted as "we may be rapidly becoming" scored chrF 92 and read "verbatim …
    Added: may": a hedge put into the speaker's mouth, said to be the same words."""
    said = "It feels like we are rapidly becoming a fascist state and a police state."
    quoted = "It feels like we may be rapidly becoming a fascist state and a police state."
    match = _render("e", QuoteSpan("d", 0, len(said), said, None, "en"),
                    QuoteSpan("b", 0, len(quoted), quoted, "Mukherjee", "en"), "Mukherjee")
    # the stretch it replaced is listed whole (truth20): 'are' dropped, 'may be' added
    assert match.chrf >= 90 and (match.fidelity, match.dropped, match.added) == ("close", ("are",), ("may be",))
    same = _render("e", QuoteSpan("d", 0, len(said), said, None, "en"),
                   QuoteSpan("b", 0, len(said), said, "Mukherjee", "en"), "Mukherjee")
    assert same.fidelity == "verbatim"


def test_no_tells_is_said_of_the_tell_lists(seed_report):
    """p03: "No tells of translation from another language in p03-a" of a German version whose 'of course' for 'it is
    understood' and Royal Navy for Royal Marines are turns of a translation no tell list holds."""
    assert no_tells("x").startswith("The tell lists find no sign of translation from another language in x")
    page = page_text(seed_report / KISHIDA / "index.html")
    assert "No tells of translation" not in page
    assert "The tell lists find no sign of translation from another language in 004" in page


def test_a_source_with_both_grades_is_not_said_as_the_stronger_stance(seed_report):
    """r55 (and r48, r51-r53): "000 and 003 report Kono's ‘unacceptable’; 001 … has ‘expressed concern’" on the first
    screen read as the outlets turning Japan's stance up; 000 reports the concern too.  The row's note says it."""
    from page_text import row_text

    page = page_text(seed_report / "2019-05-30-japan-lavrov" / "index.html")
    differs = page.split("What differs most", 1)[1].split("What each source is", 1)[0]
    assert "‘unacceptable’" not in differs
    row = row_text(seed_report / "2019-05-30-japan-lavrov" / "index.html", "c3")
    assert "000 also has ‘expressed concern’" in row


def test_plain_annexation_is_not_labelled_one_sides_word(seed_report):
    """r55 2017: "annexation of Crimea … : Ukrainian and most Western governments" marked 004's plain word as
    partisan; the cited source's own title uses it."""
    page = page_text(seed_report / KISHIDA / "index.html")
    assert "the encyclopedias' term (Wikipedia's article title)" in page
