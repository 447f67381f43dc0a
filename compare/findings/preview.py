"""``written-before``: a report reads as a preview, written before the event it is grouped under.

Why (issue 23, r54, 2017): TASS (002) is a curtain-raiser filed before the talks ("Lavrov to participate ...",
"On Monday ... Lavrov will participate in the two-plus-two meeting ... scheduled to be held"), but the page said
only "5 of its 11 statements look ahead", so a class took the other six for reports of the talks and read the
rewrite's "The two sides said they agreed ..." (only in 004) as something TASS left out, when TASS could not yet
report any outcome; and TASS was the reference the later report is read against.

"A preview" is said only from checkable evidence, never from a date alone (``compare.findings.tense`` gives the
reason no share is fitted: no shared data labels previews).  All of:

- its headline is worded ahead: a future marker ("will", "to be held") or headline English's "Lavrov to
  participate" (one to five capitalised words, then "to" and a lower-case verb);
- its first statement (outside background passages and page structure) is worded in the future, outside
  quotations, and so are at least ``MIN_AHEAD`` of its statements;
- every other statement is accounted for as not reporting the event's outcome: it has no past-tense verb and no
  present reporting verb ("says") outside quotations, and no quotation in the past tense that does not look ahead;
  or it names a dated occasion other than the event's date (a month or year that differs, "in November 2013"); or
  it is attributed words that look ahead ("'We plan to clarify ...,' the ministry said").

One statement that may report the outcome in the past tense ("The talks were held ...", "Lavrov said at the
talks") and nothing is said: a report written after the event almost always has one.  English only, like the
future count.  The past-tense test is a word list and the "-ed" ending, not a parser: a word it takes for a past
verb when it is not ("advanced") only keeps the finding from being said.  The verifier recomputes every figure
from the event's sentences and checks each statement's class.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from compare.findings.base import Finding, register
from compare.findings.tense import FUTURE, QUOTED, future_markers, statements
from compare.model import EventResult, Source
from compare.structure import roles

KIND = "written-before"
MIN_AHEAD = 3
HEADLINE_TO = re.compile(r"^(?:[A-Z][\w'’.-]*,?\s+(?:(?:and|&)\s+)?){1,5}to\s+[a-z]+\b")
TO_BE = re.compile(r"\bto\s+be\s+[a-z]+(?:ed|en)\b|\bto\s+be\s+held\b", re.I)
PLAN = re.compile(r"\b(?:plans?|planned|intends?|intended|aims?|aimed|hopes?|expects?|going)\s+(?:to|at)\b", re.I)
PAST_WORDS = frozenset(
    "was were had did wasn't weren't hadn't didn't said told met held made took gave came went spoke saw left "
    "began brought sent stood found thought wrote won lost led kept paid became struck sought heard felt".split())
NOT_PAST = frozenset("need speed feed breed indeed seed proceed succeed exceed bleed red bed embed hundred".split())
AUXILIARY = frozenset("is are be been being am will would has have 's ’s to get gets not also".split())
REPORTING = frozenset("said noted added stated told stressed explained underlined emphasized emphasised".split())
PRESENT_REPORTING = re.compile(
    r"\b(?:says|tells|announces|agrees|signs|confirms|notes|adds|stresses|reports|declares|reaffirms)\b", re.I)
MONTHS = ("january february march april may june july august september october november december").split()
DATE = re.compile(r"\b(?P<month>" + "|".join(m.capitalize() for m in MONTHS) + r")(?:\s+(?P<day>\d{1,2})\b)?"
                  r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?|\b(?P<lone>(?:19|20)\d\d)\b")
WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _outside(text: str) -> str:
    """The text with its quotations blanked (so a minister's quoted 'we discussed' is not the report's verb)."""
    return QUOTED.sub(lambda m: " " * len(m.group()), text)


def _quoted(text: str) -> str:
    return " ".join(m.group() for m in QUOTED.finditer(text))


def past_words(text: str) -> list[str]:
    """The words of ``text`` read as past-tense verbs: a list of irregular pasts and auxiliaries, and any "-ed" word
    not after an auxiliary ("is aimed", "will be discussed", "has been formed"), with one "-ly" adverb allowed
    between ("is particularly aimed")."""
    words = WORD.findall(text)
    out = []
    for i, word in enumerate(words):
        low = word.lower()
        if low in PAST_WORDS:
            out.append(low)
            continue
        if len(low) < 4 or not low.endswith("ed") or low in NOT_PAST or word[0].isupper():
            continue
        before = [w.lower() for w in words[max(0, i - 2):i]]
        if before and before[-1].endswith("ly"):
            before = [w.lower() for w in words[max(0, i - 3):i - 1]]
        if before and before[-1] in AUXILIARY:
            continue
        out.append(low)
    return out


def other_occasion(text: str, date: str | None) -> bool:
    """Whether ``text`` names a date that is not the event's (``date`` ISO, 'YYYY-MM-DD'): a month, day or year that
    differs from it.  Without the event's date nothing counts as another occasion."""
    if not date or len(date) < 10:
        return False
    year, month, day = int(date[:4]), int(date[5:7]), int(date[8:10])
    for m in DATE.finditer(text):
        if m.group("lone"):
            if int(m.group("lone")) != year:
                return True
            continue
        if MONTHS.index(m.group("month").lower()) + 1 != month:
            return True
        if m.group("day") and int(m.group("day")) != day or m.group("year") and int(m.group("year")) != year:
            return True
    return False


def looks_ahead(text: str) -> bool:
    return bool(FUTURE.search(text) or PLAN.search(text))


def statement_class(text: str, date: str | None) -> str | None:
    """How a statement is accounted for as not reporting the event's outcome, or None when it may report it:
    'ahead' (worded in the future outside quotations), 'present' (no past-tense verb, no reporting verb),
    'other-occasion' (names another date), 'attributed-plan' (quoted words that look ahead, with at most a past
    reporting verb outside them)."""
    if future_markers(text):
        return "ahead"
    outside, quoted = _outside(text), _quoted(text)
    past_out = past_words(outside)
    quote_reports = bool(quoted) and bool(past_words(quoted)) and not looks_ahead(quoted)
    if not past_out and not PRESENT_REPORTING.search(outside) and not quote_reports:
        return "present"
    if other_occasion(text, date):
        return "other-occasion"
    if quoted and looks_ahead(quoted) and set(past_out) <= REPORTING and not PRESENT_REPORTING.search(outside):
        return "attributed-plan"
    return None


def headline_ahead(text: str) -> bool:
    return bool(FUTURE.search(text) or TO_BE.search(text) or HEADLINE_TO.match(text.strip()))


def read(sentences: Sequence[Any], said: Sequence[Any], date: str | None) -> dict[str, Any] | None:
    """The figures of the finding for one source, or None where it does not hold.  ``sentences``: all its
    sentences (with ``index`` and ``text``), ``said``: its statements, in order; ``date``: the event's ISO date.
    Plain sequences, so that a bench script can read documents without an event around them."""
    headline = next((i for i, r in roles(sentences).items() if r == "headline"), None)
    if headline is None or headline != min(s.index for s in sentences) or not said:
        return None
    by_index = {s.index: s for s in sentences}
    if not headline_ahead(by_index[headline].text):
        return None
    classes = {s.index: statement_class(s.text, date) for s in said}
    ahead = [i for i, c in classes.items() if c == "ahead"]
    if classes[said[0].index] != "ahead" or len(ahead) < MIN_AHEAD or None in classes.values():
        return None
    return {"headline": headline, "ahead": len(ahead), "statements": len(said), "date": date or "",
            "classes": {str(i): c for i, c in sorted(classes.items())}}


def _figures(item: EventResult, source: Source) -> dict[str, Any] | None:
    if source.language != "en":
        return None
    return read(source.sentences, statements(item, source), item.event.evidence_date)


def preview_sentence(sid: str, figures: dict[str, Any]) -> str:
    return (f"{sid} reads as a preview, written before the event: its headline and {figures['ahead']} of its "
            f"{figures['statements']} statements look ahead (worded in the future), and none of its statements "
            f"says what was said or done at the event")


PREVIEW = "it reads as a preview, written before the event"


def preview_words(figures: dict[str, Any], brief: bool = False) -> str:
    """What the kind description adds for a source the finding holds for (in place of the look-ahead count of
    ``compare.findings.tense.outlook_words``, whose figures it repeats); ``brief``: the first screen's form, the same
    figures in fewer words (the 2017 phone glance had no line to spare)."""
    if brief:
        return (f"read as a preview written before the event: headline and {figures['ahead']} of "
                f"{figures['statements']} statements look ahead, none says what was said or done there")
    return (f"{PREVIEW}: its headline and {figures['ahead']} of its "
            f"{figures['statements']} statements look ahead (worded in the future), and none says what was said or "
            f"done at the event")


ROW_NOTE = "{sid} reads as a preview, written before the event: it could not report what was said or done there"
"""The note of an "only in" row of another source whose sentence reports an outcome in the past tense: true
whether or not the row's sentence is about the event itself, so it claims nothing the texts do not show."""


def previews(findings: Any) -> dict[str, dict[str, Any]]:
    """Per source, the figures of its verified finding."""
    return {r["subjects"][0]: r["figures"] for r in findings or () if r["kind"] == KIND and r["verified"]}


def reports_outcome(text: str, date: str | None) -> bool:
    """Whether a sentence of another source reads as reporting an outcome in the past tense (a past-tense verb
    outside quotations, no future marker, no other dated occasion): what a preview could not have had."""
    return not future_markers(text) and bool(past_words(_outside(text))) and not other_occasion(text, date)


def build(item: EventResult) -> list[Finding]:
    out = []
    for source in item.sources:
        figures = _figures(item, source)
        if figures is None:
            continue
        headline = next(s for s in source.sentences if s.index == figures["headline"])
        out.append(Finding(KIND, (source.id,), preview_sentence(source.id, figures), figures,
                           (f"{source.id}:{headline.start}-{headline.end}",)))
    return out


def verify(finding: Finding, item: EventResult, run: Any = None) -> str | None:
    sid = finding.subjects[0]
    source = next((s for s in item.sources if s.id == sid), None)
    if source is None:
        return f"{sid} is not in the event"
    figures = _figures(item, source)
    if figures is None:
        return f"{sid} does not read as written before the event"
    if figures != finding.figures:
        return f"{sid}'s figures are {figures}, not {finding.figures}"
    return None


register(KIND, build, verify)
