"""``said-again``: a row the aligner left unlinked because its source says the statement twice.

000 reports Lavrov in its own words ("the fourth round negotiations ... was Frank, the parties managed to build a
constructive discussion") and then quotes him ("“The negotiations were Frank, ... constructive discussion, and we
did it,”"); the quotation is linked to MID's "The talks were straightforward. Without avoiding acute issues ...",
and the reported version, left without a link, read "no close match found" and was counted among the statements
the aligner could not match.  The row now says "said again: 000 repeats its statement of row c6", naming the row
of the linked sentence (``align.repeats`` gives the rule and where its threshold comes from).

The verifier re-reads the run: the sentence is still unlinked, the other is its neighbour in the same source and
still linked, one of the two quotes the speaker directly and the other reports the same speaker, and the model's
reading is at or above the absence test's same-language threshold.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from compare.align.absence import threshold
from compare.align.repeats import shared_speaker, voices
from compare.findings.base import Finding, register
from compare.model import EventResult

KIND = "said-again"


def repeat_sentence(source: str, row: str, speaker: str) -> str:
    """The row's words: which source says the statement again, and the row where it is linked."""
    return f"said again: {source} repeats its statement of row {row} ({speaker}'s words, reported and quoted)"


def _claim_of(item: EventResult) -> dict[tuple[str, int], str]:
    return {member: claim.id for claim in item.alignment.claims for member in claim.members}


def build(item: EventResult) -> list[Finding]:
    if item.alignment is None:
        return []
    claims = _claim_of(item)
    out = []
    for key, again in sorted(item.alignment.said_again.items()):
        sid, _, index = key.rpartition(":")
        row = claims.get((sid, again.sentence), "")
        out.append(Finding(
            KIND, (sid, claims.get((sid, int(index)), "")),
            repeat_sentence(sid, row.rsplit(":", 1)[-1], again.speaker),
            {"sentence": int(index), "repeats": again.sentence, "row": row, "speaker": again.speaker,
             "probability": again.probability},
            (f"{sid}:{index}", f"{sid}:{again.sentence}")))
    return out


def verify(finding: Finding, item: EventResult, run: Any = None) -> str | None:
    f = finding.figures
    sid = finding.subjects[0]
    source = next((s for s in item.sources if s.id == sid), None)
    if source is None or item.alignment is None:
        return f"{sid} is not in the event"
    positions = {s.index: p for p, s in enumerate(source.sentences)}
    if abs(positions.get(f["sentence"], -9) - positions.get(f["repeats"], 9)) != 1:
        return "the two sentences are not next to each other in the source"
    linked = ({(lk.source_a, lk.sentence_a) for lk in item.alignment.links}
              | {(lk.source_b, lk.sentence_b) for lk in item.alignment.links})
    if (sid, f["sentence"]) in linked:
        return "the sentence is linked to another source"
    if (sid, f["repeats"]) not in linked:
        return "the sentence it repeats is not linked to another source"
    if _claim_of(item).get((sid, f["repeats"])) != f["row"]:
        return "the repeated sentence is not in the row named"
    annotations = getattr(run, "annotations", None)
    if annotations is None or shared_speaker(voices(annotations, sid), f["sentence"], f["repeats"]) is None:
        return "the two sentences do not quote and report one speaker"
    floor = threshold(True)
    if floor is None or f["probability"] < floor:
        return "the model's reading of the pair is below the absence test's threshold"
    return None


def repeated(tables: Mapping[str, Any]) -> dict[tuple[str, int], Mapping[str, Any]]:
    """(source, sentence index) -> the verified said-again finding of an event's tables."""
    return {(r["subjects"][0], r["figures"]["sentence"]): r for r in tables.get("findings") or ()
            if r["kind"] == KIND and r["verified"]}


register(KIND, build, verify)
