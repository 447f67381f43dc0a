"""Calques and literal renderings, from small per-language lexicons kept as data files.

Each entry of ``data/calques_<lang>_en.csv`` is a regular expression matched
case-insensitively on word boundaries, with the likely original and a natural
English rendering, so the explanation can tell a reader what the text meant.
Adding a language is adding a CSV file.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from compare.artifacts.registry import DetectorInput, english_sentences, make, register
from compare.model import Artifact

LANGUAGE_NAMES = {"ru": "Russian", "it": "Italian", "de": "German", "fr": "French", "zh": "Chinese"}


@dataclass(frozen=True)
class Calque:
    """One lexicon entry: where it was read from, the pattern, the likely original and a natural rendering."""

    language: str
    pattern: re.Pattern[str]
    original: str
    natural: str
    note: str
    row: int


@lru_cache(maxsize=1)
def lexicon() -> tuple[Calque, ...]:
    """All calque entries of the packaged ``calques_*_en.csv`` files, in file then row order."""
    entries: list[Calque] = []
    folder = resources.files("compare.artifacts") / "data"
    for path in sorted(p for p in folder.iterdir() if p.name.startswith("calques_") and p.name.endswith("_en.csv")):
        language = path.name.split("_")[1]
        with path.open(encoding="utf-8", newline="") as handle:
            for row_no, row in enumerate(csv.DictReader(handle), start=2):
                try:
                    pattern = re.compile(rf"(?<![\w-]){row['pattern']}(?![\w-])", re.IGNORECASE)
                except re.error as exc:
                    raise ValueError(f"{path.name}, line {row_no}: bad pattern {row['pattern']!r}: {exc}") from exc
                entries.append(Calque(language, pattern, row["original"], row["natural"], row["note"], row_no))
    return tuple(entries)


@register(
    "compare.calque.lexicon.v1", "calque",
    "Word-for-word renderings of Russian and Italian phrases, from the packaged lexicons.",
    needs=("sentences",),
)
def calques(data: DetectorInput) -> Iterator[Artifact]:
    for sentence in english_sentences(data):
        taken: list[tuple[int, int]] = []
        for entry in lexicon():
            for m in entry.pattern.finditer(sentence.text):
                start, end = sentence.start + m.start(), sentence.start + m.end()
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                language = LANGUAGE_NAMES.get(entry.language, entry.language)
                yield make(data, start, end, "calque", "compare.calque.lexicon.v1", "medium",
                           f"'{m.group()}' looks like {language} '{entry.original}' rendered word for word; "
                           f"natural English says '{entry.natural}'.")
