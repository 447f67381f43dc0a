"""Speakers are people by evidence, the text's own attribution is read, and names rows say only what the texts show
(issue 23 beyond the seeds, truth19: planted sets p01-p03 read by fresh teachers).

Each report below is a small text written for the test in the shape of the planted sets' (a title-case headline, a
post-quote attribution, an anonymous source, a German rendering); nothing here reads ../shared/data.
"""

from __future__ import annotations

from pathlib import Path

from compare.annotate.names import find_names
from compare.segment import split_paragraph

PROTEST = (
    "Seattle Protests: Fires and Pepper Spray as Thousands March Through City\n\n"
    "SEATTLE - A crowd of about 2,000 people marched, and the police deployed flash grenades and pepper spray.\n\n"
    "Bipasha Mukherjee, 52, of Kirkland, Wash., said she has been protesting on the streets since May.\n\n"
    "\"This is not the country I immigrated to,\" said Ms. Mukherjee, who arrived from India more than 30 years "
    "ago.\n\n"
    "Michaud Savage of Seattle said the protests were aimed at the deployment of federal officers.\n\n"
    "\"It's a very hard slide in an extremely violent direction,\" Mr. Savage said as he washed his eyes.\n\n"
    "The death of George Floyd in police custody in Minneapolis ignited mass protests.\n"
)
PROTEST_DE = (
    "Proteste in Seattle: Brände und Pfefferspray bei Marsch von Tausenden durch die Stadt\n\n"
    "SEATTLE (USA) - Etwa 2000 Personen zogen durch die Straßen, die Polizei setzte Pfefferspray ein.\n\n"
    "Bipasha Mukherjee, 52, aus Kirkland, Washington, gab an, dass sie seit Mai an Protesten teilnehme.\n\n"
    "„Dies ist nicht das Land, in das ich immigriert bin“, meinte die Frau, die aus Indien gekommen war.\n\n"
    "Michaud Savage aus Seattle gab an, dass die Proteste sich gegen die Bundespolizei richteten.\n\n"
    "„Dies ist ein besorgniserregender Ruck in eine sehr gewalttätige Richtung“, meinte Savage.\n"
)
BASE = (
    "Cummings Hostage to the SAS\n\n"
    "Dominic Cummings toured the SAS headquarters last week.\n\n"
    "\"More than half the soldiers in the 250-man SAS were previously Paras while the even smaller Special Boat "
    "Service couldn't continue without the support of the Royal Marines,\" said a defence source.\n\n"
    "Mr Cummings, who has complained that military procurement \"has continued to squander billions of pounds,\" "
    "recently attended meetings at the headquarters of MI5.\n"
)
PARK = (
    "Couple attacked at California dog park (VIDEO) - RT USA News\n\n"
    "Ash O'Brien and husband Jarett Kelley say they were eating at a dog park in San Diego.\n\n"
    "The pair had their masks off to eat, when a \"random old lady\" approached, calling them \"idiots\".\n\n"
    "O'Brien told the woman to leave the park.\n\n"
    "O'Brien shared the video on Facebook and told ABC 10 that she wants to see the woman \"go to jail.\"\n"
)


def _annotated(tmp_path: Path, texts: dict[str, tuple[str, str]]):
    from compare.annotate import annotate
    from compare.ingest import ingest

    tmp_path.mkdir(parents=True, exist_ok=True)
    lines = ["id,path,language"]
    for sid, (language, text) in texts.items():
        (tmp_path / f"{sid}.txt").write_text(text, encoding="utf-8")
        lines.append(f"{sid},{sid}.txt,{language}")
    (tmp_path / "manifest.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sources = ingest(tmp_path).sources
    return {s.id: s for s in sources}, annotate(sources)


def _people(annotations, sid: str) -> set[str]:
    return {m.text for m in annotations.mentions[sid] if m.type == "person"}


def _speakers(annotations, sid: str) -> list[tuple[str, str | None]]:
    return [(q.text.strip("\"“”„ ,."), q.speaker) for q in annotations.quotes[sid]]


# ---------------------------------------------------------------------------------------------- sentences


def test_a_title_stop_ends_no_sentence():
    paragraph = "\"This is not it,\" said Ms. Mukherjee, who arrived from India. Then she left."
    assert [paragraph[a:b] for a, b in split_paragraph(paragraph, "en")] == [
        "\"This is not it,\" said Ms. Mukherjee, who arrived from India.", "Then she left."]


# ---------------------------------------------------------------------------------------------- who is a person


def test_a_headline_phrase_written_lower_case_in_the_body_is_no_person(tmp_path):
    _, annotations = _annotated(tmp_path, {"en": ("en", PROTEST)})
    people = _people(annotations, "en")
    assert "Pepper Spray" not in people and "spray" not in people
    assert not any("Seattle" in p or "SEATTLE" in p for p in people)  # the town is no spelling of the man


def test_people_are_found_by_an_age_a_title_and_a_given_name(tmp_path):
    _, annotations = _annotated(tmp_path, {"en": ("en", PROTEST)})
    assert {"Bipasha Mukherjee", "Mukherjee", "Michaud Savage", "Savage", "George Floyd"} <= _people(annotations, "en")


def test_a_german_headline_phrase_is_no_person_and_a_surname_completes_the_full_name(tmp_path):
    _, annotations = _annotated(tmp_path, {"de": ("de", PROTEST_DE)})
    people = _people(annotations, "de")
    assert "Marsch von Tausenden" not in people
    assert {"Bipasha Mukherjee", "Michaud Savage"} <= people


def test_a_person_named_in_a_headline_with_a_title_stays():
    # a transcript's headline may be the only place it names its speaker (the 2019 seeds' MID statement)
    assert [m.text for m in find_names("Foreign Minister Sergey Lavrov's statement at a news conference", "en")
            if m.type == "person"] == ["Sergey Lavrov"]


def test_an_institution_after_the_is_no_person_and_a_given_name_after_but_is_no_name():
    assert [m.text for m in find_names("Personnel in the Royal Marines and the Parachute Regiment.", "en")
            if m.type == "person"] == []
    assert "Aber Cruz" not in [m.text for m in find_names("Aber Cruz sagte, der Kongress solle handeln.", "de")]


# ---------------------------------------------------------------------------------------------- who is quoted


def test_the_speaker_after_the_quotation_is_read_through_a_title(tmp_path):
    _, annotations = _annotated(tmp_path, {"en": ("en", PROTEST), "de": ("de", PROTEST_DE)})
    assert _speakers(annotations, "en") == [
        ("This is not the country I immigrated to", "Bipasha Mukherjee"),
        ("It's a very hard slide in an extremely violent direction", "Michaud Savage")]
    assert [s for _, s in _speakers(annotations, "de")] == ["Bipasha Mukherjee", "Michaud Savage"]


def test_an_anonymous_source_is_described_and_a_named_one_is_not_unknown(tmp_path):
    _, annotations = _annotated(tmp_path, {"en": ("en", BASE)})
    speakers = dict(_speakers(annotations, "en"))
    assert speakers["has continued to squander billions of pounds"] == "Dominic Cummings"
    assert [s for t, s in speakers.items() if t.startswith("More than half")] == ["an unnamed defence source"]


def test_a_short_credited_quotation_is_listed_and_a_short_scare_quote_is_not(tmp_path):
    _, annotations = _annotated(tmp_path, {"en": ("en", PARK)})
    assert _speakers(annotations, "en") == [("go to jail", "O'Brien")]


# ---------------------------------------------------------------------------------------------- the page


def test_the_quotes_summary_names_no_one_unknown():
    from compare.report.sections import UNNAMED_SPEAKER, speaker_count

    page = {"quotes": [("O'Brien", []), (UNNAMED_SPEAKER, [])], "speaker_kind": {}}
    assert speaker_count(page) == " of 1 speaker (O'Brien) and words credited to no one"
    assert speaker_count({"quotes": [(UNNAMED_SPEAKER, [])]}) == ", credited to no one by name"


def test_a_name_not_matched_across_languages_is_no_blank_cell():
    from compare.report.views import uncompared_cells

    ids = ["a", "b", "e"]
    languages = {"a": "de", "b": "en", "e": "en"}
    ministry = {"name": "Ministry of Defence", "type": "organisation", "spellings": {"b": ["Ministry of Defence"]},
                "choices": {}}
    assert uncompared_cells("ministry-of-defence", ministry, ids, languages) == ["a"]
    person = {"name": "Michaud Savage", "type": "person", "spellings": {"b": ["Michaud Savage"]}, "choices": {}}
    assert uncompared_cells("michaud-savage", person, ids, languages) == []  # a name is matched by its spelling


def test_the_names_rows_leave_out_the_site_label_and_a_currency(tmp_path):
    from compare.report.event_title import label_start
    from compare.report.views import CURRENCY_AFTER

    assert PARK[label_start(PARK):].startswith("RT USA News")
    assert CURRENCY_AFTER.match("US-Dollar", 3) and not CURRENCY_AFTER.match("US-built", 3)


def test_an_unnamed_speaker_is_described_in_english_and_left_open_in_other_languages():
    from compare.annotate.quotes import unnamed

    assert unnamed("One park worker") == "an unnamed park worker"
    assert unnamed("Another worker") == "another unnamed worker"
    assert unnamed("eine Quelle des Ministeriums") is None  # the quote matcher pairs it with the English speaker
