"""How sure must the absence model be before a background sentence is shown as a statement's similar point?

``compare.align.background_nearest`` shows, for a statement with no link and no
candidate the model accepts, the background sentence of another source that the
model reads as rendering it.  The absence test's threshold (about 0.11) is an
operating point for *not* saying "absent" (at most 2% false absences): at it,
most sentences the model accepts are not counterparts, and on the seeds it
put "Prior to this, the Ministers of Russia and Japan met in 2013." beside
MID's "we told our Japanese colleagues about the proposals ... promoted by
Russia and China".  Showing a sentence as a similar point needs the other
operating point: the probability above which the model's best candidate is a
true counterpart in at least ``--precision`` of cases.

On the shared WMT21 documents, with the absence fit's cases (same drops, seed,
merges; bench/absence_fit.py) and the installed model (compare/align/data/
absence.json, fitted on all of them: in-sample, so the precision is a little
optimistic), it prints, per model, the precision and coverage of the best
candidate at several thresholds and the lowest threshold reaching the target:

    python bench/background_nearest_fit.py [--precision 0.95]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from absence_fit import DATA, SEED, encoded_cases, table  # noqa: E402

from compare.align.absence import models  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--precision", type=float, default=0.95)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    installed = models()
    all_cases, vectors = encoded_cases(SEED)
    for name in ("same-language", "cross-language"):
        t = table([c for c in all_cases if c.model == name], vectors)
        p = installed[name].probability(t.features)
        n = len(t.sentence_y)
        best = np.full(n, -1.0)
        right = np.zeros(n, dtype=bool)
        for k in np.argsort(p, kind="stable"):  # ascending: the last write per sentence is its best candidate
            best[t.owner[k]] = p[k]
            right[t.owner[k]] = bool(t.pair_y[k])
        print(f"\n{name}: {n} sentences; installed threshold {installed[name].threshold:.4f}")
        chosen = None
        for cut in (installed[name].threshold, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            shown = best >= cut
            precision = float(right[shown].mean()) if shown.any() else 1.0
            print(f"  p >= {cut:.2f}: best candidate shown for {shown.mean():.3f} of sentences, "
                  f"a true counterpart in {precision:.3f}")
        for cut in np.round(np.arange(0.05, 1.0, 0.01), 2):
            shown = best >= cut
            if shown.any() and right[shown].mean() >= args.precision:
                chosen = float(cut)
                break
        print(f"  lowest threshold with precision >= {args.precision}: {chosen}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
