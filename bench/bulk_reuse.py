"""Issue 24's "done when" on a real-length set: a re-run embeds nothing, and ten added reports embed only theirs.

    python bench/make_wmt21_docs.py --size 1000 --out /tmp/wmt21-docs-1000
    python bench/make_wmt21_docs.py --size 1010 --out /tmp/wmt21-docs-1010    # the same 1,000 and 10 more
    python bench/bulk_reuse.py /tmp/wmt21-docs-1000 /tmp/wmt21-docs-1010 --work /tmp/bulk-reuse

Three ``compare run`` processes (semantic layer on, the default), each with a
vector store and a stage cache in ``--work`` (``--no-cache`` would turn the
vector store off, so it is not used here):

1. the first set, fresh store, fresh stage cache: everything is embedded;
2. the same set again with a *fresh stage cache* and the same store: every
   stage recomputes, and every sentence and document vector must come from
   the store, so the store gains no row;
3. the larger set (the first plus a few reports) with the second run's stage
   cache and the same store: only the new reports' texts may be embedded.

Prints, per run, wall and CPU seconds (the child's user + system, its
workers included), docs/s, peak RSS (the largest process), and the rows the
store holds per model signature before and after.  Rows are what was
embedded: a text is keyed by its content, so the rows a run adds are exactly
the texts it embedded that no earlier run had.  Also prints how many
sentences the added reports have, for scale.  (WMT21 makes ``make_wmt21_docs``
sets nested: a larger size is the smaller one plus more reports.)
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def store_rows(path: Path) -> Counter:
    """Rows per model signature (hex prefix) in a vector store; empty when it does not exist yet."""
    if not path.exists():
        return Counter()
    with sqlite3.connect(path) as db:
        return Counter({model.hex()[:8]: n for model, n in db.execute("select model, count(*) from vectors group by model")})


def documents(folder: Path) -> set[str]:
    with open(folder / "manifest.csv", newline="", encoding="utf-8") as handle:
        return {row["path"] for row in csv.DictReader(handle)}


def run(source: Path, out: Path, cache: Path, store: Path) -> tuple[float, float, int]:
    """(wall s, CPU s, peak RSS KB of the largest child so far) of one ``compare run``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "compare", "run", str(source), "-o", str(out), "--cache", str(cache),
                    "--force"], cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT), "COMPARE_VECTOR_STORE": str(store)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), after.ru_maxrss


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("first", type=Path, help="a source set (e.g. /tmp/wmt21-docs-1000)")
    parser.add_argument("larger", type=Path, help="the first set plus a few reports (e.g. /tmp/wmt21-docs-1010)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/bulk-reuse"), help="store, caches and reports")
    args = parser.parse_args()
    if args.work.resolve().is_relative_to(ROOT):
        raise SystemExit(f"{args.work} is inside the repository; use /tmp")
    added_docs = documents(args.larger) - documents(args.first)
    if documents(args.first) - documents(args.larger):
        raise SystemExit(f"{args.larger} does not hold every report of {args.first}")
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    store = args.work / "vectors.sqlite3"
    plan = [("1 first run", args.first, "cache-1"), ("2 re-run, fresh stage cache", args.first, "cache-2"),
            (f"3 +{len(added_docs)} reports", args.larger, "cache-2")]
    failed = False
    for label, source, cache in plan:
        before = store_rows(store)
        wall, cpu, rss = run(source, args.work / f"report-{cache}", args.work / cache, store)
        after = store_rows(store)
        added = {model: after[model] - before[model] for model in after}
        n = len(documents(source))
        print(f"{label}: {n} docs, wall {wall:.1f} s ({n / wall:.2f} docs/s), CPU {cpu:.1f} s, "
              f"peak RSS {rss / 1024:.0f} MB; store rows added per model {dict(sorted(added.items()))}, "
              f"total {sum(after.values())}", flush=True)
        if label.startswith("2") and any(added.values()):
            failed = True
    sentences = sum(1 for name in added_docs for line in (args.larger / name).read_text(encoding="utf-8").splitlines()
                    if line.strip())
    print(f"the {len(added_docs)} added reports hold {sentences} non-empty lines (WMT21: one segment a line)")
    if failed:
        print("FAIL: the re-run embedded texts the store already had")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
