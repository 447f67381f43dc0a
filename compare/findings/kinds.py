"""What each source is, as found and as told: one finding per source, for the first screen of its event.

``source-kind``: what provenance found a source to be (written in its own language, a transcript, translated,
machine-translated, rewritten, copied), the manifest's word for it (``Source.kind``, "" when it gives none),
whether the two agree, and one piece of the evidence the finding rests on, quoted from the source's own text.
The manifest is never the evidence: a source is called a machine translation on the page because its text reads
as one, and the manifest's word is shown beside that, marked as what the user said.

The verifier re-checks it from the run: the role is the one the provenance graph gives the source; a derived
role (translation, machine translation, rewrite, copy) rests on an edge of that relation into the source whose
own finding holds; and every quoted piece is the source's text at its offsets.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from compare.findings.base import Finding, register
from compare.model import EventResult
from compare.provenance.attribution import credited_part, edge_credit_spans, outside_rewrite_words
from compare.provenance.records import reads_tells, tell_language_names
from compare.provenance.speakers import quoted_languages

KIND = "source-kind"

TOLD_AS = {"official-transcript": "transcript", "machine-translation": "machine-translation",
           "translation": "translation", "original": "original", "rewrite": "rewrite", "copy": "copy"}
"""The manifest's kinds, read as provenance roles, so that the two can be compared."""

ROLE_WORDS = {
    "original": "written in its own language (an original)",
    "transcript": "a transcript of the speaker's own words",
    "translation": "translated",
    "machine-translation": "machine-translated",
    "rewrite": "rewritten from another text",
    "copy": "a copy of another text",
}
"""A role in a teacher's words."""

EVIDENCE_ORDER = {
    "machine-translation": ("mt-tell", "translation-tell"),
    "translation": ("translation-tell",),
    "transcript": ("transcript", "translation-tell"),
    "original": ("attributed", "attribution", "translation-tell", "summary"),
    "rewrite": ("rewrite-tell", "attribution"),
    "copy": ("overlap", "shared-rare", "attribution"),
}
"""For each role, the evidence kinds that show it best, best first: the casing a human translator would have fixed
shows a machine translation better than its calques, which a human translation has too."""

RENDERING_ROLES = ("original", "rewrite", "copy")
"""Roles whose quotations of a speaker of another language the first screen names: a translation's role already
says its words are translated, and a transcript is the speaker's own."""
PER_THOUSAND = re.compile(r" \([^()]*per 1,000 words[^()]*\)")
DERIVED = ("translation", "machine-translation", "rewrite", "copy")
QUOTES = 2
"""Pieces of text quoted for one source's evidence: enough to see the pattern, few enough for a phone screen."""
QUOTE_CHARS = 60


SHORT = 4
"""A quoted tell shorter than this ('Of', 'may') is grown by a word on each side, so it reads in its place."""


UNWIDENED = frozenset({"rewrite-tell"})
"""Evidence kinds whose spans are quoted as they stand: each span is the swapped word or phrase itself."""


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    """A short span grown by one word on each side ('Minister Of Russia'), without the punctuation at its ends."""
    if end - start >= SHORT:
        return start, end
    left = max(text.rfind(space, 0, max(0, start - 1)) for space in " \n")
    right = min((i for i in (text.find(space, min(len(text), end + 1)) for space in " \n") if i >= 0), default=-1)
    if start < 2 or text[start - 2] in ".!?\n":  # the word before ends a sentence: not this one's context
        left = start - 1
    start, end = (left + 1 if left >= 0 else 0), (right if right >= 0 else len(text))
    while end > start and text[end - 1] in ",.;:":
        end -= 1
    return start, end


def _quote(text: str, start: int, end: int) -> str:
    piece = " ".join(text[start:end].split())
    return piece if len(piece) <= QUOTE_CHARS else piece[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"


def told_words(kind: str) -> str:
    return (kind or "").replace("-", " ")


def _pick(role: str, items: list[Any]) -> Any:
    for kind in EVIDENCE_ORDER.get(role, ()):
        for evidence in items:
            if evidence.kind == kind and (evidence.spans or kind in ("transcript", "summary")):
                return evidence
    return next((e for e in items if e.kind != "manifest"), None)


def build(item: EventResult) -> list[Finding]:
    graph = item.provenance
    if graph is None:
        return []
    by_id = {s.id: s for s in item.sources}
    out = []
    for record in graph.sources:
        source = by_id.get(record.id)
        if source is None:
            continue
        role = record.role or "original"
        edge = next((e for e in graph.edges if e.to == record.id and e.relation == role), None)
        items = list(edge.evidence if edge is not None else ()) + list(record.evidence)
        chosen = _pick(role, items)
        spans = [sp for sp in (chosen.spans if chosen is not None else ()) if sp.source == record.id
                 and sp.end - sp.start <= 2 * QUOTE_CHARS]
        quoted = bool(spans)  # the claim ends where the quoted list began, whether or not a quote is kept
        if chosen is not None and chosen.kind == "overlap":
            # the shares count what is compared: a headline quoted after them read as the shared text or the copy's
            # evidence, where headlines are not compared (rG1 p13 M9: "…: “£10m fund set up to support Scottish
            # events”"); a statement of the body is quoted instead, or none
            spans = [sp for sp in spans if not _in_structure(source, sp.start)]
        # the claim: before the quoted list, or (with nothing short to quote) the sentence up to its first ';'
        claim = (chosen.text.split(": ", 1)[0] if quoted else chosen.text.split("; ", 1)[0] if chosen is not None
                 else "")
        # "000 has 21 casing tells (23.5 per 1,000 words)" -> "has 21 casing tells": the line names the source
        claim = PER_THOUSAND.sub("", claim.removeprefix(f"{record.id} "))
        listed = chosen.text.split(": ", 1)[1] if quoted and ": " in chosen.text else ""
        tail = listed.rsplit("; ", 1)[1].rstrip(".") if "; " in listed and "'" not in listed.rsplit("; ", 1)[1] else ""
        quotes: list[str] = []
        evidence_ids: list[str] = []
        taken: list[tuple[int, int]] = []
        # a rewrite tool's swap is the word itself ('USA' for 'US'): grown by a word on each side it read as a
        # garbled extract ('to USA missile', r54 2017); a casing tell ('Of') reads only in its place
        widen = chosen is not None and chosen.kind not in UNWIDENED
        for sp in spans:
            start, end = _widened(source.text, sp.start, sp.end) if widen else (sp.start, sp.end)
            words = set(source.text[start:end].casefold().split())
            if (len(quotes) == QUOTES or any(start < b and a < end for a, b in taken)
                    or any(words & set(q.casefold().split()) for q in quotes)):
                continue  # overlapping, or the same word again: a second quote should show another tell
            taken.append((start, end))
            quotes.append(_quote(source.text, start, end))
            evidence_ids.append(f"{record.id}:{start}-{end}")
        told = TOLD_AS.get(source.kind or "", "")
        agree = None if not source.kind else told == role
        origin = record.origin_language if record.origin_language not in ("und", source.language) else ""
        attributed = next((x for x in record.evidence if x.kind == "attributed"), None) if role == "original" else None
        figures = {"role": role, "told": source.kind or "", "agree": agree, "origin_language": origin,
                   "claim": claim.rstrip("."), "quotes": tuple(quotes), "tail": tail,
                   "edge": f"edge:{edge.from_ or ''}->{edge.to}:{edge.relation}" if edge is not None else "",
                   "origin": (edge.origin or edge.from_ or "") if edge is not None else "",
                   "credited": credited_part(source, edge_credit_spans(edge.evidence)) if edge is not None else "",
                   "attributed_to": _attributed_to(attributed), "citations": _citations(attributed),
                   "language": source.language or "",
                   "quoted_languages": quoted_languages(record.evidence) if role in RENDERING_ROLES else ()}
        partners = _one_text_with(record)
        if partners:  # only where there are some: the seeds' findings keep their figures as they were
            figures["one_text_with"] = partners
        out.append(Finding(KIND, (record.id,), kind_sentence(record.id, figures), figures,
                           tuple(x for x in (figures["edge"],) if x) + tuple(evidence_ids)))
    return out


def _in_structure(source: Any, offset: int) -> bool:
    """Whether the character at ``offset`` lies in a sentence of page structure (headline, standfirst, caption…)."""
    from compare.structure import roles

    structure = roles(source.sentences)
    return any(x.start <= offset < x.end and x.index in structure for x in source.sentences)


def _one_text_with(record: Any) -> tuple[str, ...]:
    """The sources provenance found to be one text in two languages with this one, direction unknown (its summary
    note, compare.provenance.trace): what "the others are copies or renderings of it" is read from."""
    from compare.provenance.trace import ONE_ARTICLE

    lead = f"{record.id} and "
    for x in record.evidence:
        if x.kind == "summary" and x.text.startswith(lead) and ONE_ARTICLE in x.text:
            return tuple(p.strip() for p in x.text[len(lead):].split(ONE_ARTICLE)[0].split(","))
    return ()


ATTRIBUTED = re.compile(r"^\S+ credits (?P<count>\d+) passages? to (?P<body>.+?): ")
"""The provenance note that a source reports what a body outside the set said (compare.provenance.attribution)."""


def _attributed_to(evidence: Any) -> str:
    found = ATTRIBUTED.match(evidence.text) if evidence is not None else None
    return found.group("body") if found else ""


def _citations(evidence: Any) -> int:
    found = ATTRIBUTED.match(evidence.text) if evidence is not None else None
    return int(found.group("count")) if found else 0


def _rendered(figures: dict[str, Any]) -> str:
    """'; its quotations render words said in Russian' for a source quoting speakers of another language."""
    languages = figures.get("quoted_languages") or ()
    return f"; its quotations render words said in {' and '.join(languages)}" if languages else ""


def role_words(figures: dict[str, Any]) -> str:
    """"machine-translated from Russian", "a transcript in English of the speaker's words, spoken in Russian"; an
    original that quotes speakers of another language is "an English report whose quotations render words said in
    Russian": "written in its own language" alone would tell a class that nothing in it is translated."""
    role, origin = figures["role"], figures["origin_language"]
    if role == "original":
        own = language_name(figures.get("language") or "")
        own = own if own else "its own language"
        rendered = _rendered(figures)
        # short: it is said twice on a phone's first screen (the reference line and what each source is)
        languages = " and ".join(figures.get("quoted_languages") or ())
        first = (f"{'an' if own[:1] in 'AEIOU' else 'a'} {own} report whose quotations render words said in "
                 f"{languages}" if rendered else f"written in {own}")
        if figures.get("attributed_to"):
            # written in its own language, yet built on what a body outside the set said: not first-hand
            # "reporting what X said" read as the whole report passing on X's text, where only its cited passages
            # do (r57 2017: TASS credits the ministry for its agenda paragraphs, and the rest is its own)
            n = figures.get("citations") or 0
            return (f"{first}, with {n} passage{'s' if n != 1 else ''} credited to {figures['attributed_to']} "
                    "(attributed, not first-hand)")
        # an original as far as the tells find: a skilled translation leaves none (issue 23, r40)
        if rendered:
            return first
        if not reads_tells(figures.get("language") or ""):
            # no tell list reads the language: "no translation tells found" would say they looked (truth27)
            return f"taken as {first} (the tell lists of translation read only {tell_language_names()} text)"
        return f"{first} (no translation tells found)"
    words = ROLE_WORDS.get(role, role.replace("-", " "))
    if role == "undetermined" and figures.get("one_text_with"):
        # not "undetermined" alone: the text is known to be one article with another in another language; only
        # which was written first is not (rP2, p02 M6)
        partners = list(figures["one_text_with"])
        return (f"one article with {' and '.join(partners)} in two languages (which was written first, the texts do "
                "not show for certain)")
    if origin and role in ("translation", "machine-translation"):
        return f"{words} from {language_name(origin)}"
    if origin and role == "transcript":
        # an English transcript of a Russian speech is the ministry's translation of his words, not his own words
        own = language_name(figures.get("language") or "")
        return (f"a transcript in {own} of the speaker's words, spoken in {language_name(origin)}" if own
                else f"{words} (spoken in {language_name(origin)})")
    if role == "rewrite" and figures["origin"] and figures.get("edge", "").startswith("edge:->"):
        # from outside the set: the text credits the agency for the sentence the credit ends; that all of it is the
        # agency's text is not shown (the provenance edge's own wording)
        return f"{outside_rewrite_words(figures['origin'], figures.get('credited', ''))}{_rendered(figures)}"
    if role == "rewrite" and figures["origin"]:
        return f"rewritten from {figures['origin']}'s text{_rendered(figures)}"
    return words + (_rendered(figures) if role in RENDERING_ROLES else "")


def told_sentence(figures: dict[str, Any]) -> str:
    """What the manifest said, marked as said, and whether the texts agree."""
    if not figures["told"]:
        return "the manifest does not say"
    told = told_words(figures["told"])
    if figures["agree"]:
        return f"the manifest says {told} (agrees)"
    return f"the manifest says {told}, but the texts read as {role_words(figures)}: they disagree"


def kind_sentence(sid: str, figures: dict[str, Any]) -> str:
    return f"{sid} reads as {role_words(figures)}; {told_sentence(figures)}."


LANGUAGES = {"ru": "Russian", "it": "Italian", "en": "English", "ja": "Japanese", "de": "German", "fr": "French",
             "es": "Spanish", "zh": "Chinese", "uk": "Ukrainian", "pt": "Portuguese", "ar": "Arabic",
             "ko": "Korean", "pl": "Polish", "nl": "Dutch", "tr": "Turkish"}


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)


def verify(finding: Finding, item: EventResult, run: object = None) -> str | None:
    from compare.findings.provenance import build as edge_findings
    from compare.findings.provenance import verify_edge

    sid = finding.subjects[0]
    graph = item.provenance
    record = next((s for s in getattr(graph, "sources", ()) or () if s.id == sid), None)
    if record is None:
        return f"provenance gives {sid} no role"
    role = finding.figures["role"]
    if (record.role or "original") != role:
        return f"provenance calls {sid} {record.role}, not {role}"
    if role in DERIVED:
        key = finding.figures["edge"]
        edge = next((f for f in edge_findings(item) if f.kind == "provenance-edge" and f.evidence[:1] == (key,)), None)
        if edge is None:
            return f"no {role} edge into {sid}"
        failed = verify_edge(edge, item, run)
        if failed:
            return f"the {role} edge into {sid} fails its check: {failed}"
    source = next(s for s in item.sources if s.id == sid)
    text = source.text
    rendered = quoted_languages(record.evidence) if role in RENDERING_ROLES else ()
    if tuple(finding.figures.get("quoted_languages") or ()) != rendered:
        return f"provenance finds {sid}'s quotations render {rendered or 'no other language'}"
    if finding.figures.get("attributed_to"):
        failed = _verify_attributed(finding.figures, source, item)
        if failed:
            return failed
    # A span is "<source id>:<start>-<end>"; an id may hold colons or begin "edge:", so the edge key is
    # told apart by equality and the offsets are read from the right.
    spans = [e for e in finding.evidence if e != finding.figures.get("edge")]
    for quoted, span in zip(finding.figures["quotes"], spans, strict=True):
        start, end = (int(x) for x in span.rsplit(":", 1)[1].split("-"))
        if _quote(text, start, end) != quoted:
            return f"{quoted!r} is not {sid}'s text at {start}-{end}"
    return None


def _verify_attributed(figures: dict[str, Any], source: Any, item: EventResult) -> str | None:
    """Re-find the citations in the source's text: as many as said, each to a body with no report in the set."""
    from compare.provenance.attribution import find_attributions

    names = {n.removeprefix("the ") for n in figures["attributed_to"].split(" and ")}
    cited = [a for a in find_attributions(source) if a.organisation in names and not a.credit]
    if len(cited) != figures["citations"] or not all(a.lead for a in cited):
        return (f"{source.id}'s text cites {figures['attributed_to']} {len(cited)} time(s), not "
                f"{figures['citations']}, or not in its opening lines or more than once")
    metadata = " ".join(filter(None, (s.outlet for s in item.sources if s.id != source.id)))
    if any(n.casefold() in metadata.casefold() for n in names):
        return f"a report of {figures['attributed_to']} is in the set"
    return None


def kind_findings(item: EventResult, run: object = None) -> list[Finding]:
    """Each source's kind finding, checked (the first screen says only the ones that hold)."""
    out = []
    for finding in build(item):
        failed = verify(finding, item, run)
        out.append(replace(finding, verified=failed is None, reason=failed or ""))
    return out


register(KIND, build, verify)
