"""The aligner's second pass: two statements left without a counterpart that are each other's best among what is left.

The first passes link a pair only when it is the best of its row and column over *every* sentence of the two
sources (``align.semantic.semantic_pairs``).  A statement whose nearest sentence is already another statement's
counterpart is then left open, and so is its own counterpart.  2017: TASS's "to thoroughly discuss global and
regional issues with Tokyo" and the rewrite's "The four ministers will also hold joint talks on worldwide and
bilateral issues" (cosine 0.843) each came third in the other's row, behind sentences already linked, and each row
showed a wrong nearest candidate.  Sentence aligners handle this with a second pass over the leftovers
(competitive linking; hunalign's and vecalign's treatment of what the first pass left): among the sentences left on
both sides, a mutual best is linked.  For want of anything else two leftovers are always someone's best, so the
pass needs a floor: ``FLOOR``, per model, the lowest ranking score at which such pairs are true counterparts in at
least 95 % of cases on the shared WMT21 documents, chosen by cross-validation over documents
(``python bench/leftover_pairs_fit.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from compare.align.features import SentenceBag
from compare.model import Source

Key = tuple[str, int]

FLOOR = {"same-language": 0.85, "cross-language": 0.85}
"""Ranking score (cosine, plus 0.04 x the synonym overlap in one language) at which a leftover mutual best is a
true counterpart in 95 % of cases (bench/leftover_pairs_fit.py; docs/methods.md, truth6)."""


def leftover_pairs(score: np.ndarray, rows: Sequence[int], columns: Sequence[int]) -> list[tuple[int, int, float]]:
    """(row, column, score) for each pair of a leftover row and a leftover column that are each other's best
    among the leftovers; a pair scored -1 or less (in one language: no shared word or sense) is never one.

    Ties go to the lower index, so the same matrix always gives the same pairs.
    """
    if not len(rows) or not len(columns):
        return []
    left = score[np.ix_(list(rows), list(columns))]
    out = []
    for r, i in enumerate(rows):
        c = int(np.argmax(left[r]))
        if left[r, c] <= -1.0 or int(np.argmax(left[:, c])) != r:
            continue
        out.append((i, columns[c], float(left[r, c])))
    return out


SHOWN = 0.80
"""The floor below which two leftovers are not shown as each other's candidate: the embedding pass's own floor
(``SemanticSettings.floor``), under which the aligner never considers a pair."""


def open_candidates(
    ordered: Sequence[Source], open_keys: Collection[Key], spans: Mapping[str, np.ndarray],
    bags: Mapping[str, Sequence[SentenceBag]], overlap_of: Callable[[Source, Source], np.ndarray | None],
    overlap_weight: float, speakers: Mapping[Key, frozenset[str]], floor: float = SHOWN,
) -> dict[Key, tuple[Key, float, float, bool]]:
    """Per open statement of an event (no link, not background, not page structure), its best candidate among the
    other sources' open statements, where its ranking score is at least ``floor``: the candidate's key, the score,
    the pair's cosine, and whether the two are each other's best (``leftover_pairs``).  Two sentences attributed to
    different speakers are no candidates; across sources the higher score wins (ties: the lower source id)."""
    out: dict[Key, tuple[Key, float, float, bool]] = {}
    for x, a in enumerate(ordered):
        for b in ordered[x + 1:]:
            rows = [p for p, s in enumerate(a.sentences) if (a.id, s.index) in open_keys]
            cols = [q for q, s in enumerate(b.sentences) if (b.id, s.index) in open_keys]
            if not rows or not cols:
                continue
            cosine = spans[a.id] @ spans[b.id].T
            overlap = overlap_of(a, b)
            score = (cosine if overlap is None else np.where(overlap > 0, cosine + overlap_weight * overlap, -1.0)).copy()
            for p in rows:
                mine = speakers.get((a.id, a.sentences[p].index))
                for q in cols:
                    theirs = speakers.get((b.id, b.sentences[q].index))
                    if mine and theirs and mine.isdisjoint(theirs):
                        score[p, q] = -1.0
            mutual = {(p, q) for p, q, _ in leftover_pairs(score, rows, cols)}
            for view, here, there, own, theirs in ((score, a, b, rows, cols), (score.T, b, a, cols, rows)):
                for p in own:
                    q = theirs[int(np.argmax(view[p, theirs]))]
                    value = float(view[p, q])
                    key = (here.id, here.sentences[p].index)
                    if value < floor or (key in out and out[key][1] >= value):
                        continue
                    pair = (p, q) if here is a else (q, p)
                    c = float(cosine[pair])
                    out[key] = ((there.id, there.sentences[q].index), round(value, 4), round(c, 4), pair in mutual)
    return out
