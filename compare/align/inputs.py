"""Sources for the aligner from outside a source set: pre-segmented text files, one sentence a line.

Sentence aligners' test sets (Bleualign, vecalign) come as one sentence per
line; ``compare align --presegmented`` reads them so, without re-segmenting.
The clean text is the non-empty lines joined by newlines, and each
sentence's offsets point into it, as ``compare ingest`` offsets do.
"""

from __future__ import annotations

from pathlib import Path

from compare.errors import InputError
from compare.model import UNDETERMINED, Sentence, Source


def presegmented_source(path: str | Path, source_id: str | None = None, language: str | None = None) -> Source:
    """A Source whose sentences are the file's non-empty lines (one paragraph per sentence)."""
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read as UTF-8 text ({exc})", hint="give a UTF-8 file") from exc
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    text = "\n".join(lines)
    if language is None:
        from compare.lang import get_detector

        guess = get_detector("py3langid").detect(text[:20000])
        language = guess.language
    language = language or UNDETERMINED
    sentences, offset = [], 0
    sid = source_id or path.stem
    for k, line in enumerate(lines):
        sentences.append(Sentence(sid, k, offset, offset + len(line), line, k, language))
        offset += len(line) + 1
    return Source(id=sid, path=str(path), text=text, language=language, sentences=tuple(sentences))
