"""Re-flow hard-wrapped text into paragraphs.

Scraped and machine-translated text often keeps the line breaks of a printed
or fixed-width layout: a sentence runs over three lines and a line ends with
"In".  A blank line separates paragraphs in both layouts, so the question is
what a *single* line break means.  If most single breaks fall where no
sentence ends, the document is wrapped and every single break is a space;
otherwise a single break ends a paragraph, except where the next line
plainly continues the sentence (it starts in lower case).  A word broken
by a hyphen at the end of a line is joined back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from compare.model import Removal

_TERMINAL = re.compile(r"[.!?…:;。！？]['\"’”»)\]]*\s*$")
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-$")


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    first_line: int


def _blocks(lines: Sequence[str | None]) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if line is None:
            continue  # removed as residue: neither text nor a paragraph break
        if line.strip():
            current.append((i, line.strip()))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def is_wrapped(lines: Sequence[str | None]) -> bool:
    """True when most single line breaks fall inside sentences."""
    inside = total = 0
    for block in _blocks(lines):
        for (_, line), _next in zip(block, block[1:], strict=False):
            total += 1
            if not _TERMINAL.search(line):
                inside += 1
    return total >= 3 and inside / total >= 0.5


def reflow(lines: Sequence[str | None]) -> tuple[list[Paragraph], list[Removal]]:
    """Join lines into paragraphs; ``None`` marks a line already removed as residue."""
    wrapped = is_wrapped(lines)
    paragraphs: list[Paragraph] = []
    removed: list[Removal] = []
    joins = 0
    for block in _blocks(lines):
        text, first = block[0][1], block[0][0]
        for (prev_i, prev), (i, line) in zip(block, block[1:], strict=False):
            continues = wrapped or (not _TERMINAL.search(prev) and line[:1].islower())
            if not continues:
                paragraphs.append(Paragraph(text, first))
                text, first = line, i
                continue
            if _HYPHEN_BREAK.search(text) and line[:1].islower():
                removed.append(
                    Removal("reflow", "word broken across lines joined", f"{prev.split()[-1]}{line.split()[0]}", prev_i + 1)
                )
                text = text[:-1] + line
            else:
                text = f"{text} {line}"
            joins += 1
        paragraphs.append(Paragraph(text, first))
    if joins:
        removed.append(
            Removal("reflow", f"hard line breaks inside paragraphs joined ({joins})", "")
        )
    return paragraphs, removed
