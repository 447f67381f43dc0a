"""``two-spellings``: one report writes one English word in its British and its American spelling.

Why: a reader of the 2017 seeds (r38) saw that the rewrite (004) writes "Defence Minister Sergey Shoygu" and
"Terminal High Altitude Area Defence" but "missile defense systems", which the page never said.  Mixed spelling is
a checkable fact about the text; what it shows (an edited compilation, two source texts, a translation step) is
not, so the finding says no more than that the report has both spellings of the word, with each spelling's count.

The pairs are ``compare/data/spelling_variants.csv``: British/American spelling pairs of the common regional kinds
(-ce/-se, -re/-er, -our/-or, -yse/-yze, -lled/-led and a few single words), left out where the "American" form is
also correct British usage or another word: -ize (Oxford spelling), "program" (software), "license" (the verb),
"meter" (the instrument), "check", "tire", "judgment", "gray" (a surname), "center" and "labor" (in American
names a British text keeps).  Both spellings of a pair must be in the text, matched as whole words, inflections
of the listed form not counted.  A capitalised occurrence inside a sentence is a name or a title ("Department of
Defense", "Kennedy Center") that a text keeps as its owner spells it, so it is not counted.  English sources
only.  The verifier recounts each spelling and checks every evidence span.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from compare.findings.base import Finding, register
from compare.model import EventResult, Source

KIND = "two-spellings"


@lru_cache(maxsize=1)
def variant_pairs() -> tuple[tuple[str, str], ...]:
    """(British, American) spelling pairs from the data file."""
    text = resources.files("compare.data").joinpath("spelling_variants.csv").read_text(encoding="utf-8")
    return tuple((row["british"], row["american"]) for row in csv.DictReader(text.splitlines()))


def _spans(text: str, word: str) -> list[tuple[int, int]]:
    """Whole-word occurrences of ``word`` in the text's own spelling: capitalised ones inside a sentence left out."""
    out = []
    for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.I):
        before = text[max(0, m.start() - 12):m.start()].rstrip(" \t\u00a0\"'“‘(")
        if text[m.start()].isupper() and before and before[-1] not in ".!?:\n":
            continue  # a name or a title, spelled as its owner spells it
        out.append((m.start(), m.end()))
    return out


def mixed(source: Source) -> list[tuple[str, str, list[tuple[int, int]], list[tuple[int, int]]]]:
    """Each pair the source writes both ways: (British, American, spans of the one, spans of the other)."""
    out = []
    for british, american in variant_pairs():
        a, b = _spans(source.text, british), _spans(source.text, american)
        if a and b:
            out.append((british, american, a, b))
    return out


def spelling_sentence(source: Source, british: str, american: str, a: list, b: list) -> str:
    one = source.text[a[0][0]:a[0][1]]
    other = source.text[b[0][0]:b[0][1]]
    return (f"It writes both ‘{one}’ ({len(a)}×) and ‘{other}’ ({len(b)}×), the British and the American spelling "
            "of one word.")


def build(item: EventResult) -> list[Finding]:
    out = []
    for source in item.sources:
        if source.language != "en":
            continue
        for british, american, a, b in mixed(source):
            out.append(Finding(KIND, (source.id, british), spelling_sentence(source, british, american, a, b),
                               {"british": british, "american": american, "counts": (len(a), len(b))},
                               tuple(f"{source.id}:{s}-{e}" for s, e in a + b)))
    return out


def verify(finding: Finding, item: EventResult, run: Any = None) -> str | None:
    sid = finding.subjects[0]
    source = next((s for s in item.sources if s.id == sid), None)
    if source is None:
        return f"{sid} is not in the event"
    british, american = finding.figures["british"], finding.figures["american"]
    a, b = _spans(source.text, british), _spans(source.text, american)
    if (len(a), len(b)) != tuple(finding.figures["counts"]) or not a or not b:
        return f"{sid} writes '{british}' {len(a)} and '{american}' {len(b)} times"
    for span in finding.evidence:
        start, end = (int(x) for x in span.rsplit(":", 1)[1].split("-"))
        if source.text[start:end].lower() not in (british, american):
            return f"{sid}'s text at {start}-{end} is neither spelling"
    return None


register(KIND, build, verify)
