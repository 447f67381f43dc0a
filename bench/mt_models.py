"""Shared fitting code for the MT-likelihood models (text-only and with the original), WMT21 shared part.

Why a module of its own: ``artifacts_fit_mt.py`` (text alone) and ``mt_with_original.py`` (with the
original) must fit, cross-validate and serialise in exactly the same way, and the package reads what
they write without scikit-learn (``compare/artifacts/likelihood.py``).

- Rows: one per (document, translator) of ``newstest2021.<lp>.shared.jsonl``: the translation's
  fluency and profile features, the with-original features (``compare.artifacts.translation_features``)
  and, with embeddings, per-sentence rows of multilingual-e5-small (the project's
  ``compare.semantic.embeddings``), cached on disk because this machine encodes ~10 sentences a second.
- Folds: ``GroupKFold(5)`` by document.  de-en, en-de and zh-en have no document ids (pseudo-documents
  of 10 consecutive segments): there each group is a run of consecutive pseudo-documents (a fifth of the
  pair), so an article cut in two never sits on both sides of a fold.
- A model is a logistic regression on standardised features, classes weighted to balance; what is
  written is a "linear record" the package scores with plain arithmetic: named weights/means/scales,
  optional weights over mean embedding rows (standardisation folded in) and a centring offset.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from collections import ChainMap, defaultdict
from collections.abc import Mapping
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from artifacts_wmt21 import DEFAULT_DATA, ROOT, auc, load_documents  # noqa: E402

PAIRS = ("ru-en", "de-en", "zh-en", "en-de", "fr-de", "de-fr")
FLUENCY = ("function_words", "commas_per_word", "mean_zipf", "rare_share", "vocabulary_variety", "mean_sentence_words")
FOLDS = 5
CACHE = Path(os.environ.get("COMPARE_BENCH_CACHE", Path.home() / ".cache" / "compare-bench")) / "e5-rows.pkl"


def profile_names(row: dict) -> tuple[str, ...]:
    return tuple(sorted(k for k in row if k.startswith(("fw:", "punct:")) or k in ("contractions", "mean_word_length")))


class EmbeddingCache:
    """Embedding rows by BLAKE2b of the text, kept in one pickle outside the repository (CACHE)."""

    def __init__(self, path: Path = CACHE) -> None:
        self.path = path
        self.rows: dict[bytes, np.ndarray] = pickle.loads(path.read_bytes()) if path.exists() else {}
        self.added = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        from compare.semantic import embeddings

        keys = [hashlib.blake2b(t.encode("utf-8"), digest_size=16).digest() for t in texts]
        todo = sorted({t for t, k in zip(texts, keys, strict=True) if k not in self.rows})
        if todo:
            for start in range(0, len(todo), 256):
                chunk = todo[start:start + 256]
                for text, row in zip(chunk, embeddings.encode(chunk), strict=True):
                    self.rows[hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()] = row
                self.added += len(chunk)
                print(f"  encoded {min(start + 256, len(todo))}/{len(todo)} new sentences", file=sys.stderr, flush=True)
                self.save()
        return np.stack([self.rows[k] for k in keys])

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(self.rows))
        tmp.replace(self.path)


def source_segments(path: Path, pseudo: int = 10) -> dict[str, list[str]]:
    """The original's segments per document, keyed as ``load_documents`` keys them."""
    raw = sorted((json.loads(line) for line in path.open(encoding="utf-8") if line.strip()), key=lambda r: r["line"])
    out: dict[str, list[str]] = defaultdict(list)
    for index, row in enumerate(raw):
        out[row["doc_id"] or f"pseudo{index // pseudo:03d}"].append(row["src"])
    return out


def load_rows(data: Path = DEFAULT_DATA, pairs: tuple[str, ...] = PAIRS, embeddings: bool = True,
              gold_alignment: bool = False, with_originals: bool = False) -> list[dict]:
    """One row per translation: text features, with-original features and (optionally) embedding rows.

    The alignment is computed from the texts (``monotone_alignment``), as a user's set would be,
    unless ``gold_alignment`` (WMT's own 1:1 segments; the figures are the same where counts match).
    ``with_originals`` adds one row per *original* document of each pair, as ``lp`` ``<language>-original``
    (human, no with-original features): the text-only models learn that an untranslated text is no
    machine translation either, and the bench counts how often they say otherwise.
    """
    from compare.artifacts.likelihood import fluency_features, profile_features, word_rates
    from compare.artifacts.translation_features import pair_features

    cache = EmbeddingCache() if embeddings else None
    rows = []
    for lp in pairs:
        path = data / f"newstest2021.{lp}.shared.jsonl"
        if not path.exists():
            continue
        originals = source_segments(path)
        src_lang, tgt_lang = lp.split("-")
        for d in load_documents(path):
            segments = [" ".join(s.split()) for s in d["segments"]]
            original = [" ".join(s.split()) for s in originals[d["doc"]]]
            text = "\n\n".join(segments)
            row = {"lp": lp, "doc": d["doc"], "translator": d["translator"], "human": d["human"], "lang": tgt_lang,
                   "source_lang": src_lang, "segments": segments, "original": original}
            row.update(fluency_features(text, tgt_lang, len(segments)))
            row.update(profile_features(text, tgt_lang))
            row.update(word_rates(text))
            beads = [((i,), (i,)) for i in range(len(segments))] if gold_alignment else None
            row.update(pair_features(original, segments, src_lang, beads))
            rows.append(row)
        if with_originals:
            for doc, segments in sorted(originals.items()):
                segments = [" ".join(s.split()) for s in segments]
                text = "\n\n".join(segments)
                row = {"lp": f"{src_lang}-original", "doc": doc if doc.startswith("pseudo") else f"{lp}:{doc}",
                       "translator": "original", "human": True, "lang": src_lang, "source_lang": "",
                       "segments": segments, "original": []}
                row.update(fluency_features(text, src_lang, len(segments)))
                row.update(profile_features(text, src_lang))
                row.update(word_rates(text))
                rows.append(row)
    if cache is not None:
        add_embeddings(rows, cache)
    return rows


def add_embeddings(rows: list[dict], cache: EmbeddingCache) -> None:
    """Per-sentence [translation row, original row, cosine] matrices and the embedding summary values;
    for the text-only model the rows of at most ``TEXT_ONLY_SENTENCES`` sentences (``_text_sentence``)
    and their mean (``_text_mean``, what ``text_view`` scores)."""
    from compare.artifacts.likelihood import embedded_sentences
    from compare.artifacts.translation_features import embedding_part, monotone_alignment

    texts = sorted({t for r in rows for t in (*r["segments"], *r["original"])})
    vectors = dict(zip(texts, cache.encode(texts), strict=True))

    def encode(batch):
        return np.stack([vectors[t] for t in batch])

    for r in rows:
        # the text-only model reads at most TEXT_ONLY_SENTENCES sentences, as the mt stage embeds them
        r["_text_sentence"] = encode(embedded_sentences(r["segments"])).astype(float)
        r["_text_mean"] = r["_text_sentence"].mean(axis=0)
        if not r["original"]:  # an original document: its own sentence rows alone
            r["translation_mean"] = r["_text_mean"]
            continue
        beads = [(a, b) for a, b in monotone_alignment(r["original"], r["segments"]) if a and b]
        values, means = embedding_part(r["original"], r["segments"], beads, encode)
        r.update(values)
        t = encode([" ".join(r["segments"][j] for j in b) for _, b in beads]).astype(float)
        s = encode([" ".join(r["original"][i] for i in a) for a, _ in beads]).astype(float)
        r["_sentence"] = np.hstack([t, s, np.abs(t - s), (t * s).sum(axis=1, keepdims=True)])
        for name in ("translation_mean", "original_mean", "absdiff_mean"):
            r[name] = means[name]


def text_view(row: dict) -> Mapping[str, object]:
    """The row as the text-only model reads it: ``translation_mean`` is the mean row of the sentences it
    embeds (``_text_mean``, at most ``TEXT_ONLY_SENTENCES``), not the with-original one (every aligned
    sentence), so that cross-validation scores a text as the ``mt`` stage does."""
    return ChainMap({"translation_mean": row["_text_mean"]}, row) if "_text_mean" in row else row


def group_keys(rows: list[dict], folds: int = FOLDS) -> list[str]:
    """Document groups; pseudo-documents are grouped into ``folds`` runs of consecutive ones per pair."""
    pseudo: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["doc"].startswith("pseudo") and r["doc"] not in pseudo[r["lp"]]:
            pseudo[r["lp"]].append(r["doc"])
    order = {lp: {d: i for i, d in enumerate(sorted(docs))} for lp, docs in pseudo.items()}
    keys = []
    for r in rows:
        if r["doc"].startswith("pseudo"):
            keys.append(f"{r['lp']}:run{order[r['lp']][r['doc']] * folds // len(order[r['lp']])}")
        else:
            keys.append(f"{r['lp']}:{r['doc']}")
    return keys


def split(rows: list[dict], folds: int = FOLDS):
    from sklearn.model_selection import GroupKFold

    return list(GroupKFold(folds).split(np.zeros(len(rows)), groups=group_keys(rows, folds)))


def labels(rows: list[dict]) -> np.ndarray:
    return np.array([0 if r["human"] else 1 for r in rows])


def named_matrix(rows: list[dict], names: tuple[str, ...]) -> np.ndarray:
    return np.array([[float(r.get(n, np.nan)) for n in names] for r in rows], dtype=float)


def _standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Means and scales of the columns, NaN (a feature the texts could not inform) set to the mean."""
    means = np.nanmean(np.where(np.isfinite(x), x, np.nan), axis=0)
    means = np.where(np.isnan(means), 0.0, means)
    x = np.where(np.isfinite(x), x, means)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    return (x - means) / scales, means, scales


def _logistic(z: np.ndarray, y: np.ndarray, c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(z, y)


def fit_named(rows: list[dict], names: tuple[str, ...], c: float, vector: str | None = None) -> dict:
    """A document-level linear record over named features, plus the mean rows of ``vector`` if given."""
    x = named_matrix(rows, names)
    if vector:
        x = np.hstack([x, np.stack([r[vector] for r in rows])])
    z, means, scales = _standardise(x)
    model = _logistic(z, labels(rows), c)
    w = model.coef_[0]
    record = {"intercept": float(model.intercept_[0]),
              "weights": {n: float(v) for n, v in zip(names, w[:len(names)], strict=True)},
              "means": {n: float(v) for n, v in zip(names, means[:len(names)], strict=True)},
              "scales": {n: float(v) for n, v in zip(names, scales[:len(names)], strict=True)}}
    if vector:
        k = len(names)
        raw = w[k:] / scales[k:]
        record["intercept"] -= float(raw @ means[k:])
        record["vector_weights"] = {vector: raw}
        record["vector_means"] = {vector: means[k:]}
    return centre(record)


def balance(rows: list[dict]) -> np.ndarray:
    """Sample weights giving each (language pair, human/machine) cell the same total weight, so a
    model pooled over pairs is not ruled by the largest pair or by the machine side (4:1 in WMT21)."""
    keys = [(r["lp"], r["human"]) for r in rows]
    counts = {k: keys.count(k) for k in set(keys)}
    return np.array([len(rows) / len(counts) / counts[k] for k in keys])


def _weighted_logistic(z: np.ndarray, y: np.ndarray, c: float, weights: np.ndarray):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000).fit(z, y, sample_weight=weights)


SENTENCE_BLOCKS = ("translation_mean", "original_mean", "absdiff_mean")


def fit_sentence_embeddings(rows: list[dict], c: float, text_only: bool = False) -> dict:
    """Sentence-level logistic on [translation row, original row, |translation - original|, cosine]
    (``text_only``: the translation's sentence rows alone), every sentence a sample labelled as its
    document and weighted by ``balance``; as a document record it scores the mean of those, i.e. the
    mean rows and ``embed_cos_mean``.  Why sentence level: ten times the samples for 1,153 weights.
    Why |t - s|: per dimension, how far the translation moved from its original, whichever way."""
    key = "_text_sentence" if text_only else "_sentence"
    x = np.vstack([r[key] for r in rows])
    y = np.concatenate([[0 if r["human"] else 1] * len(r[key]) for r in rows])
    weights = np.concatenate([[w / len(r[key])] * len(r[key]) for r, w in zip(rows, balance(rows), strict=True)])
    z, means, scales = _standardise(x)
    model = _weighted_logistic(z, y, c, weights * len(weights) / weights.sum())
    w = model.coef_[0] / scales
    record = {"intercept": float(model.intercept_[0] - w @ means), "weights": {}, "means": {}, "scales": {}}
    if text_only:
        record["vector_weights"] = {"translation_mean": w}
        record["vector_means"] = {"translation_mean": np.mean([r["_text_mean"] for r in rows], axis=0)}
        return centre(record)
    dim = (x.shape[1] - 1) // 3
    record.update({"weights": {"embed_cos_mean": float(w[-1])}, "means": {"embed_cos_mean": 0.0},
                   "scales": {"embed_cos_mean": 1.0}})
    record["vector_weights"] = {name: w[k * dim:(k + 1) * dim] for k, name in enumerate(SENTENCE_BLOCKS)}
    record["vector_means"] = {name: np.mean([r[name] for r in rows], axis=0) for name in SENTENCE_BLOCKS}
    return centre(record)


def fit_words(rows: list[dict], c: float, min_docs: int, keep: int | None = None) -> dict:
    """Word choice: a logistic over the rates of every token and token pair (``likelihood.word_rates``:
    words and punctuation, case kept) found in at least ``min_docs`` training documents, weighted by
    ``balance``.  ``keep``: refit on the ``keep`` tokens with the largest standardised weights, so the
    package data stays small (the selection is part of the fit, so cross-validation sees it)."""
    df: dict[str, int] = defaultdict(int)
    for r in rows:
        for k in r:
            if k.startswith("w:"):
                df[k] += 1
    names = tuple(sorted(k for k, n in df.items() if n >= min_docs))
    x = np.array([[r.get(n, 0.0) for n in names] for r in rows], dtype=float)
    z, means, scales = _standardise(x)
    weights = balance(rows)
    model = _weighted_logistic(z, labels(rows), c, weights * len(weights) / weights.sum())
    if keep is not None and len(names) > keep:
        chosen = np.sort(np.argsort(-np.abs(model.coef_[0]), kind="stable")[:keep])
        names, z, means, scales = tuple(names[i] for i in chosen), z[:, chosen], means[chosen], scales[chosen]
        model = _weighted_logistic(z, labels(rows), c, weights * len(weights) / weights.sum())
    raw = model.coef_[0] / scales  # standardisation folded into the weights: one number per token in the JSON
    return {"intercept": float(model.intercept_[0] - raw @ means),
            "weights": {n: float(v) for n, v in zip(names, raw, strict=True)}, "means": {}, "scales": {}}


def centre(record: dict) -> dict:
    """Move each vector's contribution at the training mean into the intercept (``vector_offset``), so
    the parts a reader sees say how this document's rows differ from the typical one."""
    offset = {k: float(np.asarray(w) @ np.asarray(record["vector_means"][k])) for k, w in record.get("vector_weights", {}).items()}
    if offset:
        record["vector_offset"] = offset
        record["intercept"] += sum(offset.values())
    return record


def score(record: dict, row: dict) -> float:
    """The record's logit for a row (the same arithmetic as compare.artifacts.likelihood)."""
    logit = record["intercept"]
    for name, w in record["weights"].items():
        mean, scale = record["means"].get(name, 0.0), record["scales"].get(name, 1.0) or 1.0
        value = row.get(name, 0.0 if name.startswith(("w:", "fw:", "punct:")) else np.nan)
        value = mean if value is None or not np.isfinite(value) else value
        logit += w * (value - mean) / scale
    for vector, w in record.get("vector_weights", {}).items():
        logit += float(np.asarray(w) @ row[vector]) - record["vector_offset"][vector]
    return float(logit)


def combine(a: dict, b: dict, wa: float, wb: float, c: float) -> dict:
    """The record whose logit is ``c + wa * a + wb * b`` (two linear records stacked, folded into one)."""
    out = {"intercept": c + wa * a["intercept"] + wb * b["intercept"], "weights": {}, "means": {}, "scales": {}}
    for rec, k in ((a, wa), (b, wb)):
        for name, w in rec["weights"].items():
            m, s = rec["means"].get(name, 0.0), rec["scales"].get(name, 1.0) or 1.0
            if name not in out["weights"]:
                out["weights"][name] = k * w
                if name in rec["means"]:
                    out["means"][name], out["scales"][name] = m, s
            else:  # same feature in both: express the second part in the first's standardisation
                m0, s0 = out["means"].get(name, 0.0), out["scales"].get(name, 1.0)
                out["weights"][name] += k * w * s0 / s
                out["intercept"] += k * w * (m0 - m) / s
        for vector, w in rec.get("vector_weights", {}).items():
            out.setdefault("vector_weights", {})
            out.setdefault("vector_means", {})[vector] = rec["vector_means"][vector]
            out["vector_weights"][vector] = out["vector_weights"].get(vector, 0) + k * np.asarray(w)
            out["intercept"] -= k * rec["vector_offset"][vector]
    out.pop("vector_offset", None)
    return centre(out)


def combine_many(records: list[dict], weights: list[float], c: float) -> dict:
    """The record whose logit is ``c + sum(w_k * record_k)``, folded into one (see ``combine``)."""
    out: dict = {"intercept": c, "weights": {}, "means": {}, "scales": {}}
    for record, w in zip(records, weights, strict=True):
        out = combine(out, record, 1.0, w, 0.0)
    return out


def fit_stack(rows: list[dict], fitters: dict[str, object], c_stack: float = 1.0, per_pair: bool = False) -> dict:
    """Component records (``fitters``: name -> fit(train_rows) -> record) weighed by a logistic on
    their out-of-fold logits (inner grouped folds, 4), refitted on all rows and folded into one.
    ``per_pair`` fits the weights on the rows of the pair of ``rows[0]`` alone: components may be
    pooled over the pairs into one language while each pair weighs them its own way."""
    y = labels(rows)
    names = list(fitters)
    oof = np.zeros((len(rows), len(names)))
    for train, test in split(rows, 4):
        records = [fitters[n]([rows[i] for i in train]) for n in names]
        for i in test:
            oof[i] = [score(rec, rows[i]) for rec in records]
    keep = [i for i, r in enumerate(rows) if not per_pair or r["lp"] == per_pair]
    stack = _logistic(oof[keep], y[keep], c_stack)
    records = [fitters[n](rows) for n in names]
    out = combine_many(records, [float(w) for w in stack.coef_[0]], float(stack.intercept_[0]))
    out["stack"] = {n: float(w) for n, w in zip(names, stack.coef_[0], strict=True)}
    return out


def fit_stacked(rows: list[dict], names: tuple[str, ...], c_named: float, c_sentence: float, c_stack: float = 1.0) -> dict:
    """Named-feature model and sentence-embedding model, weighed by a logistic on their out-of-fold
    logits (inner grouped folds), folded into one record."""
    y = labels(rows)
    oof = np.zeros((len(rows), 2))
    for train, test in split(rows, 4):
        tr = [rows[i] for i in train]
        a, b = fit_named(tr, names, c_named), fit_sentence_embeddings(tr, c_sentence)
        for i in test:
            oof[i] = score(a, rows[i]), score(b, rows[i])
    stack = _logistic(oof, y, c_stack)
    wa, wb = stack.coef_[0]
    a, b = fit_named(rows, names, c_named), fit_sentence_embeddings(rows, c_sentence)
    out = combine(a, b, float(wa), float(wb), float(stack.intercept_[0]))
    out["stack"] = {"named": float(wa), "sentence_embeddings": float(wb)}
    return out


def cross_validated(rows: list[dict], fit, folds: int = FOLDS) -> np.ndarray:
    """Out-of-fold logits: ``fit(train_rows) -> record`` refitted per fold, folds grouped by document."""
    out = np.zeros(len(rows))
    for train, test in split(rows, folds):
        record = fit([rows[i] for i in train])
        for i in test:
            out[i] = score(record, rows[i])
    return out


def auc_by_pair(rows: list[dict], logits: np.ndarray) -> dict[str, float]:
    y = labels(rows)
    out = {}
    for lp in dict.fromkeys(r["lp"] for r in rows):
        idx = [i for i, r in enumerate(rows) if r["lp"] == lp]
        if len(set(y[idx])) == 2:  # originals alone have one class: no AUC
            out[lp] = round(auc(list(y[idx]), list(logits[idx])), 3)
    return out


def to_json(record: dict, digits: int = 6) -> dict:
    """Rounded, JSON-ready copy (vectors as lists)."""
    def r(v):
        if isinstance(v, dict):
            return {k: r(x) for k, x in v.items()}
        if isinstance(v, np.ndarray | list | tuple):
            return [round(float(x), digits) for x in v]
        return round(float(v), digits) if isinstance(v, float | np.floating) else v

    return r(record)


__all__ = ["DEFAULT_DATA", "FLUENCY", "PAIRS", "ROOT", "auc_by_pair", "balance", "combine_many", "cross_validated",
           "fit_named", "fit_sentence_embeddings", "fit_stack", "fit_stacked", "fit_words", "load_rows", "profile_names",
           "score", "text_view", "to_json"]
