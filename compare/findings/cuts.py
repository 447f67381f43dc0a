"""A word a quotation leaves out that another source also leaves out, checked against the whole event.

``cut-elsewhere``: a rendering ``trimmed`` against the reference (003 quotes Lavrov "on their territory" where
the transcript has "on their sovereign territory") reads, alone, as if that outlet or its translator cut the
word.  But another source may render the same statement without it too (000, in its own words: "the Russian
military are working on their territory", while its quotation keeps "sovereign"), and then a class must not pin
the cut on one outlet.  This finding names each such sentence: it sits in the same side-by-side row as the
trimmed rendering or its reference (the aligner linked it to the statement), holds the rendering's words in
order, and has none of the dropped words.  It says whether the same source keeps the word elsewhere in that
row, in a quotation, in its own words, or both (000 does both: "stressed that the armed forces are working on
their sovereign territory", and its quotation), so a page says where the word is left out, not that the source
leaves it out.

The verifier re-reads the sentences from the run: still in that row, still holding the words without the
dropped ones, and the sentence that keeps the word still has it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from compare.findings.base import Finding, register
from compare.findings.quotes import rendering, same_statement, verify_rendering
from compare.model import EventResult, QuoteMatch, Source

KIND = "cut-elsewhere"
TRIMMED = "trimmed"
QUOTE_MARKS = "“”\"«»„"
_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _find(needle: Sequence[str], hay: Sequence[str]) -> int:
    """Where the words ``needle`` stand in order in ``hay`` (case-insensitive), or -1."""
    low_needle, low_hay = [w.casefold() for w in needle], [w.casefold() for w in hay]
    n = len(low_needle)
    return next((i for i in range(len(low_hay) - n + 1) if n and low_hay[i:i + n] == low_needle), -1)


def _sentence_at(source: Source, offset: int) -> int | None:
    return next((s.index for s in source.sentences if s.start <= offset < s.end), None)


def _text(source: Source, index: int) -> str:
    return next((s.text for s in source.sentences if s.index == index), "")


def _row_members(item: EventResult, q: QuoteMatch) -> set[tuple[str, int]]:
    """Every sentence in the side-by-side rows of the trimmed rendering and of its reference."""
    by_id = {s.id: s for s in item.sources}
    keys = {(q.source_id, _sentence_at(by_id[q.source_id], q.start)),
            (q.reference_source, _sentence_at(by_id[q.reference_source], q.reference_start))}
    return {m for claim in item.alignment.claims if keys & set(claim.members) for m in claim.members}


def _dropped(q: QuoteMatch) -> list[str]:
    return [w for w in q.dropped if _WORD.fullmatch(w)]


def _quoted(text: str) -> bool:
    return any(mark in text for mark in QUOTE_MARKS)


def also_cut(item: EventResult, q: QuoteMatch) -> list[dict[str, Any]]:
    """The sentences of the other sources (neither the rendering's nor the reference's) in the rows of ``q`` that
    hold the rendering's words in order in their own words (no quotation mark) and none of the dropped words,
    each with the excerpt (the words and one either side) and whether the source keeps a dropped word in a
    quotation, in other words, or not at all in that row."""
    by_id = {s.id: s for s in item.sources}
    said = _words(by_id[q.source_id].text[q.start:q.end])
    dropped = {w.casefold() for w in _dropped(q)}
    if not said or not dropped:
        return []
    members = _row_members(item, q)
    out = []
    for sid, index in sorted(members):
        if sid in (q.source_id, q.reference_source):
            continue
        text = _text(by_id[sid], index)
        words = _words(text)
        at = _find(said, words)
        if at < 0 or dropped & {w.casefold() for w in words} or _quoted(text):
            continue
        keeps = [k for s, k in sorted(members) if s == sid and dropped & {w.casefold() for w in _words(_text(by_id[sid], k))}]
        quoted = [k for k in keeps if _quoted(_text(by_id[sid], k))]
        own = [k for k in keeps if k not in quoted]
        excerpt = " ".join(words[max(0, at - 1):at + len(said) + 1])
        out.append({"source": sid, "sentence": index, "excerpt": excerpt,
                    "keeps": "+".join(w for w, found in (("quotation", quoted), ("own words", own)) if found),
                    "keep_sentence": (quoted or own or [None])[0]})
    return out


def cut_sentence(sid: str, speaker: str, excerpt: str, keeps: str, dropped: Sequence[str]) -> str:
    """The clause a page adds to a trimmed quotation: who else words the statement without the dropped word."""
    words = ", ".join(f"‘{w}’" for w in dropped)
    kept = {"quotation": f"; its quotation keeps {words}", "own words": f"; another of its sentences keeps {words}",
            "quotation+own words": f"; its quotation keeps {words}, and so does another sentence in its own words",
            "": ""}[keeps]
    return f"{sid} also reports {speaker}, in its own words, as saying ‘{excerpt}’{kept}."


def _surname(speaker: str | None) -> str:
    return speaker.split()[-1] if speaker else "the speaker"


def build(item: EventResult) -> list[Finding]:
    if item.alignment is None:
        return []
    by_id = {s.id: s for s in item.sources}
    out = []
    for q in item.alignment.quotes:
        if q.fidelity != TRIMMED or q.source_id == q.reference_source:
            continue
        for found in also_cut(item, q):
            sid, index = found["source"], found["sentence"]
            sentence = next(s for s in by_id[sid].sentences if s.index == index)
            evidence = [f"{q.source_id}:{q.start}-{q.end}", f"{sid}:{sentence.start}-{sentence.end}"]
            if found["keep_sentence"] is not None:
                kept = next(s for s in by_id[sid].sentences if s.index == found["keep_sentence"])
                evidence.append(f"{sid}:{kept.start}-{kept.end}")
            out.append(Finding(
                KIND, (sid, q.source_id, q.reference_source),
                cut_sentence(sid, _surname(q.speaker), found["excerpt"], found["keeps"], _dropped(q)),
                {"trimmed": q.source_id, "reference": q.reference_source, "rendering_start": q.start,
                 "dropped": _dropped(q), "sentence": index, "excerpt": found["excerpt"], "keeps": found["keeps"],
                 "keep_sentence": found["keep_sentence"]},
                tuple(evidence)))
    return out


def verify(finding: Finding, item: EventResult, run: object = None) -> str | None:
    f = finding.figures
    sid = finding.subjects[0]
    q = next((q for q in (item.alignment.quotes if item.alignment else ())
              if q.source_id == f["trimmed"] and q.reference_source == f["reference"]
              and q.start == f["rendering_start"] and q.fidelity == TRIMMED), None)
    if q is None:
        return f"{f['trimmed']}'s rendering is no longer trimmed against {f['reference']}"
    again = [x for x in also_cut(item, q) if x["source"] == sid and x["sentence"] == f["sentence"]]
    if not again:
        return (f"{sid}'s sentence {f['sentence'] + 1} is not in the row of the statement, or does not hold the "
                f"rendering's words without {', '.join(f['dropped'])}")
    if again[0]["keeps"] != f["keeps"] or again[0]["excerpt"] != f["excerpt"]:
        return f"{sid}'s sentences no longer read as the finding says"
    return None


def cut_rows(tables: Mapping[str, Any], quote: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The verified cut-elsewhere findings of an event's tables about one quotes.csv row (the trimmed rendering)."""
    return [r for r in tables.get("findings") or () if r["kind"] == KIND and r["verified"]
            and r["figures"]["trimmed"] == quote["source"] and r["figures"]["reference"] == quote["reference_source"]
            and r["figures"]["rendering_start"] == quote["start"]]


def cut_clause(tables: Mapping[str, Any], quote: Mapping[str, Any]) -> str:
    """The sentences a page adds after a trimmed quotation (empty when no other source also leaves the word out)."""
    return " ".join(r["sentence"] for r in cut_rows(tables, quote))


MIN_KEEPERS = 2
"""Renderings of the statement that keep the word a quotation leaves out, the reference among them, from which a
page says what the set shows instead of "translators may account for it" (r44, 2019: the transcript and 000's
quotation both keep 'sovereign'; only 003's quotation leaves it out)."""


def keepers(tables: Mapping[str, Any], quote: Mapping[str, Any]) -> list[str]:
    """The sources whose rendering of ``quote``'s statement keeps every word it drops: the reference, then each
    other source's verified quotation of the same statement (quotes.csv) that has them; empty unless trimmed."""
    dropped = {w.casefold() for w in _dropped_words(quote["dropped"])}
    if quote["fidelity"] != TRIMMED or not dropped:
        return []
    out = [quote["reference_source"]]
    for q in tables.get("quotes") or ():
        if (q["source"] in out or q["source"] == quote["source"] or q["reference_source"] != quote["reference_source"]
                or not same_statement(q["reference_text"], quote["reference_text"])
                or not dropped <= {w.casefold() for w in _words(q["text"])}):
            continue
        if verify_rendering(rendering(q), tables["sentences"]).verified:
            out.append(q["source"])
    return out


def _dropped_words(value: Any) -> list[str]:
    words = value.split(";") if isinstance(value, str) else list(value or ())
    return [w for w in words if _WORD.fullmatch(w)]


def kept_words(names: Sequence[str], dropped: Any, named: bool = True) -> str:
    """"001's and 000's renderings both keep ‘sovereign’": what the set shows of a word one quotation leaves out
    (``named=False``: "… keep it", after a clause that names the word)."""
    words = _dropped_words(dropped)
    said = ", ".join(f"‘{w}’" for w in words[:3]) if named else "it" if len(words) <= 1 else "them"
    owners = ", ".join(f"{n}'s" for n in names[:-1]) + f" and {names[-1]}'s"
    return f"{owners} renderings {'both ' if named and len(names) == 2 else 'all ' if named else ''}keep {said}"


def unknown_cut_words(who: str, translation: bool, dropped: Any = ("it",)) -> str:
    """Whose cut the set cannot tell apart, where the trimmed rendering is itself a translation."""
    it = "it" if len(_dropped_words(dropped)) <= 1 else "them"
    return f"the set cannot tell if {who} or the text it translated dropped {it}" if translation else ""


def only_cut_words(names: Sequence[str], who: str, translation: bool, dropped: Any) -> str:
    """The whole finding, for a page with room: "001's and 000's renderings both keep ‘sovereign’; only 003's
    quotation leaves it out, and the set cannot tell if 003 or the text it translated dropped it"."""
    it = "it" if len(_dropped_words(dropped)) <= 1 else "them"
    unknown = unknown_cut_words(who, translation, dropped)
    return f"{kept_words(names, dropped)}; only {who}'s quotation leaves {it} out" + (f", and {unknown}" if unknown else "")


register(KIND, build, verify)
