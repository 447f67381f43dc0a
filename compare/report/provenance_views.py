"""Rows and page values of the provenance and framing sections, from those stages' outputs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from compare.artifacts.mt_gate import copied_from_undecided
from compare.findings.changes import CHANGE_KINDS
from compare.findings.framing import (
    background_only,
    line,
    mixed_findings,
    mixing_for,
    parts_named,
    term_findings,
    usage_list,
    usage_words,
    whole_findings,
    whole_words,
)
from compare.findings.kinds import RENDERING_ROLES, _one_text_with, language_name, role_words
from compare.findings.provenance import RELATION_WORDS, copy_caveat, edge_sentence, sibling_sentence
from compare.framing import concept_label, dispute_of
from compare.model import EventResult, RunResult
from compare.provenance.attribution import display_name, outside_rewrite_words
from compare.provenance.records import (
    CANNOT_TELL,
    DERIVATIONS,
    LANGUAGE_NAMES,
    SKILLED_TRANSLATION,
    TELLS_SILENT,
    reads_tells,
    tell_language_names,
)
from compare.provenance.siblings import INDEPENDENT
from compare.provenance.speakers import quoted_languages
from compare.provenance.trace import ONE_ARTICLE
from compare.report.event_title import page_title
from compare.report.svg import provenance_svg

SHORT_RELATION = {"machine-translation": "MT", "translation": "translated", "rewrite": "rewritten", "copy": "copied",
                  "quotes": "quoted", "renders": "renders"}
"""Arrow labels in the figure (the list under it says each edge in full)."""

ROLE_SHORT = {"machine-translation": "MT", "translation": "translated"}
"""Role names short enough for a box at a phone's width."""
def provenance_rows(item: EventResult, run: RunResult, index: Any = None) -> list[dict[str, Any]]:
    """One row per edge of the event's provenance graph (``from`` empty: an original outside the set)."""
    if item.provenance is None:
        return []
    figures = shown_figures(item)
    return [
        {"event": item.event.id, "from": edge.from_, "to": edge.to, "relation": edge.relation,
         "confidence": edge.confidence, "origin": edge.origin,
         "evidence": " ".join(mt_tell_words(e.text, e.kind, figures.get(edge.to)) for e in edge.evidence)}
        for edge in item.provenance.edges
    ]


def shown_figures(item: EventResult) -> dict[str, tuple[float | None, str]]:
    """Per source, the machine-translation figure the sources table shows ((None, "") where it shows none)."""
    from compare.report.views import _mt_figures

    return _mt_figures(item)


def mt_tell_words(text: str, kind: str, figure: tuple[float | None, str] | None) -> str:
    """A casing-and-layout evidence sentence, with what the page's one machine-translation figure says after it.

    The provenance stage runs before the ``mt`` stage and says only what its tells say (``TELLS_SILENT``).  Where
    the sources table shows a figure, the same figure is said here, from the same model, so the two sections cannot
    disagree; where it shows none, that the text cannot tell (rW1 ru-en M6, de-en M4: "the text cannot tell" beside
    a likelihood of 1.00)."""
    if kind != "mt-tell" or not text.endswith(TELLS_SILENT):
        return text
    if figure is None or figure[0] is None:
        return f"{text} {CANNOT_TELL}"
    likelihood, label = figure
    return f"{text} The machine-translation likelihood ({label}) is {likelihood:.2f}: see the sources table."


def framing_rows(item: EventResult, run: RunResult, index: Any = None) -> list[dict[str, Any]]:
    """One row per contested name or loaded term a member uses."""
    return [
        {"event": item.event.id, "source": t.source, "start": t.start, "end": t.end, "text": t.text,
         "concept": t.concept, "alternatives": list(t.alternatives), "usage": t.usage, "language": t.language,
         "voice": t.voice, "speaker": t.speaker, "citation": t.citation}
        for t in item.framing
    ]


TRANSLATING = ("translation", "machine-translation")
"""Relations whose parent is the text a report translates: a speaker's words reach that report through it."""


def _outside(edge) -> str:
    return f"outside:{edge.origin or edge.to}"


def _spelled(run: RunResult, name: str, source: str) -> str:
    """A speaker as ``source`` spells them, else by the canonical name: one speaker whom the reports spell two
    ways ('Sergei', 'Sergey') is one box, not two."""
    for entity in run.annotations.entities:
        if entity.type == "person" and (name == entity.name or any(name in v for v in entity.variants.values())):
            own = [v for v in entity.variants.get(source, ()) if len(v.split()) > 1]
            return own[0] if own else entity.name
    return name


def spoken_words(item: EventResult, run: RunResult, graph: Any, edges: Any) -> list[tuple[str, tuple[str, str], list[tuple[str, str]]]]:
    """A box per transcript whose reports 'render the speaker's words', with an arrow to each text that renders them.

    A ``renders`` edge says the child renders the same spoken words as the parent, a transcript that is itself a
    translation, not that it was made from that transcript (2019: 000 and 003 render Lavrov's Russian words through
    their own Russian and Italian originals, not MID's English text).  An arrow from the transcript to the child
    would read as "made from", so the figure draws the spoken words, not in the set, as the common source: one
    arrow "transcribed" to the transcript and one "quoted" to each rendering report (to its original, where the
    report translates one: the original is where the quotation was made).
    """
    renders: dict[str, list[str]] = {}
    for edge in edges:
        if edge.relation == "renders" and edge.from_:
            renders.setdefault(edge.from_, []).append(edge.to)
    if not renders:
        return []
    languages = {s.id: s.origin_language for s in graph.sources}
    quotes = item.alignment.quotes if item.alignment is not None else ()
    out = []
    for transcript, children in sorted(renders.items()):
        speakers = sorted({_spelled(run, q.speaker, transcript) for q in quotes
                           if q.reference_source == transcript and q.source_id in children and q.speaker})
        who = " and ".join(speakers) if speakers else "the speaker"
        spoken = LANGUAGE_NAMES.get(languages.get(transcript, ""), "")
        first = f"{who}'s words" if speakers else "the speaker's words"
        second = (f"spoken in {spoken}, " if spoken else "") + "not in the set"
        targets = [(transcript, "transcribed")] + [(child, "quoted") for child in sorted(set(children))]
        out.append((f"spoken:{transcript}", (first, second), targets))
    return out


ONE_ARTICLE_LABEL = "one article in two languages"
"""The diagram's line, with no arrow, between two texts that provenance found to be one article in two languages,
direction unknown (``compare.provenance.trace.ONE_ARTICLE``)."""


def one_article_pairs(graph: Any) -> list[tuple[str, str, list[str]]]:
    """(a, b, the note that says so) for each pair of sources that are one article in two languages, direction
    unknown: neither an edge nor a sibling pair, so the diagram left the translation standing alone, unlinked to the
    texts it is one article with (rG1 p13 M3, rF2 p10 M7, p09 M12)."""
    out: dict[frozenset[str], tuple[str, str, list[str]]] = {}
    for record in getattr(graph, "sources", ()) or ():
        if getattr(record, "role", "") != "undetermined":
            continue
        note = [x.text for x in record.evidence if x.kind == "summary" and ONE_ARTICLE in x.text]
        for other in _one_text_with(record):
            a, b = sorted((record.id, other))
            out.setdefault(frozenset((a, b)), (a, b, note))
    return sorted(out.values())


def _article_entry(a: str, b: str, outlets: Mapping[str, str], item: EventResult) -> dict[str, Any]:
    """The list's entry for one article in two languages, its evidence the pair's coverage as the scores table
    gives it (one figure per fact): "sentence by sentence" only where each renders at least
    ``VERSION_MIN_COVERAGE`` of the other, else "much of"."""
    from compare.provenance.siblings import VERSION_MIN_COVERAGE

    pair = next((p for p in (item.alignment.pairs if item.alignment is not None else ())
                 if {p.source_a, p.source_b} == {a, b}), None)
    shares = ((pair.coverage_a_in_b, pair.coverage_b_in_a) if pair is not None and pair.source_a == a else
              (pair.coverage_b_in_a, pair.coverage_a_in_b) if pair is not None else (None, None))
    whole = None not in shares and min(shares) >= VERSION_MIN_COVERAGE
    how = "one renders the other sentence by sentence" if whole else "one renders much of the other"
    evidence = [f"Of the text compared, {shares[0]:.0%} of {a} has a counterpart in {b} and {shares[1]:.0%} of {b} "
                f"in {a} (the coverage of the scores table); wording is not compared across languages."] \
        if None not in shares else []
    return {"sentence": f"{outlets.get(a, a)} and {outlets.get(b, b)} are one article in two languages: {how}; "
                        "which was written first, the texts do not show for certain.", "evidence": evidence}


def node_label(role: str, origin: str, language: str) -> str:
    """A box's second line: the text's own language, and where it comes from where that differs.

    "translated · ru" beside "original · ru" read as "a translation in Russian" of an English text (rW1 ru-en M5,
    de-en M6): "en · translated from ru"; "original · ru" and "copied · en" say the text's language as before."""
    if origin and language and origin not in (language, "und") and language != "und":
        how = "spoken in" if role == "transcript" else "from"
        return f"{language} · {role} {how} {origin}"
    return f"{role} · {origin or language}"


def provenance_context(item: EventResult, run: RunResult, tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    graph = item.provenance
    if graph is None:
        return {"provenance": None}
    outlets = {r["source"]: (f"{r['source']} ({r['outlet']})" if r["outlet"] else r["source"]) for r in tables["sources"]}
    roles = {s.id: s for s in graph.sources}
    by_id = {s.id: s for s in item.sources}
    nodes = []
    for s in item.sources:
        found = roles.get(s.id)
        role = (getattr(found, "role", "") or "report") if found else "report"
        quoting = quoted_languages(found.evidence) if found and role in RENDERING_ROLES else ()
        codes = [code for code, name in LANGUAGE_NAMES.items() if name in quoting]
        nodes.append((s.id, s.id, node_label(ROLE_SHORT.get(role, role), found.origin_language, s.language)
                      + (f", quotes {', '.join(codes)}" if codes else "") if found else role))
    outside: dict[str, tuple[str, str, str]] = {}
    lines = []
    refuted = refuted_edges(tables)
    credited = credited_parts(tables)
    drawn = [e for e in graph.edges if (e.from_ or "", e.to, e.relation) not in refuted]  # unsaid, so undrawn
    originals = {e.to: _outside(e) for e in drawn if e.from_ is None and e.relation in TRANSLATING}
    for edge in drawn:
        if edge.relation == "renders":
            continue  # drawn from the speaker's words below, never from one rendering to another
        parent = edge.from_
        if parent is None:
            parent = _outside(edge)
            outside.setdefault(parent, (parent, edge.origin or f"original of {edge.to}", "not in the set"))
        part = credited.get((edge.from_ or "", edge.to, edge.relation)) if edge.from_ is None else None
        lines.append((parent, edge.to, credit_label(part) if part else SHORT_RELATION.get(edge.relation, edge.relation)))
    for node, (first, second), targets in spoken_words(item, run, graph, drawn):
        outside.setdefault(node, (node, first, second))
        for target, label in targets:
            lines.append((node, originals.get(target, target), label))
    articles = one_article_pairs(graph)
    svg = provenance_svg(list(outside.values()) + nodes, lines,
                         f"Provenance of the reports of {page_title(item, run)[0]}",
                         undirected=[(a, b, ONE_ARTICLE_LABEL) for a, b, _ in articles])
    # a statement whose finding failed its verifier is not said here; the methods section lists it
    failed = {r["sentence"] for r in tables.get("findings", ()) if not r["verified"]}
    # one word in two spellings, and a speaker named without an introduction, said as the facts they are
    # (compare.findings.spellings, compare.findings.introduced)
    spelled: dict[str, list[str]] = {}
    for r in tables.get("findings", ()):
        if r["kind"] in ("two-spellings", "person-not-introduced") and r["verified"]:
            spelled.setdefault(r["subjects"][0], []).append(r["sentence"])
    copies = copied_from_undecided(graph)
    roots = {s.id: s for s in graph.sources}
    figures = shown_figures(item)
    # the member each source translates, where provenance found one in the set: said as such, not as a reading
    translates = {e.to: e.from_ for e in graph.edges if e.relation in TRANSLATING and e.from_}
    return {"provenance": {
        "svg": svg, "credits": any(label.startswith("credited (") for _, _, label in lines),
        "edges": [{"sentence": edge_sentence(e, outlets, by_id),
                   "evidence": [mt_tell_words(x.text, x.kind, figures.get(e.to)) for x in e.evidence
                                if x.text not in failed]}
                  for e in graph.edges if edge_sentence(e, outlets, by_id) not in failed],
        "copies": any(e.relation == "copy" and e.from_ for e in drawn),
        "articles": [_article_entry(a, b, outlets, item) for a, b, _ in articles],
        "siblings": [{"sentence": sibling_sentence(s, outlets), "independent": s.independent,
                      "evidence": [x.text for x in s.evidence if x.text not in failed]}
                     for s in graph.siblings if sibling_sentence(s, outlets) not in failed],
        "sources": [{"id": s.id, "language": s.origin_language,
                     "language_name": LANGUAGE_NAMES.get(s.origin_language, s.origin_language),
                     "reads_as": (copy_reads_as(copies[s.id], _one_text_with(roots[copies[s.id]]))
                                  if s.id in copies and copies[s.id] in roots else
                                  reads_as_words(s.origin_language, by_id[s.id].language,
                                                 _one_text_with(s) if s.role == "undetermined" else (),
                                                 translates.get(s.id, ""))),
                     "confidence": s.origin_language_confidence,
                     "evidence": [x.text for x in s.evidence] + spelled.get(s.id, [])} for s in graph.sources],
    }}


def findings_rows(item: EventResult, run: RunResult, index: Any = None) -> list[dict[str, Any]]:
    """One row per finding of the kinds registered in ``compare.findings``, verified or not."""
    from compare.findings import event_findings

    return [{"event": item.event.id, "kind": f.kind, "subjects": list(f.subjects), "sentence": f.sentence,
             "figures": f.figures, "evidence": list(f.evidence), "verified": f.verified, "reason": f.reason}
            for f in event_findings(item, run)]


def findings_context(item: EventResult, run: RunResult, tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The statements the page does not make because their verifier failed, with the reason."""
    return {"not_asserted": [r for r in tables.get("findings", ()) if not r["verified"]]}


def framing_context(item: EventResult, run: RunResult, tables: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The framing list: one line per source and term, however often the source uses it (the CSV keeps
    every use, with its offsets)."""
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    lines = []
    # a line whose every use sits in a passage about another occasion says so, as the names table does (2019:
    # 000's 'Southern Kurils' is in its paragraph about March 2017)
    background = {f"{r['source']}:{r['index']}" for r in tables.get("sentences") or () if r["background"]}
    elsewhere: dict[tuple[Any, ...], bool] = {}
    for finding in term_findings(tables):
        f = finding.figures
        key = (finding.subjects[0], f["text"], f["concept"], f["usage"], f["voice"], f["speaker"], f["naming"],
               finding.verified)
        elsewhere[key] = elsewhere.get(key, True) and bool(background & set(finding.evidence))
        if key not in seen:
            before, after = line(finding)
            seen[key] = {"source": finding.subjects[0], "text": f["text"], "language": f["language"],
                         "before": before, "after": after, "alternatives": f["alternatives"],
                         "citation": f.get("citation") or ""}
            lines.append(seen[key])
    for key, row in seen.items():
        if elsewhere[key]:
            row["after"] = " in a passage about another occasion" + row["after"]
    mixed = [{"source": m.subjects[0], "dispute": m.figures["dispute"], "usages": usage_list(m.figures)}
             for m in mixed_findings(tables) if m.verified]
    return {"framing": lines, "framing_mixed": mixed, "usual_forms": usual_forms(tables)}


def _written_key(form: str) -> str:
    """A place's form without case, spaces or hyphens ("Hongkong" and "Hong Kong" alike)."""
    return "".join(ch for ch in form.casefold() if ch.isalnum())


def usual_forms(tables: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Per source, the forms of place names it writes where the sources in another language write others: the
    gazetteer's uncontested name of the place in its language ("Peking" beside "Beijing"), or the same name run
    together ("Hongkong").  The framing section said "no place is named differently by two sources" above a names
    table showing Beijing and Peking (issue 23, planted p10 F3): these are different names, the usual ones in each
    language, not loaded ones, and the page says so.  Any other form of the place in the source's language ("Pedro
    Maria Tonha Pedalé Krankenhauses" beside "… Hospital") is listed as the name given in that language's words.  A
    contested place (naming choices) is the framing list's."""
    from compare.annotate.gazetteer import ENTRIES

    uncontested = {entry.name for entry in ENTRIES if not entry.choices}
    language = {r["source"]: r.get("language") or "" for r in tables.get("sources") or ()}
    cells: dict[tuple[str, str], dict[str, list[str]]] = {}
    for row in tables.get("names") or ():
        if row["type"] == "place" and row["spellings"] and not row["naming_choice"]:
            cells.setdefault((row["entity"], row["name"]), {})[row["source"]] = list(row["spellings"])
    # said of the sources outside the set's main language ("p10-e uses the usual German forms"), the others' forms
    # given beside them; where no language has the most sources, of every source
    counts = Counter(language.values())
    top = max(counts.values(), default=0)
    main = {lang for lang, n in counts.items() if n == top} if list(counts.values()).count(top) == 1 else set()
    forms: dict[tuple[str, bool], list[str]] = {}
    theirs: dict[str, list[str]] = {}
    for (_, name), by_source in cells.items():
        for sid, own in by_source.items():
            if language.get(sid) in main:
                continue
            other = [f for s, fs in by_source.items() if language.get(s) != language.get(sid) for f in fs]
            if not other or {f.casefold() for f in own} & {f.casefold() for f in other}:
                continue  # no other language names it, or the source writes one of its forms too ("US, USA")
            keys = {_written_key(f) for f in other}
            for form in own:
                # the gazetteer's uncontested name in the language, or the same name run together, is the usual
                # form; any other is the name given in the language's words ("… Pedalé Krankenhauses")
                usual = name in uncontested or _written_key(form) in keys
                if form not in forms.setdefault((sid, usual), []):
                    forms[(sid, usual)].append(form)
            for form in sorted(set(other)):
                if form not in theirs.setdefault(sid, []):
                    theirs[sid].append(form)
    out = []
    for sid in sorted({sid for sid, _ in forms}):
        usual, own_words = forms.get((sid, True), []), forms.get((sid, False), [])
        out.append({"source": sid, "language": LANGUAGE_NAMES.get(language.get(sid, ""), language.get(sid, "")),
                    "forms": usual, "translated": own_words, "theirs": theirs.get(sid, [])})
    return out


def refuted_edges(tables: dict[str, list[dict[str, Any]]]) -> set[tuple[str, str, str]]:
    """(from, to, relation) of each provenance edge whose finding failed its verifier: the figure, the section and
    the teaching answer leave it out (``findings.csv`` keeps it, with the reason)."""
    out = set()
    for row in tables.get("findings") or ():
        if row["kind"] != "provenance-edge" or row["verified"]:
            continue
        for evidence in row["evidence"]:
            if evidence.startswith("edge:"):
                link, _, relation = evidence.removeprefix("edge:").rpartition(":")
                parent, _, child = link.partition("->")
                out.add((parent, child, relation))
    return out


def credited_parts(tables: dict[str, list[dict[str, Any]]]) -> dict[tuple[str, str, str], str]:
    """(from, to, relation) of each verified provenance edge whose evidence is a credit to an outside source for
    part of the text, with that part as the edge finding words it ("its opening sentence")."""
    out = {}
    for row in tables.get("findings") or ():
        if row["kind"] != "provenance-edge" or not row["verified"] or not row["figures"].get("credited"):
            continue
        for evidence in row["evidence"]:
            if evidence.startswith("edge:"):
                link, _, relation = evidence.removeprefix("edge:").rpartition(":")
                parent, _, child = link.partition("->")
                out[(parent, child, relation)] = row["figures"]["credited"]
    return out


def credit_label(part: str) -> str:
    """The arrow's label for an outside text a report credits for part of its own, in the prose's words
    ("credited (opening sentence)"): not "rewritten", which would draw that text as the one the report was made
    from (r44, 2017: 004 credits EFE for its opening sentence only)."""
    return f"credited ({part.removeprefix('its ')})"


_FOLLOW_VERBS = {"copy": "copy it", "rewrite": "rewrite it", "translation": "translate it",
                 "machine-translation": "machine-translate it"}


def followed_by_all(tables: Mapping[str, Any], outlets: Mapping[str, str] | None = None) -> str | None:
    """What the edges show of the one source every other source of the set is derived from (a copy, rewrite or
    translation of it, by a verified edge) or is one text with in another language, itself made from no text in
    the set; None where no source is.

    "No source reads as an original" was said of a set whose every other text copies or renders one (issue 23,
    planted sets: p01-d, which two copies follow and a German version renders line for line).  What the edges show
    is that the others follow it; whether it is the outlet's own first text, the set cannot tell, and which way an
    undecided translation went is not said."""
    outlets = outlets or {}
    refuted = refuted_edges(tables)
    edges = [r for r in tables.get("provenance") or [] if r["from"] and r["relation"] in DERIVATIONS
             and (r["from"], r["to"], r["relation"]) not in refuted]
    kinds = {r["subjects"][0]: r["figures"] for r in tables.get("findings") or ()
             if r["kind"] == "source-kind" and r["verified"]}
    every = {r["source"] for r in tables["sources"]}
    if len(every) < 3 or set(kinds) != every:
        return None
    for x in sorted(every):
        if any(r["to"] == x for r in edges):
            continue
        one_text = set(kinds[x].get("one_text_with") or ())
        by_relation: dict[str, list[str]] = {}
        for r in edges:
            if r["from"] == x and r["to"] not in one_text:
                by_relation.setdefault(r["relation"], []).append(r["to"])
        followers = {y for ys in by_relation.values() for y in ys} | one_text
        # a source one text with x in two languages must have x as its only such partner, and some source must
        # be made from x by an edge: a pair of undecided texts alone says nothing of which the others follow
        # (a partner that is itself a copy of x is no other text: the translation renders x's article either way,
        # and which of two near-copies it renders the details may not tell: planted set p06)
        made = {r["to"] for r in edges if r["from"] == x and r["relation"] in ("copy", "rewrite")}
        if (followers < every - {x} or not followers >= every - {x} or not by_relation
                or any(set(kinds[y].get("one_text_with") or ()) - {x} - made for y in one_text)):
            continue
        name = outlets.get(x, x)
        base = shared_base(tables, x, by_relation, one_text, outlets)
        if base:
            return base
        parts = [f"{_and(sorted(outlets.get(y, y) for y in ys))} {_FOLLOW_VERBS.get(rel, rel)}"
                 for rel, ys in sorted(by_relation.items())]
        if one_text:
            ys = sorted(outlets.get(y, y) for y in one_text)
            parts.append(f"{_and(ys)} {'is' if len(ys) == 1 else 'are'} one text with it in another language "
                         "(which was translated from which, the texts do not tell)")
        return f"The others follow {name}: {_and(parts)}; whether {name} is itself an original, the set cannot tell"
    return None


def shared_base(tables: Mapping[str, Any], x: str, by_relation: Mapping[str, Sequence[str]], one_text: set[str],
                outlets: Mapping[str, str]) -> str | None:
    """The star said as what it shows: where every text made from x in its own language is a copy that changes or
    leaves out or moves something of x by a verified finding (``compare.findings.changes``), each its own, x is the
    text they each differ from: the base they share.  None where a copy shows no change of its own.

    Why: "The others follow p01-d: p01-a and p01-c copy it" and "No source reads as an original" (rP2: p01 M1, p02
    M5) said who copied whom, or nothing, where the texts show a star: each copy differs from one text in its own
    respect and agrees with it elsewhere.  That is evidence for a shared base, not for which copy was made from
    which text, nor for an original: the base may itself be a copy of a lost common original."""
    copies = sorted(by_relation.get("copy") or ())
    if len(copies) < 2 or set(by_relation) - {"copy"}:
        return None  # one copy is no star; a rewrite changes wording throughout: no one respect to name
    respects: dict[str, set[str]] = {y: set() for y in copies}
    for r in tables.get("findings") or ():
        f = r["figures"]
        if r["kind"] in CHANGE_KINDS and r["verified"] and f.get("parent") == x \
                and f.get("changed") in respects:
            respects[f["changed"]].add(r["sentence"])
    if not all(respects.values()):
        return None
    # each copy's own change: two copies sharing one change would be a copy of each other's, not of the base
    said = [frozenset(v) for v in respects.values()]
    if len(set(said)) != len(said):
        return None
    name = outlets.get(x, x)
    one = all(len(v) == 1 for v in said)
    how = "in one respect" if one else "in changes of their own"
    languages = {r["source"]: r.get("language") or "" for r in tables["sources"]}
    named = _and([outlets.get(y, y) for y in copies])
    parts = [f"{name} is the text the copies {named} each differ from {how} (the base they share)"]
    for y in sorted(one_text):
        language = language_name(languages.get(y, ""))
        parts.append(f"{outlets.get(y, y)} is a version of the same article in {language or 'another language'} (a "
                     "translation one way or the other: which was written first, the texts do not show for certain)")
    return ("; ".join(parts) + f"; the texts "
            f"cannot show whether {name} was itself first published, or copied from a lost common original")


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def provenance_question(tables: dict[str, list[dict[str, Any]]]) -> dict[str, str] | None:
    """"Is any source an original, and which were made from another text?", answered from the graph's edges that passed their check."""
    refuted = refuted_edges(tables)
    rows = [r for r in tables.get("provenance") or [] if (r["from"] or "", r["to"], r["relation"]) not in refuted]
    if not rows:
        return None
    outlets = {r["source"]: r["outlet"] or r["source"] for r in tables["sources"]}
    answers = []
    # a rewrite of reports outside the set that credits an agency is said in the edge finding's own wording
    credited = {r["subjects"][0]: r["figures"].get("credited", "") for r in tables.get("findings") or ()
                if r["kind"] == "provenance-edge" and r["verified"] and len(r["subjects"]) == 1}
    for row in rows:
        if not row["from"] and row["relation"] == "rewrite" and row["origin"]:
            answers.append(f"{outlets.get(row['to'], row['to'])} is "
                           f"{outside_rewrite_words(row['origin'], credited.get(row['to'], ''))}")
            continue
        parent = outlets.get(row["from"], row["from"]) if row["from"] else (
            f"{display_name(row['origin'])} (not in the set)" if row["origin"] else "a text not in the set")
        answers.append(f"{outlets.get(row['to'], row['to'])} {RELATION_WORDS.get(row['relation'], row['relation'])} "
                       f"{parent}{copy_caveat(row['relation'], parent, row['from'])}")
    # two reports the page says are independent of each other are said so here too: the question asks which were
    # made from another text, and "renders the speaker's words, as does 001" twice may read as one shared text (r46)
    answers += [f"{outlets.get(r['subjects'][0], r['subjects'][0])} and {outlets.get(r['subjects'][1], r['subjects'][1])}"
                f" share no close wording: {INDEPENDENT}" for r in tables.get("findings") or ()
                if r["kind"] == "sibling" and r["verified"] and r["figures"].get("independent")]
    # the question no longer presumes an original in the set (2019: all three are translations); the answer
    # says which source reads as one, from the verified source-kind findings the first screen shows
    kinds = [r for r in tables.get("findings") or () if r["kind"] == "source-kind" and r["verified"]]
    # what the tool knows, not what the text is: a skilled translation leaves no tell (r40, 2017: TASS)
    originals = [f"Nothing the tool found marks {outlets.get(r['subjects'][0], r['subjects'][0])} as made from "
                 f"another text ({_few_tells(r['figures'].get('language') or '')}, and {SKILLED_TRANSLATION}): "
                 f"{role_words(r['figures']).removesuffix(' (an original)')}"
                 for r in kinds if r["figures"]["role"] == "original"]
    followed = None if originals else followed_by_all(tables, outlets)
    opening = ("; ".join(originals) if originals else followed or "No source reads as an original") + ". "
    return {
        "question": "Is any source an original, and which were made from another text? What tells you?",
        "answer": opening + "; ".join(answers) + ". The evidence for each is under “Who took what from whom”.",
    }


def _few_tells(language: str) -> str:
    """Why nothing marks a source as translated: too few tells, or no tell list that reads its language (truth27)."""
    if reads_tells(language):
        return "too few translation tells found in its own sentences"
    return f"the tell lists of translation read only {tell_language_names()} text"


def copy_reads_as(base: str, one_text: Sequence[str]) -> str:
    """A copy of a text whose first language is open: its own is as open (``mt_gate.copied_from_undecided``), not
    "taken as first written in English" (rH1 p15/p16 M2)."""
    with_ = f" with {_and(list(one_text))}" if one_text else ""
    return (f"a copy of {base}, which is one article{with_} in two languages; which was written first, the texts do "
            "not show for certain")


def reads_as_words(origin: str, language: str, one_text: Sequence[str] = (), translates: str = "") -> str:
    """What the tool knows of the language a source was first written in: a translated source's tells point to a
    language; a source whose tells are too few is only *taken* as written in its own language (issue 23, r40: TASS's
    own sentences carry Russian-style turns that no tell lists, and "reads as first written in English" told a class
    the opposite of what it finds)."""
    name = LANGUAGE_NAMES.get(origin, origin)
    own = LANGUAGE_NAMES.get(language, language)
    article = "an" if own[:1] in "AEIOU" else "a"
    if one_text:
        # a text in another language renders it sentence by sentence: "taken as first written in German" told a class
        # the German might be the original, with the English article it renders beside it (rP2: p02 M6, p03 M1)
        return (f"one article with {_and(list(one_text))} in two languages; which was written first, the texts do "
                "not show for certain")
    if origin != language and translates:
        # found to translate a member: its own language first ("reads as first written in German", said of an
        # English text, read as "wg-b is in German": rW1 de-en M5)
        return f"{article} {own} text translated from {name}"
    if origin != language:
        return f"{article} {own} text that reads as translated from {name}"
    if not reads_tells(language):
        # no tell list reads the language: "too few found" would say they looked (truth27)
        return f"taken as first written in {name} (the tell lists of translation read only {tell_language_names()} text)"
    return f"taken as first written in {name} (too few translation tells found in its own sentences to say otherwise)"


def concept_name(tables: dict[str, Any], concept: str, short: bool = False) -> str:
    """The names table's name for a contested place ('Southern Kuril Islands'), else the lexicon's key in words:
    the key ('southern-kurils') is a label of compare's, and 'Southern Kurils' read as a word some source wrote."""
    label = concept_label(concept)
    if label:  # a contested concept: in no side's usage alone (issue 23, r40); short: its neutral head alone
        return label.split(" (")[0] if short else label
    texts = {f.figures["text"] for f in term_findings(tables) if f.figures["concept"] == concept}
    names = sorted(r["name"] for r in tables.get("names") or () if set(r.get("naming_choice") or ()) & texts)
    return names[0] if names else concept.replace("-", " ")


def framing_question(tables: dict[str, list[dict[str, Any]]]) -> dict[str, str] | None:
    """"Which name does each source use for X, and whose usage is it?", for the concept named most ways."""
    by_concept: dict[str, dict[str, dict[str, str]]] = {}
    # a name in a passage about another occasion is said so, as in the names table (2019: 000's 'Southern Kurils'
    # is in its paragraph about March 2017, not its report of the event)
    background = {f"{r['source']}:{r['index']}" for r in tables.get("sentences") or () if r["background"]}
    for finding in term_findings(tables):
        f = finding.figures
        said = usage_words(finding) + (" in a passage about another occasion"
                                       if background & set(finding.evidence) else "")
        by_concept.setdefault(f["concept"], {}).setdefault(finding.subjects[0], {})[said] = f["usage"]
    contested = [(len({u for uses in sources.values() for u in uses.values()}), len(sources), concept)
                 for concept, sources in by_concept.items() if len(sources) > 1]
    if not contested:
        return None
    _, _, concept = max(contested)
    outlets = {r["source"]: r["outlet"] or r["source"] for r in tables["sources"]}
    # only a source whose own names for this concept follow two usages mixes them: a name of one of its parts
    # ('Etorofu', one island of the Kuril group) is said apart (issue 23, r36)
    mixers = mixing_for(tables, concept)
    mixed = {m.subjects[0]: m for m in mixed_findings(tables)
             if m.verified and m.figures["dispute"] == dispute_of(concept) and m.subjects[0] in mixers}
    # a mixed usage's word that sits only in passages about another occasion says so there too (2017: 004's
    # 'Etorofu' and 'Kunashiri' are in its sentence about November 2016)
    elsewhere = background_only(tables)
    parts = parts_named(tables, concept, elsewhere)

    def mix(sid: str) -> str:
        return " and ".join(
            f"{usage} " + ", ".join(f"‘{t}’" + (" (in a passage about another occasion)"
                                              if (sid, t) in elsewhere else "") for t in terms)
            for usage, terms in mixed[sid].figures["usages"].items())

    # the whole chain a source names in its own words, said as the chain's name (issue 23, r42: 000's "Kuril
    # Islands", twice in its lead, was missing from the key)
    wholes = {m.subjects[0]: whole_words(m, elsewhere) for m in whole_findings(tables, concept) if m.verified}
    named = {**{sid: {} for sid in wholes}, **by_concept[concept]}
    listing = "; ".join(
        f"{outlets.get(sid, sid)}: " + ", ".join(sorted(uses))
        + (f", and its own words mix usages: {mix(sid)}" if sid in mixed else "")
        + (f", and it names {parts[sid]}" if sid in parts else "")
        + ((", and " if uses else "") + f"{wholes[sid]}" if sid in wholes else "")
        for sid, uses in sorted(named.items())
    )
    return {
        "question": f"Which name does each source use for the {concept_name(tables, concept)}, and whose usage is it?",
        "answer": f"{listing}. A name is a choice, not an error; see “Names each source chose”.",
    }
