"""TER: compare.ter against sacrebleu on real WMT21 segment pairs: equal statistics, and how much faster.

    .venv/bin/python bench/ter_speed.py                 # 300 pairs, ~30 s on one idle core
    .venv/bin/python bench/ter_speed.py --pairs 3000 --seed 99

Pairs are the kinds a run links (tests/test_fast_ter.py builds them): each MT
output and second human reference against the first reference, the original
against its translation, two consecutive segments against the same two in the
other order (long, with shifts), and neighbouring segments (unrelated).  Both
implementations run in this process on the same sample; CPU seconds
(``time.process_time``) are quoted because the machine is shared, and the
ratio is the figure that carries over.  Exits 1 if any statistic differs.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from sacrebleu.metrics import TER  # noqa: E402
from test_fast_ter import WMT21, _wmt21_pairs  # noqa: E402

from compare.ter import segment_statistics  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    if not WMT21.is_dir():
        print(f"{WMT21} is absent (third-party data lives in ../shared/data)", file=sys.stderr)
        return 2
    pool = _wmt21_pairs()
    sample = random.Random(args.seed).sample(pool, min(args.pairs, len(pool)))
    metric = TER()
    start = time.process_time()
    expected = [tuple(float(x) for x in metric._extract_corpus_statistics([h], [[r]])[0]) for h, r in sample]
    sacrebleu_s = time.process_time() - start
    start = time.process_time()
    found = [segment_statistics(h, r) for h, r in sample]
    fast_s = time.process_time() - start
    different = sum(a != b for a, b in zip(expected, found, strict=True))
    print(json.dumps({"pairs": len(sample), "pool": len(pool), "seed": args.seed, "different": different,
                      "sacrebleu_cpu_s": round(sacrebleu_s, 2), "compare_ter_cpu_s": round(fast_s, 2),
                      "ratio": round(sacrebleu_s / fast_s, 1)}))
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
