"""Comparable alignment: reports by different outlets, statements reordered, merged, split or missing.

No order is assumed.  A pair of sentences is linked when its similarity
clears an absolute floor and it is (nearly) the best match of at least one of
its two sentences: "nearly" lets one sentence link to the two or three
sentences that together carry what it says (a one-to-many link), while the
floor keeps sentences that no other report carries unlinked.

Two uses of context follow, both general rather than tuned to one event:

- *neighbour support* (as bertalign and vecalign use the diagonal): a pair
  that is the best match of both its sentences, next to a pair already
  linked, is linked from a lower floor;
- *cycle consistency* across three or more sources
  (:func:`drop_inconsistent`): when sentences a and b each link into a third
  source c, but to different sentences of c, the a-b link is weaker than what
  either finds in c by more than the margin, and is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ComparableSettings:
    """Thresholds of the comparable aligner (recorded in the signature)."""

    threshold: float = 0.22
    margin: float = 0.9
    strong: float = 0.45
    support: float = 0.5
    """Neighbour support: a mutual best match next to a link is linked from ``support * threshold`` (0: off)."""
    consistent: bool = True
    """Cycle consistency across three or more sources (:func:`drop_inconsistent`)."""
    specific: bool = True
    """Two sentences in one language are not linked when one carries specific content the other lacks and the
    other is hardly found in it (:func:`compare.align.specifics.one_side_only`)."""
    quotes: bool = True
    """Two sentences in one language quoting one person are not linked when the quoted words are one-sided
    (:func:`compare.align.specifics.quoted_apart`; needs the annotations' quotes)."""
    speaker: str = "pronoun-nearest-v1"
    """How sentences get speakers (``compare.align.speakers``): "He said ..." after one named speaker counts, and
    no sentence is shown another speaker's words as its nearest candidate."""

    def signature(self) -> str:
        from compare.align import specifics

        rule = (f"|specific:{specifics.RARE_ZIPF:g}/{specifics.MIN_SPECIFIC}/{specifics.MAX_COVERED:g}"
                if self.specific else "|specific:no")
        return (f"comparable|threshold:{self.threshold:g}|margin:{self.margin:g}|strong:{self.strong:g}"
                f"|support:{self.support:g}|cycle:{'yes' if self.consistent else 'no'}{rule}"
                f"|quotes:{'yes' if self.quotes else 'no'}|speaker:{self.speaker}")


NEIGHBOURS = ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1))
"""Offsets of the cells whose link supports a pair: the sentence before or after on either side, or both."""


def _shifted(mask: np.ndarray, di: int, dj: int) -> np.ndarray:
    """``out[i, j] = mask[i + di, j + dj]`` (False outside the matrix)."""
    out = np.zeros_like(mask)
    n, m = mask.shape
    out[max(-di, 0):n - max(di, 0), max(-dj, 0):m - max(dj, 0)] = mask[max(di, 0):n - max(-di, 0),
                                                                      max(dj, 0):m - max(-dj, 0)]
    return out


def align_comparable(similarity: np.ndarray, settings: ComparableSettings | None = None) -> list[tuple[int, int]]:
    """Linked (row, column) pairs of a similarity matrix, sorted.

    A pair is kept when it reaches ``threshold`` and is within ``margin`` of
    the best score of its row or of its column, or when it reaches ``strong``
    whatever else the sentences match.  Then a pair that is the best match of
    both its sentences and sits next to a kept pair (the sentence before or
    after on either side) is kept from ``support * threshold``: a rendering
    split over consecutive sentences, or worded too differently to pass the
    floor alone, gets through on its aligned neighbours.
    """
    settings = settings or ComparableSettings()
    if similarity.size == 0:
        return []
    row_best = similarity.max(axis=1, keepdims=True)
    col_best = similarity.max(axis=0, keepdims=True)
    near_best = (similarity >= settings.margin * row_best) | (similarity >= settings.margin * col_best)
    keep = (similarity >= settings.threshold) & near_best
    keep |= similarity >= settings.strong
    if settings.support > 0:
        supported = np.zeros_like(keep)
        for di, dj in NEIGHBOURS:
            supported |= _shifted(keep, di, dj)
        mutual = (similarity >= row_best) & (similarity >= col_best)
        keep |= supported & mutual & (similarity >= settings.support * settings.threshold)
    return [(int(i), int(j)) for i, j in np.argwhere(keep)]


def drop_inconsistent(
    links: Sequence[tuple[str, int, str, int, float]], removable: Sequence[bool] | None = None, margin: float = 0.9,
    languages: Mapping[str, str] | None = None,
) -> list[bool]:
    """Which links (``(source_a, sentence_a, source_b, sentence_b, similarity)``) a third source leaves standing.

    A link a-b is dropped when some third source c holds links from both a
    and b, but to no common sentence of c, and the a-b link is clearly weaker
    (below ``margin`` times) than the strongest link of a into c and than
    that of b into c.  Then c reads a and b as two different statements, and
    says so more firmly than the a-b link says they are one: typically two
    sentences that share names or a topic ("Kono said ..." twice) but not the
    statement.  ``margin`` is the comparable aligner's own: within it, a
    match counts as good as the best.  Decisions are
    taken on the links as given (not one after another), so the order of
    links does not matter.  ``removable`` (default: all) marks the links that
    may be dropped; the others still count as evidence.

    ``languages`` (source id -> language): a link is weighed only against links on its own scale, one language
    against one language, two against two.  The similarity of two sentences in two languages rests on the few
    signals that survive translation (names, numbers, shared spellings) and is a fraction of what the same
    statement scores in one language: the German lede and its English translation stood at 0.02-0.16 (their
    cosine 0.89-0.93) against an English pair's 0.33 and 0.41, and the German lede, the police's statement and
    four other sentences lost every link to translations that render them line for line (issue 23, truth30: a
    statement in two rows, coverage 74-94% for texts that carry every sentence).
    """
    same_language = None if languages is None else (
        lambda x, y: languages.get(x) is not None and languages.get(x) == languages.get(y))
    partners: dict[tuple[str, int], dict[str, dict[int, float]]] = {}
    for a, i, b, j, sim in links:
        for node, other, index in (((a, i), b, j), ((b, j), a, i)):
            into = partners.setdefault(node, {}).setdefault(other, {})
            into[index] = max(sim, into.get(index, sim))
    keep = []
    for k, (a, i, b, j, sim) in enumerate(links):
        if removable is not None and not removable[k]:
            keep.append(True)
            continue
        into_a, into_b = partners[(a, i)], partners[(b, j)]
        contradicted = False
        for c in sorted((into_a.keys() & into_b.keys()) - {a, b}):
            ka, kb = into_a[c], into_b[c]
            if ka.keys() & kb.keys():
                continue
            if same_language is not None and not (same_language(a, b) == same_language(a, c) == same_language(b, c)):
                continue  # one of the three links is measured on another scale: it cannot outweigh the a-b link
            if sim < margin * max(ka.values()) and sim < margin * max(kb.values()):
                contradicted = True
                break
        keep.append(not contradicted)
    return keep


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
