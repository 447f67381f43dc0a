"""What the semantic layer costs a run: `compare run` with and without `--no-semantic`, alternating, one session.

    python bench/semantic_cost.py                       # seeds x5 each, the generated 1,039-report set x1 each
    python bench/semantic_cost.py --runs 3 --no-sets    # seeds only
    python bench/semantic_cost.py --set /tmp/wmt21-docs-1000 --runs 1 --no-seeds

Why: issues 13 and 17 set time targets for runs *with* the semantic layer
(the seeds under 3 s, then 2 s; the generated 1,000 reports within 1.5 times
their time before it), and the machines are shared and noisy, so a figure
is only worth quoting as a ratio measured in one session: each run here is
a fresh process (`python -m compare run ... --no-cache`), default and
`--no-semantic` alternating so that load drifts hit both alike.  Prints
wall and CPU seconds (user + system of the process tree), peak memory, the
medians and the ratio of medians; also (seeds; ``--count`` for the larger
set) how many distinct sentences the default run had to embed, and the engine's throughput measured on them in
this session (the floor that no pruning of other work can go below).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                  "code": done.returncode, "stderr": done.stderr[-2000:]}))
"""

_COUNT = """
import os, sys, time
import compare
from compare.semantic import embeddings
result = compare.run_pipeline(sys.argv[1])
texts = sorted({x.text for s in result.sources for x in s.sentences})
print(embeddings.memo_size(), len(texts))
embeddings.clear_memo()
start = time.process_time()
os.environ["COMPARE_EMBEDDING_WORKERS"] = "1"
embeddings.encode(texts[:200])
print(min(200, len(texts)) / (time.process_time() - start))
"""


def run_once(source: str, out: Path, semantic: bool) -> dict:
    args = ["run", source, "-o", str(out), "--no-cache", "--force"] + ([] if semantic else ["--no-semantic"])
    command = [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "compare", *args]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
    data = json.loads(done.stdout.strip().splitlines()[-1])
    if data["code"] not in (0, 1):
        raise SystemExit(f"compare run {source} failed:\n{data['stderr']}")
    return data


def compare_runs(name: str, source: str, runs: int, tmp: Path, count: bool) -> None:
    rows: dict[bool, list[dict]] = {True: [], False: []}
    for _ in range(runs):
        for semantic in (True, False):
            rows[semantic].append(run_once(source, tmp / f"out-{semantic}", semantic))
    print(f"\n{name}: {runs} fresh process(es) each, alternating")
    print(f"{'run':<16} {'wall s (each)':<40} {'median':>7} {'CPU s med':>9} {'peak MB':>8}")
    medians = {}
    for semantic in (True, False):
        walls = [r["wall"] for r in rows[semantic]]
        cpus = [r["cpu"] for r in rows[semantic]]
        medians[semantic] = (statistics.median(walls), statistics.median(cpus))
        label = "default" if semantic else "--no-semantic"
        print(f"{label:<16} {' '.join(f'{w:.2f}' for w in walls):<40} {medians[semantic][0]:7.2f} "
              f"{medians[semantic][1]:9.2f} {max(r['peak_mb'] for r in rows[semantic]):8.0f}")
    print(f"ratio default / --no-semantic: wall {medians[True][0] / medians[False][0]:.2f}, "
          f"CPU {medians[True][1] / medians[False][1]:.2f}")
    if not count:
        return
    counted = subprocess.run([sys.executable, "-c", _COUNT, source], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.split()
    embedded, sentences, rate = int(counted[0]), int(counted[1]), float(counted[2])
    print(f"sentences embedded by the default run: {embedded} of {sentences} distinct; engine here: {rate:.1f} "
          f"sentences per CPU-second on one thread, so embedding alone takes {embedded / rate:.1f} CPU s "
          f"({embedded / rate / 2:.1f} s on two cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per configuration on the seeds")
    parser.add_argument("--set", default=None, help="a larger source set (default: the generated 1,039 reports)")
    parser.add_argument("--no-seeds", action="store_true")
    parser.add_argument("--no-sets", action="store_true")
    parser.add_argument("--count", action="store_true",
                        help="also count the larger set's embedded sentences (runs its pipeline once more)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_seeds:
            compare_runs("seeds (5 reports)", "seeds", args.runs, Path(tmp), count=True)
        if not args.no_sets:
            source = args.set
            if source is None:
                from make_sets import SHARED, build

                if not (SHARED / "wmt21-news-human-vs-mt").is_dir():
                    print(f"skipping the generated set: {SHARED} is absent", file=sys.stderr)
                    return
                build([1000], Path(tmp) / "sets")
                source = str(Path(tmp) / "sets" / "set-1000.jsonl")
            compare_runs(Path(source).name, source, 1 if args.set is None else args.runs, Path(tmp), args.count)


if __name__ == "__main__":
    main()
