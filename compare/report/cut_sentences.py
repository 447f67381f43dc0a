"""Sentences cut out of a background passage to be compared with the event, and the note they keep.

A background passage (``compare.events``) loses a sentence that names the present occasion ("As this time,
representatives of Tokyo said …"): it is compared with the event.  Shown alone in a row, or quoted as a nearest
candidate, it read as the report's account of this event (issue 23, r46, 2019 row c28, a sentence of 000's
paragraph about the 2018 meeting).  Wherever such a sentence is shown it keeps a note of the passage it came from.
"""

from __future__ import annotations

from compare.model import EventResult
from compare.present_occasion import present_marker


def cut_from_passage(item: EventResult) -> dict[tuple[str, int], str]:
    """(source, sentence index) -> "(from a background passage dated 2018)" for each sentence that names this
    occasion inside a paragraph whose background passage was cut around it."""
    cut = {(b.source_id, b.paragraph): b.date for e in [item.event] for b in e.background
           if "compared with it" in b.reason}
    inside = [(b.source_id, b.start, b.end) for b in item.event.background]
    out = {}
    for source in item.sources:
        for sentence in source.sentences:
            key = (source.id, sentence.paragraph)
            if key not in cut or present_marker(sentence.text) is None:
                continue
            if any(sid == source.id and a < sentence.end and sentence.start < b for sid, a, b in inside):
                continue  # still background: a marker the passage kept
            date = cut[key]
            out[(source.id, sentence.index)] = (f"(from a background passage dated {date})" if date
                                                else "(from a background passage about another occasion)")
    return out
