"""Issue 23 beyond the seeds (truth17): the "name" tag, names that are no names, and titles.

Read on planted sets built from WMT21 en-de (bench/planted_edits.py), where readers found "name" tags on rows
whose renderings name the same people and places, and headline words in the names table.
"""

from __future__ import annotations

from compare.align import align_event
from compare.annotate import annotate
from compare.model import Sentence, Source


def _source(sid: str, language: str, *sentences: str, sep: str = " ") -> Source:
    text = sep.join(sentences)
    out, start = [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(sid, i, start, start + len(s), s, i, language))
        start += len(s) + 1
    return Source(sid, f"{sid}.txt", text, language=language, sentences=tuple(out))


EN = (
    "There's mask-shaming and then there's full on assault.",
    "Ash O'Brien and her husband Jarett Kelley say they went to Dusty Rhodes dog park in San Diego on Thursday.",
    "Face masks are mandatory across the state of California, even outdoors.",
)
DE = (
    "Masken-Shaming ist eine Sache, Körperverletzung eine andere.",
    "Ash O'Brien und ihr Mann Jarett Kelley sagen, dass sie an jenem Donnerstag in den Hundepark Dusty Rhodes in "
    "San Diego gingen.",
    "Mundschutzmasken sind in Kalifornien Pflicht, selbst an der frischen Luft.",
)


def _name_rows(sources: list[Source]) -> set[tuple[int, int]]:
    alignment = align_event("e", sources, annotate(sources), mode="parallel")
    return {(lk.sentence_a, lk.sentence_b) for lk in alignment.links if "name" in lk.labels}


def test_no_name_tag_where_the_renderings_name_the_same():
    """German capitalised nouns are no names, and 'Kalifornien' is California: no row of a faithful German
    rendering is tagged 'name' (the capital-letter rule tagged all three: planted p01 c3, c4, c13)."""
    assert _name_rows([_source("a", "en", *EN), _source("b", "de", *DE)]) == set()


def test_name_tag_where_a_name_is_really_missing():
    """A copy that names someone else is still tagged; across languages no row is (the tag fired on 5.5% of
    faithful WMT21 pairs, about 3 of 30 real: truth22), the cell's title says names are not compared there."""
    other = (*EN[:1], EN[1].replace("Jarett Kelley", "Peter Schulz"), *EN[2:])
    assert (1, 1) in _name_rows([_source("a", "en", *EN), _source("b", "en", *other)])
    swapped = (*DE[:1], DE[1].replace("Jarett Kelley", "Peter Schulz"), *DE[2:])
    assert _name_rows([_source("a", "en", *EN), _source("b", "de", *swapped)]) == set()


def _found(text: str, language: str) -> list[tuple[str, str]]:
    from compare.annotate.names import find_names

    return [(m.text, m.type) for m in find_names(text, language)]


def test_headline_words_and_offices_are_no_organisations():
    """'MACED' (a verb) and 'VIDEO' (a label) in an upper-case headline, and 'PM' (an office), are no names."""
    found = [text for text, _ in _found("Couple MACED at California dog park (VIDEO) - RT USA News", "en")]
    assert "MACED" not in found and "VIDEO" not in found and "RT" in found
    assert _found("But the PM's chief adviser underwent the experience.", "en") == []


def test_a_park_named_after_a_person_is_a_place():
    """'Dusty Rhodes dog park' / 'Hundepark Dusty Rhodes': a place, whatever its first word."""
    assert ("Dusty Rhodes", "place") in _found("They went to Dusty Rhodes dog park in San Diego.", "en")
    found = dict(_found("Sie gingen in den Hundepark Dusty Rhodes in San Diego.", "de"))
    assert found.get("San Diego") == "place" and "person" not in found.values()
    # a common word or a sentence's first word before 'park' is no place name
    assert _found("One park worker told reporters.", "en") == []
    assert _found("Safari park baboons seen armed with knives.", "en") == []


def test_german_articles_join_no_name():
    """'Ehren des Regimentsgründers', 'Labors der Regierung' are a noun and its genitive, not names (planted p03)."""
    found = _found("Cummings kam zu dem Stützpunkt, der zu Ehren des Regimentsgründers, Colonel David Stirling, "
                   "dessen Namen trägt.", "de")
    assert not any(" des " in text for text, _ in found)
    assert not any(" der " in text for text, _ in _found("Er plant einen Besuch in den streng geheimen Labors der "
                                                           "Regierung in Porton Down.", "de"))


def test_digits_belong_to_the_acronym():
    """'MI5 und MI6': two services, not 'MI'."""
    assert _found("der britischen Auslandsgeheimdienste MI5 und MI6 sowie", "de") == [
        ("MI5", "organisation"), ("MI6", "organisation")]


def test_a_translation_names_the_same_place_and_station():
    """The German 'Sender ABC 10' and 'Hundepark Dusty Rhodes in San Diego' are the English report's ABC, Dusty
    Rhodes and San Diego: one entity each, so the German source's cells are filled (planted p01 F9)."""
    en = _source("a", "en", "They went to Dusty Rhodes dog park in San Diego.", "O'Brien told ABC 10 about it.")
    de = _source("b", "de", "Sie gingen in den Hundepark Dusty Rhodes in San Diego.",
                 "O'Brien sagte dem Sender ABC 10 davon.")
    entities = annotate([en, de]).entities
    assert {e.name for e in entities if set(e.variants) == {"a", "b"}} >= {"ABC", "San Diego", "Dusty Rhodes"}
    assert not [e for e in entities if set(e.variants) != {"a", "b"}]


def test_an_inflected_translation_of_a_name_is_no_naming_choice():
    """'Großbritanniens' (German genitive) beside 'Britain' is one name in two languages (planted p03 M4)."""
    from compare.framing import discovered_terms

    sources = [_source("a", "en", "It is one of Britain's most secret sites."),
               _source("b", "de", "Es ist eine von Großbritanniens geheimsten Einrichtungen.")]
    assert not [t for t in discovered_terms(sources, annotate(sources)) if t.concept == "united-kingdom"]


def test_the_tagline_says_what_the_title_lists():
    """'the countries and city every report names' only for a title with countries and a city (planted p01, p03:
    said of titles with no city)."""
    from compare.report.event_title import title_basis

    assert title_basis(["Russia", "Japan"], "Tokyo") == (
        "the title lists the countries and city every report names and the people most of them name twice, or once "
        "in their opening")
    assert title_basis(["United Kingdom"], None) == (
        "the title lists the country every report names and the people most of them name twice, or once in their "
        "opening")
    assert title_basis([], None) == "the title lists the people most of the reports name twice, or once in their opening"


def _title_names(*texts: str) -> tuple[list[str], list[str], str | None]:
    from compare.report.event_title import shared_names

    sources = [_source(f"s{k}", "en", *text.split("\n"), sep="\n") for k, text in enumerate(texts)]
    mentions = annotate(sources).mentions
    return shared_names([s.id for s in sources], mentions, (), {s.id: s.text for s in sources},
                        {s.id: len(s.sentences) for s in sources})


def test_an_outlet_label_or_a_compound_is_no_place_the_report_names():
    """'RT USA News' is the outlet's label and 'US-dollar' a currency: neither names the United States."""
    text = ("Couple attacked at a park in Paris for not wearing masks - RT USA News\n"
            "Jarett Kelley said the woman sprayed them.\nJarett Kelley was hurt.\n"
            "The fine is 1,000 US-dollars.")
    countries, people, _ = _title_names(text, text)
    assert "United States" not in countries and "jarett-kelley" in people


def test_a_one_line_aside_gives_no_title_name():
    """A person named once, deep in the report ('Previous guests include Princess Diana'), is not a title word;
    one named in the lead or twice is."""
    lines = ["Dominic Cummings is held hostage by the SAS on a base tour.",
             "Dominic Cummings toured the base last week.", *[f"The base has {k} rooms." for k in range(2, 9)],
             "Previous guests include Princess Diana, whose hair caught fire.", "The tour ended at noon."]
    _, people, _ = _title_names("\n".join(lines), "\n".join(lines))
    assert people == ["dominic-cummings"]


def test_a_team_called_by_its_manager_gives_the_manager_no_title_name():
    """"ahead of Frank Lampard's Chelsea" in the lead names a team by its manager: Lampard is a label there, not a
    person the report is about (rH1 p15: the title read "Pogba, Lampard" for a report about Pogba); a person the
    lead names as a subject still counts."""
    lines = ["Paul Pogba drops hint over his future.", "Paul Pogba said he was happy at the club.",
             "A 2-0 win meant United finished third, ahead of Frank Lampard's Chelsea.",
             *[f"The club has {k} fixtures left." for k in range(2, 9)]]
    _, people, _ = _title_names("\n".join(lines), "\n".join(lines))
    assert people == ["paul-pogba"]
    subject = [*lines[:2], "Frank Lampard praised the result.", *lines[3:]]
    _, people, _ = _title_names("\n".join(subject), "\n".join(subject))
    assert "frank-lampard" in people


def test_a_misspelt_word_is_no_speaker():
    """'Commons Select Defence Committe, said …': 'Committe' is a misspelt committee, not a person (planted p03 F1);
    a surname before a verb of speech still is one."""
    assert _found("Tobias Ellwood, chair of the Commons Select Defence Committe, said MPs should ask.", "en") == [
        ("Tobias Ellwood", "person")]
    assert _found("Morgulov said the talks went well.", "en") == [("Morgulov", "person")]


def test_a_german_headline_noun_is_cut_from_a_name_the_report_writes():
    """'Dominic Cummings Geisel der SAS' (hostage of the SAS): the person is the report's 'Dominic Cummings'."""
    de = _source("b", "de", "Dominic Cummings Geisel der SAS bei einer Führung",
                 "Viele mögen die Vorstellung von Dominic Cummings als Geisel.")
    people = {e.name for e in annotate([de]).entities if e.type == "person"}
    assert people == {"Dominic Cummings"}


def test_an_unnamed_source_is_no_person_named_before(tmp_path):
    """'…," said a defence source.': the words are not credited to the last person the report named (planted p03:
    "Committe", then Colonel Stirling)."""
    from compare import load_source_set

    (tmp_path / "a.txt").write_text(
        "SAS base tour\n\nThe base is named in honour of the regiment's founder, Colonel David Stirling.\n\n"
        "\"More than half the soldiers in the 250-man SAS were previously Paras while the even smaller Special Boat "
        "Service couldn't continue without the support of the Royal Marines,\" said a defence source.\n",
        encoding="utf-8")
    sources = load_source_set(str(tmp_path))
    quotes = [q for qs in annotate(sources).quotes.values() for q in qs]
    assert quotes and all("Stirling" not in (q.speaker or "") for q in quotes)


def test_a_league_after_a_title_word_is_no_person():
    """'the Premier League': 'Premier' is a title ('the Premier of Ontario'), yet 'League' is no surname (planted
    p09: "League (person)" in the names table and the event's title, read twice as false)."""
    assert _found("Watford were relegated from the Premier League on Sunday.", "en") == []
    assert ("Trump", "person") in _found("President Trump met the Premier of Ontario.", "en")


def test_a_name_written_with_a_genitive_dots_or_as_an_acronym_is_no_name_difference():
    """Two translations of one sentence that name the same: a German genitive ('Wests Tweets' / 'Tweets von West'),
    a name with a dot at the start of one rendering ('KP.ru earlier reported' / 'Earlier, KP.ru reported') and an
    acronym spelled out ('LDPR' / 'Liberal Democratic Party of Russia').  The W bench (bench/wmt21_pages.py) found
    22 such rows tagged 'name'; a name really missing is still one."""
    from compare.align.name_tags import names_differ

    assert not names_differ({"kanye-west": ("Kris Jenner",), "w": ("Wests",)}, {"kanye-west": ("Kris Jenner",)},
                            "Wests unberechenbare Tweets, darunter Behauptungen von Kris Jenner",
                            "Zu den Tweets von West zählen Behauptungen über Kris Jenner")
    assert not names_differ({"degtyarev": ("Mikhail Degtyarev",)}, {"kp-ru": ("KP.ru",), "degtyarev": ("Degtyarev",)},
                            "KP.ru earlier reported that Mikhail Degtyarev argued for an open trial.",
                            "Earlier, KP.ru reported that Mikhail Degtyarev advocated an open trial.")
    assert not names_differ({"ldpr": ("LDPR",)}, {"ldpr-long": ("Liberal Democratic Party of Russia",)},
                            "He is a member of the LDPR.", "He is a member of the Liberal Democratic Party of Russia.")
    assert not names_differ({"mexique": ("Mexique",)}, {"mexique": ("Mexique",), "argentine": ("Argentine",)},
                            "Outre le Mexique, l’Argentine et la Barbade ont pris part à la réunion.",
                            "Le Mexique, l'Argentine et la Barbade ont pris part à la réunion.")
    assert names_differ({"furgal": ("Sergei Furgal",)}, {"degtyarev": ("Mikhail Degtyarev",)},
                        "Sergei Furgal was arrested.", "Mikhail Degtyarev was appointed.")


def test_a_name_written_as_its_adjective_as_a_qualifier_or_spaced_otherwise_is_no_name_difference():
    """Issue 23, W bench (stop 42): rows tagged 'name' between 'UK tourists' and 'British tourists', 'the US
    Democratic Party' and 'the Democratic Party', '400 billion US dollars' and '$400 billion', 'Delta Air Lines' and
    'Delta Airlines'.  A country as its adjective or as a qualifier is no name the other side lacks ("American" never
    was one); a place the other side names in no form still is."""
    from compare.align.name_tags import names_differ

    assert not names_differ({"united-kingdom": ("UK",), "spain": ("Spain",)}, {"spain": ("Spain",)},
                            "UK tourists on vacation in Spain were surprised.",
                            "British tourists on vacation in Spain were surprised.")
    assert not names_differ({"dp": ("Democratic Party",)}, {"united-states": ("US",), "dp": ("Democratic Party",)},
                            "Democratic Party representatives believe the funds are insufficient.",
                            "Representatives of the US Democratic Party believe the funds are insufficient.")
    assert not names_differ({"africa": ("Africa",)}, {"africa": ("Africa",), "united-states": ("US",)},
                            "In Africa it costs more than $400 billion.", "In Africa it costs over 400 billion US dollars.")
    assert not names_differ({"delta-airlines": ("Delta Airlines",)}, {"delta-air-lines": ("Delta Air Lines",)},
                            "Delta Airlines said it will inspect 20 aircraft.",
                            "Delta Air Lines said it would inspect 20 of its planes.")
    # the country named on one side and another country's adjective or nothing on the other side: still a difference
    assert names_differ({"united-kingdom": ("UK",), "spain": ("Spain",)}, {"spain": ("Spain",)},
                        "UK tourists on vacation in Spain were surprised.",
                        "German tourists on vacation in Spain were surprised.")
    assert names_differ({"united-states": ("US",), "china": ("China",)}, {"china": ("China",)},
                        "The US warned China on Monday.", "He warned China on Monday.")
