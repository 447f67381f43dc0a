"""Parallel alignment: a translation against its original, mostly in order.

Dynamic programming over "beads" (1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 3-1, 1-3), as
Gale-Church, vecalign and bertalign do, restricted to a band around the
length-proportional diagonal so that time and memory grow with the number of
sentences, not its square.  A bead's cost is vecalign's normalised cost: one
minus the similarity of the merged sentences, divided by how dissimilar each
side is on average from its band neighbours (so a language pair whose
similarities all run low is not punished), times the sentences it covers,
plus a length-ratio term.  Each DP row is filled with numpy: the 0-1 moves
inside a row form a min-plus prefix scan, done with ``np.minimum.accumulate``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from compare.align.similarity import SignalMatrices

GALE_CHURCH_VARIANCE = 6.8
"""Variance of target characters per source character, as Gale and Church (1993) estimated it."""

BEADS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))


@dataclass(frozen=True)
class ParallelSettings:
    """The knobs of the parallel aligner; recorded in the signature."""

    skip_cost: float = 0.0
    merge_penalty: float = 0.3
    length_weight: float = 0.7
    sim_weight: float = 0.6
    base_gain: float = 1.5
    z_cap: float = 10.0
    band_min: int = 30
    band_share: float = 0.06

    def signature(self) -> str:
        return (f"parallel|skip:{self.skip_cost:g}|merge:{self.merge_penalty:g}|len:{self.length_weight:g}"
                f"|sim:{self.sim_weight:g}|base:{self.base_gain:g}|zcap:{self.z_cap:g}"
                f"|band:{self.band_min}+{self.band_share:g}n")


def _band(na: int, nb: int, settings: ParallelSettings) -> tuple[np.ndarray, np.ndarray]:
    """Per DP row i (0..na), the half-open range of columns j considered."""
    width = settings.band_min + int(settings.band_share * max(na, nb)) + abs(na - nb) // 2
    rows = np.arange(na + 1)
    centre = np.round(rows * (nb / max(na, 1))).astype(np.int64)
    lo = np.clip(centre - width, 0, nb)
    hi = np.clip(centre + width + 1, 0, nb + 1)
    return lo, hi


def _stats(index: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation of each sentence's similarities to its band neighbours."""
    count = np.maximum(np.bincount(index, minlength=n), 1)
    mean = np.bincount(index, weights=values, minlength=n) / count
    square = np.bincount(index, weights=values * values, minlength=n) / count
    sd = np.sqrt(np.maximum(square - mean * mean, 0.0))
    return mean, np.maximum(sd, 0.02)


def _window_mean(values: np.ndarray, start: np.ndarray, size: int) -> np.ndarray:
    return np.mean([values[np.minimum(start + k, len(values) - 1)] for k in range(size)], axis=0)


def _slice_means(values: np.ndarray, size: int) -> np.ndarray:
    """``values[i:i + size].mean()`` for every i, in one call (numpy reduces each row as it reduces a slice)."""
    if size > len(values):
        return np.zeros(0)
    return np.ascontiguousarray(np.lib.stride_tricks.sliding_window_view(values, size)).mean(axis=1)


def _band_cells(rows: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every cell (row, column) with ``start[k] <= column < end[k]`` for row ``rows[k]``, row by row: the band as
    two flat index arrays, built in a few numpy calls instead of one small array per row."""
    counts = np.maximum(end - start, 0).astype(np.int64)
    first = np.cumsum(counts) - counts
    cells_rows = np.repeat(rows.astype(np.int64), counts)
    cells_cols = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(first, counts) + np.repeat(
        start.astype(np.int64), counts)
    return cells_rows, cells_cols


def _groups(n: int, size: int) -> list[tuple[int, ...]]:
    return [tuple(range(i, i + size)) for i in range(n - size + 1)]


def align_parallel(
    a: SignalMatrices,
    b: SignalMatrices,
    len_a: Sequence[int],
    len_b: Sequence[int],
    settings: ParallelSettings | None = None,
    paragraphs: tuple[Sequence[int], Sequence[int]] | None = None,
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Beads ``(a indices, b indices, similarity)`` in order; similarity is 0 for 1-0 / 0-1 beads.

    ``paragraphs``: per sentence of each side, the number of the paragraph it stands in, counted alike on both
    sides (0, 1, 2 ... in order: ``compare.align.order.paragraph_steps``); a bead then pairs sentences of one and
    the same paragraph number only (a sentence may still be left unpaired).  As Gale and Church aligned
    paragraphs before the sentences within them: where two texts keep one paragraph layout, a bead across a
    paragraph break joins the end of one paragraph to the next one's start, which a rendering hardly ever does."""
    settings = settings or ParallelSettings()
    na, nb = a.size, b.size
    if na == 0 or nb == 0:
        return [((i,), (), 0.0) for i in range(na)] + [((), (j,), 0.0) for j in range(nb)]
    lo, hi = _band(na, nb, settings)
    la = np.asarray(len_a, dtype=float) + 1.0
    lb = np.asarray(len_b, dtype=float) + 1.0
    rate = lb.sum() / la.sum()
    sizes = sorted({p for p, _ in BEADS} | {q for _, q in BEADS})
    merged_a = {k: (a if k == 1 else a.merged(_groups(na, k))) for k in sizes if 0 < k <= na}
    merged_b = {k: (b if k == 1 else b.merged(_groups(nb, k))) for k in sizes if 0 < k <= nb}
    ordinal_a, ordinal_b = (np.asarray(x, dtype=np.int64) for x in paragraphs) if paragraphs else (None, None)
    cum_a = np.concatenate([[0.0], np.cumsum(la)])
    cum_b = np.concatenate([[0.0], np.cumsum(lb)])

    # Dissimilarity of each sentence from its band neighbours (1-1 cells), for normalising.
    cells_i, cells_j = _band_cells(np.arange(na), np.maximum(lo[1:], 1), hi[1:])
    cells_j = cells_j - 1
    sim11, _ = a.rowwise(b, cells_i, cells_j)
    mean_a, sd_a = _stats(cells_i, sim11, na)
    mean_b, sd_b = _stats(cells_j, sim11, nb)
    # The neighbour statistics of every window a bead can cover, once: a bead's row reads them many times.
    starts_b = np.arange(nb)
    window_a = {p: (_slice_means(mean_a, p), _slice_means(sd_a, p)) for p in sizes if p > 0}
    window_b = {q: (_window_mean(mean_b, starts_b, q), _window_mean(sd_b, starts_b, q)) for q in sizes if q > 0}

    # The band as one flat array, row by row: row i holds columns lo[i] .. hi[i] - 1 at offsets[i] onwards.
    inf = np.inf
    offsets = np.concatenate([[0], np.cumsum(hi - lo)]).astype(np.int64)
    band_rows, band_cols = _band_cells(np.arange(na + 1), lo, hi)
    total = int(offsets[-1])
    # Per bead type and band cell, fixed before the programme runs: where in the flat cost array the cell it
    # comes from sits (``total``, a cell that stays infinite, when that is outside the band), the bead's cost
    # there and its similarity.  A bead type that cannot occur stays infinite.
    source_cell = np.full((len(BEADS), total), total, dtype=np.int64)
    bead_cost = np.full((len(BEADS), total), inf)
    bead_sim = np.zeros((len(BEADS), total))
    penalty = np.zeros(len(BEADS))
    for t, (p, q) in enumerate(BEADS):
        if p == 0 or (q > 0 and (merged_a.get(p) is None or merged_b.get(q) is None)):
            continue
        rows, cols = band_rows - p, band_cols - q
        inside = rows >= 0
        rows = np.where(inside, rows, 0)
        inside &= (cols >= lo[rows]) & (cols < hi[rows])
        source_cell[t, inside] = offsets[rows[inside]] + cols[inside] - lo[rows[inside]]
        if q == 0:
            bead_cost[t] = settings.skip_cost * p
            continue
        penalty[t] = settings.merge_penalty if p + q > 2 else 0.0
        # Row i's cells j in [lo[i], hi[i]) with q <= j <= nb, as (i - p, j - q): rows below p have none.
        left, right = _band_cells(np.arange(na + 1 - p), np.maximum(lo[p:], q), np.minimum(hi[p:], nb + 1))
        right = right - q
        sims, _ = merged_a[p].rowwise(merged_b[q], left, right)
        # Each cell's bead cost does not depend on the programme: computed here for the whole band at once, the
        # same element-wise arithmetic as cell by cell (how far the similarity stands above what these
        # sentences get from their neighbours, and how far the lengths stray from the expected ratio).
        centre = (window_a[p][0][left] + window_b[q][0][right]) / 2
        spread = (window_a[p][1][left] + window_b[q][1][right]) / 2
        z = (sims - centre) / spread
        length_a = cum_a[left + p] - cum_a[left]
        length_b = cum_b[right + q] - cum_b[right]
        delta = (length_b - length_a * rate) / np.sqrt(length_a * GALE_CHURCH_VARIANCE)
        gain = (settings.base_gain + settings.sim_weight * np.clip(z, -2.0, settings.z_cap)
                - settings.length_weight * delta * delta / 2)
        cells = offsets[left + p] + right + q - lo[left + p]
        if ordinal_a is not None:  # every sentence of the bead in one paragraph number, the same on both sides
            same = ((ordinal_a[left] == ordinal_a[left + p - 1]) & (ordinal_b[right] == ordinal_b[right + q - 1])
                    & (ordinal_a[left] == ordinal_b[right]))
            gain = np.where(same, gain, -inf)
        bead_cost[t, cells] = -gain
        bead_sim[t, cells] = sims

    costs = np.full(total + 1, inf)
    back_rows: list[np.ndarray] = []
    sims_rows: list[np.ndarray] = []
    first = np.full(hi[0] - lo[0], inf)
    first[0] = 0.0
    first_back = np.full(hi[0] - lo[0], 2, dtype=np.int8)  # 0-1 moves along row 0
    first[1:] = settings.skip_cost * np.arange(1, hi[0] - lo[0])
    costs[:offsets[1]] = first
    back_rows.append(first_back)
    sims_rows.append(np.zeros(hi[0] - lo[0]))

    for i in range(1, na + 1):
        s, e = int(offsets[i]), int(offsets[i + 1])
        width = np.arange(e - s)
        # Every bead type's cost at once, added in the order cell by cell adds it: (previous + bead) + penalty.
        candidates = costs[source_cell[:, s:e]] + bead_cost[:, s:e]
        candidates += penalty[:, None]
        chosen = np.argmin(candidates, axis=0)  # the first bead type on a tie, as a strict "<" scan keeps it
        best = candidates[chosen, width]
        reached = np.isfinite(best)
        best_type = np.where(reached, chosen, 1).astype(np.int8)
        best_sim = np.where(reached, bead_sim[chosen, s + width], 0.0)
        # 0-1 moves within the row: D[j] = min_k<=j (X[k] + skip * (j - k)), a prefix min-scan.
        steps = settings.skip_cost * width
        shifted = best - steps
        running = np.minimum.accumulate(shifted)
        marks = np.where(shifted <= running, width, 0)
        source = np.maximum.accumulate(marks)
        costs[s:e] = running + steps
        types = np.where(source == width, best_type, 2).astype(np.int8)
        back_rows.append(types)
        sims_rows.append(best_sim)

    beads: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    i, j = na, nb
    if not (lo[na] <= nb < hi[na]):
        raise ValueError("band does not reach the end of both texts")
    while i > 0 or j > 0:
        rel = j - lo[i]
        p, q = BEADS[back_rows[i][rel]]
        sim = float(sims_rows[i][rel]) if p and q else 0.0
        beads.append((tuple(range(i - p, i)), tuple(range(j - q, j)), sim))
        i, j = i - p, j - q
    beads.reverse()
    return beads
