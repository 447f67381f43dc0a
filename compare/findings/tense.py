"""``future-statements``: how many of a source's statements are worded in the future, outside quotations.

Why: two readers of the 2017 seeds saw that TASS writes before the talks ("will participate", "are expected to")
and the rewrite after them ("The talks in Tokyo were ..."), which is why most of TASS's agenda has no counterpart
in 004; the page never said so.  "A preview" is an inference no shared data labels (nothing to fit a share on),
so the page states the checkable count instead: "5 of its 11 statements are worded in the future outside
quotations ('will', 'are expected to')", and leaves the reading to the teacher.

The count: statements (sentences outside background passages and page structure) with a future marker ("will",
"shall", "won't", "'ll"; "is/are expected, scheduled, due, set or going to") outside quotation marks, so a
minister's quoted "we will" is the speaker's, not the report's.  English only: the annotate layer reads no tense,
and a marker list in other languages was never checked.  Said only where the share matters to a reader: at
least ``MIN_COUNT`` statements and at least ``MIN_SHARE`` of them, chosen by hand (truth4 counted the seeds: 002
5 of 11, 004 2 of 10, 000 3 of 22, 001 1 of 22, 003 0 of 11; the rule says it of 002 alone).  The verifier
recounts from the event's sentences and checks each marker's span.
"""

from __future__ import annotations

import re
from typing import Any

from compare.findings.base import Finding, register
from compare.model import EventResult, Source
from compare.structure import roles

KIND = "future-statements"
MIN_COUNT = 3
MIN_SHARE = 1 / 3
FUTURE = re.compile(
    r"\b(?:will|shall|won't|(?:is|are|was|were)\s+(?:expected|scheduled|due|set|going)\s+to)\b|'ll\b", re.I)
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]")


def _background(item: EventResult, source: Source) -> set[int]:
    spans = [(b.start, b.end) for b in item.event.background if b.source_id == source.id]
    return {s.index for s in source.sentences if any(s.start < end and s.end > start for start, end in spans)}


def statements(item: EventResult, source: Source) -> list[Any]:
    """The source's statements: its sentences outside background passages and page structure."""
    left_out = _background(item, source) | set(roles(source.sentences))
    return [s for s in source.sentences if s.index not in left_out]


def future_markers(text: str) -> list[tuple[int, int]]:
    """(start, end) in ``text`` of each future marker outside quotation marks."""
    quoted = [(m.start(), m.end()) for m in QUOTED.finditer(text)]
    return [(m.start(), m.end()) for m in FUTURE.finditer(text)
            if not any(a <= m.start() < b for a, b in quoted)]


def _count(item: EventResult, source: Source) -> tuple[dict[int, list[tuple[int, int]]], int]:
    """Per future statement (sentence index), the (start, end) in the source's text of each marker; and the number
    of statements."""
    found, said = {}, statements(item, source)
    for sentence in said:
        markers = future_markers(sentence.text)
        if markers:
            found[sentence.index] = [(sentence.start + a, sentence.start + b) for a, b in markers]
    return found, len(said)


def future_sentence(count: int, total: int, markers: tuple[str, ...]) -> str:
    quoted = ", ".join(f"‘{m}’" for m in markers)
    return f"{count} of its {total} statements are worded in the future outside quotations ({quoted})"


def outlook_words(figures: dict[str, Any]) -> str:
    """What the kind description adds for a source the finding holds for (it needs ``MIN_SHARE`` of its
    statements): the count in checkable words (r43: TASS, a preview written before the talks, was described as a
    report of what the ministry said, the count only in a small note beside the date)."""
    return f"{figures['count']} of its {figures['statements']} statements look ahead (worded in the future)"


def outlooks(findings: Any) -> dict[str, str]:
    """Per source, ``outlook_words`` of its verified finding: one count for every place the kind is described."""
    return {r["subjects"][0]: outlook_words(r["figures"]) for r in findings or ()
            if r["kind"] == KIND and r["verified"]}


def build(item: EventResult) -> list[Finding]:
    out = []
    for source in item.sources:
        if source.language != "en":
            continue
        found, total = _count(item, source)
        if len(found) < MIN_COUNT or len(found) < MIN_SHARE * total:
            continue
        spans = [span for index in sorted(found) for span in found[index]]
        markers = tuple(dict.fromkeys(" ".join(source.text[a:b].lower().split()) for a, b in spans))
        out.append(Finding(KIND, (source.id,), future_sentence(len(found), total, markers),
                           {"count": len(found), "statements": total, "markers": markers,
                            "sentences": tuple(sorted(found))},
                           tuple(f"{source.id}:{a}-{b}" for a, b in spans)))
    return out


def verify(finding: Finding, item: EventResult, run: Any = None) -> str | None:
    sid = finding.subjects[0]
    source = next((s for s in item.sources if s.id == sid), None)
    if source is None:
        return f"{sid} is not in the event"
    found, total = _count(item, source)
    f = finding.figures
    if total != f["statements"] or len(found) != f["count"]:
        return f"{sid} has {len(found)} future statements of {total}, not {f['count']} of {f['statements']}"
    for span in finding.evidence:
        start, end = (int(x) for x in span.rsplit(":", 1)[1].split("-"))
        if not FUTURE.fullmatch(source.text[start:end]):
            return f"{sid}'s text at {start}-{end} is no future marker"
    return None


register(KIND, build, verify)
