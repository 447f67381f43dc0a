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


TELLS_SILENT = ("These tells do not say whether a person or a machine translated it (no tells is no evidence of a "
                "human translator, as a post-edited or newer machine translation leaves none either).")
"""What too few casing and layout tells say of a translation: of the tells, not of the text.  The page adds what the
``mt`` stage's figure says, where one is shown, or that the text cannot tell, where none is
(``compare.report.provenance_views.mt_tell_words``): "Human or machine translation: the text cannot tell" beside a
likelihood of 1.00 in the sources table contradicted the page (rW1: ru-en M6, de-en M4)."""
CANNOT_TELL = "Human or machine translation: the text cannot tell."
"""Added after ``TELLS_SILENT`` where no machine-translation figure is shown."""


def translated_no_tells(sid: str, parent: str, language: str) -> str:
    """The tell lists' silence, said of a text found to translate ``parent``: their lists of turns found none in its
    wording, which does not make it an original.  rW1 (de-en M5): "The tell lists find no sign of translation from
    another language in wg-b" said of a machine translation of the German wg-e read as "wg-b reads like native
    English"."""
    return (f"The tell lists find none of the turns they list in {sid}'s wording; that does not make it an original: "
            f"it translates {parent} ({LANGUAGE_NAMES.get(language, language)}), and the edge gives the evidence.")


def no_tells(sid: str, language: str = "") -> str:
    """What the tell lists finding nothing in a source says: of the lists, not of the text.

    Why: a reader of a planted set (rP2, 7 December 2026) read "No tells of translation from another language in
    p03-a" as false: the German version renders 'it is understood' as 'of course' and the Royal Marines as the Royal
    Navy, turns a translation leaves that no tell list holds.  In a language no tell list reads (truth27: every one
    reads English only) the lists did not look at all, and "find no sign" told readers of p10, p12 and p13 that the
    German translation carries none."""
    if not reads_tells(language):
        return (f"The tell lists of translation read only {tell_language_names()} text: they did not look for signs "
                f"of translation in {sid}, which is in {LANGUAGE_NAMES.get(language, language)}.")
    return (f"The tell lists find no sign of translation from another language in {sid} (they do not hold every "
            f"turn a translation leaves; {SKILLED_TRANSLATION}).")


def tell_languages() -> frozenset[str]:
    """The languages the translation-tell detectors read: the calque lexicons' and the one-language tells'
    (compare.provenance.facts.LANGUAGE_DETECTORS), from the registry, so a detector added for German widens it."""
    from compare.artifacts import REGISTRY
    from compare.provenance.facts import LANGUAGE_DETECTORS

    return frozenset(x for name, d in REGISTRY.items() if d.family == "calque" or name in LANGUAGE_DETECTORS
                     for x in d.languages)


def reads_tells(language: str) -> bool:
    """True when the tell lists read text in ``language`` (an unknown language: True, the old wording)."""
    read = tell_languages()
    return "*" in read or language in read or language in ("", "und")


def tell_language_names() -> str:
    """'English', or 'English and Russian': the languages the tell lists read, in words."""
    names = sorted(LANGUAGE_NAMES.get(x, x) for x in tell_languages())
    return " and ".join(names) if names else "no"


def tells_in(sources: list[tuple[str, str]]) -> str:
    """What the tell lists found in sources (id, language) none of whose tells point anywhere: "its tell lists find
    none in either", or, where a language is one they do not read, "its tell lists find none in p13-a and do not
    read p13-d's German" (truth27: "find none in either" of an English and a German text read as "the German shows
    no sign of translation")."""
    unread = [(sid, lang) for sid, lang in sources if not reads_tells(lang)]
    read = [sid for sid, lang in sources if reads_tells(lang)]
    if not unread:
        return "its tell lists find none in either" if len(sources) == 2 else "its tell lists find none"
    words = " or ".join(f"{sid}'s {LANGUAGE_NAMES.get(lang, lang)}" for sid, lang in unread)
    return (f"its tell lists find none in {' or '.join(read)} and do not read {words}" if read
            else f"its tell lists do not read {words}")


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
