"""sacrebleu's TER statistics of one segment, the same numbers, many times faster.

sacrebleu's TER (``sacrebleu.metrics.lib_ter``, after Tercom) searches for
shifts greedily: each round it lists every candidate shift of a matching word
run, scores each candidate by a beam-limited word edit distance, applies the
best and repeats while the distance drops.  Each candidate's distance is a
pure-Python dynamic programme; on real news sentences that is over half of a
whole ``compare run``.

This module keeps sacrebleu's search exactly: the same candidates in the same
order, the same cap on candidates checked, the same ranking of a round's
candidates (most edits saved, then longest run, earliest start, earliest
target), and sacrebleu's own edit distance with its trace where the trace is
read (once per round).  What changes is how the candidates of one round are scored.  Each word
becomes one character, a candidate is the hypothesis's string shifted, and
rapidfuzz's (bit-parallel, C++) edit distance scores every candidate of the
round in one call.  That distance has no beam, but a path leaving sacrebleu's
beam costs at least :func:`beam_bound`, so a distance below the bound is
sacrebleu's own; the few candidates at or above it go through the beam
programme (one numpy programme for all of them, a row of every candidate's
matrix per step, insertions as a min-plus prefix scan with
``np.minimum.accumulate``, rows before a candidate's first moved word copied
from the hypothesis's matrix).  The chosen candidate's trace is read back
from its own beam cost matrix with sacrebleu's tie-break.

Equality with sacrebleu is tested on every linked segment pair of the shared
WMT21 documents (tests/test_fast_ter.py) and on a small in-repo set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

import numpy as np
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist
from sacrebleu.metrics import TER
from sacrebleu.metrics.lib_ter import (
    _BEAM_WIDTH,
    _MAX_SHIFT_CANDIDATES,
    _MAX_SHIFT_DIST,
    _MAX_SHIFT_SIZE,
    _flip_trace,
    _perform_shift,
    trace_to_alignment,
)

_INFINITY = np.int64(10**16)
"""sacrebleu's ``_INT_INFINITY``: the distance of a cell outside the beam."""

_METRIC = TER()


@lru_cache(maxsize=4096)
def _beam(n_hyp: int, n_ref: int) -> tuple[tuple[int, int], ...]:
    """Per hypothesis row 1..n_hyp, the half-open column range sacrebleu's beam fills (its own arithmetic)."""
    ratio = n_ref / n_hyp if n_hyp else 1
    width = math.ceil(ratio / 2 + _BEAM_WIDTH) if _BEAM_WIDTH < ratio / 2 else _BEAM_WIDTH
    bands = []
    for i in range(1, n_hyp + 1):
        diagonal = math.floor(i * ratio)
        low = max(0, diagonal - width)
        high = n_ref + 1 if i == n_hyp else min(n_ref + 1, diagonal + width)
        bands.append((low, high))
    return tuple(bands)


_DIAGONAL, _DELETE, _INSERT, _UNDEFINED = 0, 1, 2, 3
"""Which neighbour a cell's cost came from (sacrebleu's ' '/'s', 'd', 'i' and 'x')."""


def batch_distances(candidates: np.ndarray, reference: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """sacrebleu's beam edit distance of each row of ``candidates`` (word ids) to ``reference`` (word ids).

    All candidates have one length, so they share the beam.  A cell is the
    cheapest of substitution or match (diagonal), deletion (row above) and
    insertion (cell to the left), each costing 1; outside the beam it is
    infinite, as in sacrebleu, so a path never leaves the beam.  Ties go as
    sacrebleu breaks them: diagonal, then deletion, then insertion.  Returns
    the distances and, per candidate, each cell's operation (for the trace).
    """
    distances, operations, _ = _programme(candidates, reference)
    return distances, operations


def _programme(candidates: np.ndarray, reference: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`batch_distances`, also returning every candidate's whole cost matrix (rows 0..n_hyp)."""
    count, n_hyp = candidates.shape
    n_ref = len(reference)
    columns = np.arange(n_ref + 1, dtype=np.int64)
    differs = (candidates[:, :, None] != reference[None, None, :]).astype(np.int64)
    operations = np.full((count, n_hyp + 1, n_ref + 1), _UNDEFINED, dtype=np.int8)
    operations[:, 0, :] = _INSERT
    costs = np.empty((count, n_hyp + 1, n_ref + 1), dtype=np.int64)
    costs[:, 0, :] = columns  # row 0: j insertions
    previous = costs[:, 0, :]
    for i, (low, high) in enumerate(_beam(n_hyp, n_ref), start=1):
        best = costs[:, i, :]
        best.fill(_INFINITY)
        own = best[:, low:high]
        source = np.full(own.shape, _DIAGONAL, dtype=np.int8)
        lo = max(low, 1)
        if high > lo:
            diagonal = previous[:, lo - 1:high - 1] + differs[:, i - 1, lo - 1:high - 1]
            above = previous[:, lo:high] + 1
            np.minimum(diagonal, above, out=best[:, lo:high])
            source[:, lo - low:][diagonal > above] = _DELETE
        if low == 0:
            best[:, 0] = previous[:, 0] + 1
            source[:, 0] = _DELETE
        np.minimum(own, _INFINITY, out=own)
        # Insertions run along the row: D[j] = min over k <= j of (X[k] + j - k), a prefix minimum; an
        # insertion wins only where strictly cheaper than the cell's own diagonal or deletion.
        span = columns[low:high]
        scanned = np.minimum(np.minimum.accumulate(own - span, axis=1) + span, _INFINITY)
        source[scanned < own] = _INSERT
        source[scanned >= _INFINITY] = _UNDEFINED
        operations[:, i, low:high] = source
        own[...] = scanned
        previous = best
    return previous[:, n_ref].copy(), operations, costs


def shifted_distances(candidates: np.ndarray, reference: np.ndarray, base: np.ndarray,
                      base_costs: np.ndarray) -> np.ndarray:
    """:func:`batch_distances`'s distances alone, for candidates that are shifts of one hypothesis ``base``.

    A shift leaves the words before its first moved position in place, and
    row i of the cost matrix depends only on the first i words (the beam
    depends only on the lengths, which a shift keeps), so a candidate's rows
    up to its first changed word are ``base_costs``'s rows.  Candidates are
    taken in order of their first changed word and each joins the batch at the
    first row where it differs; the rows before are copied, not computed.
    No operations are kept: ranking the candidates needs only distances, and
    the chosen one's trace is computed again on its own.
    """
    count, n_hyp = candidates.shape
    n_ref = len(reference)
    changed = candidates != base[None, :]
    first = np.where(changed.any(axis=1), changed.argmax(axis=1), n_hyp)
    order = np.argsort(first, kind="stable")
    candidates, first = candidates[order], first[order]
    joins = np.searchsorted(first, np.arange(n_hyp + 1), side="left")  # joins[i]: candidates differing by row i
    columns = np.arange(n_ref + 1, dtype=np.int64)
    previous = np.empty((count, n_ref + 1), dtype=np.int64)
    joined = 0
    for i, (low, high) in enumerate(_beam(n_hyp, n_ref), start=1):
        active = int(joins[i])
        if active > joined:
            previous[joined:active] = base_costs[i - 1]
            joined = active
        if not active:
            continue
        rows = previous[:active]
        best = np.full((active, n_ref + 1), _INFINITY, dtype=np.int64)
        own = best[:, low:high]
        lo = max(low, 1)
        if high > lo:
            diagonal = rows[:, lo - 1:high - 1] + (candidates[:active, i - 1, None] != reference[None, lo - 1:high - 1])
            np.minimum(diagonal, rows[:, lo:high] + 1, out=best[:, lo:high])
        if low == 0:
            best[:, 0] = rows[:, 0] + 1
        np.minimum(own, _INFINITY, out=own)
        span = columns[low:high]
        own[...] = np.minimum(np.minimum.accumulate(own - span, axis=1) + span, _INFINITY)
        previous[:active] = best
    if joined < count:
        previous[joined:] = base_costs[n_hyp]
    distances = np.empty(count, dtype=np.int64)
    distances[order] = previous[:, n_ref]
    return distances


@lru_cache(maxsize=4096)
def beam_bound(n_hyp: int, n_ref: int) -> int:
    """The least any edit path through a cell outside sacrebleu's beam costs (``_INFINITY`` if there is none).

    A path reaches cell (i, j) in at least ``|i - j|`` edits and goes on to
    (n_hyp, n_ref) in at least ``|(n_hyp - i) - (n_ref - j)|`` (a match or
    substitution keeps the difference of the indices, an insertion or deletion
    moves it by one).  So when a plain edit distance is below this bound, its
    cheapest path never leaves the beam and the beam's distance is the same
    number: sacrebleu's result, certified, without its beam programme.
    """
    bound = int(_INFINITY)
    for i, (low, high) in enumerate(_beam(n_hyp, n_ref), start=1):
        # The cost |j - i| + |j - (i + n_ref - n_hyp)| is convex in the column j: over each run of columns
        # outside the beam (0..low-1 and high..n_ref) it is least at the run's point nearest its minimum.
        a, b = sorted((i, i + n_ref - n_hyp))
        for first, last in ((0, low - 1), (high, n_ref)):
            if first <= last:
                j = min(max(first, a), last)
                bound = min(bound, abs(j - i) + abs((n_hyp - i) - (n_ref - j)))
    return bound


def _cost_matrix(ids_h: np.ndarray, ids_r: np.ndarray, base: np.ndarray | None = None,
                 base_costs: np.ndarray | None = None) -> np.ndarray:
    """One hypothesis's whole beam cost matrix (rows 0..n_hyp), as :func:`batch_distances` fills it.

    With ``base`` (another hypothesis of the same length, e.g. the one this
    is a shift of) and its matrix, the rows up to the first word where the
    two differ are copied from ``base_costs`` (row i depends on the first i
    words only), and only the rest are computed.

    The rows are filled as cost less column index (``D[i, j] = cost[i, j] - j``): there an insertion (the
    cell to the left plus one) is the cell to the left itself, so a row's insertions are one running minimum,
    and a cell outside the beam (cost ``_INFINITY``) is ``_INFINITY - j``.  Five array operations a row
    instead of nine; the same integers (a cost at or above ``_INFINITY`` is ``_INFINITY`` in both).
    """
    n_hyp, n_ref = len(ids_h), len(ids_r)
    columns = np.arange(n_ref + 1, dtype=np.int64)
    cap = _INFINITY - columns  # a cell outside the beam, and the most any cell may hold
    diagonal = (ids_h[:, None] != ids_r[None, :]).astype(np.int64) - 1  # substitution or match, less one column
    shifted = np.empty((n_hyp + 1, n_ref + 1), dtype=np.int64)
    shifted[:] = cap
    first = 1
    if base is not None and base_costs is not None:
        changed = ids_h != base
        unchanged = int(changed.argmax()) if changed.any() else n_hyp
        np.subtract(base_costs[:unchanged + 1], columns, out=shifted[:unchanged + 1])
        first = unchanged + 1
    else:
        shifted[0] = 0
    for i, (low, high) in enumerate(_beam(n_hyp, n_ref)[first - 1:], start=first):
        previous, own = shifted[i - 1], shifted[i, low:high]
        lo = max(low, 1)
        if high > lo:
            np.minimum(previous[lo - 1:high - 1] + diagonal[i - 1, lo - 1:high - 1], previous[lo:high] + 1,
                       out=shifted[i, lo:high])
        if low == 0:
            shifted[i, 0] = previous[0] + 1
        np.minimum.accumulate(own, out=own)
        np.minimum(own, cap[low:high], out=own)
    shifted += columns
    return shifted


def _trace_from_costs(costs: np.ndarray, ids_h: np.ndarray, ids_r: np.ndarray) -> str:
    """sacrebleu's trace read back from a cost matrix: at each cell the operation its tie-break chose.

    A cell took its diagonal when that was the cheapest (ties go to the
    diagonal), else the deletion from the row above when that was, else the
    insertion from the left; walking back from the last cell along those
    choices gives :func:`_trace` of :func:`batch_distances`'s operations.
    """
    rows = costs.tolist()
    hyp, ref = ids_h.tolist(), ids_r.tolist()
    steps = []
    i, j = len(hyp), len(ref)
    infinity = int(_INFINITY)
    while i > 0 or j > 0:
        value = rows[i][j]
        if value >= infinity:
            raise ValueError("TER: the edit path left the beam")  # sacrebleu raises here too
        if i > 0 and j > 0 and rows[i - 1][j - 1] + (hyp[i - 1] != ref[j - 1]) == value:
            steps.append(" " if hyp[i - 1] == ref[j - 1] else "s")
            i -= 1
            j -= 1
        elif i > 0 and rows[i - 1][j] + 1 == value:
            steps.append("d")
            i -= 1
        else:
            steps.append("i")
            j -= 1
    return "".join(reversed(steps))


def _trace(operations: np.ndarray, words_h: list[str], words_r: list[str]) -> str:
    """sacrebleu's trace of edit operations (' ', 's', 'i', 'd') from one candidate's cell operations."""
    steps = []
    i, j = len(words_h), len(words_r)
    while i > 0 or j > 0:
        op = operations[i, j]
        if op == _DIAGONAL:
            steps.append(" " if words_h[i - 1] == words_r[j - 1] else "s")
            i -= 1
            j -= 1
        elif op == _INSERT:
            steps.append("i")
            j -= 1
        elif op == _DELETE:
            steps.append("d")
            i -= 1
        else:
            raise ValueError("TER: the edit path left the beam")  # sacrebleu raises here too
    return "".join(reversed(steps))


def _shifted_pairs(words_h: list[str], words_r: list[str]):
    """sacrebleu's ``_find_shifted_pairs``, in its order, visiting only reference positions that match."""
    positions: dict[str, list[int]] = {}
    for start_r, word in enumerate(words_r):
        positions.setdefault(word, []).append(start_r)
    n_h, n_r = len(words_h), len(words_r)
    for start_h, word in enumerate(words_h):
        for start_r in positions.get(word, ()):
            if abs(start_r - start_h) > _MAX_SHIFT_DIST:
                continue
            length = 0
            while words_h[start_h + length] == words_r[start_r + length] and length < _MAX_SHIFT_SIZE:
                length += 1
                yield start_h, start_r, length
                if n_h == start_h + length or n_r == start_r + length:
                    break


def _ids(text: str) -> np.ndarray:
    """The word ids of a code string (one character per word): its code points."""
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)


def _best_shift(words_h: list[str], ids_h: np.ndarray, costs_h: np.ndarray, words_r: list[str], ids_r: np.ndarray,
                code: dict[str, str], pre_score: int, trace: str,
                checked: int) -> tuple[int, list[str], np.ndarray, int]:
    """sacrebleu's ``_shift`` given the hypothesis's distance, cost matrix and trace.

    The candidates are the hypothesis's code string (a character per word)
    shifted; rapidfuzz's edit distance scores them all in one call, and a
    distance below :func:`beam_bound` is sacrebleu's beam distance; the rest
    (rare: a distance as large as the beam is wide) are scored by the beam
    programme.  Also returns the chosen shift's words and ids; its cost
    matrix and trace are computed by the caller only if the shift is taken
    (the last round's best is not).
    """
    align, ref_err, hyp_err = trace_to_alignment(_flip_trace(trace))
    keys: list[tuple[int, int, int]] = []
    moves: list[tuple[int, int, int]] = []
    shifted: list[str] = []
    text_h = "".join(code[w] for w in words_h)
    # Errors before each position: a run has an error iff its two prefix sums differ (sacrebleu sums the slice).
    hyp_before, ref_before = [0, *accumulate(hyp_err)], [0, *accumulate(ref_err)]
    for start_h, start_r, length in _shifted_pairs(words_h, words_r):
        if hyp_before[start_h + length] == hyp_before[start_h]:
            continue
        if ref_before[start_r + length] == ref_before[start_r]:
            continue
        if start_h <= align[start_r] < start_h + length:
            continue
        prev_idx = -1
        for offset in range(-1, length):
            if start_r + offset == -1:
                idx = 0
            elif start_r + offset in align:
                idx = align[start_r + offset] + 1
            else:
                break
            if idx == prev_idx:
                continue
            prev_idx = idx
            shifted.append(_perform_shift(text_h, start_h, length, idx))
            moves.append((start_h, length, idx))
            keys.append((length, -start_h, -idx))
            checked += 1
        if checked >= _MAX_SHIFT_CANDIDATES:
            break
    if not shifted:
        return 0, words_h, ids_h, checked
    text_r = "".join(code[w] for w in words_r)
    distances = cdist(shifted, [text_r], scorer=Levenshtein.distance, dtype=np.int64)[:, 0]
    uncertain = np.flatnonzero(distances >= beam_bound(len(words_h), len(words_r)))
    if len(uncertain):
        ids = _ids("".join(shifted[k] for k in uncertain)).reshape(len(uncertain), len(words_h))
        distances[uncertain] = shifted_distances(ids, ids_r, ids_h, costs_h)
    gains = pre_score - distances
    # sacrebleu keeps the first candidate that is strictly greater; equal keys mean the same shifted words.
    best = max(range(len(keys)), key=lambda k: (int(gains[k]), *keys[k]))
    return int(gains[best]), _perform_shift(words_h, *moves[best]), _ids(shifted[best]), checked


def translation_edit_rate(words_hyp: list[str], words_ref: list[str]) -> tuple[int, int]:
    """``sacrebleu.metrics.lib_ter.translation_edit_rate``: (edits including shifts, reference words)."""
    n_ref = len(words_ref)
    if n_ref == 0:
        return len(words_hyp), 0
    if words_hyp == words_ref:
        return 0, n_ref  # distance 0: no word is wrong, so no shift is tried
    if words_hyp and not set(words_hyp) & set(words_ref):
        # No word in common (often a sentence and its translation): no shift has a matching run to move,
        # every step of a path costs 1, and the path along the beam's diagonal takes max(n, m) steps.
        return max(len(words_hyp), n_ref), n_ref
    # A word is a character (its id past the BMP's surrogates) and its id is that character's code point:
    # the shifted candidates are strings, and the beam programme reads their ids straight from them.
    code: dict[str, str] = {}
    for w in words_ref + words_hyp:
        code.setdefault(w, chr(0x10000 + len(code)))
    ids_r = _ids("".join(code[w] for w in words_ref))
    ids = _ids("".join(code[w] for w in words_hyp))
    costs_h = _cost_matrix(ids, ids_r)
    edits, trace = int(costs_h[-1, -1]), _trace_from_costs(costs_h, ids, ids_r)
    shifts = 0
    words = words_hyp
    checked = 0
    while True:
        delta, new_words, new_ids, checked = _best_shift(words, ids, costs_h, words_ref, ids_r, code, edits, trace,
                                                         checked)
        if checked >= _MAX_SHIFT_CANDIDATES or delta <= 0:
            break  # sacrebleu then scores the words it has, whose distance is ``edits``
        shifts += 1
        costs_h = _cost_matrix(new_ids, ids_r, ids, costs_h)
        words, ids, edits = new_words, new_ids, edits - delta
        trace = _trace_from_costs(costs_h, ids, ids_r)
    return shifts + edits, n_ref


def segment_statistics(hypothesis: str, reference: str) -> tuple[float, float]:
    """TER statistics of one segment as ``TER()._extract_corpus_statistics`` gives them: edits, reference words."""
    words_hyp = _METRIC._preprocess_segment(hypothesis).split()
    words_ref = _METRIC._preprocess_segment(reference).split()
    edits, length = translation_edit_rate(words_hyp, words_ref)
    return float(edits), float(length)


def corpus_statistics(segments: Sequence[tuple[str, str]]) -> list[tuple[float, float]]:
    """:func:`segment_statistics` of each (hypothesis, reference) segment."""
    return [segment_statistics(h, r) for h, r in segments]
