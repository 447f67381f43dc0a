"""Machine-translation figures as findings: one per source, the same figure and words everywhere.

``mt-figure``: the sentence is the ``mt`` stage's figure ("0.91 (with original 002 (Russian))") or its reason
for giving none.  The verifier re-checks it against the gate and against provenance: a number only from a
configuration measured at held-out AUC >= 0.80 and calibrated (``compare.artifacts.mt_gate``), and never one
that contradicts the provenance section of the same page (0.5 or more for a source provenance calls an
original or a transcript, below 0.5 for one it calls a machine translation).
"""

from __future__ import annotations

import re

from compare.artifacts.mt_gate import gate
from compare.findings.base import Finding, register
from compare.model import EventResult

RECORD = re.compile(r"\[([a-z]{2,3})(?:-([a-z]{2,3}))?/(\w+)\]$")
"""The fitted record a figure came from, at the end of ``MTFigure.coefficients``: ``[ru-en/with_original]`` or
``[en/document]`` (text only: the pair is read from provenance's origin language)."""


def mt_sentence(likelihood: float | None, label: str) -> str:
    """The words the sources table, ``compare artifacts`` and findings.csv give for a figure."""
    return label if likelihood is None else f"{likelihood:.2f} ({label})"


def build(item: EventResult) -> list[Finding]:
    out = []
    for figure in item.mt:
        out.append(Finding("mt-figure", (figure.source_id,), mt_sentence(figure.likelihood, figure.label),
                           {"likelihood": figure.likelihood, "model": figure.model},
                           (f"mt:{figure.source_id}", f"model:{figure.coefficients}")))
    return out


def verify(finding: Finding, item: EventResult, run: object = None) -> str | None:
    sid = finding.subjects[0]
    figure = next((f for f in item.mt if f.source_id == sid), None)
    if figure is None:
        return f"no mt figure for {sid}"
    likelihood = figure.likelihood
    if likelihood is None:
        return None  # no number: nothing to contradict
    languages = {s.id: s.language for s in item.sources}
    origins = {p.id: p.origin_language for p in getattr(item.provenance, "sources", ()) or ()}
    found = RECORD.search(figure.coefficients or "")
    if not found:
        return f"{sid}'s figure names no fitted record"
    first, second, variant = found.groups()
    pair = f"{first}-{second}" if second else f"{origins.get(sid, '')}-{languages.get(sid, first)}"
    verdict = gate(pair, variant)
    if not verdict.shown:
        return f"{sid}'s figure {likelihood:.2f} comes from a configuration that may not give a number: {verdict.why}"
    roles = {p.id: p.role for p in getattr(item.provenance, "sources", ()) or ()}
    role = roles.get(sid, "")
    if likelihood >= 0.5 and role in ("original", "transcript"):
        return f"{sid}'s figure {likelihood:.2f} reads as machine output, but provenance calls it an {role}"
    if likelihood < 0.5 and role == "machine-translation":
        return f"{sid}'s figure {likelihood:.2f} reads as human, but provenance calls it a machine translation"
    return None


register("mt-figure", build, verify)
