"""A statement in one source only as one speaker's words, whose points another speaker makes elsewhere.

The speaker rule (``align.speakers``) keeps one minister's words from
linking to another's, and the absence test (``align.absence``) may then
establish that a quotation of Kono is in AVIONEWS only.  As Kono's words it
is; as content it may not be: MID's transcript has Lavrov listing the same
agenda ("non-proliferation of weapons of mass destruction ... other regional
issues") in his own words.  A row that says "only in AVIONEWS" and cells that
say "not reported" would let a class conclude that the other sources left the
points out.

So for each sentence the absence test placed in one source only and that a
speaker says, every sentence of every other source that another speaker says
(both attributed, none shared: the speaker rule's own test) is read with the
absence model's features and threshold, over all of that source's sentences
rather than its ``TOP`` nearest by cosine.  The most probable one at or above
the threshold is the statement's counterpart "in another speaker's words";
the row then says the statement is in one source only *as that speaker's
words*, and the other source's cell quotes the counterpart.  Background
passages and page structure are never counterparts, as for the nearest
candidate.  Nothing is found without the fitted model or embeddings.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from compare.align.absence import counterpart_probabilities, threshold
from compare.align.features import SentenceBag
from compare.model import Annotations, SaidByAnother, Source

Key = tuple[str, int]


def _name(annotations: Annotations | None, people: frozenset[str]) -> str:
    """The speakers' names, in id order ('Taro Kono'), for a row to say whose words it holds."""
    names = []
    for entity_id in sorted(people):
        entity = annotations.entity(entity_id) if annotations is not None else None
        names.append(entity.name if entity is not None else entity_id)
    return " and ".join(names)


def said_by_another(
    ordered: Sequence[Source], absent: Collection[Key], speakers: Mapping[Key, frozenset[str]],
    spans: Mapping[str, np.ndarray], bags: Mapping[str, Sequence[SentenceBag]],
    overlap_of: Callable[[Source, Source], np.ndarray | None], annotations: Annotations | None,
    excluded: Collection[Key] = (),
) -> dict[Key, SaidByAnother]:
    """Per sentence of ``absent`` with a speaker, the other speaker's sentence elsewhere that makes its points.

    ``spans`` and ``bags`` are each source's sentence embeddings and bags (``align._source_views``);
    ``overlap_of`` the synonym overlap of two sources in one language (None across languages); ``excluded`` the
    keys that are never counterparts (background passages, page structure).
    """
    found: dict[Key, SaidByAnother] = {}
    for a in ordered:
        for position, sentence in enumerate(a.sentences):
            key = (a.id, sentence.index)
            mine = speakers.get(key)
            if key not in absent or not mine:
                continue
            best: tuple[float, float, str, int, frozenset[str]] | None = None
            for b in ordered:
                if b.id == a.id:
                    continue
                columns = [j for j, other in enumerate(b.sentences)
                           if (b.id, other.index) not in excluded
                           and speakers.get((b.id, other.index)) and mine.isdisjoint(speakers[(b.id, other.index)])]
                overlap = overlap_of(a, b)
                floor = threshold(overlap is not None)
                cosine = spans[a.id] @ spans[b.id].T
                probability = counterpart_probabilities(cosine, bags[a.id], bags[b.id], overlap, position, columns)
                if probability is None or floor is None or not columns:
                    continue
                k = int(np.argmax(probability))
                value = float(probability[k])
                candidate = (value, float(cosine[position, columns[k]]), b.id, b.sentences[columns[k]].index,
                             speakers[(b.id, b.sentences[columns[k]].index)])
                if value >= floor and (best is None or candidate[:2] > best[:2]):
                    best = candidate
            if best is not None:
                _, score, other, index, theirs = best
                found[key] = SaidByAnother(other, index, round(score, 4), _name(annotations, mine),
                                           _name(annotations, theirs))
    return found
