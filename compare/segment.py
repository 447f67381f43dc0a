"""Sentence segmentation with character offsets into the clean text.

sentencex (Wikimedia's maintained segmenter, ~300 languages, rule-based and
fast) does the splitting, paragraph by paragraph so that a sentence never
crosses a paragraph break.  Two repairs follow, both about news text:
a fragment of one or two words ("/TASS/.", an initial) rejoins its
neighbour, and a split that leaves a quotation open is undone, so a quote
of two sentences stays one unit for quote matching.  Over-long runs with no
punctuation are cut at whitespace so no sentence exceeds ``max_chars``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sentencex

from compare.model import UNDETERMINED, Sentence

MAX_SENTENCE_CHARS = 2000

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_QUOTE_PAIRS = (("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u201e", "\u201c"))
_SUPPORTED_FALLBACK = "en"


def _unbalanced(text: str) -> bool:
    for opening, closing in _QUOTE_PAIRS:
        if opening == "\u201e":
            continue
        if text.count(opening) > text.count(closing):
            return True
    return text.count('"') % 2 == 1


def _raw_spans(paragraph: str, language: str) -> list[tuple[int, int]]:
    lang = language if language and language != UNDETERMINED else _SUPPORTED_FALLBACK
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in sentencex.segment(lang, paragraph):
        piece = piece.strip()
        if not piece:
            continue
        start = paragraph.find(piece, cursor)
        if start < 0:  # the segmenter changed the text; fall back to the rest
            start = cursor
            piece = paragraph[cursor:].strip()
        end = start + len(piece)
        spans.append((start, end))
        cursor = end
    return spans


def _repair(paragraph: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged:
            prev_start, prev_end = merged[-1]
            fragment = len(_WORD.findall(paragraph[start:end])) <= 2 and len(spans) > 1
            if fragment or _unbalanced(paragraph[prev_start:prev_end]):
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    # A leading fragment joins the sentence after it.
    if len(merged) > 1 and len(_WORD.findall(paragraph[merged[0][0]:merged[0][1]])) <= 2:
        merged[0:2] = [(merged[0][0], merged[1][1])]
    return merged


def _cut_long(paragraph: str, spans: list[tuple[int, int]], max_chars: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > max_chars:
            cut = paragraph.rfind(" ", start + max_chars // 2, start + max_chars)
            if cut <= start:
                cut = start + max_chars
            out.append((start, cut))
            start = cut
            while start < end and paragraph[start] == " ":
                start += 1
        if end > start:
            out.append((start, end))
    return out


def split_paragraph(paragraph: str, language: str, max_chars: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, as offsets into it."""
    if len(paragraph) > 50 * max_chars:
        # sentencex's rules are fine on prose but slow on huge unpunctuated
        # runs; cut first so the cost stays linear.
        spans = [(0, len(paragraph))]
    else:
        spans = _repair(paragraph, _raw_spans(paragraph, language))
    return _cut_long(paragraph, spans, max_chars)


def segment(
    source_id: str,
    text: str,
    paragraphs: Sequence[tuple[int, int]],
    language: str,
    max_chars: int = MAX_SENTENCE_CHARS,
) -> list[Sentence]:
    """Sentences of a clean text; ``paragraphs`` are (start, end) offsets into it."""
    sentences: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs):
        paragraph = text[p_start:p_end]
        for start, end in split_paragraph(paragraph, language, max_chars):
            sentences.append(
                Sentence(
                    source_id=source_id,
                    index=len(sentences),
                    start=p_start + start,
                    end=p_start + end,
                    text=paragraph[start:end],
                    paragraph=number,
                )
            )
    return sentences
