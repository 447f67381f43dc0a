"""The detector registry: each detector is a small function registered by a versioned name.

Why a registry (after spaCy's ``Language.factory``): adding a detector is adding
one module and one ``@register(...)`` line, not editing a central ``if`` chain.
Each entry declares its family, what it needs (sentences, mentions, a
cross-source context, the former line starts) and which languages it can handle, so
``detect_artifacts`` can skip it on text it cannot judge (no English-casing
flags on a German original).  A behaviour change gets a new ``.v2`` name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from compare.model import Artifact, Sentence, Source

NEEDS = ("text", "sentences", "mentions", "entities", "context", "line_starts")
"""What a detector may declare it needs; ``mentions``/``entities``/``context`` are optional inputs."""

SEVERITIES = ("low", "medium", "high")

_NAME = re.compile(r"^[a-z_]+(\.[a-z_]+)+\.v[0-9]+$")


@dataclass(frozen=True)
class DetectorInput:
    """Everything a detector may look at for one source (read-only)."""

    source: Source
    sentences: tuple[Sentence, ...]
    annotations: Any = None
    context: Any = None

    @property
    def text(self) -> str:
        return self.source.text


@dataclass(frozen=True)
class Detector:
    """A registered detector: its versioned name, family, contract and function."""

    name: str
    family: str
    description: str
    needs: tuple[str, ...]
    languages: tuple[str, ...]
    func: Callable[[DetectorInput], Iterable[Artifact]]

    @property
    def version(self) -> str:
        return self.name.rsplit(".", 1)[1]

    def handles(self, language: str) -> bool:
        """True when the detector can judge text in ``language`` ('*' means any)."""
        return "*" in self.languages or language in self.languages

    def run(self, data: DetectorInput) -> list[Artifact]:
        return list(self.func(data))


REGISTRY: dict[str, Detector] = {}
"""Registered detectors by versioned name, in registration order."""


def register(
    name: str,
    family: str,
    description: str,
    needs: tuple[str, ...] = ("text",),
    languages: tuple[str, ...] = ("en",),
) -> Callable[[Callable[[DetectorInput], Iterable[Artifact]]], Callable[[DetectorInput], Iterable[Artifact]]]:
    """Register a detector function under ``name`` (e.g. ``compare.casing.v1``).

    Raises ``ValueError`` for a malformed or already-taken name, an unknown
    family or an unknown need, so a mistake shows at import time.
    """
    from compare.artifacts.families import FAMILY_NAMES

    if not _NAME.match(name):
        raise ValueError(f"detector name {name!r} must look like 'compare.family.v1'")
    if name in REGISTRY:
        raise ValueError(f"detector name {name!r} is already registered")
    if family not in FAMILY_NAMES:
        raise ValueError(f"detector {name!r}: unknown family {family!r} (known: {', '.join(FAMILY_NAMES)})")
    unknown = [n for n in needs if n not in NEEDS]
    if unknown:
        raise ValueError(f"detector {name!r}: unknown needs {unknown} (known: {', '.join(NEEDS)})")

    def decorate(func: Callable[[DetectorInput], Iterable[Artifact]]) -> Callable[[DetectorInput], Iterable[Artifact]]:
        REGISTRY[name] = Detector(name, family, description, tuple(needs), tuple(languages), func)
        return func

    return decorate


def make(data: DetectorInput, start: int, end: int, family: str, detector: str, severity: str,
         explanation: str) -> Artifact:
    """Build an Artifact whose ``text`` is exactly ``source.text[start:end]`` (offsets are checked)."""
    text = data.source.text
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"{detector}: span {start}:{end} outside the text of source {data.source.id}")
    if severity not in SEVERITIES:
        raise ValueError(f"{detector}: unknown severity {severity!r}")
    return Artifact(data.source.id, start, end, family, detector, severity, explanation, text[start:end])


def english_sentences(data: DetectorInput) -> Iterable[Sentence]:
    """Sentences an English-only detector may judge: English or undetermined ones."""
    for sentence in data.sentences:
        if sentence.language in ("en", "und", ""):
            yield sentence
