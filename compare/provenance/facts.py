"""What the rules read about each source: language tells and origin language, transcript or not, machine or
human translation, the language a transcript was spoken in, dates, and the manifest's word."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from compare.model import Source
from compare.provenance.attribution import Attribution, find_attributions
from compare.provenance.checks import page_languages
from compare.provenance.records import (
    LANGUAGE_NAMES,
    SKILLED_TRANSLATION,
    TELLS_SILENT,
    Edge,
    Evidence,
    Span,
    no_tells,
)
from compare.provenance.speakers import quoted_language_evidence
from compare.settings import ProvenanceSettings
from compare.structure import FIRST_LINE_MAX_WORDS

if TYPE_CHECKING:  # for hints only: importing these here would load every stage with provenance
    from compare.annotate import Annotations
    from compare.artifacts import SourceArtifacts


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

SPOKEN_MARKS = re.compile(
    r"^\s*(?:Question|Q|Answer|A|Вопрос|Ответ|Frage|Antwort|Réponse)\s*(?:\([^)]{0,40}\))?\s*[:：]"
    r"|\b(?:Ladies and gentlemen|Dear colleagues|Thank you for your (?:question|attention))\b"
    r"|Дамы и господа|Уважаемые коллеги|Meine (?:sehr geehrten )?Damen und Herren|Mesdames(?:,)? (?:et )?messieurs"
    r"|问[:：]|答[:：]",
    re.IGNORECASE | re.MULTILINE,
)
"""Marks of words spoken to an audience (a question-and-answer turn, an address to the room). A text in the first
person is a transcript only with such a mark, a title word (``TRANSCRIPT_TITLE``) in its title or first line, or
the manifest's word for it: a columnist's "I am a total sucker for a garden gimmick" is the writer's own prose,
and "a transcript of the speaker's own words" with its headline quoted as the proof misled a class (rH0, p16)."""

TRANSCRIPT_KINDS = ("official-transcript", "transcript")


@dataclass
class _Facts:
    """What the rules read about one source (internal)."""

    source: Source
    words: int
    date: str | None = None
    date_how: str = ""
    language_tells: dict[str, list[Any]] = field(default_factory=dict)  # language -> artifacts
    language_flags: int = 0  # calques and one-language tells flagged, whether or not a language was found
    casing: list[Any] = field(default_factory=list)
    rewrite: list[Any] = field(default_factory=list)
    captions: list[Any] = field(default_factory=list)  # photo captions left in the body: page residue, not swaps
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


def _calque_language(text: str, context: str | None = None, start: int = 0) -> str | None:
    r"""The language of the calque lexicon entry that matches ``text`` (the artifact keeps no language).

    An entry may need the words around its match (``(?<=, )precisely(?=\))``: 003's "(the northern territories for
    Japan, precisely)"), so where the source's text is given, the entry is matched there, at the artifact's place;
    matched against the bare word it found no language, and the page counted 14 Italian tells of 15.
    """
    from compare.artifacts.calques import lexicon

    entries = lexicon()
    if context is not None:
        placed = next((e for e in entries if (m := e.pattern.match(context, start)) and m.end() == start + len(text)),
                      None)
        if placed is not None:
            return placed.language
    exact = next((e for e in entries if e.pattern.fullmatch(text)), None)
    found = exact or next((e for e in entries if e.pattern.search(text)), None)
    return found.language if found else None


CAPTION = "compare.residue.caption.v1"
"""The detector of photo captions left in the body (``compare.artifacts.residue``): said beside a rewrite's swaps,
never counted among them."""

LANGUAGE_DETECTORS = {
    "compare.translit.cyrillic.v1": ("ru", 2.0),
    "compare.typography.dash_attribution.v1": ("ru", 1.0),
}
"""Detectors whose tell points to one source language, and its weight: a Japanese name spelled through Russian
Cyrillic (Polivanov) is strong (2); the dash after a quote is Russian print (1).  Calques take the language of
their lexicon entry (1 each)."""


def _language_tells(artifacts: Iterable[Any], text: str | None = None) -> dict[str, list[tuple[Any, float]]]:
    out: dict[str, list[tuple[Any, float]]] = {}
    for artifact in artifacts:
        if artifact.detector in LANGUAGE_DETECTORS:
            language, weight = LANGUAGE_DETECTORS[artifact.detector]
        elif artifact.category == "calque":
            language, weight = _calque_language(artifact.text, text, artifact.start), 1.0
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


def _spoken_cue(source: Source) -> bool:
    """Whether anything beyond first-person words says the text was spoken: the manifest's kind, a title word in
    the title or the first line, or a question-and-answer or address mark (``SPOKEN_MARKS``)."""
    if source.kind in TRANSCRIPT_KINDS:
        return True
    # the title may follow a dateline line ("30 May 2019 14:23" above MID's "…Lavrov's statement at a joint
    # news conference…"): the first few short lines are read, never a body paragraph
    heads = [line for line in (raw.strip() for raw in source.text.splitlines()) if line][:3]
    heads = [line for line in heads if len(line.split()) <= FIRST_LINE_MAX_WORDS]
    if any(TRANSCRIPT_TITLE.search(text) for text in (source.title or "", *heads)):
        return True
    return bool(SPOKEN_MARKS.search(source.text))


def _facts(source: Source, annotations: Annotations | None, artifacts: SourceArtifacts | None,
           settings: ProvenanceSettings) -> _Facts:
    from compare.annotate import stated_report_date

    words = source.words  # the sources table's count: one word count per report, so densities agree everywhere
    facts = _Facts(source, words)
    # only a date the report states orders reports ("a report cannot copy a later one"): a year inferred from a
    # weekday or the years a text mentions is no evidence of which came first (truth28)
    facts.date, _, facts.date_how = stated_report_date(source)
    found = tuple(getattr(artifacts, "artifacts", ()) or ())
    facts.language_tells = _language_tells(found, source.text)
    facts.language_flags = sum(1 for a in found if a.detector in LANGUAGE_DETECTORS or a.category == "calque")
    facts.casing = [a for a in found if a.category == "casing"]
    facts.rewrite = [a for a in found if a.category == "rewrite"]
    facts.captions = [a for a in found if a.detector == CAPTION]
    facts.romanisation = [a for a in found if a.detector == "compare.translit.romanisation.v1"]
    facts.attributions = find_attributions(source, settings)
    facts.first_person, facts.quoted = _speech_profile(source, annotations)
    facts.transcript = (facts.first_person >= settings.transcript_min_first_person
                        and facts.quoted <= settings.transcript_max_quoted and _spoken_cue(source))
    _origin(facts, settings, _quoted_spans(source, annotations))
    if not facts.transcript:  # a transcript is the speaker's own words; others render the speakers they quote
        facts.origin_evidence.extend(quoted_language_evidence(source, annotations))
    return facts


def _spans_of(items: Iterable[Any], limit: int = 6) -> tuple[Span, ...]:
    return tuple(Span(a.source_id, a.start, a.end) for a in list(items)[:limit])


def _quoted_list(items: Iterable[Any], limit: int = 5) -> str:
    """The distinct wordings of ``items``, the first ``limit`` quoted.  The count before the list is of every
    occurrence ("21 casing tells") and a form can occur several times ('foreign Minister' 3x in seed 000), so
    the rest are counted as forms and, where forms repeat, the number of forms is said: 5 quoted "and 10 more"
    read as 15 tells against the 21 (issue 23, r45)."""
    items = list(items)
    texts = list(dict.fromkeys(" ".join(a.text.split()) for a in items))
    shown = ", ".join(f"'{t}'" for t in texts[:limit])
    rest = f" and {len(texts) - limit} more form{'s' if len(texts) - limit > 1 else ''}" if len(texts) > limit else ""
    forms = f"; {len(texts)} distinct forms in all" if len(texts) < len(items) else ""
    return shown + rest + forms


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


def _inside_quotes(tells: Sequence[Any], quoted: Sequence[tuple[int, int]]) -> str:
    """', inside a quotation' where the tells sit in quoted words (2017: TASS's one Russian tell, 'security
    sphere', is in the Russian Foreign Ministry's words, which it renders), so no reader takes them for the
    outlet's own sentences."""
    inside = sum(1 for a in tells if any(start <= a.start < end for start, end in quoted))
    if not inside:
        return ""
    return ", inside a quotation" if inside == len(tells) == 1 else (
        ", all inside quotations" if inside == len(tells) else f", {inside} of them inside quotations")


def _own_count(tells: Sequence[Any], quoted: Sequence[tuple[int, int]]) -> str:
    """How many tells sit outside quotations, in words ('none'): what the tool found in the outlet's own sentences."""
    own = sum(1 for a in tells if not any(start <= a.start < end for start, end in quoted))
    return str(own) if own else "none"


def _short_of(facts: _Facts, settings: ProvenanceSettings, n: int, weight: float, share: float, name: str,
              own: bool) -> str:
    """Why the tells are too few, each comparison word read from the value it compares (issue 23, truth16: the
    sentence said "fewer than 3" whatever failed, so 4 tells of which only half point one way would read "4 ...
    fewer than 3").  Fewer tells than the count needed keeps the wording the seeds' pages have always had."""
    if n < settings.origin_min_tells:
        return f"fewer than {settings.origin_min_tells} (or below {settings.origin_min_density:g} per 1,000 words)"
    reasons = []
    if weight < settings.origin_min_tells:
        reasons.append(f"weighing {weight:g} together (some tells count for less), below the "
                       f"{settings.origin_min_tells} needed")
    density = facts.density(n)
    if density < settings.origin_min_density:
        reasons.append(f"{density:.1f} per 1,000 words, below {settings.origin_min_density:g}")
    if share < settings.origin_min_share:
        reasons.append(f"only {share:.0%} of its language tells point to {name}, below {settings.origin_min_share:.0%}")
    if own:
        reasons.append(f"{name} is its own language")
    return " and ".join(reasons) or "too few"


def _origin(facts: _Facts, settings: ProvenanceSettings, quoted: Sequence[tuple[int, int]] = ()) -> None:
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
            # the artifacts section lists every calque and spelling, some pointing to another language or none:
            # the count says what it is out of, so the two sections' numbers add up (003: 14 Italian of 15 calques)
            among = (f" of its {facts.language_flags} language tells"
                     if facts.language_flags > len(tells) else "")
            facts.origin_evidence.append(Evidence(
                f"{facts.id} carries {len(tells)} {name} tells{among} ({facts.density(len(tells)):.1f} per 1,000 words; "
                f"{share:.0%} of its language tells point to {name}): {_quoted_list(tells)}.",
                _spans_of(tells), "translation-tell"))
            return
        facts.origin_evidence.append(Evidence(
            f"{facts.id} has {len(tells)} {name} tell(s) ({_quoted_list(tells)}{_inside_quotes(tells, quoted)}): "
            f"{_short_of(facts, settings, len(tells), weights[lead], share, name, lead == own)}, which "
            f"native writing produces by chance; with {_own_count(tells, quoted)} found in its own sentences (the tell "
            f"lists do not hold every turn a translation leaves) it is taken as "
            f"written in {LANGUAGE_NAMES.get(own, own)}, which the tells cannot prove: {SKILLED_TRANSLATION}.",
            _spans_of(tells), "translation-tell"))
    facts.origin = own
    facts.origin_confidence = 0.6 if weights else 0.8
    if not weights:
        facts.origin_evidence.append(Evidence(
            no_tells(facts.id, own), (),
            "translation-tell"))


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
                f"{settings.mt_min_casing} or below {settings.mt_min_casing_density:g} per 1,000 words). "
                f"{TELLS_SILENT}")
    return mt, Evidence(text, _spans_of(facts.casing), "mt-tell")


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


def _manifest_note(source: Source, relation: str) -> list[Evidence]:
    if source.kind and source.kind == relation:
        return [Evidence(f"The manifest also declares {source.id} as '{source.kind}' (supporting evidence only; "
                         "the conclusion above comes from the text).", (), "manifest")]
    if source.kind and relation == "transcript" and source.kind == "official-transcript":
        return [Evidence(f"The manifest also declares {source.id} an official transcript (supporting evidence "
                         "only).", (), "manifest")]
    return []


def transcript_notes(facts: dict[str, _Facts], notes: dict[str, list[Evidence]],
                     edges: list[Edge]) -> tuple[set[str], set[str]]:
    """Rule 1: (transcripts, the transcripts that are themselves translations), with their notes and, for a
    transcript in English of words spoken in another language, a ``translation`` edge from outside the set."""
    transcripts = {sid for sid, f in facts.items() if f.transcript}
    for sid in sorted(transcripts):
        f = facts[sid]
        title = f.source.title or ""
        cue = TRANSCRIPT_TITLE.search(title)
        notes[sid].append(Evidence(
            f"{sid} is in the speaker's own voice: {f.first_person:.0%} of its sentences have a first-person word "
            f"outside quotation marks and {f.quoted:.0%} of it is quoted; it reads as a transcript"
            + (f" (its title says '{cue.group()}')" if cue else "") + ".",
            (Span(sid, 0, min(len(f.source.text), f.source.sentences[0].end if f.source.sentences else 0)),),
            "transcript"))
        notes[sid].extend(_manifest_note(f.source, "transcript"))
        spoken = _spoken_language(f)
        if spoken is not None:
            f.origin, f.origin_confidence = spoken[0], 0.7
            # the tell lists finding nothing is not evidence against it: a transcript's translation is known from
            # the language its speaker spoke, so "no tells of translation" would read as a contradiction
            notes[sid] = [
                replace(e, text=(f"The tell lists find no sign of translation in {sid}; that does not make it an "
                                 f"original: it renders words spoken in {LANGUAGE_NAMES.get(spoken[0], spoken[0])}."))
                if e.text == no_tells(sid, f.source.language or "und") else e
                for e in notes[sid]]
            notes[sid].append(spoken[1])
            edges.append(Edge(None, sid, "translation", 0.7, (spoken[1], *_manifest_note(f.source, "translation"))))
    translated = {sid for sid in transcripts if facts[sid].origin not in (facts[sid].source.language, "und")}
    return transcripts, translated
