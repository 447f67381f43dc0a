"""The pieces behind the MT figure: word-choice rates, the embedding part with |difference| rows, the
contributions the reasons are read from, and the reasons in words themselves."""

from __future__ import annotations

import math

import numpy as np
import pytest

from compare.artifacts.likelihood import MTModel, contributions, load_original_model, mt_likelihood, word_rates
from compare.artifacts.mt_reasons import explain
from compare.artifacts.translation_features import embedding_part, monotone_alignment

ORIGINAL = ["Мы обсудили нашу позицию по договору.", "Наша позиция не изменилась.", "Переговоры продолжатся в мае."]
LITERAL = ["We discussed our position on the treaty.", "Our position has not changed.", "Negotiations will continue in May."]


def test_word_rates_count_words_marks_and_pairs_with_case_kept():
    rates = word_rates("The cat’s hat, the cat.")
    assert rates["w:cat"] == pytest.approx(2 / 9)
    assert rates["w:The"] == rates["w:the"] == pytest.approx(1 / 9)
    assert rates["w:'"] == pytest.approx(1 / 9) and rates["w:,"] == pytest.approx(1 / 9)
    assert rates["w:the cat"] == rates["w:The cat"] == rates["w:cat ."] == pytest.approx(1 / 9)
    assert sum(v for k, v in rates.items() if " " not in k) == pytest.approx(1.0)
    assert sum(v for k, v in rates.items() if " " in k) == pytest.approx(8 / 9)


def _toy_encoder(texts):
    """Rows from character counts of five letters, L2-normalised: deterministic and enough to test arithmetic."""
    rows = np.array([[t.lower().count(c) + 1.0 for c in "aeiou"] for t in texts])
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_embedding_part_gives_the_mean_absolute_difference_of_aligned_rows():
    beads = monotone_alignment(ORIGINAL, LITERAL)
    values, vectors = embedding_part(ORIGINAL, LITERAL, beads, _toy_encoder)
    s, t = _toy_encoder(ORIGINAL), _toy_encoder(LITERAL)
    assert np.allclose(vectors["absdiff_mean"], np.abs(t - s).mean(axis=0))
    assert np.allclose(vectors["translation_mean"], t.mean(axis=0))
    cos = (t * s).sum(axis=1)
    assert values["embed_cos_mean"] == pytest.approx(float(cos.mean()))
    assert values["embed_cos_q10"] == pytest.approx(float(np.quantile(cos, 0.1)))
    assert values["embed_cos_q90"] == pytest.approx(float(np.quantile(cos, 0.9)))
    assert values["embed_cos_share90"] == pytest.approx(float((cos >= 0.9).mean()))


def test_contributions_add_up_to_the_likelihood():
    model = load_original_model("ru", "en")
    text = " ".join(LITERAL)
    features = {"artifacts_per_1k": 0.0, **word_rates(text)}
    logit, found = contributions(features, model)
    likelihood, _ = mt_likelihood(features, "en", model)
    assert likelihood == pytest.approx(1 / (1 + math.exp(-logit)), abs=1e-4)
    assert logit == pytest.approx(model.intercept + sum(c for _, c in found.values()))
    assert any(name.startswith("w:") for name in found)


def test_reasons_are_words_with_examples_from_the_text():
    model = MTModel(0.0, {"non_one_to_one": 1.0, "fw:our": 1.0, "mean_zipf": 1.0},
                    {"non_one_to_one": 0.2, "fw:our": 0.001, "mean_zipf": 5.0},
                    {"non_one_to_one": 0.1, "fw:our": 0.001, "mean_zipf": 0.1}, "test")
    found = {"non_one_to_one": (0.0, 0.9), "fw:our": (0.1, -0.6), "mean_zipf": (5.0, 0.01)}
    translation = ["We stated our position.", "Our position is our position.", "Talks go on in May."]
    reasons = explain(found, model, translation, "en", ORIGINAL, "ru", monotone_alignment(ORIGINAL, translation))
    assert [r.features for r in reasons] == [("non_one_to_one",), ("fw:our",)]  # 0.01 is too small to be a reason
    first, second = reasons
    assert first.text == "Follows its original sentence by sentence, in the same order (like machine output)"
    assert first.example.startswith("3 sentences for the original's 3, e.g. 'We stated our position.'")
    assert second.text == "Uses 'our' often (3 times in 14 words) (like a human translator)"
    assert second.example == "'our position' ×3"
    assert first.contribution == 0.9 and second.contribution == -0.6
