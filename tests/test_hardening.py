"""Bad input, limits, hostile ids, exit codes: the run goes on, says what went wrong, and writes nothing stray.

The bad-input corpus is made by the tests themselves (some of it is large),
beside copies of real seed reports that must still come through.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import SEEDS, run_cli

GOOD = ["001_2b86f9abb84ce2ea.txt", "003_567c0f62ddf3bdd9.txt"]


def copy_good(folder: Path) -> None:
    for name in GOOD:
        shutil.copy(SEEDS / name, folder / name)


def all_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("bad")
    folder = root / "set"
    folder.mkdir()
    copy_good(folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("   \n\n\t  \n", encoding="utf-8")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (folder / "nul bytes.txt").write_bytes(b"Lavrov met Kono.\x00\x00\x00 The talks were frank." * 20)
    (folder / "invalid-utf8.txt").write_bytes(bytes([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1]) * 200)
    (folder / "mixed encodings.txt").write_bytes(
        "Lavrov said the talks were “frank”. ".encode() * 5 + "Café Noël".encode("latin-1") + b" end."
    )
    (folder / "truncated.html").write_text(
        "<html><head><title>Lavrov in Tokyo</title></head><body><article><p>Russian Foreign Minister Sergey Lavrov "
        "met his Japanese counterpart Taro Kono in Tokyo on Thursday. The talks were frank, he said, and the "
        "sides discussed missile defence and the Kuril Islands.</p><p>Both sides agreed to meet in Moscow next ye",
        encoding="utf-8",
    )
    (folder / "scripts-only.html").write_text(
        "<html><head><script>var x = 1;</script><style>body{color:red}</style></head><body><script>x++</script></body></html>",
        encoding="utf-8",
    )
    (folder / "rtl and emoji.txt").write_text(
        "وزير الخارجية الروسي سيرغي لافروف التقى نظيره الياباني في طوكيو. 🇷🇺🤝🇯🇵 "
        "Die Gespräche waren offen (e\u0301 combining). שר החוץ הרוסי נפגש עם עמיתו היפני.",
        encoding="utf-8",
    )
    (folder / "d'Alembert \"quoted\" Лавров.txt").write_text(
        "Sergei Lavrov and Sergei Shoigu met Taro Kono and Takeshi Iwaya in Tokyo on May 30, 2019.", encoding="utf-8"
    )
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 binary")
    os.symlink(folder, folder / "loop")  # a directory link back to itself
    os.symlink(folder / "missing.txt", folder / "dangling.txt")
    result = run_cli("run", str(folder), "-o", str(root / "out"))
    return root, result


def test_bad_corpus_run_goes_on_and_names_each_bad_file(bad_corpus):
    root, result = bad_corpus
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for name in ("empty.txt", "blank.md", "photo.txt", "nul bytes.txt", "invalid-utf8.txt", "scripts-only.html",
                 "notes.docx", "dangling.txt"):
        assert name in result.stderr, name
    summary = json.loads((root / "out" / "summary.json").read_text(encoding="utf-8"))
    used = {sid for event in summary["events"] for sid in event["sources"]}
    assert {"001_2b86f9abb84ce2ea", "003_567c0f62ddf3bdd9", "truncated", "rtl and emoji", "mixed encodings"} <= used
    assert any(sid.startswith("d'Alembert") for sid in used)


def test_nothing_is_written_outside_the_output_folder(bad_corpus):
    root, _ = bad_corpus
    outside = {p for p in all_files(root) if not p.startswith(("out/", "out", "set/", "set"))}
    assert outside == set()


def test_oversized_file_is_skipped_with_a_message(tmp_path):
    folder = tmp_path / "set"
    folder.mkdir()
    copy_good(folder)
    with open(folder / "huge.txt", "w", encoding="utf-8") as handle:
        line = "The ministers met in Tokyo and discussed regional security at length. " * 14 + "\n"
        for _ in range(50_000_000 // len(line) + 1):
            handle.write(line)
    assert (folder / "huge.txt").stat().st_size >= 50_000_000
    result = run_cli("run", str(folder), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "huge.txt" in result.stderr and "limit" in result.stderr and "--max-file-mb" in result.stderr


def test_a_long_unpunctuated_sentence_is_cut_to_the_limit(tmp_path):
    folder = tmp_path / "set"
    folder.mkdir()
    copy_good(folder)
    words = ("lavrov kono tokyo security talks islands missile defence cooperation " * 15000)[:1_000_000]
    (folder / "one-sentence.txt").write_text(words, encoding="utf-8")
    result = run_cli("ingest", str(folder), "--format", "json", "--max-sentence-chars", "5000")
    assert result.returncode == 0, result.stderr
    source = next(s for s in json.loads(result.stdout) if s["id"] == "one-sentence")
    assert max(s["end"] - s["start"] for s in source["sentences"]) <= 5000
    assert sum(len(s["text"]) for s in source["sentences"]) >= 990_000


@pytest.mark.parametrize(
    "bad_id", ["../../escaped", "/etc/passwd", "CON", "a/b\\c", "..", ".hidden", "nul.txt", "x" * 300, "événement"]
)
def test_hostile_ids_never_write_outside_the_output(tmp_path, bad_id):
    records = [
        {"id": bad_id, "text": "Lavrov met Kono in Tokyo on May 30, 2019. The talks were frank, he said.",
         "event": bad_id},
        {"id": "other", "text": "Lavrov and Kono met in Tokyo on May 30, 2019. The talks were frank, Lavrov said.",
         "event": bad_id},
    ]
    source = tmp_path / "set.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    before = all_files(tmp_path)
    result = run_cli("run", str(source), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    created = all_files(tmp_path) - before
    assert created and all(p == "out" or p.startswith("out/") for p in created), created
    assert not Path("/etc/passwd.csv").exists()


def test_one_report(tmp_path):
    folder = tmp_path / "set"
    folder.mkdir()
    shutil.copy(SEEDS / GOOD[0], folder / GOOD[0])
    result = run_cli("run", str(folder), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert [e["sources"] for e in summary["events"]] == [["001_2b86f9abb84ce2ea"]]


def test_a_thousand_one_line_reports(tmp_path):
    towns = ["Tokyo", "Moscow", "Rome", "Berlin", "Paris", "Kyiv", "Beijing", "Seoul", "Oslo", "Madrid"]
    lines = [
        json.dumps({"id": f"r{i:04d}", "text": f"The mayor of {towns[i % 10]} opened bridge number {i} on day {i % 28 + 1}."})
        for i in range(1000)
    ]
    source = tmp_path / "many.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("run", str(source), "-o", str(tmp_path / "out"), "--format", "json,csv,db")
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert sum(len(e["sources"]) for e in summary["events"]) == 1000
    # compare.db on a thousand reports: the same rows as every CSV file, and its foreign keys hold
    from test_database import assert_same_rows, connect

    assert assert_same_rows(tmp_path / "out") > 1000
    with connect(tmp_path / "out") as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_reports_that_share_nothing_form_separate_events(tmp_path):
    texts = [
        "The central bank raised interest rates by half a point on Tuesday to fight inflation.",
        "A rare orchid was found in a botanical garden in Kew after forty years.",
        "The football club signed a new goalkeeper from Portugal for the coming season.",
    ]
    source = tmp_path / "unrelated.jsonl"
    source.write_text("".join(json.dumps({"id": f"u{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    result = run_cli("run", str(source), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert sorted(len(e["sources"]) for e in summary["events"]) == [1, 1, 1]


def test_exit_codes(tmp_path):
    assert run_cli("run", str(tmp_path / "missing"), "-o", str(tmp_path / "o1")).returncode == 2
    assert run_cli("run", "seeds", "--format", "pdf", "-o", str(tmp_path / "o2")).returncode == 2
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "a.txt").write_bytes(b"")
    nothing = run_cli("run", str(tmp_path / "empty"), "-o", str(tmp_path / "o3"))
    assert nothing.returncode == 3 and "a.txt" in nothing.stderr
    assert not (tmp_path / "o3").exists()
