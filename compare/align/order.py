"""Order as evidence: what the sequence of two texts says about a link that their words alone do not.

Rules for texts that render one another line for line (issue 23, the W bench of WMT21 originals with their human
and machine translations, where every version renders the original segment by segment, in order):

- :func:`paragraph_steps`: where two texts keep one paragraph layout, the parallel aligner pairs sentences of one
  paragraph number only (``compare.align.parallel.align_parallel``'s ``paragraphs``);
- :func:`within_paragraphs`: a merge of the parallel aligner (a bead of two or three sentences on one side) stays
  within one paragraph of each text that has paragraphs;
- :func:`drop_crossing`: between two texts whose links mostly run in order, a link that crosses that order is
  dropped where one of its sentences has an in-order link that it does not clearly beat;
- :func:`out_of_place`: between two texts whose links run in order, a weak link that order puts out of place gives
  way to the in-order pairs where those score nearly as high.
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


def paragraph_steps(a: Source, b: Source) -> tuple[list[int], list[int]] | None:
    """Per sentence of ``a`` and of ``b``, the number of its paragraph counted from 0 in order, where the two texts
    keep one paragraph layout; None where they need not.

    Two texts keep one layout when they hold as many paragraphs (two or more) and the paragraphs of one of them
    say something (``has_layout``: some paragraph holds two sentences).  A text given one sentence a line says
    nothing by its breaks, but beside a text with paragraphs of as many breaks its one-sentence paragraphs are
    paragraphs too: a machine translation of a Chinese report that keeps each of its twelve one-sentence
    paragraphs, against a translation that split two of them (W bench, wmt-zh-en-247).  Two texts that are both
    one sentence a line are left alone (a parallel corpus: its lines are no layout)."""
    if not (has_layout(a) or has_layout(b)):
        return None
    out = []
    for source in (a, b):
        numbers: list[int] = []
        for k, sentence in enumerate(source.sentences):
            numbers.append(0 if k == 0 else numbers[-1] + (sentence.paragraph != source.sentences[k - 1].paragraph))
        out.append(numbers)
    if not out[0] or not out[1] or out[0][-1] != out[1][-1] or out[0][-1] == 0:
        return None
    return out[0], out[1]


def in_step(beads: Sequence[Bead], steps: tuple[Sequence[int], Sequence[int]]) -> float:
    """Share of the beads pairing sentences of both texts that keep to one paragraph number on both sides."""
    para_a, para_b = steps
    paired = [(left, right) for left, right, _ in beads if left and right]
    if not paired:
        return 0.0
    kept = sum(len({para_a[i] for i in left} | {para_b[j] for j in right}) == 1 for left, right in paired)
    return kept / len(paired)


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


def _pair_index(sources: Sequence[Source], links: Sequence[Link]) -> tuple[
        dict[str, int], dict[tuple[str, int], int], dict[tuple[str, int], str], dict[tuple[str, str], list[int]]]:
    """What the order rules read of an event: each source's sentence count, each sentence's position and folded
    words, and the links of each pair of sources (their indices in ``links``)."""
    size = {s.id: len(s.sentences) for s in sources}
    position = {(s.id, x.index): p for s in sources for p, x in enumerate(s.sentences)}
    words = {(s.id, x.index): " ".join(x.text.casefold().split()) for s in sources for x in s.sentences}
    by_pair: dict[tuple[str, str], list[int]] = {}
    for k, lk in enumerate(links):
        by_pair.setdefault((lk.source_a, lk.source_b), []).append(k)
    return size, position, words, by_pair


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
    size, position, words, by_pair = _pair_index(sources, links)
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


IN_ORDER = 0.85
"""Share of a pair's links that the in-order chain must hold before ``out_of_place`` reads order as evidence: the
share of forward steps at which the comparable aligner takes two texts for renderings of one another
(``compare.align.PARALLEL_MIN_MONOTONE``)."""

MIN_CHAIN = 4
"""Links an in-order chain must hold before ``out_of_place`` reads it: fewer say little about an order."""

NEAR = 0.03
"""How far (embedding score) below a link an in-order candidate may score and still be taken for its sentence's
counterpart (``out_of_place``).  e5 rates every sentence of a Chinese report close to every other of its English
rendering (0.80-0.90), and on the W bench the rule's pick and the in-order sentence it displaced stood 0.005-0.027
apart in every false row of zh-en (wmt-zh-en-223, -305, -432, -206); a sentence whose rendering is missing has no
in-order candidate that close."""


def _bracket(anchors: Sequence[tuple[int, int]], at: int, side: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The anchors just before and just after position ``at`` on ``side`` (0: a, 1: b) of an in-order chain."""
    before = max((x for x in anchors if x[side] < at), key=lambda x: (x[side], x[1 - side]))
    after = min((x for x in anchors if x[side] > at), key=lambda x: (x[side], x[1 - side]))
    return before, after


def out_of_place(links: Sequence[Link], sources: Sequence[Source], modes: Mapping[str, str],
                 scores: Mapping[tuple[str, str], np.ndarray], strong: float, floor: float,
                 ) -> tuple[list[Link], list[tuple[str, str, int, int, float]]]:
    """``links`` without the weak links of two texts that render each other in order that sit where an in-order
    sentence nearly as close is left open on both sides; and the in-order pairs to link instead, as (source a,
    source b, position in a, position in b, score).

    Why: across languages the lexical signals say little, and the semantic pass links a pair of sentences that are
    each other's best by e5 however close the runner-up; e5 rates a Chinese report's sentences close to most of
    its English rendering's (0.80-0.90), so a sentence took its neighbour's rendering ("通过督导检查…" of segment 6
    beside "In order to do a good job of ecological water replenishment, …" of segment 5, 0.877 against 0.869 and
    0.870 for the two in order) or a sentence far off ("Learn about history and be inspired, …" of segment 20
    beside the Chinese of segment 4), and the side-by-side put two segments in one row (W bench, zh-en: 5 of the 8
    false rows of folds 0-4).  Where the pair's links run in order (the longest chain that never goes back holds
    ``IN_ORDER`` of them, and ``MIN_CHAIN`` at least), each link of few shared words (below the comparable
    aligner's ``strong``) is read against the chain's links around it (the texts' starts and ends count as such):

    * a link off the chain (it crosses the order) goes where both its sentences have an open sentence (no link to
      the other text) between the chain's links around them, each scoring within ``NEAR`` of the link; each of
      the two is then linked to the best of those that reaches the semantic floor;
    * a link within the chain, between two links with as many sentences between them on both sides, that is not
      on the diagonal of that gap (the third sentence after the anchor beside the second) goes where both of its
      sentences' diagonal partners are open and score within ``NEAR`` of it; the diagonal pairs are linked where
      they reach the floor.

    A sentence a translation moved keeps its link: its in-order place on the other side is held by the rest, so
    no open sentence stands there.  Pairs aligned in parallel mode are left alone (their links run in order)."""
    size, position, words, by_pair = _pair_index(sources, links)
    dropped: set[int] = set()
    added: list[tuple[str, str, int, int, float]] = []
    for (sa, sb), members in by_pair.items():
        score = scores.get((sa, sb))
        if score is None or modes.get(f"{sa}-{sb}") != "comparable" or sa not in size or sb not in size:
            continue
        points = [(position[(sa, links[k].sentence_a)], position[(sb, links[k].sentence_b)]) for k in members]
        chain = _chain([(i, j, float(score[i, j])) for i, j in points])
        if len(chain) < MIN_CHAIN or len(chain) < IN_ORDER * len(points):
            continue
        linked_a = {i for i, _ in points}
        linked_b = {j for _, j in points}
        taken: set[tuple[int, int]] = set(points)
        for n, (i, j) in enumerate(points):
            lk = links[members[n]]
            if lk.similarity >= strong or words[(sa, lk.sentence_a)] == words[(sb, lk.sentence_b)]:
                continue
            anchors = [(-1, -1), *(points[m] for m in chain if m != n), (size[sa], size[sb])]
            before_i, after_i = _bracket(anchors, i, 0)
            before_j, after_j = _bracket(anchors, j, 1)
            value = float(score[i, j])
            if n not in chain:
                for_i = [q for q in range(before_i[1] + 1, after_i[1]) if q != j]
                for_j = [p for p in range(before_j[0] + 1, after_j[0]) if p != i]
            elif (before_i, after_i) == (before_j, after_j) and after_i[0] - before_i[0] == after_i[1] - before_i[1] \
                    and i - before_i[0] != j - before_i[1]:
                for_i = [before_i[1] + i - before_i[0]]
                for_j = [before_i[0] + j - before_i[1]]
            else:
                continue
            for_i = [q for q in for_i if q not in linked_b and score[i, q] >= value - NEAR]
            for_j = [p for p in for_j if p not in linked_a and score[p, j] >= value - NEAR]
            if not for_i or not for_j:
                continue
            dropped.add(members[n])
            for p, q in ((i, max(for_i, key=lambda q: score[i, q])), (max(for_j, key=lambda p: score[p, j]), j)):
                if score[p, q] >= floor and (p, q) not in taken:
                    taken.add((p, q))
                    linked_a.add(p)
                    linked_b.add(q)
                    added.append((sa, sb, p, q, float(score[p, q])))
    return [lk for k, lk in enumerate(links) if k not in dropped], added
