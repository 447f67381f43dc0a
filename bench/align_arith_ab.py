"""The parallel aligner and link chrF, old checkout against this one: equal results, and CPU of each.

    git archive <commit> | tar -x -C /tmp/old-src
    python bench/make_wmt21_docs.py --size 200 --out /tmp/wmt21-docs-200
    python bench/align_arith_ab.py --old /tmp/old-src --set /tmp/wmt21-docs-200

Why: both run once per document pair or per link, so a faster version must give
the very same beads, similarities and chrF statistics, or the reports change.
In one process (old modules loaded from ``--old`` beside this checkout's):

* ``align_parallel`` on 80 seeded pairs of the set's documents (a third of them
  a document against a trimmed copy of itself, i.e. near-parallel), under the
  default settings and two others (a skip cost; a narrow band): every bead and
  similarity must be equal; then CPU seconds of 3 passes over the pairs with the
  default settings, old then new, twice.
* ``chrf`` on 150 x 150 sentences of the set, old and new, CPU seconds with
  the statistics memo cleared, twice; and equality of ``chrf_statistics`` on
  every one of those pairs.

Exits 1 if anything differs.  Timings on a shared machine: compare the ratio
within one run.
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import random
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from compare import score as new_score  # noqa: E402
from compare.align import get_backend  # noqa: E402
from compare.align import parallel as new_parallel  # noqa: E402


def load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def lines_of(path: str) -> list[str]:
    return [line for line in Path(path).read_text(encoding="utf-8").split("\n") if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--old", type=Path, required=True, help="checkout of the code to compare with")
    parser.add_argument("--set", type=Path, required=True, help="a make_wmt21_docs.py set (its docs/*.txt)")
    args = parser.parse_args()
    old_parallel = load("old_parallel", args.old / "compare/align/parallel.py")
    old_score = load("old_score", args.old / "compare/score.py")
    files = sorted(glob.glob(str(args.set / "docs" / "*.txt")))
    rng = random.Random(2)
    engine = get_backend("default")
    cases = []
    for _ in range(80):
        a_path, b_path = rng.sample(files, 2)
        a = lines_of(a_path)[:rng.randint(1, 60)]
        b = lines_of(b_path)[:rng.randint(1, 60)]
        if rng.random() < 0.4:
            b = a[rng.randint(0, 2):max(1, len(a) - rng.randint(0, 3))] or a
        matrices = engine.prepare(a + b, ["en"] * (len(a) + len(b)))
        cases.append((matrices.take(range(len(a))), matrices.take(range(len(a), len(a) + len(b))),
                      [len(s) for s in a], [len(s) for s in b]))
    different = 0
    for knobs in ({}, {"skip_cost": 0.2}, {"skip_cost": 0.5, "merge_penalty": 0.0, "band_min": 4, "band_share": 0.0}):
        for ma, mb, la, lb in cases:
            if (new_parallel.align_parallel(ma, mb, la, lb, new_parallel.ParallelSettings(**knobs))
                    != old_parallel.align_parallel(ma, mb, la, lb, old_parallel.ParallelSettings(**knobs))):
                different += 1
    print(f"align_parallel: {3 * len(cases)} pairs x settings, {different} different")
    for label, module in (("old", old_parallel), ("new", new_parallel)) * 2:
        start = time.process_time()
        for _ in range(3):
            for ma, mb, la, lb in cases:
                module.align_parallel(ma, mb, la, lb)
        print(f"align_parallel {label}: {time.process_time() - start:.3f} CPU s", flush=True)

    sentences = [line for path in files[:60] for line in lines_of(path)][:300]
    pairs = [(h, r) for h in sentences[:150] for r in sentences[150:]]
    unequal = sum(old_score.chrf_statistics(h, r) != new_score.chrf_statistics(h, r) for h, r in pairs)
    print(f"chrF statistics: {len(pairs)} pairs, {unequal} different")
    for label, module in (("old", old_score), ("new", new_score)) * 2:
        getattr(module, "_both_ways", module.chrf_statistics).cache_clear()  # the memo, wherever it is kept
        module._chrf_ngrams.cache_clear()
        start = time.process_time()
        for h, r in pairs:
            module.chrf(h, r)
        print(f"chrf {label}: {time.process_time() - start:.3f} CPU s", flush=True)
    return 1 if different or unequal else 0


if __name__ == "__main__":
    raise SystemExit(main())
