"""Which source of an event the others are read against: one rule for quotes, claims and the report.

An official transcript holds the speaker's own words; an original is what
translations and rewrites derive from.  Among several of one kind the lowest
id wins, so the choice never depends on input order.  Without either kind the
event has no reference, and the report says so rather than promoting a
translation or a rewrite to the role.
"""

from __future__ import annotations

from collections.abc import Sequence

from compare.model import Source

REFERENCE_KINDS = ("official-transcript", "original")
"""Kinds that can be a reference, strongest first."""


def reference_rank(source: Source) -> tuple[int, str]:
    """Sort key: references first (transcripts before originals), then every other source, each by id."""
    kind = source.kind or ""
    return (REFERENCE_KINDS.index(kind) if kind in REFERENCE_KINDS else len(REFERENCE_KINDS), source.id)


def reference_source(sources: Sequence[Source]) -> str | None:
    """The event's reference source id, or None when no source is a transcript or an original."""
    ranked = sorted(sources, key=reference_rank)
    if ranked and (ranked[0].kind or "") in REFERENCE_KINDS:
        return ranked[0].id
    return None
