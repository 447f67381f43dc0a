"""STS Benchmark: Pearson and Spearman of `compare pairs` similarity against the human scores.

Nothing is fitted on dev: the lexical IDF weights come from the sentences of
the file being scored, and the backend's weights were set beforehand (the
default semantic model's on MSRP train and STS-B train, bench/semantic_fit_pairs.py).
With the semantic model, embeddings come from the bench cache (bench/semantic_cache.py).
With --splits dev,train the train figures are printed too, for comparison.

Run: .venv/bin/python bench/align_sts.py [--backend default|lexical|embeddings] [--splits dev,train]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from scipy.stats import pearsonr, spearmanr

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "stsbenchmark"


def read(path: Path) -> tuple[list[str], list[str], list[float]]:
    a, b, gold = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 7:
            gold.append(float(fields[4]))
            a.append(fields[5])
            b.append(fields[6])
    return a, b, gold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", default="default")
    parser.add_argument("--splits", default="dev", help="comma-separated: dev, train")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from semantic_fit_pairs import cached_encoder

    from compare.align.pairs import resolved_backend, score_pairs

    for split in args.splits.split(","):
        a, b, gold = read(DATA / f"sts-{split}.csv")
        started = time.perf_counter()
        rows = score_pairs(a, b, backend=args.backend, encode=cached_encoder(f"sts-{split}"))
        sims = [r["similarity"] for r in rows]
        print(f"STS-B {split:5s} ({len(gold)} pairs), backend {args.backend} ({resolved_backend(args.backend)}): "
              f"Pearson {pearsonr(sims, gold)[0]:.3f}  Spearman {spearmanr(sims, gold)[0]:.3f}  "
              f"({time.perf_counter() - started:.1f}s)")
        for signal in sorted(k for k in rows[0] if k.startswith("signal_")):
            values = [r[signal] for r in rows]
            print(f"    {signal:18s} Pearson {pearsonr(values, gold)[0]:.3f}  Spearman {spearmanr(values, gold)[0]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
