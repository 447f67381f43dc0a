"""Entities across languages on WMT21 originals and their human translations (../shared/data).

    .venv/bin/python bench/entities_wmt21.py            # table per language pair

An original and its human translation name the same people and places, so a
person or place entity that resolution finds in one and not in the other is a
miss of cross-language resolution (a spelling not joined) or of name finding
(a name found on one side only).  For each article of the shared part whose
data has a ``doc_id`` (ru-en, de-fr, fr-de), the original and reference A are
annotated as two reports and their entities resolved together; the table
gives, per language pair and type, how many entities there are and the share
found in both versions ("in both").  A higher share with no more entities
means spellings were joined; the person count also falls when phrases that
are not people ("Ortschaft Dampfach", "Borussia Dortmund") stop being typed
as people.  No gold: this is agreement between versions, not accuracy.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from compare.annotate import annotate
from compare.model import Sentence, Source

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wmt21-news-human-vs-mt"
PAIRS = ("ru-en", "de-fr", "fr-de")


def _source(sid: str, language: str, segments: list[str]) -> Source:
    text, sentences, start = "", [], 0
    for i, segment in enumerate(segments):
        sentences.append(Sentence(sid, i, start, start + len(segment), segment, i, language))
        text += segment + "\n\n"
        start = len(text)
    return Source(id=sid, path=f"{sid}.txt", text=text, language=language, sentences=tuple(sentences))


def articles(pair: str) -> dict[str, tuple[list[str], list[str]]]:
    docs: dict[str, list[dict]] = defaultdict(list)
    with (DATA / f"newstest2021.{pair}.shared.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            docs[row["doc_id"]].append(row)
    return {doc: ([r["src"] for r in sorted(rows, key=lambda r: r["seg_id"])],
                  [r["human"]["A"] for r in sorted(rows, key=lambda r: r["seg_id"])])
            for doc, rows in sorted(docs.items()) if all("A" in r["human"] for r in rows)}


def main() -> None:
    print("| pair | type | entities | in both |")
    print("|---|---|---|---|")
    for pair in PAIRS:
        src_lang, ref_lang = pair.split("-")
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for doc, (src, ref) in articles(pair).items():
            sources = [_source(f"{doc}-orig", src_lang, src), _source(f"{doc}-ref", ref_lang, ref)]
            for entity in annotate(sources).entities:
                if entity.type in ("person", "place"):
                    counts[entity.type][0] += 1
                    counts[entity.type][1] += len(entity.variants) == 2
        for type_, (n, both) in sorted(counts.items()):
            print(f"| {pair} | {type_} | {n} | {both / n:.2f} |")


if __name__ == "__main__":
    main()
