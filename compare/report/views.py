"""From pipeline results to what a report shows: table rows and page contexts.

The CSV tables, summary.json and the HTML pages are all drawn from the rows
built here, so the page and the tables can never disagree about a number.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from compare.align.features import lemma
from compare.align.labels import CUE_CLASSES
from compare.align.quotes import credited_in_text
from compare.align.row_cues import row_cue_tags
from compare.artifacts import FAMILIES
from compare.artifacts.transliteration import romanisation_key
from compare.findings.cells import STANCE_TAG, cell_words, label_meanings, said_view, verified_cell
from compare.findings.changes import change_question, change_rows
from compare.findings.cuts import MIN_KEEPERS, cut_rows, keepers, only_cut_words
from compare.findings.framing import term_findings, usage_words
from compare.findings.partial import MAX_SHARED as PARTIAL_MAX_SHARED
from compare.findings.partial import TITLES as PARTIAL_TITLES
from compare.findings.partial import shared_and_own, shared_words
from compare.findings.preview import ROW_NOTE, previews, reports_outcome
from compare.findings.quotes import (
    UNMATCHED,
    change_rank,
    changes_substance,
    established_absent,
    not_found,
    not_found_words,
    rendering,
    same_statement,
    sentence_versions,
    swaps,
    verify_not_found,
    verify_rendering,
)
from compare.findings.repeats import repeated
from compare.findings.stance import brief_rows, stance_brief
from compare.findings.translation_details import (
    CROSS_LANGUAGE_LEGEND,
    CROSS_LANGUAGE_NOTE,
    rendered_in_another_language,
    row_notes,
)
from compare.findings.unspun import unspun_pointers
from compare.framing import concept_label, is_contested_label, load_lexicon, takes_in
from compare.model import CJK_CHARACTER, EventResult, Link, RunResult, SaidByAnother, Source
from compare.provenance.records import LANGUAGE_NAMES
from compare.provenance.speakers import quoted_speakers
from compare.report.common_names import any_case_spellings, written_forms
from compare.report.cut_sentences import cut_from_passage
from compare.report.event_title import date_words, in_compound, label_start, page_title, page_title_basis
from compare.report.glance import glance
from compare.report.plain import (
    TRANSLATION_RELATIONS,
    TRANSLATIONS_NOTE,
    chrf_said,
    pair_chrf,
    pair_sentences,
    same_language,
    translated,
)
from compare.report.provenance_views import (
    findings_rows,
    framing_question,
    framing_rows,
    provenance_question,
    provenance_rows,
)
from compare.report.row_figures import (
    ALIKE,
    MIN_SPREAD,
    content_note,
    content_split,
    pair_content_rows,
    row_texts,
    sentence_languages,
)
from compare.report.sections import NO_NAME, SECTIONS, UNIDENTIFIED_SPEAKER, UNNAMED_SPEAKER, table_names
from compare.report.svg import matrix_svg
from compare.run_signatures import run_signatures
from compare.score import chrf
from compare.structure import roles as structure_roles


def artifact_scope(languages: dict[str, str]) -> dict[str, str]:
    """Source id -> what "No artifact flagged" covers where most detectors skip the source's language: "; of the
    checks, only those for page residue that survived cleaning read German text" (truth27: readers of p10, p12
    and p13 took "No artifact flagged" of a German translation for "no sign of translation"; every translation
    tell reads English only).  Empty where every detector reads the language (the seeds)."""
    from compare.artifacts import REGISTRY
    from compare.artifacts.families import FAMILY_NAMES, FAMILY_TITLES
    from compare.provenance.records import LANGUAGE_NAMES

    out: dict[str, str] = {}
    for sid, language in languages.items():
        read = [d for d in REGISTRY.values() if d.handles(language)]
        if language in ("", "und") or len(read) == len(REGISTRY):
            out[sid] = ""
            continue
        name = LANGUAGE_NAMES.get(language, language)
        families = sorted({d.family for d in read}, key=FAMILY_NAMES.index)
        titles = [FAMILY_TITLES[f][:1].lower() + FAMILY_TITLES[f][1:] for f in families]
        out[sid] = (f"; of the checks, only those for {' and '.join(titles)} read {name} text" if titles
                    else f"; no check reads {name} text")
    return out


def family_titles() -> dict[str, str]:
    """Family name -> human title, whatever shape the registry exports."""
    if isinstance(FAMILIES, dict):
        return {str(k): str(v) for k, v in FAMILIES.items()}
    titles: dict[str, str] = {}
    for item in FAMILIES:
        if isinstance(item, (tuple, list)):
            titles[str(item[0])] = str(item[1])
        else:
            titles[str(getattr(item, "name", item))] = str(getattr(item, "title", item))
    return titles


# -- table rows ---------------------------------------------------------------


def _mt_figures(item: EventResult) -> dict[str, tuple[float | None, str]]:
    """Per source, (MT likelihood, which model produced it): the ``mt`` stage's figure, the one figure per
    source (``compare.artifacts.mt_gate`` decides whether it is a number).  The artifacts stage's raw
    text-only score is never shown: it is uncalibrated, and its model is not measured for most sources."""
    from compare.findings import mt as mt_findings

    shown = {}
    for figure, finding in zip(item.mt, mt_findings.build(item), strict=True):
        # a number whose finding fails its check (compare.findings.mt.verify) is not said: no figure in the table
        refuted = figure.likelihood is not None and mt_findings.verify(finding, item) is not None
        shown[figure.source_id] = ((None, "") if refuted or figure.likelihood is None
                                   else (figure.likelihood, figure.label))
    return shown


def _report_date(source: Source) -> tuple[str | None, str, str]:
    """The date a report states (publication date, else a full date in its lead), how (``DATE_BASES``), in words:
    never a year inferred from a weekday or the years the text mentions (``stated_report_date``)."""
    from compare.annotate import stated_report_date

    date, basis, how = stated_report_date(source)
    return date, basis, how


def translators_note(original: str, renderings: Sequence[dict[str, Any]], languages: dict[str, str],
                     labels: dict[str, str]) -> str:
    """How the translations of an original's quotation differ from one another, in their own language, said as
    the translators' choices.

    Why: read against one German translation, another's independent translation of the English original's words
    was a "paraphrase" whose difference "may be the translators' as much as the outlet's" (review rW2, en-de M2).
    Against the original each is a ``translation``, whose words are not compared across languages; between two
    translations into one language the words can be, and where they differ it is each translator's choice (chrF of
    the two quotations, the mean of its two directions)."""
    by_language: dict[str, list[dict[str, Any]]] = {}
    for q in renderings:
        by_language.setdefault(languages.get(q["source"], ""), []).append(q)
    said = []
    for language, group in sorted(by_language.items()):
        if len(group) < 2:
            continue
        pairs = []
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                score = (chrf(a["text"], b["text"]) + chrf(b["text"], a["text"])) / 2
                pairs.append((round(score), labels.get(a["source"], a["source"]), labels.get(b["source"], b["source"])))
        names = [labels.get(q["source"], q["source"]) for q in group]
        who = ", ".join(names[:-1]) + f" and {names[-1]}"
        low, high = min(pairs), max(pairs)
        spread = (f"their wording differs most between {low[1]} and {low[2]} (chrF {low[0]}) and least between "
                  f"{high[1]} and {high[2]} (chrF {high[0]})" if len(pairs) > 1 else
                  f"chrF {low[0]} between them")
        said.append(f"{who} each translate {labels.get(original, original)}'s words into "
                    f"{LANGUAGE_NAMES.get(language, language)}: {spread}; how they differ is each translator's choice, "
                    "not an outlet's.")
    return " ".join(said)


def credit_spellings(renderings: Sequence[dict[str, Any]], annotations: Any, labels: dict[str, str]) -> str:
    """How the renderings' own credits write the speaker's name, where they write it more than one way: "The texts
    write the speaker's name 'Steve Dickson' (xz-a), 'Steve Dixon' (xz-c, xz-d), 'Stephen Dickson' (xz-e)."

    Why: the statement is headed by one name (the form most of them credit), and a class should see that the
    others spell it otherwise, a translation's slip or choice (review rW2, zh-en F2: "Dixon" in two machine
    translations of 迪克森, "Dickson" in the other two)."""
    quotes = getattr(annotations, "quotes", None) or {}
    forms: dict[str, list[str]] = {}
    for q in renderings:
        credit = next((x.speaker for x in quotes.get(q["source"], ()) if x.start == q.get("start") and x.speaker),
                      None)
        if credit:
            forms.setdefault(credit, []).append(labels.get(q["source"], q["source"]))
    if len(forms) < 2:
        return ""
    said = ", ".join(f"‘{name}’ ({', '.join(who)})" for name, who in sorted(forms.items(), key=lambda x: (-len(x[1]), x[0])))
    return f"The texts write the speaker's name {said}."


def credit_inherited(renderings: Sequence[dict[str, Any]], annotations: Any, labels: dict[str, str],
                     speaker: str, reference_source: str, sources: dict[str, Source]) -> str:
    """Which renderings credit a named statement by their own words, where some do not: "w036-c gives these words
    no speaker of its own; they are credited as w036-a and w036-b credit the same statement."

    Why: the renderings of one statement share its speaker (issue 23, W bench h3: a split sentence or a credit in
    another script left a version's words to "a speaker the text does not name"), and a reader should see which
    texts say who spoke and which only render the same words."""
    if not speaker or speaker in (UNNAMED_SPEAKER, UNIDENTIFIED_SPEAKER, "unattributed"):
        return ""
    quotes = getattr(annotations, "quotes", None) or {}
    spans = {q["source"]: (q.get("start"), q.get("end")) for q in renderings}
    reference = {q["reference_text"] for q in renderings if q["source"] != reference_source}
    if reference_source not in spans:
        found = next((x for x in quotes.get(reference_source, ()) if x.text in reference), None)
        if found is not None:
            spans[reference_source] = (found.start, found.end)
    own, bare = set(), []
    for sid, (start, end) in sorted(spans.items()):
        if start is None or sid not in sources:
            return ""
        if any(x.start == start and x.speaker for x in quotes.get(sid, ())):
            own.add(sid)
        elif not credited_in_text(sources[sid], int(start), int(end)):
            bare.append(sid)  # a text whose sentence credits the words ('he said') is no text that credits no one
    if not own or not bare:
        return ""
    who = [labels.get(sid, sid) for sid in sorted(own)]
    named = ", ".join(who[:-1]) + f" and {who[-1]}" if len(who) > 1 else who[0]
    none = ", ".join(labels.get(sid, sid) for sid in bare)
    verb = "give" if len(bare) > 1 else "gives"
    return (f"{none} {verb} these words no speaker of {'their' if len(bare) > 1 else 'its'} own; they are credited "
            f"as {named} {'credit' if len(who) > 1 else 'credits'} the same statement.")


def shown_size(source: Source) -> str:
    """The sources table's size cell: words, or for a text written in Chinese or Japanese its characters, said so.

    Why: those scripts put no spaces between words, so ``Source.words`` counts each character as one word (the
    densities divide by it); shown as "Words 835" beside English translations of about 545 words, a Chinese original
    of 803 characters read as half as long again as its translations (review rW2, zh-en M9).  A text is counted in
    characters where its Chinese or Japanese characters are most of what ``count_words`` counts."""
    characters = len(CJK_CHARACTER.findall(source.text))
    if characters and 2 * characters > source.words:
        return f"{characters} characters"
    return str(source.words)


def source_rows(item: EventResult) -> list[dict[str, Any]]:
    mt = _mt_figures(item)
    dates = {s.id: _report_date(s) for s in item.sources}
    return [
        {
            "event": item.event.id, "source": s.id, "outlet": s.outlet, "kind": s.kind, "language": s.language,
            "detected_language": s.detected_language, "published": s.published, "date": dates[s.id][0],
            "date_from": dates[s.id][2], "date_basis": dates[s.id][1], "title": s.title, "url": s.url,
            "path": s.path, "words": s.words, "sentences": len(s.sentences), "mt_likelihood": mt.get(s.id, (None, ""))[0],
            "mt_model": mt.get(s.id, (None, ""))[1], "inferred": list(s.inferred),
        }
        for s in item.sources
    ]


def _claim_of(item: EventResult) -> dict[tuple[str, int], str]:
    return {member: claim.id for claim in item.alignment.claims for member in claim.members}


def _background_sentences(item: EventResult) -> set[tuple[str, int]]:
    marked: set[tuple[str, int]] = set()
    by_id = {s.id: s for s in item.sources}
    for passage in item.event.background:
        source = by_id.get(passage.source_id)
        if source is None:
            continue
        for sentence in source.sentences:
            if sentence.start < passage.end and sentence.end > passage.start:
                marked.add((source.id, sentence.index))
    return marked


def sentence_rows(item: EventResult) -> list[dict[str, Any]]:
    claim_of = _claim_of(item)
    background = _background_sentences(item)
    alignment = item.alignment
    # "linked" is what the side-by-side shows: the sentence's row holds a sentence of another source.
    shared = {m for claim in alignment.claims if len({sid for sid, _ in claim.members}) > 1 for m in claim.members}
    absent = {(sid, i) for sid, indices in alignment.absent.items() for i in indices}
    rows = []
    for s in item.sources:
        structure = structure_roles(s.sentences)
        for sentence in s.sentences:
            key = (s.id, sentence.index)
            near = alignment.nearest.get(f"{s.id}:{sentence.index}")
            said = alignment.said_by_another.get(f"{s.id}:{sentence.index}")
            rows.append({
                "event": item.event.id, "source": s.id, "index": sentence.index, "paragraph": sentence.paragraph,
                "start": sentence.start, "end": sentence.end, "language": sentence.language,
                "claim": claim_of.get(key), "only_here": key in absent, "linked": key in shared,
                "nearest_source": near.source if near else None, "nearest_sentence": near.sentence if near else None,
                "nearest_score": near.score if near else None, "nearest_measure": near.measure if near else None,
                "nearest_shown": near is not None and near.counterpart is not False,
                "second_source": getattr(near, "second_source", None) if near else None,
                "second_sentence": getattr(near, "second_sentence", None) if near else None,
                "second_score": getattr(near, "second_score", None) if near else None,
                "speaker": said.speaker if said else None, "same_points_source": said.source if said else None,
                "same_points_sentence": said.sentence if said else None,
                "same_points_speaker": said.other_speaker if said else None,
                "background": key in background,
                "structure": structure.get(sentence.index),
                "text": sentence.text,
            })
    return rows


def link_rows(item: EventResult) -> list[dict[str, Any]]:
    texts = {(s.id, x.index): x.text for s in item.sources for x in s.sentences}
    rows = []
    for link in item.alignment.links:
        row = link.to_dict()
        row.pop("diff", None)
        row["text_a"] = texts.get((link.source_a, link.sentence_a), "")
        row["text_b"] = texts.get((link.source_b, link.sentence_b), "")
        rows.append(row)
    return rows


def claim_rows(item: EventResult) -> list[dict[str, Any]]:
    return [
        {
            "event": item.event.id, "claim": c.id, "kind": c.kind, "sources": len({sid for sid, _ in c.members}),
            "members": [f"{sid}:{i}" for sid, i in c.members], "text": c.text,
        }
        for c in item.alignment.claims
    ]


def pair_rows(item: EventResult) -> list[dict[str, Any]]:
    rows = []
    for p in item.alignment.pairs:
        row = p.to_dict()
        signatures = row.pop("signatures", {}) or {}
        for metric in ("bleu", "chrf", "ter"):
            row[f"{metric}_signature"] = signatures.get(metric, "")
        rows.append(row)
    return rows


@dataclass(frozen=True, slots=True)
class SetIndex:
    """Set-wide lookups that every event's tables read, built once per report.

    Looking them up afresh for each event made writing n events cost n times
    the number of entities in the whole set: quadratic in a large archive.
    """

    speakers: dict[str, str]
    entities_of: dict[str, tuple[int, ...]]
    """Positions in ``run.annotations.entities`` of the entities each source spells."""

    @classmethod
    def of(cls, run: RunResult) -> SetIndex:
        entities_of: dict[str, list[int]] = defaultdict(list)
        for position, entity in enumerate(run.annotations.entities):
            for sid in entity.variants:
                entities_of[sid].append(position)
        return cls(speaker_names(run), {sid: tuple(p) for sid, p in entities_of.items()})


UNKNOWN = "unknown"
"""The quote matcher's speaker for words no attribution was found for."""
UNIDENTIFIED = "unidentified"
"""The quote matcher's speaker for words the text credits to someone it did not resolve
(``compare.align.quotes.UNIDENTIFIED``)."""


def quote_rows(item: EventResult, run: RunResult, index: SetIndex | None = None) -> list[dict[str, Any]]:
    by_id = {s.id: s for s in item.sources}
    canonical = (index or SetIndex.of(run)).speakers
    rows = []
    for q in item.alignment.quotes:
        ref = by_id.get(q.reference_source)
        src = by_id.get(q.source_id)
        rows.append({
            "event": item.event.id, "speaker": UNNAMED_SPEAKER if (q.speaker or UNKNOWN) == UNKNOWN
            else UNIDENTIFIED_SPEAKER if q.speaker == UNIDENTIFIED else canonical.get(q.speaker.casefold(), q.speaker),
            "reference_source": q.reference_source,
            "source": q.source_id, "fidelity": q.fidelity, "chrf": q.chrf, "dropped": list(q.dropped),
            "added": list(q.added), "start": q.start, "end": q.end,
            "reference_text": ref.text[q.reference_start:q.reference_end] if ref else "",
            "text": src.text[q.start:q.end] if src else "",
            "diff": q.diff,
        })
    return rows


def _entity_concepts(entity: Any) -> set[str]:
    """The framing concepts an entity with rival names stands for (its own id, and the lexicon's concept of each
    of its naming-choice labels and spellings), so the names table can give each source's own words for it."""
    lexicon = load_lexicon()
    concepts = {entity.id}
    for form in [*entity.naming_choices, *(f for forms in entity.variants.values() for f in forms)]:
        found = lexicon.concept_of(form)
        if found is not None:
            concepts.add(found.concept)
    return concepts


def voiced_names(tables: dict[str, list[dict[str, Any]]]) -> dict[tuple[str, str], list[str]]:
    """(source, term) -> the term in the words a reader checks: whose usage it is, and whether it is the outlet's
    own word, a quotation or a name the report says someone else uses ('the northern territories' that 003 reports
    as Tokyo's name is not 003's choice)."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    background = {f"{r['source']}:{r['index']}" for r in tables["sentences"] if r["background"]}
    for finding in term_findings(tables):
        said = usage_words(finding)
        if background & set(finding.evidence):  # 2019: 000's 'Southern Kurils' is in a paragraph about 2017
            said += " in a passage about another occasion"
        key = (finding.subjects[0], finding.figures["text"])
        if said not in out[key]:
            out[key].append(said)
    return dict(out)


def name_rows(item: EventResult, run: RunResult, index: SetIndex | None = None) -> list[dict[str, Any]]:
    """One row per entity and source: the spellings it used, and for a contested place the names it wrote.

    ``naming_choice`` is the source's own words for the place (each framing term of the place's concept in that
    source), never the gazetteer's label: a reader checks a name against the text, and 'Southern Kurils' as TASS's
    choice is false where TASS writes 'South Kuril Islands'.  A source that names the place only in words the
    gazetteer does not tie to the entity ('disputed islands') gets a row too.
    """
    members = {s.id for s in item.sources}
    entities_of = (index or SetIndex.of(run)).entities_of
    positions = sorted({p for sid in members for p in entities_of.get(sid, ())})
    rows = []
    named = _named_in_story(item, run)
    mentions_of = getattr(run.annotations, "mentions", None) or {}
    for entity in (run.annotations.entities[p] for p in positions):
        used = {sid: spellings for sid, spellings in entity.variants.items() if sid in members}
        if named is not None:
            used = {sid: tuple(sorted(named[(sid, entity.id)])) for sid in used if named.get((sid, entity.id))}
        if not used:
            continue
        chosen: dict[str, list[str]] = defaultdict(list)
        if entity.naming_choices:
            concepts = _entity_concepts(entity)
            for term in sorted(item.framing, key=lambda t: (t.source, t.start)):
                # the whole chain a source names ('the Kuril Islands', which in Russian usage takes in the disputed
                # islands) is listed with the names for them, as the chain's (issue 23, r42)
                of_place = term.concept in concepts or takes_in(term.concept) in concepts
                if term.source in members and of_place and term.text not in chosen[term.source]:
                    chosen[term.source].append(term.text)
        for source in item.sources:  # 'armed forces' is the 'Armed Forces' the annotator found by its capitals
            extra = any_case_spellings(entity, source, used.get(source.id, ()))
            if extra:
                used[source.id] = (*used.get(source.id, ()), *extra)
            if not used.get(source.id) and entity.type in NAMED_TYPES:
                # a blank cell only where the source lacks the name: its spellings looked for in the text, in the
                # source's forms ("Hongkong", the genitive "Welbecks"), outside a headline's site label
                taken = [(m.start, m.end) for m in mentions_of.get(source.id, ()) if m.entity != entity.id]
                spelled_in = [s.text for s in item.sources if s.id in used and s.id != source.id]
                written = written_forms(entity, source, _label_span(source.text), taken, spelled_in)
                if written:
                    used[source.id] = tuple(written)
        # a contested place is labelled in no side's usage alone ('Iturup / Etorofu'): the gazetteer's label is one
        # side's name (issue 23, r40)
        labels = sorted(label for c in _entity_concepts(entity) if (label := concept_label(c)))
        for sid in sorted(set(used) | {s for s, forms in chosen.items() if forms}):
            rows.append({
                "event": item.event.id, "entity": entity.id, "type": entity.type,
                "name": labels[0] if labels else entity.name,
                "source": sid, "spellings": sorted(used.get(sid, ())), "naming_choice": chosen.get(sid, []),
            })
    return rows


CURRENCY_AFTER = re.compile(r"(?i)(?:dollars?|cents?)\b")
"""The second part of a compound that makes a currency of a country's name ("US-Dollar")."""


def uncompared_cells(entity_id: str, entry: dict[str, Any], ids: Sequence[str], languages: Mapping[str, str],
                     texts: Mapping[str, str] | None = None) -> list[str]:
    """Sources whose cell for a name is not a finding: a name spelled only by sources of other languages is not
    reliably found in this source's words, so a blank there would say the source lacks a name it has.  A place or
    organisation the gazetteer does not know ("Ministry of Defence" is "Verteidigungsministerium" in German, issue
    23, planted p03 F3), and a gazetteer name too: its aliases miss an inflection or an adjective ("Vereinigten
    Staaten", "US-Präsident", "российский": the W bench's originals, whose translations add no name).  A person
    stays a finding only where ``texts`` (each source's text) is given and the surname check can see the absence
    (``absence_visible``: not in a script without capitals, no word that reads as the surname)."""
    from compare.provenance.checks import absence_visible

    spelled = {languages.get(sid) for sid in entry["spellings"]} | {languages.get(sid) for sid in entry["choices"]}
    blank = [sid for sid in ids if sid not in entry["spellings"] and sid not in entry["choices"]
             and languages.get(sid) not in spelled]
    if entry["type"] != "person":
        return blank
    if texts is None:
        return []  # a name is matched by its spelling-insensitive key
    return [sid for sid in blank if not absence_visible("person", entry["name"], texts.get(sid, ""))]


SPELT_APART_SIMILARITY = 85.0
"""Character similarity (rapidfuzz ratio, case folded) from which two forms of one name with as many words are one
name spelt two ways ("John Hopkins University" / "Johns Hopkins University"), not two names ("US" / "United
States")."""


def spelt_apart(entries: Sequence[dict[str, Any]], languages: Mapping[str, str]) -> list[dict[str, Any]]:
    """Names-table rows where a source spells a name unlike the other sources of its language, which agree on
    another spelling close to it: "wr-e writes 'John Hopkins University', where wr-a, wr-c and wr-d write 'Johns
    Hopkins University'" (issue 23, rW1 M4: the misspelling was worth a line of its own).  Within one language
    only (across languages a name's form differs by rule), not where the source also writes the others' form, and
    only where more sources write the others' form than this one (a tie names no majority spelling)."""
    from rapidfuzz import fuzz

    out = []
    for entry in entries:
        if entry["choices"]:
            continue
        spellings: dict[str, list[str]] = entry["spellings"]
        for sid, forms in sorted(spellings.items()):
            peers = {o: fs for o, fs in spellings.items() if o != sid and languages.get(o) == languages.get(sid)}
            own = {f.casefold() for f in forms}
            for form in forms:
                writers = [o for o, fs in peers.items() if form.casefold() in {f.casefold() for f in fs}]
                if writers:
                    continue
                near: dict[str, list[str]] = defaultdict(list)
                for o, fs in sorted(peers.items()):
                    for f in fs:
                        if f.casefold() not in own and len(f.split()) == len(form.split()) and \
                                fuzz.ratio(f.casefold(), form.casefold()) >= SPELT_APART_SIMILARITY:
                            near[f].append(o)
                if not near:
                    continue
                theirs = sorted(near, key=lambda f: (-len(near[f]), f))[0]
                if len(near[theirs]) > 1:
                    out.append({"source": sid, "form": form, "theirs": theirs, "others": near[theirs]})
    return out


NAMED_TYPES = frozenset({"person", "place", "organisation"})


def _label_span(text: str) -> tuple[int, int] | None:
    """A headline's site label ("… - RT Sport News") as a span: from its start to the end of its line."""
    label = label_start(text)
    if label is None:
        return None
    line_end = text.find("\n", label)
    return label, len(text) if line_end < 0 else line_end


def _named_in_story(item: EventResult, run: RunResult) -> dict[tuple[str, str], set[str]] | None:
    """(source, entity) -> the spellings the source writes it in, leaving out a headline's site label ("… - RT USA
    News", as the event's title does) and a currency's name ("US-Dollar"): the names table listed "United States
    (place)" for reports that name no place but their outlet and a currency (issue 23, planted p01 M8).  Other
    compounds name the place ("the US-built THAAD", 2017).  None without texts to look in."""
    texts = {s.id: s.text for s in item.sources}
    mentions = getattr(run.annotations, "mentions", None)
    if not texts or mentions is None:
        return None
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sid, text in texts.items():
        label = label_start(text)
        for m in mentions.get(sid, ()):
            if not m.entity:
                continue
            if (label is not None and m.start >= label and "\n" not in text[label:m.start]) or \
                    (in_compound(text, m.start, m.end) and CURRENCY_AFTER.match(text, m.end + 1)):
                continue
            out[(sid, m.entity)].add(m.text)
    return out


def _unspun_view(pointer: dict[str, Any] | None, claim_of: dict[tuple[str, int], str]) -> dict[str, Any] | None:
    """What a row says of a bent phrase that, restored, shares words with another unlinked row (None: nothing)."""
    if pointer is None or pointer["other"] not in claim_of:
        return None
    return {**pointer, "source": pointer["other"][0], "row": claim_of[pointer["other"]].rsplit(":", 1)[-1],
            "words": ", ".join(f"‘{w}’" for w in pointer["shared"])}


def artifact_rows(item: EventResult) -> list[dict[str, Any]]:
    return [
        {
            "event": item.event.id, "source": a.source_id, "category": a.category, "detector": a.detector,
            "severity": a.severity, "start": a.start, "end": a.end, "text": a.text, "explanation": a.explanation,
        }
        for result in item.artifacts
        for a in result.artifacts
    ]


def residue_rows(item: EventResult) -> list[dict[str, Any]]:
    return [
        {"event": item.event.id, "source": s.id, "step": r.step, "reason": r.reason, "line": r.line, "text": r.text}
        for s in item.sources
        for r in s.removed
    ]


TABLE_ROWS: dict[str, Callable[[EventResult, RunResult, SetIndex], list[dict[str, Any]]]] = {
    "sources": lambda item, run, index: source_rows(item),
    "sentences": lambda item, run, index: sentence_rows(item),
    "links": lambda item, run, index: link_rows(item),
    "claims": lambda item, run, index: claim_rows(item),
    "pairs": lambda item, run, index: pair_rows(item),
    "quotes": quote_rows,
    "names": name_rows,
    "artifacts": lambda item, run, index: artifact_rows(item),
    "residue": lambda item, run, index: residue_rows(item),
    "framing": framing_rows,
    "provenance": provenance_rows,
    "findings": findings_rows,
}
"""How each table's rows are built from an event's stage outputs (columns: ``tables.SCHEMAS``)."""


def event_tables(item: EventResult, run: RunResult, index: SetIndex | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every table the sections own, by name."""
    index = index or SetIndex.of(run)
    return {name: TABLE_ROWS[name](item, run, index) for name in table_names()}


# -- the event page -----------------------------------------------------------


def _pair_matrix(ids: Sequence[str], pairs: Sequence[dict[str, Any]], forward: str, backward: str,
                 languages: dict[str, str] | None = None) -> list[list[float | None]]:
    """A square matrix of one pair measure; with ``languages``, pairs across languages stay blank."""
    index = {sid: i for i, sid in enumerate(ids)}
    matrix: list[list[float | None]] = [[None] * len(ids) for _ in ids]
    for p in pairs:
        i, j = index.get(p["source_a"]), index.get(p["source_b"])
        if i is None or j is None or (languages is not None and not same_language(p, languages)):
            continue
        matrix[i][j] = p[forward]
        matrix[j][i] = p[backward]
    return matrix


def short_outlet(outlet: str, limit: int = 26) -> str:
    """An outlet name cut at a word boundary, for column headers."""
    if len(outlet) <= limit:
        return outlet
    cut = outlet[:limit].rsplit(" ", 1)[0].rstrip(" ,;:(-")
    return f"{cut}…"


def _label(source_rows_: Sequence[dict[str, Any]]) -> dict[str, str]:
    return {r["source"]: f"{r['source']} · {short_outlet(r['outlet'])}" if r["outlet"] else r["source"] for r in source_rows_}


def speaker_names(run: RunResult) -> dict[str, str]:
    """Any spelling of a speaker to the canonical name, so one speaker is one group under one heading: a person,
    and also a body or a capital a report quotes ('the Russian foreign ministry said' is headed "Russian Foreign
    Ministry", as the names table writes it, not in the lower case of one report's sentence).  People first: a
    spelling shared with a place stays the person's."""
    names: dict[str, str] = {}
    ranked = sorted(run.annotations.entities, key=lambda e: e.type.upper() != "PERSON")
    for entity in ranked:
        if entity.type.upper() not in ("PERSON", "ORGANISATION", "ORGANIZATION", "PLACE"):
            continue
        names.setdefault(entity.name.casefold(), entity.name)
        for spellings in entity.variants.values():
            for spelling in spellings:
                names.setdefault(spelling.casefold(), entity.name)
    return names


def _counted(tables: dict[str, list[dict[str, Any]]], what: str) -> dict[str, int]:
    """Per source, its statements (background left out) that are ``only_here`` (absence established) or
    ``unmatched`` (no link, absence not established): one count for the overview and the teaching answers."""
    counts: dict[str, int] = defaultdict(int)
    again = repeated(tables)  # said again beside its own linked sentence: matched, through that sentence
    for row in tables["sentences"]:
        if row["background"] or row["structure"]:
            continue
        if what == "only_here" and row["only_here"] or what == "unmatched" and not row["linked"] and not row[
                "only_here"] and (row["source"], row["index"]) not in again:
            counts[row["source"]] += 1
    return dict(counts)


def _statements(tables: dict[str, list[dict[str, Any]]], source: str) -> int:
    """A source's statements: its sentences outside background passages and page structure."""
    return sum(1 for r in tables["sentences"] if r["source"] == source and not r["background"] and not r["structure"])


def overview_sentences(tables: dict[str, list[dict[str, Any]]], reference: str | None) -> list[str]:
    """Two or three plain sentences saying where the sources diverge most.

    A pair's chrF is said to be "on the sentences linked between them", not "where they say the same thing": r53
    (2017) read that of two reports whose only linked statements are each shared in part."""
    outlets = {r["source"]: (r["outlet"] or r["source"]) for r in tables["sources"]}
    languages = {r["source"]: r["language"] for r in tables["sources"]}
    sentences: list[str] = [r["sentence"] for r in change_rows(tables)]  # what an edited copy changed, first
    # Wording scores only mean something within one language.
    pairs = [p for p in tables["pairs"] if same_language(p, languages) and p["chrf"] is not None and p["links"]]
    if len(pairs) == 1:
        only = pairs[0]
        sentences.append(
            f"The wording of {outlets[only['source_a']]} and {outlets[only['source_b']]} scores "
            f"{chrf_said(only)} on the sentences linked between them "
            f"(100 would be the same wording)."
        )
    elif pairs:
        sentences.append(_wording_ranking(tables, pairs, outlets))
    sentences.extend(_unlinked_sentences(tables, outlets))
    # one stance worded at different strength comes before a quotation's changes (issue 23, r47, 2019 c3)
    # (r53: only where every shown word's voice is read; the row's note says the rest)
    for found in brief_rows(tables.get("findings"))[:1]:
        sentences.append(f"In row {found['subjects'][0].rsplit(':', 1)[-1]}, "
                         f"{stance_brief(found['figures'], lambda sid: outlets.get(sid, sid))}.")
    quotes = [q for q in tables["quotes"] if q["source"] != q["reference_source"] and q["fidelity"] != "translation"
              and same_language({"source_a": q["source"], "source_b": q["reference_source"]}, languages)]
    if quotes:
        # the fidelity class first, chrF only within it: a paraphrase at chrF 37 makes the same points in other words,
        # a trimmed rendering leaves a content word out (issue 23, r40, 2019)
        worst = min(quotes, key=change_rank)
        reworded = min(quotes, key=lambda q: (q["chrf"], q["speaker"] or "", q["source"]))
        def said(q: Mapping[str, Any]) -> tuple[str, str, str]:
            """(whose rendering, its figures, what it changes) of one quotation, as the overview says it."""
            ref = outlets.get(q["reference_source"], q["reference_source"])
            kept = _cut_or_caveat(tables, q, outlets, "; ", "")
            note = f"; {TRANSLATIONS_NOTE}" if translated(tables, q["reference_source"]) and not kept else ""
            # "a speaker the text does not name's in p12-e" read badly: words of no named speaker are "the quotation"
            who = (f"the quotation in {outlets[q['source']]} of {q['speaker']}" if q["speaker"] in NO_NAME else
                   f"{q['speaker'] or 'an unattributed speaker'}'s in {outlets[q['source']]}")
            figures = f"{q['fidelity']}, chrF {q['chrf']:.0f} against {ref}{note}"
            left = ""
            if changes_substance(q):
                left = (f": without {', '.join(f'‘{w}’' for w in q['dropped'][:3])}"
                        + (kept or f", which {ref}'s version has") if q["fidelity"] == "trimmed" and q["dropped"]
                        else f": with {swaps(q['added'], q['dropped'], ref)}" if q["fidelity"] == "swapped"
                        else f": with {', '.join(f'‘{w}’' for w in q['added'][:3])}, which {ref}'s version does not "
                             f"have" if q["added"] and not q["dropped"]
                        else f": without {', '.join(f'‘{w}’' for w in q['dropped'][:3])}, which {ref}'s version "
                             f"has" if q["dropped"] and not q["added"]
                        else "")
            return who, figures, left

        for q in (worst, reworded) if reworded is not worst else (worst,):
            if not changes_substance(q) and q["fidelity"] not in REWORDED:
                # a verbatim or close rendering is not "worded most differently" (truth18, p01 F1: "verbatim, chrF
                # 100 against p01-c: much of it in other words than p01-c's")
                continue
            who, figures, left = said(q)
            ref = outlets.get(q["reference_source"], q["reference_source"])
            if changes_substance(q):
                # r56 (2019): "the most changed" ranked fidelity labels, not meaning (000's paraphrase has its
                # ministers strengthen an alliance they only spoke about): say changed, with how many, no superlative
                changed = {(r["speaker"], r["source"], r["text"]) for r in quotes if changes_substance(r)}
                # r42 (2019 M3): the count read as all the changed quotations, where 000's paraphrase has the
                # ministers strengthen an alliance they only spoke about: it counts what the word checks see
                lead = ("One quotation is changed in substance in the words the tool compares" if len(changed) == 1
                        else f"{len(changed)} renderings of quotations change their substance in the words the tool "
                             f"compares; one")
                sentences.append(f"{lead}: {who} ({figures}){left}.")
                # r58 (2019 M1): "2 renderings … change their substance; one: …" never named the second (003's
                # "common positions" for MID's "close positions"): the others are named too, up to two
                others = [r for r in sorted(quotes, key=change_rank) if changes_substance(r)
                          and (r["speaker"], r["source"], r["text"]) != (q["speaker"], q["source"], q["text"])]
                for n, r in enumerate(others[:2]):
                    o_who, o_figures, o_left = said(r)
                    head = "The other" if len(changed) == 2 else ("Another" if n == 0 else "And")
                    sentences.append(f"{head}: {o_who} ({o_figures}){o_left}.")
                if len(others) > 2:
                    sentences.append(f"{len(others) - 2} more are in the quotes section.")
            else:
                # r54 (2019): "making the same point … in other words" was said of 000's machine-translated quotation
                # in which the ministers "strengthened" the alliance they only spoke about: chrF cannot tell that
                counted = any(changes_substance(r) for r in quotes)
                sentences.append(f"The quotation worded most differently is {who} ({figures}): much of it in "
                                 f"other words than {ref}'s{', so no count of changes includes it' if counted else ''}; "
                                 f"whether it makes the same point, compare the two in the quotes section.")
    if reference:
        ahead = previews(tables.get("findings"))
        # r54 (2017): a preview as the reference; what only a later report tells of the outcome is no omission of it
        sentences.append(f"{outlets[reference]} is the reference: the other sources are read against it"
                         + ("; it reads as a preview, written before the event, so it could not report what was said "
                            "or done there." if reference in ahead else "."))
    return sentences


def _unlinked_sentences(tables: dict[str, list[dict[str, Any]]], outlets: Mapping[str, str]) -> list[str]:
    """Per source, its statements linked to nothing in another source, most first, each with the part whose
    absence is established, then what a reader does with the rest.

    Why (r54, 2017): the overview ranked the sources by the statements linked to nothing whose absence is not
    established ("News aggregator (rewrite site) has the most …: 6 of its 10") while the glance says 8 of TASS's
    11 are linked to nothing (3 of them established absent) against 7 of 004's 10: two rankings that read as
    contradicting each other.  One figure per fact: the total the glance gives, with its established part."""
    only, unmatched = _counted(tables, "only_here"), _counted(tables, "unmatched")
    nothing = {sid: only.get(sid, 0) + unmatched.get(sid, 0) for sid in set(only) | set(unmatched)}
    if not nothing:
        return []
    order = sorted(nothing, key=lambda sid: (-nothing[sid], sid))
    worded = iter(("of them established as found in no other source", *["established"] * len(order)))
    parts = [f"{outlets[sid]}, {nothing[sid]} of its {_statements(tables, sid)}"
             + (f" ({only[sid]} {next(worded)})" if only.get(sid) else "")  # said in full once, then short
             for sid in order]
    out = [f"Statements linked to nothing in another source, most first: {'; '.join(parts)}."
           if len(order) > 1 else f"{parts[0].replace(', ', ' has ', 1)} statements linked to nothing in another "
                                  f"source."]
    if only:
        out.append("Established means the absence test ruled out every sentence of the other sources as a rendering "
                   "(rows marked “only in”).")
    open_ = sum(unmatched.values())
    if open_:
        again = repeated(tables)
        shown = sum(1 for r in tables["sentences"] if not r["linked"] and not r["only_here"] and not r["background"]
                    and not r["structure"] and r["nearest_shown"] and (r["source"], r["index"]) not in again)
        candidates = ("each one's nearest candidate" if shown == open_ else f"the nearest candidate of {shown}")
        out.append(f"For the {open_} whose absence is not established (rows marked “not linked”), the side-by-side "
                   f"shows {candidates}; whether the other sources really leave them out is for a reader to check.")
    return [" ".join(out)]


REWORDED = ("paraphrase",)
"""Fidelity classes said to word a quotation "in other words" (those that change substance are said as changes)."""


def _wording_ranking(tables: dict[str, list[dict[str, Any]]], pairs: Sequence[Mapping[str, Any]],
                     outlets: Mapping[str, str]) -> str:
    """Which pair of one language differs most in wording and which is closest, only where the figures differ:
    every pair at chrF >= ``ALIKE`` is said as one, pairs within ``MIN_SPREAD`` points as alike; a pair whose own
    linked sentences differ in a number, a date or a negation is not called closest without saying so.

    Why: truth18 (planted sets p01, p03): "the wording of p01-a and p01-c differs most (chrF 100 …)" where the
    English texts are word for word the same; "p03-b and p03-d are closest (chrF 100)" where they differ on
    450/250."""
    low = min(pairs, key=lambda p: (pair_chrf(p), p["source_a"], p["source_b"]))
    high = max(pairs, key=lambda p: (pair_chrf(p), p["source_a"], p["source_b"]))
    every = sorted(x for p in pairs for x in (p["chrf"], p.get("chrf_reverse", p["chrf"])) if x is not None)
    span = (f"chrF {every[0]:.0f}" if f"{every[0]:.0f}" == f"{every[-1]:.0f}"
            else f"chrF {every[0]:.0f} to {every[-1]:.0f}")
    changed = {(p["source_a"], p["source_b"]): pair_content_rows(tables["sentences"], p["source_a"], p["source_b"])
               for p in pairs}
    still = [(p, changed[(p["source_a"], p["source_b"])]) for p in sorted(pairs, key=lambda p: (p["source_a"],
                                                                                                  p["source_b"]))
             if changed[(p["source_a"], p["source_b"])]]

    def pair(p: Mapping[str, Any]) -> str:
        return f"{outlets[p['source_a']]} and {outlets[p['source_b']]}"

    # each changed row said once, with who gives what among the sources of the pairs that differ there
    by_row: dict[tuple[str, str], set[str]] = {}
    for p, rows in still:
        for row, tag in rows:
            by_row.setdefault((row, tag), set()).update((p["source_a"], p["source_b"]))
    event = str(tables["sentences"][0]["claim"]).rsplit(":", 1)[0] if tables["sentences"] else ""
    said = []
    for (row, tag), sources in sorted(by_row.items(), key=lambda x: (len(x[0][0]), x[0])):
        texts = {sid: t for sid, t in row_texts(tables["sentences"], f"{event}:{row}").items() if sid in sources}
        split = content_split(texts, tag, outlets, sentence_languages(tables["sentences"]))
        said.append(f"in row {row}, {split}" if split else f"{content_note([(row, tag)])} ({_joined_ids(sources, outlets)})")
    caveat = ("; still, " + "; ".join(said)) if said else ""
    if pair_chrf(low) >= ALIKE:
        return (f"Every pair of sources in the same language has almost the same wording on the sentences linked "
                f"between them ({span}){caveat}.")
    if pair_chrf(high) - pair_chrf(low) < MIN_SPREAD:
        means = (f"{pair_chrf(low):.0f}" if f"{pair_chrf(low):.0f}" == f"{pair_chrf(high):.0f}"
                 else f"{pair_chrf(low):.0f} to {pair_chrf(high):.0f}")
        return (f"No pair of sources in the same language stands out in wording on the sentences linked between "
                f"them: averaged over both directions their chrF is {means} ({span} by which text is read as the "
                f"reference){caveat}.")
    # ranked by chrF read both ways (``pair_chrf``), each said with both directions where they differ (r57)
    return (f"The wording of {pair(low)} differs most ({chrf_said(low)}, on the sentences linked between "
            f"them); {pair(high)} are closest ({chrf_said(high)}){caveat}.")


def _joined_ids(sources: Any, outlets: Mapping[str, str]) -> str:
    names = [outlets.get(s, s) for s in sorted(sources)]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _whose_version(quote: Mapping[str, Any], reference: str | None, outlets: Mapping[str, str]) -> str:
    """"the reference's" only where the quotation's reference source is the event's reference; else the source named
    ("p03-b's"): "with the reference's" beside "No source is the reference" left a class to guess whose words
    (truth18, p01 M3, p03 M11)."""
    source = quote["reference_source"]
    if reference is not None and source == reference:
        return "the reference's"
    name = outlets.get(source, source)
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _established_of(count: int, total: int, whose: str, reference: str | None) -> str:
    """"6 of the official transcript's 22 statements are" / "1 of TASS's 11 statements is"; without a reference,
    "3 of the 40 statements are"."""
    verb = "is" if count == 1 else "are"
    if not reference:
        return f"{count} of the {total} statements {verb}"
    owner = f"{whose}'" if whose.endswith("s") else f"{whose}'s"
    return f"{count} of {owner} {total} statements {verb}"


SENTENCE_WORDS = 60
"""Words of a whole sentence shown beside a fragment's comparison (a sentence, not a paragraph run together)."""
FRAGMENT_WORDS = 6
"""A quotation of at most this many words is a fragment of its speaker's statement: its comparison says nothing of
the rest of the sentence around it."""


def _fragment_note(tables: dict[str, Any], quote: dict[str, Any], outlets: dict[str, str]) -> str:
    """After a short quotation's comparison: both whole sentences, for the class to compare beyond the quoted words.

    Why: r42 (2019, question 2): "Dropped: sovereign. Added: nothing." of AVIONEWS's three quoted words, where its
    sentence also lacks "based on international law", which MID's sentence and 000's quotation keep; a class took the
    one adjective for the whole difference.  The tool compares the quoted words only, so it says so and shows the
    sentences rather than claiming what the rest of them lacks."""
    quoted = quote["text"].strip(QUOTE_MARKS_STRIPPED)
    if len(quoted.split()) > FRAGMENT_WORDS:
        return ""

    def sentence(source: str, part: str) -> str | None:
        return next((r["text"] for r in tables["sentences"] if r["source"] == source and part in r["text"]), None)

    theirs, mine = sentence(quote["reference_source"], quote["reference_text"]), sentence(quote["source"], quoted)
    if not theirs or not mine or len(theirs.split()) <= len(quote["reference_text"].split()) + 2:
        return ""
    who, other = outlets.get(quote["source"], quote["source"]), outlets.get(quote["reference_source"],
                                                                            quote["reference_source"])
    return (f" Only the quoted words are compared: {who}'s sentence is “{_clip(mine, SENTENCE_WORDS)}”, and "
            f"{other}'s “{_clip(theirs, SENTENCE_WORDS)}”; compare the whole sentences too.")


def _cut_or_caveat(tables: dict[str, Any], quote: dict[str, Any], outlets: dict[str, str], lead: str,
                   caveat: str) -> str:
    """After a changed quotation: where at least ``MIN_KEEPERS`` renderings keep the word it leaves out, what the
    set shows (``only_cut_words``), after ``lead``; else the translators' caveat, in ``caveat``'s frame, where the
    reference is a translation (r44, 2019: "the difference may be the translators'" played down a word two other
    renderings keep)."""
    kept = keepers(tables, quote)
    if len(kept) >= MIN_KEEPERS:
        who = outlets.get(quote["source"], quote["source"])
        said = only_cut_words([outlets.get(k, k) for k in kept], who, translated(tables, quote["source"]),
                              quote["dropped"])
        return f"{lead}{said[:1].upper()}{said[1:]}." if lead == " " else f"{lead}{said}"
    return caveat.format(TRANSLATIONS_NOTE) if caveat and translated(tables, quote["reference_source"]) else ""


def linked_candidate_words(row: str) -> str:
    """What a row says of a nearest candidate that is another row's counterpart: only what the tool knows, the
    link (r44, 2017 c8: "yet it may say the same in part or in other words" for a TASS sentence about Abe's visit
    and a candidate naming neither); the cell and the row give the same words."""
    return f"linked to row {row}, not to this one"


def _name_the_linked_candidate(row: dict[str, Any]) -> None:
    """The candidate's cell says, in ``linked_candidate_words``, where the candidate is linked, as the row does
    (a lone candidate, not one of two close candidates, nor one in a background passage)."""
    near, linked = row["nearest"], row["nearest_linked_row"]
    if near is None or not linked or row["second_source"] or row["nearest_background"] is not None:
        return
    cell = row["empty"].get(near.source)
    if cell and cell.get("quote") and not cell.get("second_quote") and "lead" not in cell:
        cell["lead"] = f"; nearest candidate ({linked_candidate_words(linked)})"


def not_every_part(claim: Any, ids: Sequence[str], links: Sequence[Any]) -> str:
    """Why a row with a cell from every source is "shared by some": a source gives the statement in two sentences
    and another source's sentence is linked to only one of them (``compare.align.claims._every_part_everywhere``);
    whether it renders the other is not known (``ONE_FOR_TWO``).  "shared by
    some" beside a cell from every source read as false (rF2 p11 F7: five cells, claims.csv five sources): the badge
    says what the row's cells show, and which part is not linked where.  Empty for any other row."""
    if claim.kind != "shared-by-some":
        return ""
    by_source: dict[str, list[int]] = defaultdict(list)
    for sid, index in claim.members:
        by_source[sid].append(index)
    if set(by_source) != set(ids):
        return ""
    pairs = {((k.source_a, k.sentence_a), (k.source_b, k.sentence_b)) for k in links}
    pairs |= {(b, a) for a, b in pairs}
    givers, missing = [], set()
    reached: dict[str, set[tuple[int, ...]]] = defaultdict(set)  # per source short of a part: which parts it is linked to
    for sid, parts in sorted(by_source.items()):
        if len(parts) != 2:
            continue
        for other, theirs in by_source.items():
            # a source whose cell holds as many sentences has a counterpart of each, however the links pair them
            # (held-out p15 c6, rH1 F1: p15-e's cell quoted both German sentences, the links crossed them)
            linked = tuple(k for k, p in enumerate(sorted(parts)) if any(((sid, p), (other, n)) in pairs for n in theirs))
            if other != sid and len(theirs) < len(parts) and len(linked) < len(parts):
                missing.add(other)
                reached[other].add(linked)
                if sid not in givers:
                    givers.append(sid)
    if not missing or not givers:
        return ""
    who = sorted(missing, key=ids.index)
    found = set().union(*(reached[o] for o in who))
    # which part, where every source short of one is linked to the same one of every giver's two (the row is a merge
    # of one sentence against two: the note says which part the one sentence is paired with), and "neither" where a
    # source's sentence is in the row through other renderings only ("only one" was then false of the links too)
    if len(found) == 1 and () not in found:
        how = f"only the {('first', 'second')[next(iter(found))[0]]} of the two sentences"
    else:
        how = ("only one of the two sentences" if () not in found else
               "neither of the two sentences" if found == {()} else "one or neither of the two sentences")
    return (f"{', '.join(who)} {'is' if len(who) == 1 else 'are'} linked to {how} in which {', '.join(givers)} "
            f"{'gives' if len(givers) == 1 else 'give'} this statement: {ONE_FOR_TWO}")


ONE_FOR_TWO = "one sentence may render both, or leave a part out (compare the cells)"
"""What a row of one sentence against two says of the one sentence: what the links show, not what it renders.  "b has
a counterpart of only one of the two sentences" read as false where b is the original in one sentence that a
translation split in two (issue 23, the W bench: 31 such rows on pages of WMT21 originals and their translations,
a teacher's read of a held-out page, W3b): the aligner had paired the one sentence with one part and left the other
part to the renderings that split it too; whether the one sentence also carries that part is not tested."""


EVERY_CELL = ("each source's cell holds the statement, but the aligner pairs their sentences only in part, so the "
              "row is not counted as shared by all: compare the cells")


def every_cell(claim: Any, ids: Sequence[str], links: Sequence[Any]) -> str:
    """The note of a "shared by some" row with a cell from every source and no source short of a part: the badge
    says "in every source" (``EVERY_CELL``), not "shared by some" (rH0 p15 F1) nor "not every part" (rH1 F1)."""
    if claim.kind != "shared-by-some" or {sid for sid, _ in claim.members} != set(ids):
        return ""
    return "" if not_every_part(claim, ids, links) else EVERY_CELL


def _mutual_row(alignment: Any, members: Sequence[tuple[str, int]], near: Any,
                near_row: Mapping[str, Any] | None) -> str | None:
    """The row of an unlinked candidate whose own nearest candidate is this row's statement: "each is the other's
    nearest candidate" is a fact a reader can check, where "no close match found" on both rows (r39, 2019 c28/c51)
    claimed of the texts what the tool does not know."""
    if (near is None or not near_row or near_row["linked"] or near_row["background"] or not near_row["claim"]
            or len(members) != 1):
        return None
    back = alignment.nearest.get(f"{near.source}:{near.sentence}")
    if back is None or back.counterpart is False or (back.source, back.sentence) != tuple(members[0]):
        return None
    # a second candidate close behind on either side: "each is the other's nearest" would read as a correspondence
    # the model cannot tell from its neighbour (issue 23, r40, 2017 c12/c37)
    if getattr(near, "second_source", None) or getattr(back, "second_source", None):
        return None
    return str(near_row["claim"]).rsplit(":", 1)[-1]


def _and_open(count: int) -> str:
    """The statements of the same source that matched nothing without absence established, so a count of
    established absences is not read as all a source leaves unmatched (issue 23, r36: "3 of its 11" read as
    complete while 4 more TASS statements had no close match; r39: "no close match" claimed something of the texts,
    where the tool knows only that it linked nothing)."""
    if not count:
        return ""
    return (f"; {count} more {'is' if count == 1 else 'are'} linked to nothing in another source, "
            f"{'its' if count == 1 else 'their'} absence not established (rows marked “not linked”)")


def _lower_the(words: str) -> str:
    return "the" + words[3:] if words.startswith("The ") else words


def _in_all(tables: dict[str, list[dict[str, Any]]]) -> str:
    """The event-wide count beside the reference's own, so the answer is not read as the event's total."""
    rows = [r for r in tables["sentences"] if r["only_here"] and not r["background"] and not r["structure"]]
    sources = sorted({r["source"] for r in rows})
    return f" ({len(rows)} in the event, across {', '.join(sources)})" if len(sources) > 1 else ""


THIRD_SCRIPT = ("comes back from", "Palladius")
"""Words of a transliteration flag that says a name went through another script (000's 'Ivaya': Iwaya back from
Russian Cyrillic): a spelling of that kind does show where a text came from, unlike two house styles."""


def _caption_only(tables: Mapping[str, Any], source: str, forms: Sequence[str], outlets: Mapping[str, str]) -> str:
    """' News aggregator writes ‘Sergei Lavrov’ only in a photo caption left inside its text (see “Artifacts”).'
    where every place the source writes one of the spellings lies inside a caption the residue detector flagged;
    else ''.

    Why: r47 2017: 004's second spelling is only in the left-over caption ('Russian Foreign Minister Sergei Lavrov,
    second left, Russian.'), the plainest answer to the question of two spellings; the artifact flag said so, the
    answer did not."""
    captions = [(int(a["start"]), int(a["end"])) for a in tables["artifacts"]
                if a["source"] == source and "caption" in a["detector"]]
    if not captions:
        return ""
    sentences = [(int(r["start"]), r["text"]) for r in tables["sentences"] if r["source"] == source]
    for form in forms:
        found = [start + m.start() for start, text in sentences for m in re.finditer(re.escape(form), text)]
        if found and all(any(start <= at < end for start, end in captions) for at in found):
            return (f" {outlets.get(source, source)} writes ‘{form}’ only in a photo caption left inside its text "
                    "(see “Artifacts”).")
    return ""


def _romanisations_answer(forms: Sequence[str], tables: dict[str, list[dict[str, Any]]],
                          outlets: Mapping[str, str]) -> str:
    """Why one name has two spellings, said of this pair only (r39: "a spelling alone does not show where a text
    came from" contradicted the page's own 'Ivaya' evidence), pointing to the run's third-script flags, if any."""
    quoted = " and ".join(f"‘{f}’" for f in forms)
    same_key = len({romanisation_key(f.casefold()) for f in forms}) == 1
    kind = "both common romanisations of one name" if same_key else "different spellings of one name"
    answer = (f"{quoted} are {kind}: each outlet follows its own house style or the script of the text it worked "
              "from, so this pair alone does not show where a text came from.")
    through = sorted({(r["source"], r["text"]) for r in tables.get("artifacts", [])
                      if r["category"] == "transliteration" and any(w in r["explanation"] for w in THIRD_SCRIPT)})
    if through:
        listing = "; ".join(f"{outlets.get(sid, sid)}'s ‘{text}’" for sid, text in through[:3])
        answer += (f" A spelling that went through another script does point to where a text came from: see {listing}"
                   " under “Artifacts”.")
    return answer


def teaching_questions(tables: dict[str, list[dict[str, Any]]], reference: str | None) -> list[dict[str, str]]:
    """Discussion questions drawn from this event's own findings, each with what the report shows."""
    outlets = {r["source"]: (r["outlet"] or r["source"]) for r in tables["sources"]}
    questions: list[dict[str, str]] = []
    texts = {(r["source"], r["index"]): r["text"] for r in tables["sentences"]}
    own = [r for r in tables["sentences"] if not r["background"] and not r["structure"]
           and (reference is None or r["source"] == reference)]
    established = [r for r in own if r["only_here"]]
    again = repeated(tables)
    open_rows = [r for r in own if not r["linked"] and not r["only_here"] and (r["source"], r["index"]) not in again]
    speaker = "The official transcript" if reference and next(
        (r["kind"] for r in tables["sources"] if r["source"] == reference), "") == "official-transcript" else (
        outlets[reference] if reference else None)
    if established:
        example = established[0]
        where = f"{speaker} says" if speaker else f"{outlets[example['source']]} says"
        questions.append({
            "question": f"{where}: “{example['text']}” No other source of this event reports it. Why might an outlet leave it out?",
            "answer": f"{_established_of(len(established), len(own), _lower_the(speaker or outlets[example['source']]), reference)} "
                      f"established as found in no other source{_in_all(tables)}: the absence test ruled out each "
                      f"sentence of the other sources as a rendering (rows marked “only in”, side-by-side table)"
                      f"{_and_open(len(open_rows))}.",
        })
    elif open_rows:
        example = open_rows[0]
        where = f"{speaker} says" if speaker else f"{outlets[example['source']]} says"
        nearest = ""
        if example["nearest_shown"]:
            near_text = texts.get((example["nearest_source"], example["nearest_sentence"]), "")
            nearest = (f" The closest sentence the aligner found is {outlets.get(example['nearest_source'], example['nearest_source'])}'s "
                       f"“{near_text}” ({example['nearest_measure']} score {example['nearest_score']:.2f}).")
        questions.append({
            "question": f"{where}: “{example['text']}” Can you find this statement in the other sources? If an outlet left it out, why might it have?",
            "answer": f"The aligner linked it to no sentence of another source, but did not establish that the others omit it.{nearest} "
                      f"{len(open_rows)} statement(s) are in the same position (rows marked “not linked”).",
        })
    quotes = [q for q in tables["quotes"] if q["source"] != q["reference_source"] and q["fidelity"] != "translation"]
    if quotes:
        # A changed number or year is the most teachable change; else the rendering whose wording changed most.
        # then a content word left out ('trimmed': 003's "on their territory" without 'sovereign', the statement the
        # hand-out prints); both renderings are quoted, so the question names the statement its answer is about
        worst = min(quotes, key=lambda q: (not any(ch.isdigit() for w in q["dropped"] + q["added"] for ch in w),
                                           *change_rank(q)))
        questions.append({
            "question": f"Compare how {outlets[worst['source']]} quotes {worst['speaker'] or 'the speaker'}, "
                        f"“{_clip(worst['text'].strip(QUOTE_MARKS_STRIPPED))}”, with {_whose_version(worst, reference, outlets)} "
                        f"“{_clip(worst['reference_text'])}”. "
                        f"Is it still the same statement?",
            "answer": f"Fidelity: {worst['fidelity']}. Dropped: {', '.join(worst['dropped'][:8]) or 'nothing'}. "
                      f"Added: {', '.join(worst['added'][:8]) or 'nothing'}."
                      # another source wording the statement without the same word: the cut is not this one's alone
                      + "".join(f" {outlets.get(r['subjects'][0], r['subjects'][0])}{r['sentence'].removeprefix(r['subjects'][0])}"
                                for r in cut_rows(tables, worst))
                      + _cut_or_caveat(tables, worst, outlets, " ", " Careful: {}.")
                      + _fragment_note(tables, worst, outlets),
        })
    changed = change_question(tables)
    if changed is not None:
        questions.insert(0, changed)
    origin = provenance_question(tables)
    if origin is not None:
        questions.append(origin)
    naming = framing_question(tables)
    if naming is not None:
        questions.append(naming)
    chosen: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for row in tables["names"]:
        if row["naming_choice"]:
            chosen[row["name"]][row["source"]] = row["naming_choice"]
    # without a framing question, the entity table's naming choices give one
    for name, by_source in sorted(chosen.items()) if naming is None else ():
        if len({c for choices in by_source.values() for c in choices}) > 1:
            listing = "; ".join(f"{outlets.get(s, s)}: {' and '.join(c)}" for s, c in sorted(by_source.items()))
            questions.append({
                "question": f"The sources name the same place differently ({listing}). What does each name say about whose view the outlet takes?",
                "answer": f"{name} is one place; the names are naming choices, listed under “Names and terms”.",
            })
            break
    variants = [r for r in tables["names"] if len(r["spellings"]) and r["type"] == "person"]
    spelled: dict[str, set[str]] = defaultdict(set)
    for row in variants:
        spelled[row["name"]].update(row["spellings"])
    # a surname alone ("Lavrov" beside "Sergey Lavrov") is a shorter mention, not another spelling
    spelled = {n: {s for s in forms if not any(set(s.casefold().split()) < set(o.casefold().split()) for o in forms)}
               for n, forms in spelled.items()}
    # two names of one person are no two spellings of one name: "Kim Kardashian" and "Kardashian West" (her married
    # name) are both hers (planted p12, rG1 F5: the question sent a class looking for a copying clue)
    spelled = {n: {s for s in forms if any(_spelling_of(s, o) for o in forms if o != s)}
               for n, forms in spelled.items()}
    odd = sorted((n for n, s in spelled.items() if len(s) > 1), key=lambda n: (-len(spelled[n]), n))
    if odd:
        name = odd[0]
        # which source writes which spelling: "spelled X, Y in different sources" is false where one source
        # writes both and the other only one of them
        by_source = {r["source"]: sorted(spelled[name] & set(r["spellings"])) for r in variants if r["name"] == name}
        by_source = {sid: forms for sid, forms in sorted(by_source.items()) if forms}
        both = [sid for sid, forms in by_source.items() if len(forms) > 1]
        listing = "; ".join(
            f"{outlets.get(sid, sid)} writes {' and '.join(f'‘{f}’' for f in forms)}"
            + (" within one text" if len(forms) > 1 else "") for sid, forms in by_source.items())
        answer = _romanisations_answer(sorted({f for forms in by_source.values() for f in forms}), tables, outlets)
        if both:
            # where the second spelling is only in a left-over caption, that is the answer (r54 2017: "which
            # suggests it was put together from more than one text" beside it read as a second, stronger one)
            captioned = {sid: _caption_only(tables, sid, forms, outlets) for sid, forms in by_source.items()
                         if sid in both}
            mixed = [s for s in both if not captioned[s]]
            if mixed:
                answer += (f" {', '.join(outlets.get(s, s) for s in mixed)} uses two spellings within one text: "
                           "text put together from more than one text can cause it, and so can a translation step "
                           "or one writer's slip (see “Who took what from whom”).")
            answer += "".join(captioned[sid] for sid in both)
        why = "two spellings in one report" if both else "the different spellings"
        questions.append({
            "question": f"{name}: {listing}. What could explain {why}?",
            "answer": answer,
        })
    return questions


SPELLING_MIN_SIMILARITY = 75
"""How close (rapidfuzz ratio of the phonetic keys, word by word) two forms must be to be spellings of one name:
"Sergey"/"Sergei" and "Lavrov"/"Lawrow" are; "Kim"/"Kardashian" are not."""


def _spelling_of(a: str, b: str) -> bool:
    """Whether two forms of a person's name are spellings of one name: as many words, each close to its fellow."""
    from rapidfuzz import fuzz

    from compare.annotate.entities import phonetic

    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) and all(
        fuzz.ratio(phonetic(x), phonetic(y)) >= SPELLING_MIN_SIMILARITY for x, y in zip(wa, wb, strict=True))


def title_source(title: str, sources: Sequence[dict[str, Any]]) -> str | None:
    """The source whose headline names the event: the page says so, since a headline is one outlet's framing
    (the 2019 seeds' title is MID's "Foreign Minister Sergey Lavrov's statement …", an event of four ministers)."""
    for row in sources:
        if title and title == row["title"]:
            return row["source"]
    return None


def title_language(title: str, sources: Sequence[dict[str, Any]]) -> str | None:
    """The language of an event's title, for its ``lang`` attribute: that of the source it was taken from,
    else the one language all sources share, else unknown (None: no attribute rather than a wrong one)."""
    for row in sources:
        if title and title == row["title"]:
            return row["language"]
    languages = {r["language"] for r in sources}
    return languages.pop() if len(languages) == 1 else None


def _statement_sources(tables: dict[str, list[dict[str, Any]]]) -> list[set[str]]:
    """The sources of each statement row of the side-by-side (page structure and background rows left out)."""
    sentences = {(r["source"], r["index"]): r for r in tables["sentences"]}
    rows = []
    for claim in tables["claims"]:
        members = [(m.rsplit(":", 1)[0], int(m.rsplit(":", 1)[1])) for m in claim["members"]]
        if _row_group(members, sentences) == "statements":
            rows.append({sid for sid, _ in members})
    return rows


def shared_statements(tables: dict[str, list[dict[str, Any]]]) -> dict[tuple[str, str], int]:
    """Per pair of sources, the statement rows both carry: the count the pair sentences, the index and the
    side-by-side all use."""
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for carried in _statement_sources(tables):
        for a, b in itertools.combinations(sorted(carried), 2):
            shared[(a, b)] += 1
    return dict(shared)


def shared_in_part(tables: dict[str, list[dict[str, Any]]], names: bool = False) -> dict[tuple[str, str], int]:
    """Per pair of sources, the rows both carry that are shared only in part (``compare.findings.partial``), or
    with ``names``, those linked on names alone (their verdict says so: 'linked on names')."""
    rows = {r["subjects"][0] for r in tables.get("findings") or ()
            if r["kind"] == "row-shared-in-part" and r["verified"]
            and r["sentence"].startswith("linked on names") == names}
    carried: dict[str, set[str]] = defaultdict(set)
    for r in tables["sentences"]:
        if r["claim"] in rows:
            carried[r["claim"]].add(r["source"])
    out: dict[tuple[str, str], int] = defaultdict(int)
    for sources in carried.values():
        for a, b in itertools.combinations(sorted(sources), 2):
            out[(a, b)] += 1
    return dict(out)


def statement_count(tables: dict[str, list[dict[str, Any]]]) -> tuple[int, int]:
    """(statement rows, those at least two sources carry), as the side-by-side shows them."""
    rows = _statement_sources(tables)
    return len(rows), sum(1 for carried in rows if len(carried) > 1)


def _row_group(members: Sequence[tuple[str, int]], sentences: dict[tuple[str, int], dict[str, Any]]) -> str:
    """Where a statement row goes: page structure and background passages are kept apart from statements."""
    rows = [sentences[m] for m in members if m in sentences]
    if rows and all(r["structure"] for r in rows):
        return "structure"
    if rows and all(r["background"] for r in rows):
        return "background"
    return "statements"


def in_reference_order(rows: list[dict[str, Any]], reference: str | None) -> list[dict[str, Any]]:
    """Statement rows in the order the reference tells them; a row the reference lacks follows the row of the
    nearest earlier sentence of its own source that the reference does have, so additions sit where their
    source put them instead of piling up at the end."""
    position: dict[tuple[str, int], float] = {}
    for row in rows:
        mine = [i for sid, i in row["members"] if sid == reference]
        if mine:
            for sid, i in row["members"]:
                position[(sid, i)] = min(mine)

    def key(row: dict[str, Any]) -> tuple[float, int, int, str, int]:
        mine = [i for sid, i in row["members"] if sid == reference]
        if mine:
            return (min(mine), 0, 0, "", 0)
        sid, first = min(row["members"])
        anchor = next((position[(sid, j)] for j in range(first - 1, -1, -1) if (sid, j) in position), -1)
        return (anchor, 1, sum(1 for s, _ in row["members"] if s != sid), sid, first)

    return sorted(rows, key=key)


REWORDED_SHARE = 0.5
"""Share of a cell's words absent from the anchor's wording above which the cell is called reworded and shown
without word highlighting: when most words differ, highlighting them all says nothing.  Words the anchor has in
another order count as present: a teacher read "reworded" on a cell that only reordered the anchor's words
(6 of 20 absent) as a claim that most words differ."""

SENTENCE_BREAK = ("|", "")
"""A run marking where one sentence of a merged rendering ends and the next begins."""


def cell_view(runs: Sequence[tuple[str, str]], sentences: Sequence[str], anchor: bool,
              other_language: bool = False) -> dict[str, Any]:
    """One source's cell of a statement row: its word diff against the anchor, or its plain sentences.

    A rendering made of several sentences (a merge) shows where each ends;
    one that mostly differs is marked reworded rather than highlighted
    throughout; one in another language than the anchor is shown plain, as
    words cannot be compared across languages.
    """
    shown = [(op, piece) for op, piece in runs if op != "-"]
    marked = _marked_only_if_absent(shown, runs)
    words = [(op, word) for op, piece in marked for word in re.findall(r"\w+", piece)]
    absent = sum(1 for op, _ in words if op == "+")
    if anchor or other_language or absent > REWORDED_SHARE * max(len(words), 1):
        plain: list[tuple[str, str]] = []
        for number, sentence in enumerate(sentences):
            if number:
                plain.append(SENTENCE_BREAK)
            plain.append(("=", sentence))
        return {"sentences": len(sentences), "runs": plain, "reworded": not anchor and not other_language}
    shown = marked
    # Cut the diff's runs where one joined sentence ends (the sentences were joined with one space).
    bounds, position = set(), -1
    for sentence in sentences[:-1]:
        position += len(sentence) + 1
        bounds.add(position)
    split: list[tuple[str, str]] = []
    position = 0
    for op, piece in shown:
        start = 0
        for offset in range(len(piece)):
            if position + offset in bounds:
                if piece[start:offset]:
                    split.append((op, piece[start:offset]))
                split.append(SENTENCE_BREAK)
                start = offset + 1
        if piece[start:]:
            split.append((op, piece[start:]))
        position += len(piece)
    return {"sentences": len(sentences), "runs": split, "reworded": False}


_WORD_OR_GAP = re.compile(r"\w+|\W+", re.UNICODE)


def _marked_only_if_absent(shown: Sequence[tuple[str, str]], runs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The diff's inserted words, kept marked only where the reference has no such word anywhere.

    difflib marks a word inserted out of the reference's order ('to', 'in' moved) although the reference has it:
    the legend promises that a marked word is not in the reference's wording, so such words are shown plain.
    The spaces and punctuation between two marked words stay marked, so a marked phrase reads as one.
    """
    reference = {w.casefold() for op, piece in runs if op in ("=", "-") for w in re.findall(r"\w+", piece)}
    tokens: list[tuple[str, str]] = []
    for op, piece in shown:
        for token in _WORD_OR_GAP.findall(piece):
            word = token[:1].isalnum() or token[:1] == "_"
            tokens.append(("+" if op == "+" and (not word or token.casefold() not in reference) else "=", token))
    out: list[tuple[str, str]] = []
    for k, (op, token) in enumerate(tokens):
        if op == "+" and not (token[:1].isalnum() or token[:1] == "_"):  # a gap is marked only between marked words
            before = next((o for o, t in reversed(tokens[:k]) if t[:1].isalnum() or t[:1] == "_"), "=")
            after = next((o for o, t in tokens[k + 1:] if t[:1].isalnum() or t[:1] == "_"), "=")
            op = "+" if before == after == "+" else "="
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + token)
        else:
            out.append((op, token))
    return out


QUOTE_MARKS_STRIPPED = "“”\"'«»"
"""Marks around a quotation's text, left out where a question puts its own around it."""
QUESTION_QUOTE_WORDS = 25
"""Words of a quotation shown in a teaching question: enough to find it in the page and the hand-out."""


def _clip(text: str, limit: int = QUESTION_QUOTE_WORDS) -> str:
    words = text.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


CUE_TAGS = frozenset(label for label, _ in CUE_CLASSES)


def _names_only(text: str, candidate: str, language: str, candidate_language: str,
                candidate_source: str = "", candidate_row: str | None = None) -> str | None:
    """What a one-source row's nearest candidate shares with its sentence where that is names, titles and at most one
    other word, else None: the shared names, the shared title words and the other word, each quoted, and whether the
    two may make the same point.

    Why: r44 and r47 (2017 c8, c7): a candidate naming the same ministers and nothing of the statement was said to
    "may say the same in part or in other words"; the tool knows only the words the two share, so it says them
    (``compare.findings.partial``'s word rules).  r51 to r53 (2017 c7/c32): "beyond names and titles only
    ‘expected’" hid the titles the two share ('Russian', 'Foreign', 'Minister', 'Japanese', 'counterparts'), and
    both plainly say Russia's foreign minister is expected to meet his Japanese counterpart Kishida.  The rule
    (``names_only_point``): shared names, a shared title word and a shared word beyond them (the predicate,
    'expected') may be one point, said as "may make the same point in part"; names alone, or names and titles
    alone, are who is named, not what is said ("whether they make a point in common, the tool cannot tell")."""
    if not text or not candidate or language != candidate_language:
        return None
    shared = shared_and_own(text, candidate, language)[0]
    if len(shared) > PARTIAL_MAX_SHARED:
        return None
    found = shared_words(text, candidate, language)
    names = [w for w in found if w[:1].isupper() and lemma(w.lower(), language) not in PARTIAL_TITLES]
    if not names:
        return None
    theirs = {lemma(w.lower(), language) for w in re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", candidate)}
    # a title word is listed only where the other sentence has the same word ('Ministry' is not 'Minister')
    titles = [w for w in found if w not in names and lemma(w.lower(), language) in PARTIAL_TITLES
              and lemma(w.lower(), language) in theirs]
    rest = [w for w in found if w not in names and w not in titles] if shared else []
    names = list(dict.fromkeys(re.sub(r"['’]s$", "", w) for w in names))  # 'Lavrov’s' is the name 'Lavrov'
    said = [f"the name{'s' if len(names) > 1 else ''} {_quoted_words(names)}"]
    if titles:
        said.append(f"the title word{'s' if len(titles) > 1 else ''} {_quoted_words(titles)}")
    where = f" ({candidate_source}'s sentence is row {candidate_row.rsplit(':', 1)[-1]})" if (
        candidate_source and candidate_row) else ""
    if names_only_point(names, titles, rest):
        return (f"the two share {', '.join(said)} and {_quoted_words(rest)}: they may make the same point in part"
                f"{where}; compare them")
    return (f"the two share {' and '.join(said)}"
            + (f" and {_quoted_words(rest)}" if rest else " and, beyond these, nothing")
            + f"; whether they make a point in common, the tool cannot tell{where}")


def names_only_point(names: Sequence[str], titles: Sequence[str], rest: Sequence[str]) -> bool:
    """Whether two sentences that share only names, titles and a word may make one point: a shared name (who), a
    shared title word (the office: 'foreign minister', 'counterpart') and a shared word beyond them (what is said
    of them: 'expected'), all three.  Names alone are who is named; a word beside them alone may be chance."""
    return bool(names) and bool(titles) and bool(rest)


def _quoted_words(found: Sequence[str]) -> str:
    return ", ".join(f"‘{w}’" for w in found)


def row_labels(members: Sequence[tuple[str, int]], links: Sequence[Link],
               texts: Mapping[tuple[str, int], str] | None = None, languages: Mapping[str, str] | None = None,
               original_of: Mapping[str, str] | None = None) -> set[str]:
    """The tags of a side-by-side row: those of the links between two of its own sentences, and its cue tags.

    A link from one of the row's sentences to a sentence shown in another row (or in none) says nothing about
    what this row's cells differ in, so its tags stay off the row.  A cue tag (modal, negation, hedge,
    intensifier, left-open) says the word is in some of the row's cells and not in the others: it is read from
    the cells themselves (``compare.align.row_cues``), each in its own language's word list, a translation
    against its original where the row holds both, and a cell whose language the list does not hold is not
    compared (issue 23, rW2: "hedge" beside five cells that all said "allegedly", one in English; r46, 2017 c1).
    Without ``texts`` only the links' tags are given.
    """
    inside = set(members)
    labels = {label for link in links
              if (link.source_a, link.sentence_a) in inside and (link.source_b, link.sentence_b) in inside
              for label in link.labels}
    if texts is None:
        return labels
    cells: dict[str, list[str]] = defaultdict(list)
    for sid, index in sorted(members):
        cells[sid].append(texts.get((sid, index), ""))
    return ({label for label in labels if label not in CUE_TAGS}
            | row_cue_tags({sid: " ".join(parts) for sid, parts in cells.items()}, languages or {},
                           original_of or {}))


def _preview_note(kind: str, members: Sequence[tuple[str, int]], ahead_of: Sequence[str],
                  text: Mapping[tuple[str, int], str], info: Mapping[tuple[str, int], Mapping[str, Any]],
                  date: str | None) -> list[str]:
    """Per preview of the event (``compare.findings.preview``), its note on an "only in" row of another source whose
    sentence reads as an outcome told in the past tense; nothing elsewhere (say less rather than something doubtful)."""
    if kind != "only-one-source" or len(members) != 1 or members[0][0] in ahead_of:
        return []
    key = members[0]
    if info.get(key, {}).get("background") or not reports_outcome(text.get(key, ""), date):
        return []
    return [ROW_NOTE.format(sid=sid) for sid in ahead_of]


def event_page(
    item: EventResult, run: RunResult, tables: dict[str, list[dict[str, Any]]], set_index: SetIndex | None = None
) -> dict[str, Any]:
    ids = [s.id for s in item.sources]
    labels = _label(tables["sources"])
    reference = item.alignment.reference
    languages = {r["source"]: r["language"] for r in tables["sources"]}
    # a translation's cue tags are read against its original where the row holds both (compare.align.row_cues)
    original_of = {r["to"]: r["from"] for r in tables.get("provenance") or ()
                   if r["relation"] in TRANSLATION_RELATIONS and r["from"]}
    chrf = _pair_matrix(ids, tables["pairs"], "chrf", "chrf_reverse", languages)
    coverage = _pair_matrix(ids, tables["pairs"], "coverage_a_in_b", "coverage_b_in_a")

    rows = []
    alignment = item.alignment
    sentence_text = {(s.id, sent.index): sent.text for s in item.sources for sent in s.sentences}
    sentence_info = {(r["source"], r["index"]): r for r in tables["sentences"]}
    claim_of = _claim_of(item)
    repeats = repeated(tables)
    # the other direction of align.other_speakers: a sentence named as making the points of another speaker's
    # one-source statement, with that statement (its source, index and record)
    points_of = {(said.source, said.sentence): (key.rsplit(":", 1)[0], int(key.rsplit(":", 1)[1]), said)
                 for key, said in sorted(alignment.said_by_another.items())}
    # a link that shares only names, titles and one word says so (compare.findings.partial)
    in_part = {r["subjects"][0]: r["sentence"] for r in tables.get("findings") or ()
               if r["kind"] == "row-shared-in-part" and r["verified"]}
    # a row whose sources word a stance at different strength (or on one side only) says so, with whose words, and
    # is tagged (compare.findings.stance)
    stance = {r["subjects"][0]: r["sentence"] for r in tables.get("findings") or ()
              if r["kind"] == "row-stance-strength" and r["verified"]}
    # an "only in" row of a report that tells an outcome in the past tense says that a preview of the set could not
    # have it (r54, 2017 c34: TASS, written before the talks, read as leaving out what they agreed)
    ahead_of = sorted(previews(tables.get("findings")))
    # a rewrite's bent phrase that, restored, shares words with another source's unlinked statement: both rows
    # point at each other (issue 23, r42, 2017 c10/c37; compare.findings.unspun)
    unspun = unspun_pointers([a for result in item.artifacts for a in result.artifacts], tables["sentences"],
                             [k for k, r in sentence_info.items()
                              if not (r["linked"] or r["only_here"] or r["background"] or r["structure"])])
    # a sentence cut out of a background passage keeps a note of the passage wherever it is shown (r46, 2019 c28)
    cut_notes = cut_from_passage(item)
    # a copy's verified left-out statements: its empty cell in their rows says so, as "What the copies changed"
    # does (rH0 p15 M4: "that it leaves the statement out was not established" where the page said it does)
    left_out = {(r["figures"]["changed"], r["figures"]["parent"], k): len(r["figures"]["sentences"])
                for r in tables.get("findings") or () if r["kind"] == "left-out" and r["verified"]
                for k in r["figures"]["sentences"]}
    for claim in alignment.claims:
        by_source: dict[str, list[int]] = defaultdict(list)
        for sid, index in claim.members:
            by_source[sid].append(index)
        diffs = alignment.claim_diffs[claim.id]
        anchor = alignment.claim_anchors[claim.id]
        cells = {sid: cell_view(diffs[sid], [sentence_text[(sid, i)] for i in sorted(by_source[sid])],
                                sid == anchor, languages.get(sid) != languages.get(anchor))
                 for sid in ids if sid in by_source}
        labels_here = sorted(row_labels(claim.members, alignment.links, sentence_text, languages, original_of)
                             | ({STANCE_TAG} if claim.id in stance else set()))
        near = (alignment.nearest.get(f"{claim.members[0][0]}:{claim.members[0][1]}")
                if len(claim.members) == 1 else None)
        if near is not None and near.counterpart is False:
            near = None  # the absence test's model rules it out as a rendering: not quoted as a candidate
        near_text = sentence_text.get((near.source, near.sentence), "") if near else ""
        second_key = (getattr(near, "second_source", None), getattr(near, "second_sentence", None)) if near else None
        second_text = sentence_text.get(second_key, "") if second_key and second_key[0] else ""
        near_row = sentence_info.get((near.source, near.sentence)) if near else None
        near_background = int(near_row["paragraph"]) + 1 if near_row and near_row["background"] else None
        said = (alignment.said_by_another.get(f"{claim.members[0][0]}:{claim.members[0][1]}")
                if len(claim.members) == 1 else None)
        said_text = sentence_text.get((said.source, said.sentence), "") if said else ""
        similar = None
        if said is None and len(claim.members) == 1 and claim.kind == "no-close-match" and claim.members[0] in points_of:
            source, index, record = points_of[claim.members[0]]
            similar = SaidByAnother(source=source, sentence=index, score=record.score,
                                    speaker=record.other_speaker, other_speaker=record.speaker)
            said_text = sentence_text.get((source, index), "")
        empty = {sid: cell_words(verified_cell(claim.id, claim.kind, sid, claim.members, tables["sentences"],
                                               near, near_text, said or similar, said_text, near_background,
                                               second_text))
                 for sid in ids if sid not in by_source}
        for sid, cell in empty.items():
            lacking = next(((parent, n) for parent, k in claim.members
                            if (n := left_out.get((sid, parent, k))) is not None), None)
            if lacking is not None and cell["status"] == "not linked" and not cell.get("quote"):
                parent, n = lacking
                parent = labels.get(parent, parent)
                cell.update(status=f"left out (one of the {n} statements of {parent} this copy lacks)"
                            if n > 1 else f"left out (the statement of {parent} this copy lacks)",
                            title=f"This source copies {parent} (or a text worded like it) and has no sentence "
                                  f"for this statement of {parent}'s, checked against the links between the two "
                                  "texts: see “What the copies changed”")
        for sid in rendered_in_another_language(list(cells), languages, anchor):
            cells[sid]["across"] = CROSS_LANGUAGE_NOTE  # linked by meaning: say what was compared (truth22)
        for sid, cell in cells.items():
            notes = sorted({cut_notes[(sid, i)] for i in by_source[sid] if (sid, i) in cut_notes})
            if notes:
                cell["cut_from"] = " ".join(notes)
        for sid, cell in empty.items():
            if cell.get("quote") and near is not None and sid == near.source and (sid, near.sentence) in cut_notes:
                cell["quote_from"] = cut_notes[(sid, near.sentence)]
            if cell.get("second_quote") and second_key and sid == second_key[0] and second_key in cut_notes:
                cell["second_from"] = cut_notes[second_key]
        again = repeats.get(claim.members[0]) if len(claim.members) == 1 else None
        rows.append({
            "not_every_part": not_every_part(claim, ids, alignment.links),
            "every_cell": every_cell(claim, ids, alignment.links),
            "in_part": in_part.get(claim.id),
            "stance": stance.get(claim.id),
            "id": claim.id, "kind": claim.kind, "sources": sorted(by_source, key=ids.index),
            "said_again": ({"source": again["subjects"][0], "row": again["figures"]["row"].rsplit(":", 1)[-1],
                            "speaker": again["figures"]["speaker"]} if again else None),
            "labels": labels_here, "cells": cells, "empty": empty, "anchor": alignment.claim_anchors[claim.id],
            "nearest": near,
            "nearest_background": near_background,
            "nearest_mutual_row": _mutual_row(alignment, claim.members, near, near_row),
            "second_source": (second_key[0] if second_text and near_background is None
                              and any(e.get("second_quote") for e in empty.values()) else None),
            # a candidate that is another row's counterpart says so (2017 c10: Inada's quotation, linked in row c1)
            "nearest_linked_row": (str(near_row["claim"]).rsplit(":", 1)[-1]
                                   if near_row and near_row["linked"] and near_row["claim"] else None),
            # an "only in" row whose subject another source speaks of in a background passage, not compared, says
            # so (issue 23, r42, 2017 c33)
            "background_words": [{"source": sid, "paragraph": e["paragraph"], "words": e["words"]}
                                 for sid, e in empty.items() if e.get("words")],
            "said_by_another": said_view(said, claim_of.get((said.source, said.sentence)) if said else None, empty),
            "similar_points": said_view(similar, claim_of.get((similar.source, similar.sentence)) if similar else None,
                                        empty),
            "group": _row_group(claim.members, sentence_info),
            "members": claim.members,
            "unspun": _unspun_view(unspun.get(claim.members[0]) if len(claim.members) == 1 else None, claim_of),
            "preview": _preview_note(claim.kind, claim.members, ahead_of, sentence_text, sentence_info,
                                     item.event.evidence_date),
            # what a rendering in another language changes in a checkable detail, where a calibrated check says so
            "translation_notes": row_notes({sid: " ".join(sentence_text[(sid, i)] for i in sorted(by_source[sid]))
                                            for sid in by_source}, languages, labels),
        })
        rows[-1]["nearest_names_only"] = _names_only(
            sentence_text.get(claim.members[0], ""), near_text, languages.get(claim.members[0][0], ""),
            languages.get(near.source, "") if near else "", near.source if near else "",
            claim_of.get((near.source, near.sentence)) if near else None)
        _name_the_linked_candidate(rows[-1])
    rows = in_reference_order(rows, reference or (ids[0] if ids else None))

    canonical = (set_index or SetIndex.of(run)).speakers
    by_source_id = {s.id: s for s in item.sources}
    quotes_by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    said = [q for q in tables["quotes"] if verify_rendering(rendering(q), tables["sentences"]).verified]
    # A quote of part of a statement ("on their territory") is shown under the whole statement it is part of.
    statement_of = {id(q): max((r["reference_text"] for r in said if r["reference_source"] == q["reference_source"]
                                and same_statement(q["reference_text"], r["reference_text"])
                                and len(r["reference_text"]) >= len(q["reference_text"])),
                               key=lambda text: (len(text), text))
                    for q in said}
    statements: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    translated = {(r["from"], r["to"]) for r in tables.get("provenance") or ()
                  if r["from"] and r["relation"] in ("translation", "machine-translation")}
    for q in said:
        speaker = canonical.get((q["speaker"] or "").casefold(), q["speaker"] or "unattributed")
        statements.setdefault((speaker, q["reference_source"], statement_of[id(q)]), []).append(q)
    for (speaker, reference_source, statement), renderings in statements.items():
        group = quotes_by_speaker[speaker]
        others = [q for q in renderings if q["source"] != reference_source]
        if others:
            # The reference rendering heads its renderings, so a reader sees what the others are read against;
            # under it, the sources whose quotations were checked and matched none of it.
            unpaired = [sid for sid in ids if sid != reference_source and sid not in {q["source"] for q in others}]
            checked = established_absent(statement, reference_source, unpaired, tables["sentences"])
            # a same-language sentence holding the statement's words, not paired as a quotation, is named with it
            # (a changed figure makes a divergent version, not an absence; truth18, p03 F3)
            also = sentence_versions({q["source"]: q["text"] for q in renderings}, unpaired, tables["sentences"])
            missing = verify_not_found(not_found(speaker, reference_source, statement, checked), tables["quotes"],
                                       tables["sentences"])
            original = [q for q in others if (reference_source, q["source"]) in translated]
            group.append({"source": reference_source, "reference_source": reference_source,
                          "original": bool(original),
                          "translators": " ".join(filter(None, [
                              translators_note(reference_source, original, languages, labels),
                              credit_spellings(renderings, run.annotations, labels),
                              credit_inherited(renderings, run.annotations, labels, speaker, reference_source,
                                               by_source_id)])),
                          "fidelity": "reference", "chrf": 100.0, "dropped": [], "added": [],
                          "runs": [("=", statement)],
                          "not_found": " ".join(
                              ([not_found_words(missing, labels)] if checked and missing.verified else [])
                              + [f"{labels.get(sid, sid)} has most of its words in a sentence not paired as a "
                                 f"quotation: “{text}”" for sid, text in also]),
                          "also": [{"source": sid, "text": text} for sid, text in also],
                          **_reference_around(by_source_id.get(reference_source), statement)})
        for q in renderings:
            # A translated rendering is shown plain: a word diff across two languages marks every word.
            compared = q["source"] != q["reference_source"] and languages.get(q["source"]) == languages.get(
                q["reference_source"])
            alone = ""
            if q["fidelity"] == UNMATCHED:
                # a quotation no other source renders: say which sources were checked, not that it is "only" here
                checked = established_absent(q["text"], q["source"], [sid for sid in ids if sid != q["source"]],
                                             tables["sentences"])
                missing = verify_not_found(not_found(speaker, q["source"], q["text"], checked), tables["quotes"],
                                           tables["sentences"])
                alone = not_found_words(missing, labels) if checked and missing.verified else ""
            before, after = _around(by_source_id.get(q["source"]), q["start"], q["end"])
            group.append(dict(q, runs=q["diff"] if compared else [("=", q["text"])], not_found=alone,
                              before=before, after=after))

    by_family: dict[str, dict[str, list[dict[str, Any]]]] = {}
    texts_by_id = {s.id: s.text for s in item.sources}
    for a in tables["artifacts"]:
        text = texts_by_id[a["source"]]
        before = text[max(0, a["start"] - 60):a["start"]]
        before = before.split(" ", 1)[1] if a["start"] > 60 and " " in before else before
        after = text[a["end"]:a["end"] + 60]
        after = after.rsplit(" ", 1)[0] if len(text) > a["end"] + 60 and " " in after else after
        by_family.setdefault(a["source"], {}).setdefault(a["category"], []).append(
            dict(a, before=before, after=after)
        )

    names: dict[str, dict[str, Any]] = {}
    voiced = voiced_names(tables)
    elsewhere = _spellings_only_in_background(item, run, tables)
    for row in tables["names"]:
        entry = names.setdefault(row["entity"], {"name": row["name"], "type": row["type"], "spellings": {}, "choices": {},
                                                 "elsewhere": {}})
        if row["spellings"]:
            entry["spellings"][row["source"]] = row["spellings"]
            entry["elsewhere"][row["source"]] = [s for s in row["spellings"]
                                                 if (row["entity"], row["source"], s) in elsewhere]
        if row["naming_choice"]:
            entry["choices"][row["source"]] = list(dict.fromkeys(
                said for text in row["naming_choice"] for said in voiced.get((row["source"], text), [f"“{text}”"])))
    for entity_id, entry in names.items():
        entry["uncompared"] = uncompared_cells(entity_id, entry, ids, languages, {s.id: s.text for s in item.sources})
    name_list = sorted(
        names.values(),
        key=lambda e: (not e["choices"], not is_contested_label(e["name"]),
                       -len({s for v in e["spellings"].values() for s in v}), e["name"]),
    )

    mt_parts = {a.source_id: a.mt_parts for a in item.artifacts}
    # Only the families that flagged something: a source without flags gets no empty "( per 1,000 words)".
    density = {a.source_id: {family: d for family, d in a.density.items() if d} for a in item.artifacts}
    shown_title, neutral = page_title(item, run)
    shown = written_speakers(quotes_by_speaker, run.annotations.entities)
    # a body's name takes 'the' in a sentence ("What the Russian Foreign Ministry is quoted as saying")
    bodies = {e.name for e in run.annotations.entities if e.type.upper() in ("ORGANISATION", "ORGANIZATION")}
    # a capital or country quoted as a speaker ('Moscow believes ...') stands for its government: an institution,
    # not a person, and not necessarily another source than the ministry quoted beside it
    places = {e.name for e in run.annotations.entities if e.type.upper() in ("PLACE", "GPE", "LOC", "LOCATION")}
    page = {
        "event": item.event,
        "date_words": date_words(item.event.date, item.event.date_given),
        "evidence": sorted(item.event.evidence.items()),
        "sources": tables["sources"],
        "reference": reference,
        "labels": labels,
        "outlets": {r["source"]: r["outlet"] or r["source"] for r in tables["sources"]},
        "any_url": any(r["url"] for r in tables["sources"]),
        "sizes": {s.id: shown_size(s) for s in item.sources},
        "heatmap": matrix_svg(ids, chrf, "Pairwise chrF (0-100): how close the wording of each pair is",
                              scale=100.0, row_axis="reference side", column_axis="compared source"),
        "coverage": matrix_svg(ids, coverage, "Coverage: share of the row source's compared text found in the column source (%)",
                               scale=1.0, fmt="{:.0%}", row_axis="source whose content is looked for",
                               column_axis="source it is looked for in"),
        "overview": overview_sentences(tables, reference),
        "pair_sentences": pair_sentences(tables["pairs"], {r["source"]: (r["outlet"] or r["source"]) for r in tables["sources"]},
                                         shared_statements(tables),
                                         languages, shared_in_part(tables), shared_in_part(tables, names=True)),
        "languages": languages,
        "title": shown_title,
        "title_neutral": neutral,
        "title_basis": page_title_basis(item, run) if neutral else None,
        # "each report's own headline is in the sources table" only where each has one there (rW3a F4: the sources
        # table of plain texts showed none; 2019 seed 000 has none)
        "headlines_shown": all(r.get("title") for r in tables["sources"]),
        "title_language": None if neutral else title_language(item.event.title, tables["sources"]),
        "title_source": None if neutral else title_source(item.event.title, tables["sources"]),
        "cross_language": len(set(languages.values())) > 1,
        "claims": rows,
        "left_out_cells": any(cell["status"].startswith("left out") for r in rows for cell in r["empty"].values()),
        "claim_kinds": sorted({r["kind"] for r in rows}),
        "all_labels": sorted({label for r in rows for label in r["labels"]}),
        "label_meanings": label_meanings(label for r in rows for label in r["labels"]),
        "cross_language_legend": (CROSS_LANGUAGE_LEGEND if any(c.get("across") for r in rows for c in r["cells"].values())
                                  else ""),
        "ids": ids,
        "columns": ([reference] if reference in ids else []) + [sid for sid in ids if sid != reference],
        "quotes": sorted((shown.get(name, name), group) for name, group in quotes_by_speaker.items()),
        "speaker_phrase": {shown.get(name, name): (f"the {name}" if name in bodies else shown.get(name, name))
                           for name in quotes_by_speaker},
        "speaker_kind": {shown.get(name, name): ("institution" if name in bodies else "place" if name in places
                                                 else "person") for name in quotes_by_speaker},
        "speaker_language": {shown.get(name, name): language
                             for name, language in _speaker_languages(item, run, canonical).items()},
        "names": name_list,
        "spelt_apart": spelt_apart(name_list, languages),
        "artifacts": by_family,
        "artifact_scope": artifact_scope(languages),
        "families": family_titles(),
        "mt_parts": mt_parts,
        "mt_figures": {f.source_id: f for f in item.mt},
        "density": density,
        "removed": {s.id: [r for r in tables["residue"] if r["source"] == s.id] for s in item.sources},
        "pairs": tables["pairs"],
        "signatures": item.alignment.signatures,
        "questions": teaching_questions(tables, reference),
        "background": _background_rows(item),
        "elsewhere": _reported_elsewhere(item, run),
        "sections": [section for section in SECTIONS if len(ids) > 1 or not section.comparative],
        "run_signatures": run_signatures(run.settings),
    }
    for section in SECTIONS:
        if section.context is not None:
            page.update(section.context(item, run, tables))
    page["glance"] = glance(tables, reference, rows, page["outlets"])
    page["kind_of"] = {k["source"]: k for k in page["glance"]["kinds"]}
    # a checkable count beside the date, where it explains the gaps: no "preview" is inferred (compare.findings.tense)
    page["future_of"] = {r["subjects"][0]: r["sentence"] for r in tables.get("findings") or ()
                         if r["kind"] == "future-statements" and r["verified"]}
    # r50 (2019): 000's Lavrov quotations were labelled "paraphrase" against MID's with nothing saying both are
    # English renderings of words said in Russian; the hand-out said so, the quotes section did not
    page["speaker_translated"] = {speaker: _translated_from(page, speaker) for speaker in page["speaker_language"]}
    page["folds"] = {section.name: section.fold(page) for section in page["sections"] if section.fold is not None}
    return page


def _spellings_only_in_background(item: EventResult, run: RunResult,
                                  tables: dict[str, list[dict[str, Any]]]) -> set[tuple[str, str, str]]:
    """(entity, source, spelling) where every mention of that spelling in the source sits in a background passage:
    the names table says so beside it, as the contested-name row does (r36, 2019: 000's 'Asia-Pacific region' is
    only in its paragraphs on the 2017 and 2018 meetings)."""
    background = {(r["source"], r["index"]) for r in tables["sentences"] if r["background"]}
    where: dict[tuple[str, str, str], set[bool]] = defaultdict(set)
    mentions = getattr(run.annotations, "mentions", None) or {} if run is not None else {}
    for source in item.sources:
        for mention in mentions.get(source.id, ()):
            if mention.entity:
                where[(mention.entity, source.id, mention.text)].add((source.id, mention.sentence) in background)
    return {key for key, places in where.items() if places == {True}}


def written_speakers(groups: dict[str, list[dict[str, Any]]], entities: Sequence[Any]) -> dict[str, str]:
    """Speaker heading -> the name as the quoting sources write it, where they all write one full form: 2019's
    Shoigu is quoted by 000 alone, which writes 'Sergey Shoigu', not the set's 'Sergei Shoigu'.  Where the
    quoting sources spell the name differently, the set's canonical name stays (the names table shows each)."""
    by_name = {e.name: e for e in entities if e.type.upper() == "PERSON"}
    out = {}
    for name, rows in groups.items():
        entity = by_name.get(name)
        if entity is None:
            continue
        forms = {form for row in rows for form in entity.variants.get(row["source"], ()) if len(form.split()) > 1}
        if len(forms) == 1:
            out[name] = forms.pop()
    return out


def _speaker_languages(item: EventResult, run: RunResult, canonical: dict[str, str]) -> dict[str, str]:
    """Speaker (as the quotes section heads them) -> the language they spoke, where a report's text tells
    (``compare.provenance.speakers``): the hand-out then says every version of their words is a translation."""
    out: dict[str, str] = {}
    for source in item.sources:
        for quoted in quoted_speakers(source, run.annotations):
            name = canonical.get(quoted.speaker.casefold(), quoted.speaker)
            out.setdefault(name, LANGUAGE_NAMES.get(quoted.language, quoted.language))
    return out


HANDOUT_NAMES = 8
"""Names on the hand-out: the contested and most variously spelled first; more would push it past two A4 pages."""


def _background_rows(item: EventResult) -> list[dict[str, Any]]:
    """Background passages as the page lists them: a passage that starts inside its paragraph says from which
    words, since the sentences before them are compared as this event's (2017: 'paragraph 7' read as all of it)."""
    by_id = {s.id: s for s in item.sources}
    rows = []
    listed: set[tuple[str, int]] = set()
    for b in item.event.background:
        if (b.source_id, b.paragraph) in listed:
            continue  # the rest of a passage a sentence about this event was cut out of (compare.present_occasion)
        listed.add((b.source_id, b.paragraph))
        source = by_id.get(b.source_id)
        inside = source is not None and b.start > source.paragraphs[b.paragraph][0]
        words = source.text[b.start:b.end].split()[:6] if inside else []
        own, reason = background_label(b.date, b.reason)
        rows.append({"source_id": b.source_id, "paragraph": b.paragraph, "date": own, "reason": reason,
                     "linked_event": b.linked_event, "from_words": " ".join(words) + ("…" if words else "")})
    return _headings_with_their_dates(rows)


def _headings_with_their_dates(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A heading opens every background paragraph that follows it, up to the next heading or a compared
    paragraph: it is about all their dates, not the first one's (2019: 000's 'Four meetings of Ministers of
    Russia and Japan' opens paragraphs on 2018, March 2017 and 2013, and was labelled "about 2018-07-31")."""
    for k, row in enumerate(rows):
        if not row["reason"].startswith("heading of a background passage about "):
            continue
        dates: list[str] = []
        paragraph = row["paragraph"]
        for after in rows[k + 1:]:
            if (after["source_id"] != row["source_id"] or after["paragraph"] != paragraph + 1
                    or after["reason"].startswith("heading of a background passage")):
                break
            paragraph = after["paragraph"]
            if after["date"] and after["date"] != "undated" and after["date"] not in dates:
                dates.append(after["date"])
        dates = _finest_dates(dates)
        if len(dates) > 1:
            row["reason"] = f"heading of a background passage about earlier occasions ({', '.join(dates)})"
    return rows


def _finest_dates(dates: list[str]) -> list[str]:
    """Drop a date that is a coarser form of another listed one: '2018' within '2018-07-31' is most likely the
    same occasion named again (2019: 000's 'on 31 July last year' then 'At the meeting in 2018'), and listing
    both reads as one more earlier occasion than the text holds."""
    return [d for d in dates if not any(o != d and o.startswith(d + "-") for o in dates)]


_SECTION_REASON = re.compile(r"^in the section under the heading '(?P<heading>.*)', which opens with (?P<date>\S+)(?P<rest>.*)$",
                             re.S)


def background_label(date: str | None, reason: str) -> tuple[str, str]:
    """(the date shown beside a background paragraph, the reason), as the page words them.

    Only a paragraph that names a date of its own is shown with it ("(2016-12)"); one that carries none (a
    heading, a paragraph that continues a dated one, or one in a section a dated passage opens) is "undated" and
    its reason says which passage it is read with.  2017: TASS's 'Meanwhile, Japan has been trying to link …'
    and Lavrov's words he 'said earlier', under the heading 'Peace treaty', were shown as "(2016-12)", a date
    the text never gives them.
    """
    if reason.startswith("dated ") or not date:
        return date or "", reason
    section = _SECTION_REASON.match(reason)
    if section:
        return "undated", (f"in a section opened by a passage about {section['date']} (under the heading "
                           f"'{section['heading']}'){section['rest']}")
    if reason.startswith("heading of a background passage"):
        return "", f"heading of a background passage about {date}" + reason.removeprefix("heading of a background passage")
    return "undated", reason


ELSEWHERE_WORDS = 40
"""Words of another report's background passage quoted where this event's page says it is reported there too."""


def _reported_elsewhere(item: EventResult, run: RunResult) -> list[dict[str, Any]]:
    """Passages of other events' reports that their pages link to this event as background (2019's 000 has a
    paragraph on the March 2017 meeting): this page names them, so a class knows a third account exists."""
    rows = []
    for other in run.events:
        if other.event.id == item.event.id:
            continue
        by_id = {s.id: s for s in other.sources}
        for b in other.event.background:
            source = by_id.get(b.source_id)
            if b.linked_event != item.event.id or source is None:
                continue
            words = source.text[b.start:b.end].split()
            rows.append({"source_id": b.source_id, "event": other.event.id, "paragraph": b.paragraph,
                         "text": " ".join(words[:ELSEWHERE_WORDS]) + ("…" if len(words) > ELSEWHERE_WORDS else "")})
    return rows


def _around(source: Source | None, start: int, end: int) -> tuple[str, str]:
    """The words of the sentence(s) around a quotation, before and after it: a quote of three words ('on their
    territory') means little without the sentence that says who said it and of what."""
    if source is None:
        return "", ""
    spans = [x for x in source.sentences if x.start < end and start < x.end]
    if not spans:
        return "", ""
    return source.text[spans[0].start:start], source.text[end:spans[-1].end]


def _reference_around(source: Source | None, statement: str) -> dict[str, str]:
    """The reference version's sentence around its quoted words, as the other versions have theirs: the hand-out
    printed p01-c's version as the quoted words alone beside p01-d's whole sentence, so a class would find
    "differences" in framing words p01-c has too (truth18, p01 M3).  Only where the words stand once in the text."""
    if source is None:
        return {}
    words = statement.strip()
    if source.text.count(words) != 1:
        words = statement.strip(QUOTE_MARKS_STRIPPED + " ")
    if not words or source.text.count(words) != 1:
        return {}
    start = source.text.find(words)
    before, after = _around(source, start, start + len(words))
    return {"before": before, "after": after}


def _translated_from(page: dict[str, Any], speaker: str) -> str:
    """The language a speaker spoke when every version on the hand-out is in another one ('Russian'), else ''."""
    spoken = page.get("speaker_language", {}).get(speaker, "")
    shown = {LANGUAGE_NAMES.get(language, language) for language in page["languages"].values()}
    return spoken if spoken and spoken not in shown else ""


WHOLE_NAME = "the whole chain's name"
_USAGE_LABEL = re.compile(r"^(“[^”]*”) \(([^;()]*)(?:; ([^()]*))?\)")


def _without_usage(name: dict[str, Any]) -> dict[str, Any]:
    """A names row for the hand-out: each source's words and their voice, without whose usage each name is, since
    that is the answer to the names question the hand-out asks ('“the northern territories” (Japanese government;
    the name it reports …)' -> '“the northern territories” (the name it reports …)')."""
    def bare(choice: str) -> str:
        # a name of the whole chain keeps that it is the chain's ('“Kuril Islands” (the whole chain's name)'): bare,
        # it read as the source's name for the disputed islands themselves (issue 23, r42)
        return _USAGE_LABEL.sub(lambda m: m.group(1) + (
            f" ({'; '.join(([WHOLE_NAME] if m.group(2).startswith('name of the whole') else []) + [m.group(3)] * bool(m.group(3)))})"
            if m.group(3) or m.group(2).startswith("name of the whole") else ""), choice)

    return {**name, "choices": {sid: [bare(c) for c in choices] for sid, choices in name["choices"].items()}}


def _chain_names_in_their_own_row(names: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The hand-out's names rows, a whole chain's name left out of a contested place's row where the same source's
    name is in a row of its own (the chain's) on the hand-out.

    Why: the hand-out drops whose usage each name is (the answer), so 2017's "disputed islands" row read
    '“Kuril Islands” (the whole chain's name); “disputed islands”' for 004, and a class wrote that 004 calls the
    disputed islands the Kuril Islands; 004 names the chain that takes them in (issue 23, r47).  A row lists only
    names of the concept it names; where the chain has no row of its own, the name stays, said as the chain's."""
    own_rows = {(sid, spelling.casefold()) for n in names for sid, spellings in n["spellings"].items()
                for spelling in spellings}
    out = []
    for n in names:
        choices = {sid: [c for c in shown if not (c.endswith(f"({WHOLE_NAME})") and (sid, c.split("”")[0].lstrip(
                   "“").casefold()) in own_rows)] for sid, shown in n["choices"].items()}
        out.append({**n, "choices": {sid: shown for sid, shown in choices.items() if shown}})
    return out


def handout_page(page: dict[str, Any]) -> dict[str, Any]:
    """The printable hand-out: the event page's findings without the answers.

    The statement shown is the quoted one with the most renderings (ties go
    to the one whose renderings differ most), so students compare versions
    of the same words themselves.
    """
    best: tuple[bool, int, float, str] | None = None
    statement: list[dict[str, Any]] = []
    speaker = ""
    for name, rows in page["quotes"]:
        groups: list[list[dict[str, Any]]] = []
        for row in rows:
            if row["fidelity"] in ("reference", UNMATCHED) or not groups:
                groups.append([row])
            else:
                groups[-1].append(row)
        for group in groups:
            renderings = {r["source"] for r in group} | {a["source"] for r in group for a in r.get("also", ())}
            if len(renderings) < 2:
                continue
            mean = sum(r["chrf"] for r in group) / len(group)
            # words someone is credited with before words credited to no one: "unknown said this" over a whole
            # sentence of narration was the hand-out's exercise (issue 23, planted p01 M9)
            key = (name not in NO_NAME, len(renderings), -mean, name)
            if best is None or key > best:
                best, speaker = key, name
                # each version is its whole sentence, the quoted words marked in it
                statement = [{"source": r["source"], "text": "".join(p for op, p in r["runs"] if op != "-"),
                              "before": r.get("before", ""), "after": r.get("after", "")} for r in group]
                # a version in a sentence the matcher did not pair (p03-b's "450-man SAS") is one of the versions
                statement += [{"source": a["source"], "text": a["text"], "before": "", "after": ""}
                              for r in group for a in r.get("also", ())]
    # a place whose names are contested is kept even spelled one way: its one name is a choice the names question
    # asks about (2017: 004's 'Etorofu' and 'Kunashiri', Japanese usage, beside its "disputed islands"; r41)
    names = [_without_usage(n) for n in page["names"]
             if len({s for v in n["spellings"].values() for s in v}) > 1 or n["choices"]
             or is_contested_label(n["name"])]
    # those rows come on top of the usual names, not instead of them (2019 keeps 000's 'Itsunori Onodera' row)
    contested = min(4, sum(1 for n in names if not n["choices"] and is_contested_label(n["name"])))
    names = _chain_names_in_their_own_row(names[:HANDOUT_NAMES + contested])
    return {
        "event": page["event"], "date_words": page["date_words"], "sources": page["sources"],
        "outlets": page["outlets"], "ids": page["ids"],
        "languages": page["languages"], "title_language": page["title_language"],
        "title_source": page["title_source"], "title": page["title"], "title_neutral": page["title_neutral"],
        "title_basis": page["title_basis"],
        "headlines_shown": page["headlines_shown"],
        "statement": statement, "statement_speaker": speaker, "statement_unnamed": speaker == UNNAMED_SPEAKER,
        "statement_unidentified": speaker == UNIDENTIFIED_SPEAKER,
        "statement_language": _translated_from(page, speaker), "names": names,
        "questions": page["questions"],
    }
