"""A link made on names only, dropped where one of its sentences matches a sentence linked in another row better.

Why: r47's 2017 row c2 linked TASS's "The Russian foreign minister will also hold talks with his Japanese
counterpart Fumio Kishida, the parties are expected to consider the implementation of the agreements ..." with
the rewrite's opening "Russian Foreign Minister Sergey Lavrov and Defence Minister Sergey Shoygu are expected to
discuss regional security issues with their Japanese counterparts Fumio Kishida and Tomomi Inada": they share the
ministers' names and "expected", nothing of the agenda.  The row said "linked on names" and asked for a check, yet
the link counted in every "linked" figure (overview, set index, chrF and coverage).  The rewrite's sentence shares
more ('discuss', 'security') with a TASS sentence the aligner linked elsewhere than with its partner, so the pair
is no better than a neighbour on the same topic: the link is dropped and each sentence shows its nearest candidate.

The rule, narrow on purpose: the link is its two sentences' only link (a row of two); both sentences are in one
language; they share names and titles and at most one other content word, each saying at least three of its own
(``compare.findings.partial.in_part``) with a name among what they share; and one of them shares more content
words with a sentence of the other source that has a link of its own.  It marks 2017's c2 alone on the seeds;
2019's names-only links all sit in rows of three or more, so the seed gold's figures do not move
(bench/align_seeds.py), and the WMT21 comparable bench's pairs are in two languages, where it never applies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from compare.model import Link, Source


def drop_names_only(links: Iterable[Link], sources: Sequence[Source]) -> list[Link]:
    """The links, less those made on names only whose sentence matches a sentence linked elsewhere better."""
    from compare.findings.partial import in_part, shared_and_own, shared_words

    links = list(links)
    language = {s.id: s.language for s in sources}
    texts = {(s.id, x.index): x.text for s in sources for x in s.sentences}
    count = Counter(key for lk in links for key in ((lk.source_a, lk.sentence_a), (lk.source_b, lk.sentence_b)))
    kept = []
    for lk in links:
        a, b = (lk.source_a, lk.sentence_a), (lk.source_b, lk.sentence_b)
        lang = language.get(a[0])
        if count[a] > 1 or count[b] > 1 or lang != language.get(b[0]) or a not in texts or b not in texts:
            kept.append(lk)
            continue
        text_a, text_b = texts[a], texts[b]
        if not in_part(text_a, text_b, lang) or not any(w[:1].isupper() for w in shared_words(text_a, text_b, lang)):
            kept.append(lk)
            continue
        here = len(shared_and_own(text_a, text_b, lang)[0])
        better = any(len(shared_and_own(texts[mine], texts[other], lang)[0]) > here
                     for mine, side in ((a, b[0]), (b, a[0]))
                     for other in texts if other[0] == side and other not in (a, b) and count[other] > 0)
        if not better:
            kept.append(lk)
    return kept
