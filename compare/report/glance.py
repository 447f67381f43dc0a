"""The first screen of an event page: the reference, what differs most, and what each source is.

A teacher opens the page with three questions: which text is the others read against, where do they differ
most, and what is each one (written in its language, translated, machine-translated, rewritten).  Each answer
here is drawn from a finding that passed its check (``compare.findings``): the source kinds from
``source-kind`` rows of findings.csv, the differences from verified quote renderings, framing terms, the
side-by-side rows' tags and the cells' counts, so the first screen never says more than the sections below.
Each difference links to the row it rests on.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from compare.findings.cells import LABEL_MEANINGS
from compare.findings.cuts import MIN_KEEPERS, cut_rows, keepers, kept_words, unknown_cut_words
from compare.findings.framing import (
    background_only,
    mixed_findings,
    mixing_for,
    own_word,
    parts_named,
    term_findings,
    whole_findings,
    whole_words,
)
from compare.findings.kinds import KIND, kind_sentence, role_words, told_sentence
from compare.findings.preview import PREVIEW, preview_words, previews
from compare.findings.quotes import change_rank, rendering, swaps, verify_rendering
from compare.findings.repeats import repeated
from compare.findings.stance import brief_rows, stance_brief
from compare.findings.tense import outlooks
from compare.framing import dispute_of
from compare.report.plain import TRANSLATIONS_NOTE, chrf_said, pair_chrf, same_language, translated, wording
from compare.report.provenance_views import concept_name, followed_by_all
from compare.report.row_figures import ALIKE, content_split, row_texts

TOP = 3
"""Differences on the first screen: three fit a phone screen with the rest of the answers."""
CONTENT_TAGS = ("left-open", "number", "date", "negation")
"""Row tags that mark a change of content, not of wording: worth a teacher's first look."""
KEPT_ELSEWHERE = {
    "quotation": "keeps it in its quotation, drops it once in its own words",
    "own words": "keeps it in one sentence of its own words, drops it in another",
    "quotation+own words": "keeps it in its quotation, drops it once in its own words",
    "": "also leaves it out, in a sentence of its own words",
}
"""What another source does with a word a quotation leaves out, from its cut-elsewhere finding's ``keeps``."""
WORDS_SHOWN = 2


def _words(items: Sequence[str]) -> str:
    return ", ".join(f"‘{w}’" for w in items[:WORDS_SHOWN]) + ("…" if len(items) > WORDS_SHOWN else "")


def quote_difference(tables: Mapping[str, Any], outlets: Mapping[str, str]) -> dict[str, str] | None:
    """The quotation most changed against its reference in the same language, if its finding holds."""
    languages = {r["source"]: r["language"] for r in tables["sources"]}
    changed = [q for q in tables["quotes"] if q["source"] != q["reference_source"]
               and q["fidelity"] in ("trimmed", "swapped", "paraphrase", "divergent")
               and same_language({"source_a": q["source"], "source_b": q["reference_source"]}, languages)]
    # a rendering that leaves a content word out ('on their territory' for 'on their sovereign territory') changes
    # what the speaker is reported to have said: it comes before renderings that only reword
    for q in sorted(changed, key=lambda q: (*change_rank(q), q["start"])):
        if not verify_rendering(rendering(q), tables["sentences"]).verified:
            continue
        source, reference = q["source"], q["reference_source"]
        # a reader asked why a "translation" is the reference: say what both are; two translations of one
        # sentence differ in words where the speaker said one thing ('Frank' / 'straightforward')
        both = translated(tables, reference) and translated(tables, source)
        note = (f"; {TRANSLATIONS_NOTE}" if both
                else f"; {reference} is itself a translation" if translated(tables, reference) else "")
        if q["fidelity"] == "trimmed":
            # short: the first screen must fit a phone's height.  Another source that words the statement without
            # the same word (2019: 000's own 'working on their territory') is named first: the cut is not this
            # outlet's alone, whatever its translator did (the answer and the index give the whole sentence)
            # where that source keeps the word is said with it: "000 also leaves it out" alone read as if 000 cut
            # the word, when its quotation and its lead keep it and one sentence of its own words does not
            also = {r["subjects"][0]: r["figures"]["keeps"] for r in cut_rows(tables, q)}
            kept = keepers(tables, q)
            if both and len(kept) >= MIN_KEEPERS:
                # two renderings keep the word: the set shows whose quotation lacks it, no translators' hedge (r44)
                dropping = "".join(f"; {sid} drops it once in its own words" for sid, keeps in sorted(also.items())
                                   if keeps.startswith("quotation"))
                unknown = unknown_cut_words(source, translated(tables, source), q["dropped"])
                text = (f"{source} quotes {q['speaker'] or 'a speaker'} without {_words(q['dropped'])} (trimmed); "
                        f"{kept_words(kept, q['dropped'], named=False)}{dropping}"
                        f"{f'; {unknown}' if unknown else ''}.")
                return {"text": text, "href": f"#quote-{source}-{q['start']}", "kind": "quote",
                        "sources": f"{source} {reference}", "translations": ""}
            note = ("".join(f"; {sid} {KEPT_ELSEWHERE[keeps]}" for sid, keeps in sorted(also.items()))
                    + ("; all are translations: translators may account for it"
                       if both and all(translated(tables, sid) for sid in also) else
                       f"; {source} and {reference} are translations: translators may account for it"
                       if both else "") if also
                    else "; both render words said in another language, so a translator may have left it out"
                    if both else note)
            text = (f"{source} quotes {q['speaker'] or 'a speaker'} without {_words(q['dropped'])}, which {reference}'s "
                    f"version has (trimmed){note}.")  # the word says more than an overlap figure
        elif q["fidelity"] == "swapped":
            text = (f"{source} quotes {q['speaker'] or 'a speaker'} with {swaps(q['added'], q['dropped'], reference)} "
                    f"(swapped){note}.")
        elif bool(q["added"]) != bool(q["dropped"]):
            # one side's words only ('not' added): "in other words … only p03-b, ." said a rewording where one
            # word was put in (truth18, p03 F1)
            text = (f"{source} quotes {q['speaker'] or 'a speaker'} "
                    + (f"with {_words(q['added'])}, which {reference}'s version does not have" if q["added"] else
                       f"without {_words(q['dropped'])}, which {reference}'s version has")
                    + f" ({q['fidelity']}; wording overlap {q['chrf']:.0f}/100){note}.")
        else:
            text = (f"{source} quotes {q['speaker'] or 'a speaker'} in other words than {reference} "
                    f"({q['fidelity']}; wording overlap {q['chrf']:.0f}/100): words only {source} has, "
                    f"{_words(q['added'])}; only {reference}, {_words(q['dropped'])}{note}.")
        # a word left out is content, not the translators' wording: it is not sent to the end of the list
        return {"text": text, "href": f"#quote-{source}-{q['start']}", "kind": "quote", "sources": f"{source} {reference}",
                "translations": "yes" if both and q["fidelity"] != "trimmed" else ""}
    return None


def _short(speaker: str | None) -> str:
    """A person's surname ('Kono'), a body's name as it stands ('the Tokyo government')."""
    if not speaker:
        return "a speaker"
    words = speaker.split()
    return words[-1] if len(words) == 2 and words[0][:1].isupper() and words[0].lower() != "the" else speaker


def _first(terms: Sequence[tuple[bool, bool, str, bool]]) -> str:
    """A source's term shown first, said to sit in a passage about another occasion where all of them do (2017:
    TASS names the islands only in its paragraph on the deputy ministers' meeting of 18 March)."""
    chosen = min(terms, key=lambda t: t[:2])
    return chosen[2] + (" (in a passage about another occasion)" if chosen[0] else "")


CALQUE_NOTE = re.compile(r"\((probably word[- ]for[- ]word from \w+)[^()]*\)$")
"""The lexicon's note that a name is likely a calque (r43: 003's 'Kurils of the South', from Italian 'Curili del
Sud', was filed under 'Russian government usage' with no word of it on the first screen)."""


def _calque_note(usage: str) -> str:
    """The usage's calque note, said at the name in the teaching answer's words less the quoted original (the
    teaching answer and "Artifacts" quote it; the first screen has a phone's height); empty where the lexicon has
    none: a word rendered word for word from another language tells of its translation more than of a side."""
    found = CALQUE_NOTE.search(usage)
    return f" ({found.group(1)})" if found else ""


def naming_difference(tables: Mapping[str, Any]) -> dict[str, str] | None:
    """The place or thing the sources name in the most usages (a choice, not an error), with whose word each is."""
    by_concept: dict[str, dict[str, dict[str, list[tuple[bool, bool, str]]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list)))
    background = {f"{r['source']}:{r['index']}" for r in tables["sentences"] if r["background"]}
    # a source's word in a passage about another occasion is still its choice, but shown only where the source
    # uses none in this event's statements (2019: 000's 'Southern Kurils' sits in a 2017 background paragraph)
    # and the outlet's own word says more about its choice than a word it quotes: each source's first term in
    # (this event before background, own word before a quoted one, text order) is the one shown
    calques: dict[tuple[str, str], str] = {}
    for finding in term_findings(tables):
        f = finding.figures
        if not finding.verified:
            continue
        usage = f["usage"].split(" (", 1)[0]
        own = own_word(finding)
        # a paraphrase's word is the report's own (2019: 000's 'South Kuril Islands' where it retells Kono): shown
        # bare, as an own word is; the framing section says whose statement it paraphrases
        term = f"‘{f['text']}’" if own else f"‘{f['text']}’ ({_short(f['speaker'])}'s word)"
        calques[(finding.subjects[0], f"‘{f['text']}’")] = _calque_note(f["usage"])
        term += calques[(finding.subjects[0], f"‘{f['text']}’")]
        by_concept[f["concept"]][usage][finding.subjects[0]].append(
            (bool(background & set(finding.evidence)), f["voice"] != "outlet", term, own))
    contested = sorted((-len(usages), concept) for concept, usages in by_concept.items()
                       if len(usages) > 1 and len({s for group in usages.values() for s in group}) > 1)
    if not contested:
        return None
    concept = contested[0][1]
    usages = sorted(by_concept[concept].items(), key=lambda x: (min(x[1]), x[0]))
    # each source's own word: one source's word shown for all read as if all wrote it
    # a source whose own words follow two usages in the dispute is said to mix them, not shown as one side's; but
    # only its words for this concept count: 'Etorofu' names one island, not the group (r36: 004 "mixes usages:
    # Japanese government 'Etorofu'" under the names for the Southern Kuril Islands); the islands are said apart
    mixers = mixing_for(tables, concept)
    mixed = [m for m in mixed_findings(tables) if m.verified and m.figures["dispute"] == dispute_of(concept)
             and m.subjects[0] in mixers]
    mixing = {m.subjects[0] for m in mixed}
    # a usage lists the sources whose own word follows it; a word a source only reports someone else using
    # (2019: 003 reports that Tokyo calls them 'the northern territories') is said apart, as reported: filed under
    # a usage it read as the source's side; a mixing source's own words are said once, as mixed
    shown = [(usage, {sid: [t for t in terms if t[3] and sid not in mixing] for sid, terms in sources.items()})
             for usage, sources in usages]
    parts = [f"{usage} usage: " + ", ".join(f"{sid} {_first(terms)}" for sid, terms in sorted(sources.items()) if terms)
             for usage, sources in shown if any(sources.values())]
    elsewhere = background_only(tables)
    # one term per usage on the first screen (a phone's height); the framing section lists them all
    own_terms = {(sid, t[2].split(" (", 1)[0]) for _, sources in usages for sid, terms in sources.items()
                 for t in terms if t[3]}
    for m in mixed:
        sid = m.subjects[0]
        words = [f"{usage.split(' (', 1)[0]} ‘{term}’"
                 + (" (in a passage about another occasion)" if (sid, term) in elsewhere else "")
                 + calques.get((sid, f"‘{term}’"), "")
                 for usage, terms in m.figures["usages"].items()
                 for term in [next((x for x in terms if (sid, f"‘{x}’") in own_terms), None)] if term]
        parts.append(f"{m.subjects[0]} mixes usages: " + ", ".join(words))  # its own words: reported ones follow
    parts += [f"{sid} names {words}" for sid, words in parts_named(tables, concept, elsewhere, brief=True).items()]
    # the whole chain a source names in its own words ('the Kuril Islands', which in Russian usage takes in the
    # disputed islands): listed beside the names for them, said as the chain's (issue 23, r42); one term per
    # source, as for a usage, to keep a phone's first screen (the teaching answer lists them all)
    found_wholes = [m for m in whole_findings(tables, concept) if m.verified]
    wholes = [f"{m.subjects[0]} {whole_words(m, elsewhere, brief=True)}" for m in found_wholes]
    if wholes:
        # said as the chain's name, no side's usage: r42 (2019 M1a) asked for "Russian usage" beside 000's "Kuril
        # Islands", and the next read (r42b, 2017 M4) found "chain (Russian usage): 004 ‘Kuril Islands’" told a class
        # that the chain's ordinary English name takes Russia's side; the names table says whose usage takes the
        # disputed islands in
        parts.append("whole chain: " + ", ".join(wholes))
    reported: dict[tuple[str, str], str] = {}  # one line per source and word, in the first voice found
    for _, sources in usages:
        for sid, terms in sorted(sources.items()):
            for t in terms:
                if not t[3]:
                    reported.setdefault((sid, t[2].split(" (", 1)[0]), t[2])
    # a word the source also writes as its own is already shown (2017: TASS writes 'South Kuril Islands' and
    # quotes Morgulov saying it): said once, on a phone's first screen
    own_words = {(sid, t[2].split(" (", 1)[0]) for _, sources in usages for sid, terms in sources.items()
                 for t in terms if t[3]}
    parts += [f"{sid} reports {term}" for (sid, word), term in sorted(reported.items()) if (sid, word) not in own_words]
    return {"text": f"Names for the {concept_name(tables, concept, short=True)}: " + "; ".join(parts) + " (choices, not errors).",
            "href": "#framing", "kind": "naming", "sources": ""}


def _languages(sentences: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    return {r["source"]: r["language"] for r in sentences if r["language"] and r["language"] != "und"}


def tagged_difference(claims: Sequence[Mapping[str, Any]],
                      sentences: Sequence[Mapping[str, Any]] = ()) -> dict[str, str] | None:
    """The first statement row whose cells split on a question left open (kind "left-open"), else the first whose
    linked sentences differ in a number, a date or a negation (kind "tag").

    A number or a date is said with who gives which ("p01-c has 30 where p01-a, p01-d and p01-e have 10"):
    "p01-a and p01-c and p01-d and p01-e: the linked sentences give different numbers" read as four figures where
    one source alone changed one (issue 23, truth18, planted set p01 c8)."""
    # a question left open in some cells and answered in others first: a reversal of meaning no figure shows
    ordered = sorted(claims, key=lambda row: "left-open" not in row["labels"])
    for row in ordered:
        tags = [t for t in CONTENT_TAGS if t in row["labels"]]
        if row["group"] == "statements" and tags and len(row["sources"]) > 1:
            number = row["id"].rsplit(":", 1)[-1]
            split = content_split(row_texts(sentences, row["id"]), tags[0], languages=_languages(sentences))
            text = (f"In statement {number}, {split} (a tag for you to check)." if split else
                    f"In statement {number}, {' and '.join(row['sources'])}: "
                    f"{LABEL_MEANINGS[tags[0]]} (a tag for you to check).")
            return {"text": text, "href": f"#{row['id']}", "kind": "left-open" if tags[0] == "left-open" else "tag",
                    "sources": " ".join(row["sources"])}
    return None


def stance_difference(tables: Mapping[str, Any], claims: Sequence[Mapping[str, Any]]) -> dict[str, str] | None:
    """The first statement row whose sources word a stance at different strength (``row-stance-strength``).

    Why: r47 (2019) found a trimmed three-word quotation shown as what differs most while row c3, where MID's
    transcript has Kono 'expressed concern' and both news reports have him call it 'unacceptable', went unsaid: a
    difference in what a side is reported to hold comes first.  r53: said with whose words each side's are, and
    only where the tool reads every shown word's voice (``stance.brief_rows``)."""
    rows = {r["id"]: r for r in claims if r["group"] == "statements"}
    for found in brief_rows(tables.get("findings")):
        row = rows.get(found["subjects"][0])
        if row is None:
            continue
        f = found["figures"]
        return {"text": f"In statement {row['id'].rsplit(':', 1)[-1]}, {stance_brief(f)}.",
                "href": f"#{row['id']}", "kind": "stance", "sources": " ".join(sorted(f["grade"]))}
    return None


def partial_difference(tables: Mapping[str, Any], claims: Sequence[Mapping[str, Any]]) -> dict[str, str] | None:
    """The first statement row where one source adds a clause or phrase the other does not make
    (``row-shared-in-part`` with a clause), in the finding's own words.

    Why: r47 (2017) found the first screen's differences were island names from passages about other occasions and
    a wording figure, while 004's "since Russia's annexation of Crimea from Ukraine", a statement of this event only
    one source makes, went unsaid there."""
    rows = {r["id"]: r for r in claims if r["group"] == "statements"}
    for found in tables.get("findings") or ():
        if found["kind"] != "row-shared-in-part" or not found["verified"] or not found["figures"].get("clause"):
            continue
        row = rows.get(found["subjects"][0])
        if row is None:
            continue
        f = found["figures"]
        return {"text": f"In statement {row['id'].rsplit(':', 1)[-1]}, only {f['source']} says “{f['clause']}” "
                        f"(shared in part{', among other differences' if f.get('others') else ''}).",
                "href": f"#{row['id']}", "kind": "partial", "sources": " ".join(row["sources"])}
    return None


def unmatched_difference(tables: Mapping[str, Any], claims: Sequence[Mapping[str, Any]]) -> dict[str, str] | None:
    """The source with the most statements carried by no other source (established or only not matched)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    again = repeated(tables)  # a statement said again beside its own linked sentence matched, through it
    for row in tables["sentences"]:
        if row["background"] or row["structure"]:
            continue
        counts[row["source"]][2] += 1
        if row["only_here"]:
            counts[row["source"]][0] += 1
        elif not row["linked"] and (row["source"], row["index"]) not in again:
            counts[row["source"]][1] += 1
    if not counts or not any(a + b for a, b, _ in counts.values()):
        return None
    sid = max(sorted(counts), key=lambda s: counts[s][0] + counts[s][1])
    absent, open_, total = counts[sid]
    first = next((r for r in claims if r["group"] == "statements" and r["sources"] == [sid]), None)
    if absent and not open_:
        text = f"{absent} of the {total} statements of {sid} are established as found in no other source."
    else:
        # short: the first screen fits a phone's height (bench/report_layout.py)
        text = (f"{absent + open_} of {sid}'s {total} statements are linked to no sentence elsewhere"
                + (f"; {absent} are established as found in no other source" if absent else "")
                + "; check the rest in their rows.")
    return {"text": text, "href": f"#{first['id']}" if first else "#side-by-side", "kind": "statements",
            "sources": sid}


def wording_difference(tables: Mapping[str, Any]) -> dict[str, str] | None:
    languages = {r["source"]: r["language"] for r in tables["sources"]}
    pairs = [p for p in tables["pairs"] if same_language(p, languages) and p.get("chrf") is not None and p["links"]]
    if not pairs:
        return None
    low = min(pairs, key=lambda p: (pair_chrf(p), p["source_a"], p["source_b"]))
    if pair_chrf(low) >= ALIKE:
        return None  # every pair near-verbatim: no wording difference to show first (truth18, p01 M7)
    return {"text": f"{low['source_a']} and {low['source_b']}: {wording(pair_chrf(low))} where they say the same "
                    f"thing ({chrf_said(low)}).", "href": "#overview", "kind": "wording",
            "sources": f"{low['source_a']} {low['source_b']}"}


def _change_brief(row: Mapping[str, Any], outlets: Mapping[str, str]) -> str:
    """One verified change finding in a few words: "p02-a gives 4000 where p02-d has 2000"."""
    f = row["figures"]
    child, parent = outlets.get(f["changed"], f["changed"]), outlets.get(f["parent"], f["parent"])
    if row["kind"] == "left-out":
        n = len(f["sentences"])
        return f"{child} leaves out {n} of {parent}'s statements"
    if row["kind"] == "moved":
        n = len(f["moves"])
        return f"{child} moves {n} of {parent}'s statements to another place"
    if f["what"] == "negation":
        added = f["new"] or "a negation"
        return (f"{child} adds ‘{added}’ to a sentence of {parent}" if f["new"]
                else f"{child} drops ‘{f['old']}’ from a sentence of {parent}")
    if f["what"] == "modal":
        return f"{child} says ‘{f['new']}’ where {parent} has {_modal(f['old'])}"
    if f.get("new_words") and f.get("old_words"):
        return f"{child} gives ‘{f['new_words']}’ where {parent} has ‘{f['old_words']}’"
    return f"{child} gives {f['new']} where {parent} has {f['old']}"


def _modal(value: str) -> str:
    return "no modal verb" if value == "no modal verb" else f"‘{value}’"


def change_difference(tables: Mapping[str, Any], outlets: Mapping[str, str]) -> dict[str, str] | None:
    """Every change the copies made, each in a few words, as one difference that leads the first screen.

    Why: "What differs most" named one tagged row ("In statement c8, p01-c has 30 …") or an unlinked count where a
    set's copies each changed something of one text (rP2: p01 M3, p02 M1): a class took the one named for the main
    difference.  The overview says each change in full; this line names them all, briefly."""
    from compare.findings.changes import change_rows

    rows = change_rows(tables)
    if not rows:
        return None
    # in the order of the copies, each copy's changes together
    order = sorted(rows, key=lambda r: (r["figures"]["changed"], CHANGE_ORDER.index(r["kind"])))
    briefs = [_change_brief(r, outlets) for r in order]
    return {"text": f"What the copies changed: {'; '.join(briefs)}.", "href": "#overview", "kind": "changes",
            "sources": " ".join(sorted({r["figures"]["changed"] for r in rows}))}


CHANGE_ORDER = ("changed-detail", "left-out", "moved")


def differences(tables: Mapping[str, Any], claims: Sequence[Mapping[str, Any]],
                outlets: Mapping[str, str]) -> list[dict[str, str]]:
    """The top differences, one of each kind, in the order a teacher reads them: what the copies changed, stance,
    quotation, a clause only one source makes, naming, coverage, content, wording."""
    changes = change_difference(tables, outlets)
    quote = quote_difference(tables, outlets)
    stance = stance_difference(tables, claims)
    tagged = tagged_difference(claims, tables["sentences"])
    content = [partial_difference(tables, claims), naming_difference(tables), unmatched_difference(tables, claims)]
    # a question one source leaves open and another answers leads the content differences (r41 zh-en-259 M1)
    content = [tagged, *content] if tagged is not None and tagged["kind"] == "left-open" else [*content, tagged]
    # two translations of one sentence ('Frank' / 'straightforward') are the translators' wording, not a
    # difference in what the outlets report: such a quote comes last, after the content and the wording figures
    if quote is not None and quote.pop("translations"):
        found = [*content, wording_difference(tables), quote]
    else:
        found = [quote, *content, wording_difference(tables)]
    if changes is not None:
        # a tagged row that shows a change already named ("In statement c8, p01-c has 30 …") is said once
        changed = set(changes["sources"].split())
        found = [d for d in found if d is None or d["kind"] != "tag"
                 or not any(re.search(rf"\b{re.escape(c)} has\b", d["text"]) for c in changed)]
    return [d for d in [changes, stance, *found] if d is not None][:TOP]


def source_kinds(tables: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each source's kind as found (verified ``source-kind`` findings), with its evidence and the manifest's word."""
    out = []
    ahead = outlooks(tables.get("findings"))
    # r54 (2017): a preview written before the event says so where its kind is described, in place of the bare
    # look-ahead count, which let a class take its other statements for reports of the talks
    ahead.update({sid: preview_words(f) for sid, f in previews(tables.get("findings")).items()})
    shown = {sid: preview_words(f, brief=True) for sid, f in previews(tables.get("findings")).items()}
    for row in tables.get("findings") or ():
        if row["kind"] != KIND or not row["verified"]:
            continue
        f = row["figures"]
        found = role_words(f) + (f"; {ahead[row['subjects'][0]]}" if row["subjects"][0] in ahead else "")
        # the first screen says 'attributed, not first-hand' once, in the evidence that shows it (a phone's height)
        # (and so the passages credited to a body outside the set, which the evidence line quotes: r57's wording
        # made the first screen a line longer than a phone's)
        brief = re.sub(r", with \d+ passages? credited to .+? \(attributed, not first-hand\)", "", found).replace(
            " (attributed, not first-hand)", "") if "attributed, not first-hand" in f.get("tail", "") else found
        if row["subjects"][0] in shown:  # the first screen's shorter form of the same figures (a phone's height)
            brief = brief.replace(f"; {ahead[row['subjects'][0]]}", f"; {shown[row['subjects'][0]]}")
        out.append({"source": row["subjects"][0], "found": found, "brief": brief, "role_found": role_words(f),
                    "claim": f["claim"],
                    "quotes": list(f["quotes"]), "tail": f.get("tail", ""), "told": told_sentence(f).removeprefix("the manifest "), "agree": f["agree"],
                    "role": f["role"], "sentence": kind_sentence(row["subjects"][0], f)})
    return out


def reference_words(reference: str | None, kinds: Sequence[Mapping[str, Any]]) -> str:
    """What the reference is, in the kind finding's words ("a transcript in English of the speaker's words, …")."""
    # the look-ahead count is said once on the first screen, in "What each source is" (a phone's height)
    found = next((k["role_found"] for k in kinds if k["source"] == reference), "")
    if reference is not None and found and PREVIEW in next(k["found"] for k in kinds if k["source"] == reference):
        # r54 (2017): the reference is a preview, so a class should not read its lack of an outcome as an omission;
        # its full kind is in "What each source is" just below (the first screen's height holds one of the two)
        return "a preview written before the event"
    return found


def glance(tables: Mapping[str, Any], reference: str | None, claims: Sequence[Mapping[str, Any]],
           outlets: Mapping[str, str]) -> dict[str, Any]:
    kinds = source_kinds(tables)
    originals = [k["source"] for k in kinds if k["role"] == "original"]
    every = {r["source"] for r in tables["sources"]}
    if originals == [reference]:
        original = ""  # the reference's own line already says it is the original
    elif originals:
        original = f"Original{'s' if len(originals) > 1 else ''} in the set: {', '.join(originals)}."
    elif kinds and {k["source"] for k in kinds} == every and (followed := followed_by_all(tables, outlets)):
        original = f"{followed}."
    elif kinds and {k["source"] for k in kinds} == every:
        original = "No source reads as an original."
    else:
        original = ""
    return {"reference_kind": reference_words(reference, kinds), "original": original,
            "differences": differences(tables, claims, outlets), "kinds": kinds}
