"""Findings: every sentence a page states, as a typed record with its figures and evidence, checked before it is
written (issue 23).  ``base`` holds the record and the registry; each kind's builder and verifier live in one
module per family (``mt``, ``provenance``, ``cells``, ``quotes``, ``framing``), so a reader of the code finds where
each sentence comes from."""

from compare.findings.base import Finding, event_findings, register

__all__ = ["Finding", "event_findings", "register"]
