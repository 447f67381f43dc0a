"""Claims: linked sentences across the sources of an event, and what only one source says.

Links are edges between (source, sentence) nodes.  Plain connected
components would chain: in comparable mode a sentence links to two others,
each of those to two more, and one "claim" swallows half a report.  So links
are merged strongest first, and a merge is refused when the claim would hold
more than ``MAX_PER_SOURCE`` sentences of one source (two allows the
one-to-two and two-to-one renderings translations make).  Weaker links stay
in the link table; a sentence they alone connect joins the claim of its
strongest partner, without pulling that partner's claim along.  A sentence with no link to
any other source is a claim of its own ("only in TASS").  Page structure
(headlines, datelines, bylines, captions: compare.structure) joins claims
only with page structure.

Kinds: ``shared-by-all`` (every source of the event carries it),
``shared-by-some``, ``only-one-source`` (absence established),
``no-close-match`` (unlinked, absence not established), ``page-structure``
(a headline, dateline, byline or caption matched by no other source's).
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Sequence

from compare.align.labels import word_diff
from compare.model import Claim, Diff, Link, Source
from compare.structure import roles


def unique_sentences(sources: Sequence[Source], links: Iterable[Link]) -> dict[str, tuple[int, ...]]:
    """Per source, the indices of sentences that no link connects to another source."""
    linked = set()
    for link in links:
        linked.add((link.source_a, link.sentence_a))
        linked.add((link.source_b, link.sentence_b))
    return {
        s.id: tuple(sent.index for sent in s.sentences if (s.id, sent.index) not in linked)
        for s in sorted(sources, key=lambda x: x.id)
    }


MAX_PER_SOURCE = 2


def _grouped(links: Sequence[Link]) -> list[list[tuple[str, int]]]:
    """Greedy, size-bounded grouping of linked sentences, strongest links first."""
    group_of: dict[tuple[str, int], int] = {}
    groups: dict[int, list[tuple[str, int]]] = {}
    fresh = itertools.count()
    ordered = sorted(links, key=lambda k: (-k.similarity, k.source_a, k.sentence_a, k.source_b, k.sentence_b))
    for link in ordered:
        a, b = (link.source_a, link.sentence_a), (link.source_b, link.sentence_b)
        ga, gb = group_of.get(a), group_of.get(b)
        if ga is not None and ga == gb:
            continue
        members = (groups[ga] if ga is not None else [a]) + (groups[gb] if gb is not None else [b])
        per_source: dict[str, int] = {}
        for source_id, _ in members:
            per_source[source_id] = per_source.get(source_id, 0) + 1
        if max(per_source.values()) > MAX_PER_SOURCE:
            continue
        existing = [g for g in (ga, gb) if g is not None]
        key = min(existing) if existing else next(fresh) + len(links)
        for old in (ga, gb):
            if old is not None and old != key:
                groups.pop(old)
        groups[key] = sorted(members)
        for node in members:
            group_of[node] = key
    # A linked sentence the cap kept out is still carried by another source:
    # it joins the claim of its strongest partner (one hop, so nothing chains).
    for link in ordered:
        for node, partner in (((link.source_a, link.sentence_a), (link.source_b, link.sentence_b)),
                              ((link.source_b, link.sentence_b), (link.source_a, link.sentence_a))):
            if node not in group_of and partner in group_of:
                group_of[node] = group_of[partner]
                groups[group_of[partner]] = sorted([*groups[group_of[partner]], node])
    return sorted(groups.values())


def build_claims(
    event: str, sources: Sequence[Source], links: Sequence[Link], absent: Collection[tuple[str, int]] = (),
) -> tuple[Claim, ...]:
    """Shared claims (groups of linked sentences, ordered by first member) then one-source ones.

    A sentence with no link is ``only-one-source`` when its absence from the
    other sources was established (``absent``: the calibrated test of
    ``align.absence`` ruled out a counterpart in each), else ``no-close-match``: nothing was linked, and nothing is
    claimed about the other sources.
    """
    texts = {(s.id, sent.index): sent.text for s in sources for sent in s.sentences}
    everyone = {s.id for s in sources}
    structure = {(s.id, index) for s in sources for index in roles(s.sentences)}
    # A headline may share words with the lead it announces, but a row of the comparison is one statement:
    # links between page structure and statements stay in the link table and join no claim.
    grouped = _grouped([k for k in links if ((k.source_a, k.sentence_a) in structure)
                        == ((k.source_b, k.sentence_b) in structure)])
    claims = []
    in_claims: set[tuple[str, int]] = set()
    for k, members in enumerate(grouped, start=1):
        in_claims.update(members)
        kind = "shared-by-all" if {sid for sid, _ in members} == everyone else "shared-by-some"
        claims.append(Claim(id=f"{event}:c{k}", event=event, members=tuple(members), kind=kind,
                            text=texts.get(members[0], "")))
    n = len(claims)
    for source in sorted(sources, key=lambda x: x.id):
        for sentence in source.sentences:
            if (source.id, sentence.index) not in in_claims:
                n += 1
                key = (source.id, sentence.index)
                kind = ("page-structure" if key in structure
                        else "only-one-source" if key in absent else "no-close-match")
                claims.append(Claim(id=f"{event}:c{n}", event=event, members=((source.id, sentence.index),),
                                    kind=kind, text=sentence.text))
    return tuple(claims)


def claim_diffs(
    claims: Sequence[Claim], sources: Sequence[Source], reference: str | None,
) -> tuple[dict[str, str], dict[str, dict[str, Diff]]]:
    """Per claim, the source whose wording the others are read against, and each member's word diff to it.

    The anchor is the reference when it carries the claim, else the first
    member source in id order; a member with two sentences is read as one
    text, so a merged rendering is compared whole.
    """
    texts = {(s.id, sent.index): sent.text for s in sources for sent in s.sentences}
    anchors: dict[str, str] = {}
    diffs: dict[str, dict[str, Diff]] = {}
    for claim in claims:
        by_source: dict[str, list[int]] = {}
        for sid, index in claim.members:
            by_source.setdefault(sid, []).append(index)
        anchor = reference if reference in by_source else min(by_source)
        anchor_text = " ".join(texts[(anchor, i)] for i in sorted(by_source[anchor]))
        anchors[claim.id] = anchor
        diffs[claim.id] = {
            sid: ((("=", anchor_text),) if sid == anchor
                  else word_diff(anchor_text, " ".join(texts[(sid, i)] for i in sorted(indices))))
            for sid, indices in sorted(by_source.items())
        }
    return anchors, diffs
