"""`compare pairs`: TSV in, CSV out, with the tool's yes/no and each signal."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner

from compare.cli import main


def _run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_pairs_csv_columns_and_verdicts(tmp_path):
    path = tmp_path / "p.tsv"
    path.write_text(
        "id\ta\tb\tnote\n"
        "x1\tLavrov said the Russian armed forces are working on their sovereign territory.\t"
        "The Russian armed forces are working on their own sovereign territory, Lavrov said.\tsame\n"
        "x2\tThe next meeting will take place in Moscow.\tShares in Wirecard fell 3 per cent on Friday.\tdifferent\n",
        encoding="utf-8",
    )
    result = _run("pairs", str(path))
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert list(rows[0]) == ["id", "similarity", "same", "signal_char", "signal_entities", "signal_lemma",
                             "signal_numbers"]
    assert [r["id"] for r in rows] == ["x1", "x2"]
    assert [r["same"] for r in rows] == ["yes", "no"]
    assert float(rows[0]["similarity"]) > float(rows[1]["similarity"])


def test_pairs_writes_output_file_and_numbers_rows_without_id(tmp_path):
    path = tmp_path / "p.tsv"
    path.write_text('a\tb\nHe said "yes" today.\tHe said "yes" today.\n', encoding="utf-8")
    out = tmp_path / "out.csv"
    result = _run("pairs", str(path), "-o", str(out))
    assert result.exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["id"] == "1" and rows[0]["same"] == "yes" and float(rows[0]["similarity"]) > 0.99


def test_pairs_names_a_missing_column(tmp_path):
    path = tmp_path / "p.tsv"
    path.write_text("left\tright\nx\ty\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["pairs", str(path)])
    assert result.exit_code != 0
    assert "no column a, b" in result.output
