"""Similarity of given sentence pairs (paraphrase / STS test sets, `compare pairs`).

The same backends and signals as alignment, computed for the listed pairs
only (one vectorised pass).  ``same`` is the tool's yes/no on "these state
the same thing": similarity at or above the backend's ``SAME_THRESHOLD``,
which bench/align_msrp.py chose by cross-validation on MSRP train.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from compare.align.backends import get_backend
from compare.align.similarity import STRICT_EITHER_PRESENT

PAIR_COLUMNS = ("id", "similarity", "same")


def score_pairs(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    ids: Sequence[str] | None = None,
    backend: str = "default",
    language: str = "en",
    threshold: float | None = None,
) -> list[dict]:
    """One row per pair: id, similarity, same ("yes"/"no") and ``signal_<name>`` per signal."""
    if len(texts_a) != len(texts_b):
        raise ValueError("texts_a and texts_b differ in length")
    engine = get_backend(backend)
    threshold = engine.SAME_THRESHOLD if threshold is None else threshold
    n = len(texts_a)
    if n == 0:
        return []
    matrices = engine.prepare(list(texts_a) + list(texts_b), [language] * (2 * n))
    matrices = dataclasses.replace(matrices, either_present=STRICT_EITHER_PRESENT)
    index = np.arange(n)
    similarity, signals = matrices.rowwise(matrices, index, index + n)
    ids = list(ids) if ids is not None else [str(k + 1) for k in range(n)]
    rows = []
    for k in range(n):
        row = {"id": ids[k], "similarity": round(float(similarity[k]), 4),
               "same": "yes" if similarity[k] >= threshold else "no"}
        row |= {f"signal_{name}": round(float(values[k]), 4) for name, values in sorted(signals.items())}
        rows.append(row)
    return rows
