"""What the second teacher's reads of the seed pages found (issue 23), each fixed and read again on the seeds.

Each test reads the pages a user opens (the event page, the hand-out, the set index) or the tables under them,
from one `compare run seeds` of the session (the ``seed_report`` fixture).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from compare.report.tables import read_table

KISHIDA = "2017-03-20-japan-kishida"
LAVROV = "2019-05-30-japan-lavrov"


KURILS = "disputed islands (Southern Kurils in Russian usage, Northern Territories in Japanese usage)"
"""r40: the label of the contested islands names both usages, not the gazetteer's 'Southern Kuril Islands'."""

def _text(path: Path) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _names_row(page: str, entity: str) -> str:
    """The names table's row of one entity, as the page reads."""
    start = page.index(f"{entity} (place) contested name")
    return page[start:page.index("(place)", start + len(entity) + 10)]


def test_a_contested_name_is_given_in_each_sources_own_words(seed_report):
    page = _text(seed_report / KISHIDA / "index.html")
    row = _names_row(page, KURILS).replace(KURILS, "")  # r40: the label names both usages
    assert "“South Kuril Islands”" in row
    assert "Southern Kurils" not in row  # the gazetteer's label; TASS never writes it
    assert "“disputed islands”" in row  # 004 names the islands in words of its own
    names = read_table(seed_report / KISHIDA / "names.csv")
    kurils = names[names["name"] == KURILS].set_index("source")["naming_choice"]
    # r42: 004's own "the Kuril Islands" (the whole chain's name) is listed with its names for the islands
    assert kurils.to_dict() == {"002": "South Kuril Islands", "004": "Kuril Islands;disputed islands"}
    handout = _text(seed_report / KISHIDA / "handout.html")
    assert "“disputed islands”" in handout and "Southern Kurils" not in handout.replace(KURILS, "")
    index = _text(seed_report / "index.html")
    assert (f"Contested names: {KURILS} (TASS writes ‘South Kuril Islands’ (in a passage about another "
            "occasion);") in index


def test_a_name_a_report_says_another_uses_is_marked_as_reported_on_the_handout(seed_report):
    handout = _text(seed_report / LAVROV / "handout.html")
    assert "“the northern territories” (the name it reports the Tokyo government uses)" in handout  # no usage label: the answer
    assert "“Southern Kurils” in a passage about another occasion" in handout  # 000, of 2017
    assert "“Kurils of the South”" in handout and "Curili del Sud" not in handout  # the usage and its note: the answer
    index = _text(seed_report / "index.html")
    assert ("AVIONEWS writes ‘Kurils’ (the whole chain's name), ‘Kuril archipelago’ (the whole chain's name), "
            "‘Kurils of the South’ and quotes or reports ‘the northern territories’") in index


def test_the_spelling_question_says_which_source_writes_which_spelling(seed_report):
    page = _text(seed_report / KISHIDA / "index.html")
    assert ("Sergey Lavrov: TASS writes ‘Sergey Lavrov’; News aggregator (rewrite site) writes ‘Sergei Lavrov’ and "
            "‘Sergey Lavrov’ within one text. What could explain two spellings in one report?") in page
    assert "in different sources" not in page


def test_the_overview_counts_statements_about_this_meeting_not_a_background_section(seed_report):
    """TASS's 'Peace treaty' section (the December summit, Putin's and Lavrov's earlier words) is background: its
    sentences are not counted as statements only TASS reports (a read found 8 of 12 'only in TASS' were)."""
    page = _text(seed_report / KISHIDA / "index.html")
    # 3 and 5 on i8t, the default engine: 002:10 and 004:10 sit at the absence test's threshold (docs/methods.md)
    # r54: one count per source, all it links to nothing with the established part, as the glance counts
    assert ("TASS, 8 of its 11 (3 of them established as found in no other source); News aggregator (rewrite site), "
            "7 of its 10 (1 established)") in page  # r47: 6 of 10 before its names-only link was dropped
    # undated paragraphs of the section are read with the passage that opens it (tests/test_teachers_read_iv.py)
    assert "in a section opened by a passage about 2016-12 (under the heading 'Peace treaty')" in page
    assert "evenly" not in page


def test_an_agency_someone_gave_an_interview_to_is_not_the_origin_of_their_words(seed_report):
    page = _text(seed_report / KISHIDA / "index.html")
    assert "TASS quotes Igor Morgulov's interview with Jiji Press (not in the set)" in page  # the teaching answer
    assert "002 (TASS) quotes Igor Morgulov's interview with Jiji Press, which is not in the set" in page
    assert "quotes Jiji Press" not in page and "Jiji Press's text" not in page
    edges = read_table(seed_report / KISHIDA / "provenance.csv")
    assert "Igor Morgulov's interview with Jiji Press" in set(edges["origin"])


def test_two_translations_of_one_sentence_do_not_lead_what_differs_most(seed_report):
    page = _text(seed_report / LAVROV / "index.html")
    glance = page[page.index("What differs most"):page.index("What each source is")]
    first = glance.removeprefix("What differs most").strip()
    # r55: row c3's stance (000 has both 'expressed concern' and Kono's 'unacceptable') is said in its row only, so
    # the quotation's cut leads
    # a content difference leads: 003's rendering leaves out 001's 'sovereign' (a word, not a rewording)
    assert first.startswith("003 quotes Sergey Lavrov without ‘sovereign’ (trimmed); 001's and 000's renderings keep it")
    # 000 words the statement without 'sovereign' too: said before any guess about a translator
    # (tests/test_teachers_read_iv.py)
    assert "; 000 drops it once in its own words" in first
    assert "‘Frank’" not in glance  # 'Frank' / 'straightforward': the translators' words, not the outlets'


def test_no_machine_translation_tells_is_not_said_to_show_a_human_translator(seed_report):
    page = _text(seed_report / LAVROV / "index.html")
    assert "003 has 0 casing or layout tells of machine translation" in page
    assert "Human or machine translation: the text cannot tell" in page
    assert "read as a human translation" not in page


def test_habomai_is_the_name_of_both_governments_and_the_mix_rests_on_the_other_names(seed_report):
    from compare.framing import load_lexicon

    for name, language in (("Habomai", "en"), ("Хабомаи", "ru")):  # 1956 Joint Declaration: 'острова Хабомаи'
        assert load_lexicon().concept_of(name, language).usage == "Russian and Japanese governments (same name)"
    page = _text(seed_report / LAVROV / "index.html")
    assert "003 · AVIONEWS writes “ Habomai ” (habomai): Russian and Japanese governments (same name)." in page
    assert ("003 · AVIONEWS mixes usages for the Kuril Islands dispute in its own words: Japanese government "
            "‘Etorofu’; Russian government ‘Kunashir’, ‘Kurils of the South’.") in page


def test_a_quote_of_a_few_words_is_shown_in_its_whole_sentence_on_the_handout(seed_report):
    page = (seed_report / LAVROV / "handout.html").read_text(encoding="utf-8")
    statement = page[page.index('id="h-statement"'):page.index('id="h-names"')]
    assert ("Lavrov, commenting heavily on Japan&#39;s concern about Russia&#39;s military activity in the Kurils of "
            "the South, recalled that the Russian Armed Forces are working <mark>&#34;on their territory&#34;</mark>."
            ) in statement


def test_a_quote_introduced_by_role_goes_to_the_minister_named_just_before(seed_report):
    """003: 'Iwaya has assured that "…". The minister also informed about an "agreement to hold …"': the same
    'The minister …' form the page gives to the Lavrov named before it gives this one to Iwaya, not to no one."""
    quotes = read_table(seed_report / LAVROV / "quotes.csv")
    exercise = quotes[quotes["text"].str.contains("research and rescue exercise")]
    assert list(exercise["speaker"]) == ["Takeshi Iwaya"] and list(exercise["source"]) == ["003"]
    page = _text(seed_report / LAVROV / "index.html")
    assert "12 quotations of 4 speakers" in page and "6 found in one source only" in page  # statements (truth24)


def test_a_transcript_of_words_spoken_in_another_language_is_not_said_to_have_no_tells_of_translation(seed_report):
    page = _text(seed_report / LAVROV / "index.html")
    assert "No tells of translation from another language in 001" not in page
    assert ("The tell lists find no sign of translation in 001; that does not make it an original: it renders words "
            "spoken in Russian.") in page


def test_a_credit_inside_a_background_passage_is_not_the_reports_source(seed_report):
    """000 credits RIA Novosti only for Onodera's words in its paragraph about the 2018 meeting: its 2019 report
    must not be said to quote RIA Novosti (the final read of this stop found it in the teaching answer)."""
    provenance = read_table(seed_report / LAVROV / "provenance.csv")
    assert not provenance.astype(str).apply(lambda column: column.str.contains("RIA Novosti")).any().any()
    page = _text(seed_report / LAVROV / "index.html")
    assert "quotes RIA Novosti" not in page
    assert "quotes the words of Onodera RIA Novosti" in page  # the passage itself is still shown


def test_a_number_written_in_words_is_not_a_different_number(seed_report):
    """Row c1 links 000's "2 + 2" with 001's "two-plus-two": no "different numbers" tag, on the row or first screen."""
    links = read_table(seed_report / LAVROV / "links.csv")
    first = links[(links["source_a"] == "000") & (links["sentence_a"] == 0) & (links["source_b"] == "001")]
    assert len(first) and not first["labels"].fillna("").str.contains("number").any()
    assert "give different numbers (a tag" not in _text(seed_report / LAVROV / "index.html")


def test_why_apart_says_which_date_was_only_read_from_a_text(seed_report):
    """000 has no published date (the manifest gives none); its 30 May is read from 'Thursday, may 30'."""
    page = _text(seed_report / LAVROV / "index.html")
    assert "000's date read from its text 2019-05-30 and 002's published date 2017-03-20 differ" in page
    assert "published dates 2019-05-30 and 2017-03-20" not in page


def test_the_page_title_is_no_outlets_headline(seed_report):
    """The 2019 title was MID's headline about Lavrov's statement, for four ministers' talks: even attributed, a
    teacher read the event as Lavrov's statement.  The title now lists what the reports name (the third read)."""
    for name in ("index.html", "handout.html"):
        page = _text(seed_report / LAVROV / name)
        assert "the title is 001’s headline" not in page
        assert "Russia–Japan: Lavrov, Kono, Iwaya, Shoigu · Tokyo · 30 May 2019" in page
