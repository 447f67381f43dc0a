"""What the page says about a contested name or loaded term: who uses it, in whose words.

A term inside a direct quotation, or a name a report says someone uses, is the
speaker's usage, not the outlet's (``compare.voice``); a term in the outlet's own
paraphrase of what someone said ("X said that ...") is the outlet's word for it,
and the line says whose statement it paraphrases: "TASS quotes Sergey Lavrov saying 'so-called'",
"003 reports that the Tokyo government calls it 'the northern territories'",
never "TASS writes 'so-called'" for a word inside Lavrov's quote.  Each line
is a finding built from framing.csv, re-checked against the sentence that
holds the term in sentences.csv before it is said; a term whose voice fails
the check is said without a claim about whose word it is.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from compare.findings.base import Finding
from compare.framing import concept_label, dispute_of, part_of, takes_in
from compare.voice import naming_speaker

KIND = "framing-term"
MIXED = "framing-mixed"
WHOLE = "framing-whole"
SHARED_USAGE = "same name"
"""A usage such as 'Russian and Japanese governments (same name)' is no side's choice: it never makes usage mixed."""
_OPEN = "\"“«„‘'»"
_CLOSE = "\"”»“’'«"


def _sentence(row: Mapping[str, Any], sentences: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    return next((s for s in sentences if s["source"] == row["source"] and s["start"] <= row["start"] < s["end"]),
                None)


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether ``start``-``end`` of a sentence sits between quotation marks that hold more than it."""
    before, after = text[:start], text[end:]
    opens = [i for i, c in enumerate(before) if c in _OPEN and (i == 0 or not before[i - 1].isalnum())]
    closes = [i for i, c in enumerate(after) if c in _CLOSE and (i + 1 == len(after) or not after[i + 1].isalnum())]
    if not opens or not closes:
        return False
    inner = text[opens[-1] + 1:end + closes[0]].strip()
    return len(inner.split()) > len(text[start:end].split())


def term_findings(tables: Mapping[str, list[Mapping[str, Any]]]) -> list[Finding]:
    """One verified finding per framing.csv row."""
    sentences = tables.get("sentences") or []
    out = []
    for row in tables.get("framing") or []:
        figures = {k: row[k] for k in ("text", "concept", "usage", "voice", "speaker", "language", "alternatives")}
        figures["citation"] = row.get("citation") or ""
        sentence = _sentence(row, sentences)
        figures["naming"] = bool(sentence is not None and naming_speaker(
            sentence["text"], row["start"] - sentence["start"], row["end"] - sentence["start"],
            (0, len(sentence["text"]))))
        finding = Finding(KIND, (row["source"], row["concept"]), figures=figures,
                          evidence=(f"{row['source']}:{row['start']}-{row['end']}",)
                          + ((f"{sentence['source']}:{sentence['index']}",) if sentence is not None else ()))
        out.append(verify(finding, sentence))
    return out


def verify(finding: Finding, sentence: Mapping[str, Any] | None) -> Finding:
    """Re-read the term's voice in the sentence that holds it.

    The term must be at its offsets; a quotation must sit between quotation
    marks; a name the report says someone calls it must have that someone
    before the naming verb (or after "as"/"for"); the outlet's own word must
    be neither.
    """
    if sentence is None:
        return finding.refuted("the term's sentence is not in sentences.csv")
    _, span = finding.evidence[0].rsplit(":", 1)  # the id before it may hold colons
    start, end = (int(x) - sentence["start"] for x in span.split("-"))
    text = sentence["text"]
    if text[start:end] != finding.figures["text"]:
        return finding.refuted("the term is not at its offsets")
    voice, speaker = finding.figures["voice"], finding.figures["speaker"]
    named = naming_speaker(text, start, end, (0, len(text)))
    if voice == "quotation" and not _quoted(text, start, end):
        return finding.refuted("the term is not between quotation marks in its sentence")
    if voice == "reported-speech" and finding.figures["naming"] and named != speaker:
        return finding.refuted("the sentence does not say that the speaker calls it so")
    if voice == "outlet" and (named or _quoted(text, start, end)):
        return finding.refuted("the term is inside quotation marks or attributed, yet read as the outlet's word")
    return finding


def line(finding: Finding) -> tuple[str, str]:
    """The words after the source's name and before the quoted term, and those after the term, in its line."""
    f = finding.figures
    concept = f["concept"].replace("-", " ")
    tail = f" ({concept}): {f['usage']}."
    speaker = f["speaker"] or "an unnamed speaker"
    if not finding.verified:
        return "has", f" ({concept}; whose word it is was not established): {f['usage']}."
    if f["voice"] == "quotation":
        # the speaker's word, or a translator's where the words were first said in another language
        return f"quotes {speaker} saying", tail[:-1] + f"; the word is {speaker}'s or a translator's, not the outlet's."
    if f["voice"] == "reported-speech" and f["naming"]:
        return f"reports that {speaker} calls it", tail
    if f["voice"] == "reported-speech":
        return "writes", f" in its own paraphrase of what {speaker} said ({concept}): {f['usage']}."
    return "writes", tail


def usage_words(finding: Finding) -> str:
    """The teaching answer's words for one term: whose usage it is, and whose words carry it."""
    f = dict(finding.figures)
    # 'Russian government (word-for-word from Italian …)' inside the term's own brackets reads as a nested
    # aside: the lexicon's note joins the usage with a comma instead
    f["usage"] = re.sub(r"\s*\((.*)\)$", r", \1", f["usage"])
    if not finding.verified:
        return f"“{f['text']}” ({f['usage']})"
    speaker = f["speaker"] or "an unnamed speaker"
    if f["voice"] == "quotation":
        return f"“{f['text']}” ({f['usage']}; in its quotation of {speaker})"
    if f["voice"] == "reported-speech" and f["naming"]:
        return f"“{f['text']}” ({f['usage']}; the name it reports {speaker} uses)"
    if f["voice"] == "reported-speech":
        return f"“{f['text']}” ({f['usage']}; the report's own word, in its paraphrase of what {speaker} said)"
    return f"“{f['text']}” ({f['usage']})"


def own_word(finding: Finding) -> bool:
    """Whether a verified term is the outlet's own word: in its own voice, or in its own paraphrase of what someone
    said ("Kono said that Tokyo considers the build-up on the South Kuril Islands unacceptable": the report's
    word, not Kono's), never a quotation or a name it reports someone uses."""
    f = finding.figures
    return finding.verified and (f["voice"] == "outlet" or (f["voice"] == "reported-speech" and not f["naming"]))


def _usage(f: Mapping[str, Any]) -> str:
    return f["usage"].split(" (", 1)[0].strip()


def mixed_findings(tables: Mapping[str, list[Mapping[str, Any]]]) -> list[Finding]:
    """One finding per source and naming dispute where the source's own words follow two usages or more.

    004 (2017) writes the Japanese government's 'Etorofu' and 'Kunashiri' and the neutral 'disputed islands':
    shown only under the one concept the page compares, it read as neutral.  Only the outlet's own words count
    (:func:`own_word`: a quotation is its speaker's usage), and only terms whose voice was verified; the finding is verified again by
    re-reading each term at its offsets (:func:`term_findings`).
    """
    by_source: dict[tuple[str, str], dict[str, list[str]]] = {}
    evidence: dict[tuple[str, str], list[str]] = {}
    for finding in term_findings(tables):
        f = finding.figures
        if not finding.verified or not own_word(finding) or SHARED_USAGE in f["usage"]:
            continue
        key = (finding.subjects[0], dispute_of(f["concept"]))
        terms = by_source.setdefault(key, {}).setdefault(_usage(f), [])
        if f["text"] not in terms:
            terms.append(f["text"])
        evidence.setdefault(key, []).append(finding.evidence[0])
    out = []
    for (sid, dispute), usages in sorted(by_source.items()):
        if len(usages) < 2:
            continue
        figures = {"dispute": dispute, "usages": {u: tuple(t) for u, t in sorted(usages.items())}}
        out.append(verify_mixed(Finding(MIXED, (sid,), mixed_sentence(sid, figures), figures,
                                        tuple(evidence[(sid, dispute)])), tables))
    return out


def verify_mixed(finding: Finding, tables: Mapping[str, list[Mapping[str, Any]]]) -> Finding:
    """Each term listed is the source's own word at its offsets (a verified outlet-voice row of framing.csv), and
    the terms follow at least two usages."""
    rows = {f"{r['source']}:{r['start']}-{r['end']}": r for r in tables.get("framing") or []}
    checked = {t.evidence[0]: t for t in term_findings(tables)}
    usages = set()
    for span in finding.evidence:
        term = checked.get(span)
        if span not in rows or term is None or not term.verified or not own_word(term):
            return finding.refuted(f"{span} is not a verified term in the outlet's own words")
        usages.add(_usage(term.figures))
    if len(usages) < 2:
        return finding.refuted("its terms follow one usage")
    return finding


def background_only(tables: Mapping[str, Any]) -> set[tuple[str, str]]:
    """(source, term) pairs whose every verified or unverified use sits in a background passage (a sentence about
    another occasion): the pages say so beside the term (2017: 004's 'Etorofu' is in its November 2016 sentence)."""
    background = {f"{r['source']}:{r['index']}" for r in tables.get("sentences") or () if r["background"]}
    where: dict[tuple[str, str], set[bool]] = {}
    for finding in term_findings(tables):
        where.setdefault((finding.subjects[0], finding.figures["text"]), set()).add(
            bool(background & set(finding.evidence)))
    return {key for key, places in where.items() if places == {True}}


def usage_list(figures: Mapping[str, Any], between: str = "; ") -> str:
    """"Japanese government ‘Etorofu’, ‘Kunashiri’; neutral/international ‘disputed islands’"."""
    return between.join(f"{usage} " + ", ".join(f"‘{t}’" for t in terms) for usage, terms in figures["usages"].items())


def mixed_sentence(sid: str, figures: Mapping[str, Any]) -> str:
    return f"{sid} mixes usages for {figures['dispute']} in its own words: {usage_list(figures)}."


def named_parts(tables: Mapping[str, Any], elsewhere: set[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """Per contested whole (its label, as the names table writes it), ``parts_named`` in brief, for the set index:
    the same words as the event page's glance, so neither lists a side's usage the other leaves out."""
    wholes = sorted({part[0] for f in term_findings(tables) for part in [part_of(f.figures["concept"])] if part})
    out = {}
    for whole in wholes:
        found = parts_named(tables, whole, elsewhere, brief=True)
        if found:
            out[concept_label(whole) or whole.replace("-", " ")] = found
    return out


def parts_named(tables: Mapping[str, Any], whole: str, elsewhere: set[tuple[str, str]],
                brief: bool = False) -> dict[str, str]:
    """Per source, the names it gives single parts of ``whole`` in its own words ("2 islands: Japanese
    government ‘Etorofu’, ‘Kunashiri’ (in a passage about another occasion)"), said apart from its names for the
    whole (``compare.framing.part_of``): 'Etorofu' names one island, not the group (issue 23, r36).

    ``brief`` (a phone's first screen) counts the names both sides use but quotes only the chosen ones: "4
    islands, with Japanese government ‘Etorofu’, Russian government ‘Kunashir’"."""
    found: dict[str, dict[str, dict[str, list[str]]]] = defaultdict(lambda: defaultdict(dict))
    for finding in term_findings(tables):
        f = finding.figures
        part = part_of(f["concept"])
        if not finding.verified or not own_word(finding) or part is None or part[0] != whole:
            continue
        # a name both sides use ('Shikotan') is no choice, but it is named: "names 2 islands" of a list of four
        # was false (r37); it keeps its "(same name)" and is said last
        usage = f["usage"] if SHARED_USAGE in f["usage"] else f["usage"].split(" (", 1)[0]
        terms = found[finding.subjects[0]][usage].setdefault(part[1], [])
        if f["text"] not in terms:
            terms.append(f["text"])
    out = {}
    for sid, by_usage in sorted(found.items()):
        if all(SHARED_USAGE in usage for usage in by_usage):
            continue  # only names both sides use: no choice to tell of
        nouns = Counter(noun for kinds in by_usage.values() for noun, terms in kinds.items() for _ in terms)
        count = sum(nouns.values())
        noun = min(nouns, key=lambda n: (-nouns[n], n))  # 3 islands and the Habomai group: "4 islands", as 003 says
        everywhere = all((sid, term) in elsewhere for kinds in by_usage.values() for terms in kinds.values()
                         for term in terms)
        shown = [(usage, kinds) for usage, kinds in by_usage.items() if not (brief and SHARED_USAGE in usage)]
        named = ", ".join(f"{'both' if SHARED_USAGE in usage else usage} " + ", ".join(
            f"‘{term}’" + (" (in a passage about another occasion)" if (sid, term) in elsewhere and not everywhere
                           else "")
            for terms in kinds.values() for term in terms)
            for usage, kinds in sorted(shown, key=lambda item: (SHARED_USAGE in item[0], item[0])))
        named += " (in a passage about another occasion)" if everywhere else ""
        joiner = ", with" if len(shown) < len(by_usage) else ":"
        out[sid] = f"{count} {noun}{'s' if count > 1 else ''}{joiner} {named}"
    return out


def mixing_for(tables: Mapping[str, Any], concept: str) -> set[str]:
    """The sources whose own words for ``concept`` itself follow two usages or more: those a line about the names
    for it may say mix them (a name of one of its parts, 'Etorofu' for the Kuril group, does not count)."""
    usages: dict[str, set[str]] = defaultdict(set)
    for finding in term_findings(tables):
        f = finding.figures
        if finding.verified and own_word(finding) and f["concept"] == concept and SHARED_USAGE not in f["usage"]:
            usages[finding.subjects[0]].add(_usage(f))
    return {sid for sid, found in usages.items() if len(found) > 1}


def _times(count: int) -> str:
    return "" if count == 1 else " (twice)" if count == 2 else f" ({count} times)"


def whole_findings(tables: Mapping[str, Any], concept: str) -> list[Finding]:
    """One finding per source that, in its own words, names a whole that takes in ``concept`` (the Kuril chain for
    the disputed islands, ``compare.framing.takes_in``): its terms, how often each, and whose usage each is.

    Why: 000 (2019) twice calls the area of the build-up "the Kuril Islands" in its own words, and 003 "the Kurils"
    and "the Kuril archipelago"; the lists of names for the disputed islands gave only their "South(ern) Kuril(s)"
    forms, and a student who answered "000 calls them the Kuril Islands" found no support in the key (issue 23,
    r42).  The finding says the source names the whole chain, and whose usage takes the disputed islands in; it
    says nothing of what the source means by it.
    """
    found: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(Counter))
    evidence: dict[str, list[str]] = defaultdict(list)
    spans: dict[str, list[str]] = defaultdict(list)
    for finding in term_findings(tables):
        f = finding.figures
        if not finding.verified or not own_word(finding) or takes_in(f["concept"]) != concept:
            continue
        sid = finding.subjects[0]
        found[sid][f["usage"]][f["text"]] += 1
        evidence[sid].extend(finding.evidence)
        spans[sid].append(finding.evidence[0])
    out = []
    for sid, usages in sorted(found.items()):
        figures = {"takes_in": concept, "usages": {u: dict(sorted(t.items(), key=lambda x: (-x[1], x[0])))
                                                   for u, t in sorted(usages.items())},
                   "spans": tuple(spans[sid])}
        out.append(verify_whole(Finding(WHOLE, (sid, concept), figures=figures,
                                        evidence=tuple(dict.fromkeys(evidence[sid]))), tables))
    return out


def verify_whole(finding: Finding, tables: Mapping[str, Any]) -> Finding:
    """Every term span is a verified term in the outlet's own words, of a concept that takes in the finding's, and
    the counts are those of the spans (the evidence holds the spans and the ids of their sentences)."""
    checked = {t.evidence[0]: t for t in term_findings(tables)}
    counts: Counter[tuple[str, str]] = Counter()
    for span in finding.figures["spans"]:
        term = checked.get(span)
        if term is None or not term.verified or not own_word(term):
            return finding.refuted(f"{span} is not a verified term in the outlet's own words")
        if takes_in(term.figures["concept"]) != finding.figures["takes_in"]:
            return finding.refuted(f"{span} names no whole that takes in {finding.figures['takes_in']}")
        counts[(term.figures["usage"], term.figures["text"])] += 1
    claimed = Counter({(u, t): n for u, terms in finding.figures["usages"].items() for t, n in terms.items()})
    if counts != claimed:
        return finding.refuted("the terms' counts are not those of their spans")
    return finding


def whole_words(finding: Finding, elsewhere: set[tuple[str, str]], brief: bool = False) -> str:
    """"“Kuril Islands” (twice, in its own words: the name of the whole chain, which in Russian usage takes in the
    disputed islands)"; ``brief`` (a phone's first screen): its most used term alone, "‘Kuril Islands’"."""
    sid = finding.subjects[0]
    usages = finding.figures["usages"]

    def where(term: str) -> str:
        return " (in a passage about another occasion)" if (sid, term) in elsewhere else ""

    if brief:  # the most used term: one per source, as the first screen gives one per usage
        term, count = min(((t, n) for found in usages.values() for t, n in found.items()), key=lambda x: (-x[1], x[0]))
        return f"‘{term}’{where(term)}"
    said = []
    for usage, found in usages.items():
        *first, (last, count) = found.items()
        times = {1: "", 2: "twice, "}.get(count, f"{count} times, ")
        said.append("".join(f"“{t}”{_times(n)}{where(t)}, " for t, n in first)
                    + f"“{last}”{where(last)} ({times}in its own words: the {usage})")
    return "; ".join(said)
