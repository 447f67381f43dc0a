"""The provenance graph's records: sources with origin languages, edges, siblings, evidence and spans."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from compare.model import Record

RELATIONS = ("translation", "machine-translation", "rewrite", "copy", "quotes", "renders")
"""Edge relations; the first four are derivations (the child's text is made from the parent's)."""
DERIVATIONS = frozenset(RELATIONS[:4])
SIBLING_VERBS = {"quotes": "quote", "renders": "render the speaker's words, as does", "translation": "translate", "machine-translation": "translate",
                 "rewrite": "rewrite", "copy": "copy"}

SKILLED_TRANSLATION = "a skilled translation can leave none"
"""Said wherever too few translation tells make a source 'taken as' written in its own language: the tells are what
the tool knows, not what the text is (issue 23, r40, 2017: TASS's 'particularly aimed at', 'Besides,')."""


def no_tells(sid: str) -> str:
    """What the tell lists finding nothing in a source says: of the lists, not of the text.

    Why: a reader of a planted set (rP2, 7 December 2026) read "No tells of translation from another language in
    p03-a" as false: the German version renders 'it is understood' as 'of course' and the Royal Marines as the Royal
    Navy, turns a translation leaves that no tell list holds."""
    return (f"The tell lists find no sign of translation from another language in {sid} (they do not hold every "
            f"turn a translation leaves; {SKILLED_TRANSLATION}).")


LANGUAGE_NAMES = {"ru": "Russian", "it": "Italian", "de": "German", "fr": "French", "zh": "Chinese", "en": "English",
                  "ja": "Japanese", "es": "Spanish", "uk": "Ukrainian", "und": "undetermined"}


@dataclass(frozen=True, slots=True)
class Span(Record):
    """Characters ``start:end`` of one source's clean text that a piece of evidence rests on."""

    source: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Evidence(Record):
    """One sentence in words, the spans it rests on, and its kind (overlap, dates, quotation, ...)."""

    text: str
    spans: tuple[Span, ...] = ()
    kind: str = ""


@dataclass(frozen=True, slots=True)
class SourceProvenance(Record):
    """A source's origin language (the language it was first written in), how sure, and why.

    ``role`` is a reader's summary: ``transcript``, ``original``, ``translation``,
    ``machine-translation``, ``rewrite``, ``copy``.
    """

    id: str
    origin_language: str
    origin_language_confidence: float
    evidence: tuple[Evidence, ...] = ()
    role: str = "original"


@dataclass(frozen=True, slots=True)
class Edge(Record):
    """``to`` was made from (or quotes) ``from_``; ``from_`` None is an original not in the set.

    ``to_dict`` writes the key as ``from`` (a Python keyword, so the field is ``from_``).
    """

    from_: str | None
    to: str
    relation: str
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = Record.to_dict(self)
        return {"from": data.pop("from_"), **data}


@dataclass(frozen=True, slots=True)
class Sibling(Record):
    """Two sources with no derivation between them, and why they belong together (a shared parent, one event)."""

    a: str
    b: str
    reason: str
    evidence: tuple[Evidence, ...] = ()
    independent: bool = False
    """Two translations from different languages that share a parent only in part and no close wording: they
    are said as independent reports of one occasion, not "siblings", a word that implies one source text."""


@dataclass(frozen=True, slots=True)
class Provenance(Record):
    """The provenance graph of one event: sources with origin languages, edges, and siblings."""

    event: str
    sources: tuple[SourceProvenance, ...]
    edges: tuple[Edge, ...]
    siblings: tuple[Sibling, ...] = ()
    signature: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape: ``{"event", "sources", "edges", "siblings", "signature"}``, edges keyed ``from``/``to``."""
        return {
            "event": self.event,
            "sources": [s.to_dict() for s in self.sources],
            "edges": [e.to_dict() for e in self.edges],
            "siblings": [s.to_dict() for s in self.siblings],
            "signature": self.signature,
        }

    def edge(self, child: str, relation: str | None = None) -> list[Edge]:
        """The edges into ``child`` (of one relation, if given)."""
        return [e for e in self.edges if e.to == child and (relation is None or e.relation == relation)]
