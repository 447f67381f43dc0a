"""A fitted pair classifier against the events stage's hand-set score, on SemEval's rated pairs (issue 26).

    python bench/events_pair_model.py

Why: the events stage decides a pair by the calibrated document similarity
plus hand-set terms (``document_cross_language``, ``document_date_penalty``,
the guard's penalty).  A logistic regression over the features the grouping
already computes could replace that sum.  This measures whether it would,
pair by pair (an upper bound for the grouping: bench/events_cross.py
--errors shows every wrong SemEval pair there is decided by its own score,
none through a third report).

Features of each pair (``compare.events.prepare`` at the defaults): centred
title and passage cosines, square roots of the text, entity and anchor
similarities, two languages or one, dates read from the texts agreeing or
disagreeing, checkable details agreeing and conflicting (``compare.event_details``,
capped at 5).  Training rows: SemEval-2022 shared pairs rated same
(Overall <= 1.5, label 1) or different (>= 3.5, label 0), and, with
``--wmt``, WMT21's candidate pairs (same article or not) weighted 0.05 each.
5 folds of connected components (the folds of bench/events_cross.py); on
each the model is fitted on the other four and its threshold is the one
with the most right pairs there (same share + apart share); the held-out
fold is measured at it.  The current score (``_PairScores``, threshold
chosen the same way) is measured on the same folds.  Also printed: on the
pooled held-out predictions, the largest same share at which 98% of the
different pairs are apart (the issue's second target).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from events_cross import FOLDS, _encode, folds_of, semeval, wmt  # noqa: E402

from compare.events import _date_relation, prepare  # noqa: E402
from compare.settings import EventSettings  # noqa: E402

SAME, DIFFERENT = 1.5, 3.5
NAMES = ("title", "passage", "text", "entities", "anchors", "two languages", "dates differ", "dates agree",
         "details agree", "details conflict")
THRESHOLDS = np.round(np.arange(0.0, 1.0001, 0.0125), 4)


def features(prepared, pairs: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """(feature rows, the current score) of each pair of report positions."""
    scores, vectors, profs = prepared.scores, prepared.vectors, prepared.profs
    keys = [(min(i, j), max(i, j)) for i, j in pairs]
    current = np.asarray(scores.of(keys))
    rows = []
    for i, j in keys:
        text, entities, anchors = (np.sqrt(max(x, 0.0)) for x in scores.lexical[(i, j)])
        relation = _date_relation(profs[i], profs[j])
        comparison = scores.comparison((i, j))
        rows.append([float(vectors.title[i] @ vectors.title[j]), float(vectors.passage[i] @ vectors.passage[j]),
                     text, entities, anchors, float(prepared.languages[i] != prepared.languages[j]),
                     float(relation.startswith("conflict")), float(relation == "same"),
                     min(comparison.agree, 5), min(len(comparison.conflicts), 5)])
    return np.asarray(rows), current


def _shares(values: np.ndarray, gold: np.ndarray, threshold: float) -> tuple[float, float]:
    return float((values[gold == 1] >= threshold).mean()), float((values[gold == 0] < threshold).mean())


def _fit_threshold(values: np.ndarray, gold: np.ndarray) -> float:
    return max(THRESHOLDS, key=lambda t: (round(sum(_shares(values, gold, t)), 9), -abs(t - 0.5)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wmt", action="store_true", help="train on WMT21's candidate pairs too (weight 0.05 each)")
    args = parser.parse_args(argv)
    from sklearn.linear_model import LogisticRegression

    settings = EventSettings()
    sources, annotations, rated = semeval()
    prepared = prepare(sources, annotations, settings, _encode("events"))
    index = {p.source_id: n for n, p in enumerate(prepared.profs)}
    chosen, seen = [], set()
    for a, b, gold, _, component in rated:
        if (a, b) not in seen and (gold <= SAME or gold >= DIFFERENT):
            seen.add((a, b))
            chosen.append((index[a], index[b], int(gold <= SAME), component))
    x, current = features(prepared, [(i, j) for i, j, _, _ in chosen])
    y = np.asarray([g for _, _, g, _ in chosen])
    fold_of = folds_of(c for *_, c in chosen)
    fold = np.asarray([fold_of[c] for *_, c in chosen])
    extra = None
    if args.wmt:
        w_sources, w_annotations, truth = wmt()
        w_prepared = prepare(w_sources, w_annotations, settings, _encode("events"))
        ids = [p.source_id for p in w_prepared.profs]
        wx, _ = features(w_prepared, w_prepared.pairs)
        wy = np.asarray([int(truth[ids[i]] == truth[ids[j]]) for i, j in w_prepared.pairs])
        w_fold_of = folds_of(truth.values())
        wf = np.asarray([w_fold_of[truth[ids[i]]] for i, _ in w_prepared.pairs])
        extra = (wx, wy, wf)
    print(f"SemEval shared: {int(y.sum())} pairs rated same, {int((1 - y).sum())} rated different"
          + (f"; WMT21 candidate pairs {len(extra[1])} ({int(extra[1].sum())} of one article)" if extra else ""))
    variants = {"title, passage, lexical, two languages": list(range(6)),
                "+ dates": list(range(8)), "+ dates, details": list(range(10))}
    pooled: dict[str, np.ndarray] = {name: np.zeros(len(y)) for name in variants}
    held = {name: [0, 0] for name in ("current score", *variants)}
    for k in range(FOLDS):
        train, test = fold != k, fold == k
        t = _fit_threshold(current[train], y[train])
        for n, share in enumerate(_shares(current[test], y[test], t)):
            held["current score"][n] += share * (y[test] == 1 - n).sum()
        for name, columns in variants.items():
            xt, yt, weight = x[train][:, columns], y[train], np.ones(int(train.sum()))
            if extra is not None:
                wx, wy, wf = extra
                xt = np.vstack([xt, wx[wf != k][:, columns]])
                yt = np.concatenate([yt, wy[wf != k]])
                weight = np.concatenate([weight, np.full(int((wf != k).sum()), 0.05)])
            model = LogisticRegression(max_iter=2000).fit(xt, yt, sample_weight=weight)
            t = _fit_threshold(model.predict_proba(x[train][:, columns])[:, 1], y[train])
            p = model.predict_proba(x[test][:, columns])[:, 1]
            pooled[name][test] = p
            for n, share in enumerate(_shares(p, y[test], t)):
                held[name][n] += share * (y[test] == 1 - n).sum()
    same, different = int(y.sum()), int((1 - y).sum())

    def at_98(values: np.ndarray) -> float:
        return max((s for s, a in (_shares(values, y, t) for t in THRESHOLDS) if a >= 0.98), default=0.0)

    print(f"{'pair decision (5-fold CV, threshold fitted on the training folds)':<58} {'same':>12} {'apart':>12} "
          f"{'same at 0.98 apart':>19}")
    for name, (s, a) in held.items():
        values = current if name == "current score" else pooled[name]
        print(f"{name:<58} {round(s):>4}/{same:<3} {s / same:.3f} {round(a):>4}/{different:<3} {a / different:.3f} "
              f"{at_98(values):>19.3f}")
    full = LogisticRegression(max_iter=2000).fit(x, y)
    print("weights (all SemEval rows, every feature): "
          + ", ".join(f"{n} {w:+.2f}" for n, w in zip(NAMES, full.coef_[0], strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
