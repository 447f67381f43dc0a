"""What cross-source detectors need to know about the whole source set, built once per set.

Per-source detection stays parallel and cacheable: the only thing shared is
this small frozen value (name spellings per source, country-name forms per
source, all words seen).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from compare.artifacts._words import iter_words
from compare.artifacts.transliteration import name_spellings
from compare.model import Source

FORMS = ("Russia", "Russian Federation", "US", "United States", "USA", "UK", "United Kingdom")


@dataclass(frozen=True)
class ArtifactContext:
    """Cross-source facts: ``spellings[key][source_id]`` = ((spelling, count), ...) in first-seen order;
    ``forms[source_id][form]`` counts of country-name forms; ``all_words`` every word of the set."""

    source_ids: tuple[str, ...]
    spellings: dict[str, dict[str, tuple[tuple[str, int], ...]]] = field(default_factory=dict)
    forms: dict[str, dict[str, int]] = field(default_factory=dict)
    all_words: frozenset[str] = frozenset()


def build_context(sources: Sequence[Source], annotations=None) -> ArtifactContext:
    """Build the cross-source context once per source set (annotations are optional and only enrich)."""
    spellings: dict[str, dict[str, tuple[tuple[str, int], ...]]] = {}
    forms: dict[str, dict[str, int]] = {}
    words: set[str] = set()
    for source in sorted(sources, key=lambda s: s.id):
        english = [s for s in source.sentences if s.language in ("en", "und", "")]
        for key, counter in name_spellings(source.text, english).items():
            spellings.setdefault(key, {})[source.id] = tuple(counter.items())  # first-seen order
        forms[source.id] = {form: len(re.findall(rf"\b{re.escape(form)}\b", source.text)) for form in FORMS}
        words.update(iter_words(source.text))
    return ArtifactContext(tuple(sorted(s.id for s in sources)), spellings, forms, frozenset(words))
