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
read (once per round).  What changes is how the candidates of one round are
scored: all of them have the hypothesis's length, so they share the beam, and
one numpy programme computes their distances together, a row of every
candidate's matrix per step.  A row's insertions are a min-plus prefix scan
(``np.minimum.accumulate``).  Only distances are needed there: the ranking
reads no trace.

Equality with sacrebleu is tested on every linked segment pair of the shared
WMT21 documents (tests/test_fast_ter.py) and on a small in-repo set.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
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


def _beam(n_hyp: int, n_ref: int) -> list[tuple[int, int]]:
    """Per hypothesis row 1..n_hyp, the half-open column range sacrebleu's beam fills (its own arithmetic)."""
    ratio = n_ref / n_hyp if n_hyp else 1
    width = math.ceil(ratio / 2 + _BEAM_WIDTH) if _BEAM_WIDTH < ratio / 2 else _BEAM_WIDTH
    bands = []
    for i in range(1, n_hyp + 1):
        diagonal = math.floor(i * ratio)
        low = max(0, diagonal - width)
        high = n_ref + 1 if i == n_hyp else min(n_ref + 1, diagonal + width)
        bands.append((low, high))
    return bands


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
    count, n_hyp = candidates.shape
    n_ref = len(reference)
    columns = np.arange(n_ref + 1, dtype=np.int64)
    differs = (candidates[:, :, None] != reference[None, None, :]).astype(np.int64)
    operations = np.full((count, n_hyp + 1, n_ref + 1), _UNDEFINED, dtype=np.int8)
    operations[:, 0, :] = _INSERT
    previous = np.broadcast_to(columns, (count, n_ref + 1)).copy()  # row 0: j insertions
    for i, (low, high) in enumerate(_beam(n_hyp, n_ref), start=1):
        best = np.full((count, n_ref + 1), _INFINITY, dtype=np.int64)
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
    return previous[:, n_ref], operations


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


def _best_shift(words_h: list[str], words_r: list[str], ids_r: np.ndarray, vocabulary: dict[str, int],
                pre_score: int, trace: str, checked: int) -> tuple[int, list[str], str, int]:
    """sacrebleu's ``_shift`` given the hypothesis's distance and trace; the candidates are scored as one batch.

    Also returns the trace of the chosen shift, which the next round starts from.
    """
    align, ref_err, hyp_err = trace_to_alignment(_flip_trace(trace))
    keys: list[tuple[int, int, int]] = []
    shifted: list[list[str]] = []
    for start_h, start_r, length in _shifted_pairs(words_h, words_r):
        if sum(hyp_err[start_h:start_h + length]) == 0:
            continue
        if sum(ref_err[start_r:start_r + length]) == 0:
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
            shifted.append(_perform_shift(words_h, start_h, length, idx))
            keys.append((length, -start_h, -idx))
            checked += 1
        if checked >= _MAX_SHIFT_CANDIDATES:
            break
    if not shifted:
        return 0, words_h, trace, checked
    ids = np.array([[vocabulary.setdefault(w, len(vocabulary)) for w in words] for words in shifted], dtype=np.int64)
    distances, operations = batch_distances(ids, ids_r)
    gains = pre_score - distances
    # sacrebleu keeps the first candidate that is strictly greater; equal keys mean the same shifted words.
    best = max(range(len(keys)), key=lambda k: (int(gains[k]), *keys[k]))
    return int(gains[best]), shifted[best], _trace(operations[best], shifted[best], words_r), checked


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
    vocabulary: dict[str, int] = {}
    ids_r = np.array([vocabulary.setdefault(w, len(vocabulary)) for w in words_ref], dtype=np.int64)
    ids_h = np.array([[vocabulary.setdefault(w, len(vocabulary)) for w in words_hyp]], dtype=np.int64)
    distances, operations = batch_distances(ids_h, ids_r)
    edits, trace = int(distances[0]), _trace(operations[0], words_hyp, words_ref)
    shifts = 0
    words = words_hyp
    checked = 0
    while True:
        delta, new_words, new_trace, checked = _best_shift(words, words_ref, ids_r, vocabulary, edits, trace,
                                                           checked)
        if checked >= _MAX_SHIFT_CANDIDATES or delta <= 0:
            break  # sacrebleu then scores the words it has, whose distance is ``edits``
        shifts += 1
        words, edits, trace = new_words, edits - delta, new_trace
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
