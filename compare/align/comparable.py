"""Comparable alignment: reports by different outlets, statements reordered, merged, split or missing.

No order is assumed.  A pair of sentences is linked when its similarity
clears an absolute floor and it is (nearly) the best match of at least one of
its two sentences: "nearly" lets one sentence link to the two or three
sentences that together carry what it says (a one-to-many link), while the
floor keeps sentences that no other report carries unlinked.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ComparableSettings:
    """Thresholds of the comparable aligner (recorded in the signature)."""

    threshold: float = 0.22
    margin: float = 0.9
    strong: float = 0.45

    def signature(self) -> str:
        return f"comparable|threshold:{self.threshold:g}|margin:{self.margin:g}|strong:{self.strong:g}"


def align_comparable(similarity: np.ndarray, settings: ComparableSettings | None = None) -> list[tuple[int, int]]:
    """Linked (row, column) pairs of a similarity matrix, sorted.

    A pair is kept when it reaches ``threshold`` and is within ``margin`` of
    the best score of its row or of its column, or when it reaches ``strong``
    whatever else the sentences match.
    """
    settings = settings or ComparableSettings()
    if similarity.size == 0:
        return []
    row_best = similarity.max(axis=1, keepdims=True)
    col_best = similarity.max(axis=0, keepdims=True)
    near_best = (similarity >= settings.margin * row_best) | (similarity >= settings.margin * col_best)
    keep = (similarity >= settings.threshold) & near_best
    keep |= similarity >= settings.strong
    return [(int(i), int(j)) for i, j in np.argwhere(keep)]


def monotone_share(links: list[tuple[int, int]]) -> float:
    """Share of consecutive links (ordered by the first side) whose second side does not go back.

    Near 1 for a translation against its original; lower for reports that
    order the same facts differently.
    """
    if len(links) < 2:
        return 0.0
    ordered = sorted(links)
    steps = np.diff(np.asarray([j for _, j in ordered]))
    return float(np.mean(steps >= 0))
