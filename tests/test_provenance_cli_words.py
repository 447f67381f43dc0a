"""`compare provenance`'s table says what its scores are: the rules' own, set by hand, not probabilities.

The report leaves these scores out (no model measured them); the command line keeps them for ordering, and a
reader must not take "confidence 0.95" for a measured probability, nor "EFE -> 004" for EFE's text being in
the set.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from compare.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def test_the_table_calls_its_figures_rule_scores_and_an_outside_origin_credited():
    result = CliRunner().invoke(main, ["provenance", str(SEEDS)])
    assert result.exit_code == 0, result.output
    assert "confidence" not in result.output
    # the page's words for each source (rW1 de-en M5: "reads as first written in de" of an English translation)
    assert "004 (en): taken as first written in English (too few translation tells" in result.output
    assert "000 (en): an English text that reads as translated from Russian (rule score" in result.output
    assert "reads as first written" not in result.output
    assert "outside the set, credited to EFE -> 004: rewrite (rule score 0.95, not a probability)" in result.output
