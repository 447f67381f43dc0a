"""A sentence left unlinked that a source says twice: its own words beside its quotation of the same speaker.

News reports often give a speaker's words twice: first reported in their own words ("Lavrov said that the
fourth round negotiations ... was Frank, the parties managed to build a constructive discussion."), then as the
quotation itself ("“The negotiations were Frank, ... but sought to build a constructive discussion, and we did
it,” said the head of the Russian foreign Ministry.").  The aligner links one to one, so the quotation takes the
other source's counterpart and the reported version is left without a link: its row then reads "no close match
found" and counts among the statements the aligner could not match, as if the source reported something no
other source has.

This module finds such a sentence: it is unlinked; the sentence just before or after it in the same source is
linked to another source; one of the two is a direct quotation of a speaker and the other reports the same
speaker in indirect speech (the annotations' quotes: ``direct`` and the resolved speaker entity); and the absence
test's model (``align.absence``, fitted on the shared WMT21 documents) reads the pair, within the source, at or
above its same-language threshold: the operating point where at most 2 % of true counterparts fall below it.
Adjacency and the speaker are what tell a repeat apart from another statement of the same speaker on the same
topic, which the model alone reads as close too (000's "Lavrov also said that the meeting ... discussed the topic
of a military Alliance" scores higher against the "Frank" sentence than its own quotation does).  Nothing is
found without the fitted model or embeddings; link decisions are not changed.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from compare.align.absence import counterpart_probabilities, threshold
from compare.align.features import SentenceBag
from compare.model import Annotations, Link, SaidAgain, Source

Key = tuple[str, int]


def voices(annotations: Annotations, source_id: str) -> dict[int, dict[str, set[bool]]]:
    """Per sentence index, each speaker entity quoted there and whether directly (True) or reported (False)."""
    out: dict[int, dict[str, set[bool]]] = {}
    for quote in annotations.quotes.get(source_id, ()):
        if quote.speaker_entity:
            for index in quote.sentences:
                out.setdefault(index, {}).setdefault(quote.speaker_entity, set()).add(quote.direct)
    return out


def shared_speaker(quoted: Mapping[int, Mapping[str, set[bool]]], i: int, j: int) -> str | None:
    """The speaker quoted directly in one of sentences ``i`` and ``j`` and reported in the other, if any."""
    a, b = quoted.get(i, {}), quoted.get(j, {})
    for speaker in sorted(set(a) & set(b)):
        if (True in a[speaker] and False in b[speaker]) or (False in a[speaker] and True in b[speaker]):
            return speaker
    return None


def own_probability(spans: np.ndarray, bags: Sequence[SentenceBag], overlap: np.ndarray | None,
                    position: int, other: int) -> float | None:
    """The absence model's P that sentence ``other`` of a source renders sentence ``position`` of the same
    source, read as against a second text: the source without ``position`` itself (a sentence is its own best
    candidate, which would skew the standardisation and the lead over rivals).  None without the model."""
    rest = [k for k in range(len(bags)) if k != position]
    cut = None if overlap is None else overlap[:, rest]
    found = counterpart_probabilities(spans @ spans[rest].T, bags, [bags[k] for k in rest], cut, position,
                                      [rest.index(other)])
    return None if found is None else float(found[0])


def said_again(
    ordered: Sequence[Source], unlinked: Collection[Key], links: Sequence[Link], annotations: Annotations | None,
    spans: Mapping[str, np.ndarray], bags: Mapping[str, Sequence[SentenceBag]],
    overlap_of: Callable[[Source, Source], np.ndarray | None],
) -> dict[Key, SaidAgain]:
    """Per sentence of ``unlinked``, its neighbour in the same source that it says again, as above.

    ``spans`` and ``bags`` are each source's sentence embeddings and bags (``align._source_views``);
    ``overlap_of`` the synonym overlap of two sources in one language.
    """
    floor = threshold(True)
    if annotations is None or floor is None or not unlinked:
        return {}
    linked = {(lk.source_a, lk.sentence_a) for lk in links} | {(lk.source_b, lk.sentence_b) for lk in links}
    found: dict[Key, SaidAgain] = {}
    for source in ordered:
        quoted = voices(annotations, source.id)
        overlap = overlap_of(source, source)
        for position, sentence in enumerate(source.sentences):
            if (source.id, sentence.index) not in unlinked:
                continue
            best: tuple[float, int, str] | None = None
            for other in (position - 1, position + 1):
                if not 0 <= other < len(source.sentences):
                    continue
                neighbour = source.sentences[other].index
                speaker = shared_speaker(quoted, sentence.index, neighbour)
                if (source.id, neighbour) not in linked or speaker is None:
                    continue
                probability = own_probability(spans[source.id], bags[source.id], overlap, position, other)
                if probability is not None and probability >= floor and (best is None or probability > best[0]):
                    best = (probability, neighbour, speaker)
            if best is not None:
                probability, neighbour, speaker = best
                entity = annotations.entity(speaker)
                found[(source.id, sentence.index)] = SaidAgain(neighbour, entity.name if entity else speaker,
                                                               round(probability, 4))
    return found
