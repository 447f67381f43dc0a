"""How `compare run` scales: 1,000 to 20,000 reports, and an incremental re-run.

    python bench/make_sets.py                    # once: builds bench/out/sets/
    python bench/scale.py --sizes 1000 5000 20000
    python bench/scale.py --incremental 5000     # full run, add ten reports, re-run
    python bench/scale.py --no-ter ...           # leave sacrebleu's TER (the slowest score) out

Prints, for each size: wall time, CPU seconds (user + system, the whole
process tree), peak memory (ru_maxrss of the largest process, as measure_run
gives it, and the largest sum over the process tree), reports per second and
the event-grouping adjusted Rand index against the sets' known events; then
the growth exponent (the slope of log time against log reports; 1.0 is
linear) of wall time and of CPU time.  On the shared 2-core machine wall time
follows the other users' load, so the CPU exponent is the steadier figure.
Targets (issue 7, 2-core machine): peak memory under 4 GB at 20,000
reports, exponent at most 1.15, ARI at 20,000 within 0.02 of its value at
1,000, and an incremental re-run under a tenth of the first run's time.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import measure_run  # noqa: E402
from passim_compare import run_tree  # noqa: E402

SETS = Path(__file__).resolve().parent / "out" / "sets"
REPO = Path(__file__).resolve().parents[1]


def grouping_ari(report: Path, truth_path: Path) -> float:
    truth = {row["id"]: row["event"] for row in csv.DictReader(open(truth_path, encoding="utf-8"))}
    summary = json.loads((report / "summary.json").read_text(encoding="utf-8"))
    predicted = {sid: event["id"] for event in summary["events"] for sid in event["sources"]}
    ids = sorted(truth)
    # A report the run skipped counts as a singleton of its own.
    return float(adjusted_rand_score([truth[i] for i in ids], [predicted.get(i, f"missing-{i}") for i in ids]))


def _exponent(sizes: list[int], values: list[float]) -> float:
    return float(np.polyfit(np.log(sizes), np.log(values), 1)[0])


def sizes_run(sizes: list[int], engine: str, extra: list[str]) -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            source = SETS / f"set-{size}.jsonl"
            if not source.exists():
                raise SystemExit(f"{source} is missing: run python bench/make_sets.py first")
            out = Path(tmp) / f"out-{size}"
            command = [sys.executable, "-m", "compare", "run", str(source), "-o", str(out), "--no-cache",
                       "--format", "json,csv", "--engine", engine, *extra]
            m = run_tree(command, None, Path(tmp) / f"out-{size}.log", cwd=REPO)
            if m.code not in (0, 1):
                print(m.stderr, file=sys.stderr)
                raise SystemExit(f"compare run failed on {source}")
            reports = sum(1 for _ in open(source, encoding="utf-8"))
            ari = grouping_ari(out, SETS / f"set-{size}.truth.csv")
            rows.append((reports, m.wall, m.cpu, ari))
            print(f"{reports:>7} reports  {m.wall:8.1f} s  {m.cpu:8.1f} s CPU  {m.peak_single_mb:7.0f} MB "
                  f"({m.peak_total_mb:.0f} MB tree)  {reports / m.wall:7.1f} reports/s  ARI {ari:.3f}", flush=True)
            shutil.rmtree(out, ignore_errors=True)
    if len(rows) >= 2:
        counts = [r[0] for r in rows]
        print(f"growth exponent (slope of log time on log reports): wall {_exponent(counts, [r[1] for r in rows]):.3f}, "
              f"CPU {_exponent(counts, [r[2] for r in rows]):.3f}")
        print(f"ARI change from {rows[0][0]} to {rows[-1][0]} reports: {rows[-1][3] - rows[0][3]:+.3f}")


def incremental_run(size: int, extra: list[str]) -> None:
    source = SETS / f"set-{size}.jsonl"
    lines = source.read_text(encoding="utf-8").splitlines()
    extra_source = SETS / "set-20000.jsonl"
    have = {json.loads(line)["id"] for line in lines}
    added = [line for line in extra_source.read_text(encoding="utf-8").splitlines() if json.loads(line)["id"] not in have][:10]
    with tempfile.TemporaryDirectory() as tmp:
        first_set = Path(tmp) / "set.jsonl"
        first_set.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out = Path(tmp) / "out"
        first = measure_run("run", str(first_set), "-o", str(out), "--format", "json,csv", *extra)
        first_set.write_text("\n".join(lines + added) + "\n", encoding="utf-8")
        second = measure_run("run", str(first_set), "-o", str(out), "--format", "json,csv", *extra)
    for m in (first, second):
        if m.code not in (0, 1):
            raise SystemExit(f"compare run failed:\n{m.stderr}")
    reuse = next((line for line in second.stderr.splitlines() if "reused" in line), "")
    print(f"first run of {len(lines)} reports: {first.wall:.1f} s; after adding {len(added)}: {second.wall:.1f} s "
          f"(ratio {second.wall / first.wall:.3f}; target < 0.1)")
    print(f"  {reuse.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 20000])
    parser.add_argument("--engine", choices=["local", "dask"], default="local")
    parser.add_argument("--incremental", type=int, default=None, metavar="SIZE")
    parser.add_argument("--no-ter", action="store_true", help="pass --no-ter to compare run (TER is the slowest score)")
    args = parser.parse_args()
    extra = ["--no-ter"] if args.no_ter else []
    if args.incremental:
        incremental_run(args.incremental, extra)
    else:
        sizes_run(args.sizes, args.engine, extra)


if __name__ == "__main__":
    main()
