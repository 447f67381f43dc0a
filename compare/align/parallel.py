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


def _groups(n: int, size: int) -> list[tuple[int, ...]]:
    return [tuple(range(i, i + size)) for i in range(n - size + 1)]


def align_parallel(
    a: SignalMatrices,
    b: SignalMatrices,
    len_a: Sequence[int],
    len_b: Sequence[int],
    settings: ParallelSettings | None = None,
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """Beads ``(a indices, b indices, similarity)`` in order; similarity is 0 for 1-0 / 0-1 beads."""
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
    cum_a = np.concatenate([[0.0], np.cumsum(la)])
    cum_b = np.concatenate([[0.0], np.cumsum(lb)])

    # Dissimilarity of each sentence from its band neighbours (1-1 cells), for normalising.
    cells_i = np.concatenate([np.full(max(hi[i + 1] - max(lo[i + 1], 1), 0), i) for i in range(na)])
    cells_j = np.concatenate([np.arange(max(lo[i + 1], 1), hi[i + 1]) - 1 for i in range(na)])
    sim11, _ = a.rowwise(b, cells_i, cells_j)
    mean_a, sd_a = _stats(cells_i, sim11, na)
    mean_b, sd_b = _stats(cells_j, sim11, nb)
    # The neighbour statistics of every window a bead can cover, once: a bead's row reads them many times.
    starts_b = np.arange(nb)
    window_a = {p: (_slice_means(mean_a, p), _slice_means(sd_a, p)) for p in sizes if p > 0}
    window_b = {q: (_window_mean(mean_b, starts_b, q), _window_mean(sd_b, starts_b, q)) for q in sizes if q > 0}

    # Similarity of every band cell for every bead type, computed up front in one vectorised call per type.
    cell_sims: dict[tuple[int, int], list[np.ndarray]] = {}
    cell_costs: dict[tuple[int, int], list[np.ndarray]] = {}
    for p, q in BEADS:
        if p == 0 or q == 0 or merged_a.get(p) is None or merged_b.get(q) is None:
            continue
        rows_i, rows_j, spans = [], [], []
        for i in range(na + 1):
            cols = np.arange(lo[i], hi[i])
            if i - p < 0:
                spans.append(0)
                continue
            valid = cols[(cols - q >= 0) & (cols - q <= nb - q)]
            rows_i.append(np.full(len(valid), i - p))
            rows_j.append(valid - q)
            spans.append(len(valid))
        left = np.concatenate(rows_i) if rows_i else np.zeros(0, dtype=np.int64)
        right = np.concatenate(rows_j) if rows_j else np.zeros(0, dtype=np.int64)
        sims, _ = merged_a[p].rowwise(merged_b[q], left, right)
        cuts = np.cumsum(spans)[:-1]
        cell_sims[(p, q)] = np.split(sims, cuts)
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
        cell_costs[(p, q)] = np.split(-gain, cuts)

    inf = np.inf
    cost_rows: list[np.ndarray] = []
    back_rows: list[np.ndarray] = []
    sims_rows: list[np.ndarray] = []
    first = np.full(hi[0] - lo[0], inf)
    first[0] = 0.0
    first_back = np.full(hi[0] - lo[0], 2, dtype=np.int8)  # 0-1 moves along row 0
    first[1:] = settings.skip_cost * np.arange(1, hi[0] - lo[0])
    cost_rows.append(first)
    back_rows.append(first_back)
    sims_rows.append(np.zeros(hi[0] - lo[0]))

    def previous(row: int, cols: np.ndarray) -> np.ndarray:
        out = np.full(len(cols), inf)
        if row < 0:
            return out
        rel = cols - lo[row]
        ok = (rel >= 0) & (cols < hi[row])
        out[ok] = cost_rows[row][rel[ok]]
        return out

    for i in range(1, na + 1):
        cols = np.arange(lo[i], hi[i])
        best = np.full(len(cols), inf)
        best_type = np.full(len(cols), 1, dtype=np.int8)
        best_sim = np.zeros(len(cols))
        for t, (p, q) in enumerate(BEADS):
            if p == 0 or i - p < 0:
                continue
            prev = previous(i - p, cols - q)
            if q == 0:
                cost = prev + settings.skip_cost * p
                sim = np.zeros(len(cols))
            else:
                if (p, q) not in cell_sims:
                    continue
                valid = (cols - q >= 0) & (cols - q <= nb - q)
                finite = np.isfinite(prev[valid])
                ok = valid.copy()
                ok[valid] = finite
                if not finite.any():
                    continue
                cost = np.full(len(cols), inf)
                sim = np.zeros(len(cols))
                cost[ok] = prev[ok] + cell_costs[(p, q)][i][finite] + (settings.merge_penalty if p + q > 2 else 0.0)
                sim[ok] = cell_sims[(p, q)][i][finite]
            better = cost < best
            best[better] = cost[better]
            best_type[better] = t
            best_sim[better] = sim[better]
        # 0-1 moves within the row: D[j] = min_k<=j (X[k] + skip * (j - k)), a prefix min-scan.
        steps = settings.skip_cost * np.arange(len(cols))
        shifted = best - steps
        running = np.minimum.accumulate(shifted)
        marks = np.where(shifted <= running, np.arange(len(cols)), 0)
        source = np.maximum.accumulate(marks)
        final = running + steps
        types = np.where(source == np.arange(len(cols)), best_type, 2).astype(np.int8)
        cost_rows.append(final)
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
