"""A sentence of a background passage that refers to the occasion being reported, not to the earlier one.

Background passages (``compare.events``) are cut by paragraph: from the
sentence naming another date to the paragraph's end.  A report may still say,
inside such a passage, that something happened again this time.  000 (2019),
a machine translation of a Russian site: "At the meeting in 2018 the parties
also raised the issue ... As this time, representatives of Tokyo said that the
installation does not threaten Russia."  "As this time" is Russian "как и в
этот раз", "as this time too": Tokyo's assurance at the 2019 meeting.  Read as
2018 background, the sentence is never compared, and the page showed only
AVIONEWS carrying Japan's answer to Lavrov's missile-defence concern.

The rule: a background passage one of whose sentences names the present
occasion in the report's own words (quotations left out: a speaker's "this
year" is the speaker's) says so in its reason, "2018 ...; but its second
sentence also refers to this event ('this time')", so the page's background
list tells a reader where the passage speaks of this event too.  "At this
time" is left out: in a narrative it means "at that moment" of the earlier
occasion.

Since issue 23's truth6 such a sentence is taken out of the passage and compared with the event
(``passage_without``): the page had said, in its background list, that the sentence refers to this event, and
still filed it as "background, not compared", so the row of AVIONEWS's Iwaya assurance showed 000 "no match
found" beside it (r38).  truth4 kept it in the passage because the absence test rules out AVIONEWS's Iwaya
sentence as its rendering (probability 0.036 against 0.109), so compared it would read "only in 000"; what the
row says once compared is the aligner's (docs/methods.md, truth6).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from compare.model import Sentence

PRESENT = re.compile(
    r"(?<![\w-])(?:(?<!at )this time|this year|this week|today"
    r"|в этот раз|на этот раз|этот раз|в этом году|сегодня"
    r"|diesmal|dieses mal|dieses jahr|in diesem jahr|heute"
    r"|cette fois|cette année|aujourd'hui|aujourd’hui"
    r"|questa volta|quest'anno|quest’anno|oggi"
    r"|esta vez|este año|hoy)(?![\w-])",
    re.I,
)
"""Words of a report's own voice that name the occasion it reports (small, on purpose: each was read in context)."""

_QUOTED = re.compile(r"[“\"«„][^”\"»“]*[”\"»]")
"""A quotation: a speaker's 'this year' is the speaker's, not the report's."""


@dataclass(frozen=True)
class PresentSentence:
    """A sentence of a passage that refers to the present occasion: its place in its paragraph and the words."""

    ordinal: int
    """1-based position of the sentence in its paragraph."""
    words: str
    start: int = 0
    end: int = 0
    """The sentence's span in the text: the background passage is cut around it."""


def present_marker(text: str) -> str | None:
    """The words of ``text`` outside quotations that name the present occasion ('As this time' -> 'this time')."""
    found = PRESENT.search(_QUOTED.sub(" ", text))
    return found.group(0) if found else None


_AS_BEFORE = re.compile(r"(?:^|[\s(])((?:as|like|wie|come|comme|como|как и|как)\s+)$", re.I)
"""A comparison word just before the marker: 'As this time' says the earlier occasion's words held again."""


def repeat_phrase(text: str, marker: str) -> str | None:
    """'As this time' where ``marker`` ('this time') follows a comparison word in ``text``, outside quotations:
    the sentence may repeat for this occasion what its passage says of the earlier one (issue 23, r46, 2019:
    000's "As this time, representatives of Tokyo said …" sits in a paragraph about the 2018 meeting and was
    said to refer to this event, which the class read as 000's report of 2019)."""
    plain = _QUOTED.sub(" ", text)
    at = plain.find(marker)
    found = _AS_BEFORE.search(plain[:at]) if at >= 0 else None
    return (found.group(1) + marker) if found else None


def present_sentences(sentences: Sequence[Sentence], paragraph: int, start: int, end: int) -> list[PresentSentence]:
    """The sentences of the passage ``start``..``end`` of ``paragraph`` that refer to the present occasion."""
    own = [s for s in sentences if s.paragraph == paragraph]
    found = []
    for ordinal, sentence in enumerate(own, start=1):
        marker = present_marker(sentence.text) if sentence.end > start and sentence.start < end else None
        if marker is not None:
            found.append(PresentSentence(ordinal, marker, sentence.start, sentence.end))
    return found


def ordinal_words(n: int) -> str:
    """'second' for 2: the page says which sentence of a paragraph it means."""
    names = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
    return names[n - 1] if 1 <= n <= len(names) else f"{n}th"


def passage_without(start: int, end: int, present: Sequence[PresentSentence]) -> list[tuple[int, int]]:
    """The spans of the passage ``start``..``end`` left once the sentences that refer to the present occasion are
    taken out: those sentences are compared with the event, the rest stays background."""
    spans, at = [], start
    for sentence in sorted(present, key=lambda x: x.start):
        if sentence.start > at:
            spans.append((at, sentence.start))
        at = max(at, sentence.end)
    if at < end:
        spans.append((at, end))
    return [(a, b) for a, b in spans if b > a]
