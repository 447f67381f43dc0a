"""When is an unlinked statement's second-nearest candidate worth showing beside its nearest?

Issue 23 (r40, 2017 c10): TASS's "Moscow believes it important to use the two-plus-two format 'to thoroughly
discuss global and regional issues'" was shown Inada's sentence as its nearest candidate; its partial counterpart
("joint talks on worldwide and bilateral issues") scored a little lower.  A reader shown one candidate takes it for
the counterpart.  The question: for a statement the first pass leaves unlinked, how often is its true counterpart the
2nd-nearest candidate, against how often the 1st, when the 2nd's score is within delta of the 1st's?

Cases are bench/absence_fit.py's (the shared WMT21 documents, each in two renderings, a quarter of each side dropped,
15 % of neighbours joined; seed 2323).  Per case, the first pass is ``compare.align.semantic`` (``semantic_pairs``
over ``ranking``); each sentence it leaves unlinked on either side that has a true counterpart (sharing a segment)
among the other side's sentences gets its candidates ordered as the page orders them (the ranking score), with the
score the page shows (the cosine).  Printed per model and delta: the statements whose 2nd is within delta, how often
the 1st and the 2nd is the counterpart, and their ratio; and the largest delta at which the 2nd is the counterpart at
least ``--ratio`` as often as the 1st, chosen by 5-fold cross-validation over documents (chosen on four folds, judged
on the fifth, pooled) and on all documents.

Run: .venv/bin/python bench/second_candidate_fit.py [--ratio 0.333]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from absence_fit import DATA, FOLDS, SEED, Case, encoded_cases  # noqa: E402

from compare.align.features import bag  # noqa: E402
from compare.align.semantic import ranking, semantic_pairs, synonym_overlap  # noqa: E402
from compare.settings import SemanticSettings  # noqa: E402

DELTAS = np.round(np.arange(0.0, 0.1501, 0.01), 3)


def candidates_of(case: Case, vectors: dict[str, np.ndarray], settings: SemanticSettings) -> list[tuple[float, bool, bool]]:
    """(gap between the 1st and 2nd candidate's shown score, 1st right, 2nd right) per unlinked sentence with a
    counterpart, both sides."""
    cosine = np.stack([vectors[t] for t in case.a.texts]) @ np.stack([vectors[t] for t in case.b.texts]).T
    overlap = None
    if case.a.language == case.b.language:
        overlap = synonym_overlap([bag(t, case.a.language).lemmas for t in case.a.texts],
                                  [bag(t, case.b.language).lemmas for t in case.b.texts], case.a.language)
    rank = ranking(cosine, overlap, settings)
    first = semantic_pairs(rank, set(), settings.floor, settings.margin)
    right = np.array([[bool(set(sa) & set(sb)) for sb in case.b.segments] for sa in case.a.segments], dtype=bool)
    found = []
    for view, shown, truth, linked in ((rank, cosine, right, {i for i, _, _ in first}),
                                       (rank.T, cosine.T, right.T, {j for _, j, _ in first})):
        if view.shape[1] < 2:
            continue
        for row in range(view.shape[0]):
            if row in linked or not truth[row].any():
                continue
            order = np.argsort(-view[row], kind="stable")
            one, two = int(order[0]), int(order[1])
            found.append((float(shown[row, one] - shown[row, two]), bool(truth[row, one]), bool(truth[row, two])))
    return found


def largest(gaps: np.ndarray, one: np.ndarray, two: np.ndarray, ratio: float) -> float | None:
    """The largest delta at which, among statements whose 2nd is within delta, the 2nd is the counterpart at least
    ``ratio`` as often as the 1st."""
    chosen = None
    for delta in DELTAS:
        near = gaps <= delta
        if near.sum() >= 5 and two[near].sum() >= ratio * max(one[near].sum(), 1):
            chosen = float(delta)
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ratio", type=float, default=1 / 3)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    settings = SemanticSettings()
    all_cases, vectors = encoded_cases(SEED)
    for name in ("same-language", "cross-language"):
        chosen = [c for c in all_cases if c.model == name]
        per_case = [candidates_of(c, vectors, settings) for c in chosen]
        gaps = np.array([g for found in per_case for g, _, _ in found])
        one = np.array([r for found in per_case for _, r, _ in found], dtype=bool)
        two = np.array([r for found in per_case for _, _, r in found], dtype=bool)
        group = np.array([k for k, found in enumerate(per_case) for _ in found])
        print(f"\n{name}: {len(chosen)} documents, {len(gaps)} unlinked statements with a counterpart; "
              f"1st is it {one.mean():.3f}, 2nd {two.mean():.3f}")
        for delta in DELTAS:
            near = gaps <= delta
            print(f"  2nd within {delta:.3f}: {int(near.sum()):4d} statements, 1st right {int(one[near].sum()):4d}, "
                  f"2nd right {int(two[near].sum()):4d}, ratio {two[near].sum() / max(one[near].sum(), 1):.3f}")
        folds = np.arange(len(chosen)) % FOLDS
        held = np.zeros(len(gaps), dtype=bool)
        deltas = []
        for fold in range(FOLDS):
            train = folds[group] != fold
            delta = largest(gaps[train], one[train], two[train], args.ratio)
            deltas.append(delta)
            test = ~train
            held[test] = gaps[test] <= (delta if delta is not None else -1.0)
        print(f"  cross-validated ({FOLDS} folds by document): deltas {deltas}; held out, shown a 2nd: "
              f"{int(held.sum())}, 1st right {int(one[held].sum())}, 2nd right {int(two[held].sum())}, ratio "
              f"{two[held].sum() / max(one[held].sum(), 1):.3f}")
        print(f"  largest delta with ratio >= {args.ratio:.3f} on all documents: {largest(gaps, one, two, args.ratio)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
