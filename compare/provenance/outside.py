"""Origins outside the set: a translation (tells), a rewrite (spinner tells, a lead attribution), or a
citation of an organisation's report the set does not hold (``from`` None)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from compare.model import Source
from compare.provenance.attribution import (
    Attribution,
    _attribution_evidence,
    _outlets,
    attributed_evidence,
    credit_evidence,
    display_name,
    origin_name,
    relied_on,
)
from compare.provenance.checks import one_entity_spellings
from compare.provenance.facts import _before, _Facts, _machine, _manifest_note, _quoted_list, _spans_of
from compare.provenance.records import LANGUAGE_NAMES, Edge, Evidence, Span
from compare.settings import ProvenanceSettings


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
        # a photo caption left in the body is page residue from copying, not a tool's swap: counted apart (r46)
        n = len(f.captions)
        caption = ("" if not n else " and a photo caption left in the body" if n == 1
                   else f" and {n} photo captions left in the body")
        evidence.append(Evidence(
            f"{sid} has {len(f.rewrite)} rewrite-tool swap{'s' if len(f.rewrite) != 1 else ''} "
            f"({', '.join(detectors)}){caption}: {_quoted_list(f.rewrite)}"
            + (f"; the caption{'s' if n > 1 else ''} {_quoted_list(f.captions, 2)}" if n else "")
            + f"; they read as the work of {'a rewrite site' if n else 'a rewrite tool'} on text that is not in "
            "the set.", _spans_of(f.rewrite) + _spans_of(f.captions), "rewrite-tell"))
        confidence += 0.1 * min(len(detectors) + bool(n), 3)  # a caption left in is a sign of copying too
        groups = one_entity_spellings(f.source)
        flagged = {a.text for a in f.romanisation}
        groups = [g for g in groups if flagged & set(g)]  # only names the romanisation detector flagged here
        if groups:
            spans = _spans_of(a for a in f.romanisation if any(a.text in g for g in groups))
            shown = groups[:3]
            captioned = [caption_only(f.source.text, g, f.captions) for g in shown]
            spelled = "; ".join(" and ".join(f"'{w}'" for w in g)
                                + (f", '{c}' only in the photo caption left in the body" if c else "")
                                for g, c in zip(shown, captioned, strict=True))
            # r54 (2017): "a sign that it combines more than one text" was said where the second spelling is only in
            # the caption, which the page files as page structure; one text can carry both spellings too (000)
            why = ("" if all(captioned) else
                   ": text put together from more than one text can cause it, and so can a translation step or one "
                   "writer's slip")
            evidence.append(Evidence(
                f"{sid} also spells {'one name' if len(groups) == 1 else f'{len(groups)} names'} two ways within "
                f"its own text ({spelled}){why}.",
                spans, "rewrite-tell"))
    if named:
        what = ("the origin of the report (in its opening lines)" if lead else "the agency whose copy it is")
        # a rewrite's credit is said where it attaches, from its span (2017: the sentence "Efe news reported" ends)
        evidence.append(credit_evidence(named, f.source) if lead and not translated else
                        _attribution_evidence(named, what))
        confidence += 0.15
    evidence.extend(_manifest_note(f.source, relation))
    return Edge(None, sid, relation, round(min(confidence, 0.95), 2), tuple(evidence), origin=organisation)


def caption_only(text: str, spellings: Sequence[str], captions: Sequence[Any]) -> str:
    """The spelling of ``spellings`` that the text writes only inside flagged photo captions, else ''."""
    spans = [(a.start, a.end) for a in captions]
    for form in spellings:
        found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text)]
        if found and spans and all(any(a <= at < b for a, b in spans) for at in found):
            return form
    return ""


def _translated_from(sid: str, derived_parent: Mapping[str, str], edges: Sequence[Edge]) -> str | None:
    """The source of the set that ``sid`` is a translation of, by an edge already drawn; None otherwise."""
    parent = derived_parent.get(sid) or None
    if parent is None:
        return None
    return parent if any(e.from_ == parent and e.to == sid and e.relation in ("translation", "machine-translation")
                         for e in edges) else None


def _cited(facts: _Facts, outlets: Mapping[str, str], sid: str) -> set[str]:
    """The origins a source cites for what it reports (not a wire credit, not its own outlet)."""
    return {origin_name(a) for a in facts.attributions if not a.credit and outlets.get(a.organisation) != sid}


def outside_edges(ordered: Sequence[Source], facts: Mapping[str, _Facts], transcripts: set[str],
                  derived_parent: dict[str, str], notes: dict[str, list[Evidence]], edges: list[Edge],
                  settings: ProvenanceSettings) -> None:
    """Rule 5: edges from origins outside the set (``from`` None) and citations of organisations into ``edges``."""
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
            bodies = relied_on(f.attributions, outlets)
            if credits and sid not in derived_parent:
                notes[sid].append(_attribution_evidence(
                    credits, "the agency whose copy it is (a wire credit); with too few tells of translation to call it "
                    "one, and none of rewriting, the text reads as that agency's own report" + (", of what others said" if bodies else "")))
            if bodies and sid not in derived_parent:
                notes[sid].append(attributed_evidence(sid, bodies))
            quote_level = lead + quote_level  # cited, not shown to be rewritten: a citation edge
        parent = _translated_from(sid, derived_parent, edges)
        for origin in sorted({origin_name(a) for a in quote_level}):
            group = [a for a in quote_level if origin_name(a) == origin]
            organisation = group[0].organisation
            if parent is not None and origin in _cited(facts[parent], outlets, parent):
                # the translation renders its original's credit: the original cites the organisation, the
                # translation does not quote it (rW2 zh-en M6: "xz-a quotes AP's text" where xz-a translates xz-b's
                # "美联社报道"; every English version was "quoting" AP, with an arrow from AP to each)
                notes[sid].append(Evidence(
                    f"{sid} renders {parent}'s attribution to {display_name(organisation)}: "
                    + "; ".join(f"'{' '.join(a.phrase.split())}'" for a in group[:4])
                    + f". The credit is {parent}'s, carried over in translation; {sid} does not quote "
                    f"{display_name(organisation)} itself.", tuple(Span(a.source, a.start, a.end) for a in group[:4]),
                    "attribution"))
                continue
            in_set = outlets.get(organisation)
            if parent is not None and in_set is not None and (
                    in_set == parent or _translated_from(in_set, derived_parent, edges) == parent):
                # the credited report is sid's own original, or another translation of it: what both carry is the
                # original's credit, whatever language the original writes it in (W bench, zh-en: "w048-c quotes
                # w048-a", two English translations of one Chinese article, because w048-a's dateline reads
                # "(Xinhua)" and the original's "新华社" is read as no credit); a translation quotes nothing
                notes[sid].append(Evidence(
                    f"{sid} names {display_name(organisation)} as its source: "
                    + "; ".join(f"'{' '.join(a.phrase.split())}'" for a in group[:4])
                    + (f". {sid} and {in_set}, which carries {display_name(organisation)}'s credit, both translate "
                       f"{parent}: two translations of one text give what it gives, so {sid} is not taken to quote "
                       f"{in_set}." if in_set != parent else
                       f". {sid} translates {parent}, which carries {display_name(organisation)}'s credit: the "
                       f"credit comes with the text it translates, not from a quotation."),
                    tuple(Span(a.source, a.start, a.end) for a in group[:4]), "attribution"))
                continue
            if in_set and _before(facts, sid, in_set):
                continue  # the credited report in the set is later: it cannot be what this one cites
            what = ("the origin of a statement it reports" if not any(a.lead for a in group)
                    else f"the source of what it reports ({len(group)} times)" if len(group) >= 2
                    else "the source of what it reports (in its opening lines)")
            speaker = group[0].speaker
            evidence = [_attribution_evidence(group, what) if not speaker else Evidence(
                f"{sid} quotes {speaker} speaking in an interview with {organisation}: "
                + "; ".join(f"'{' '.join(a.phrase.split())}'" for a in group[:4])
                + f". {organisation} is where the words were said, not their origin.",
                tuple(Span(a.source, a.start, a.end) for a in group[:4]), "attribution")]
            if in_set:
                evidence.append(Evidence(f"{in_set} carries {organisation}'s credit: the credited report is in the "
                                         "set.", (), "attribution"))
            else:
                # "on this event": the set may hold the organisation's text of another event (2017's TASS cites
                # the Foreign Ministry; 001 is the Ministry's 2019 transcript), which "no report … in the set" denied
                evidence.append(Evidence(f"No report of {display_name(organisation)} on this event is in the set: the cited "
                                         "original is outside it, and the texts cannot tell how closely it is followed.", (),
                                         "attribution") if not speaker else Evidence(
                    "No report of the interview is in the set: the cited original is outside it, and the texts "
                    "cannot tell how closely it is followed.", (), "attribution"))
            edges.append(Edge(in_set, sid, "quotes", 0.6, tuple(evidence), origin=origin))
