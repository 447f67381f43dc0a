"""One person's words at the event are not the same statement as what was said on another occasion.

A link tells the reader that two sentences report the same statement.  TASS
recalls that "During the December summit, Russia and Japan announced that any
agreements concerning joint economic activities would not damage the two
countries' positions"; the EFE rewrite reports that "At the beginning of the
talks, Akiba said that Japan intends to ... maintain the principle of not
undermining each side's legal positions".  The point is similar, the words
and the embeddings close, but the speaker and the occasion differ: a row that
puts them side by side as "shared by all" says Akiba's words at the talks are
the December announcement.

The rule: a link is dropped when one sentence is attributed to a person (the
speaker rule's attribution, ``align.speakers``) and the other, not attributed
to that person, reports a statement (a speech verb: "announced", "said") and
anchors itself in time to a month or a year that neither the person's
sentence nor any source's publication date names (the "December summit" of a
set published in March).  A background fact ("The first two-plus-two meeting
was held in November 2013") reports no statement and is left to the other
rules.  Each sentence keeps the other as its
nearest candidate, so the page still shows the similar point for a reader to
judge.  Without publication dates nothing is dropped: the event's own month
cannot be told from another.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from compare.align.features import numbers, words
from compare.align.speakers import SPEECH_VERBS
from compare.model import Link, Source

_YEAR = re.compile(r"^(19|20)\d\d$")


def anchors(text: str) -> frozenset[str]:
    """The months ("month:12", a month name next to a number or unambiguous alone) and years a sentence names."""
    return frozenset(n for n in numbers(text) if n.startswith("month:") or _YEAR.match(n))


def event_anchors(sources: Sequence[Source]) -> frozenset[str]:
    """The months and years of the sources' publication dates ("2017-03-20": "month:03", "2017")."""
    found: set[str] = set()
    for source in sources:
        published = source.published or ""
        if re.match(r"^\d{4}-\d{2}", published):
            found.update((published[:4], f"month:{published[5:7]}"))
    return frozenset(found)


def reports_speech(text: str) -> bool:
    """Whether a sentence reports what someone said: one of the speaker rule's speech verbs ("announced")."""
    return any(w.lower() in SPEECH_VERBS for w in words(text))


def other_occasion(text: str, person_text: str, here: frozenset[str]) -> bool:
    """Whether ``text`` reports a statement and names a month or year that ``person_text`` does not and the
    publication dates do not."""
    return bool(anchors(text) - anchors(person_text) - here) and reports_speech(text)


def drop_other_occasion(links: Iterable[Link], sources: Sequence[Source],
                        speakers: Mapping[tuple[str, int], frozenset[str]]) -> list[Link]:
    """The links that do not join a person's sentence to another sayer's sentence about another occasion."""
    links = list(links)
    here = event_anchors(sources)
    if not here:
        return links
    texts = {(s.id, x.index): x.text for s in sources for x in s.sentences}
    kept = []
    for link in links:
        a, b = (link.source_a, link.sentence_a), (link.source_b, link.sentence_b)
        apart = False
        for other, person in ((a, b), (b, a)):
            people = speakers.get(person)
            if people and not (speakers.get(other, frozenset()) & people) and other_occasion(
                    texts.get(other, ""), texts.get(person, ""), here):
                apart = True
        if not apart:
            kept.append(link)
    return kept
