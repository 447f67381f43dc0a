"""The seeds come through ingest whole: residue out, article text in, metadata kept."""

from __future__ import annotations

import json
import re

from conftest import SEEDS, run_cli

RESIDUE = {
    "001": ["30 May 201914:23", "en-GB1 ru-RU1", "Showing 1 result.", "Advanced settings"],
    "002": ["All news"],
    "003": ["It does not receive public funding", "Editor in chief:", "Facebook Twitter Youtube Instagram",
            "red - 1221909", "AVIONEWS - World Aeronautical Press Agency"],
    "004": ["Posted March 20, 2017"],
}


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_five_english_sources_with_manifest_metadata(seed_sources):
    assert sorted(seed_sources) == ["000", "001", "002", "003", "004"]
    assert {s.language for s in seed_sources.values()} == {"en"}
    assert seed_sources["001"].kind == "official-transcript"
    assert seed_sources["001"].outlet.startswith("Ministry of Foreign Affairs")
    assert seed_sources["002"].published == "2017-03-20"
    assert seed_sources["000"].kind == "machine-translation"


def test_page_residue_is_removed_and_recorded(seed_sources):
    for source_id, lines in RESIDUE.items():
        source = seed_sources[source_id]
        removed = {r.text for r in source.removed}
        for line in lines:
            assert line not in source.text, (source_id, line)
            assert any(line in r for r in removed), (source_id, line)


def test_no_article_word_is_lost(seed_sources):
    """Every word of the raw file is in the clean text, except the words of removed lines."""
    for source in seed_sources.values():
        raw_lines = (SEEDS / source.path.split("/", 1)[1]).read_text(encoding="utf-8").split("\n")
        removed_lines = {r.line for r in source.removed if r.step in ("residue", "metadata")}
        kept = [line for number, line in enumerate(raw_lines, start=1) if number not in removed_lines]
        assert _words(source.text) == _words("\n".join(kept)), source.id


def test_hard_wrapped_seed_is_reflowed_without_broken_sentences(seed_sources):
    source = seed_sources["000"]
    assert "\n" not in source.text.replace("\n\n", "")
    assert "Sergey Lavrov and defense Minister Of Russia Sergey Shoigu" in source.text
    paragraph_ends = {end for _, end in source.paragraphs}
    for sentence in source.sentences:
        # A sentence ends where a sentence ends, never where a layout line did
        # (a heading is a paragraph of its own).
        if sentence.end not in paragraph_ends:
            assert re.search(r"[.!?”\"]$", sentence.text), sentence.text
    assert len(source.paragraphs) == source.text.count("\n\n") + 1


def test_sentence_offsets_slice_back(seed_sources):
    for source in seed_sources.values():
        for sentence in source.sentences:
            assert source.text[sentence.start:sentence.end] == sentence.text
            assert sentence.language in ("en", "und")


def test_ingest_json_cli(tmp_path):
    result = run_cli("ingest", "seeds", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["id"] for s in data] == ["000", "001", "002", "003", "004"]
    first = data[1]
    for key in ("id", "path", "outlet", "kind", "language", "language_confidence", "published", "title",
                "text", "sentences", "removed", "inferred"):
        assert key in first
    assert first["path"] == "seeds/001_2b86f9abb84ce2ea.txt"
    assert {"start", "end", "text", "language"} <= set(first["sentences"][0])
    assert "title" in first["inferred"]
    lavrov = [m for m in first["mentions"] if m["entity"] == "sergey-lavrov"]
    assert lavrov and first["text"][lavrov[0]["start"]:lavrov[0]["end"]] == lavrov[0]["text"]
    # Shoigu's canonical id is whichever spelling most reports use; find it from the mentions.
    shoigu = {m["entity"] for source in data for m in source["mentions"] if "Sho" in m["text"] and m["entity"]}
    assert len(shoigu) == 1
    assert {q["speaker_entity"] for q in data[0]["quotes"] if q["direct"]} >= {"sergey-lavrov", *shoigu}


def test_without_manifest_metadata_is_inferred(tmp_path):
    for name in ("001_2b86f9abb84ce2ea.txt", "004_bfc62806fc5b3d83.txt"):
        (tmp_path / name).write_bytes((SEEDS / name).read_bytes())
    result = run_cli("ingest", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = {s["id"]: s for s in json.loads(result.stdout)}
    assert data["001_2b86f9abb84ce2ea"]["published"] == "2019-05-30"
    assert data["004_bfc62806fc5b3d83"]["published"] == "2017-03-20"
    assert "published" in data["004_bfc62806fc5b3d83"]["inferred"]
    assert "language" in data["004_bfc62806fc5b3d83"]["inferred"]


def test_chinese_words_are_counted_by_character_not_by_space(tmp_path):
    """Chinese puts no spaces between words: a whole sentence must not count as one word in sources.csv."""
    from compare.ingest import ingest

    (tmp_path / "zh.txt").write_text("中国外交部长王毅30日在东京同日本外务大臣举行会谈。双方同意 Abe 继续对话。\n",
                                     encoding="utf-8")
    (source,) = ingest(tmp_path).sources
    han = sum(1 for ch in source.text if "\u4e00" <= ch <= "\u9fff")
    assert source.words == han + 2  # every character, plus "30" and "Abe"
