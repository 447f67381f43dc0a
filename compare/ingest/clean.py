"""From a ``RawDocument`` to a ``Source``: every cleaning step, each one recorded.

Order matters: Unicode first (so line features see plain spaces), residue
second (it judges raw *lines*, before re-flow joins them), re-flow third,
then language and sentences on the clean text.  Metadata found on the way
(a dateline, a title line) fills fields the manifest left empty and is
marked as inferred.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection
from functools import lru_cache

from compare.ingest.loaders import RawDocument
from compare.ingest.normalize import normalize_text
from compare.ingest.page_kind import read_page
from compare.ingest.reflow import reflow
from compare.ingest.residue import find_residue, words_of
from compare.lang import Detector, get_detector
from compare.model import UNDETERMINED, Removal, Sentence, Source
from compare.segment import segment
from compare.settings import CleanSettings


@lru_cache(maxsize=4)
def _detector(name: str) -> Detector:
    return get_detector(name)


_FUSED_YEAR_TIME = re.compile(r"\b((?:19|20)\d{2})(\d{1,2}:\d{2})")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


_MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"), 1)}
_TIME = r"(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?"
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2}) ([A-Za-z]+) ((?:19|20)\d{2})" + _TIME)
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+) (\d{1,2}), ((?:19|20)\d{2})" + _TIME)


def _plain_english_date(text: str) -> str | None:
    """The ISO date of a dateline that is only "30 May 2019" or "March 20, 2017" (a time of day may follow), in
    full English month names; None for anything else, which dateparser reads.

    Why: dateparser's first parse of a run builds its time zone and language tables (0.1 CPU-second, on the
    way to the first report's embeddings); these two forms, the usual datelines, have one reading, which is
    dateparser's (``tests/test_ingest_dates.py`` checks the two agree).  An impossible date or time of day is
    left to dateparser, whatever it makes of it.
    """
    found = _DAY_MONTH_YEAR.fullmatch(text)
    if found:
        day, month, year, *clock = found.groups()
    else:
        found = _MONTH_DAY_YEAR.fullmatch(text)
        if not found:
            return None
        month, day, year, *clock = found.groups()
    number = _MONTHS.get(month.lower())
    hour, minute, second = (int(x) if x else 0 for x in clock)
    if number is None or hour > 23 or minute > 59 or second > 59:
        return None
    try:
        return datetime.date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """ISO date from a dateline, only when the line states a year (so results never depend on today)."""
    text = _FUSED_YEAR_TIME.sub(r"\1 \2", text)
    text = re.sub(r"^\s*(posted|published|updated|last updated|date)\b[\s:]*", "", text, flags=re.IGNORECASE)
    if not _YEAR.search(text):
        return None
    plain = _plain_english_date(text.strip())
    if plain is not None:
        return plain
    import dateparser

    parsed = dateparser.parse(
        text,
        settings={"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False},
    )
    return parsed.date().isoformat() if parsed else None


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r"^\d{4}-\d{2}-\d{2}", value)
    if match:
        return match.group(0)
    return parse_date(value)


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def _title_from(paragraphs: list[str]) -> str | None:
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0].strip()
    # Chinese and Japanese write no spaces: about two characters make a word.
    cjk = len(CJK.findall(first))
    words = len(words_of(first)) + cjk // 2 - (1 if cjk else 0)
    if 2 <= words <= 25 and not re.search(r"[.!?:;。！？]['\"’”»」]?$", first):
        return first
    return None


def clean_document(
    raw: RawDocument,
    settings: CleanSettings | None = None,
    repeated_lines: Collection[int] = (),
) -> Source:
    """Clean one report.  ``repeated_lines`` are raw line numbers seen on other pages of its site."""
    settings = settings or CleanSettings()
    text, removed = normalize_text(raw.text)
    lines = text.split("\n")
    kept: list[str | None] = list(lines)
    dates: list[str] = []
    for verdict in find_residue(lines, repeated_lines):
        line_text = lines[verdict.index].strip()
        kept[verdict.index] = None
        step = "metadata" if verdict.kind == "dateline" else "residue"
        removed.append(Removal(step, verdict.reason, line_text, verdict.index + 1))
        if verdict.kind == "dateline":
            date = parse_date(line_text)
            if date:
                dates.append(date)

    paragraphs, reflow_removed = reflow(kept)
    removed.extend(reflow_removed)
    parts = [p.text for p in paragraphs]
    clean = "\n\n".join(parts)
    offsets: list[tuple[int, int]] = []
    line_starts: list[int] = []
    cursor = 0
    for paragraph in paragraphs:
        offsets.append((cursor, cursor + len(paragraph.text)))
        line_starts.extend(cursor + start for start in paragraph.line_starts)
        cursor += len(paragraph.text) + 2

    meta = dict(raw.meta)
    inferred: list[str] = [k for k, origin in raw.meta_source.items() if origin != "manifest" and k in meta]
    if not meta.get("published") and dates:
        meta["published"] = dates[0]
        inferred.append("published")
    published = _iso_date(meta.get("published"))
    if not meta.get("title"):
        title = _title_from(parts)
        if title:
            meta["title"] = title
            inferred.append("title")

    doc_detector = _detector(settings.document_detector)
    guess = doc_detector.detect(clean[: settings.language_sample_chars])
    notes: list[str] = []
    if "replaced" in raw.encoding:
        notes.append(f"mixed encodings: decoded as {raw.encoding}; the replaced bytes show as \ufffd")
    declared = meta.get("language")
    if declared:
        language = declared
        confidence = 1.0
        if guess.language != UNDETERMINED and guess.language != declared.split("-")[0].lower():
            notes.append(
                f"the manifest says language {declared!r} but the text reads as {guess.language!r} "
                f"(p={guess.confidence:.2f})"
            )
    else:
        language, confidence = guess.language, guess.confidence
        inferred.append("language")

    sentence_detector = _detector(settings.sentence_detector)
    sentences: list[Sentence] = []
    for sentence in segment(raw.id, clean, offsets, language, settings.max_sentence_chars):
        sguess = sentence_detector.detect(sentence.text)
        sentences.append(
            Sentence(
                sentence.source_id, sentence.index, sentence.start, sentence.end, sentence.text,
                sentence.paragraph, sguess.language, sguess.confidence,
            )
        )

    # what the page is, read from its clean text: a wall or a notice is kept out of event grouping
    page = read_page(clean)
    outlet = meta.get("outlet") or meta.get("site_name")
    if outlet and "outlet" not in meta:
        inferred.append("outlet")
    return Source(
        id=raw.id,
        path=raw.path,
        text=clean,
        outlet=outlet,
        kind=meta.get("kind"),
        language=language,
        language_confidence=round(confidence, 4),
        detected_language=guess.language,
        published=published,
        title=meta.get("title"),
        url=meta.get("url"),
        site_name=meta.get("site_name"),
        event_label=meta.get("event"),
        encoding=raw.encoding,
        paragraphs=tuple(offsets),
        line_starts=tuple(line_starts),
        sentences=tuple(sentences),
        removed=tuple(removed),
        inferred=tuple(sorted(set(inferred))),
        notes=tuple(notes),
        page_kind=page.kind if page else None,
        page_words=page.words if page else (),
    )
