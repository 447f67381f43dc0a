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
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from compare.errors import CompareError
from compare.model import TRANSLATION_KINDS, Link, QuoteMatch, Record, Source
from compare.provenance_checks import (
    Conflict,
    conflict_words,
    covered_share,
    detail_conflicts,
    names_not_in,
    one_entity_spellings,
    page_languages,
    pair_sentences,
    rare_shared_words,
)
from compare.settings import ProvenanceSettings

if TYPE_CHECKING:  # for hints only: importing these here would load every stage with provenance
    from compare.align import EventAlignment
    from compare.annotate import Annotations
    from compare.artifacts import SourceArtifacts

__all__ = [
    "RELATIONS", "Attribution", "Edge", "Evidence", "Provenance", "ProvenanceSettings", "Sibling", "SourceProvenance", "Span",
    "find_attributions", "trace_provenance",
]

RELATIONS = ("translation", "machine-translation", "rewrite", "copy", "quotes", "renders")
"""Edge relations; the first four are derivations (the child's text is made from the parent's)."""
DERIVATIONS = frozenset(RELATIONS[:4])
SIBLING_VERBS = {"quotes": "quote", "renders": "render the speaker's words, as does", "translation": "translate", "machine-translation": "translate",
                 "rewrite": "rewrite", "copy": "copy"}

LANGUAGE_NAMES = {"ru": "Russian", "it": "Italian", "de": "German", "fr": "French", "zh": "Chinese", "en": "English",
                  "ja": "Japanese", "es": "Spanish", "uk": "Ukrainian", "und": "undetermined"}


# ----------------------------------------------------------------------------------------------- settings


# ----------------------------------------------------------------------------------------------- output


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


# ----------------------------------------------------------------------------------------------- attribution

NEWS_ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "TASS": ("TASS", "Tass", "ТАСС", "塔斯社"),
    "RIA Novosti": ("RIA Novosti", "РИА Новости", "RIA-Novosti", "俄新社"),
    "Interfax": ("Interfax", "Интерфакс"),
    "Sputnik": ("Sputnik", "Спутник"),
    "RT": ("RT",),
    "EFE": ("EFE", "Efe", "Agencia EFE"),
    "Reuters": ("Reuters", "Рейтер", "Рейтерс", "路透社"),
    "AP": ("Associated Press", "AP", "美联社"),
    "AFP": ("AFP", "Agence France-Presse", "Франс Пресс", "法新社"),
    "ANSA": ("ANSA", "Ansa"),
    "AGI": ("AGI",),
    "Adnkronos": ("Adnkronos",),
    "dpa": ("dpa", "Deutsche Presse-Agentur"),
    "Xinhua": ("Xinhua", "Синьхуа", "新华社"),
    "Kyodo": ("Kyodo", "Kyodo News", "Киодо", "共同社"),
    "Jiji Press": ("Jiji Press", "Jiji", "时事社"),
    "NHK": ("NHK",),
    "Yonhap": ("Yonhap", "Ёнхап", "韩联社"),
    "Bloomberg": ("Bloomberg", "Блумберг", "彭博社"),
    "Anadolu": ("Anadolu", "Anadolu Agency", "Анадолу"),
    "Ukrinform": ("Ukrinform", "Укринформ"),
    "UNIAN": ("UNIAN", "УНИАН"),
    "BBC": ("BBC", "Би-би-си"),
    "CNN": ("CNN",),
    "Al Jazeera": ("Al Jazeera", "Аль-Джазира"),
    "Europa Press": ("Europa Press",),
    "PAP": ("PAP",),
    "PTI": ("PTI", "Press Trust of India"),
    "KCNA": ("KCNA", "ЦТАК", "朝中社"),
    "Izvestia": ("Izvestia", "Известия"),
    "Kommersant": ("Kommersant", "Коммерсант"),
    "CCTV": ("CCTV", "央视"),
    "Global Times": ("Global Times", "环球时报"),
}
"""News agencies and outlets whose name, next to a reporting word, credits an origin: canonical -> aliases."""

ATTRIBUTION_CUES = re.compile(
    r"according to|report(?:ed|s|ing)?|said|says|quot(?:ed|es|ing)|cit(?:ed|es|ing)|told|wr(?:ote|ites)|learned|"
    r"news agency|\bvia\b|по (?:данным|сообщению|информации)|сообщ(?:ает|ило|ил|ила)|переда(?:ет|ёт)|пишет|"
    r"цитиру|со ссылкой|laut|zufolge|bericht(?:et|ete)|meld(?:et|ete)|schreibt|zitiert|selon|d'après|rapport(?:e|é)|"
    r"cité|citant|secondo|rifer(?:isce|ito)|riport(?:a|ato)|scrive|citat[oa]|据|报道|消息|援引|称",
    re.IGNORECASE,
)
"""Reporting words in en, ru, de, fr, it and zh that make a nearby organisation name an attribution."""

FIRST_PERSON = re.compile(
    r"(?<!\w)(?:I|we|We|our|Our|us|my|My|me|я|мы|Мы|наш\w*|Наш\w*|нам|нас|ich|wir|Wir|unser\w*|Unser\w*|uns|"
    r"je|nous|Nous|notre|Notre|nos|Nos|io|noi|Noi|nostr[oaie]|Nostr[oaie])(?!\w)|我们|我"
)
"""First-person words: a text in which the speaker says 'we' outside quotation marks is the speaker's own."""

QUOTE_MARKS = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]|「[^」]*」")

TRANSCRIPT_TITLE = re.compile(
    r"\b(?:statement|remarks|speech|transcript|address|interview|news conference|press conference|briefing|"
    r"answers? to (?:media )?questions)\b|выступлени|стенограмм|заявлени|интервью|пресс-конференц|"
    r"\b(?:Rede|Erklärung|Pressekonferenz|discours|déclaration|conférence de presse|discorso|dichiarazion[ei]|"
    r"conferenza stampa)\b|讲话|发言|答记者问|记者会",
    re.IGNORECASE,
)
"""Title words of a speaker's own text ("Lavrov's statement at a news conference"): supporting evidence only."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """A news organisation credited in a source: where, the phrase, and whether it credits the whole report."""

    source: str
    organisation: str
    start: int
    end: int
    phrase: str
    credit: bool
    lead: bool


@lru_cache(maxsize=1)
def _organisation_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for canonical, aliases in NEWS_ORGANISATIONS.items():
        for alias in sorted(aliases, key=len, reverse=True):
            flags = 0 if (alias.isupper() and len(alias) <= 4) or alias.islower() else re.IGNORECASE
            if re.search(r"[\u4e00-\u9fff]", alias):
                out.append((canonical, re.compile(re.escape(alias))))
            else:
                out.append((canonical, re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", flags)))
    return tuple(out)


def find_attributions(source: Source, settings: ProvenanceSettings | None = None) -> list[Attribution]:
    """News organisations credited in the text: 'according to TASS', 'Efe news reported', '(EFE)', '/TASS/'.

    ``credit`` marks the wire-credit forms ('(EFE)', '/TASS/', 'Reuters —' at a
    line start), which say the text is that agency's copy; ``lead`` marks
    attributions in the first ``lead_sentences`` sentences (or repeated), which
    cover the whole report rather than one quote.
    """
    settings = settings or ProvenanceSettings()
    text = source.text
    sentences = list(source.sentences) or []
    lead_end = sentences[min(settings.lead_sentences, len(sentences)) - 1].end if sentences else len(text)
    found: list[Attribution] = []
    taken: list[tuple[int, int]] = []
    for canonical, pattern in _organisation_patterns():
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            before, after = text[max(0, m.start() - 3):m.start()], text[m.end():m.end() + 3]
            line_start = text.rfind("\n", 0, m.start()) + 1
            credit = bool(
                (re.search(r"[(/]\s*$", before) and re.match(r"\s*[)/]", after))
                or (not text[line_start:m.start()].strip() and re.match(r"\s*[-–—]", after))
            )
            sentence = next((s for s in sentences if s.start <= m.start() < s.end), None)
            lo = max(sentence.start if sentence else 0, m.start() - settings.attribution_window)
            hi = min(sentence.end if sentence else len(text), m.end() + settings.attribution_window)
            cue = ATTRIBUTION_CUES.search(text, lo, hi)
            if not (credit or cue):
                continue
            taken.append((m.start(), m.end()))
            lo_phrase = min(m.start(), cue.start()) if cue else m.start()
            hi_phrase = max(m.end(), cue.end()) if cue else m.end()
            if credit:
                lo_phrase, hi_phrase = max(0, m.start() - 1), min(len(text), m.end() + 1)
            found.append(Attribution(source.id, canonical, lo_phrase, hi_phrase, text[lo_phrase:hi_phrase],
                                     credit, m.start() < lead_end))
    counts: dict[str, int] = {}
    for a in found:
        counts[a.organisation] = counts.get(a.organisation, 0) + 1
    found = [replace(a, lead=a.lead or counts[a.organisation] >= 2) for a in found]
    return sorted(found, key=lambda a: (a.start, a.organisation))


# ----------------------------------------------------------------------------------------------- per source


@dataclass
class _Facts:
    """What the rules read about one source (internal)."""

    source: Source
    words: int
    date: str | None = None
    date_how: str = ""
    language_tells: dict[str, list[Any]] = field(default_factory=dict)  # language -> artifacts
    casing: list[Any] = field(default_factory=list)
    rewrite: list[Any] = field(default_factory=list)
    romanisation: list[Any] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    first_person: float = 0.0
    quoted: float = 0.0
    transcript: bool = False
    origin: str = "und"
    origin_confidence: float = 0.0
    origin_evidence: list[Evidence] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.source.id

    def density(self, n: int) -> float:
        return 1000.0 * n / self.words if self.words else 0.0


def _calque_language(text: str) -> str | None:
    """The language of the calque lexicon entry that matches ``text`` (the artifact keeps no language)."""
    from compare.artifacts.calques import lexicon

    entries = lexicon()
    exact = next((e for e in entries if e.pattern.fullmatch(text)), None)
    found = exact or next((e for e in entries if e.pattern.search(text)), None)
    return found.language if found else None


LANGUAGE_DETECTORS = {
    "compare.translit.cyrillic.v1": ("ru", 2.0),
    "compare.typography.dash_attribution.v1": ("ru", 1.0),
}
"""Detectors whose tell points to one source language, and its weight: a Japanese name spelled through Russian
Cyrillic (Polivanov) is strong (2); the dash after a quote is Russian print (1).  Calques take the language of
their lexicon entry (1 each)."""


def _language_tells(artifacts: Iterable[Any]) -> dict[str, list[tuple[Any, float]]]:
    out: dict[str, list[tuple[Any, float]]] = {}
    for artifact in artifacts:
        if artifact.detector in LANGUAGE_DETECTORS:
            language, weight = LANGUAGE_DETECTORS[artifact.detector]
        elif artifact.category == "calque":
            language, weight = _calque_language(artifact.text), 1.0
        else:
            continue
        if language:
            out.setdefault(language, []).append((artifact, weight))
    return out


def _quoted_spans(source: Source, annotations: Annotations | None) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in QUOTE_MARKS.finditer(source.text)]
    quotes = (getattr(annotations, "quotes", None) or {}).get(source.id, ())
    spans.extend((q.start, q.end) for q in quotes if q.direct)
    return spans


def _speech_profile(source: Source, annotations: Annotations | None) -> tuple[float, float]:
    """(share of sentences with a first-person word outside quotes, share of characters inside quotes)."""
    quoted = _quoted_spans(source, annotations)
    inside = set()
    for a, b in quoted:
        inside.update(range(a, b))
    long_sentences = [s for s in source.sentences if len(s.text.split()) >= 5]
    with_first = 0
    for s in long_sentences:
        if any(m.start() + s.start not in inside for m in FIRST_PERSON.finditer(s.text)):
            with_first += 1
    share = with_first / len(long_sentences) if long_sentences else 0.0
    total = sum(s.end - s.start for s in source.sentences) or 1
    in_quotes = sum(1 for s in source.sentences for i in range(s.start, s.end) if i in inside)
    return share, in_quotes / total


def _facts(source: Source, annotations: Annotations | None, artifacts: SourceArtifacts | None,
           settings: ProvenanceSettings) -> _Facts:
    from compare.annotate import report_date

    words = len(re.findall(r"\w+", source.text))
    facts = _Facts(source, words)
    facts.date, facts.date_how = report_date(source)
    found = tuple(getattr(artifacts, "artifacts", ()) or ())
    facts.language_tells = _language_tells(found)
    facts.casing = [a for a in found if a.category == "casing"]
    facts.rewrite = [a for a in found if a.category == "rewrite"]
    facts.romanisation = [a for a in found if a.detector == "compare.translit.romanisation.v1"]
    facts.attributions = find_attributions(source, settings)
    facts.first_person, facts.quoted = _speech_profile(source, annotations)
    facts.transcript = (facts.first_person >= settings.transcript_min_first_person
                        and facts.quoted <= settings.transcript_max_quoted)
    _origin(facts, settings)
    return facts


def _spans_of(items: Iterable[Any], limit: int = 6) -> tuple[Span, ...]:
    return tuple(Span(a.source_id, a.start, a.end) for a in list(items)[:limit])


def _quoted_list(items: Iterable[Any], limit: int = 5) -> str:
    texts = list(dict.fromkeys(" ".join(a.text.split()) for a in items))
    shown = ", ".join(f"'{t}'" for t in texts[:limit])
    return shown + (f" and {len(texts) - limit} more" if len(texts) > limit else "")


def _spoken_language(f: _Facts) -> tuple[str, Evidence] | None:
    """(language, evidence) when a transcript in English is one of the two language versions of its page (the
    language switcher ingest removed as residue: 'en-GB1 ru-RU1'): an official English version beside one other
    language is, as ministries publish them, the translation of what was said in that language.  None otherwise
    (one language, or several others: the page does not tell which was spoken)."""
    own = f.source.language
    languages = page_languages(f.source)
    others = [x for x in languages if x != own]
    if own != "en" or own not in languages or len(others) != 1:
        return None
    spoken = others[0]
    name = LANGUAGE_NAMES.get(spoken, spoken)
    switcher = next((r.text for r in f.source.removed if r.reason == "language switcher"), "")
    return spoken, Evidence(
        f"{f.id}'s page offers it in English and {name} (its language switcher '{' '.join(switcher.split())}', "
        f"removed as page residue): an official page in English beside one other language reads as the English "
        f"version of what was said in {name}, so {f.id} is read as a transcript in English of words spoken in "
        f"{name}.", (),
        "translation-tell")


def _origin(facts: _Facts, settings: ProvenanceSettings) -> None:
    """Origin language from the language tells: the leading language when there are enough tells, else own."""
    own = facts.source.language or "und"
    weights = {lang: sum(w for _, w in tells) for lang, tells in facts.language_tells.items()}
    total = sum(weights.values())
    if weights:
        lead = max(sorted(weights), key=lambda k: weights[k])
        tells = [a for a, _ in facts.language_tells[lead]]
        share = weights[lead] / total
        name = LANGUAGE_NAMES.get(lead, lead)
        enough = (weights[lead] >= settings.origin_min_tells and share >= settings.origin_min_share
                  and facts.density(len(tells)) >= settings.origin_min_density and lead != own)
        if enough:
            facts.origin = lead
            facts.origin_confidence = round(min(0.95, 0.5 + 0.05 * weights[lead]) * share, 2)
            facts.origin_evidence.append(Evidence(
                f"{facts.id} carries {len(tells)} {name} tells ({facts.density(len(tells)):.1f} per 1,000 words; "
                f"{share:.0%} of its language tells point to {name}): {_quoted_list(tells)}.",
                _spans_of(tells), "translation-tell"))
            return
        facts.origin_evidence.append(Evidence(
            f"{facts.id} has {len(tells)} {name} tell(s) ({_quoted_list(tells)}): fewer than "
            f"{settings.origin_min_tells} (or below {settings.origin_min_density:g} per 1,000 words), which "
            "native writing produces by chance; it reads as written in its own language.",
            _spans_of(tells), "translation-tell"))
    facts.origin = own
    facts.origin_confidence = 0.6 if weights else 0.8
    if not weights:
        facts.origin_evidence.append(Evidence(
            f"No tells of translation from another language in {facts.id}.", (), "translation-tell"))


def _machine(facts: _Facts, settings: ProvenanceSettings) -> tuple[bool, Evidence]:
    """Machine or human translation, from the casing and layout tells MT leaves and human translators fix."""
    n = len(facts.casing)
    density = facts.density(n)
    mt = n >= settings.mt_min_casing and density >= settings.mt_min_casing_density
    # No machine-translation figure is quoted here: the one figure per source is the ``mt`` stage's, which runs
    # after this stage and is shown only where its model was measured (compare.artifacts.mt_gate).
    if mt:
        text = (f"{facts.id} has {n} casing and layout tells of machine translation ({density:.1f} per 1,000 words): "
                f"{_quoted_list(facts.casing)}; a human translator would have fixed them.")
    else:
        text = (f"{facts.id} has {n} casing or layout tells of machine translation (fewer than "
                f"{settings.mt_min_casing} or below {settings.mt_min_casing_density:g} per 1,000 words): read as "
                "a human translation.")
    return mt, Evidence(text, _spans_of(facts.casing), "mt-tell")


# ----------------------------------------------------------------------------------------------- pairs


@dataclass
class _Pair:
    """Overlap of two sources (a < b by id) from the aligner's links (internal)."""

    a: str
    b: str
    links: list[Link]
    cover_a: float = 0.0  # share of a's text linked to b
    cover_b: float = 0.0
    close_a: float = 0.0  # share of a's text in close links (same language)
    close_b: float = 0.0
    close_chrf: float = 0.0
    close_links: list[Link] = field(default_factory=list)
    semantic_a: float = 0.0  # share of a's text in mutual best cross-language embedding matches with b
    semantic_b: float = 0.0
    semantic_matches: list[tuple[int, int, float]] = field(default_factory=list)  # (sentence of a, of b, cosine)

    def cover(self, child: str) -> float:
        return self.cover_a if child == self.a else self.cover_b

    def close(self, child: str) -> float:
        return self.close_a if child == self.a else self.close_b

    def semantic(self, child: str) -> float:
        return self.semantic_a if child == self.a else self.semantic_b

    def parallel(self, child: str) -> float:
        """How much of ``child`` the other text renders: aligned links, or embedding matches across languages."""
        return max(self.cover(child), self.semantic(child))


def _share(source: Source, indices: set[int]) -> float:
    total = sum(len(s.text) for s in source.sentences)
    return sum(len(s.text) for s in source.sentences if s.index in indices) / total if total else 0.0


def _pairs(sources: Sequence[Source], links: Sequence[Link], settings: ProvenanceSettings) -> dict[tuple[str, str], _Pair]:
    by_id = {s.id: s for s in sources}
    out: dict[tuple[str, str], _Pair] = {}
    for a, b in itertools.combinations(sorted(by_id), 2):
        own = [lk for lk in links if {lk.source_a, lk.source_b} == {a, b}]
        pair = _Pair(a, b, own)
        side = {a: set(), b: set()}
        close_side = {a: set(), b: set()}
        for lk in own:
            side[lk.source_a].add(lk.sentence_a)
            side[lk.source_b].add(lk.sentence_b)
            if (lk.chrf or 0.0) >= settings.reuse_link_chrf and by_id[a].language == by_id[b].language:
                pair.close_links.append(lk)
                close_side[lk.source_a].add(lk.sentence_a)
                close_side[lk.source_b].add(lk.sentence_b)
        pair.cover_a, pair.cover_b = _share(by_id[a], side[a]), _share(by_id[b], side[b])
        pair.close_a, pair.close_b = _share(by_id[a], close_side[a]), _share(by_id[b], close_side[b])
        if pair.close_links:
            pair.close_chrf = sum(lk.chrf or 0.0 for lk in pair.close_links) / len(pair.close_links)
        out[(a, b)] = pair
    return out


def _semantic(sources: Sequence[Source], pairs: Mapping[tuple[str, str], _Pair], settings: ProvenanceSettings) -> str:
    """Fill in cross-language embedding coverage of every pair in different languages; return the signature.

    Mutual best matches only (each sentence is the other's nearest in the pair),
    at or above ``semantic_min_cosine``: the margin-free form of bitext mining,
    enough because the coverage threshold, not a single match, decides.
    """
    if not settings.use_embeddings:
        return "emb:off"
    try:
        from compare.semantic import embeddings
    except ImportError:
        return "emb:none"
    if not embeddings.available():
        return embeddings.signature()
    by_id = {s.id: s for s in sources}
    todo = [p for p in pairs.values()
            if by_id[p.a].language != by_id[p.b].language and by_id[p.a].sentences and by_id[p.b].sentences]
    if not todo:
        return embeddings.signature()
    needed = sorted({sid for p in todo for sid in (p.a, p.b)})
    # One call for all of them: the engine then runs on every core (one call per source of one sentence would not).
    rows = embeddings.encode([s.text for sid in needed for s in by_id[sid].sentences])
    vectors, start = {}, 0
    for sid in needed:
        vectors[sid] = rows[start:start + len(by_id[sid].sentences)]
        start += len(by_id[sid].sentences)
    for pair in todo:
        a, b = by_id[pair.a], by_id[pair.b]
        sim = vectors[a.id] @ vectors[b.id].T
        best_b, best_a = sim.argmax(axis=1), sim.argmax(axis=0)
        matches = [(i, int(best_b[i]), float(sim[i, best_b[i]])) for i in range(sim.shape[0])
                   if best_a[best_b[i]] == i and sim[i, best_b[i]] >= settings.semantic_min_cosine]
        pair.semantic_matches = [(a.sentences[i].index, b.sentences[j].index, c) for i, j, c in matches]
        pair.semantic_a = _share(a, {a.sentences[i].index for i, _, _ in matches})
        pair.semantic_b = _share(b, {b.sentences[j].index for _, j, _ in matches})
    return embeddings.signature()


def _link_spans(links: Sequence[Link], limit: int = 4) -> tuple[Span, ...]:
    spans: list[Span] = []
    for lk in sorted(links, key=lambda lk: -(lk.chrf or 0.0))[:limit]:
        spans.extend((Span(lk.source_a, lk.start_a, lk.end_a), Span(lk.source_b, lk.start_b, lk.end_b)))
    return tuple(spans)


def _semantic_evidence(pair: _Pair, sources: Mapping[str, Source], parent: str, child: str) -> Evidence:
    spans: list[Span] = []
    for i, j, _ in sorted(pair.semantic_matches, key=lambda m: -m[2])[:3]:
        sa, sb = sources[pair.a].sentences[i], sources[pair.b].sentences[j]
        spans.extend((Span(pair.a, sa.start, sa.end), Span(pair.b, sb.start, sb.end)))
    return Evidence(
        f"Across languages, {pair.semantic(child):.0%} of {child}'s text and {pair.semantic(parent):.0%} of "
        f"{parent}'s are sentences that are each other's closest match in multilingual sentence embeddings "
        f"({len(pair.semantic_matches)} pairs): one text in two languages.", tuple(spans), "overlap")


def _overlap_evidence(pair: _Pair, parent: str, child: str) -> Evidence:
    return Evidence(
        f"{pair.cover(child):.0%} of {child}'s text is aligned with {parent}, and {pair.cover(parent):.0%} of "
        f"{parent}'s with {child}; in close wording (sentence chrF >= 50) {pair.close(child):.0%} of {child} and "
        f"{pair.close(parent):.0%} of {parent}.",
        _link_spans(pair.close_links or pair.links), "overlap")


def _shared_details(sources: Sequence[Source], facts: Mapping[str, _Facts], settings: ProvenanceSettings,
                    a: str, b: str, everyone: Sequence[Source] = ()) -> tuple[list[tuple[str, Span, Span]],
                                                                       list[tuple[str, Span, Span]]]:
    """(rare words only a and b share in the whole set ``everyone``, tells both have with the same text: shared
    errors).  "No other source has" is searched in every source of the set, not only the event's members."""
    by_id = {s.id: s for s in sources}
    language = facts[a].source.language
    rare = [(w, Span(a, *sa), Span(b, *sb)) for w, sa, sb in
            rare_shared_words(by_id[a], by_id[b], everyone or sources, language, settings.rare_zipf)]
    tells_a = {(x.detector, " ".join(x.text.casefold().split())): x for x in _all_tells(facts[a])}
    errors = []
    for x in _all_tells(facts[b]):
        key = (x.detector, " ".join(x.text.casefold().split()))
        if key in tells_a and x.category != "casing":
            y = tells_a[key]
            errors.append((x.text, Span(a, y.start, y.end), Span(b, x.start, x.end)))
    return rare, errors


def _all_tells(facts: _Facts) -> list[Any]:
    return [a for tells in facts.language_tells.values() for a, _ in tells] + facts.rewrite


# ----------------------------------------------------------------------------------------------- the rules


def _before(facts: Mapping[str, _Facts], x: str, y: str) -> bool | None:
    """True when x is dated earlier than y, False when later, None when the dates do not tell."""
    dx, dy = facts[x].date, facts[y].date
    if not dx or not dy or dx == dy:
        return None
    return dx < dy


def _date_evidence(facts: Mapping[str, _Facts], parent: str, child: str) -> Evidence | None:
    dp, dc = facts[parent].date, facts[child].date
    if dp and dc:
        order = "the same day as" if dp == dc else "after"
        return Evidence(f"{child} is dated {dc} ({facts[child].date_how}), {order} {parent} ({dp}): the order "
                        "allows it.", (), "dates")
    return None


def _backend_name(alignment: EventAlignment) -> str:
    signature = (getattr(alignment, "signatures", None) or {}).get("similarity", "")
    m = re.search(r"backend:(\w+)", signature)
    return m.group(1) if m else "default"


def _quote_matches(event_id: str, sources: Sequence[Source], transcripts: set[str], annotations: Annotations | None,
                   alignment: EventAlignment) -> tuple[QuoteMatch, ...]:
    """Quotes of the other sources matched to the transcript(s), by the aligner's own quote matcher.

    Kinds are set from the texts (a detected transcript is ``official-transcript``,
    every other source has none), so the matches do not depend on a manifest.
    """
    from compare.align.backends import get_backend
    from compare.align.quotes import match_quotes

    normalised = [replace(s, kind="official-transcript" if s.id in transcripts else None) for s in sources]
    try:
        backend = get_backend(_backend_name(alignment))
        return match_quotes(event_id, normalised, backend, annotations)
    except (ImportError, CompareError):  # an optional backend (embeddings) missing here: use the lexical one
        return match_quotes(event_id, normalised, get_backend("default"), annotations)


FIDELITY_CONFIDENCE = {"verbatim": 0.95, "close": 0.85, "paraphrase": 0.7, "divergent": 0.5}
"""Confidence of a quotation edge by the best fidelity of its quotes: a verbatim quote of a transcript leaves
little doubt; a paraphrase may render the same statement from another report of it."""


def _manifest_note(source: Source, relation: str) -> list[Evidence]:
    if source.kind and source.kind == relation:
        return [Evidence(f"The manifest also declares {source.id} as '{source.kind}' (supporting evidence only; "
                         "the conclusion above comes from the text).", (), "manifest")]
    if source.kind and relation == "transcript" and source.kind == "official-transcript":
        return [Evidence(f"The manifest also declares {source.id} an official transcript (supporting evidence "
                         "only).", (), "manifest")]
    return []


def _attribution_evidence(attributions: Sequence[Attribution], what: str) -> Evidence:
    names = sorted({a.organisation for a in attributions})
    phrases = "; ".join(f"'{' '.join(a.phrase.split())}'" for a in attributions[:4])
    return Evidence(f"{attributions[0].source} names {', '.join(names)} as {what}: {phrases}.",
                    tuple(Span(a.source, a.start, a.end) for a in attributions[:4]), "attribution")


def trace_provenance(
    event_id: str,
    sources: Sequence[Source],
    annotations: Annotations | None = None,
    alignment: EventAlignment | None = None,
    artifacts: Sequence[SourceArtifacts] | Mapping[str, SourceArtifacts] = (),
    settings: ProvenanceSettings | None = None,
    everyone: Sequence[Source] = (),
) -> Provenance:
    """The provenance graph of one event's sources, with evidence in words for every call.

    ``alignment`` is the event's :class:`compare.align.EventAlignment` (computed
    here when None); ``everyone`` every source of the set (default: the event's), against which "no
    other source has" is checked; ``artifacts`` the sources' ``SourceArtifacts`` (a sequence or
    a mapping by source id; without them there are no translation or rewrite
    tells and fewer calls are made).  The rules, in order:

    1. per source: language tells -> origin language; first-person speech
       outside quotes -> transcript; attributions; date;
    2. quotation: a source whose quotes match a transcript's sentences quotes it
       (``quotes``; never of a transcript dated later);
    3. translation inside the set: two texts in different languages, each
       covering the other (``translation_min_coverage``); the direction from
       the tells (origin language), else from the hub (one text with several
       renderings in another language is their original), else from dates;
    4. reuse in one language: close links covering half the child
       (``reuse_min_coverage``); direction from dates, then containment
       asymmetry, then tells; ``copy`` above ``copy_min_chrf`` without rewrite
       tells, else ``rewrite``; never between sources that share a parent;
    5. an origin outside the set (``from`` None) for sources without a
       derivation parent: a translation (origin language from tells; machine
       when the casing tells say so), a rewrite (spinner tells, or a lead
       attribution), and ``quotes`` for organisations credited for a quote;
    6. siblings: pairs with no edge between them that share a parent, or that
       report one event (overlap >= ``sibling_min_coverage``).
    """
    settings = settings or ProvenanceSettings()
    ordered = sorted(sources, key=lambda s: s.id)
    if alignment is None:
        from compare.align import align_event

        alignment = align_event(event_id, ordered, annotations)
    by_artifacts = artifacts if isinstance(artifacts, Mapping) else {a.source_id: a for a in artifacts}
    facts = {s.id: _facts(s, annotations, by_artifacts.get(s.id), settings) for s in ordered}
    pairs = _pairs(ordered, tuple(getattr(alignment, "links", ()) or ()), settings)
    semantic_signature = _semantic(ordered, pairs, settings)
    by_id = {s.id: s for s in ordered}
    edges: list[Edge] = []
    notes: dict[str, list[Evidence]] = {s.id: list(facts[s.id].origin_evidence) for s in ordered}

    # 1. transcripts ----------------------------------------------------------------------------------
    transcripts = {sid for sid, f in facts.items() if f.transcript}
    for sid in sorted(transcripts):
        f = facts[sid]
        title = f.source.title or ""
        cue = TRANSCRIPT_TITLE.search(title)
        notes[sid].append(Evidence(
            f"{sid} is in the speaker's own words: {f.first_person:.0%} of its sentences have a first-person word "
            f"outside quotation marks and {f.quoted:.0%} of it is quoted; it reads as a transcript"
            + (f" (its title says '{cue.group()}')" if cue else "") + ".",
            (Span(sid, 0, min(len(f.source.text), f.source.sentences[0].end if f.source.sentences else 0)),),
            "transcript"))
        notes[sid].extend(_manifest_note(f.source, "transcript"))
        spoken = _spoken_language(f)
        if spoken is not None:
            f.origin, f.origin_confidence = spoken[0], 0.7
            notes[sid].append(spoken[1])
            edges.append(Edge(None, sid, "translation", 0.7, (spoken[1], *_manifest_note(f.source, "translation"))))
    translated = {sid for sid in transcripts if facts[sid].origin not in (facts[sid].source.language, "und")}

    # 2. quotation chains -----------------------------------------------------------------------------
    matches = _quote_matches(event_id, ordered, transcripts, annotations, alignment) if transcripts else ()
    quote_parents: dict[str, set[str]] = {}
    for (child, parent), group in itertools.groupby(
            sorted(matches, key=lambda m: (m.source_id, m.reference_source, m.start)),
            key=lambda m: (m.source_id, m.reference_source)):
        group = list(group)
        if child == parent or child in transcripts:
            continue
        if _before(facts, child, parent):
            notes[child].append(Evidence(
                f"{child}'s quotes resemble {parent}, but {child} is dated before it: not a quotation of it.",
                (), "dates"))
            continue
        best = max(group, key=lambda m: m.chrf)
        rank = ["divergent", "paraphrase", "close", "verbatim"]
        top = max((m.fidelity for m in group), key=rank.index)
        joins = "; {parent} gives that statement as" if parent in translated else ", which renders {parent}'s"
        evidence = [Evidence(
            f"{child} quotes {m.speaker} '{' '.join(facts[child].source.text[m.start:m.end].split())[:120]}'"
            + joins.format(parent=parent)
            + f" '{' '.join(facts[parent].source.text[m.reference_start:m.reference_end].split())[:120]}' "
            f"({m.fidelity}, chrF {m.chrf:.0f}).",
            (Span(child, m.start, m.end), Span(parent, m.reference_start, m.reference_end)), "quotation")
            for m in sorted(group, key=lambda m: -m.chrf)[:4]]
        if parent in translated:
            spoken = LANGUAGE_NAMES.get(facts[parent].origin, facts[parent].origin)
            evidence.append(Evidence(
                f"{parent} is itself a translation of the speaker's {spoken} words (see {parent}), so {child} renders "
                f"the speaker's words as {parent} does, not {parent}'s: where their wordings differ they may be two "
                f"translations of the same {spoken} sentence rather than a change to it; best match {best.fidelity} "
                f"(chrF {best.chrf:.0f}).", (), "quotation"))
        else:
            evidence.append(Evidence(
                f"{parent} is the speaker's own text (a transcript), so the quotation chain runs from {parent} to "
                f"{child}; best match {best.fidelity} (chrF {best.chrf:.0f}).", (), "quotation"))
        date = _date_evidence(facts, parent, child)
        if date:
            evidence.append(date)
        confidence = min(0.97, FIDELITY_CONFIDENCE[top] + 0.03 * (len(group) - 1))
        relation = "renders" if parent in translated else "quotes"
        edges.append(Edge(parent, child, relation, round(confidence, 2), tuple(evidence)))
        quote_parents.setdefault(child, set()).add(parent)

    # 3. translation inside the set -------------------------------------------------------------------
    derived_parent: dict[str, str] = {}
    cross = []
    for (a, b), pair in pairs.items():
        la, lb = facts[a].source.language, facts[b].source.language
        if la == lb or "und" in (la, lb):
            continue
        if (min(pair.cover_a, pair.cover_b) >= settings.translation_min_coverage
                or min(pair.semantic_a, pair.semantic_b) >= settings.semantic_min_coverage):
            cross.append(pair)
    cross = _agreeing_translations(cross, by_id, notes, pairs, settings)
    partners: dict[str, int] = {}
    for pair in cross:
        partners[pair.a] = partners.get(pair.a, 0) + 1
        partners[pair.b] = partners.get(pair.b, 0) + 1
    candidates: dict[str, list[tuple[float, str, _Pair, str]]] = {}
    undecided: dict[str, list[str]] = {}  # one text in two languages, direction unknown: neither is "an original"
    for pair in cross:
        direction = _translation_direction(pair, facts, partners)
        if direction is None:
            undetermined = Evidence(
                f"{pair.a} and {pair.b} are one text in two languages ({pair.parallel(pair.a):.0%} and "
                f"{pair.parallel(pair.b):.0%} rendered), but nothing tells which is the original: no tells, no "
                "dates, one rendering each.", _link_spans(pair.links), "overlap")
            notes[pair.a].append(undetermined)
            notes[pair.b].append(undetermined)
            undecided.setdefault(pair.a, []).append(pair.b)
            undecided.setdefault(pair.b, []).append(pair.a)
            continue
        parent, child, why = direction
        candidates.setdefault(child, []).append((pair.parallel(child), parent, pair, why))
    for child, options in candidates.items():
        cover, parent, pair, why = max(options, key=lambda o: (o[0], o[1]))
        mt, mt_evidence = _machine(facts[child], settings)
        relation = "machine-translation" if mt else "translation"
        evidence = [
            Evidence(f"{child} ({facts[child].source.language}) renders {parent} ({facts[parent].source.language}): "
                     f"{why}.", (), "translation-tell"),
            _overlap_evidence(pair, parent, child), mt_evidence,
        ]
        if pair.semantic_matches:
            evidence.insert(1, _semantic_evidence(pair, by_id, parent, child))
        date = _date_evidence(facts, parent, child)
        if date:
            evidence.append(date)
        evidence.extend(_manifest_note(facts[child].source, relation))
        confidence = round(min(0.95, 0.4 + 0.5 * cover), 2)
        edges.append(Edge(parent, child, relation, confidence, tuple(evidence)))
        derived_parent[child] = parent
        facts[child].origin = facts[parent].origin
        facts[child].origin_confidence = confidence
        notes[child].append(Evidence(f"{child} is a {relation.replace('-', ' ')} of {parent}, whose origin language is "
                                     f"{LANGUAGE_NAMES.get(facts[parent].origin, facts[parent].origin)}.", (),
                                     "translation-tell"))

    # 4. reuse in one language ------------------------------------------------------------------------
    reuse: list[tuple[float, str, str, _Pair, list[Evidence]]] = []
    for (a, b), pair in pairs.items():
        if facts[a].source.language != facts[b].source.language:
            continue
        if _share_parent(a, b, derived_parent) or (a in transcripts and b in transcripts):
            continue
        if a in quote_parents.get(b, set()) or b in quote_parents.get(a, set()):
            continue  # one quotes the other: the quotation explains the shared wording
        if max(pair.close_a, pair.close_b) < settings.reuse_min_coverage:
            continue
        direction = _reuse_direction(pair, facts, settings, by_id, pairs)
        if direction is None:
            for sid in (a, b):
                notes[sid].append(Evidence(
                    f"{a} and {b} share most of their wording ({pair.close_a:.0%} / {pair.close_b:.0%} in close "
                    "links), but neither dates nor coverage nor tells say which came first: one copies the other "
                    "or both a common source.", _link_spans(pair.close_links), "overlap"))
            continue
        parent, child, why = direction
        if child in derived_parent:
            continue
        reuse.append((pair.close(child), parent, child, pair, why))
    for cover, parent, child, pair, why in sorted(reuse, key=lambda r: (-r[0], r[1], r[2])):
        if child in derived_parent or derived_parent.get(parent) == child:
            continue
        rare, errors = _shared_details(ordered, facts, settings, parent, child, everyone)
        copy = pair.close_chrf >= settings.copy_min_chrf and not facts[child].rewrite
        relation = "copy" if copy else "rewrite"
        evidence = [_overlap_evidence(pair, parent, child), *why]
        evidence.append(Evidence(
            f"The close links average chrF {pair.close_chrf:.0f}: " + (
                "the wording is kept almost word for word." if copy else
                "the wording is changed throughout, as a rewrite changes it."), (), "overlap"))
        if facts[child].rewrite:
            evidence.append(Evidence(f"{child} has rewrite-tool tells: {_quoted_list(facts[child].rewrite)}.",
                                     _spans_of(facts[child].rewrite), "rewrite-tell"))
        evidence.extend(_detail_evidence(parent, child, rare, errors))
        evidence.extend(_manifest_note(facts[child].source, relation))
        confidence = round(min(0.95, 0.45 + 0.5 * cover + 0.05 * min(len(errors), 2)), 2)
        edges.append(Edge(parent, child, relation, confidence, tuple(evidence)))
        derived_parent[child] = parent

    # 5. origins outside the set ----------------------------------------------------------------------
    outlets = _outlets(ordered, facts)
    for sid in sorted(facts):
        f = facts[sid]
        if sid in transcripts:
            continue
        lead = [a for a in f.attributions if a.lead and not a.credit and outlets.get(a.organisation) != sid]
        credits = [a for a in f.attributions if a.credit]
        quote_level = [a for a in f.attributions if not a.lead and not a.credit and outlets.get(a.organisation) != sid]
        edge = _outside_edge(f, lead, credits, settings) if sid not in derived_parent else None
        if edge is not None:
            edges.append(edge)
            derived_parent[sid] = ""
        else:
            if credits and sid not in derived_parent:
                notes[sid].append(_attribution_evidence(
                    credits, "the agency whose copy it is (a wire credit); with no sign of translation or rewriting, "
                    "the text reads as that agency's own report"))
            quote_level = lead + quote_level  # cited, not shown to be rewritten: a citation edge
        for organisation in sorted({a.organisation for a in quote_level}):
            group = [a for a in quote_level if a.organisation == organisation]
            in_set = outlets.get(organisation)
            if in_set and _before(facts, sid, in_set):
                continue  # the credited report in the set is later: it cannot be what this one cites
            what = ("the source of what it reports (in its opening lines)" if any(a.lead for a in group)
                    else "the origin of a statement it reports")
            evidence = [_attribution_evidence(group, what)]
            if in_set:
                evidence.append(Evidence(f"{in_set} carries {organisation}'s credit: the credited report is in the "
                                         "set.", (), "attribution"))
            else:
                evidence.append(Evidence(f"No report of {organisation} is in the set: the cited original is outside "
                                         "it, and the texts cannot tell how closely it is followed.", (),
                                         "attribution"))
            edges.append(Edge(in_set, sid, "quotes", 0.6, tuple(evidence), origin=organisation))

    # 6. roles and siblings ---------------------------------------------------------------------------
    sibling_list = _siblings(ordered, facts, pairs, edges, settings, transcripts, everyone, annotations,
                             {frozenset((a, b)) for a, others in undecided.items() for b in others})
    sources_out = []
    for sid in sorted(facts):
        f = facts[sid]
        into = [e for e in edges if e.to == sid and e.relation in DERIVATIONS]
        role = "transcript" if sid in transcripts else (into[0].relation if into else (
            "undetermined" if sid in undecided else "original"))
        if into:
            edge = into[0]
            parent = edge.from_ or ("a text outside the set" + (f" ({edge.origin}'s)" if edge.origin else ""))
            notes[sid].append(Evidence(f"{sid} is a {edge.relation.replace('-', ' ')} of {parent} (confidence "
                                       f"{edge.confidence:.2f}; the edge gives the evidence).", (), "summary"))
        if not into and sid in undecided and sid not in transcripts:
            notes[sid].append(Evidence(f"{sid} and {', '.join(undecided[sid])} are one text in two languages: one is "
                                       "the other's translation, and the texts do not tell which.", (), "summary"))
        elif not into and sid not in transcripts:
            notes[sid].append(Evidence(f"Nothing in the set or in {sid}'s text points to a text it was made from: an "
                                       "original as far as the texts tell.", (), "summary"))
        if role == "original":
            notes[sid].extend(_manifest_note(f.source, "original"))
        sources_out.append(SourceProvenance(sid, f.origin, round(f.origin_confidence, 2), tuple(notes[sid]), role))
    edges.sort(key=lambda e: (e.to, e.from_ or "", e.relation, e.origin or ""))
    return Provenance(event_id, tuple(sources_out), tuple(edges), tuple(sibling_list),
                      f"{settings.signature()}|{semantic_signature}")


def _translation_direction(pair: _Pair, facts: Mapping[str, _Facts],
                           partners: Mapping[str, int]) -> tuple[str, str, str] | None:
    """(parent, child, why) for a text in two languages, or None when nothing tells."""
    a, b = pair.a, pair.b
    la, lb = facts[a].source.language, facts[b].source.language
    if facts[b].origin == la and facts[a].origin != lb:
        return a, b, f"{b}'s translation tells point to {LANGUAGE_NAMES.get(la, la)}, {a}'s language"
    if facts[a].origin == lb and facts[b].origin != la:
        return b, a, f"{a}'s translation tells point to {LANGUAGE_NAMES.get(lb, lb)}, {b}'s language"
    declared = {sid: facts[sid].source.kind in TRANSLATION_KINDS for sid in (a, b)}
    if declared[a] != declared[b]:
        child = a if declared[a] else b
        parent = b if child == a else a
        return parent, child, (f"the manifest declares {child} a {facts[child].source.kind.replace('-', ' ')} and "
                               f"{parent} not, and the texts themselves carry no tells either way")
    if partners.get(a, 0) != partners.get(b, 0):
        hub, leaf = (a, b) if partners[a] > partners[b] else (b, a)
        return hub, leaf, (f"{hub} is rendered by {partners[hub]} texts in other languages and {leaf} renders only "
                           f"{partners[leaf]}: one original with several translations, not several originals of one text")
    order = _before(facts, a, b)
    if order is not None:
        parent, child = (a, b) if order else (b, a)
        return parent, child, f"{child} is dated after {parent}"
    return None


def _reuse_direction(pair: _Pair, facts: Mapping[str, _Facts], settings: ProvenanceSettings,
                     by_id: Mapping[str, Source] | None = None,
                     pairs: Mapping[tuple[str, str], _Pair] | None = None) -> tuple[str, str, list[Evidence]] | None:
    """(parent, child, evidence) for two texts sharing wording, or None when nothing tells which came first."""
    a, b = pair.a, pair.b
    order = _before(facts, a, b)
    if order is not None:
        parent, child = (a, b) if order else (b, a)
        return parent, child, [Evidence(f"{child} is dated {facts[child].date}, after {parent} ({facts[parent].date}):"
                                        f" a report cannot copy a later one.", (), "dates")]
    if by_id is not None and pairs is not None:
        edited = _edited_side(pair, by_id, pairs)
        if edited is not None:
            return edited
    if abs(pair.close_a - pair.close_b) >= settings.asymmetry_margin:
        child, parent = (a, b) if pair.close_a > pair.close_b else (b, a)
        return parent, child, [Evidence(
            f"{pair.close(child):.0%} of {child} is close to {parent} but only {pair.close(parent):.0%} of {parent} "
            f"to {child}: {child} is contained in {parent}, as a derived text is in its source.", (), "overlap")]
    tells = {sid: len(facts[sid].rewrite) + sum(len(t) for t in facts[sid].language_tells.values()) for sid in (a, b)}
    if tells[a] != tells[b]:
        child, parent = (a, b) if tells[a] > tells[b] else (b, a)
        return parent, child, [Evidence(f"{child} has {tells[child]} rewriting or translation tells and {parent} "
                                        f"{tells[parent]}: the tells mark the derived text.", (), "rewrite-tell")]
    return None


def _pair_of(pairs: Mapping[tuple[str, str], _Pair], x: str, y: str) -> _Pair | None:
    return pairs.get((min(x, y), max(x, y)))


def _agreeing_translations(cross: Sequence[_Pair], by_id: Mapping[str, Source], notes: dict[str, list[Evidence]],
                           pairs: Mapping[tuple[str, str], _Pair], settings: ProvenanceSettings) -> list[_Pair]:
    """The cross-language pairs left once checkable details have chosen among near-copies (issue 23).

    A translation renders the numbers, dates and negations of its original.  When a text X renders Y and
    also Y', a near-copy of Y in Y's language (close wording over ``reuse_min_coverage`` of both), and its
    details agree with Y' better (fewer conflicts), X is not Y's translation, nor Y X's: the pair is left
    out, with a note naming the conflict.  Two free translations of one original are no near-copies of each
    other, so both stay.  (A German translation of an English report was attributed to the English copy that
    changed one of its figures.)"""
    conflicts = {(p.a, p.b): detail_conflicts(by_id[p.a], by_id[p.b], pair_sentences(p.a, p.b, p.links,
                                                                                        p.semantic_matches))
                 for p in cross}

    def near_copies(y: str, y2: str) -> bool:
        pair = _pair_of(pairs, y, y2)
        return pair is not None and min(pair.close_a, pair.close_b) >= settings.reuse_min_coverage

    kept = []
    for p in cross:
        found = conflicts[(p.a, p.b)]
        better = [(q, x, y) for x, y in ((p.a, p.b), (p.b, p.a)) for q in cross
                  if q is not p and x in (q.a, q.b) and near_copies(y, q.b if q.a == x else q.a)
                  and len(conflicts[(q.a, q.b)]) < len(found)] if found else []
        if not better:
            kept.append(p)
            continue
        q, x, _ = better[0]
        agrees = f", where {q.b if q.a == x else q.a} agrees with {x}"
        text = (f"{p.a} and {p.b} render one text in two languages, but their checkable details differ "
                f"({conflict_words(found, p.a, p.b)}){agrees}: neither is the other's translation.")
        spans = tuple(Span(sid, s.start, s.end) for c in found[:2]
                      for sid, idx in ((p.a, c.sentence_a), (p.b, c.sentence_b))
                      for s in by_id[sid].sentences if s.index == idx)
        for sid in (p.a, p.b):
            notes[sid].append(Evidence(text, spans, "detail"))
    return kept


def _edited_side(pair: _Pair, by_id: Mapping[str, Source],
                 pairs: Mapping[tuple[str, str], _Pair]) -> tuple[str, str, list[Evidence]] | None:
    """(parent, child, evidence) when, of two close texts, one changes a checkable detail (a number, a date, a
    negation) that every other text rendering that sentence gives as the other does: the one that differs from
    all the others is the edited copy.  None when neither or both change something."""
    a, b = pair.a, pair.b
    votes = {a: [], b: []}  # conflicts where the others side with the *other* text: this one changed it
    for lk in pair.close_links:
        i, j = (lk.sentence_a, lk.sentence_b) if lk.source_a == a else (lk.sentence_b, lk.sentence_a)
        found = detail_conflicts(by_id[a], by_id[b], [(i, j)])
        if not found:
            continue
        side_a = side_b = 0
        for c in sorted(by_id):
            if c in (a, b):
                continue
            pair_ac, pair_bc = _pair_of(pairs, a, c), _pair_of(pairs, b, c)
            for k in {k for x, k in pair_sentences(a, c, pair_ac.links, pair_ac.semantic_matches) if x == i} | \
                     {k for y, k in pair_sentences(b, c, pair_bc.links, pair_bc.semantic_matches) if y == j}:
                with_a = not detail_conflicts(by_id[a], by_id[c], [(i, k)])
                with_b = not detail_conflicts(by_id[b], by_id[c], [(j, k)])
                side_a += with_a and not with_b
                side_b += with_b and not with_a
        if side_a and not side_b:
            votes[b].append((found[0], side_a))
        elif side_b and not side_a:
            votes[a].append((found[0], side_b))
    if bool(votes[a]) == bool(votes[b]):
        return None
    child = a if votes[a] else b
    parent = b if child == a else a
    conflict, others = votes[child][0]
    if child == a:
        words = conflict_words([conflict], a, b)
    else:
        words = conflict_words([Conflict(conflict.sentence_b, conflict.sentence_a, conflict.what, conflict.value_b,
                                         conflict.value_a)], b, a)
    sentence = next((s for s in by_id[child].sentences if s.index in (conflict.sentence_a, conflict.sentence_b)), None)
    spans = (Span(child, sentence.start, sentence.end),) if sentence else ()
    return parent, child, [Evidence(
        f"{words}, and {others} other rendering(s) of that sentence agree with {parent}: {child} changed it, so "
        f"{child} is the edited text and {parent} the one it was made from.", spans, "detail")]


def _share_parent(a: str, b: str, derived: Mapping[str, str]) -> bool:
    """True when a and b are both made from one text in the set: their shared wording is explained by it."""
    return bool(derived.get(a) and derived.get(a) == derived.get(b))


def _detail_evidence(a: str, b: str, rare: Sequence[tuple[str, Span, Span]],
                     errors: Sequence[tuple[str, Span, Span]]) -> list[Evidence]:
    out = []
    if rare:
        out.append(Evidence(
            f"{a} and {b} share {len(rare)} rare word(s) no other source of the event has: "
            f"{', '.join(repr(w) for w, _, _ in rare[:6])}.",
            tuple(s for _, x, y in rare[:3] for s in (x, y)), "shared-detail"))
    if errors:
        out.append(Evidence(
            f"{a} and {b} share the same odd rendering(s): {', '.join(repr(t) for t, _, _ in errors[:4])}: shared "
            "errors are the strongest sign that one text was made from the other.",
            tuple(s for _, x, y in errors[:3] for s in (x, y)), "shared-error"))
    return out


def _outlets(sources: Sequence[Source], facts: Mapping[str, _Facts]) -> dict[str, str]:
    """Organisation -> the source of the set that is its report (a wire credit in the text, else metadata)."""
    out: dict[str, str] = {}
    for source in sources:
        for a in facts[source.id].attributions:
            if a.credit:
                out.setdefault(a.organisation, source.id)
        meta = " ".join(filter(None, (source.outlet, source.site_name, source.url)))
        for canonical, pattern in _organisation_patterns():
            if meta and pattern.search(meta):
                out.setdefault(canonical, source.id)
    return out


def _outside_edge(f: _Facts, lead: list[Attribution], credits: list[Attribution],
                  settings: ProvenanceSettings) -> Edge | None:
    """The edge from an original that is not in the set, when the text shows one, else None."""
    sid = f.id
    translated = f.origin not in (f.source.language, "und")
    spinner = len({a.detector for a in f.rewrite}) >= 2 or len(f.rewrite) >= settings.origin_min_tells
    named = lead or (credits if (translated or spinner) else [])
    if not (translated or spinner):
        return None
    evidence: list[Evidence] = []
    organisation = sorted({a.organisation for a in named})[0] if named else None
    if translated:
        mt, mt_evidence = _machine(f, settings)
        relation = "machine-translation" if mt else "translation"
        name = LANGUAGE_NAMES.get(f.origin, f.origin)
        evidence.append(Evidence(
            f"{sid} is in {LANGUAGE_NAMES.get(f.source.language, f.source.language)} but reads as translated from "
            f"{name}, and no {name} text of the set covers it: its original is not in the set.", (),
            "translation-tell"))
        evidence.extend(f.origin_evidence)
        evidence.append(mt_evidence)
        confidence = f.origin_confidence * (0.95 if mt else 0.9)
    else:
        relation = "rewrite"
        confidence = 0.5
    if spinner and not translated:
        detectors = sorted({a.detector.split(".")[2] for a in f.rewrite})
        evidence.append(Evidence(
            f"{sid} has {len(f.rewrite)} rewrite-tool tells of {len(detectors)} kinds ({', '.join(detectors)}): "
            f"{_quoted_list(f.rewrite)}; an article spinner made it from a text that is not in the set.",
            _spans_of(f.rewrite), "rewrite-tell"))
        confidence += 0.1 * min(len(detectors), 3)
        groups = one_entity_spellings(f.source)
        flagged = {a.text for a in f.romanisation}
        groups = [g for g in groups if flagged & set(g)]  # only names the romanisation detector flagged here
        if groups:
            spans = _spans_of(a for a in f.romanisation if any(a.text in g for g in groups))
            spelled = "; ".join(" and ".join(f"'{w}'" for w in g) for g in groups[:3])
            evidence.append(Evidence(
                f"{sid} also spells {'one name' if len(groups) == 1 else f'{len(groups)} names'} two ways within "
                f"its own text ({spelled}): besides the text it rewrites, part of it comes from another text.",
                spans, "rewrite-tell"))
    if named:
        what = ("the origin of the report (in its opening lines)" if lead else "the agency whose copy it is")
        evidence.append(_attribution_evidence(named, what))
        confidence += 0.15
    evidence.extend(_manifest_note(f.source, relation))
    return Edge(None, sid, relation, round(min(confidence, 0.95), 2), tuple(evidence), origin=organisation)


def _parent_share_words(a: str, b: str, parents: Sequence[str], links: Sequence[Link],
                        settings: ProvenanceSettings, by_id: Mapping[str, Source], annotations: Any) -> str:
    """The rest of a sibling sentence whose two sources share ``parents``: "what they share comes from there" only
    where the parents render at least ``sibling_parent_share`` of the statements a and b share (counted) and
    no name both give is missing from them; otherwise the counts and the names that are not there."""
    covered, total = 0, 0
    for parent in parents:
        k, n = covered_share(a, b, parent, links)
        covered, total = max(covered, k), max(total, n)
    missing = sorted(set.intersection(*(set(names_not_in(a, b, by_id[p], annotations)) for p in parents)))
    where = parents[0] if len(parents) == 1 else "those"
    if total == 0:
        return ""
    counted = f"{where} renders {covered} of the {total} statements of {a} they share"
    if covered / total >= settings.sibling_parent_share and not missing:
        return f"; {counted}, so what they share comes from there, not from each other"
    shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    names = f"; both name {shown}, which {where} never names" if missing else ""
    return f"; {counted}{names}: not all they share comes from {where}"


def _siblings(sources: Sequence[Source], facts: Mapping[str, _Facts], pairs: Mapping[tuple[str, str], _Pair],
              edges: Sequence[Edge], settings: ProvenanceSettings, transcripts: set[str],
              everyone: Sequence[Source] = (), annotations: Any = None,
              undecided: set[frozenset[str]] = frozenset()) -> list[Sibling]:
    """Pairs with no edge between them that share a parent or report one event, with the reason in words."""
    linked = {frozenset((e.from_, e.to)) for e in edges if e.from_}
    links = [lk for pair in pairs.values() for lk in pair.links]
    parents: dict[str, set[str]] = {}
    for e in edges:
        parents.setdefault(e.to, set()).add(e.from_ or f"outside:{e.origin or e.relation}")
    out = []
    for (a, b), pair in sorted(pairs.items()):
        if frozenset((a, b)) in linked or frozenset((a, b)) in undecided:
            continue  # an undecided translation pair is one text, not two reports: not siblings
        shared = sorted(p for p in parents.get(a, set()) & parents.get(b, set()) if not p.startswith("outside:"))
        overlap = max(pair.cover_a, pair.cover_b)
        if not shared and overlap < settings.sibling_min_coverage:
            continue
        evidence = []
        if shared:
            relations = {e.relation for e in edges if e.from_ in shared and e.to in (a, b)}
            verbs = sorted({SIBLING_VERBS[r] for r in relations})
            reason = f"both {' and '.join(verbs)} {', '.join(shared)}" + _parent_share_words(
                a, b, shared, links, settings, {s.id: s for s in sources}, annotations)
        else:
            reason = "two reports of one event; neither is made from the other"
        evidence.append(Evidence(
            f"{pair.cover_a:.0%} of {a} is aligned with {b} and {pair.cover_b:.0%} of {b} with {a}; in close wording "
            f"(sentence chrF >= {settings.reuse_link_chrf:g}) {pair.close_a:.0%} and {pair.close_b:.0%}, below the "
            f"{settings.reuse_min_coverage:.0%} a copy or rewrite needs.", _link_spans(pair.links, 2), "overlap"))
        oa, ob = facts[a].origin, facts[b].origin
        if oa != ob:
            evidence.append(Evidence(
                f"Their origin languages differ ({a}: {LANGUAGE_NAMES.get(oa, oa)}, {b}: {LANGUAGE_NAMES.get(ob, ob)}):"
                " each was made from a different text.", (), "translation-tell"))
        named = {sid: sorted({x.organisation for x in facts[sid].attributions if x.lead or x.credit}) for sid in (a, b)}
        if named[a] and named[b] and named[a] != named[b]:
            evidence.append(Evidence(
                f"They name different origins: {a} {', '.join(named[a])}, {b} {', '.join(named[b])}.",
                tuple(Span(x.source, x.start, x.end) for sid in (a, b) for x in facts[sid].attributions
                      if x.lead or x.credit)[:4], "attribution"))
        rare, errors = _shared_details(sources, facts, settings, a, b, everyone)
        if rare and not shared:
            evidence.append(Evidence(
                f"They share {len(rare)} rare word(s) no other source has ({', '.join(repr(w) for w, _, _ in rare[:6])}):"
                " details of the one event, with no shared wording around them.",
                tuple(s for _, x, y in rare[:2] for s in (x, y)), "shared-detail"))
        if errors:
            evidence.extend(_detail_evidence(a, b, [], errors))
        out.append(Sibling(a, b, reason, tuple(evidence)))
    return out
