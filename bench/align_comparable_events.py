"""Comparable mode on three-way events built from WMT21 human translations, with and without context.

The seed gold is one event; this bench checks that what helps there holds on
other text.  Each WMT21 document with three renderings of every segment
becomes one event of three "reports": en-de references A, C and D (three
independent human translations), ru-en references A and B plus Online-W,
de-en references A and B plus Online-B.  Each report is perturbed the way
reports of one event differ (seeded): segments dropped (15 % from the first,
25 % from the others), two consecutive segments merged into one sentence
(20 %), and, except in the first, blocks of two to five sentences shuffled.
Gold: two sentences are linked when they share a segment.  Negative events
take the three reports from three different documents (every link is
false), and report links per 100 sentences.  The aligner runs as
`compare align` does (``align_event``, mode comparable, default backend),
with the shipped settings and with neighbour support and cycle consistency
off.

Run: .venv/bin/python bench/align_comparable_events.py [--seed 7]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from pathlib import Path

from compare.model import Sentence, Source

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wmt21-news-human-vs-mt"
RENDERINGS = (("en-de", ("A", "C", "D")), ("ru-en", ("A", "B", "Online-W")), ("de-en", ("A", "B", "Online-B")))
CHUNK = 20
"""en-de and de-en carry no document ids: consecutive lines are cut into documents of this many segments."""


def documents() -> list[tuple[str, list[list[str]]]]:
    """(language, [segments of rendering 0, 1, 2]) per document with at least six complete segments."""
    out = []
    for lp, refs in RENDERINGS:
        docs: dict[str, list[dict]] = {}
        for line in (DATA / f"newstest2021.{lp}.shared.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            docs.setdefault(row["doc_id"] or f"chunk{row['line'] // CHUNK}", []).append(row)
        for _, rows in sorted(docs.items()):
            def text(row, ref):
                return row["human"].get(ref) or row["mt"].get(ref)
            rows = [r for r in sorted(rows, key=lambda r: r["line"]) if all(text(r, ref) for ref in refs)]
            if len(rows) >= 6:
                out.append((lp.split("-")[1], [[text(r, ref) for r in rows] for ref in refs]))
    return out


def _source(source_id: str, lines: list[str], language: str) -> Source:
    sentences, offset = [], 0
    for i, line in enumerate(lines):
        sentences.append(Sentence(source_id, i, offset, offset + len(line), line, i, language))
        offset += len(line) + 1
    return Source(id=source_id, path="", text="\n".join(lines), language=language, sentences=tuple(sentences))


def perturbed_event(language: str, renderings: list[list[str]], rng: random.Random):
    """Three perturbed reports and the gold links between them."""
    groups_of, sources = {}, []
    for v, segments in enumerate(renderings):
        keep = [k for k in range(len(segments)) if rng.random() > (0.15 if v == 0 else 0.25)]
        groups, k = [], 0
        while k < len(keep):
            if k + 1 < len(keep) and keep[k + 1] == keep[k] + 1 and rng.random() < 0.2:
                groups.append([keep[k], keep[k + 1]])
                k += 2
            else:
                groups.append([keep[k]])
                k += 1
        if v > 0:
            blocks, k = [], 0
            while k < len(groups):
                size = rng.randint(2, 5)
                blocks.append(groups[k:k + size])
                k += size
            rng.shuffle(blocks)
            groups = [g for block in blocks for g in block]
        sid = f"r{v}"
        groups_of[sid] = groups
        sources.append(_source(sid, [" ".join(segments[x] for x in g) for g in groups], language))
    gold = set()
    for a, b in itertools.combinations(sorted(groups_of), 2):
        for i, ga in enumerate(groups_of[a]):
            for j, gb in enumerate(groups_of[b]):
                if set(ga) & set(gb):
                    gold.add((a, i, b, j))
    return sources, gold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    from compare.align import align_event
    from compare.align.comparable import ComparableSettings

    docs = documents()
    rng = random.Random(args.seed)
    events = [perturbed_event(language, renderings, rng) for language, renderings in docs]
    negatives = []
    for k in range(len(docs)):
        trio = [docs[(k + d) % len(docs)] for d in range(3)]
        if len({language for language, _ in trio}) == 1:
            negatives.append([_source(f"r{v}", trio[v][1][v], trio[0][0]) for v in range(3)])
    shipped = ComparableSettings()
    settings = {
        "shipped": shipped,
        "no context": ComparableSettings(shipped.threshold, shipped.margin, shipped.strong, support=0,
                                         consistent=False),
        "support only": ComparableSettings(shipped.threshold, shipped.margin, shipped.strong, consistent=False),
        "cycle only": ComparableSettings(shipped.threshold, shipped.margin, shipped.strong, support=0),
    }
    align_event("warm-up", events[0][0], mode="comparable", metrics=("bleu",))  # imports, lemma caches
    print(f"{len(events)} three-way events ({sum(len(g) for _, g in events)} gold links), "
          f"{len(negatives)} negative events; seed {args.seed}")
    print(f"{'settings':14s} {'links':>6s} {'P':>6s} {'R':>6s} {'F1':>6s} {'neg/100':>8s}")
    for name, setting in settings.items():
        started = time.perf_counter()
        tp = n_pred = n_gold = 0
        for sources, gold in events:
            result = align_event("e", sources, mode="comparable", comparable=setting, metrics=("bleu",))
            found = {(lk.source_a, lk.sentence_a, lk.source_b, lk.sentence_b) for lk in result.links}
            tp += len(found & gold)
            n_pred += len(found)
            n_gold += len(gold)
        false_links = sentences = 0
        for sources in negatives:
            result = align_event("n", sources, mode="comparable", comparable=setting, metrics=("bleu",))
            false_links += len(result.links)
            sentences += sum(len(s.sentences) for s in sources)
        p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
        f = 2 * p * r / max(p + r, 1e-9)
        print(f"{name:14s} {n_pred:6d} {p:6.3f} {r:6.3f} {f:6.3f} {100 * false_links / max(sentences, 1):8.2f}"
              f"  ({time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
