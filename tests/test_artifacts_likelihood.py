"""The MT likelihood's model file, the reference-based scores, and the WMT21 figures when the data is there."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from compare.artifacts import compare_profiles, reference_scores, reference_summary
from compare.artifacts.likelihood import load_model, mt_likelihood
from conftest import REPO, SHARED_DATA

WMT = SHARED_DATA / "wmt21-news-human-vs-mt"


def test_model_file_has_a_model_per_target_language():
    raw = json.loads((REPO / "compare/artifacts/data/mt_likelihood.json").read_text())
    assert set(raw["languages"]) == {"en", "de", "fr"}
    assert "bench/artifacts_fit_mt.py" in raw["source"]
    assert load_model("und").source.endswith("[en/document]")
    assert "no fitted model" in load_model("ru").source and load_model("ru").weights == {"artifacts_per_1k": 1.0}


def test_more_artifacts_raise_the_likelihood():
    base = {"artifacts_per_1k": 0.0}
    low, _ = mt_likelihood(base)
    high, parts = mt_likelihood({"artifacts_per_1k": 30.0})
    assert high > low and parts["artifacts_per_1k.contribution"] > 3


def test_reference_scores_per_pair():
    pairs = [("The talks were frank.", "The talks were frank."),
             ("The negotiations were Frank, we never went around a sharp questions.",
              "The talks were straightforward. Without avoiding acute issues, we tried.")]
    scores = reference_scores(pairs)
    assert scores[0].chrf == 100.0 and scores[0].ter == 0.0
    assert scores[1].chrf < 50 and scores[1].ter > 50
    assert reference_summary(pairs)["reference.pairs"] == 2.0


def test_profiles_name_what_stands_out():
    from artifacts_helpers import seed_results

    _, results = seed_results()
    comparison = compare_profiles(list(results.values()))
    by_id = {p.source_id: p for p in comparison.sources}
    assert "rewrite" in by_id["004"].stands_out
    assert "calque" in by_id["003"].stands_out and "casing" in by_id["000"].stands_out
    assert by_id["001"].stands_out == ()
    assert comparison.sources[0].source_id in ("000", "003")


@pytest.mark.skipif(not WMT.exists(), reason=f"shared data not found at {WMT}")
def test_wmt21_bench_runs_and_reports_every_pair():
    out = subprocess.run([sys.executable, "bench/artifacts_wmt21.py", "--pairs", "de-fr"], cwd=REPO,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stdout.splitlines() if x.startswith("de-fr"))
    assert float(line.split()[5]) > 0.7  # document AUC (cross-validated) on de-fr


def test_add_reference_uses_the_reference_model():
    from artifacts_helpers import seed_results

    from compare.artifacts import add_reference

    _, results = seed_results()
    same = [("The talks were frank and useful.", "The talks were frank and useful.")] * 3
    different = [("The talks were frank and useful.", "Nobody expected anything from this meeting at all.")] * 3
    close = add_reference(results["001"], same)
    far = add_reference(results["001"], different)
    assert close.mt_parts["reference.chrf"] == 100.0
    assert close.mt_likelihood > far.mt_likelihood
    assert add_reference(results["001"], []) is results["001"]
