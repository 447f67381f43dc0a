"""Rewrite-tool tells: systematic name swaps and odd synonyms in fixed phrases.

Article spinners replace 'Russia' by 'Russian Federation' (and 'US' by
'United States' or 'USA') word for word, so the long form appears where
English would need 'the' or would use the short form ('Russian Federation
says ...').  They also swap one word of a fixed phrase ('land-to-air' for
surface-to-air).  A photo caption left in the copied text ('Lavrov, second
left, ...') is no tool's swap but page residue from copying: it is detected in
``compare.artifacts.residue`` (issue 23, r46).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources

from compare.artifacts.registry import DetectorInput, english_sentences, make, register
from compare.model import Artifact

FAMILY = "rewrite"

LONG_FORMS = {
    "Russian Federation": "Russia",
    "United States": "the US",
    "United Kingdom": "the UK",
    "People's Republic of China": "China",
    "Republic of Korea": "South Korea",
}
BARE_LONG = re.compile(r"(?<![Tt]he )(?<![Tt]he\n)\b(Russian Federation|United States|United Kingdom)\b(?! of America)")
USA_ATTRIBUTIVE = re.compile(r"\bUSA(?= [a-z])")


def _others_prefer(data: DetectorInput, long: str) -> str:
    context = data.context
    if context is None:
        return ""
    short = LONG_FORMS[long].replace("the ", "")
    users = [sid for sid, forms in sorted(context.forms.items())
             if sid != data.source.id and forms.get(short, 0) > forms.get(long, 0)]
    return f" The other sources write '{short}' ({', '.join(users)})." if users else ""


def is_heading(sentence: str) -> bool:
    """A headline, heading or caption line: no closing punctuation at its end."""
    return not re.search(r"[.!?…:;\"”’'»)\]]\s*$", sentence)


@register(
    "compare.rewrite.longform.v1", FAMILY,
    "A country's long official name put where English has the short one ('Russian Federation says', "
    "'USA missile defense').",
    needs=("sentences", "context"),
)
def long_form_swaps(data: DetectorInput) -> Iterator[Artifact]:
    name = "compare.rewrite.longform.v1"
    text = data.text
    for sentence in english_sentences(data):
        if is_heading(sentence.text):
            continue  # Headlines drop articles: a bare 'United States' there is house style, not a swap.
        for m in BARE_LONG.finditer(sentence.text):
            start = sentence.start + m.start()
            before = text[max(0, start - 4):start]
            if re.search(r"(?:the|of|and) ?$", before, re.IGNORECASE) and not before.endswith("of "):
                continue
            long = m.group(1)
            if long == "United States" and not re.match(r" [a-z]", text[start + len(long):start + len(long) + 2]) \
                    and start != sentence.start:
                continue  # 'United States' is only suspicious bare at a sentence start or used attributively
            yield make(data, start, start + len(long), FAMILY, name, "medium",
                       f"'{long}' stands without 'the' where English writes '{LONG_FORMS[long]}': a rewrite tool "
                       f"swapped the short name for the long official one.{_others_prefer(data, long)}")
        for m in USA_ATTRIBUTIVE.finditer(sentence.text):
            start = sentence.start + m.start()
            yield make(data, start, start + 3, FAMILY, name, "medium",
                       "'USA' is used as an adjective where English news writes 'US': a rewrite tool's swap.")


@lru_cache(maxsize=1)
def phrase_lexicon() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    path = resources.files("compare.artifacts") / "data" / "rewrite_phrases.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple((re.compile(rf"(?<![\w-]){row['pattern']}(?![\w-])", re.IGNORECASE), row["fixed_phrase"],
                      row["note"]) for row in csv.DictReader(handle))


@register(
    "compare.rewrite.synonym.v1", FAMILY,
    "Odd synonyms inside fixed phrases ('land-to-air missiles' for surface-to-air), from a packaged list.",
    needs=("sentences",),
)
def odd_synonyms(data: DetectorInput) -> Iterator[Artifact]:
    for sentence in english_sentences(data):
        for pattern, fixed, note in phrase_lexicon():
            for m in pattern.finditer(sentence.text):
                yield make(data, sentence.start + m.start(), sentence.start + m.end(), FAMILY,
                           "compare.rewrite.synonym.v1", "medium",
                           f"'{m.group()}' bends the fixed phrase '{fixed}' ({note}).")


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    for m in re.finditer(r"[^\n]+", text):
        stripped = m.group().strip()
        if stripped:
            offset = m.group().index(stripped[0])
            yield m.start() + offset, m.start() + offset + len(stripped)
