"""Speed: an event of 10 sources of N sentences each, aligned end to end (links, claims, scores, quotes).

Sources are drawn (seeded) from a pool of real news sentences: one source
side and one human reference (A) per WMT21 segment, English, German,
French and Russian (Chinese left out), when ../shared/data is there, else the
seed reports' sentences.  Each source samples N sentences from the first 4N of the shuffled
pool, so any two sources share about a quarter of their sentences, in a
different order, with a word dropped here and there.  Timed without TER at N
and 2N, and with all pair metrics at N (2N too with --ter-doubled) (sacrebleu's TER shift search, pure Python, is
the one cost that grows fast with links).  Timings are wall-clock on this
machine; the ratio of 2N to N tells how time grows.

Run: .venv/bin/python bench/align_speed.py [--sources 10] [--sentences 300] [--mode auto]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from compare.model import Sentence, Source

ROOT = Path(__file__).resolve().parents[1]
WMT = ROOT.parent / "shared" / "data" / "wmt21-news-human-vs-mt"
SEED = 12345


def sentence_pool() -> list[tuple[str, str]]:
    """(text, language) of distinct statements: one rendering per WMT21 segment and side."""
    pool: list[tuple[str, str]] = []
    if WMT.exists():
        for path in sorted(WMT.glob("newstest2021.*.shared.jsonl")):
            source_lang, target_lang = path.name.split(".")[1].split("-")
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                pool.append((row["src"], source_lang))
                if row["human"].get("A"):
                    pool.append((row["human"]["A"], target_lang))
    else:
        from compare.ingest import ingest

        pool = [(s.text, src.language) for src in ingest(ROOT / "seeds").sources for s in src.sentences]
    return sorted({p for p in pool if len(p[0].split()) >= 5 and p[1] != "zh"})


def make_sources(pool: list[tuple[str, str]], n_sources: int, n_sentences: int, rng: random.Random) -> list[Source]:
    """Each source samples its sentences from the first 4N of the shuffled pool, so two sources share ~N/4."""
    shuffled = pool[:]
    rng.shuffle(shuffled)
    subset = shuffled[: 4 * n_sentences]
    sources = []
    for k in range(n_sources):
        chosen = rng.sample(subset, min(n_sentences, len(subset)))
        lines, languages = [], []
        for text, language in chosen:
            words = text.split()
            if rng.random() < 0.3 and len(words) > 6:
                del words[rng.randrange(len(words))]
            lines.append(" ".join(words))
            languages.append(language)
        text = "\n".join(lines)
        sentences, offset = [], 0
        for i, (line, language) in enumerate(zip(lines, languages, strict=True)):
            sentences.append(Sentence(f"s{k:02d}", i, offset, offset + len(line), line, i, language))
            offset += len(line) + 1
        sources.append(Source(id=f"s{k:02d}", path="", text=text, language="en", sentences=tuple(sentences)))
    return sources


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=10)
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--mode", default="auto")
    parser.add_argument("--backend", default="default")
    parser.add_argument("--ter-doubled", action="store_true", help="also time TER at 2N (minutes)")
    args = parser.parse_args()
    from compare.align import align_event

    pool = sentence_pool()
    rng = random.Random(SEED)
    align_event("warm-up", make_sources(pool, 2, 20, rng), mode=args.mode, backend=args.backend)  # imports, lemmas
    for metrics in (("bleu", "chrf"), ("bleu", "chrf", "ter")):
        timings = {}
        sizes = (args.sentences, 2 * args.sentences) if "ter" not in metrics or args.ter_doubled else (args.sentences,)
        for n in sizes:
            sources = make_sources(pool, args.sources, n, random.Random(SEED))
            started = time.perf_counter()
            result = align_event("speed", sources, mode=args.mode, backend=args.backend, metrics=metrics)
            timings[n] = time.perf_counter() - started
            modes = sorted(set(result.modes.values()))
            print(f"metrics {'+'.join(metrics):13s} {args.sources} sources x {n} sentences ({len(pool)} in the pool):"
                  f" {timings[n]:.2f}s, {len(result.links)} links, {len(result.claims)} claims, modes {modes}")
        if len(sizes) == 2:
            ratio = timings[2 * args.sentences] / timings[args.sentences]
            print(f"  time ratio for doubling sentences per source: {ratio:.2f} (quadratic would be 4)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
