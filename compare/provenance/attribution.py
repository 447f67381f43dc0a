"""Attribution phrases naming an origin ('according to TASS', 'Efe news reported', '/TASS/', 'the Russian
Foreign Ministry said') and which source of the set is an organisation's own report.

A report that attributes what it says to a body outside the set, in its opening lines or again and again
(TASS's 2017 preview cites the Russian Foreign Ministry's statement four times), reports that body's words:
what it says is attributed, not first-hand, and :func:`relied_on` names such bodies so that provenance does not
present the report as an independent account of the event."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from compare.model import Source
from compare.provenance.records import Evidence, Span
from compare.settings import ProvenanceSettings
from compare.structure import roles

if TYPE_CHECKING:  # for hints only: importing these here would load every stage with provenance
    from compare.provenance.facts import _Facts


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

OFFICIAL_BODY = re.compile(
    r"(?<![\w-])(?:[Tt]he\s+)?((?:[A-Z][\w’'-]*\s+){0,2}?(?:[Ff]oreign|[Dd]efen[cs]e|[Ii]nterior|[Ff]inance|[Jj]ustice|"
    r"[Ee]conomy|[Hh]ealth|[Ee]mergencies)\s+[Mm]inistry)(?![\w-])"
    r"|(?<![\w-])(Ministry\s+of\s+(?:Foreign\s+Affairs|Defen[cs]e|the\s+Interior|Finance|Justice|Health)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z]\w+(?:\s+Federation)?)?)(?![\w-])"
    r"|(?<![\w-])(?:[Tt]he\s+)?(Kremlin|White\s+House|State\s+Department|Pentagon)(?![\w-])"
)
"""Government bodies whose statements a report may be built on ('the Russian foreign ministry said'), in English:
a ministry with the adjectives before it, 'Ministry of Foreign Affairs of Japan', the Kremlin, the White House."""

MEMBER_OF = re.compile(r"\b(?:of|at|for|from)\s*$")
"""'the head of the Russian foreign Ministry said': a person of the body speaks (here Lavrov, quoted by name
elsewhere), not the body's statement, so the body is not the origin of what is reported."""

OFFICIAL_CUES = re.compile(ATTRIBUTION_CUES.pattern + r"|not(?:ed|es)|stat(?:ed|es|ement)|announc(?:ed|es)|"
                           r"added|adds|believes|press release", re.IGNORECASE)
"""A body's statement is also 'noted', 'stated', 'announced' or 'believed' by it."""


MEDIUM_BEFORE = re.compile(
    r"\b(?:(?:an?\s+)?interview(?:ed)?|remarks|spok?e|speaking|talk(?:ed|ing)?)\s+(?:with|to|by)\s+"
    r"(?:[A-Z][\w-]*(?:’s|'s)\s+)?(?:the\s+)?$")
"""'said in an interview with Japan's Jiji Press': the agency is where someone spoke, not the origin of the
words; the speaker is (``SPEAKER_BEFORE``) the person named before the reporting verb."""

SPEAKER_BEFORE = re.compile(
    r"((?:[A-Z][\w’'-]+\s+)*[A-Z][\w’'-]+)\s+(?:said|says|told|stated|noted|added|gave|was|has)\b[^.\n]*$")
"""The capitalised words just before the reporting verb ('… Minister Igor Morgulov said in an interview with')."""


@dataclass(frozen=True, slots=True)
class Attribution:
    """A news organisation credited in a source: where, the phrase, and whether it credits the whole report.

    ``speaker`` is set where the organisation is only the medium someone spoke to ('Igor Morgulov said in an
    interview with Jiji Press'): what is reported is the speaker's words, given in that interview.
    """

    source: str
    organisation: str
    start: int
    end: int
    phrase: str
    credit: bool
    lead: bool
    speaker: str = ""


INTERVIEW = "'s interview with "
"""Joins a speaker and the agency they spoke to in an origin's name ('Igor Morgulov's interview with Jiji Press')."""


def origin_name(attribution: Attribution) -> str:
    """What a citation's original is: the organisation's report, or a speaker's interview with it."""
    return f"{attribution.speaker}{INTERVIEW}{attribution.organisation}" if attribution.speaker else attribution.organisation


def origin_text(origin: str) -> str:
    """'Jiji Press' -> "Jiji Press's text"; an interview's name as it is ('Igor Morgulov's interview with …')."""
    return origin if INTERVIEW in origin else f"{display_name(origin)}'s text"


def _medium_speaker(text: str, sentence_start: int, at: int) -> str:
    """The person who spoke to the organisation named at ``at``, when the sentence says they gave it an
    interview or spoke to it ('' otherwise, and where no name is found before the reporting verb)."""
    before = text[sentence_start:at]
    if not MEDIUM_BEFORE.search(before):
        return ""
    named = SPEAKER_BEFORE.search(before)
    if named is None:
        return ""
    words = named.group(1).split()
    return " ".join(words[-2:])


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
            speaker = "" if credit else _medium_speaker(text, sentence.start if sentence else lo, m.start())
            found.append(Attribution(source.id, canonical, lo_phrase, hi_phrase, text[lo_phrase:hi_phrase],
                                     credit, m.start() < lead_end, speaker))
    found.extend(_official_bodies(source, sentences, lead_end, settings, taken))
    # a standfirst the page repeats further down is one statement: its citation is counted where the story gives it
    structure = roles(sentences) if sentences else {}
    repeats = [s for s in sentences if structure.get(s.index) == "standfirst"]
    found = [a for a in found if a.credit or not any(s.start <= a.start < s.end for s in repeats)]
    counts: dict[str, int] = {}
    for a in found:
        counts[a.organisation] = counts.get(a.organisation, 0) + 1
    found = [replace(a, lead=a.lead or counts[a.organisation] >= 2) for a in found]
    return sorted(found, key=lambda a: (a.start, a.organisation))


def _body_name(match: re.Match[str]) -> str:
    """'the Russian foreign ministry' -> 'Russian Foreign Ministry'; 'the Kremlin' -> 'Kremlin'."""
    name = " ".join(next(g for g in match.groups() if g).split())
    name = re.sub(r"^[Tt]he\s+", "", name)
    return " ".join(w if w[:1].isupper() or w in ("of", "the") else w.capitalize() for w in name.split())


def _official_bodies(source: Source, sentences: Sequence, lead_end: int, settings: ProvenanceSettings,
                     taken: list[tuple[int, int]]) -> list[Attribution]:
    """Attributions to government bodies ('According to the Russian Foreign Ministry', 'the ministry noted')."""
    text = source.text
    found = []
    for m in OFFICIAL_BODY.finditer(text):
        if any(m.start() < e and s < m.end() for s, e in taken) or MEMBER_OF.search(text[max(0, m.start() - 12):m.start()]):
            continue
        sentence = next((s for s in sentences if s.start <= m.start() < s.end), None)
        lo = max(sentence.start if sentence else 0, m.start() - settings.attribution_window)
        hi = min(sentence.end if sentence else len(text), m.end() + settings.attribution_window)
        cue = OFFICIAL_CUES.search(text, lo, hi)
        if not cue:
            continue
        taken.append((m.start(), m.end()))
        start, end = min(m.start(), cue.start()), max(m.end(), cue.end())
        found.append(Attribution(source.id, _body_name(m), start, end, text[start:end], False, m.start() < lead_end))
    return found


def relied_on(attributions: Sequence[Attribution], outlets: Mapping[str, str]) -> dict[str, list[Attribution]]:
    """Organisations outside the set that a source attributes what it reports to: named in its opening lines or
    more than once, not as a wire credit, and with no report of theirs in the set."""
    out: dict[str, list[Attribution]] = {}
    for a in attributions:
        if a.lead and not a.credit and outlets.get(a.organisation) is None:
            out.setdefault(a.organisation, []).append(a)
    return dict(sorted(out.items()))


def attributed_evidence(sid: str, bodies: Mapping[str, Sequence[Attribution]]) -> Evidence:
    """'002 credits 3 passages of what it reports to the Russian Foreign Ministry: ...; what those passages say
    is attributed, not first-hand …': the passages, not the whole report (r57: TASS's own background and framing
    stand beside the ministry's agenda)."""
    cited = [a for group in bodies.values() for a in group]
    names = " and ".join(display_name(name) for name in bodies)
    phrases = "; ".join(f"'{' '.join(a.phrase.split())}'" for a in cited[:4])
    count = len(cited)
    return Evidence(f"{sid} credits {count} passage{'s' if count != 1 else ''} to {names}: "
                    f"{phrases}; {'those passages are' if count != 1 else 'that passage is'} attributed, "
                    "not first-hand, and their source is not in the set.",
                    tuple(Span(a.source, a.start, a.end) for a in cited[:4]), "attributed")


BODY_ENDINGS = ("Ministry", "Department", "Kremlin", "House", "Pentagon")


def display_name(organisation: str) -> str:
    """'Russian Foreign Ministry' -> 'the Russian Foreign Ministry'; an agency's name ('TASS') as it is."""
    return f"the {organisation}" if organisation.endswith(BODY_ENDINGS) else organisation


def credited_part(source: Source, spans: Sequence[Span]) -> str:
    """Where a credit in a report's own words attaches: "its opening sentence" when every credit span lies in its
    first statement (page structure left out), else "one of its sentences" or "N of its sentences"; "" with no span.

    Why: a rewrite that ends its first sentence with "Efe news reported" credits EFE for that sentence, not for the
    report (issue 23, r36: "004 names EFE as the origin of the report" said more than the text does)."""
    hit = sorted({s.index for s in source.sentences for sp in spans
                  if sp.source == source.id and s.start <= sp.start < s.end})
    if not hit:
        return ""
    structure = roles(source.sentences)
    first = next((s.index for s in source.sentences if s.index not in structure), None)
    if hit == [first]:
        return "its opening sentence"
    return "one of its sentences" if len(hit) == 1 else f"{len(hit)} of its sentences"


def edge_credit_spans(evidence: Sequence[Evidence]) -> tuple[Span, ...]:
    """The spans of an edge's credit (its evidence of kind ``credit``)."""
    return tuple(sp for x in evidence if x.kind == "credit" for sp in x.spans)


def outside_rewrite_words(origin: str, part: str) -> str:
    """The one wording of a rewrite whose original is outside the set and that credits an agency, for every place
    that says it (the provenance section, the glance, the teaching answer, the set index):
    "a rewrite of reports outside the set; it credits EFE in its opening sentence" ("in", not "for": the credit
    stands in that sentence, and how much more of the report comes from EFE the set cannot tell; r48)."""
    return f"a rewrite of reports outside the set; it credits {display_name(origin)}" + (f" in {part}" if part else "")


def credit_evidence(attributions: Sequence[Attribution], source: Source) -> Evidence:
    """"004 credits EFE in its opening sentence: 'Efe news reported'.", its spans the credit's."""
    names = sorted({display_name(a.organisation) for a in attributions})
    spans = tuple(Span(a.source, a.start, a.end) for a in attributions[:4])
    part = credited_part(source, spans)
    phrases = "; ".join(f"'{' '.join(a.phrase.split())}'" for a in attributions[:4])
    return Evidence(f"{source.id} credits {', '.join(names)}{f' in {part}' if part else ''}: {phrases}.", spans,
                    "credit")


def _attribution_evidence(attributions: Sequence[Attribution], what: str) -> Evidence:
    names = sorted({display_name(a.organisation) for a in attributions})
    phrases = "; ".join(f"'{' '.join(a.phrase.split())}'" for a in attributions[:4])
    return Evidence(f"{attributions[0].source} names {', '.join(names)} as {what}: {phrases}.",
                    tuple(Span(a.source, a.start, a.end) for a in attributions[:4]), "attribution")


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
