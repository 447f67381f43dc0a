"""Compare sentence segmenters on the seed gold and on WMT21 news segments.

Run from the repository root:  .venv/bin/python bench/segment_compare.py

Segmenters: ``compare`` (what the toolkit uses: sentencex + the repairs in
compare/segment.py), ``sentencex`` alone, ``pysbd``, ``syntok``, ``blingfire``,
and ``pysbd+repairs`` (pysbd's splits with our repairs on top).

(a) Seed gold (tests/gold/seed_sentences.jsonl): each segmenter splits every
    paragraph of the clean text; a sentence counts as correct when both of its
    boundaries match a gold sentence.  P, R, F1 pooled over the five seeds.

(b) WMT21 (../shared/data/wmt21-news-human-vs-mt): every JSONL line is one
    source segment, so the place where one segment ends and the next begins
    is a gold sentence boundary.  Texts per language: de = src of de-fr/de-en
    + human ref A of en-de/fr-de; fr = src of fr-de + ref A of de-fr; ru = src
    of ru-en; zh = src of zh-en; en = src of en-de + ref A of de-en/ru-en/zh-en
    (MT outputs are not used).  Consecutive segments of one document (of one
    file for the pairs without document ids) are joined with a space (nothing
    for zh) into "paragraphs" of up to 5 segments; a segment that does not end
    in . ! ? 。！？ (optionally followed by a closing quote or bracket) is a
    headline or fragment that no punctuation-based segmenter can find, so it
    closes the paragraph instead of being joined.
    - recall: share of gold joins where the segmenter puts a boundary;
    - precision (lower bound): gold joins found / all boundaries predicted.
      A segment can hold several sentences, so a boundary inside a segment is
      not always wrong: this is a lower bound on true precision;
    - in-seg/100: predicted boundaries inside segments per 100 segments;
    - Rq: recall on the gold joins that do not fall inside a quotation closed
      later in the paragraph.  compare keeps a quotation of several sentences
      as one unit on purpose (quote matching needs it; tests/gold/README.md),
      and WMT splits such quotations, so R understates it by design.
    Speed: sentences per second over all WMT21 paragraphs (best of 3 runs,
    one process, wall clock; compare only within one run of this script).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.ingest import ingest  # noqa: E402
from compare.segment import _inside_quote, _repair, locate, prf, quote_regions, span_scores, split_paragraph  # noqa: E402,I001

DATA = ROOT.parent / "shared" / "data" / "wmt21-news-human-vs-mt"
GOLD = ROOT / "tests" / "gold" / "seed_sentences.jsonl"
MAX_SEGMENTS = 5
_TERMINAL = re.compile(r"[.!?。！？…][\"'”’»)\]」』]*$")

Spans = list[tuple[int, int]]


def _pieces_to_spans(text: str, pieces: Iterator[str] | list[str]) -> Spans:
    """Offsets of the stripped pieces a segmenter returned, found in order."""
    spans: Spans = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:  # segmenter changed the text; give it the rest
            start, piece = cursor, text[cursor:].strip()
        spans.append((start, start + len(piece)))
        cursor = start + len(piece)
    return spans


def _sentencex(text: str, lang: str) -> Spans:
    import sentencex

    return _pieces_to_spans(text, sentencex.segment(lang, text))


_PYSBD: dict[str, object] = {}


def _pysbd(text: str, lang: str) -> Spans:
    import pysbd

    if lang not in _PYSBD:
        _PYSBD[lang] = pysbd.Segmenter(language=lang, clean=False)
    return _pieces_to_spans(text, _PYSBD[lang].segment(text))  # type: ignore[attr-defined]


def _syntok(text: str, lang: str) -> Spans:
    import syntok.segmenter as syntok

    spans: Spans = []
    for paragraph in syntok.analyze(text):
        for sentence in paragraph:
            spans.append((sentence[0].offset, sentence[-1].offset + len(sentence[-1].value)))
    return spans


def _blingfire(text: str, lang: str) -> Spans:
    import blingfire

    _, offsets = blingfire.text_to_sentences_and_offsets(text)
    return _pieces_to_spans(text, [text[a:b] for a, b in offsets])


def _compare(text: str, lang: str) -> Spans:
    return split_paragraph(text, lang)


def _pysbd_repaired(text: str, lang: str) -> Spans:
    return _repair(text, _pysbd(text, lang))


SEGMENTERS: dict[str, Callable[[str, str], Spans]] = {
    "compare": _compare,
    "sentencex": _sentencex,
    "pysbd": _pysbd,
    "pysbd+repairs": _pysbd_repaired,
    "syntok": _syntok,
    "blingfire": _blingfire,
}


def seed_gold() -> dict[str, tuple[float, float, float, int]]:
    sources = {s.id: s for s in ingest(ROOT / "seeds").sources}
    with GOLD.open(encoding="utf-8") as handle:
        gold = {row["id"]: row["sentences"] for row in map(json.loads, handle)}
    results = {}
    for name, split in SEGMENTERS.items():
        counts = [0, 0, 0]
        for source_id, sentences in gold.items():
            source = sources[source_id]
            predicted: Spans = []
            for p_start, p_end in source.paragraphs:
                predicted += [(p_start + a, p_start + b) for a, b in split(source.text[p_start:p_end], source.language)]
            for i, value in enumerate(span_scores(locate(source.text, sentences), predicted)):
                counts[i] += value
        results[name] = (*prf(*counts), counts[0])
    return results


def _texts_by_language() -> dict[str, list[list[str]]]:
    """Documents (lists of segments) per language, in file order."""
    plan = {  # file lp -> [(field, language)]
        "de-fr": [("src", "de"), ("A", "fr")],
        "fr-de": [("src", "fr"), ("A", "de")],
        "ru-en": [("src", "ru"), ("A", "en")],
        "en-de": [("src", "en"), ("A", "de")],
        "de-en": [("src", "de"), ("A", "en")],
        "zh-en": [("src", "zh"), ("A", "en")],
    }
    docs: dict[str, list[list[str]]] = {}
    for lp, fields in plan.items():
        rows = [json.loads(line) for line in (DATA / f"newstest2021.{lp}.shared.jsonl").open(encoding="utf-8")]
        for field, lang in fields:
            current_doc: object = object()
            for row in rows:
                text = row["src"] if field == "src" else (row["human"] or {}).get(field)
                if row["doc_id"] != current_doc:
                    docs.setdefault(lang, []).append([])
                    current_doc = row["doc_id"]
                if text and text.strip():
                    docs[lang][-1].append(" ".join(text.split()))
    return docs


def paragraphs(docs: list[list[str]], lang: str) -> list[tuple[str, list[int], int]]:
    """(paragraph text, gold join offsets, number of segments) built from consecutive segments."""
    glue = "" if lang == "zh" else " "
    out: list[tuple[str, list[int], int]] = []
    for doc in docs:
        run: list[str] = []
        for segment in doc:
            run.append(segment)
            if len(run) == MAX_SEGMENTS or not _TERMINAL.search(segment):
                out.append(_join(run, glue))
                run = []
        if run:
            out.append(_join(run, glue))
    return out


def _join(run: list[str], glue: str) -> tuple[str, list[int], int]:
    joins, cursor = [], 0
    for segment in run[:-1]:
        cursor += len(segment)
        joins.append(cursor)
        cursor += len(glue)
    return glue.join(run), joins, len(run)


def wmt() -> tuple[dict[str, dict[str, tuple[float, float, float, float]]], dict[str, float], dict[str, int]]:
    """Per segmenter and language (R, Rq, P, in-seg/100); sentences/s per segmenter; gold joins per language."""
    by_lang = {lang: paragraphs(docs, lang) for lang, docs in sorted(_texts_by_language().items())}
    scores: dict[str, dict[str, tuple[float, float, float, float]]] = {}
    speed: dict[str, float] = {}
    for name, split in SEGMENTERS.items():
        scores[name] = {}
        total_sentences, best = 0, float("inf")
        for _ in range(3):
            start = time.perf_counter()
            total_sentences = sum(len(split(text, lang)) for lang, paras in by_lang.items() for text, _, _ in paras)
            best = min(best, time.perf_counter() - start)
        speed[name] = total_sentences / best
        for lang, paras in by_lang.items():
            found = predicted = gold = inside = segments = found_q = gold_q = 0
            for text, joins, n in paras:
                ends = {b for _, b in split(text, lang)[:-1]}
                regions = quote_regions(text)
                outside = {j for j in joins if not _inside_quote(regions, j)}
                found += len(ends & set(joins))
                found_q += len(ends & outside)
                gold_q += len(outside)
                predicted += len(ends)
                gold += len(joins)
                inside += len(ends - set(joins))
                segments += n
            p = found / predicted if predicted else 0.0
            r = found / gold if gold else 0.0
            r_q = found_q / gold_q if gold_q else 0.0
            scores[name][lang] = (r, r_q, p, 100 * inside / segments)
    sizes = {lang: sum(len(j) for _, j, _ in paras) for lang, paras in by_lang.items()}
    return scores, speed, sizes


def main() -> None:
    import importlib.metadata as md

    versions = ", ".join(f"{p} {md.version(p)}" for p in ("sentencex", "pysbd", "syntok", "blingfire"))
    print(f"# versions: {versions}")
    print("\n## (a) seed gold: exact sentence spans (tests/gold/seed_sentences.jsonl)\n")
    print(f"{'segmenter':<15} {'P':>6} {'R':>6} {'F1':>6} {'correct':>8}")
    for name, (p, r, f, correct) in seed_gold().items():
        print(f"{name:<15} {p:6.3f} {r:6.3f} {f:6.3f} {correct:8d}")
    if not DATA.is_dir():
        print(f"\n(b) skipped: {DATA} not found")
        return
    scores, speed, sizes = wmt()
    langs = sorted(sizes)
    print("\n## (b) WMT21 segment joins as gold boundaries: R = recall, Rq = recall on joins outside quotations,"
          " P = precision (lower bound), in = in-segment splits per 100 segments")
    print("gold joins: " + ", ".join(f"{lang} {sizes[lang]}" for lang in langs) + "\n")
    print(f"{'segmenter':<15} " + " ".join(f"{lang + ' R/Rq/P/in':>25}" for lang in langs) + f" {'sent/s':>9}")
    for name in SEGMENTERS:
        cells = []
        for lang in langs:
            r, r_q, p, inside = scores[name][lang]
            cells.append(f"{r:.3f}/{r_q:.3f}/{p:.3f}/{inside:4.1f}".rjust(25))
        print(f"{name:<15} " + " ".join(cells) + f" {speed[name]:9.0f}")


if __name__ == "__main__":
    main()
