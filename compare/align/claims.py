"""Claims: linked sentences across the sources of an event, and what only one source says.

Links are edges between (source, sentence) nodes.  Plain connected
components would chain: in comparable mode a sentence links to two others,
each of those to two more, and one "claim" swallows half a report.  So links
are merged strongest first, and a merge is refused when the claim would hold
more than ``MAX_PER_SOURCE`` sentences of one source (two allows the
one-to-two and two-to-one renderings translations make), or when it would join
two claims that two sources or more each give apart in their text (two statements).  Weaker links stay
in the link table; a sentence they alone connect joins the claim of its
strongest partner, without pulling that partner's claim along.  A sentence with no link to
any other source is a claim of its own ("only in TASS").  Page structure
(headlines, datelines, bylines, captions: compare.structure) joins claims
only with page structure.

Kinds: ``shared-by-all`` (every source of the event carries it: each part of a statement a source gives in
two sentences is linked in every other source),
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


def _apart_in_two(first: Sequence[tuple[str, int]], second: Sequence[tuple[str, int]]) -> bool:
    """Whether two groups of linked sentences are two statements: two sources or more each give both, apart in
    their text (not one sentence after the other).

    Why: a weak comparable link from a copy's sentence to a statement the copy leaves out ("Seattle and Portland,
    however, have seen extended demonstrations.", 0.25 to "This week, federal officials deployed a tactical team
    to Seattle ...", three paragraphs on) joined the two rows into one, "shared by all", and the copy carries only
    the second (issue 23, truth20, planted p02 M3); three other sources gave the two statements paragraphs apart.
    One source alone giving both apart is not enough: a machine-translated rewrite says one statement three times
    (2019: 000's "the armed forces are working on their sovereign territory"), and its repeats are one statement."""
    mine: dict[str, list[int]] = {}
    theirs: dict[str, list[int]] = {}
    for source_id, index in first:
        mine.setdefault(source_id, []).append(index)
    for source_id, index in second:
        theirs.setdefault(source_id, []).append(index)
    apart = [sid for sid in mine.keys() & theirs.keys()
             if min(abs(i - j) for i in mine[sid] for j in theirs[sid]) > 1]
    return len(apart) >= 2


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
        if ga is not None and gb is not None and _apart_in_two(groups[ga], groups[gb]):
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


def _every_part_everywhere(members: Sequence[tuple[str, int]],
                           pairs: Collection[tuple[tuple[str, int], tuple[str, int]]]) -> bool:
    """Whether every other source of a row is linked to each sentence of a source that gives the statement in two
    consecutive sentences: "shared by all" is said of every part (truth20, p02 M3: a row of two statements, one of them missing from a
    source, read "shared by all")."""
    by_source: dict[str, list[tuple[str, int]]] = {}
    for node in members:
        by_source.setdefault(node[0], []).append(node)
    for source_id, parts in by_source.items():
        if len(parts) != 2 or abs(parts[0][1] - parts[1][1]) != 1:
            continue  # one sentence, or a statement said again apart (a repeat): any of them is the statement
        for other, theirs in by_source.items():
            if other != source_id and not all(any((part, node) in pairs for node in theirs) for part in parts):
                return False
    return True


def _rendered_structure(sources: Sequence[Source], links: Sequence[Link],
                        structure: Collection[tuple[str, int]]) -> set[tuple[str, int]]:
    """Lines a translation's page layout shows that the word limit of a headline missed: a paragraph of one sentence
    without a closing mark, every link of which goes to page structure of a source in another language.

    Why: a translation runs longer than its original; planted p03's German standfirst ("Der Chefberater des
    britischen Premierministers machte diese Erfahrung … des Special Air Service SAS", 21 words) is over the 20
    words of a headline (``structure.HEADLINE_MAX_WORDS``) where the English one ("PM's chief adviser underwent the
    experience last week during a tour of the base") is under it, so it was a statement linked only to page
    structure, and stood in a row of its own as one no other source reports (issue 23, truth20, p03 M2)."""
    from compare.structure import CLOSING

    language = {s.id: s.language for s in sources}
    partners: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for k in links:
        a, b = (k.source_a, k.sentence_a), (k.source_b, k.sentence_b)
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    out = set()
    for source in sources:
        per_paragraph: dict[int, int] = {}
        for sentence in source.sentences:
            per_paragraph[sentence.paragraph] = per_paragraph.get(sentence.paragraph, 0) + 1
        for sentence in source.sentences:
            key = (source.id, sentence.index)
            theirs = partners.get(key, [])
            if (key in structure or not theirs or per_paragraph[sentence.paragraph] != 1
                    or CLOSING.search(sentence.text.strip())):
                continue
            if all(other in structure and language.get(other[0]) != source.language for other in theirs):
                out.add(key)
    return out


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
    structure |= _rendered_structure(sources, links, structure)
    # A headline may share words with the lead it announces, but a row of the comparison is one statement:
    # links between page structure and statements stay in the link table and join no claim.
    grouped = _grouped([k for k in links if ((k.source_a, k.sentence_a) in structure)
                        == ((k.source_b, k.sentence_b) in structure)])
    pairs = {((k.source_a, k.sentence_a), (k.source_b, k.sentence_b)) for k in links}
    pairs |= {(b, a) for a, b in pairs}
    claims = []
    in_claims: set[tuple[str, int]] = set()
    for k, members in enumerate(grouped, start=1):
        in_claims.update(members)
        kind = ("shared-by-all" if {sid for sid, _ in members} == everyone and _every_part_everywhere(members, pairs)
                else "shared-by-some")
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
