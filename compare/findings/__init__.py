"""Findings: every sentence a page states, as a typed record with its figures and evidence, checked before it is said.

One module per kind (``cells``, ``quotes``, ``framing``): each builds its
findings from a stage's output, re-checks them against the run's tables
(its verifier), and renders the sentence from a small template, so a reader
of the code finds in one place where each sentence of a page comes from.
"""
