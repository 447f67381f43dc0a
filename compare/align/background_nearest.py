"""The sentence of a background passage that keeps a statement from being "only in" one source.

A statement's nearest candidate comes from the same ground as the statement
(``align.semantic.nearest_candidates``): a statement about the event is not
shown a passage about another event.  But the absence test
(``align.absence``) reads every sentence of the other sources, background
included, and a statement may escape "only in" because of a background
sentence alone.  2017: EFE's rewrite has "At the beginning of the talks, Akiba
said that Japan intends to move forward ... while maintaining the principle of
not undermining each side's legal positions in the joint economic
activities"; TASS's background paragraph 14 says "During the December summit,
Russia and Japan announced that any agreements concerning joint economic
activities would not damage the two countries' positions ...".  The occasion
rule (``align.occasions``) rightly keeps them apart, the model reads the
December sentence as a rendering (probability 0.60 against 0.11), and the row
said "no close match found" with TASS's cell "no match found": a class was
never shown the passage that states the same principle.

The rule: for a statement with no link, not established absent, whose
nearest candidate the model rules out (or that has none), the background
sentence of another source that the model reads as a rendering with at
least ``SHOWN`` probability, the most probable one, becomes the nearest candidate (marked
``counterpart=True``), and the page says that it lies in a background
passage about another occasion.  Page structure is never a candidate, nor a
sentence of another speaker (both attributed, none shared).  Without the
fitted model or embeddings nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from compare.align.absence import counterpart_probabilities, threshold
from compare.align.features import SentenceBag
from compare.model import Nearest, Source

Key = tuple[str, int]

SHOWN = {"same-language": 0.34, "cross-language": 0.55}
"""The absence model's probability at which its best candidate is a true counterpart in 95% of cases on the shared
WMT21 documents (``python bench/background_nearest_fit.py``).  The absence threshold (0.11) is the operating point
for not saying "absent"; at it, 10% of the same-language candidates shown would not be counterparts, and on the
seeds "Prior to this, the Ministers of Russia and Japan met in 2013." was put beside MID's sentence on the
proposals "jointly promoted by Russia and China"."""


def background_nearest(
    ordered: Sequence[Source], nearest: Mapping[Key, Nearest], open_keys: Collection[Key], absent: Collection[Key],
    background: Collection[Key], structure: Collection[Key], speakers: Mapping[Key, frozenset[str]],
    spans: Mapping[str, np.ndarray], bags: Mapping[str, Sequence[SentenceBag]],
    overlap_of: Callable[[Source, Source], np.ndarray | None],
) -> dict[Key, Nearest]:
    """``nearest`` with, for each key of ``open_keys`` (sentences with no link) that is a statement, not absent and
    without a candidate the model accepts, the background sentence elsewhere that the model reads as rendering it.

    ``spans`` and ``bags`` are each source's sentence embeddings and bags (``align._source_views``);
    ``overlap_of`` the synonym overlap of two sources in one language (None across languages).
    """
    out = dict(nearest)
    for a in ordered:
        for position, sentence in enumerate(a.sentences):
            key = (a.id, sentence.index)
            near = nearest.get(key)
            if (key not in open_keys or key in absent or key in background or key in structure
                    or (near is not None and near.counterpart is not False)):
                continue
            mine = speakers.get(key)
            best: tuple[float, float, str, int] | None = None
            for b in ordered:
                if b.id == a.id:
                    continue
                columns = [j for j, other in enumerate(b.sentences)
                           if (b.id, other.index) in background and (b.id, other.index) not in structure
                           and not (mine and speakers.get((b.id, other.index))
                                    and mine.isdisjoint(speakers[(b.id, other.index)]))]
                if not columns:
                    continue
                overlap = overlap_of(a, b)
                floor = threshold(overlap is not None)
                floor = None if floor is None else max(floor, SHOWN["same-language" if overlap is not None
                                                                   else "cross-language"])
                cosine = spans[a.id] @ spans[b.id].T
                probability = counterpart_probabilities(cosine, bags[a.id], bags[b.id], overlap, position, columns)
                if probability is None or floor is None:
                    continue
                k = int(np.argmax(probability))
                candidate = (float(probability[k]), float(cosine[position, columns[k]]), b.id,
                             b.sentences[columns[k]].index)
                if candidate[0] >= floor and (best is None or candidate[:2] > best[:2]):
                    best = candidate
            if best is not None:
                out[key] = Nearest(best[2], best[3], round(best[1], 4), "semantic", counterpart=True)
    return out
