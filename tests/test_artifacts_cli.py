"""The `compare artifacts` and `compare detectors` commands, run as a user would."""

from __future__ import annotations

import csv
import io
import json

from conftest import run_cli


def test_artifacts_json_shape_and_determinism():
    first = run_cli("artifacts", "seeds", "--format", "json")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert [s["id"] for s in data] == ["000", "001", "002", "003", "004"]
    for source in data:
        assert {"id", "mt_likelihood", "density", "artifacts"} <= set(source)
        for a in source["artifacts"]:
            assert set(a) == {"start", "end", "category", "detector", "severity", "explanation", "text"}
    assert run_cli("artifacts", "seeds", "--format", "json").stdout == first.stdout


def test_artifacts_shows_the_figure_the_report_shows(tmp_path):
    """One machine-translation figure per source (issue 23): the command printed the artifacts stage's raw
    text-only score (000 1.00, 003 0.99) where the page showed the ``mt`` stage's (0.99, 0.98); now both
    come from the ``mt`` stage, in the same words, and a model not measured for the source gives no number."""
    import compare
    from compare.report.tables import read_table

    data = {s["id"]: s for s in json.loads(run_cli("artifacts", "seeds", "--format", "json").stdout)}
    compare.write_report(compare.run_pipeline("seeds"), tmp_path / "report", ["csv"])
    shown = {}
    for path in sorted((tmp_path / "report").glob("*/sources.csv")):
        for _, row in read_table(path).iterrows():
            shown[row["source"]] = row
    assert set(shown) == set(data)
    for sid, source in data.items():
        assert source["mt_likelihood"] is None
        assert shown[sid]["mt_likelihood"] != shown[sid]["mt_likelihood"]  # empty cell, read back as NaN
        assert source["mt_model"].startswith("not measured")
    assert "held-out AUC on ru-en is 0.67" in data["000"]["mt_model"]


def test_artifacts_csv_and_table():
    out = run_cli("artifacts", "seeds", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows and {r["source"] for r in rows} >= {"000", "003", "004"}
    table = run_cli("artifacts", "seeds")
    assert table.returncode == 0 and "MT likelihood" in table.stdout


def test_detectors_lists_versions_and_descriptions():
    out = run_cli("detectors", "--format", "json")
    rows = json.loads(out.stdout)
    names = {r["name"] for r in rows}
    assert "compare.casing.midcap.v1" in names and "compare.calque.lexicon.v1" in names
    assert all(r["version"].startswith("v") and r["description"] for r in rows)
    plain = run_cli("detectors")
    assert "compare.typography.dash_attribution.v1" in plain.stdout
