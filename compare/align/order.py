"""Order as evidence: what the sequence of two texts says about a link that their words alone do not.

Two rules, both for texts that render one another line for line (issue 23, the W bench of WMT21 originals with
their human and machine translations, where every version renders the original segment by segment, in order):

- :func:`within_paragraphs`: a merge of the parallel aligner (a bead of two or three sentences on one side) stays
  within one paragraph of each text that has paragraphs;
- :func:`drop_crossing`: between two texts whose links mostly run in order, a link that crosses that order is
  dropped where one of its sentences has an in-order link that it does not clearly beat.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from functools import cache

import numpy as np

from compare.model import Link, Source

Bead = tuple[tuple[int, ...], tuple[int, ...], float]

ORDERED_SHARE = 2 / 3
"""Share of each text's sentences that the in-order chain of a pair's links must hold before order is evidence
(``drop_crossing``): two reports by different outlets tell the same facts in their own order, and there a link
against the order is no sign of a wrong one."""

CLEARLY = 0.9
"""A crossing link stands against an in-order link of one of its sentences only where that link scores below
``CLEARLY`` times its own similarity: the comparable aligner's margin, within which a match counts as good as the
best (``ComparableSettings.margin``)."""


def has_layout(source: Source) -> bool:
    """Some paragraph of the text holds two sentences or more: its paragraphs say something about its layout.
    Text given one sentence a line (``--presegmented``, a parallel corpus) puts every sentence in a paragraph of its
    own, and there a paragraph break says nothing."""
    counts: dict[int, int] = {}
    for sentence in source.sentences:
        counts[sentence.paragraph] = counts.get(sentence.paragraph, 0) + 1
    return any(n > 1 for n in counts.values())


def _groups(members: Sequence[int], paragraph: Sequence[int]) -> list[tuple[int, ...]]:
    """``members`` (consecutive positions) cut where the paragraph changes."""
    out: list[list[int]] = []
    for p in members:
        if out and paragraph[out[-1][-1]] == paragraph[p]:
            out[-1].append(p)
        else:
            out.append([p])
    return [tuple(g) for g in out]


def _best_matching(left: list[tuple[int, ...]], right: list[tuple[int, ...]],
                   score: Callable[[tuple[int, ...], tuple[int, ...]], float],
                   fits: Callable[[tuple[int, ...], tuple[int, ...]], bool]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The in-order pairing of groups of ``left`` with groups of ``right`` (each group at most once, none crossing)
    with the most pairs; of those the most that ``fits``, then the highest summed ``score``."""

    @cache
    def best(p: int, q: int) -> tuple[int, int, float, tuple[tuple[int, int], ...]]:
        if p == len(left) or q == len(right):
            return 0, 0, 0.0, ()
        options = [best(p + 1, q), best(p, q + 1)]
        n, fitting, total, chosen = best(p + 1, q + 1)
        options.append((n + 1, fitting + fits(left[p], right[q]), total + score(left[p], right[q]),
                        ((p, q), *chosen)))
        return max(options, key=lambda o: o[:3])

    return [(left[p], right[q]) for p, q in best(0, 0)[3]]


def within_paragraphs(a: Source, b: Source, beads: Sequence[Bead], similarity: np.ndarray) -> list[Bead]:
    """The parallel aligner's beads with every merge kept within one paragraph of each side.

    Why: the aligner pairs sentences in order and may merge two or three on one side against one or two on the
    other when that fits the lengths and words better, and each merge becomes every pair of its sentences.  A merge
    that runs over a paragraph break joins the end of one paragraph to the start of the next, which a translation
    hardly ever does: on the W bench (WMT21 originals and their translations, one paragraph per segment) every
    such merge joined two segments, e.g. a machine translation's stray sentence of segment 21 ("The company's main
    goal is to provide the best possible service to its customers.") merged with its rendering of segment 22 and
    set beside segment 22 of the other version, or the two sentences of segments 3 and 4 merged with their two
    renderings so that each was paired with both.  Such a bead is cut at the breaks and its parts paired in order:
    the most pairs; of those, where both texts have paragraphs, the most that keep the offset between the two texts'
    paragraph numbers that most beads keep (the texts in step: the offset of the bead before was no guide, for it
    may be the aligner's slip that the merge follows); then the closest (mean similarity of their sentences).  A
    part left over is unlinked.
    A text without paragraphs (one sentence a line) is not cut: its breaks say nothing."""
    # a side given one sentence a line says nothing by its breaks: its sentences count as one paragraph
    laid_a, laid_b = has_layout(a), has_layout(b)  # once per text, not once per sentence
    para_a = [s.paragraph if laid_a else 0 for s in a.sentences]
    para_b = [s.paragraph if laid_b else 0 for s in b.sentences]

    def score(x: tuple[int, ...], y: tuple[int, ...]) -> float:
        return float(similarity[np.ix_(x, y)].mean())

    # the offset between the two texts' paragraph numbers that most beads within one paragraph keep: the texts in
    # step (a translation with a headline paragraph more keeps an offset of one)
    offsets = Counter(para_b[right[0]] - para_a[left[0]] for left, right, _ in beads if left and right
                      and len({para_a[i] for i in left}) == 1 and len({para_b[j] for j in right}) == 1)
    shift = min(offsets, key=lambda o: (-offsets[o], abs(o))) if offsets and laid_a and laid_b else None

    def fits(x: tuple[int, ...], y: tuple[int, ...]) -> bool:
        return shift is not None and para_b[y[0]] - para_a[x[0]] == shift

    out: list[Bead] = []
    for left, right, sim in beads:
        groups_a, groups_b = _groups(left, para_a), _groups(right, para_b)
        if len(groups_a) <= 1 and len(groups_b) <= 1:
            out.append((left, right, sim))
            continue
        for x, y in _best_matching(groups_a, groups_b, score, fits):
            out.append((x, y, score(x, y)))
    return out


def two_by_two(beads: Sequence[Bead], linked: set[tuple[int, int]]) -> list[tuple[int, int, float]]:
    """The pairs of sentences the beads link: every pair of a bead, except in a bead of two sentences against two,
    where the crossed pairs (first with second, second with first) need a link of their own (``linked``, the
    comparable aligner's on the same similarities).

    Why: a bead of two against two says that the two sentences of each side render each other together, not that
    each renders both; in order, the first renders the first and the second the second, with whatever part the
    split points shift across.  Paired every way, the bead put "E Jingping, chief minister of the Ministry of Water
    Resources, …" (segment 3) beside "According to forecasts, the next three days …" (segment 4) and the reverse
    (W bench, wmt-zh-en-423: two human translations, a row that joins two segments each way), with nothing in their
    words to pair them (char 0.08 and 0.12 against 0.58 and 0.52 for the pairs in order)."""
    out = []
    for left, right, sim in beads:
        crossed = {(left[0], right[1]), (left[1], right[0])} if len(left) == len(right) == 2 else set()
        out += [(i, j, sim) for i in left for j in right if (i, j) not in crossed or (i, j) in linked]
    return out


def _chain(points: Sequence[tuple[int, int, float]]) -> set[int]:
    """Indices of the longest chain of ``points`` (i, j, weight) that never goes back on either side (a sentence
    may take two in a row: a split), and of those the heaviest."""
    if not points:
        return set()
    order = sorted(range(len(points)), key=lambda k: (points[k][0], points[k][1]))
    rows = np.array([points[k][0] for k in order])
    cols = np.array([points[k][1] for k in order])
    weights = np.array([points[k][2] for k in order], dtype=float)
    scale = float(weights.clip(min=0).sum()) + 1.0  # a longer chain outranks any gain in weight
    key = np.zeros(len(order))
    back = np.full(len(order), -1)
    for n in range(len(order)):
        before = np.flatnonzero((rows[:n] <= rows[n]) & (cols[:n] <= cols[n]))
        key[n] = scale + max(weights[n], 0.0)
        if before.size:
            m = before[np.argmax(key[before])]
            key[n] += key[m]
            back[n] = m
    n = int(np.argmax(key))
    out = set()
    while n >= 0:
        out.add(order[n])
        n = int(back[n])
    return out


def drop_crossing(links: Sequence[Link], sources: Sequence[Source], modes: Mapping[str, str]) -> list[Link]:
    """``links`` without those that cross the order of two texts that render each other in order, where a sentence of
    the crossing link has an in-order link it does not clearly beat (``CLEARLY``).

    Why: two translations of one text share their topic words in many sentences, and two sentences on one law
    ("The government is introducing amendments to the law 'On the procurement …'" in segment 4, "To date, the law
    'On the procurement of goods, works, and services' …" in segment 8) score as high as many a true pair (0.61
    against their own renderings' 0.78 and 0.80).  The comparable aligner links any pair that strong, so each was
    linked to both renderings, against an order every other link of the two texts keeps, and the side-by-side put
    segment 8 in segment 4's row (W bench, wmt-ru-en-714: 20 false rows in one set).  Where most sentences of both
    texts are linked in order (the longest chain that never goes back holds ``ORDERED_SHARE`` of each), order is
    evidence: a link off that chain must beat the chain's link of each of its two sentences clearly to stay.  A
    crossing link whose sentences have no in-order link is kept (a sentence a translation moved), and so is one
    between word-for-word identical sentences (one statement wherever it stands).  Pairs aligned in parallel mode
    are left alone: their links run in order already, and the pairs of one merge share its similarity, so no
    one of them can beat another (``two_by_two`` reads those)."""
    size = {s.id: len(s.sentences) for s in sources}
    position = {(s.id, x.index): p for s in sources for p, x in enumerate(s.sentences)}
    words = {(s.id, x.index): " ".join(x.text.casefold().split()) for s in sources for x in s.sentences}
    by_pair: dict[tuple[str, str], list[int]] = {}
    for k, lk in enumerate(links):
        by_pair.setdefault((lk.source_a, lk.source_b), []).append(k)
    dropped: set[int] = set()
    for (sa, sb), members in by_pair.items():
        if sa not in size or sb not in size or modes.get(f"{sa}-{sb}") == "parallel":
            continue  # the parallel aligner's links run in order by construction; its merges are one decision
        if (len({links[k].sentence_a for k in members}) < ORDERED_SHARE * size[sa]
                or len({links[k].sentence_b for k in members}) < ORDERED_SHARE * size[sb]):
            continue  # too few links for an in-order chain to hold the share: reports told in their own order
        points = [(position[(sa, links[k].sentence_a)], position[(sb, links[k].sentence_b)], links[k].similarity)
                  for k in members]
        on_chain = {members[n] for n in _chain(points)}
        held_a = {position[(sa, links[k].sentence_a)] for k in on_chain}
        held_b = {position[(sb, links[k].sentence_b)] for k in on_chain}
        if len(held_a) < ORDERED_SHARE * size[sa] or len(held_b) < ORDERED_SHARE * size[sb]:
            continue
        for k in members:
            lk = links[k]
            if k in on_chain or words[(sa, lk.sentence_a)] == words[(sb, lk.sentence_b)]:
                continue
            rivals = [links[m].similarity for m in on_chain
                      if links[m].sentence_a == lk.sentence_a or links[m].sentence_b == lk.sentence_b]
            if any(r >= CLEARLY * lk.similarity for r in rivals):
                dropped.add(k)
    return [lk for k, lk in enumerate(links) if k not in dropped]
