"""Sources built from sentences in a test, without ingesting files: one helper for the tests that hand a rule a
few sentences (several test modules had their own copy)."""

from __future__ import annotations

from compare.model import Sentence, Source


def made_source(sid: str, language: str, *sentences: str) -> Source:
    """A source whose text is ``sentences`` joined by spaces, one paragraph per sentence, offsets exact."""
    out, start = [], 0
    for i, text in enumerate(sentences):
        out.append(Sentence(sid, i, start, start + len(text), text, i, language))
        start += len(text) + 1
    return Source(sid, f"{sid}.txt", " ".join(sentences), language=language, sentences=tuple(out))
