"""How close must two leftover statements be before the aligner's second pass links them?

``compare.align.leftovers`` links, among the statements an event's first passes left with no counterpart, two
sentences of two sources that are each other's best among the other source's leftovers (the second pass of
sentence aligners: competitive linking over what is left, as hunalign and vecalign treat their leftovers).  For
want of anything else, two leftovers are always *someone's* best; the question is the score at which such a
mutual best is a true counterpart in at least ``--precision`` of cases.

Cases are bench/absence_fit.py's (the shared WMT21 documents, each in two renderings, a quarter of each side dropped,
15 % of neighbours joined; seed 2323).  Per case, the first pass is the embedding rule of
``compare.align.semantic`` (``semantic_pairs`` over ``ranking``: mutual best, floor 0.80, margin 0.005, with the
synonym overlap in one language); what it leaves on both sides is the leftover set, and the mutual bests among the
leftovers (a same-language pair sharing no word or sense is never one) are scored by the ranking score.  A pair is
right when its two sentences share a segment.  Printed per model: precision and recall (of leftover sentences whose
counterpart is itself a leftover) per threshold, and the lowest threshold reaching ``--precision``, chosen by
5-fold cross-validation over documents (chosen on four folds, judged on the fifth, pooled) and on all documents.

Run: .venv/bin/python bench/leftover_pairs_fit.py [--precision 0.95]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from absence_fit import DATA, FOLDS, SEED, Case, encoded_cases  # noqa: E402

from compare.align.absence import has_counterpart  # noqa: E402
from compare.align.features import bag  # noqa: E402
from compare.align.leftovers import leftover_pairs  # noqa: E402
from compare.align.semantic import ranking, semantic_pairs, synonym_overlap  # noqa: E402
from compare.settings import SemanticSettings  # noqa: E402

CUTS = np.round(np.arange(0.80, 0.981, 0.005), 3)


def pairs_of(case: Case, vectors: dict[str, np.ndarray], settings: SemanticSettings) -> tuple[list, int]:
    """(score, right, called absent) per leftover mutual best of one case, and how many leftover sentences have a
    leftover counterpart (recall's denominator); "called absent": the absence test establishes either side absent
    from the other."""
    cosine = np.stack([vectors[t] for t in case.a.texts]) @ np.stack([vectors[t] for t in case.b.texts]).T
    overlap = None
    if case.a.language == case.b.language:
        overlap = synonym_overlap([bag(t, case.a.language).lemmas for t in case.a.texts],
                                  [bag(t, case.b.language).lemmas for t in case.b.texts], case.a.language)
    rank = ranking(cosine, overlap, settings)
    first = semantic_pairs(rank, set(), settings.floor, settings.margin)
    rows = sorted(set(range(len(case.a.texts))) - {i for i, _, _ in first})
    cols = sorted(set(range(len(case.b.texts))) - {j for _, j, _ in first})
    right = [[bool(set(case.a.segments[i]) & set(case.b.segments[j])) for j in cols] for i in rows]
    reachable = sum(any(r) for r in right) + sum(any(right[x][y] for x in range(len(rows))) for y in range(len(cols)))
    bags_a = [bag(t, case.a.language) for t in case.a.texts]
    bags_b = [bag(t, case.b.language) for t in case.b.texts]
    found = []
    pairs = leftover_pairs(rank, rows, cols)
    verdict_a = has_counterpart(cosine, bags_a, bags_b, overlap, [i for i, _, _ in pairs]) or {}
    verdict_b = has_counterpart(cosine.T, bags_b, bags_a, None if overlap is None else overlap.T,
                                [j for _, j, _ in pairs]) or {}
    for i, j, score in pairs:
        absent = verdict_a.get(i) is False or verdict_b.get(j) is False
        found.append((score, right[rows.index(i)][cols.index(j)], absent))
    return found, reachable


def lowest(scores: np.ndarray, right: np.ndarray, precision: float) -> float | None:
    """The lowest cut at which the pairs kept are right in at least ``precision`` of cases."""
    for cut in CUTS:
        kept = scores >= cut
        if kept.any() and right[kept].mean() >= precision:
            return float(cut)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--precision", type=float, default=0.95)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    settings = SemanticSettings()
    all_cases, vectors = encoded_cases(SEED)
    for name in ("same-language", "cross-language"):
        chosen = [c for c in all_cases if c.model == name]
        per_case = [pairs_of(c, vectors, settings) for c in chosen]
        scores = np.array([s for found, _ in per_case for s, _, _ in found])
        right = np.array([r for found, _ in per_case for _, r, _ in found], dtype=bool)
        absent = np.array([a for found, _ in per_case for _, _, a in found], dtype=bool)
        group = np.array([k for k, (found, _) in enumerate(per_case) for _ in found])
        reachable = sum(n for _, n in per_case)
        print(f"\n{name}: {len(chosen)} documents, {len(scores)} leftover mutual bests, {right.mean():.3f} right; "
              f"{reachable} leftover sentences with a leftover counterpart")
        for cut in CUTS[::2]:
            kept = scores >= cut
            precision = float(right[kept].mean()) if kept.any() else float("nan")
            recall = 2 * int((kept & right).sum()) / max(reachable, 1)
            print(f"  score >= {cut:.3f}: {int(kept.sum()):4d} pairs, precision {precision:.3f}, recall {recall:.3f}")
        folds = np.arange(len(chosen)) % FOLDS
        held_kept = np.zeros(len(scores), dtype=bool)
        cuts = []
        for fold in range(FOLDS):
            train = folds[group] != fold
            cut = lowest(scores[train], right[train], args.precision)
            cuts.append(cut)
            test = ~train
            held_kept[test] = scores[test] >= (cut if cut is not None else np.inf)
        precision = float(right[held_kept].mean()) if held_kept.any() else float("nan")
        recall = 2 * int((held_kept & right).sum()) / max(reachable, 1)
        print(f"  cross-validated ({FOLDS} folds by document): cuts {cuts}; held-out precision {precision:.3f}, "
              f"recall {recall:.3f}")
        print(f"  lowest cut with precision >= {args.precision} on all documents: "
              f"{lowest(scores, right, args.precision)}")
        for cut in (0.80, 0.85):
            called = absent & (scores >= cut)
            print(f"  score >= {cut:.2f}, a side called absent by the absence test: {int(called.sum())} pairs, "
                  f"{int((called & right).sum())} of them true counterparts "
                  f"({(called & right).sum() / max(called.sum(), 1):.3f}; the test's own false-absence target: 0.02)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
