"""Page residue that survived cleaning: share rows, switchers, codes, in-body links, repeated standfirsts, and
photo captions left in the body.

Cleaning removes what it recognises; this detector reports what is left so a
reader can see it, and counts it in the source's profile.  It works on any
language because it looks at layout and at a few interface words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from compare.artifacts._words import snippet
from compare.artifacts.registry import DetectorInput, make, register
from compare.artifacts.rewrite import _paragraphs
from compare.model import Artifact
from compare.structure import CAPTION_CUES

FAMILY = "residue"
CAPTION = "compare.residue.caption.v1"
"""A photo caption or credit left in the body: residue of the page the text was copied from, not a rewrite
tool's swap (issue 23, r46, 2017: it was counted among 004's "6 rewrite-tool tells")."""

LINE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:(?:share|tweet|facebook|twitter|youtube|instagram|telegram|whatsapp|vk|linkedin|email|print"
                r"|pinterest|reddit)\b[\s|•·,]*){2,}$", re.IGNORECASE), "a row of share buttons"),
    (re.compile(r"^(?:[•·|]\s*)?(?:[a-z]{2}(?:-[A-Z]{2})?\d*\s*){2,}$"), "a language switcher"),
    (re.compile(r"^(?:read more|read also|see also|related(?: articles)?|advertisement|all news|subscribe.*"
                r"|showing \d+ results?\.?|advanced settings|comments?|log in|sign in|back to top)$",
                re.IGNORECASE), "interface words"),
    (re.compile(r"^[a-z]{2,5}\s*[-/]\s*\d{5,}$"), "an editorial code"),
    (re.compile(r"^\d{1,2}\s+\w+\s+\d{4}\d{1,2}:\d{2}$"), "a date fused with a time"),
)
INLINE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bsee (?:also )?[A-Z][A-Z]{2,}\b"), "a cross-reference to the outlet's other pages"),
    (re.compile(r"\b\d{4}\d{1,2}:\d{2}\b"), "a date fused with a time"),
    (re.compile(r"\b(?:Read more|Read also|Click here|Subscribe to our)\b[^.\n]*"), "a link or call to action"),
)


@register(
    "compare.residue.v1", FAMILY,
    "Share rows, language switchers, editorial codes, in-body links and repeated standfirsts left after cleaning.",
    needs=("text",),
    languages=("*",),
)
def residue(data: DetectorInput) -> Iterator[Artifact]:
    text = data.text
    name = "compare.residue.v1"
    paragraphs = list(_paragraphs(text))
    for start, end in paragraphs:
        para = text[start:end]
        for pattern, what in LINE_PATTERNS:
            if pattern.match(para):
                yield make(data, start, end, FAMILY, name, "medium",
                           f"'{snippet(para, 50)}' is {what} from the web page, not part of the report.")
                break
    for pattern, what in INLINE_PATTERNS:
        for m in pattern.finditer(text):
            yield make(data, m.start(), m.end(), FAMILY, name, "low",
                       f"'{m.group()}' is {what}, left inside the report's text.")
    seen: dict[str, int] = {}
    for index, (start, end) in enumerate(paragraphs):
        para = " ".join(text[start:end].split())
        if len(para.split()) < 8:
            continue
        for other_start, other_end in paragraphs[index + 1:]:
            other = " ".join(text[other_start:other_end].split())
            if other.startswith(para) or other.rstrip(".") == para.rstrip("."):
                yield make(data, start, end, FAMILY, name, "low",
                           "This paragraph is repeated word for word further down: a standfirst or teaser of "
                           "the web page kept above the article that repeats it.")
                break
        seen[para] = start


@register(
    CAPTION, FAMILY,
    "Photo captions or credits left inside the body ('Lavrov, second left, ...'): residue of a copied page.",
    needs=("text",),
    languages=("*",),
)
def captions(data: DetectorInput) -> Iterator[Artifact]:
    text = data.text
    for start, end in _paragraphs(text):
        para = text[start:end]
        if len(para.split()) > 30 or not CAPTION_CUES.search(para):
            continue
        yield make(data, start, end, FAMILY, CAPTION, "high",
                   f"'{snippet(para, 60)}' reads as a photo caption or credit ('{CAPTION_CUES.search(para).group().strip()}'"
                   "), left inside the article's text.")
