"""Aligner and pair scores on the shared evaluation data (skipped when ../shared/data is absent).

The floors are the issue's acceptance figures; bench/align_*.py print the full tables.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest
from scipy.stats import pearsonr

from conftest import REPO, SHARED_DATA

sys.path.insert(0, str(REPO / "bench"))

pytestmark = pytest.mark.skipif(not SHARED_DATA.exists(), reason=f"shared evaluation data not found at {SHARED_DATA}")


def test_bleualign_dev_strict_f1():
    from align_bleualign import DATA, read_gold, score

    from compare.align import align_texts

    de = (DATA / "dev.de").read_text(encoding="utf-8").splitlines()
    fr = (DATA / "dev.fr").read_text(encoding="utf-8").splitlines()
    beads = align_texts(de, fr, "de", "fr", mode="parallel")
    figures = score(read_gold(DATA / "dev.defr"), [(a, b) for a, b, _ in beads])
    assert figures["strict_f1"] >= 0.80
    assert figures["lax_f1"] >= 0.95


def test_sts_dev_correlation():
    from align_sts import DATA, read

    from compare.align.pairs import score_pairs

    a, b, gold = read(DATA / "sts-dev.csv")
    sims = [r["similarity"] for r in score_pairs(a, b, backend="lexical")]
    assert pearsonr(sims, gold)[0] >= 0.70


def test_msrp_cross_validated_accuracy():
    from align_msrp import DATA, FOLDS, SEED, best_threshold, read

    from compare.align.pairs import score_pairs

    a, b, labels = read(DATA)
    scores = np.asarray([r["similarity"] for r in score_pairs(a, b, backend="lexical")])
    folds = np.array_split(np.random.default_rng(SEED).permutation(len(labels)), FOLDS)
    correct = 0
    for fold in folds:
        train = np.setdiff1d(np.arange(len(labels)), fold)
        correct += np.sum((scores[fold] >= best_threshold(scores[train], labels[train])) == labels[fold])
    assert correct / len(labels) >= 0.72


def test_wmt21_human_vs_machine_translation_align_one_to_one():
    from align_wmt21 import documents, run

    docs = documents("de-fr")
    pairs = [([r["human"]["A"] for r in rows], [r["mt"]["Online-A"] for r in rows], "fr", "fr")
             for rows in docs.values() if all(r["mt"].get("Online-A") for r in rows)]
    assert run(pairs, "parallel", "default")["f1"] >= 0.98
