"""`compare align`: source sets by event, files directly, pre-segmented files."""

from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from compare.cli import main
from conftest import SEEDS, run_cli

LINK_KEYS = {"event", "source_a", "sentence_a", "start_a", "end_a", "source_b", "sentence_b", "start_b", "end_b",
             "similarity", "kind", "labels"}


def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_align_seed_event_json():
    result = _run("align", str(SEEDS), "--event", "2019-05-30-japan-lavrov", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"links", "claims", "pairs", "quotes"}
    assert data["links"] and all(LINK_KEYS <= set(link) for link in data["links"])
    assert {link["event"] for link in data["links"]} == {"2019-05-30-japan-lavrov"}
    assert {(p["source_a"], p["source_b"]) for p in data["pairs"]} == {("000", "001"), ("000", "003"), ("001", "003")}
    # Each link's word diff (computed for this output only): its "=" and "+" runs give sentence b back.
    sentences = {(s["id"], x["index"]): x["text"] for s in json.loads(
        _run("ingest", str(SEEDS), "--format", "json").output) for x in s["sentences"]}
    for link in data["links"]:
        assert "".join(text for op, text in link["diff"] if op != "-") == sentences[(link["source_b"], link["sentence_b"])]


def test_align_unknown_event_is_a_usage_error():
    result = CliRunner().invoke(main, ["align", str(SEEDS), "--event", "nope"])
    assert result.exit_code == 2
    assert "no event 'nope'" in result.output


def test_align_presegmented_files_csv(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("The talks were frank.\n\nWe agreed to meet in Moscow.\nThe date will be set later.\n", encoding="utf-8")
    b.write_text("The talks were frank.\nWe agreed to meet in Moscow. The date will be set later.\n", encoding="utf-8")
    result = _run("align", str(a), str(b), "--presegmented", "--mode", "parallel", "--language", "en",
                  "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [(r["sentence_a"], r["sentence_b"]) for r in rows] == [("0", "0"), ("1", "1"), ("2", "1")]
    assert rows[1]["start_a"] == "22" and rows[1]["end_a"] == "50"  # offsets into the lines joined by newlines
    assert "signal_char" in rows[0]


def test_one_report_is_a_usage_error_not_an_empty_success():
    done = run_cli("align", "seeds/000_f6c0324769211007.txt")
    assert done.returncode == 2
    assert "is one report" in done.stderr and done.stdout == ""


def test_chinese_word_frequencies_leave_the_terminal_quiet():
    """jieba, which wordfreq uses for Chinese, announces its dictionary on stderr unless told not to."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "from compare.wordfreqs import zipf; print(zipf('中国', 'zh'))"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) > 5
    assert "Prefix dict" not in done.stderr and "Loading model" not in done.stderr
