"""Compare against a peer: passim 2.x (text reuse on PySpark) and `compare run` on the same generated set.

    python bench/make_sets.py --sizes 1000 5000            # once: builds bench/out/sets/
    python bench/passim_compare.py --passim-python /tmp/passim-venv/bin/python --size 1000
    python bench/passim_compare.py --passim-python ... --size 1000 --repeat 3 \
        --compare-args= --compare-args=--no-semantic --compare-args=--no-ter

The environment named by ``--passim-python`` needs pyspark 4.0.x, numpy and intervaltree, with
passim 2.x (github.com/dasmiq/passim) installed from its repository without its
dependencies; this script installs nothing, and passim stays out of the project.

passim's stock launcher asks ``spark-submit --packages`` for the GraphFrames jar, which
fails offline, and connected components are the only GraphFrames feature passim uses.
So this script starts passim's ``main`` itself, in local mode (``--master local[2]``,
no ``--packages``), with ``bench/passim_standin`` (a small DataFrame-only
``graphframes.GraphFrame``) on ``PYTHONPATH``, and with the arguments the stock
``passim`` command adds: ``--all-pairs --fields 'xxhash64(series) as gid'
--filterpairs 'gid < gid2'``, i.e. all pairs of documents from different series.
Each report becomes one passim document with ``series`` = its outlet, so reuse is
sought across sources only.  passim runs once over the whole set; Spark's start-up
(JVM and session) is timed on its own and is included in passim's total.  Peak
memory for passim is sampled over its whole process tree (driver, JVM, Python
workers), since rusage misses the JVM; the largest single process is printed
beside it, as that is what measure_run reports for compare.

Known cross-source correspondences are pairs of reports in the same true event (from
``set-N.truth.csv``) with different outlets (passim never compares a series with
itself).  The headline count keeps pairs whose languages are equal, since passim
matches character n-grams and so is monolingual; the all-languages count follows.
A tool connects a pair when: passim, the two documents share an output cluster
(a reused passage links them, directly or through other passages); compare, the two
reports are in one event of summary.json, or (stricter) one sentence link of
links.csv joins them.  Precision is the share of connected cross-outlet pairs that are known.

Each ``--compare-args`` string is one user-facing mode of ``compare run`` (default:
the default mode alone).  With ``--repeat N`` the tools take turns (passim, then each
compare mode, N rounds), because the machine is shared and its load drifts: a ratio
of medians from interleaved runs is steadier than two back-to-back blocks.  Every
run is timed the same way for both tools: wall time, CPU seconds of the whole
process tree (user + system; sampled per process, since the JVM and Spark's Python
workers are not waited-for children), and peak RSS, whole tree and largest process.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import psutil

BENCH = Path(__file__).resolve().parent
SETS = BENCH / "out" / "sets"
STANDIN = BENCH / "passim_standin"

Pair = tuple[str, str]

# Run inside the passim environment: start Spark first so its start-up is timed on its
# own, then hand over to passim's main, whose getOrCreate() reuses this session.
_LAUNCH = """
import json, sys, time
start = time.perf_counter()
from pyspark.sql import SparkSession
SparkSession.builder.appName("Passim Alignment").getOrCreate()
ready = time.perf_counter() - start
import passim
passim.main(sys.argv[2:])
with open(sys.argv[1], "w") as handle:
    json.dump({"startup": ready, "inside": time.perf_counter() - start}, handle)
"""


@dataclass(frozen=True)
class Report:
    outlet: str
    language: str
    event: str


def pair(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def load_set(source: Path, truth_path: Path) -> dict[str, Report]:
    truth = {row["id"]: row["event"] for row in csv.DictReader(open(truth_path, encoding="utf-8"))}
    reports = {}
    with open(source, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            reports[record["id"]] = Report(record["outlet"], record.get("language", ""), truth[record["id"]])
    return reports


def write_passim_input(source: Path, target: Path) -> None:
    """One JSON line per report with passim's fields; series = outlet so only cross-source reuse is sought."""
    with open(source, encoding="utf-8") as inp, open(target, "w", encoding="utf-8") as out:
        for line in inp:
            record = json.loads(line)
            doc = {"id": record["id"], "series": record["outlet"], "text": record["text"],
                   "language": record.get("language", "")}
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class TreeRun:
    wall: float
    cpu: float  # user + system seconds of the whole process tree
    peak_total_mb: float  # largest sum of RSS over the whole process tree (driver, JVM, Python workers)
    peak_single_mb: float  # largest RSS of one process (the JVM): what measure_run reports for compare
    code: int
    stderr: str


def _watch(process: subprocess.Popen, peaks: list[float], cpu_by_pid: dict[int, float],
           done: threading.Event) -> None:
    """Sample RSS and CPU time of a process and all its descendants; the JVM and Python workers are not
    waited-for children, so rusage (measure_run's method) would miss them.  CPU is cumulative per process,
    so the last reading of each pid counts (a process that lives under one sampling period is missed)."""
    root = psutil.Process(process.pid)
    while not done.is_set():
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        sizes = []
        for proc in tree:
            try:
                with proc.oneshot():
                    sizes.append(proc.memory_info().rss)
                    times = proc.cpu_times()
                cpu_by_pid[proc.pid] = max(cpu_by_pid.get(proc.pid, 0.0), times.user + times.system)
            except psutil.NoSuchProcess:
                continue  # a Spark worker that exited between listing and reading
        if sizes:
            peaks[0] = max(peaks[0], sum(sizes))
            peaks[1] = max(peaks[1], max(sizes))
        done.wait(0.2)


def run_tree(command: list[str], env: dict[str, str] | None, log: Path, cwd: Path | None = None) -> TreeRun:
    """Run one command in a fresh process tree, timing it and sampling its memory and CPU."""
    peaks = [0.0, 0.0]
    cpu_by_pid: dict[int, float] = {}
    done = threading.Event()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(log, "w", encoding="utf-8") as handle:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT)
        watcher = threading.Thread(target=_watch, args=(process, peaks, cpu_by_pid, done), daemon=True)
        watcher.start()
        code = process.wait()
        wall = time.perf_counter() - start
        done.set()
        watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # rusage is exact for the waited-for part of the tree; the samples catch the rest (the JVM).
    waited = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cpu = max(waited, sum(cpu_by_pid.values()))
    tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
    return TreeRun(wall, cpu, peaks[0] / 2**20, peaks[1] / 2**20, code, tail)


def run_passim(python: str, input_path: Path, out_dir: Path, options: list[str], master: str,
               driver_memory: str) -> tuple[TreeRun, dict]:
    """Run passim once over the whole input in a fresh process; return wall time, peak memory and start-up."""
    # passim skips any stage whose output already exists, so a stale folder would fake a fast run.
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    timing = out_dir.parent / f"{out_dir.name}.timing.json"
    timing.unlink(missing_ok=True)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(STANDIN), env.get("PYTHONPATH", "")) if p)
    env["PYSPARK_PYTHON"] = python
    env["PYSPARK_DRIVER_PYTHON"] = python
    # Local mode, no --packages: nothing is downloaded, the stand-in replaces the GraphFrames jar.
    env["PYSPARK_SUBMIT_ARGS"] = f"--master {master} --driver-memory {driver_memory} pyspark-shell"
    args = ["--all-pairs", "--fields", "xxhash64(series) as gid", "--filterpairs", "gid < gid2",
            *options, str(input_path), str(out_dir / "run")]
    run = run_tree([python, "-c", _LAUNCH, str(timing), *args], env, out_dir.parent / f"{out_dir.name}.log")
    extra = json.loads(timing.read_text()) if timing.exists() else {}
    return run, extra


def run_compare(source: Path, out: Path, options: list[str]) -> TreeRun:
    """Run ``compare run`` as a user does (fresh process, no cache), timed like passim."""
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "compare", "run", str(source), "-o", str(out), "--no-cache",
               "--format", "json,csv", *options]
    return run_tree(command, None, out.parent / f"{out.name}.log", cwd=BENCH.parent)


def passim_pairs(run_dir: Path) -> tuple[set[Pair], int]:
    """Pairs of documents sharing a passim cluster, and the number of clusters."""
    clusters: dict[int, set[str]] = defaultdict(set)
    for part in sorted((run_dir / "out.json").glob("part-*")):
        with open(part, encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                clusters[record["cluster"]].add(record["id"])
    pairs = {pair(a, b) for docs in clusters.values() for a, b in combinations(sorted(docs), 2)}
    return pairs, len(clusters)


def compare_pairs(out: Path) -> tuple[set[Pair], set[Pair], int]:
    """Pairs grouped into one event by compare, pairs joined by a sentence link, and the event count."""
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    grouped = {pair(a, b) for event in summary["events"] for a, b in combinations(sorted(event["sources"]), 2)}
    linked: set[Pair] = set()
    for path in out.rglob("links.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["source_a"] != row["source_b"]:
                    linked.add(pair(row["source_a"], row["source_b"]))
    return grouped, linked, len(summary["events"])


def known_pairs(reports: dict[str, Report]) -> tuple[set[Pair], set[Pair], int]:
    """Known cross-source pairs: same language, all languages, and same-outlet pairs left out of both."""
    by_event: dict[str, list[str]] = defaultdict(list)
    for rid, report in reports.items():
        by_event[report.event].append(rid)
    same_lang, all_lang, same_outlet = set(), set(), 0
    for ids in by_event.values():
        for a, b in combinations(sorted(ids), 2):
            ra, rb = reports[a], reports[b]
            if ra.outlet == rb.outlet:
                same_outlet += 1
                continue
            all_lang.add((a, b))
            if ra.language == rb.language:
                same_lang.add((a, b))
    return same_lang, all_lang, same_outlet


def score_line(name: str, found: set[Pair], same_lang: set[Pair], all_lang: set[Pair],
               reports: dict[str, Report]) -> str:
    # Precision over cross-outlet pairs, the only ones passim can report.
    cross = {p for p in found if reports[p[0]].outlet != reports[p[1]].outlet}
    correct = sum(1 for a, b in cross if reports[a].event == reports[b].event)
    precision = f"{correct / len(cross):.3f}" if cross else "  n/a"
    hit_same, hit_all = len(found & same_lang), len(found & all_lang)
    return (f"  {name:<38} {len(cross):>8} {hit_same:>7} / {len(same_lang):<7} ({hit_same / max(1, len(same_lang)):6.1%})"
            f" {hit_all:>7} / {len(all_lang):<7} ({hit_all / max(1, len(all_lang)):6.1%})  {precision}")


def _row(name: str, runs: list[TreeRun]) -> str:
    """Medians over the rounds (each figure on its own), and the spread of wall times."""
    walls = [r.wall for r in runs]
    spread = f"  (wall {min(walls):.1f} to {max(walls):.1f})" if len(runs) > 1 else ""
    return (f"  {name:<36} {statistics.median(walls):8.1f} s wall {statistics.median(r.cpu for r in runs):8.1f} s CPU "
            f"{statistics.median(r.peak_single_mb for r in runs):6.0f} MB largest process "
            f"{statistics.median(r.peak_total_mb for r in runs):6.0f} MB tree{spread}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passim-python", required=True,
                        help="python of an environment where passim 2.x and pyspark are importable")
    parser.add_argument("--size", type=int, default=1000, help="use bench/out/sets/set-SIZE.jsonl")
    parser.add_argument("--work", type=Path, default=BENCH / "out" / "passim", help="scratch folder for both runs")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--driver-memory", default="4g")
    parser.add_argument("--passim-args", default="",
                        help="extra passim options, one string (e.g. '-n 15 -m 3 -a 40'); passim's defaults otherwise")
    parser.add_argument("--compare-args", action="append", default=None, metavar="OPTIONS",
                        help="options for compare run, one string per mode (repeatable; '' is the default mode); "
                             "default: the default mode alone")
    parser.add_argument("--repeat", type=int, default=1, help="rounds, the tools taking turns; medians are printed")
    parser.add_argument("--score-only", action="store_true",
                        help="run nothing: score the outputs a previous run left in --work (same --compare-args)")
    args = parser.parse_args()

    source = SETS / f"set-{args.size}.jsonl"
    truth = SETS / f"set-{args.size}.truth.csv"
    if not source.exists() or not truth.exists():
        raise SystemExit(f"{source} is missing: run python bench/make_sets.py --sizes {args.size} first")
    reports = load_set(source, truth)
    work = args.work / f"set-{args.size}"
    work.mkdir(parents=True, exist_ok=True)
    modes = args.compare_args if args.compare_args is not None else [""]

    passim_input = work / "passim-input.jsonl"
    write_passim_input(source, passim_input)
    options = args.passim_args.split()
    print(f"{len(reports)} reports; passim {' '.join(options) or '(default options: -n 25 -m 5 -a 50)'}; "
          f"compare modes: {', '.join(repr(m) for m in modes)}; {args.repeat} round(s)", flush=True)
    passim_runs: list[TreeRun] = []
    startups: list[float] = []
    compare_runs: dict[str, list[TreeRun]] = {mode: [] for mode in modes}
    for round_no in range(1, 0 if args.score_only else args.repeat + 1):
        pm, extra = run_passim(args.passim_python, passim_input, work / "passim", options, args.master,
                               args.driver_memory)
        if pm.code != 0:
            print(pm.stderr, file=sys.stderr)
            raise SystemExit("passim failed")
        passim_runs.append(pm)
        startups.append(extra.get("startup", float("nan")))
        print(f"round {round_no} passim : {pm.wall:7.1f} s wall {pm.cpu:7.1f} s CPU "
              f"(Spark start-up {startups[-1]:.1f} s) {pm.peak_single_mb:6.0f} MB largest {pm.peak_total_mb:6.0f} MB tree",
              flush=True)
        for index, mode in enumerate(modes):
            cm = run_compare(source, work / f"compare-{index}", mode.split())
            if cm.code not in (0, 1):
                print(cm.stderr, file=sys.stderr)
                raise SystemExit(f"compare run {mode!r} failed")
            compare_runs[mode].append(cm)
            print(f"round {round_no} compare {mode or '(default)'}: {cm.wall:7.1f} s wall {cm.cpu:7.1f} s CPU "
                  f"{cm.peak_single_mb:6.0f} MB largest {cm.peak_total_mb:6.0f} MB tree", flush=True)

    found_passim, clusters = passim_pairs(work / "passim" / "run")
    if passim_runs:
        print_times(passim_runs, startups, compare_runs, modes, clusters, work)
    score_all(reports, found_passim, modes, work)


def print_times(passim_runs: list[TreeRun], startups: list[float], compare_runs: dict[str, list[TreeRun]],
                modes: list[str], clusters: int, work: Path) -> None:
    """Medians of each tool's rounds, and passim's time over compare's per mode."""
    passim_wall = statistics.median(r.wall for r in passim_runs)
    passim_cpu = statistics.median(r.cpu for r in passim_runs)
    startup = statistics.median(startups)
    print(f"\nmedians of {len(passim_runs)} round(s):")
    print(_row(f"passim ({clusters} clusters)", passim_runs) + f"  Spark start-up {startup:.1f} s")
    for index, mode in enumerate(modes):
        _, _, events = compare_pairs(work / f"compare-{index}")
        runs = compare_runs[mode]
        wall = statistics.median(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        print(_row(f"compare {mode or '(default)'} ({events} events)", runs))
        print(f"    passim / compare: wall {passim_wall / wall:.2f} (without Spark start-up "
              f"{(passim_wall - startup) / wall:.2f}), CPU {passim_cpu / cpu:.2f}; "
              f"per round: {', '.join(f'{p.wall / c.wall:.2f}' for p, c in zip(passim_runs, runs, strict=True))}")



def score_all(reports: dict[str, Report], found_passim: set[Pair], modes: list[str], work: Path) -> None:
    """Recall of known cross-source pairs and precision, passim's last output against each compare mode's."""
    same_lang, all_lang, same_outlet = known_pairs(reports)
    print(f"\nknown cross-source pairs (same event, different outlets): {len(all_lang)}, "
          f"of which same language {len(same_lang)}; {same_outlet} same-outlet pairs left out")
    print(f"  {'tool':<38} {'pairs':>8} {'same-language known':>26} {'all-languages known':>26}  precision")
    print(score_line("passim (shared cluster)", found_passim, same_lang, all_lang, reports))
    for index, mode in enumerate(modes):
        grouped, linked, _ = compare_pairs(work / f"compare-{index}")
        name = mode or "default"
        print(score_line(f"compare {name} (same event)", grouped, same_lang, all_lang, reports))
        print(score_line(f"compare {name} (sentence link)", linked, same_lang, all_lang, reports))


if __name__ == "__main__":
    main()
