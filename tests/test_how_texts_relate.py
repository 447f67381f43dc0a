"""How the texts relate (issue 23 beyond the seeds II, truth21): a common base, which side a translation takes on a
modal verb, versions of one article across languages, the translation's direction said no stronger than the
evidence, and a copy's moved paragraph.  The fixture tests/fixtures/planted_star is shaped as the planted set p02 a
reader found misleading: a base text, three copies that each change one thing of it, and a German translation."""

from __future__ import annotations

import re
from pathlib import Path

from made_sources import made_source
from page_text import page_text

import compare
from compare.provenance.checks import possibility, rendering_votes

STAR = Path(__file__).resolve().parent / "fixtures" / "planted_star"






def test_a_possibility_is_read_in_each_language_and_ambiguous_modals_are_not():
    assert possibility("It feels like we may be rapidly becoming a police state.", "en") is True
    assert possibility("It feels like we are rapidly becoming a police state.", "en") is False
    assert possibility("Man bekommt den Eindruck, dass wir rasch zu einem Polizeistaat werden.", "de") is False
    assert possibility("Wir könnten rasch zu einem Polizeistaat werden.", "de") is True
    assert possibility("Das ist möglicherweise ein Polizeistaat.", "de") is True
    # 'kann' is also 'is able to', 'could' also 'was able to': not read either way
    assert possibility("Er kann schwimmen.", "de") is None
    assert possibility("He could not see the road.", "en") is None
    assert possibility("The talks ended on 3 May.", "en") is False  # the month, not the modal verb
    assert possibility("Это полицейское государство.", "ru") is None  # no list for the language


def test_a_translation_sides_on_a_modal_verb_only_by_its_own_words():
    """rP2 p02 F9: "p02-a's sentence 10 says no modal verb where p02-b's says may), p02-e agrees with p02-b", and
    "p02-b and p02-e are one text in two languages", of a German rendering with no modal verb: a modal was compared
    within one language only, so the German could side with neither copy on it."""
    base = made_source("d", "en", "It feels like we are slowly becoming a police state.")
    hedged = made_source("b", "en", "It feels like we may be slowly becoming a police state.")
    german = made_source("e", "de", "Man hat das Gefühl, dass wir langsam zu einem Polizeistaat werden.")
    assert rendering_votes(german, hedged, base, [(0, 0)], [(0, 0)], [(0, 0)]) == (0, 1)
    hedging = made_source("e", "de", "Man hat das Gefühl, dass wir möglicherweise zu einem Polizeistaat werden.")
    assert rendering_votes(hedging, hedged, base, [(0, 0)], [(0, 0)], [(0, 0)]) == (1, 0)
    unsure = made_source("e", "de", "Man kann sagen, dass wir langsam zu einem Polizeistaat werden.")
    assert rendering_votes(unsure, hedged, base, [(0, 0)], [(0, 0)], [(0, 0)]) == (0, 0)


def test_the_translation_is_one_text_with_the_base_only_and_notes_name_what_it_sided_on(star):
    result, _ = star
    [item] = result.events
    notes = {s.id: [e.text for e in s.evidence] for s in item.provenance.sources}
    said = " ".join(notes["t-e"])
    assert "t-e and t-d are one text in two languages" in said or "t-e and t-d are one article" in said
    assert "t-b and t-e are one text in two languages" not in said
    # the vote between t-a and another copy names only the figure t-e was seen to take, never the modal
    assert not any("says no modal verb where" in n and "t-a" in n for n in notes["t-e"])
    assert any("t-b's sentence 4 says may where t-d's says no modal verb; t-e's rendering has no word of possibility"
               in n for n in notes["t-e"])


def _first_screen(page: str) -> str:
    return page.split("At a glance", 1)[1].split("What differs most", 1)[0]


def test_a_star_is_said_as_a_shared_base_not_as_who_copied_whom(star):
    """rP2 p02 M5 "No source reads as an original", p01 M1 "The others follow p01-d: p01-a and p01-c copy it": where
    copies each differ from one text in their own respect, the texts show a shared base, not an original."""
    _, folder = star
    page = page_text(folder / "index.html")
    first = _first_screen(page)
    assert "t-d is the text the copies t-a, t-b and t-c each differ from" in first
    assert "(the base they share)" in first
    assert "the texts cannot show whether t-d was itself first published, or copied from a lost common original" in first
    assert "No source reads as an original" not in page and "The others follow" not in page
    # the cut copy also moves a paragraph: two changes, not "one respect"
    assert "in one respect" not in first


def test_a_version_in_another_language_is_not_a_second_report_and_no_chrf_is_set_across_languages(star):
    """rP2 p02 M7 / p03 M7 "two reports of one event in two languages", p01 M6 "0% and 0%, below the 50% a copy or
    rewrite needs" between the German version and an English copy."""
    _, folder = star
    page = page_text(folder / "index.html")
    assert "t-a and t-e are siblings: versions of the same article in English and German, not two reports" in page
    assert "t-c and t-e are siblings: versions of the same article in English and German" in page
    assert "two reports of one event in two languages" not in page
    for other in ("t-a", "t-b", "t-c"):
        assert f"of {other} is aligned with t-e and 100% of t-e with {other}; in close wording" not in page
    assert "wording is not compared across languages, so no share in close wording is given" in page


def test_the_direction_is_said_no_stronger_than_the_evidence(star):
    """rP2 p02 M6, p03 M1: "taken as first written in German" of a German text that renders an English article
    sentence by sentence."""
    _, folder = star
    page = page_text(folder / "index.html")
    assert "taken as first written in German" not in page
    assert "t-e and t-d are one article in two languages" in page
    assert "which was written first, the texts do not show for certain" in page


def test_a_moved_paragraph_is_said_and_the_close_links_figure_names_what_it_averages(star):
    """rP2 p02 M9, p01 M2: "p02-c is p02-d with statements left out" of a copy that also moves a paragraph, and
    "The close links average chrF 100" beside the overview's chrF 91 for the same pair."""
    result, folder = star
    page = page_text(folder / "index.html")
    overview = page.split("Overview", 2)[2]
    assert ("t-c moves 1 of t-d's statements: “Four officers were hurt and eleven…” comes after “Carrying "
            "signs such as \"Hands Off…”, the other way round in t-d.") in overview
    assert "The close links average chrF" not in page
    assert "linked in close wording (chrF >= 50) average chrF" in page
    assert "the overview's chrF for the pair scores every linked statement together" in page
    [item] = result.events
    from compare.findings.changes import moved

    assert moved(item, "t-d", "t-a") == [] and moved(item, "t-d", "t-b") == []


def test_what_differs_most_names_every_change_the_copies_made(star):
    """rP2 p01 M3, p02 M1: "What differs most" named one tagged row (the 10/30 figure) or an unlinked count where
    each copy changed something of one text; the first screen now names every verified change, briefly, and the
    tagged row that shows one of them is not said twice."""
    _, folder = star
    page = page_text(folder / "index.html")
    differs = page.split("What differs most", 1)[1].split("What each source is", 1)[0]
    assert ("What the copies changed: t-a gives ‘about 5,000’ where t-d has ‘about 3,000’; t-b says ‘may’ where t-d has no modal verb; "
            "t-c leaves out 2 of t-d's statements; t-c moves 1 of t-d's statements to another place.") in differs
    assert "t-a has 5000 where" not in differs


def test_two_texts_in_two_languages_are_not_presumed_two_reports():
    """With the lexical aligner alone (--no-semantic) a German translation links to its English original through names
    and numbers only: "two reports of one event in two languages" presumed separate reporting that nothing shows."""
    from types import SimpleNamespace

    from compare.provenance.pairs import _Pair
    from compare.provenance.siblings import _unrelated_words
    from compare.settings import ProvenanceSettings

    facts = {"x": SimpleNamespace(source=SimpleNamespace(language="en")),
             "y": SimpleNamespace(source=SimpleNamespace(language="de"))}
    little = _Pair("x", "y", [], cover_a=0.2, cover_b=0.2)
    assert _unrelated_words(little, facts, ProvenanceSettings()).startswith("two texts of one event in two languages; "
                                                                           "too little of them is linked")
    much = _Pair("x", "y", [], cover_a=0.6, cover_b=0.55)
    said = _unrelated_words(much, facts, ProvenanceSettings())
    assert said.startswith("two texts of one event in two languages that render much of each other")
    assert "two reports" not in said


def test_in_one_order_is_said_only_where_every_linked_statement_keeps_it(tmp_path):
    """rF2/rG1 (p09, p10, p11, p13): "they render each other sentence by sentence, in one order" of a version that
    swaps two paragraphs.  The German version with two body paragraphs swapped: said with how many are out of it."""
    import shutil

    from compare.report.writer import write_report

    folder = tmp_path / "set"
    shutil.copytree(STAR, folder)
    german = folder / "translation_de.txt"
    paragraphs = german.read_text(encoding="utf-8").split("\n\n")
    paragraphs[3], paragraphs[4] = paragraphs[4], paragraphs[3]
    german.write_text("\n\n".join(paragraphs), encoding="utf-8")
    result = compare.run_pipeline(folder)
    out = tmp_path / "report"
    write_report(result, out, force=True)
    page = page_text(out / result.events[0].event.id / "index.html")
    assert "t-a and t-e are siblings: versions of the same article in English and German" in page
    assert re.search(r"sentence by sentence, in one order but for 1 of \d+ linked statements", page)
    assert "sentence by sentence, in one order:" not in page


def test_a_copy_is_said_with_the_lost_text_it_may_come_from(star):
    """rF2/rG1 (four of six pages): "p11-a is a copy of p11-e" and "Some reports were made from another in the set"
    said as fact, where the page's own glance says a lost original worded the same cannot be ruled out."""
    _, folder = star
    page = page_text(folder / "index.html")
    assert "t-a is a copy of t-d, or of a text worded like t-d that is not in the set" in page
    for text in (page, page_text(folder / "handout.html")):
        assert "Some reports were made from another in the set, or from a text worded like it (t-a from t-d" in text


def test_a_copys_cell_says_left_out_where_the_copy_lacks_the_statement(star):
    """rH0 p15 M4: the empty cell of a copy said "that it leaves the statement out was not established" in the very
    rows "What the copies changed" lists as left out. The cell now says so, from the same verified finding."""
    import html as html_module
    import re

    _, folder = star
    raw = (folder / "index.html").read_text(encoding="utf-8")
    cells = [html_module.unescape(c) for c in re.findall(r'<td class="empty"[^>]*>([^<]*)', raw)]
    said = [c for c in cells if c.startswith("left out")]
    assert said == ["left out (one of the 2 statements of t-d this copy lacks)"] * 2, cells
    assert "A copy's cell says “left out”" in page_text(folder / "index.html")


def test_a_sentence_word_for_word_in_the_other_text_renders_nothing_else_there():
    """Held-out p15 (rH0 F3, rH1 F2/M1): the parallel aligner's in-order beads put a copy's swapped sentence with the
    dropped sentence across from it (similarity 0.02) beside its identical counterpart, so the page said 92% of the
    original is in the copy (81% is) and chrF 93 for a copy that changed no word."""
    from compare.align import without_forced_pairs

    original = made_source("c", "en", "Pogba may stay.", "United were 14 points off.", "Pogba was expected to leave.",
                           "However, the pandemic means few clubs will spend.", "That helped Pogba.")
    copy = made_source("a", "en", "Pogba may stay.", "Pogba was expected to leave.", "United were 14 points off.",
                       "That helped Pogba.")
    beads = [(0, 0, 1.0), (1, 2, 1.0), (2, 3, 0.02), (3, 4, 1.0), (2, 1, 1.0)]
    assert without_forced_pairs(copy, original, beads) == [(0, 0, 1.0), (1, 2, 1.0), (3, 4, 1.0), (2, 1, 1.0)]
    # a sentence with no identical counterpart keeps its links
    loose = [(0, 0, 1.0), (2, 3, 0.4)]
    assert without_forced_pairs(copy, original, [(2, 3, 0.4)]) == [(2, 3, 0.4)]
    assert without_forced_pairs(copy, original, loose) == loose


def test_a_row_with_every_sources_cell_as_long_is_said_in_every_source():
    """rH1 F1 (p15 c6): "p15-e has a counterpart of only one of the two sentences" where p15-e's cell quoted both
    German sentences and only the links crossed them; rH0 F1 had "shared by some" for the same row."""
    from types import SimpleNamespace

    from compare.report.views import EVERY_CELL, ONE_FOR_TWO, every_cell, not_every_part

    def link(a, b):
        return SimpleNamespace(source_a=a[0], sentence_a=a[1], source_b=b[0], sentence_b=b[1])

    claim = SimpleNamespace(kind="shared-by-some", members=[("a", 5), ("a", 6), ("e", 6), ("e", 7)])
    crossed = [link(("a", 6), ("e", 6))]  # a:5 linked to a sentence outside the row
    assert not_every_part(claim, ["a", "e"], crossed) == ""
    assert every_cell(claim, ["a", "e"], crossed) == EVERY_CELL
    short = SimpleNamespace(kind="shared-by-some", members=[("a", 5), ("a", 6), ("e", 6)])
    assert not_every_part(short, ["a", "e"], crossed) == (
        f"e is linked to only the second of the two sentences in which a gives this statement: {ONE_FOR_TWO}")
    assert every_cell(short, ["a", "e"], crossed) == ""


def test_a_copy_of_a_text_whose_first_language_is_open_is_not_taken_as_first_written_in_english(star):
    """rH1 p15/p16 M2: the copies of an English base that is one article with a German text were "taken as first
    written in English" (sources table and "What each source reads as") while the page said of the base that which
    was written first, the texts do not show.  A copy's first language is its base's, and as open."""
    from compare.artifacts.mt_gate import copied_from_undecided

    result, folder = star
    [item] = result.events
    assert copied_from_undecided(item.provenance) == {"t-a": "t-d", "t-b": "t-d", "t-c": "t-d"}
    page = page_text(folder / "index.html")
    assert "taken as first written in English" not in page
    assert "t-a : a copy of t-d, which is one article with t-e in two languages; which was written first" in page
    assert "not measured (text only: a copy of t-d, which is one article with a text in another language" in page
