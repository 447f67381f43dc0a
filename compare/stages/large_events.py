"""Aligning an event of very many reports: a star on the hub report, in blocks, not every pair of reports.

Why: ``compare.align.align_event`` aligns every pair of an event's reports,
n(n-1)/2 of them: 45 pairs for ten reports, half a million for a thousand
(a wrong merge of templated reports once made such an event, and the run
aligned it for far longer than any reader waits).  Above ``LARGE_EVENT``
members the reports other than the hub are cut into blocks of ``BLOCK`` (in id
order), and each block is aligned with the hub, as one small event: every
report is read against the hub and against the reports of its own block, so
the pairs grow with the number of reports (about ``BLOCK / 2`` per report),
not with its square.

The hub is the event's reference where it has one (an official transcript,
else an original: ``compare.align.reference``), so the comparisons a reader
looks at first, each version against the reference, are all made; without a
reference it is the first report by id.  Pairs of reports in two different
blocks are not aligned: the pair table lists the pairs made, and a sentence
of such a report is "absent elsewhere" only where its block found no
counterpart (the hub's only where no block did).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from compare.model import Event, EventAlignment, Source

LARGE_EVENT = 40
"""Members from which an event is aligned as a star in blocks (780 pairs at 40, all of them made below)."""
BLOCK = 16
"""Reports per block besides the hub: each is aligned with the hub and with the other 15 of its block."""


def blocks(members: Sequence[Source]) -> tuple[Source, list[list[Source]]]:
    """The hub and the blocks of the other members (id order), each block to be aligned with the hub."""
    from compare.align.reference import reference_rank  # here: the stage list imports this module, not compare.align

    ordered = sorted(members, key=reference_rank)
    hub, rest = ordered[0], sorted(ordered[1:], key=lambda s: s.id)
    return hub, [rest[start:start + BLOCK] for start in range(0, len(rest), BLOCK)]


def align_in_blocks(
    event: Event, members: Sequence[Source], align: Callable[[Event, tuple[Source, ...]], EventAlignment],
) -> EventAlignment:
    """One alignment of a large event from the alignments of its blocks (``align``: one small event's)."""
    from compare.align.claims import build_claims, claim_diffs, unique_sentences
    from compare.align.reference import reference_source

    hub, parts = blocks(members)
    found = [align(event, tuple(sorted([hub, *block], key=lambda s: s.id))) for block in parts]
    ordered = sorted(members, key=lambda s: s.id)
    links, seen = [], set()
    for alignment in found:
        for link in alignment.links:
            key = (link.source_a, link.sentence_a, link.source_b, link.sentence_b)
            if key not in seen:
                seen.add(key)
                links.append(link)
    absent: dict[str, tuple[int, ...]] = {}
    for alignment in found:
        for sid, indices in alignment.absent.items():
            absent[sid] = tuple(sorted(set(absent[sid]) & set(indices))) if sid in absent else indices
    nearest = {}
    for alignment in found:
        for key, near in alignment.nearest.items():
            if key not in nearest or near.score > nearest[key].score:
                nearest[key] = near
    claims = build_claims(event.id, ordered, links, {(sid, i) for sid, indices in absent.items() for i in indices})
    reference = reference_source(ordered)
    anchors, diffs = claim_diffs(claims, ordered, reference)
    quotes = tuple(dict.fromkeys(q for alignment in found for q in alignment.quotes))
    modes = {k: v for alignment in found for k, v in alignment.modes.items()}
    signatures = {**found[0].signatures, "pairs": f"star on {hub.id} in blocks of {BLOCK} (stages/large_events)"}
    return EventAlignment(
        event=event.id,
        links=tuple(links),
        claims=claims,
        pairs=tuple(sorted((p for alignment in found for p in alignment.pairs), key=lambda p: (p.source_a, p.source_b))),
        quotes=quotes,
        unique=unique_sentences(ordered, links),
        absent={s.id: absent.get(s.id, ()) for s in ordered},
        nearest=dict(sorted(nearest.items())),
        modes=modes,
        signatures=signatures,
        reference=reference,
        claim_anchors=anchors,
        claim_diffs=diffs,
    )


__all__ = ["BLOCK", "LARGE_EVENT", "align_in_blocks", "blocks"]
