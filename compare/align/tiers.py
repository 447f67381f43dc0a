"""The semantic pass in two tiers: USE decides the clear cases, e5 what USE leaves close.

Why: e5 (``compare.semantic.embeddings``) was most of a run's time, while most
open sentences are not close calls: a translation is its original's clear best
match, and a sentence whose counterpart is missing has nothing near it.  The
Universal Sentence Encoder (``compare.semantic.use``, about 5 times faster per
sentence) settles those; e5 is computed for a pair of sources only when a
sentence of it is left undecided, when a merge of two sentences is to be tried,
or when a sentence ends up with no link at all (its nearest candidate and any
absence are e5's, as before).

The rule, for an open sentence (row) of a comparable pair, on USE's ranking
(the cosine, plus the synonym overlap in one language, as for e5):

* **clear link** to column j: the two are each other's best (mutual best), the
  score reaches ``LINK_FLOOR`` and beats the runner-up of its row and of its
  column by ``LINK_MARGIN``.  e5 is predicted to make the same mutual best
  pair, so it is linked if j is open and left unlinked if j is taken.
* **clear none**: the row's best score is below ``NONE_BELOW``: e5 is
  predicted to link it to nothing.
* otherwise **close**: e5 decides, by its own rule, as when there is no tier.

USE's cosines live on another scale than e5's (Spearman 0.40-0.51 over all
candidate pairs), so the thresholds are USE's own, fitted on the shared WMT21
documents so that tier-1 decisions agree with e5's (``bench/tiers_fit.py``:
5 folds by document; figures in docs/methods.md).  ``VERSION`` names the rule
and its thresholds in the run's signature, so a changed rule never reuses a
cached alignment.

Off unless ``COMPARE_FIRST_TIER=use`` (``SemanticSettings.first_tier``): on a whole run it saved no e5
work, since the nearest candidates, provenance and the MT figure embed every sentence with e5 anyway, and
USE's own load and encoding come on top (docs/methods.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence

import numpy as np

from compare.model import Link, Source
from compare.settings import FIRST_TIER, SemanticSettings

__all__ = ["DECISIONS", "LINK_FLOOR", "LINK_MARGIN", "NONE_BELOW", "E5Pair", "active", "decide", "resolve", "signature", "use_rows"]

LINK_FLOOR = 0.725
LINK_MARGIN = 0.18
NONE_BELOW = 0.225
"""Fitted by bench/tiers_fit.py (chosen on all shared WMT21 documents; changing them means a new FIRST_TIER)."""


DECISIONS: Counter[str] = Counter()
"""Open sentences of comparable pairs by who decided them, in this process (for bench/: the tier's share)."""


def active(semantic: SemanticSettings, languages: Collection[str]) -> bool:
    """Whether the first tier runs for an event in these languages: switched on, USE and e5 installed, every
    language one USE covers (an event with any other language is e5's alone, as before)."""
    if not semantic.enabled or semantic.first_tier != FIRST_TIER:
        return False
    from compare.semantic import embeddings, use

    return use.available() and embeddings.available() and all(use.covers(language) for language in languages)


def signature(semantic: SemanticSettings, embedded: bool) -> str:
    """``|tier:...`` (the rule, its thresholds, the encoder) for the semantic signature, or nothing when off."""
    from compare.semantic import use

    if not embedded or semantic.first_tier != FIRST_TIER or not use.available():
        return ""
    return (f"|tier:{semantic.first_tier}|use_floor:{LINK_FLOOR}|use_margin:{LINK_MARGIN}|use_none:{NONE_BELOW}"
            f"|{use.signature()}")


def use_rows(texts: Sequence[str]) -> np.ndarray:
    """USE's rows for ``texts`` (memoised, and kept in the vector store under USE's signature)."""
    from compare.semantic import use

    return use.encode(list(texts))


class E5Pair:
    """e5's view of one pair of sources, embedded only when asked for: a close call, a merge, a missing link.

    Stands in :data:`compare.align.Closeness` for the eager tuple until :func:`resolve` needs it.
    """

    def __init__(self, a: Source, b: Source, overlap: np.ndarray | None, semantic: SemanticSettings) -> None:
        self.a, self.b, self.overlap, self.semantic = a, b, overlap, semantic
        self._cosine: np.ndarray | None = None

    def cosine(self) -> np.ndarray:
        if self._cosine is None:
            from compare.semantic import embeddings

            n_a = len(self.a.sentences)
            rows = embeddings.encode([x.text for x in self.a.sentences] + [x.text for x in self.b.sentences])
            self._cosine = rows[:n_a] @ rows[n_a:].T
        return self._cosine

    def rank(self) -> np.ndarray:
        from compare.align.semantic import ranking

        return ranking(self.cosine(), self.overlap, self.semantic)

    def usable(self, fore_a: np.ndarray, fore_b: np.ndarray) -> np.ndarray:
        return self.rank() * np.outer(fore_a, fore_b)

    def closeness(self) -> tuple[np.ndarray, np.ndarray, str, list[int], list[int]]:
        """What the pass without the tier keeps for the nearest candidates: e5's rank and cosine."""
        return (self.rank(), self.cosine(), "semantic", list(range(len(self.a.sentences))),
                list(range(len(self.b.sentences))))

    def singles(self, use_usable: np.ndarray, open_a: set[int], open_b: set[int], fore_a: np.ndarray,
                fore_b: np.ndarray) -> tuple[list[Unit], np.ndarray, np.ndarray | None]:
        """1-to-1 links: USE's where it settles the row, e5's rule on the close calls (e5 embedded only then).

        Returns the links ((row,), (column,), score), the matrix they were scored on, and e5's cosine, or
        None when USE settled every open row (the scores are then USE's).
        """
        from compare.align.semantic import semantic_pairs

        links, settled = decide(use_usable, open_a, open_b)
        close = open_a - settled
        DECISIONS["use: link"] += len(links)
        DECISIONS["use: no link"] += len(settled) - len(links)
        DECISIONS["e5: close call"] += len(close)
        if not close:
            return [((i,), (j,), value) for i, j, value in links], use_usable, None
        usable = self.usable(fore_a, fore_b)
        found = [(i, j, float(usable[i, j])) for i, j, _ in links]
        found += [(i, j, value) for i, j, value in
                  semantic_pairs(usable, set(range(usable.shape[0])) - close, self.semantic.floor,
                                 self.semantic.margin) if j in open_b]
        return [((i,), (j,), value) for i, j, value in sorted(found)], usable, self.cosine()

    def confirmed(self, singles: list[Unit], fore_a: np.ndarray, fore_b: np.ndarray,
                  ) -> tuple[list[Unit], np.ndarray, np.ndarray]:
        """The same links scored on e5's matrix (so that merges, which are e5's, compete on one scale)."""
        usable = self.usable(fore_a, fore_b)
        return [(i, j, float(usable[i[0], j[0]])) for i, j, _ in singles], usable, self.cosine()

    def merges_worth(self, singles: list[Unit], open_a: set[int], open_b: set[int]) -> bool:
        """Whether a 1-to-2 or 2-to-1 merge could add anything: some window of two open sentences has one that no
        single link took (``align.semantic.merged_pairs`` only pairs open sentences)."""
        taken_a = {i for unit, _, _ in singles for i in unit}
        taken_b = {j for _, unit, _ in singles for j in unit}
        for open_, taken, n in ((open_a, taken_a, len(self.a.sentences)), (open_b, taken_b, len(self.b.sentences))):
            for p in range(n - 1):
                if {p, p + 1} <= open_ and not {p, p + 1} <= taken:
                    return True
        return False


Unit = tuple[tuple[int, ...], tuple[int, ...], float]


def resolve(closeness: Mapping[tuple[str, str], object], links: Sequence[Link], sources: Sequence[Source],
            ) -> dict[tuple[str, str], tuple[np.ndarray, np.ndarray, str, list[int], list[int]]]:
    """The closeness matrices the nearest candidates need, e5's computed only now and only where needed.

    A sentence linked to any other source is never anyone's subject there
    (``align.semantic.nearest_candidates`` skips it), so a pair of sources none
    of whose sentences is left without a link needs no matrix at all; a pair
    with one needs e5's, over all its sentences, as without the tier.
    """
    linked = {(lk.source_a, lk.sentence_a) for lk in links} | {(lk.source_b, lk.sentence_b) for lk in links}
    lonely = {s.id for s in sources if any((s.id, x.index) not in linked for x in s.sentences)}
    out = {}
    for (a_id, b_id), value in closeness.items():
        if isinstance(value, E5Pair):
            if a_id not in lonely and b_id not in lonely:
                continue
            value = value.closeness()
        out[(a_id, b_id)] = value
    return out


def _runner_up(matrix: np.ndarray, axis: int) -> np.ndarray:
    if matrix.shape[axis] < 2:
        return np.full(matrix.shape[1 - axis], -np.inf)
    return np.sort(matrix, axis=axis).take(-2, axis=axis)


def decide(
    usable: np.ndarray, open_rows: Collection[int], open_cols: Collection[int],
    floor: float = LINK_FLOOR, margin: float = LINK_MARGIN, none_below: float = NONE_BELOW,
) -> tuple[list[tuple[int, int, float]], set[int]]:
    """USE's decisions for the open rows: (row, column, score) links, and every row it settled (linked or not).

    ``usable`` ranks every sentence pair of the two sources (rows: side a),
    on USE's scale; ``open_rows`` and ``open_cols`` are the sentences the
    lexical pass left unlinked.  Rows not in the second value are close calls
    for e5.
    """
    links: list[tuple[int, int, float]] = []
    settled: set[int] = set()
    if usable.size == 0:
        return links, settled
    row_best, col_best = usable.argmax(axis=1), usable.argmax(axis=0)
    row_second, col_second = _runner_up(usable, 1), _runner_up(usable, 0)
    columns = set(open_cols)
    for i in sorted(open_rows):
        j = int(row_best[i])
        value = float(usable[i, j])
        if value < none_below:
            settled.add(i)
            continue
        if col_best[j] != i or value < floor or value - max(float(row_second[i]), float(col_second[j])) < margin:
            continue
        settled.add(i)
        if j in columns:
            links.append((i, j, value))
    return links, settled
