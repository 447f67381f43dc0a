"""Provenance: which report is the original, which a translation (from which language), a rewrite, a copy,
and who quotes whom, from the texts of one event alone.

    from compare.provenance import trace_provenance
    graph = trace_provenance(event.id, sources, annotations, alignment, artifacts)
    json.dumps(graph.to_dict())   # {"event", "sources": [...], "edges": [...], "siblings": [...]}

The evidence is of the kinds used in text-reuse and translation-detection work:

- **overlap asymmetry**: how much of each text the other covers, from the
  aligner's links; a derived text is mostly covered by its parent, not the
  reverse; only links close in wording (chrF >= ``reuse_link_chrf``) count as
  reuse between texts in one language;
- **order and dates**: a report cannot copy, translate or quote a later one;
- **shared rare details and shared errors**: words no other source of the
  event has, and the same odd tell (a calque, a misspelling) in both;
- **translation tells** from the artifacts stage: a Japanese name spelled as it
  comes back from Cyrillic or a Russian dash attribution points to Russian,
  Italian calques to Italian; casing and layout left by machine translation
  (mid-sentence capitals at the original's line breaks, lower-case months)
  tell a machine translation from a human one;
- **quotation chains**: a source whose text is a speaker's own words (first
  person, outside quotation marks: a transcript) is what other sources quote;
  their quotes are matched to it by :func:`compare.align.quotes.match_quotes`
  and its fidelity labels (verbatim, close, paraphrase);
- **attribution phrases** naming an origin outside the set ("according to
  TASS", "Efe news reported", "(EFE)"): ``from`` is then None;
- **rewrite-spinner tells** from the artifacts stage (long official names put
  where English has the short one, odd synonyms in fixed phrases, captions).

Every decision is a rule over named thresholds (:class:`ProvenanceSettings`,
each with the reason for its value); no source id or outlet decides anything.
A manifest ``kind`` is cited as supporting evidence, and decides one thing
only: which way a translation goes when the texts' own tells do not say,
because then the user's declaration is the best evidence there is (three
English originals and a German translation of one of them must not come out
as one German original with three English translations because it is the
text the others all render).  Without a manifest the texts alone decide.  Siblings (two translations of one original, two quotations of
one transcript, two reports of one event) never get a derivation edge
between them; they are listed under ``siblings`` with the reason.

What the texts cannot tell, and this does not claim: a rewrite of an original
that is not in the set and not named; a human translation polished to read
natively (no tells); which of two texts came first when they have no dates and
cover each other equally.

The package has one module per rule family, each reading the stages' outputs
(the aligner's links and quote matches, the artifacts, the annotations):
``records`` (the graph's records), ``facts`` (what is read per source, rule 1:
transcripts), ``attribution``, ``pairs`` (overlap of each pair), ``quotation``
(rule 2), ``translation`` (rule 3), ``reuse`` (rule 4), ``outside`` (rule 5),
``siblings`` (rule 6), ``checks`` (the verifiers that evidence holds against
the whole set) and ``trace`` (the rules in order).
"""

from __future__ import annotations

from compare.provenance.attribution import Attribution, find_attributions
from compare.provenance.records import (
    DERIVATIONS,
    RELATIONS,
    Edge,
    Evidence,
    Provenance,
    Sibling,
    SourceProvenance,
    Span,
)
from compare.provenance.trace import trace_provenance
from compare.settings import ProvenanceSettings

__all__ = [
    "DERIVATIONS", "RELATIONS", "Attribution", "Edge", "Evidence", "Provenance", "ProvenanceSettings", "Sibling",
    "SourceProvenance", "Span", "find_attributions", "trace_provenance",
]
