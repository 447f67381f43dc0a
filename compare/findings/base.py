"""The finding record and the registry of kinds: a builder (stage outputs -> findings) and a verifier per kind.

A verifier re-checks a finding from the run's outputs, not from the sentence: it returns None when the finding
holds, else the reason it may not be said.  A finding that fails is kept (``verified`` False, with the reason),
so the report can list it as "not asserted" instead of saying it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from compare.model import EventResult, Record


@dataclass(frozen=True, slots=True)
class Finding(Record):
    """One statement: its kind, whom it is about, the sentence, the figures it quotes and its evidence ids.

    Evidence ids name what the sentence rests on: ``<source>:<start>-<end>`` for a span of a clean text,
    ``edge:<from>-><to>:<relation>``, ``mt:<source>`` for a machine-translation figure, ``model:<record>``.
    """

    kind: str
    subjects: tuple[str, ...]
    sentence: str = ""
    figures: dict[str, Any] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()
    verified: bool = True
    reason: str = ""

    def refuted(self, reason: str) -> Finding:
        """The same finding, marked as failing its check."""
        return replace(self, verified=False, reason=reason)


Builder = Callable[..., list[Finding]]
"""(event) -> findings, or (event, the run or None) -> findings for a kind registered ``with_run``."""
Verifier = Callable[[Finding, EventResult, Any], "str | None"]
"""(finding, event, the run or None) -> None when the finding holds, else why not: the run gives the whole set
(every source, the annotations) for the checks that need more than the event."""
KINDS: dict[str, tuple[Builder, Verifier]] = {}
"""Kind -> (builder, verifier); filled by the kind modules on import (``register``)."""
WITH_RUN: set[str] = set()
"""Kinds whose builder also takes the run (``build(item, run)``): what the event does not hold, such as the
annotate stage's quotations and entities (the stance words' voices, r53), is read from the run."""


def register(kind: str, build: Builder, verify: Verifier, with_run: bool = False) -> None:
    """Add a kind: ``build`` gives its findings for an event, ``verify`` checks one (None: it holds); ``with_run``:
    the builder is called with the run as well (it may be None: a builder then says what it can without it)."""
    KINDS[kind] = (build, verify)
    if with_run:
        WITH_RUN.add(kind)


def registered() -> dict[str, tuple[Builder, Verifier]]:
    """Every kind, its module imported first: a kind registers itself on import, so a caller that reaches for
    one verifier before any page was built (a test, a notebook) still finds it."""
    from compare.findings import changes as _changes  # noqa: F401 - registers its kinds
    from compare.findings import cuts as _cuts  # noqa: F401
    from compare.findings import introduced as _introduced  # noqa: F401
    from compare.findings import kinds as _kinds  # noqa: F401
    from compare.findings import mt as _mt  # noqa: F401
    from compare.findings import partial as _partial  # noqa: F401
    from compare.findings import preview as _preview  # noqa: F401
    from compare.findings import provenance as _provenance  # noqa: F401
    from compare.findings import repeats as _repeats  # noqa: F401
    from compare.findings import spellings as _spellings  # noqa: F401
    from compare.findings import stance as _stance  # noqa: F401
    from compare.findings import tense as _tense  # noqa: F401
    return KINDS


def verify(finding: Finding, item: EventResult, run: Any = None) -> str | None:
    """Check one finding with its kind's verifier: None when it holds, else why not."""
    return registered()[finding.kind][1](finding, item, run)


def event_findings(item: EventResult, run: Any = None) -> list[Finding]:
    """Every registered builder's findings for the event, each checked by the verifier of its own kind (a builder
    may give findings of several kinds), in builder order."""
    kinds = registered()
    out: list[Finding] = []
    for kind in sorted(kinds):
        built = kinds[kind][0](item, run) if kind in WITH_RUN else kinds[kind][0](item)
        for finding in built:
            failed = kinds[finding.kind][1](finding, item, run)
            out.append(replace(finding, verified=failed is None, reason=failed or ""))
    return out
