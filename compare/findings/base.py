"""The record every finding kind shares: what is said, about whom, with which figures and on which evidence."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One thing a page says, before it is worded.

    ``subjects`` are the ids it is about (sources, claims, speakers);
    ``figures`` the values its sentence quotes, so the words and the tables
    come from the same numbers; ``evidence`` the ids of the sentences, links,
    quotes or terms it rests on ("001:3" is sentence 3 of source 001).  A
    finding whose verifier fails keeps ``verified=False`` and says why in
    ``reason``: it is not said on the page.
    """

    kind: str
    subjects: tuple[str, ...]
    figures: dict[str, Any] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()
    verified: bool = True
    reason: str = ""

    def refuted(self, reason: str) -> Finding:
        """The same finding, marked as failing its check."""
        return replace(self, verified=False, reason=reason)
