"""Event similarity against SemEval-2022 Task 8 gold (pairs_shared.csv).

Every article of the file becomes a report (language from the file, no
publication date); ``EventSimilarity`` is fitted once on all of them (so
IDF weights come from the collection) and scores each pair.  Gold ``Overall``
runs from 1 (most similar) to 4 (least), so a good score correlates
negatively; we report Pearson's r with the sign flipped, overall and per
language pair.

Run:  .venv/bin/python bench/events_semeval.py [--limit N]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

import pandas as pd
from scipy.stats import pearsonr

from compare.annotate import annotate
from compare.events import EventSimilarity
from compare.model import Source
from compare.segment import segment

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "semeval2022-task8-news-similarity"


def make_source(article_id: str, text: str, language: str) -> Source:
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    sid = f"{article_id}-{digest}"
    text = "\n\n".join(" ".join(p.split()) for p in str(text).splitlines() if p.strip())
    paragraphs, pos = [], 0
    for para in text.split("\n\n"):
        paragraphs.append((pos, pos + len(para)))
        pos += len(para) + 2
    sentences = tuple(segment(sid, text, paragraphs, language))
    return Source(id=sid, path=sid, text=text, language=language, paragraphs=tuple(paragraphs), sentences=sentences)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default="pairs_shared.csv")
    parser.add_argument("--limit", type=int, default=0, help="only the first N rows (quick runs)")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"{DATA} is absent: nothing to measure", file=sys.stderr)
        return 1
    frame = pd.read_csv(DATA / args.file)
    if args.limit:
        frame = frame.head(args.limit)
    started = time.perf_counter()
    sources: dict[str, Source] = {}
    pairs = []
    for row in frame.itertuples(index=False):
        id1, id2 = str(row.pair_id).split("_")[:2]
        a = make_source(id1, row.text1, row.lang1)
        b = make_source(id2, row.text2, row.lang2)
        sources.setdefault(a.id, a)
        sources.setdefault(b.id, b)
        pairs.append((a.id, b.id, float(row.Overall), f"{row.lang1}-{row.lang2}"))
    collection = [sources[k] for k in sorted(sources)]
    annotations = annotate(collection)
    similarity = EventSimilarity(collection, annotations)
    scores = [similarity.score(a, b) for a, b, _, _ in pairs]
    seconds = time.perf_counter() - started
    gold = [g for _, _, g, _ in pairs]
    r = -pearsonr(scores, gold).statistic
    print(f"{len(pairs)} pairs, {len(collection)} articles, {seconds:.1f} s")
    print(f"Pearson r (sign flipped: Overall 1 = most similar): {r:.3f}")
    by_lp: dict[str, list[int]] = {}
    for n, (_, _, _, lp) in enumerate(pairs):
        by_lp.setdefault(lp, []).append(n)
    for lp in sorted(by_lp, key=lambda k: -len(by_lp[k])):
        rows = by_lp[lp]
        if len(rows) >= 10:
            rr = -pearsonr([scores[i] for i in rows], [gold[i] for i in rows]).statistic
            print(f"  {lp:6} {len(rows):4} pairs  r = {rr:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
