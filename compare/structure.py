"""Page structure among a report's sentences: headlines, datelines, bylines, photo captions.

A headline ("Talks agenda"), a dateline ("TOKYO, March 20. /TASS/.") or a
byline ("Posted March 20, 2017") is part of how a page is laid out, not a
statement about the event: counting it as a statement that "only one source
reports" misleads.  Claims never join page structure to statements
(compare.align.claims), and the report keeps such rows in their own group,
out of every statement count.  The rules read the sentence's
own form only (no closing punctuation, a place name in capitals before a
date, a publishing verb), so they hold in any source set, and one thing
about its page: a paragraph the page repeats word for word further down (a
standfirst or teaser over the story that then gives the same sentence) is a
``standfirst``, so the report's one statement is counted once, where the
story gives it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from compare.model import Sentence

CAPTION_CUES = re.compile(
    r",\s*(?:(?:second|third|far|centre|center)\s+)?(?:left|right|centre|center)\s*,|\((?:L|R|left|right|centre)\)"
    r"|\b(?:pictured|file photo|photo:|image:|photograph:|credit:|getty images|AFP photo|AP photo|"
    r"image copyright|\u00a9)",
    re.IGNORECASE,
)
"""Photo caption and credit cues (", second left,", "(AP Photo)"): a caption left in a body is page
structure here and a rewrite tell in compare.artifacts.rewrite."""

DATELINE = re.compile(
    r"^[A-ZÀ-ÖØ-ÞА-ЯЁ][A-ZÀ-ÖØ-ÞА-ЯЁ .'’-]{2,40},?\s+"
    r"(?:\w+\.?\s+\d{1,2}|\d{1,2}\.?\s+\w+\.?)(?:,?\s+\d{4})?[.,:]?\s*(?:/[^/]{2,30}/\.?|\([^)]{2,30}\)\.?)?\s*[-–—]?\s*$"
)
"""A place name in capitals, a date, and optionally the agency (TASS, Reuters...), and nothing else."""

DATE_ONLY = re.compile(r"^\W*(?:\w+\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+\w+\s+\d{4}|\d{4}-\d{2}-\d{2})\W*$")
BYLINE = re.compile(r"^(?:Posted|Published|Updated|By|Von|Par|Por|Di|Автор|Опубликовано)\b", re.IGNORECASE)
CLOSING = re.compile(r"(?:[.!?…:;\"”’'»)\]。！？]|[.!?…][“‘«›])\s*$")
"""A sentence's closing marks, and a German closing quote (“ ‘ «) after a full stop: p03-a's „Daher wurde Cummings
mitgeteilt, … müssen.“, a body sentence, was filed as a headline (truth18, p03 F11); a headline that ends on a
German closing quote with no full stop ('… um damit Autos zu demolieren“') stays one."""
BYLINE_SENTENCE_WORDS = 6
"""Words up to which a line opened by a byline cue is a byline even closed by a full stop ("By John Smith.")."""
HEADLINE_MAX_WORDS = 20
FIRST_LINE_MAX_WORDS = 40
"""A text's first line may be a long title: an official transcript's ("Foreign Minister Sergey Lavrov's statement
at a joint news conference following …, Tokyo, May 30, 2019", 29 words) is a title, not its first statement."""


def role(text: str, whole_paragraph: bool, first_line: bool = False) -> str | None:
    """``headline``, ``dateline``, ``byline`` or ``caption`` when the sentence is page structure, else None.

    A caption is a paragraph of its own carrying a photo cue (", second
    left,", "(AP Photo)"): the same cues the rewrite detector flags.
    """
    stripped = text.strip()
    words = len(stripped.split())
    if DATELINE.match(stripped) or DATE_ONLY.match(stripped):
        return "dateline"
    # a byline is a name or a date after its cue, not a sentence: one of more than BYLINE_SENTENCE_WORDS words
    # closed by a full stop is a statement ("Von Politikern ernannte Sonderberater müssen nur selten … machen.",
    # German "Von" opening a body sentence, truth18, p03 F11)
    if (BYLINE.match(stripped) and words <= 12 and whole_paragraph
            and (words <= BYLINE_SENTENCE_WORDS or not CLOSING.search(stripped))):
        return "byline"
    if whole_paragraph and CAPTION_CUES.search(stripped):
        return "caption"
    limit = FIRST_LINE_MAX_WORDS if first_line else HEADLINE_MAX_WORDS
    if whole_paragraph and words <= limit and not CLOSING.search(stripped):
        return "headline"
    return None


def roles(sentences: Sequence[Sentence]) -> dict[int, str]:
    """Sentence index -> role, for the sentences of one source that are page structure.

    A headline or standfirst split into sentences ("Cooperation on various
    topics. But there remains the friction on the Kurils") is structure as a
    whole: a short paragraph whose end has no closing punctuation is a line of
    the page's layout, whatever full stops it holds inside, so none of its
    pieces is read as a statement of the report.
    """
    per_paragraph = Counter(sentence.paragraph for sentence in sentences)
    paragraphs: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(sentence)
    found = dict.fromkeys(_repeated_later(sentences, per_paragraph), "standfirst")
    for members in paragraphs.values():
        if len(members) > 1 and _headline_paragraph(members):
            found.update((sentence.index, "headline") for sentence in members)
    for sentence in sentences:
        if sentence.index in found:
            continue
        kind = role(sentence.text, per_paragraph[sentence.paragraph] == 1,
                    first_line=sentence.paragraph == sentences[0].paragraph)
        if kind:
            found[sentence.index] = kind
    return found


def _sentence_key(text: str) -> str:
    """A sentence's words, case-folded, without its closing mark: a standfirst often drops the full stop."""
    return " ".join(re.findall(r"\w+", text.casefold()))


STANDFIRST_MIN_WORDS = 6
"""A repeated sentence shorter than this ("Talks agenda", "Read more") is a heading, not a repeated statement."""


def _repeated_later(sentences: Sequence[Sentence], per_paragraph: Counter[int]) -> list[int]:
    """Indices of one-sentence paragraphs whose words a later sentence of the same text repeats.

    A page that puts the lead of its story over the story ("According to the ministry, the visit aims at ...")
    and then tells it again would otherwise give one statement two rows, and the first a link of its own.
    """
    later: dict[str, int] = {}
    for sentence in sentences:
        later[_sentence_key(sentence.text)] = sentence.index
    return [s.index for s in sentences
            if per_paragraph[s.paragraph] == 1 and len(s.text.split()) >= STANDFIRST_MIN_WORDS
            and later[_sentence_key(s.text)] != s.index]


def _headline_paragraph(members: Sequence[Sentence]) -> bool:
    """A paragraph of several sentences that reads as one headline: few words, and no closing mark at its end."""
    words = sum(len(sentence.text.split()) for sentence in members)
    return words <= HEADLINE_MAX_WORDS and not CLOSING.search(members[-1].text.strip())
