"""Provenance statements as findings: each edge, each sibling pair, and the evidence sentences that assert
something about the whole set, with a verifier per kind that re-checks them from the run's outputs.

- ``provenance-edge``: "004 (…) is a rewrite of EFE's text …".  A translation edge inside the set fails when,
  where its parent and a copy word for word of it differ in a number, date or negation, the child agrees with
  the copy (the child is that copy's translation, not the parent's); a ``renders`` edge fails unless its parent is a transcript
  read as a translation (origin language not its own).
- ``sibling``: "000 and 003 are siblings: …".  "What they share comes from there" fails unless the parent
  renders at least ``sibling_parent_share`` of the statements they share (aligner links) and no name both
  give is missing from it; "both name N, which P never names" (and the independent reports' "they name N")
  fails unless a and b both name N and P does not, by ``names_not_in``'s rule (across languages only a person
  whose surname P's words can be searched for); "rare words no other source has" fails when a source of the
  event has one.
- ``spelled-two-ways``: "004 also spells one name two ways …" fails unless the spellings quoted are one
  name's, inside the one text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from compare.findings.base import Finding, register
from compare.model import EventResult, Source
from compare.provenance.attribution import (
    credited_part,
    edge_credit_spans,
    origin_text,
    outside_rewrite_words,
)
from compare.provenance.checks import covered_share, names_not_in, one_entity_spellings, source_words
from compare.provenance.siblings import INDEPENDENT
from compare.settings import ProvenanceSettings

RELATION_WORDS = {
    "translation": "is a translation of",
    "machine-translation": "is a machine translation of",
    "rewrite": "is a rewrite of",
    "copy": "is a copy of",
    "quotes": "quotes",
    "renders": "renders the speaker's words, as does",
}


def edge_sentence(edge, outlets: dict[str, str], sources: Mapping[str, Source] | None = None) -> str:
    """One sentence in words per edge, as the figure's caption list reads it (``sources`` by id: where a credit
    attaches is read from its span in the text)."""
    child = outlets.get(edge.to, edge.to)
    if edge.from_ is None and edge.relation == "rewrite" and edge.origin:
        # what the text shows: rewrite-tool tells and a credit to EFE for the sentence it ends; not that all of it
        # is EFE's text (2017: 004 spells a name two ways, a sign that it combines more than one text)
        return f"{child} is {outside_rewrite_words(edge.origin, edge_credit_part(edge, sources))}."
    if edge.from_ is None:
        parent = (f"{origin_text(edge.origin)}, which is not in the set" if edge.origin
                  else "a text that is not in the set")
    else:
        parent = outlets.get(edge.from_, edge.from_)
    # no "(confidence 0.95)": the edge's score is a sum of hand-set weights, which no model measured or calibrated
    return f"{child} {RELATION_WORDS.get(edge.relation, edge.relation)} {parent}{copy_caveat(edge.relation, parent, edge.from_)}."


def copy_caveat(relation: str, parent: str, parent_id: str | None) -> str:
    """", or of a text worded like p11-e that is not in the set": a copy's words show which text it matches, not
    that this very text was its source.  "p11-a is a copy of p11-e" said as fact read as misleading to fresh readers
    of four of six planted sets (rF2, rG1), where the page's own glance says a lost original worded the same cannot
    be ruled out."""
    return f", or of a text worded like {parent} that is not in the set" if relation == "copy" and parent_id else ""


def edge_credit_part(edge, sources: Mapping[str, Source] | None) -> str:
    """Where the edge's credit attaches in its child's text ("its opening sentence"), "" when it cannot be read."""
    source = (sources or {}).get(edge.to)
    return credited_part(source, edge_credit_spans(edge.evidence)) if source is not None else ""


def sibling_sentence(sibling, outlets: dict[str, str]) -> str:
    """The sibling sentence: 'a and b are siblings: …', or 'a and b both …' for two independent reports of one
    occasion (no one source text is implied where nothing shows one)."""
    link = " " if getattr(sibling, "independent", False) else " are siblings: "
    return f"{outlets.get(sibling.a, sibling.a)} and {outlets.get(sibling.b, sibling.b)}{link}{sibling.reason}."


def _outlets(item: EventResult) -> dict[str, str]:
    return {s.id: (f"{s.id} ({s.outlet})" if s.outlet else s.id) for s in item.sources}


def build(item: EventResult) -> list[Finding]:
    graph = item.provenance
    if graph is None:
        return []
    outlets = _outlets(item)
    by_id = {s.id: s for s in item.sources}
    out = []
    for e in graph.edges:
        out.append(Finding("provenance-edge", tuple(x for x in (e.from_, e.to) if x), edge_sentence(e, outlets, by_id),
                           {"relation": e.relation, "confidence": e.confidence, "origin": e.origin or "",
                            "credited": edge_credit_part(e, by_id)},
                           (f"edge:{e.from_ or ''}->{e.to}:{e.relation}",
                            *(f"{sp.source}:{sp.start}-{sp.end}" for x in e.evidence for sp in x.spans))))
        for x in e.evidence:
            if "two ways within its own text" in x.text:
                out.append(Finding("spelled-two-ways", (e.to,), x.text,
                                   {"spellings": ";".join(re.findall(r"'([^']+)'", x.text.split("(", 1)[1]))},
                                   tuple(f"{sp.source}:{sp.start}-{sp.end}" for sp in x.spans)))
    for s in graph.siblings:
        figures = {"independent": "yes"} if getattr(s, "independent", False) else {}
        out.append(Finding("sibling", (s.a, s.b), sibling_sentence(s, outlets), figures,
                           tuple(f"{sp.source}:{sp.start}-{sp.end}" for x in s.evidence for sp in x.spans)))
        for x in s.evidence:
            if "no other source has" in x.text:
                words = re.findall(r"'([^']+)'", x.text)
                out.append(Finding("sibling", (s.a, s.b), x.text, {"words": ";".join(words)},
                                   tuple(f"{sp.source}:{sp.start}-{sp.end}" for sp in x.spans)))
    return out


def _edge_of(finding: Finding, item: EventResult):
    key = finding.evidence[0]
    return next(e for e in item.provenance.edges if f"edge:{e.from_ or ''}->{e.to}:{e.relation}" == key)


def verify_edge(finding: Finding, item: EventResult, run: object = None) -> str | None:
    edge = _edge_of(finding, item)
    roles = {p.id: p for p in item.provenance.sources}
    languages = {s.id: s.language for s in item.sources}
    credited = finding.figures.get("credited")
    if credited:
        # "it credits EFE for its opening sentence": each credit span is the organisation's name in the text, and
        # the sentences it lies in are the part said
        source = next((s for s in item.sources if s.id == edge.to), None)
        spans = edge_credit_spans(edge.evidence)
        if source is None or credited_part(source, spans) != credited:
            return f"{edge.to}'s credit does not attach to {credited}"
        named = (edge.origin or "").casefold()
        if not spans or not all(named[:3] in source.text[sp.start:sp.end].casefold() for sp in spans):
            return f"{edge.to}'s credit spans do not name {edge.origin}"
    if edge.relation == "renders":
        parent = roles.get(edge.from_ or "")
        if parent is None or parent.role != "transcript" or parent.origin_language in (languages.get(parent.id), "und"):
            return f"{edge.to} 'renders the speaker's words' only where {edge.from_} is a transcript read as a translation"
    if edge.relation in ("translation", "machine-translation") and edge.from_:
        from compare.provenance.checks import mutual_best, pair_sentences, rendering_votes

        by_id = {s.id: s for s in item.sources}
        links = item.alignment.links if item.alignment else ()
        settings = ProvenanceSettings()
        close = [lk for lk in links if (lk.chrf or 0.0) >= settings.reuse_link_chrf]
        for other in by_id:
            if other in (edge.to, edge.from_) or languages[other] != languages[edge.from_]:
                continue
            copy_links = [lk for lk in close if {lk.source_a, lk.source_b} == {other, edge.from_}]
            if not copy_links or sum(lk.chrf or 0.0 for lk in copy_links) / len(copy_links) < settings.copy_min_chrf:
                continue
            # only where the parent and its copy differ does the child's agreement tell them apart (a copy that
            # dropped the sentence a translator rendered freely has fewer conflicts, and is no better a parent)
            for_parent, for_other = rendering_votes(
                by_id[edge.to], by_id[edge.from_], by_id[other], pair_sentences(edge.to, edge.from_, links),
                pair_sentences(edge.to, other, links), mutual_best(edge.from_, other, copy_links))
            if for_other > for_parent:
                return (f"{edge.to}'s checkable details agree with {other}, a copy of {edge.from_}, where the two "
                        f"differ ({for_other} sentence(s) against {for_parent})")
    return None


def verify_sibling(finding: Finding, item: EventResult, run: object = None) -> str | None:
    a, b = finding.subjects
    everyone = getattr(run, "sources", None) or item.sources
    sentence = finding.sentence
    settings = ProvenanceSettings()
    if "no other source has" in sentence:
        words = [w for w in finding.figures.get("words", "").split(";") if w]
        for source in everyone:
            if source.id in (a, b):
                continue
            found = [w for w in words if w in source_words(source)]
            if found:
                return f"{source.id} has {', '.join(repr(w) for w in found)} too"
        return None
    if INDEPENDENT in sentence:
        return _verify_independent(a, b, sentence, item, run, settings)
    if "comes from there" in sentence:
        parents = re.search(r"both [^;]*? ([^\s;]+); ", sentence)  # ids may hold hyphens: 'p13-a'
        parent = parents.group(1) if parents else ""
        by_id = {s.id: s for s in item.sources}
        if parent not in by_id:
            return f"the parent named in '{sentence[:60]}…' is not a member"
        links = item.alignment.links if item.alignment else ()
        covered, total = covered_share(a, b, parent, links)
        missing = names_not_in(a, b, by_id[parent], getattr(run, "annotations", None),
                               {s.id: s.language for s in item.sources})
        if total == 0 or covered / total < settings.sibling_parent_share:
            return f"{parent} renders {covered} of the {total} sentences of {a} linked to {b}"
        if missing:
            return f"both name {', '.join(missing)}, which {parent} never names"
    said = NEVER_NAMES.search(sentence)
    if said:
        return _absent_names(a, b, sentence, said.group(2), said.group(1), item, run)
    return None


NEVER_NAMES = re.compile(r"both name (.*?), which (\S+) never names")
"""The sibling sentence's claim of names the parent lacks ("not all they share comes from" it)."""


def _absent_names(a: str, b: str, sentence: str, where: str, shown: str, item: EventResult,
                  run: object) -> str | None:
    """Whether the names said are ones a and b both give and ``where`` (a parent's id, or "those": the parents
    the sentence lists before its first ';') never gives.  Refused across languages but for a person whose
    surname the parent's words can be searched for (``names_not_in``): "both name United States, which w004-e
    never names" was said of two English translations of a German original that writes "Vereinigten Staaten"
    (W bench, issue 23), and was never checked."""
    by_id = {s.id: s for s in item.sources}
    if where == "those":
        head = sentence.split(";")[0]
        parents = [x for x in re.findall(r"[^\s,;:()]+", head) if x in by_id and x not in (a, b)]
    else:
        parents = [where]
    if not parents or any(p not in by_id for p in parents):
        return f"the parent named in '{sentence[:60]}…' is not a member"
    languages = {s.id: s.language for s in item.sources}
    annotations = getattr(run, "annotations", None)
    named = [n for n in re.split(r", | and (?=\S)", shown) if not n.endswith(" more")]
    for parent in parents:
        missing = names_not_in(a, b, by_id[parent], annotations, languages)
        absent = [n for n in named if n not in missing]
        if absent:
            return (f"{parent} names {', '.join(absent)} too, or {a} and {b} do not both name them, or the name's "
                    f"absence from a text in another language cannot be seen")
    return None


def _verify_independent(a: str, b: str, sentence: str, item: EventResult, run: object,
                        settings: ProvenanceSettings) -> str | None:
    """"Independent reports of the same occasion" holds where no sentence pair of a and b is in close wording,
    both read as translated from two different languages, and the names said are absent from the parent."""
    links = item.alignment.links if item.alignment else ()
    close = [lk for lk in links if {lk.source_a, lk.source_b} == {a, b} and (lk.chrf or 0.0) >= settings.reuse_link_chrf]
    if close:
        return f"{len(close)} sentence pair(s) of {a} and {b} are in close wording"
    origins = {p.id: p.origin_language for p in item.provenance.sources}
    languages = {s.id: s.language for s in item.sources}
    if origins.get(a) == origins.get(b) or (origins.get(a) == languages.get(a) and origins.get(b) == languages.get(b)):
        return f"{a} and {b} do not read as translated from two different languages"
    said = re.search(r"what (\S+) does not cover \(they name (.*?), which \1 never names\)", sentence)
    if said is None or said.group(1) not in {s.id for s in item.sources} | {"those"}:
        return "the sentence names no parent and no names it does not cover"
    return _absent_names(a, b, sentence, said.group(1), said.group(2), item, run)


def verify_spelling(finding: Finding, item: EventResult, run: object = None) -> str | None:
    sid = finding.subjects[0]
    source = next(s for s in item.sources if s.id == sid)
    spellings = tuple(w for w in finding.figures.get("spellings", "").split(";") if w)
    groups = [set(g) for g in one_entity_spellings(source)]
    if not spellings or not any(set(spellings) <= g for g in groups):
        return f"{', '.join(spellings)} are not two spellings of one name in {sid}"
    return None


register("provenance-edge", build, verify_edge)
register("sibling", lambda item: [], verify_sibling)
register("spelled-two-ways", lambda item: [], verify_spelling)
