"""compare.ter's one-hypothesis cost matrix and beam bound agree with the batch beam programme and with the
bound's definition: TER's shift search reads both, so a slip in either changes the TER a report prints."""

from __future__ import annotations

import random

import numpy as np

from compare.ter import _INFINITY, _beam, _cost_matrix, _programme, beam_bound


def _bound_by_definition(n_hyp: int, n_ref: int) -> int:
    """The least |i - j| + |(n_hyp - i) - (n_ref - j)| over every cell (i, j) outside the beam."""
    costs = [abs(i - j) + abs((n_hyp - i) - (n_ref - j))
             for i, (low, high) in enumerate(_beam(n_hyp, n_ref), start=1)
             for j in range(n_ref + 1) if not low <= j < high]
    return min(costs, default=int(_INFINITY))


def test_the_beam_bound_is_the_least_cost_outside_the_beam():
    sizes = [(h, r) for h in range(1, 70) for r in range(1, 70)] + [(1, 200), (200, 1), (150, 20), (20, 150)]
    assert [beam_bound(h, r) for h, r in sizes] == [_bound_by_definition(h, r) for h, r in sizes]


def test_one_hypothesis_cost_matrix_is_the_beam_programme_s_and_a_shift_reuses_its_rows():
    rng = random.Random(24)
    for _ in range(300):
        n_hyp, n_ref = rng.randint(1, 80), rng.choice([rng.randint(1, 80), rng.randint(1, 6)])
        words = rng.randint(2, 25)
        hyp = np.array([rng.randrange(words) for _ in range(n_hyp)], dtype=np.int64)
        ref = np.array([rng.randrange(words) for _ in range(n_ref)], dtype=np.int64)
        costs = _cost_matrix(hyp, ref)
        assert np.array_equal(costs, _programme(hyp[None, :], ref)[2][0])
        if n_hyp > 2:  # move one word to the end: the rows before it are copied from the unshifted matrix
            at = rng.randrange(n_hyp - 1)
            shifted = np.concatenate([hyp[:at], hyp[at + 1:], hyp[at:at + 1]])
            assert np.array_equal(_cost_matrix(shifted, ref, hyp, costs), _programme(shifted[None, :], ref)[2][0])
