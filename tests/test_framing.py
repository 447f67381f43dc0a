"""Framing: the lexicon's shape, term finding on hand-made texts, and the seeds' naming choices (issue 16)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from importlib import resources

import pytest

from compare.framing import Term, discovered_terms, find_terms, framing_table, load_lexicon
from compare.model import Entity, Mention, Source

LANGUAGES = ("en", "ru", "de", "fr", "it", "zh")


def _source(source_id: str, text: str, language: str = "en") -> Source:
    return Source(id=source_id, path=f"{source_id}.txt", text=text, language=language)


# ----------------------------------------------------------------------------------------------- the lexicon


def test_lexicon_has_150_cited_entries_in_six_languages():
    lexicon = load_lexicon()
    assert len(lexicon.entries) >= 150
    per_language = Counter(e.language for e in lexicon.entries)
    for language in LANGUAGES:
        assert per_language[language] >= 20, (language, per_language)
    for entry in lexicon.entries:
        assert entry.source.strip(), f"line {entry.row}: no citation"
        assert entry.usage.strip(), f"line {entry.row}: no usage"
        assert entry.kind in ("place", "event", "group", "term")


def test_every_concept_offers_an_alternative_usage():
    """A concept with one usage would be a label, not a choice."""
    for concept, entries in load_lexicon().by_concept.items():
        assert len({e.usage.split(" (")[0] for e in entries}) >= 2, concept


def test_lexicon_file_has_the_issue_columns():
    path = resources.files("compare") / "data" / "framing_lexicon.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert {"concept", "language", "term", "usage", "kind", "source"} <= set(header)


def test_the_seed_disputes_are_in_several_languages():
    lexicon = load_lexicon()
    for concept in ("southern-kurils", "crimea-2014", "ukraine-war-2022", "senkaku", "islamic-state", "kyiv"):
        assert len({e.language for e in lexicon.by_concept[concept]}) >= 3, concept


# ----------------------------------------------------------------------------------------------- matching


def test_offsets_case_and_word_boundaries():
    text = "Kievan Rus is history; the talks in KIEV and in Kyiv went on. Russia's annexation of Crimea was noted."
    rows = find_terms(_source("a", text))
    assert [r.text for r in rows] == ["KIEV", "Kyiv", "annexation of Crimea"]
    for row in rows:
        assert text[row.start:row.end] == row.text
    kyiv = rows[1]
    assert kyiv.concept == "kyiv" and "Kiev" in kyiv.alternatives and "Ukrainian government" in kyiv.usage


def test_longest_match_wins_and_matches_do_not_overlap():
    text = "Japan calls them the Northern Territories; Russia speaks of the so-called Islamic State too."
    rows = find_terms(_source("a", text))
    texts = [r.text for r in rows]
    assert "the Northern Territories" in texts and "Northern Territories" not in texts
    assert "so-called Islamic State" in texts and "so-called" not in texts
    spans = sorted((r.start, r.end) for r in rows)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


def test_russian_word_endings_and_source_language_rows():
    text = "После аннексии Крыма Москва укрепила войска на Южных Курилах. Киев протестовал."
    rows = find_terms(_source("r", text, "ru"))
    found = {r.concept: r for r in rows}
    assert found["crimea-2014"].text == "аннексии Крыма"
    assert found["southern-kurils"].text == "Южных Курилах" and found["southern-kurils"].usage == "Russian government"
    assert "Северн* территори*" in found["southern-kurils"].alternatives
    assert found["kyiv"].language == "ru"


def test_chinese_terms_match_without_word_boundaries():
    text = "日本称钓鱼岛为尖阁诸岛,中方表示反对。"
    rows = find_terms(_source("z", text, "zh"))
    assert [(r.text, r.usage) for r in rows] == [("钓鱼岛", "PRC government"), ("尖阁诸岛", "Japanese government (in Chinese)")]


def test_a_term_is_a_choice_never_an_error():
    rows = find_terms(_source("a", "Forces moved near Kunashiri and Etorofu, the Japanese say."))
    for row in rows:
        lowered = row.explanation.lower()
        assert "usage" in lowered and "wrong" not in lowered and "correct" not in lowered and "incorrect" not in lowered


def test_a_teachers_own_lexicon(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("concept,language,term,usage,kind,source\n"
                    "gulf,en,Gulf of America,US federal government,place,Executive Order 14172\n"
                    "gulf,en,Gulf of Mexico,international usage,place,IHO S-23\n", encoding="utf-8")
    rows = find_terms(_source("a", "Storms in the Gulf of America."), load_lexicon(path))
    assert [(r.text, r.alternatives) for r in rows] == [("Gulf of America", ("Gulf of Mexico",))]
    bad = tmp_path / "bad.csv"
    bad.write_text("concept,language,term,usage,kind,source\ngulf,en,Gulf,someone,place,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="citation"):
        load_lexicon(bad)


# ----------------------------------------------------------------------------------------------- discovered


class _Annotations:
    def __init__(self, mentions, entities):
        self.mentions, self.entities = mentions, entities


def _mention(source: Source, text: str, entity: str, occurrence: int = 0) -> Mention:
    start = -1
    for _ in range(occurrence + 1):
        start = source.text.index(text, start + 1)
    return Mention(source.id, 0, start, start + len(text), text, "place", None, entity)


def test_discovered_renderings_but_not_spellings_or_long_forms():
    a = _source("a", "Troops on Iturup and in the Russian Federation; Sergey spoke.")
    b = _source("b", "Troops on Etorofu and in Russia; Sergei spoke.")
    entities = (
        Entity("iturup", "place", "Iturup", {"a": ("Iturup",), "b": ("Etorofu",)}),
        Entity("russia", "place", "Russia", {"a": ("Russian Federation",), "b": ("Russia",)}),
        Entity("sergey", "person", "Sergey", {"a": ("Sergey",), "b": ("Sergei",)}),
    )
    mentions = {
        "a": (_mention(a, "Iturup", "iturup"), _mention(a, "Russian Federation", "russia"), _mention(a, "Sergey", "sergey")),
        "b": (_mention(b, "Etorofu", "iturup"), _mention(b, "Russia", "russia"), _mention(b, "Sergei", "sergey")),
    }
    rows = discovered_terms([a, b], _Annotations(mentions, entities))
    assert [(r.source, r.text, r.concept, r.alternatives) for r in rows] == [
        ("a", "Iturup", "iturup", ("Etorofu",)),
        ("b", "Etorofu", "iturup", ("Iturup",)),
    ]
    assert rows[1].usage == "Japanese government" and rows[1].origin == "set"


def test_discovered_name_not_in_the_lexicon_says_who_uses_it():
    a = _source("a", "Ships reached Port Arthur at dawn.")
    b = _source("b", "Ships reached Lüshun at dawn.")
    entities = (Entity("lushun", "place", "Lüshun", {"a": ("Port Arthur",), "b": ("Lüshun",)}),)
    mentions = {"a": (_mention(a, "Port Arthur", "lushun"),), "b": (_mention(b, "Lüshun", "lushun"),)}
    rows = framing_table([a, b], _Annotations(mentions, entities))
    assert [(r.source, r.text, r.origin) for r in rows] == [("a", "Port Arthur", "set"), ("b", "Lüshun", "set")]
    assert "the sources a of this set" in rows[0].usage and "not an error" in rows[0].explanation


# ----------------------------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seed_table(seed_result):
    from compare.annotate import annotate

    sources = seed_result.sources
    return {s.id: s for s in sources}, framing_table(sources, annotate(sources))


def _rows(table: list[Term], source: str) -> list[Term]:
    return [t for t in table if t.source == source]


def test_seeds_annexation_of_crimea_in_004_not_002(seed_table):
    _, table = seed_table
    crimea = [t for t in table if t.concept == "crimea-2014"]
    assert [(t.source, t.text) for t in crimea] == [("004", "annexation of Crimea")]
    assert "Russian government" in crimea[0].explanation  # the other side's usage is named
    assert "reunification of Crimea with Russia" in crimea[0].alternatives


def test_seeds_northern_territories_against_southern_kurils(seed_table):
    _, table = seed_table
    northern = [t for t in _rows(table, "003") if t.text.lower() == "the northern territories"]
    assert northern and all(t.usage == "Japanese government" for t in northern)
    assert {"Southern Kurils", "South Kuril Islands"} <= set(northern[0].alternatives)
    russian = {(t.source, t.text) for t in table if t.concept == "southern-kurils" and t.usage == "Russian government"}
    assert {("000", "South Kuril Islands"), ("000", "Southern Kurils"), ("001", "southern Kuril Islands"),
            ("002", "South Kuril Islands")} <= russian
    assert any("003: the northern territories" in o for t in _rows(table, "002") for o in t.others)


def test_seeds_etorofu_and_kunashiri_are_the_japanese_renderings(seed_table):
    _, table = seed_table
    in_004 = {t.text: t for t in _rows(table, "004")}
    assert in_004["Etorofu"].usage == "Japanese government" and "Iturup" in in_004["Etorofu"].alternatives
    assert in_004["Kunashiri"].usage == "Japanese government" and "Kunashir" in in_004["Kunashiri"].alternatives
    assert "003: Kunashir" in in_004["Kunashiri"].others  # the set itself names the island both ways
    assert {t.text: t.usage for t in _rows(table, "003")}["Kunashir"] == "Russian government"


def test_seeds_table_offsets_order_and_json(seed_table):
    sources, table = seed_table
    for t in table:
        assert sources[t.source].text[t.start:t.end] == t.text
    assert table == sorted(table, key=lambda t: (t.source, t.start, t.end, t.concept))
    rows = [t.to_dict() for t in table]
    assert {"source", "start", "end", "text", "concept", "alternatives", "usage"} <= set(rows[0])
    json.dumps(rows)


def test_a_longer_name_hides_a_term_inside_it():
    """'People's Republic of China' is the PRC's own name, not the ROC's 'Republic of China'."""
    text = "The People’s Republic of China and the Republic of China both sent envoys."
    rows = find_terms(_source("a", text))
    assert [(r.text, r.start) for r in rows] == [("Republic of China", text.rindex("Republic of China"))]
    assert "People's Republic of China" not in rows[0].alternatives
