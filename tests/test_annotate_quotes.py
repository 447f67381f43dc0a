"""Quotes and their speakers on the seeds (against hand-made gold) and in other languages' conventions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from unidecode import unidecode

from compare.annotate import annotate
from compare.ingest import ingest

GOLD = Path(__file__).parent / "gold" / "quotes_seeds.jsonl"
FIXTURES = Path(__file__).parent / "fixtures" / "annotate"


@pytest.fixture(scope="module")
def seed_annotations(seed_result):
    return annotate(seed_result.sources)


def _gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _matches(gold: dict, quote) -> bool:
    return quote.source_id == gold["source"] and gold["quote"] in quote.text


def _speaker_ok(gold: dict, quote) -> bool:
    return quote.speaker is not None and gold["speaker"] in unidecode(quote.speaker).lower()


def test_direct_quotes_precision_and_recall_against_gold(seed_annotations):
    gold = _gold()
    found = [q for qs in seed_annotations.quotes.values() for q in qs if q.direct]
    correct_found = [q for q in found if any(_matches(g, q) and _speaker_ok(g, q) for g in gold)]
    recalled = [g for g in gold if any(_matches(g, q) and _speaker_ok(g, q) for q in found)]
    precision = len(correct_found) / len(found)
    recall = len(recalled) / len(gold)
    missed = [g["quote"] for g in gold if g not in recalled]
    assert precision >= 0.9, [(q.text[:50], q.speaker) for q in found if q not in correct_found]
    assert recall >= 0.9, missed


def test_the_four_ministers_are_quoted_with_their_speakers(seed_annotations):
    speakers = {q.speaker_entity for qs in seed_annotations.quotes.values() for q in qs if q.direct}
    names = {e.id: e.name for e in seed_annotations.entities}
    surnames = {names[s].split()[-1] for s in speakers if s in names}
    assert {"Lavrov", "Shoigu", "Kono", "Iwaya"} <= surnames


def test_role_speaker_resolves_to_the_person(seed_annotations):
    quote = next(q for q in seed_annotations.quotes["000"] if "The negotiations were Frank" in q.text)
    assert "said the head of the Russian foreign Ministry" in seed_annotations_text(quote, 80)
    assert quote.speaker_entity == "sergey-lavrov"


def seed_annotations_text(quote, width):  # the text after the quote, for a readable assertion
    from compare.ingest import ingest as _ingest

    source = next(s for s in _ingest(Path(__file__).parents[1] / "seeds").sources if s.id == quote.source_id)
    return " ".join(source.text[quote.end:quote.end + width].split())


def test_scare_quotes_are_not_speech(seed_annotations):
    texts = [q.text for qs in seed_annotations.quotes.values() for q in qs]
    assert not any(t.strip("“”\"") in ("2 + 2", "two-plus-two", "the northern territories") for t in texts)


def test_indirect_speech_is_marked(seed_annotations):
    indirect = [q for q in seed_annotations.quotes["000"] if not q.direct]
    assert any(q.speaker_entity == "sergey-lavrov" and q.text.startswith("the meeting in the format") for q in indirect)
    assert all(not q.text.startswith(("“", '"')) for q in indirect)


@pytest.mark.parametrize(("name", "speaker"), [
    ("ru_lavrov.txt", "Сергей Лавров"),   # «…», — заявил Лавров
    ("it_lavrov.txt", "Sergej Lavrov"),   # «…», ha detto Lavrov
    ("de_lavrov.txt", "Sergej Lawrow"),   # „…“, sagte Lawrow
    ("fr_lavrov.txt", "Sergueï Lavrov"),  # « … », a déclaré Lavrov
])
def test_quote_conventions_of_other_languages(name, speaker):
    sources = ingest(FIXTURES / name).sources
    annotations = annotate(sources)
    direct = [q for q in annotations.quotes[sources[0].id] if q.direct]
    assert len(direct) == 1
    assert direct[0].speaker == speaker
    assert direct[0].speaker_entity is not None


def test_russian_role_in_indirect_speech_resolves():
    sources = ingest(FIXTURES / "ru_lavrov.txt").sources
    indirect = [q for q in annotate(sources).quotes[sources[0].id] if not q.direct]
    assert indirect and indirect[0].speaker == "Сергей Лавров"  # "Глава МИД России также сказал, что …"


def test_a_straight_quotation_inside_a_straight_quotation_does_not_cut_it(tmp_path):
    """'"... did not "frame" Huawei," the bank said': the whole statement is the quotation, not '"... did not "'."""
    (tmp_path / "hsbc.txt").write_text(
        'HSBC rejected the report on Saturday.\n\n"HSBC does not have any hostility towards Huawei and did not "frame" '
        'Huawei," the bank said on Saturday, adding that it would never distort any facts about its clients.\n',
        encoding="utf-8")
    sources = ingest(tmp_path / "hsbc.txt").sources
    direct = [q for q in annotate(sources).quotes[sources[0].id] if q.direct]
    assert [q.text for q in direct] == ['"HSBC does not have any hostility towards Huawei and did not "frame" Huawei,"']


def test_whom_words_are_told_to_is_not_their_speaker_and_a_pronoun_goes_on_with_the_speaker(tmp_path):
    """'"…," she told Rob Lowe on his podcast. | She added, "…"': both quotations are Paltrow's (rF1 and rF2 of
    planted p11 credited them to Rob Lowe); 'He said:' after a sentence led by West and naming Bieber is West's."""
    (tmp_path / "paltrow.txt").write_text(
        "Gwyneth Paltrow has spoken about raising her children.\n\n"
        '"I think it is so important to raise a kid that has a work ethic," she told Rob Lowe on his podcast.\n\n'
        'She added, "As a parent you think, all I can do for these kids is teach them right from wrong."\n\n'
        "Kanye West also paid a visit to hospital hours after being visited by Justin Bieber at his ranch.\n\n"
        'He said: "I would like to apologise for going public with something that was a private matter."\n',
        encoding="utf-8")
    sources = ingest(tmp_path / "paltrow.txt").sources
    direct = [q for q in annotate(sources).quotes[sources[0].id] if q.direct]
    assert [q.speaker for q in direct] == ["Gwyneth Paltrow", "Gwyneth Paltrow", "Kanye West"]


def test_a_quotation_running_over_paragraphs_is_the_speakers_throughout(tmp_path):
    """'Ms Hyslop said: "Whilst … | "We've worked … | "In addition … recovery."': only the last paragraph closes
    the quotation, as English prints it; all three are Hyslop's (planted p13: rG1 found them credited to no one)."""
    (tmp_path / "hyslop.txt").write_text(
        "Economy Secretary Fiona Hyslop announced new funding for the events sector on Friday.\n\n"
        'Ms Hyslop said: "Whilst we have had the positive step that drive-in events can resume, most of the sector '
        "will be unable to operate for some time.\n\n"
        '"We have worked closely and constructively with the sector on the challenges they face.\n\n'
        '"In addition to providing immediate support, some of this funding will aid the longer-term recovery."\n\n'
        "The advisory group welcomed the announcement.\n", encoding="utf-8")
    sources = ingest(tmp_path / "hyslop.txt").sources
    direct = [q for q in annotate(sources).quotes[sources[0].id] if q.direct]
    assert [q.speaker for q in direct] == ["Fiona Hyslop"] * 3
    assert direct[0].text.startswith('"Whilst') and direct[0].text.endswith("for some time.")
