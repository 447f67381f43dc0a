"""Sentence similarity from several signals, each kept visible, computed as sparse matrix products.

A :class:`SignalMatrices` holds one weighted row per sentence for each
signal.  Similarity of two sets of sentences is, per signal, the cosine of
their rows (one sparse product); the combined similarity is the weighted mean
of the signals that both sentences carry (a sentence without numbers is not
penalised for the other's numbers).  Rows can be summed to score a merged
group of sentences (the 2-1 and 1-2 beads of parallel alignment) without
re-reading any text.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy import sparse

SIGNALS = ("char", "lemma", "entities", "numbers")
"""Signal names, in the order they are reported."""

DEFAULT_WEIGHTS: dict[str, float] = {"char": 0.5, "lemma": 0.3, "entities": 0.1, "numbers": 0.1}
"""How much each signal counts in the combined similarity (only signals both sentences carry count)."""

STRICT_EITHER_PRESENT = frozenset({"numbers"})
"""For "same thing?" judgements (`compare pairs`): signals counted when either sentence has features for
them, so a number on one side only counts against.  Alignment leaves this empty: a partial statement
that drops a number still links."""

BLOCK_ROWS = 64
"""Rows per block in :meth:`SignalMatrices.rowwise`."""

FULL_PRODUCT_CELLS = 1 << 16
""":meth:`SignalMatrices.rowwise` on sparse rows: up to this many cells, one product of the whole matrices
(a few calls) costs less than a product per block of the band (a few calls per block)."""

ALWAYS_PRESENT = frozenset({"char"})
"""Signals counted even when a sentence has no features for them (a 0 is then real evidence)."""


def _row_norms(matrix) -> np.ndarray:
    if sparse.issparse(matrix):
        return np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    return np.linalg.norm(matrix, axis=1)


def _normalise(matrix):
    norms = _row_norms(matrix)
    inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
    if sparse.issparse(matrix):
        return sparse.diags(inv) @ matrix
    return matrix * inv[:, None]


def _block_diagonal(matrices: Sequence[sparse.csr_matrix]) -> sparse.csr_matrix:
    """Sparse matrices as the blocks of one block-diagonal CSR matrix, each row's entries in their stored order.

    Row-wise arithmetic on the whole (norms, scaling, products) then does, row
    by row, exactly the sums it does on each block: one scipy call instead of one per signal.
    """
    data, indices, indptr = [], [], [np.zeros(1, dtype=np.int64)]
    columns = entries = 0
    for matrix in matrices:
        start, end = int(matrix.indptr[0]), int(matrix.indptr[-1])
        data.append(matrix.data[start:end])
        indices.append(matrix.indices[start:end].astype(np.int64) + columns)
        indptr.append(matrix.indptr[1:].astype(np.int64) - start + entries)
        columns += matrix.shape[1]
        entries += end - start
    rows = sum(matrix.shape[0] for matrix in matrices)
    return sparse.csr_matrix((np.concatenate(data), np.concatenate(indices), np.concatenate(indptr)),
                             shape=(rows, columns))


@dataclass(frozen=True)
class SignalMatrices:
    """One weighted feature row per sentence for each signal (sparse, or dense for embeddings)."""

    raw: Mapping[str, object]
    weights: Mapping[str, float]
    either_present: frozenset[str] = frozenset()

    @property
    def size(self) -> int:
        return next(iter(self.raw.values())).shape[0]

    def take(self, rows: Sequence[int]) -> SignalMatrices:
        """The rows of some sentences, e.g. one source's, in the given order.

        The event's matrices are normalised once and the taken rows carry
        their share along (a row's unit-length form does not depend on the
        other rows), and the same rows taken again are the same object: an
        event of n sources takes each source's rows n - 1 times, once per pair.
        """
        index = np.asarray(rows, dtype=np.int64)
        memo = self.__dict__.setdefault("_taken_memo", {})
        key = index.tobytes()
        found = memo.get(key)
        if found is not None:
            return found
        contiguous = len(index) > 0 and bool(np.all(np.diff(index) == 1))
        pick = slice(int(index[0]), int(index[-1]) + 1) if contiguous else index
        normalised, present = self.normalised, self.present
        taken = SignalMatrices({k: m[pick] for k, m in self.raw.items()}, self.weights, self.either_present)
        taken.__dict__["normalised"] = {k: m[pick] for k, m in normalised.items()}
        taken.__dict__["present"] = {k: v[index] for k, v in present.items()}
        memo[key] = taken
        return taken

    def merged(self, groups: Sequence[Sequence[int]]) -> SignalMatrices:
        """Rows for groups of sentences read as one (summed features), for many-to-one beads.

        The same groups asked again give the same object (and so its stacked, normalised rows): parallel
        alignment merges each source's windows once per pair it is in.
        """
        memo = self.__dict__.setdefault("_merged_memo", {})
        key = tuple(tuple(members) for members in groups)
        found = memo.get(key)
        if found is None:
            found = memo[key] = self._merge(groups)
        return found

    def _merge(self, groups: Sequence[Sequence[int]]) -> SignalMatrices:
        n = self.size
        rows = [g for g, members in enumerate(groups) for _ in members]
        cols = [m for members in groups for m in members]
        summer = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(groups), n))
        out = {}
        for key, matrix in self.raw.items():
            product = summer @ matrix
            out[key] = product if sparse.issparse(matrix) else np.asarray(product)
        return SignalMatrices(out, self.weights, self.either_present)

    @cached_property
    def normalised(self) -> dict[str, object]:
        """Rows scaled to unit length per signal (cached: the aligners ask many times)."""
        out = {}
        for key, matrix in self.raw.items():
            norm = _normalise(matrix)
            out[key] = norm.tocsr() if sparse.issparse(norm) else norm
        return out

    @cached_property
    def present(self) -> dict[str, np.ndarray]:
        return {key: _row_norms(matrix) > 0 for key, matrix in self.raw.items()}

    def _present(self, key: str) -> np.ndarray:
        return self.present[key]

    def _stackable(self, other: SignalMatrices) -> bool:
        """Small enough, and sparse in every signal, to compare all signals in one product."""
        return (self.size * other.size <= FULL_PRODUCT_CELLS
                and all(sparse.issparse(self.raw[k]) and sparse.issparse(other.raw[k]) for k in self.weights))

    @cached_property
    def _stacked(self) -> sparse.csr_matrix:
        """The unit-length rows of every weighted signal as one block-diagonal matrix (signal by signal).

        Rows already normalised (taken from the event's matrices) are only
        stacked; otherwise (merged rows) the raw rows are stacked and
        normalised in one go, as :func:`_normalise` does per signal, and their
        norms give :attr:`present` on the way.
        """
        keys = list(self.weights)
        if "normalised" in self.__dict__:
            return _block_diagonal([self.normalised[k] for k in keys])
        raw = _block_diagonal([self.raw[k].tocsr() for k in keys])
        norms = _row_norms(raw)
        if "present" not in self.__dict__ and set(keys) == set(self.raw):
            n = self.size
            self.__dict__["present"] = {k: norms[i * n:(i + 1) * n] > 0 for i, k in enumerate(keys)}
        inv = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        return (sparse.diags(inv) @ raw).tocsr()

    def _cosines(self, other: SignalMatrices, key: str) -> np.ndarray:
        """Every row of self against every row of other for one signal, dense; kept for the same ``other``.

        Parallel alignment asks for the band of a pair whose full matrix the
        mode decision has just computed.  Small sparse pairs get every signal
        from one product of the stacked rows (the diagonal blocks).
        """
        # Keyed by the other rows' identity, held weakly: no reference cycle keeps a pair's matrices alive.
        memo = self.__dict__.setdefault("_cosine_memo", {})
        found = memo.get((id(other), key))
        if found is not None and found[0]() is other:
            return found[1]
        if self._stackable(other):
            product = (self._stacked @ other._stacked.T).toarray()
            n, m = self.size, other.size
            for k, name in enumerate(self.weights):
                memo[(id(other), name)] = (weakref.ref(other), product[k * n:(k + 1) * n, k * m:(k + 1) * m])
            return memo[(id(other), key)][1]
        cos = self.normalised[key] @ other.normalised[key].T
        cos = cos.toarray() if sparse.issparse(cos) else np.asarray(cos)
        memo[(id(other), key)] = (weakref.ref(other), cos)
        return cos

    def pairwise(self, other: SignalMatrices) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Combined similarity (len(self) x len(other)) and the per-signal cosines."""
        signals: dict[str, np.ndarray] = {}
        num = np.zeros((self.size, other.size))
        den = np.zeros((self.size, other.size))
        for key, weight in self.weights.items():
            cos = self._cosines(other, key)
            signals[key] = cos
            if key in ALWAYS_PRESENT:
                mask = np.ones_like(cos)
            elif key in self.either_present:
                mask = np.logical_or.outer(self._present(key), other._present(key)).astype(float)
            else:
                mask = np.outer(self._present(key), other._present(key)).astype(float)
            num += weight * cos * mask
            den += weight * mask
        combined = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
        return combined, signals

    def rowwise(self, other: SignalMatrices, left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, dict]:
        """Similarity of the given pairs only (left[k] of self with right[k] of other).

        Pairs are taken in blocks of consecutive left rows; each block is one
        sparse product against the span of right rows it needs, so a band of
        pairs around a diagonal costs time linear in the number of pairs.
        """
        left = np.asarray(left, dtype=np.int64)
        right = np.asarray(right, dtype=np.int64)
        signals: dict[str, np.ndarray] = {}
        num = np.zeros(len(left))
        den = np.zeros(len(left))
        order = np.argsort(left, kind="stable")
        blocks: list[np.ndarray] = []
        if len(order):
            block_of = left[order] // BLOCK_ROWS
            cuts = np.flatnonzero(np.diff(block_of)) + 1
            blocks = np.split(order, cuts)
        whole = self._stackable(other) and len(left) > 0
        for key, weight in self.weights.items():
            cos = np.zeros(len(left))
            todo = blocks
            if whole:
                # One product of the whole (small) matrices: a sparse product's cell sums the same terms in
                # the same order whatever other rows and columns it has, so the values are the blocks'.
                todo = []
                cos[:] = self._cosines(other, key)[left, right]
            else:
                a, b = self.normalised[key], other.normalised[key]
            for members in todo:
                r0, r1 = left[members].min(), left[members].max() + 1
                c0, c1 = right[members].min(), right[members].max() + 1
                block = a[r0:r1] @ b[c0:c1].T
                block = block.toarray() if sparse.issparse(block) else np.asarray(block)
                cos[members] = block[left[members] - r0, right[members] - c0]
            signals[key] = cos
            if key in ALWAYS_PRESENT:
                mask = np.ones(len(left))
            elif key in self.either_present:
                mask = (self._present(key)[left] | other._present(key)[right]).astype(float)
            else:
                mask = (self._present(key)[left] & other._present(key)[right]).astype(float)
            num += weight * cos * mask
            den += weight * mask
        combined = np.divide(num, den, out=np.zeros_like(num), where=den > 0)
        return combined, signals
