"""Similarity of a given sentence pair from lexical signals, the e5 cosine and synonym-aware overlap.

Why a fitted combination: e5's cosine alone ranks STS-B pairs well (Pearson
0.866 on dev) but is bunched (unrelated news sentences already score 0.75),
and alone it decides MSRP's "same statement?" less well than with the
wording beside it (10-fold CV accuracy 0.729 alone, 0.765 combined).  A
logistic model over all the signals, fitted on MSRP train (the question
`compare pairs` answers: do these state the same thing?), weighs them; an
affine map fitted on STS-B train puts the result on STS's scale (gold / 5,
so 1 = same meaning, 0 = unrelated), clipped to 0-1; ``same`` is yes from the
threshold that maximises MSRP train accuracy.  In the fit the e5 cosine
carries most of the weight and character n-grams most of the rest; the other
signals' weights are near zero (they move with those two), and every signal
stays in the output so a reader can see why two sentences scored as they did.

The coefficients live in ``data/pair_model.json``, written by
``bench/semantic_fit_pairs.py --write`` with the data files, folds and
cross-validated figures they came from.  Nothing here needs scikit-learn.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources

import numpy as np

MODEL_FILE = "pair_model.json"
FEATURES = ("lexical", "char", "lemma", "entities", "numbers", "semantic", "synonyms")
"""Model inputs: the lexical backend's combined similarity and its four signals, the e5 cosine, synonym overlap."""


@lru_cache(maxsize=1)
def model() -> dict:
    """The fitted coefficients and how they were fitted (``data/pair_model.json``)."""
    text = resources.files("compare.semantic").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def semantic_features(
    texts_a: Sequence[str], texts_b: Sequence[str], language: str,
    encode: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """``semantic`` (cosine of the e5 rows of each pair) and ``synonyms`` (WordNet-aware word overlap).

    ``encode`` defaults to :func:`compare.semantic.embeddings.encode`; benches
    pass one backed by their disk cache, which returns the same rows.
    """
    from compare.align.features import bag
    from compare.align.semantic import synonym_overlap

    if encode is None:
        from compare.semantic.embeddings import encode
    n = len(texts_a)
    rows = encode(list(texts_a) + list(texts_b))
    cosine = np.einsum("ij,ij->i", rows[:n].astype(np.float64), rows[n:].astype(np.float64))
    overlap = np.asarray([
        synonym_overlap([bag(a, language).lemmas], [bag(b, language).lemmas], language)[0, 0]
        for a, b in zip(texts_a, texts_b, strict=True)
    ], dtype=np.float64)
    return {"semantic": cosine, "synonyms": overlap}


def combine(features: dict[str, np.ndarray], coefficients: dict | None = None) -> np.ndarray:
    """Similarity 0-1: ``clip(bias + sum(weight * feature), 0, 1)`` with the fitted weights (in FEATURES order)."""
    fitted = coefficients or model()
    linear = np.full(len(features[FEATURES[0]]), float(fitted["bias"]))
    for name, weight in zip(fitted["features"], fitted["weights"], strict=True):
        linear += float(weight) * np.asarray(features[name], dtype=np.float64)
    return np.clip(linear, 0.0, 1.0)


def same_threshold() -> float:
    """Similarity from which two sentences count as stating the same thing (MSRP train, see the model file)."""
    return float(model()["threshold"])


def signature() -> str:
    """``pairs:semantic|model:<sha>`` style record of the fitted model, for the output and caches."""
    import hashlib

    digest = hashlib.blake2b(json.dumps(model(), sort_keys=True).encode(), digest_size=4).hexdigest()
    return f"pairs:semantic|model:{digest}"
