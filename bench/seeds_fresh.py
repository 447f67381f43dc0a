"""Issue 24's seeds figure: five fresh processes of `compare run seeds --no-cache`, each wall time, the median.

    python bench/seeds_fresh.py               # five runs of this checkout
    python bench/seeds_fresh.py --runs 7

Why: "Done when" reads "seeds end to end, semantic layer on, under 3.0 s,
median of five fresh processes without the cache".  Each run is the whole
``python -m compare run seeds -o OUT --force --no-cache`` process, start-up
and exit included, as a user runs it.  ``--no-cache`` already leaves the
vector store off; each run is also given a vector store path of its own that
does not exist yet (``COMPARE_VECTOR_STORE``), so no sentence vector of an
earlier run can be read, whatever the flags do.  The resource caches a first
run builds once per installation (the ONNX model, lemma and word tables, the
saved tokenizer, py3langid's unpacked model) are the user's, as in a normal
run: warm them with one run first.  Prints the load average before and after
(two cores shared with other sessions make single runs swing by a third),
each run's wall and CPU seconds (its reaped engine and workers included) and
the median wall time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(out: Path, store: Path) -> tuple[float, float]:
    """(wall s, CPU s) of one fresh ``compare run seeds`` process."""
    env = {**os.environ, "COMPARE_VECTOR_STORE": str(store)}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "compare", "run", "seeds", "-o", str(out), "--force",
                              "--no-cache"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"compare run failed:\n{child.stderr.read().decode(errors='replace')[-2000:]}")
    child.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    walls = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.runs):
            store = Path(tmp) / f"vectors-{k}.sqlite3"  # a fresh path each run: nothing to read back
            wall, cpu = one_run(Path(tmp) / f"report-{k}", store)
            walls.append(wall)
            print(f"run {k + 1}: wall {wall:.2f} s, CPU {cpu:.2f} s")
    print(f"walls: {', '.join(f'{w:.2f}' for w in walls)} s; median {statistics.median(walls):.2f} s")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
