"""Fit the fluency weights of mt_likelihood on the shared part of WMT21 human-vs-MT; write the JSON.

One logistic regression per target language (en: ru-en, de-en, zh-en; de: en-de, fr-de; fr: de-fr),
classes weighted to balance (2-3 human against 8 MT translations per document), on standardised
document features, in two variants: ``document`` (the text alone) and
``with_reference`` (the six fluency features and the mean chrF against the other translations of the
same source; the profile is left out there because it dilutes the much stronger chrF signal).
The artifact weight is not fitted (the 2021 systems make almost no such artifacts); it is
ARTIFACT_WEIGHT below.  Also prints document-grouped 5-fold cross-validated AUCs.

Usage: .venv/bin/python bench/artifacts_fit_mt.py [--write]
(--write replaces compare/artifacts/data/mt_likelihood.json; run bench/artifacts_wmt21.py after.)
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
C = 0.05
"""L2 strength: with ~150 profile features and a few hundred documents per language, strong regularisation."""
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
    docs = sorted({(r["lp"], r["doc"]) for r in rows})
    fold_of = {d: i % 5 for i, d in enumerate(docs)}
    preds = [0.0] * len(rows)
    for k in range(5):
        train = [r for r in rows if fold_of[(r["lp"], r["doc"])] != k]
        model = fit(train, names)
        for i, r in enumerate(rows):
            if fold_of[(r["lp"], r["doc"])] == k:
                preds[i] = predict(model, r)
    return preds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    rows = load_all(args.data)
    out = {"source": "fitted by bench/artifacts_fit_mt.py on wmt21-news-human-vs-mt shared part",
           "artifact_weight": ARTIFACT_WEIGHT, "artifact_note": ARTIFACT_NOTE, "languages": {}}
    print(f"{'pair':<8}{'CV AUC doc':>12}{'CV AUC +ref':>13}")
    for lang, pairs in LANGS.items():
        sel = [r for r in rows if r["lp"] in pairs]
        names = document_features(sel)
        out["languages"][lang] = {"document": fit(sel, names),
                                  "with_reference": fit(sel, (*FLUENCY, "reference_chrf"))}
        cv_doc = cross_validated(sel, names)
        cv_ref = cross_validated(sel, (*FLUENCY, "reference_chrf"))
        for lp in pairs:
            idx = [i for i, r in enumerate(sel) if r["lp"] == lp]
            y = [0 if sel[i]["human"] else 1 for i in idx]
            print(f"{lp:<8}{auc(y, [cv_doc[i] for i in idx]):>12.3f}{auc(y, [cv_ref[i] for i in idx]):>13.3f}")
    if args.write:
        OUT.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
