"""Per-event comparison of the sources' artifact profiles.

Each source has a density per family (artifacts per 1,000 words); the event
view lines them up, gives the event's median per family, and names for each
source the families where it stands out (at least twice the median of the
others and at least 2 per 1,000 words), so a teacher can say "003 reads like a
translation, 004 like a rewrite".
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from compare.artifacts.families import FAMILY_NAMES, FAMILY_TITLES
from compare.model import Record


@dataclass(frozen=True, slots=True)
class SourceProfile(Record):
    source_id: str
    mt_likelihood: float
    density: dict[str, float]
    stands_out: tuple[str, ...]
    summary: str


@dataclass(frozen=True, slots=True)
class ProfileComparison(Record):
    """Sources of one event side by side, most machine-translation-like first."""

    families: tuple[str, ...]
    median: dict[str, float] = field(default_factory=dict)
    sources: tuple[SourceProfile, ...] = ()


def compare_profiles(results: Sequence) -> ProfileComparison:
    """Line up SourceArtifacts of one event: medians per family and what stands out per source."""
    median = {f: round(statistics.median([r.density.get(f, 0.0) for r in results]), 2) if results else 0.0
              for f in FAMILY_NAMES}
    profiles = []
    for result in results:
        others = [r for r in results if r.source_id != result.source_id]
        stands = []
        for family in FAMILY_NAMES:
            mine = result.density.get(family, 0.0)
            base = statistics.median([r.density.get(family, 0.0) for r in others]) if others else 0.0
            if mine >= 2.0 and mine >= 2 * base:
                stands.append(family)
        if stands:
            summary = "; ".join(f"{FAMILY_TITLES[f].lower()}: {result.density[f]:.1f} per 1,000 words"
                                for f in stands)
        else:
            summary = "no family stands out against the other sources"
        profiles.append(SourceProfile(result.source_id, result.mt_likelihood, dict(result.density),
                                      tuple(stands), summary))
    # a source no model covers (mt_likelihood None: "not measured") sorts after every measured one
    profiles.sort(key=lambda p: (p.mt_likelihood is None, -(p.mt_likelihood or 0.0), p.source_id))
    return ProfileComparison(FAMILY_NAMES, median, tuple(profiles))
