"""What the quotes section says: each rendering of a speaker's statement, and where none was found.

A rendering finding carries the fidelity, chrF and the dropped and added
words of one source's quotation against the reference wording; its verifier
re-reads both texts in sentences.csv, recomputes the chrF, and checks that
every number or year that differs between them is listed (a year changed
from 2027 to 2030 inside a quote is the most teachable change there is).  A
not-found finding names the sources whose quotations were checked against a
statement and matched none of it; it is re-checked against quotes.csv.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from compare.align.features import NUMBER_RE, canonical_number
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
    listed = {canonical_number(w.strip(".,")) if w[:1].isdigit() else w for w in f["dropped"] + f["added"]}
    changed = _numbers(f["text"]) ^ _numbers(f["reference_text"])
    if changed - listed:
        return finding.refuted(f"numbers that differ are not listed: {', '.join(sorted(changed - listed))}")
    return finding


def not_found(speaker: str, reference: str, statement: str, checked: Sequence[str]) -> Finding:
    """No quotation of ``checked`` sources renders the statement (``reference``'s wording ``statement``)."""
    return Finding(NOT_FOUND, (speaker, reference), figures={"checked": tuple(checked), "statement": statement},
                   evidence=tuple(f"{sid}:quotes" for sid in checked))


def same_statement(a: str, b: str) -> bool:
    """Whether two reference wordings are one statement or part of it ("on their sovereign territory" is part of
    "... are operating on their sovereign territory and based on international law")."""
    a, b = _squash(a), _squash(b)
    return a in b or b in a


def verify_not_found(finding: Finding, quotes: Iterable[Mapping[str, Any]]) -> Finding:
    """Refuted if quotes.csv holds a rendering of the statement, or of part of it, by a source said to have none."""
    statement = finding.figures["statement"]
    found = {q["source"] for q in quotes if same_statement(q["reference_text"], statement)}
    clash = sorted(found & set(finding.figures["checked"]))
    return finding.refuted(f"quotes.csv has a rendering by {', '.join(clash)}") if clash else finding


def not_found_words(finding: Finding, labels: Mapping[str, str]) -> str:
    """The line under a statement naming the sources checked where no rendering was found."""
    names = ", ".join(labels.get(sid, sid) for sid in finding.figures["checked"])
    return (f"No quotation of this statement found in {names}: their quotations were checked against it; "
            "a source may still report it in its own words (see the side-by-side).")
