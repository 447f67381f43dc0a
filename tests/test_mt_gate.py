"""Which machine-translation configurations may give a number (compare.artifacts.mt_gate), read from the
held-out AUCs recorded with the shipped coefficients (bench/mt_with_original.py, bench/artifacts_fit_mt.py)."""

from __future__ import annotations

from compare.artifacts.mt_gate import MIN_AUC, calibrated, first_shown, gate, not_measured_text, text_only_pair


def test_a_configuration_below_the_floor_is_neither_shown_nor_read_out():
    """The text-only model on Russian-to-English (held-out AUC 0.67): the figure issue 23 found on the seeds."""
    verdict = gate("ru-en", "document_embeddings")
    assert verdict.auc is not None and verdict.auc < MIN_AUC
    assert not verdict.trusted and not verdict.shown
    assert "0.67, below the 0.80" in verdict.why


def test_a_configuration_never_measured_gives_no_number():
    verdict = gate("it-en", "document")
    assert verdict.auc is None and not verdict.trusted and not verdict.shown
    assert not_measured_text("it", "en", verdict) == (
        "not measured (text only, read as translated from Italian: no held-out figure was measured for it-en)")


def test_a_measured_but_uncalibrated_configuration_gives_words_not_a_number():
    """With the original, de-en reaches 0.955 held out; without a Platt record it is trusted for its reasons
    in words, never for a probability."""
    verdict = first_shown("de-en", ("with_original_embeddings", "with_original"))
    assert verdict.trusted and verdict.auc >= 0.95
    assert verdict.shown == (verdict.platt is not None)


def test_an_original_in_its_own_language_has_no_text_only_pair():
    assert text_only_pair("en", "en") is None and text_only_pair("und", "en") is None
    assert text_only_pair("ru", "en") == "ru-en"


def test_calibration_is_monotone_and_bounded():
    platt = (0.8, -0.3)
    values = [calibrated(x, platt) for x in (-50.0, -2.0, 0.0, 2.0, 50.0)]
    assert values == sorted(values) and 0.0 <= values[0] and values[-1] <= 1.0
