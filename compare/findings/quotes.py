"""What the quotes section says: each rendering of a speaker's statement, and where none was found.

A rendering finding carries the fidelity, chrF and the dropped and added
words of one source's quotation against the reference wording; its verifier
re-reads both texts in sentences.csv, recomputes the chrF, and checks that
every number or year that differs between them is listed (a year changed
from 2027 to 2030 inside a quote is the most teachable change there is).  A
not-found finding names the sources whose quotations were checked against a
statement and matched none of it; it is re-checked against quotes.csv.  A quotation said to have no other
rendering ("unmatched") is refuted where another source in its language holds its words in order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from compare.align.features import NUMBER_RE, canonical_number, stopwords, words
from compare.findings.base import Finding
from compare.score import chrf

RENDERING = "quote-rendering"
UNMATCHED = "unmatched"
"""quotes.csv's fidelity for a quotation no other source renders (``compare.align.quotes.UNMATCHED``)."""
NOT_FOUND = "quote-not-found"


CHANGE_ORDER = ("divergent", "trimmed", "swapped", "paraphrase", "close", "verbatim")
"""Fidelity classes, most changed first: a rendering that says something else or leaves a content word out changes
what the speaker is reported to have said; a paraphrase says it in other words.  chrF ranks only within a class: two
translations of one Russian sentence score chrF 37 and make the same points (issue 23, r40, 2019: 000's Lavrov quote
was called "the most changed" while 003's 'on their territory' without 'sovereign' is the change of substance).
A rendering with a word put in another's place ('common positions' for 'close positions', r53) changes what the
speaker is reported to have said as a left-out word does."""


def change_rank(row: Mapping[str, Any]) -> tuple[int, float, str, str]:
    """Sort key of a rendering, most changed first: its fidelity class, then its chrF within the class."""
    fidelity = row["fidelity"]
    rank = CHANGE_ORDER.index(fidelity) if fidelity in CHANGE_ORDER else len(CHANGE_ORDER)
    return rank, float(row["chrf"]), row["speaker"] or "", row["source"]


def swaps(added: Any, dropped: Any, reference: str) -> str:
    """"‘common’ where 001's version has ‘close’": a swapped rendering's words beside the reference's, pair by pair
    (``dropped`` and ``added`` hold them in the quotation's order), or both lists where they do not pair up."""
    new, old = _words(added), _words(dropped)
    if len(new) == len(old):
        return ", ".join(f"‘{n}’ where {reference}'s version has ‘{o}’" for n, o in zip(new, old, strict=True))
    return f"{', '.join(f'‘{w}’' for w in new)} in place of {reference}'s {', '.join(f'‘{w}’' for w in old)}"


def changes_substance(row: Mapping[str, Any]) -> bool:
    """A rendering that says something else, leaves a content word out or puts another in its place, not one that
    only rewords."""
    return row["fidelity"] in CHANGE_ORDER[:3]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _numbers(text: str) -> set[str]:
    return {canonical_number(m) for m in NUMBER_RE.findall(text)}


def _words(value: Any) -> tuple[str, ...]:
    """A word list as the run holds it (a list) or as quotes.csv gives it back (';'-separated, or empty)."""
    if isinstance(value, str):
        return tuple(w for w in value.split(";") if w)
    return tuple(value) if isinstance(value, (list, tuple)) else ()


def rendering(row: Mapping[str, Any]) -> Finding:
    """The finding behind one row of quotes.csv (as the run holds it, or read back from the file)."""
    return Finding(
        RENDERING, (row["speaker"], row["source"], row["reference_source"]),
        figures={"fidelity": row["fidelity"], "chrf": row["chrf"], "dropped": _words(row["dropped"]),
         "added": _words(row["added"]), "text": row["text"], "reference_text": row["reference_text"]},
        evidence=(f"{row['source']}:{row['start']}-{row['end']}", f"{row['reference_source']}:quote"),
    )


def verify_rendering(finding: Finding, sentences: Iterable[Mapping[str, Any]]) -> Finding:
    """Re-check a rendering against the run's sentences: both texts are there, the chrF is the chrF of the two,
    and every number on one side only is in dropped or added."""
    f = finding.figures
    _, source, reference = finding.subjects
    texts: dict[str, list[str]] = {}
    for row in sorted(sentences, key=lambda r: (r["source"], r["index"])):
        texts.setdefault(row["source"], []).append(row["text"])
    for sid, text in ((source, f["text"]), (reference, f["reference_text"])):
        if _squash(text).strip("\"“”«»„ ") not in _squash(" ".join(texts.get(sid, []))):
            return finding.refuted(f"the quoted words are not in {sid}'s sentences")
    if f["fidelity"] != "reference" and abs(chrf(f["text"], f["reference_text"]) - float(f["chrf"])) > 0.01:
        return finding.refuted("the chrF is not the chrF of the two texts")
    if f["fidelity"] == UNMATCHED:
        elsewhere = carried_by_others(f["text"], source, sentences)
        if elsewhere:
            return finding.refuted(f"'no other rendering found', but {', '.join(elsewhere)} carry the quoted words")
    listed = {canonical_number(w.strip(".,")) if w[:1].isdigit() else w for w in f["dropped"] + f["added"]}
    changed = _numbers(f["text"]) ^ _numbers(f["reference_text"])
    if changed - listed:
        return finding.refuted(f"numbers that differ are not listed: {', '.join(sorted(changed - listed))}")
    return finding


def _word_run(text: str) -> str:
    return " ".join(w.casefold() for w in words(text))


def carried_by_others(quoted: str, source: str, sentences: Iterable[Mapping[str, Any]]) -> list[str]:
    """The other sources in the quotation's language whose text holds its words in order: a quotation said to have
    "no other rendering found" is refuted by them (planted p12, rG1 F4: p12-d's apology, word for word in three other
    sources, read so).  Another language is the quote matcher's to pair (``compare.align.quotes.rendered_elsewhere``):
    words are not compared across languages."""
    rows = list(sentences)
    language = _languages(rows)
    wanted = _word_run(quoted)
    texts: dict[str, list[str]] = {}
    for row in sorted(rows, key=lambda r: (r["source"], r["index"])):
        texts.setdefault(row["source"], []).append(row["text"])
    return [sid for sid, parts in sorted(texts.items())
            if sid != source and wanted and language.get(sid) == language.get(source)
            and wanted in _word_run(" ".join(parts))]


def not_found(speaker: str, reference: str, statement: str, checked: Sequence[str]) -> Finding:
    """No quotation of ``checked`` sources renders the statement (``reference``'s wording ``statement``)."""
    return Finding(NOT_FOUND, (speaker, reference), figures={"checked": tuple(checked), "statement": statement},
                   evidence=tuple(f"{sid}:quotes" for sid in checked))


RENDERED_SHARE = 0.7
"""Share of a statement's content words (not function words, not numbers) one sentence of a source in the same language must hold to
count as rendering it by words: p03-b's "… in the 450-man SAS …" holds all but one word of the 250 version, and a
changed figure or negation makes a divergent rendering, not an absence (truth18, p03 F3/F4)."""


def _word_set(text: str, language: str = "en") -> set[str]:
    """Content words, numbers apart (a changed figure leaves a rendering a rendering)."""
    stop = stopwords(language)
    return {w.casefold() for w in words(text) if len(w) >= 2 and not w[0].isdigit() and w.casefold() not in stop}


def renders_by_words(statement: str, text: str, language: str = "en") -> bool:
    """Whether ``text`` holds at least ``RENDERED_SHARE`` of ``statement``'s content words."""
    wanted = _word_set(statement, language)
    return bool(wanted) and len(wanted & _word_set(text, language)) >= RENDERED_SHARE * len(wanted)


def _languages(sentences: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Each source's language: the one most of its sentences are in, a line of undetermined language ('und', a
    dateline or a name alone) not counted."""
    counts: dict[str, Counter[str]] = {}
    for r in sentences:
        if r["language"] and r["language"] != "und":
            counts.setdefault(r["source"], Counter())[r["language"]] += 1
    return {sid: found.most_common(1)[0][0] for sid, found in counts.items()}


def established_absent(statement: str, reference: str, checked: Sequence[str],
                       sentences: Sequence[Mapping[str, Any]]) -> list[str]:
    """The sources of ``checked`` whose lack of the statement is established: same language as ``reference``, no
    sentence holding its words.  A source in another language was compared by meaning only, so its lack is not said.

    Why: truth18 (planted sets): "No quotation of this statement found in p01-a, p01-e" where p01-e quotes it in
    German; "… found in p03-b" where p03-b quotes it with 450 for 250; "… in p03-a, p03-d" where p03-d has it word
    for word in a sentence left unlinked."""
    language = _languages(sentences)
    kept = []
    for sid in checked:
        theirs = [r for r in sentences if r["source"] == sid]
        if not theirs or language.get(sid) != language.get(reference):
            continue
        if any(renders_by_words(statement, r["text"], language.get(sid, "en")) for r in theirs):
            continue
        kept.append(sid)
    return kept


def sentence_versions(versions: Mapping[str, str], candidates: Sequence[str],
                      sentences: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """(source, sentence) for each of ``candidates`` with a sentence holding the words (``renders_by_words``) of a
    version in its own language (``versions``: source to quoted words), the sentence holding most of them: a version
    the quotation matcher did not pair, a changed figure or negation included (truth18, p03 F6: the hand-out's "One
    statement, 4 versions" left out p03-b's "450-man SAS", the one version that differs)."""
    language = _languages(sentences)
    found = []
    for sid in candidates:
        own = [text for src, text in versions.items() if language.get(src) == language.get(sid)]
        lang = language.get(sid, "en")
        theirs = [(len(_word_set(text, lang) & _word_set(r["text"], lang)), -int(r["index"]), r["text"])
                  for r in sentences if r["source"] == sid for text in own if renders_by_words(text, r["text"], lang)]
        if theirs:
            found.append((sid, max(theirs)[2]))
    return found


def same_statement(a: str, b: str) -> bool:
    """Whether two reference wordings are one statement or part of it ("on their sovereign territory" is part of
    "... are operating on their sovereign territory and based on international law")."""
    a, b = _squash(a), _squash(b)
    return a in b or b in a


def verify_not_found(finding: Finding, quotes: Iterable[Mapping[str, Any]],
                     sentences: Sequence[Mapping[str, Any]] | None = None) -> Finding:
    """Refuted if quotes.csv holds a rendering of the statement, or of part of it, by a source said to have none;
    with the run's sentences, also if a source said to have none is not established as lacking it
    (``established_absent``: another language, a sentence in the statement's row, or its words)."""
    statement = finding.figures["statement"]
    found = {q["source"] for q in quotes if same_statement(q["reference_text"], statement)}
    clash = sorted(found & set(finding.figures["checked"]))
    if clash:
        return finding.refuted(f"quotes.csv has a rendering by {', '.join(clash)}")
    if sentences is not None:
        checked = list(finding.figures["checked"])
        open_ = sorted(set(checked) - set(established_absent(statement, finding.subjects[1], checked, sentences)))
        if open_:
            return finding.refuted(f"the statement's absence from {', '.join(open_)} is not established")
    return finding


def not_found_words(finding: Finding, labels: Mapping[str, str]) -> str:
    """The line under a statement naming the sources checked where no rendering was found."""
    names = ", ".join(labels.get(sid, sid) for sid in finding.figures["checked"])
    return (f"No quotation of this statement found in {names}: their quotations were checked against it; "
            "a source may still report it in its own words (see the side-by-side).")
