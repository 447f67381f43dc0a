"""Hand-made gold links (alignments/*.csv) and how the aligner's links score against them.

A gold row stores source id, sentence index and sentence text on both sides.
Rows are matched to the current segmentation by text first (so the gold
survives small segmentation changes), by index when the text is unchanged.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from compare.model import Link, Source

GoldLink = tuple[str, int, str, int]


def _resolve(sources: dict[str, Source], source_id: str, index: int, text: str) -> int | None:
    source = sources.get(source_id)
    if source is None:
        return None
    if index < len(source.sentences) and source.sentences[index].text == text:
        return index
    for sentence in source.sentences:
        if sentence.text == text or (text and text in sentence.text):
            return sentence.index
    return None


def read_gold(path: str | Path, sources: Sequence[Source]) -> tuple[set[GoldLink], list[str]]:
    """Gold links as (source_a, sentence_a, source_b, sentence_b), a < b; plus rows that no longer resolve."""
    by_id = {s.id: s for s in sources}
    links: set[GoldLink] = set()
    lost: list[str] = []
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            i = _resolve(by_id, row["source_a"], int(row["sentence_a"]), row["text_a"])
            j = _resolve(by_id, row["source_b"], int(row["sentence_b"]), row["text_b"])
            if i is None or j is None:
                lost.append(f"{row['source_a']}:{row['sentence_a']}-{row['source_b']}:{row['sentence_b']}")
                continue
            links.add(normalise((row["source_a"], i, row["source_b"], j)))
    return links, lost


def normalise(link: GoldLink) -> GoldLink:
    a, i, b, j = link
    return (a, i, b, j) if a <= b else (b, j, a, i)


def predicted(links: Iterable[Link], sources: Iterable[str] | None = None) -> set[GoldLink]:
    """The aligner's links in gold form, optionally only between the given sources."""
    keep = set(sources) if sources is not None else None
    out = set()
    for link in links:
        if keep is None or (link.source_a in keep and link.source_b in keep):
            out.add(normalise((link.source_a, link.sentence_a, link.source_b, link.sentence_b)))
    return out


def precision_recall(gold: set[GoldLink], found: set[GoldLink]) -> tuple[float, float, float]:
    tp = len(gold & found)
    precision = tp / len(found) if found else 0.0
    recall = tp / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
