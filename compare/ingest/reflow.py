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
    """A re-flowed paragraph; ``line_starts`` are offsets in it where a joined raw line began."""

    text: str
    first_line: int
    line_starts: tuple[int, ...] = ()


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
    """True when most single line breaks fall inside sentences *and* the lines have a layout's width.

    The width test keeps a list of headings or bullets (short lines, no full
    stops) from being read as wrapped prose: wrapped lines are long and
    nearly as long as each other (seed 000: 92% within half the longest).
    """
    inside = total = 0
    widths: list[int] = []
    for block in _blocks(lines):
        for (_, line), _next in zip(block, block[1:], strict=False):
            total += 1
            widths.append(len(line))
            if not _TERMINAL.search(line):
                inside += 1
    if total < 3 or inside / total < 0.5:
        return False
    widths.sort()
    median = widths[len(widths) // 2]
    wide = sum(1 for w in widths if w >= 0.5 * widths[-1]) / len(widths)
    return median >= 30 and wide >= 0.7


def reflow(lines: Sequence[str | None]) -> tuple[list[Paragraph], list[Removal]]:
    """Join lines into paragraphs; ``None`` marks a line already removed as residue."""
    wrapped = is_wrapped(lines)
    paragraphs: list[Paragraph] = []
    removed: list[Removal] = []
    joins = 0
    for block in _blocks(lines):
        text, first = block[0][1], block[0][0]
        starts: list[int] = []
        for (prev_i, prev), (i, line) in zip(block, block[1:], strict=False):
            continues = wrapped or (not _TERMINAL.search(prev) and line[:1].islower())
            if not continues:
                paragraphs.append(Paragraph(text, first, tuple(starts)))
                text, first, starts = line, i, []
                continue
            if _HYPHEN_BREAK.search(text) and line[:1].islower():
                removed.append(
                    Removal("reflow", "word broken across lines joined", f"{prev.split()[-1]}{line.split()[0]}", prev_i + 1)
                )
                text = text[:-1] + line
            else:
                starts.append(len(text) + 1)
                text = f"{text} {line}"
            joins += 1
        paragraphs.append(Paragraph(text, first, tuple(starts)))
    if joins:
        removed.append(
            Removal("reflow", f"hard line breaks inside paragraphs joined ({joins})", "")
        )
    return paragraphs, removed
