"""Typography of the source language kept in English text.

Russian attributes a quotation with a dash after the closing quote
(«...», — сказал министр); translations that keep it give “...”, — said the
Minister.  Guillemets, German low quotes, decimal commas and day.month.year
dates are other habits of the source language that English does not share.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from compare.artifacts._words import snippet
from compare.artifacts.registry import DetectorInput, english_sentences, make, register
from compare.model import Artifact

FAMILY = "typography"

DASH_ATTRIBUTION = re.compile(r"[,.]?[”\"»][,.]?\s*[—–]\s*(?=[a-z])|[,.]?[”\"»][,.]?\s*-\s+(?=(?:said|says|added|noted)\b)")
GUILLEMETS = re.compile(r"«[^»\n]{0,400}»?|»")
LOW_QUOTE = re.compile(r"„[^“”\"\n]{0,400}[“”\"]?")
DECIMAL_COMMA = re.compile(
    r"(?<![\d,.])\d{1,3},\d{1,2}(?![\d,])(?=\s*(?:%|per ?cent|million|billion|thousand|trillion|tonnes|tons|km|"
    r"kilomet|metres|meters|kg|degrees|points|times|euros?|roubles?|rubles?|dollars?))"
)
DOTTED_DATE = re.compile(r"(?<![\d.])(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.((?:19|20)\d\d)(?![\d.])")
SLASH_DATE = re.compile(r"(?<![\d/])(1[3-9]|2\d|3[01])/(0?[1-9]|1[0-2])/((?:19|20)\d\d)(?![\d/])")


@register(
    "compare.typography.dash_attribution.v1", FAMILY,
    "A dash after the closing quote before 'said ...' (Russian style of attributing a quotation).",
    needs=("sentences",),
)
def dash_attribution(data: DetectorInput) -> Iterator[Artifact]:
    text = data.text
    for m in DASH_ATTRIBUTION.finditer(text):
        after = text[m.end():m.end() + 40].split(".")[0]
        yield make(data, m.start(), m.end(), FAMILY, "compare.typography.dash_attribution.v1", "high",
                   f"The quotation is attributed with a dash after the closing quote ('{m.group().strip()} "
                   f"{snippet(after.strip(), 30)}'): Russian typography kept in English, which writes '...,” he said'.")


@register(
    "compare.typography.quotes.v1", FAMILY,
    "Guillemets or German low quotation marks inside English text.",
    needs=("sentences",),
)
def foreign_quotes(data: DetectorInput) -> Iterator[Artifact]:
    for sentence in english_sentences(data):
        for pattern, what in ((GUILLEMETS, "guillemets « »"), (LOW_QUOTE, "a low opening quote „")):
            for m in pattern.finditer(sentence.text):
                start = sentence.start + m.start()
                yield make(data, start, start + 1, FAMILY, "compare.typography.quotes.v1", "medium",
                           f"The text quotes with {what}, as Russian, French, Italian or German print does; "
                           "English uses “ ” quotation marks.")


@register(
    "compare.typography.numbers.v1", FAMILY,
    "Decimal commas ('2,5 million') and day.month.year dates in English text.",
    needs=("sentences",),
)
def number_formats(data: DetectorInput) -> Iterator[Artifact]:
    name = "compare.typography.numbers.v1"
    for sentence in english_sentences(data):
        base = sentence.start
        for m in DECIMAL_COMMA.finditer(sentence.text):
            yield make(data, base + m.start(), base + m.end(), FAMILY, name, "medium",
                       f"'{m.group()}' uses a decimal comma; English writes '{m.group().replace(',', '.')}'.")
        for pattern in (DOTTED_DATE, SLASH_DATE):
            for m in pattern.finditer(sentence.text):
                yield make(data, base + m.start(), base + m.end(), FAMILY, name, "low",
                           f"'{m.group()}' writes the date day first with dots or slashes, as continental "
                           "Europe does; English news writes the month in words.")
