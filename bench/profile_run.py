"""Profile one `compare run` in a fresh process: where the time goes, by function and by pipeline stage.

    python bench/profile_run.py seeds                              # -> /tmp/compare-profile/seeds/
    python bench/make_wmt21_docs.py && python bench/profile_run.py /tmp/wmt21-docs-1000
    python bench/profile_run.py /tmp/wmt21-docs-1000 --no-ter --out /tmp/prof-noter
    python bench/profile_run.py seeds --sampler none               # a plain second run instead of py-spy's
    python bench/profile_run.py /tmp/wmt21-docs-1000 --runs sampler  # the py-spy run only (cProfile doubles the time)
    python bench/profile_run.py /tmp/wmt21-docs-200 --runs cprofile --timer cpu -- --no-semantic  # CPU seconds, busy machine

Two fresh processes, each `compare run SOURCE -o OUT/report --no-cache` as a
user runs it (through compare.cli's click group, imports included):

1. **cProfile** (deterministic; adds overhead to Python-heavy code, so its
   absolute times run high): ``OUT/cprofile.pstats`` of the main process,
   ``OUT/workers/*.pstats`` of the forked worker processes that
   ``LocalExecutor.map_light`` starts for TER (cProfile in the parent only
   sees it wait for them), ``OUT/cprofile.svg`` and ``OUT/cprofile.folded``
   (flameprof's rendering of the main process's profile: an SVG flame graph
   and flamegraph.pl-style collapsed stacks).
2. **py-spy** (sampling, 100 Hz, ``--subprocesses`` so the TER workers are in
   it too; idle threads left out): ``OUT/pyspy.collapsed``, collapsed stacks
   for flamegraph.pl, inferno or speedscope.  This run carries little
   overhead, so its stage times are the ones to quote.  Without py-spy
   (``--sampler none``, or it is missing or not allowed to attach) the
   second run is a plain one, stage times only.

Stages come from the run's own progress callback (compare/pipeline.py calls
``progress(stage, done, total)`` once before each stage's work and after
each chunk): a stage's time runs from the previous stage's last report to
its own last report, and the part before its first report (cache look-up,
building the stage's inputs: e.g. the artifact census before ``align``) is
shown separately; CPU seconds (``time.process_time`` of the run's process,
all threads, plus the reaped TER workers' user and system time) are beside
the wall seconds, and hold up better than wall time on a busy machine.
``start-up`` is interpreter start, imports and argument
parsing up to ``run_pipeline``; ``write`` is ``write_report``.

Prints the top functions by cumulative and by self time (share of the main
process's profiled total), the workers' top self time, py-spy's top self and
inclusive frames (share of all samples, all processes), stage times of both
runs and peak memory (ru_maxrss, this process tree).  ``OUT/summary.json``
holds the figures.  Timings on a shared machine are noisy: compare shares
within one profile, not seconds across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SITE_MARKERS = ("site-packages/", "lib/python3")
WRAPPERS = ("profile_run.py(", "click/core.py(", "compare/cli/common.py(", "compare/cli/__init__.py(")
"""Frames every sample of the run passes through: left out of py-spy's inclusive table."""


# --------------------------------------------------------------------------- the profiled process


def _cpu_s() -> float:
    """CPU seconds of this process (all its threads) and of its reaped children (the TER workers)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _child(out: Path, use_cprofile: bool, compare_args: list[str]) -> None:
    """Runs inside the fresh process: ``compare ARGS`` with stage timing and, optionally, cProfile."""
    t0, t0_epoch = time.perf_counter(), time.time()
    profile = None
    if use_cprofile:
        import cProfile
        import multiprocessing.util

        workers = out / "workers"
        workers.mkdir(parents=True, exist_ok=True)
        # --timer cpu: each function is charged the CPU seconds of its own thread, not wall seconds, so a busy
        # machine (other processes on the same cores) does not inflate every figure by its share of waiting.
        timer = (time.thread_time,) if os.environ.get("PROFILE_RUN_TIMER") == "cpu" else ()
        profile = cProfile.Profile(*timer)

        def profile_worker(_: object) -> None:
            # A forked multiprocessing worker inherits the parent's profiler (a copy whose results die
            # with it): stop it, profile the worker afresh and write its stats when the worker exits.
            # Registered as an after-fork hook of multiprocessing, which runs after the worker has
            # cleared the finalizers it inherited, so that the Finalize below stays registered.
            profile.disable()
            mine = cProfile.Profile(*timer)

            def dump() -> None:
                mine.disable()
                mine.dump_stats(workers / f"worker-{os.getpid()}.pstats")

            multiprocessing.util.Finalize(None, dump, exitpriority=100)
            mine.enable()

        multiprocessing.util.register_after_fork(profile, profile_worker)
        profile.enable()

    gc_time = {"s": 0.0, "collections": [0, 0, 0], "gen2_s": 0.0}
    gc_started: list[float] = []

    def gc_callback(phase: str, info: dict) -> None:  # time in the cyclic garbage collector, by generation
        if phase == "start":
            gc_started[:] = [time.perf_counter()]
        elif gc_started:
            spent = time.perf_counter() - gc_started[0]
            gc_time["s"] += spent
            gc_time["collections"][info["generation"]] += 1
            if info["generation"] == 2:
                gc_time["gen2_s"] += spent

    import gc

    gc.callbacks.append(gc_callback)
    sys.path.insert(0, str(REPO))  # this checkout's compare, whichever one the environment has installed
    import compare.cli
    import compare.pipeline
    import compare.report

    if use_cprofile:  # the census of loaded resources rides on the cProfile run, whose times are skewed anyway
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import resources

        resources.install_recorders()

    run_module = sys.modules["compare.cli.run"]
    events: list[tuple[float, str, int, int]] = []
    spans: dict[str, list[float]] = {}

    class TimedProgress(run_module.StageProgress):
        def __call__(self, stage: str, done: int, total: int) -> None:
            events.append((time.perf_counter() - t0, stage, done, total, _rss_mb(), _cpu_s()))
            super().__call__(stage, done, total)

    def timed(name: str, function):
        def wrapper(*args, **kwargs):
            start, cpu = time.perf_counter() - t0, _cpu_s()
            try:
                return function(*args, **kwargs)
            finally:
                spans[name] = [start, time.perf_counter() - t0, cpu, _cpu_s()]
        return wrapper

    run_module.StageProgress = TimedProgress
    # `compare run` imports these names from their modules when it runs, so patching the modules reaches it.
    compare.pipeline.run_pipeline = timed("pipeline", compare.pipeline.run_pipeline)
    compare.report.write_report = timed("write", compare.report.write_report)

    code = 0
    try:
        compare.cli.main.main(compare_args, prog_name="compare", standalone_mode=True)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        if profile is not None:
            profile.disable()
            profile.dump_stats(out / "cprofile.pstats")
        import resource

        record = {
            "end": time.perf_counter() - t0, "end_cpu": _cpu_s(), "t0_epoch": t0_epoch, "gc": gc_time, "exit": code, "events": events, "spans": spans,
            "census": sys.modules["resources"].census() if "resources" in sys.modules else None,
            "peak_mb_self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "peak_mb_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        }
        (out / "stages.json").write_text(json.dumps(record), encoding="utf-8")
    if os.environ.get("PROFILE_RUN_FAST_EXIT"):  # what skipping interpreter teardown would save (os._exit)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


# --------------------------------------------------------------------------- analysis


def short(path: str) -> str:
    for marker in SITE_MARKERS:
        if marker in path:
            tail = path.split(marker, 1)[1]
            return tail.split("/", 1)[1] if marker == "lib/python3" and "/" in tail else tail
    try:
        return str(Path(path).resolve().relative_to(REPO))
    except ValueError:
        return path


def func_name(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    if filename == "~":
        return name  # a built-in: "<method 'acquire' of '_thread.lock' objects>"
    return f"{short(filename)}:{line}({name})"


def top_table(stats: pstats.Stats, key: str, n: int, total: float) -> list[dict]:
    rows = []
    for func, (_cc, nc, tt, ct, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": func_name(func), "calls": nc, "self_s": tt, "cum_s": ct,
                     "self_share": tt / total if total else 0.0, "cum_share": ct / total if total else 0.0})
    rows.sort(key=lambda r: r["cum_s" if key == "cum" else "self_s"], reverse=True)
    return rows[:n]


def print_table(title: str, rows: list[dict], key: str) -> None:
    print(f"\n{title}")
    print(f"{'share':>7} {'cum s':>8} {'self s':>8} {'calls':>10}  function")
    for r in rows:
        share = r["cum_share"] if key == "cum" else r["self_share"]
        print(f"{share:7.1%} {r['cum_s']:8.2f} {r['self_s']:8.2f} {r['calls']:>10}  {r['function']}")


def stage_table(record: dict) -> list[dict]:
    """Stages in order, each with wall seconds, CPU seconds (this process and its reaped workers), the
    wall seconds before its first progress report, and the RSS at its last report."""
    events = record["events"]
    spans = record["spans"]
    end, end_cpu = record["end"], record["end_cpu"]
    pipeline = spans.get("pipeline", [end, end, end_cpu, end_cpu])
    rows = [{"stage": "start-up (imports, CLI, up to run_pipeline)", "s": pipeline[0], "cpu": pipeline[2], "before": 0.0}]
    order: list[str] = []
    first: dict[str, float] = {}
    last: dict[str, tuple[float, float, float]] = {}
    for t, stage, _, _, mb, cpu in events:
        if stage not in first:
            order.append(stage)
            first[stage] = t
        last[stage] = (t, cpu, mb)
    boundary, boundary_cpu = pipeline[0], pipeline[2]
    for stage in order:
        t, cpu, mb = last[stage]
        rows.append({"stage": stage, "s": t - boundary, "cpu": cpu - boundary_cpu, "before": first[stage] - boundary,
                     "rss_mb": mb})
        boundary, boundary_cpu = t, cpu
    if order:
        rows.append({"stage": f"after {order[-1]} (in run_pipeline)", "s": pipeline[1] - boundary,
                     "cpu": pipeline[3] - boundary_cpu, "before": 0.0})
    write = spans.get("write")
    if write:
        rows.append({"stage": "between (problems listing)", "s": write[0] - pipeline[1], "cpu": write[2] - pipeline[3],
                     "before": 0.0})
        rows.append({"stage": "write (report files)", "s": write[1] - write[0], "cpu": write[3] - write[2], "before": 0.0})
        rows.append({"stage": "exit (cache close, summary)", "s": end - write[1], "cpu": end_cpu - write[3], "before": 0.0})
    return rows


def print_stages(title: str, rows: list[dict], wall: float, extra: dict) -> None:
    cpu_total = sum(r["cpu"] for r in rows)
    print(f"\n{title}  (process wall {wall:.2f} s, CPU {cpu_total:.2f} s counted in stages; shares are of each total)")
    print(f"{'stage':<46} {'wall s':>8} {'share':>7} {'CPU s':>8} {'share':>7} {'before 1st':>10} {'RSS at end':>10}")
    for r in rows:
        before = f"{r['before']:.2f} s" if r["before"] > 0.005 else ""
        rss = f"{r['rss_mb']:.0f} MB" if "rss_mb" in r else ""
        cpu_share = r["cpu"] / cpu_total if cpu_total else 0.0
        print(f"{r['stage']:<46} {r['s']:8.2f} {r['s'] / wall:7.1%} {r['cpu']:8.2f} {cpu_share:7.1%} {before:>10} {rss:>10}")
    for name, key in (("interpreter start (+ py-spy launch), to line 1", "before_s"),
                      ("interpreter teardown after the run", "after_s")):
        print(f"{name:<46} {extra[key]:8.2f} {extra[key] / wall:7.1%}")
    gc_time = extra.get("gc")
    if gc_time:
        print(f"(in the stages above: {gc_time['s']:.2f} s, {gc_time['s'] / wall:.1%} of wall, in the cyclic garbage "
              f"collector, main process; collections by generation {gc_time['collections']}, "
              f"generation 2 {gc_time['gen2_s']:.2f} s)")


def read_collapsed(path: Path) -> Counter:
    stacks: Counter = Counter()
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks[stack] += int(count)
    return stacks


def _frame_key(frame: str) -> str:
    """'func (path/to/file.py:123)' -> 'short/file.py:func' (lines merged); process frames kept whole."""
    frame = frame.strip()
    if frame.endswith(")") and " (" in frame:
        name, _, where = frame[:-1].rpartition(" (")
        filename = where.rsplit(":", 1)[0]
        return f"{short(filename)}({name})"
    return frame


def sampled_tables(stacks: Counter, n: int) -> tuple[int, list[tuple[str, int]], list[tuple[str, int]]]:
    total = sum(stacks.values())
    own: Counter = Counter()
    inclusive: Counter = Counter()
    for stack, count in stacks.items():
        frames = [_frame_key(f) for f in stack.split(";") if f and not f.startswith("process ")]
        if not frames:
            continue
        own[frames[-1]] += count
        for key in set(frames):
            if not key.startswith(WRAPPERS):
                inclusive[key] += count
    return total, own.most_common(n), inclusive.most_common(n)


# --------------------------------------------------------------------------- driver


def run_child(out: Path, compare_args: list[str], use_cprofile: bool, sampler: list[str] | None,
              child_env: dict[str, str] | None = None) -> tuple[float, dict]:
    out.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--_child", str(out)]
    if use_cprofile:
        command.append("--_cprofile")
    command += ["--", *compare_args]
    if sampler:
        command = [*sampler, "--", *command]
    start, start_epoch = time.perf_counter(), time.time()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env={**os.environ, **(child_env or {})})
    wall, exit_epoch = time.perf_counter() - start, time.time()
    (out / "stderr.txt").write_text(done.stderr, encoding="utf-8")
    stages = out / "stages.json"
    if not stages.exists():
        print(done.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"the profiled run wrote no {stages}: it failed before the end (see above)")
    record = json.loads(stages.read_text(encoding="utf-8"))
    # Before the script's first line: interpreter start (and py-spy's launch); after the run: teardown.
    record["before_s"] = record["t0_epoch"] - start_epoch
    record["after_s"] = exit_epoch - (record["t0_epoch"] + record["end"])
    if record["exit"] not in (0, 1):
        print(done.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"compare run exited {record['exit']}")
    return wall, record


def main() -> None:
    if "--_child" in sys.argv:
        at = sys.argv.index("--")
        own, compare_args = sys.argv[1:at], sys.argv[at + 1:]
        _child(Path(own[own.index("--_child") + 1]), "--_cprofile" in own, compare_args)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", help="source set: a folder, manifest or .jsonl (e.g. seeds, /tmp/wmt21-docs-1000)")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder for the profiles (default /tmp/compare-profile/NAME[-noter])")
    parser.add_argument("--no-ter", action="store_true", help="pass --no-ter to compare run")
    parser.add_argument("--sampler", choices=["py-spy", "none"], default="py-spy",
                        help="second run under py-spy (collapsed stacks) or plain (default py-spy)")
    parser.add_argument("--runs", choices=["both", "cprofile", "sampler"], default="both",
                        help="both runs (default), or only one: a large set under cProfile takes about twice as long")
    parser.add_argument("--top", type=int, default=25, help="rows in each table (default 25)")
    parser.add_argument("--timer", choices=["wall", "cpu"], default="wall",
                        help="cProfile's clock: wall (default) or cpu (each thread's CPU seconds: time.thread_time, "
                             "slower to profile but not inflated when other processes share the cores)")
    parser.add_argument("extra", nargs="*", help="more options for compare run, after --")
    args = parser.parse_intermixed_args()  # "SOURCE --runs cprofile -- --no-semantic": the extra options after the others

    name = Path(args.source.rstrip("/")).name.removesuffix(".jsonl") + ("-noter" if args.no_ter else "")
    out = (args.out or Path("/tmp/compare-profile") / name).resolve()
    if out.is_relative_to(REPO):
        raise SystemExit(f"{out} is inside the repository; profile into /tmp")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)

    def compare_args(report: Path) -> list[str]:
        return ["run", args.source, "-o", str(report), "--no-cache", "--force",
                *(["--no-ter"] if args.no_ter else []), *args.extra]

    summary: dict = {"source": args.source, "no_ter": args.no_ter, "out": str(out)}

    if args.runs != "sampler":
        cprofile_run(args, out, compare_args, summary)
    if args.runs != "cprofile":
        sampler_run(args, out, compare_args, summary)
    peaks = "; ".join(f"{k} run {v['peak_mb']:.0f} MB" for k, v in summary.items() if isinstance(v, dict) and "peak_mb" in v)
    print(f"\npeak RSS (largest single process): {peaks}")
    (out / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    print(f"\nfiles in {out}: " + ", ".join(sorted(p.name for p in out.iterdir())))


def cprofile_run(args: argparse.Namespace, out: Path, compare_args, summary: dict) -> None:
    print(f"cProfile run: compare {' '.join(compare_args(out / 'report'))}", flush=True)
    wall, record = run_child(out, compare_args(out / "report"), True, None,
                             {"PROFILE_RUN_TIMER": args.timer})
    main_stats = pstats.Stats(str(out / "cprofile.pstats"))
    total = main_stats.total_tt  # type: ignore[attr-defined]
    worker_files = sorted((out / "workers").glob("*.pstats"))
    print(f"\n=== cProfile, main process: {total:.2f} s profiled of {wall:.2f} s wall; "
          f"{len(worker_files)} worker process profile(s)")
    cum = top_table(main_stats, "cum", args.top, total)
    own = top_table(main_stats, "self", args.top, total)
    print_table(f"top {args.top} by cumulative time (share of the main process's profiled time)", cum, "cum")
    print_table(f"top {args.top} by self time (share of the main process's profiled time)", own, "self")
    summary["cprofile"] = {"wall_s": wall, "profiled_s": total, "top_cum": cum, "top_self": own,
                           "stages": stage_table(record), "peak_mb": max(record["peak_mb_self"], record["peak_mb_children"])}
    if worker_files:
        workers = pstats.Stats(*[str(p) for p in worker_files])
        worker_total = workers.total_tt  # type: ignore[attr-defined]
        wown = top_table(workers, "self", 15, worker_total)
        print_table(f"workers ({len(worker_files)} processes, {worker_total:.2f} s profiled in all): top 15 by self time "
                    "(share of the workers' profiled time)", wown, "self")
        summary["cprofile"]["workers"] = {"processes": len(worker_files), "profiled_s": worker_total, "top_self": wown}
    print_stages("stages under cProfile", summary["cprofile"]["stages"], wall, record)
    if record.get("census"):
        summary["census"] = record["census"]
        print("\nlanguage resources this run loaded (bench/resources.py measures what each costs):")
        for key, value in record["census"].items():
            print(f"  {key}: {value}")
    try:  # flameprof: an SVG flame graph and flamegraph.pl input from the pstats (main process)
        for fmt, target in (("svg", "cprofile.svg"), ("log", "cprofile.folded")):
            subprocess.run([sys.executable, "-m", "flameprof", "--format", fmt, "-o", str(out / target),
                            str(out / "cprofile.pstats")], check=True, capture_output=True, text=True)
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        print(f"\n(flameprof could not render the profile: {error}; pip install flameprof)", file=sys.stderr)



def sampler_run(args: argparse.Namespace, out: Path, compare_args, summary: dict) -> None:
    """py-spy (or plain) run: stage times with little overhead, and sampled collapsed stacks."""
    sampler = None
    if args.sampler == "py-spy":
        pyspy = shutil.which("py-spy") or shutil.which("py-spy", path=str(Path(sys.executable).parent))
        if pyspy is None:
            print("\n(py-spy is not installed: pip install py-spy; the second run is a plain one)", file=sys.stderr)
        else:
            sampler = [pyspy, "record", "--subprocesses", "--rate", "100", "--format", "raw",
                       "-o", str(out / "pyspy.collapsed")]
    plain = out / "plain"
    label = "py-spy" if sampler else "plain"
    print(f"\n{label} run ...", flush=True)
    try:
        wall2, record2 = run_child(plain, compare_args(plain / "report"), False, sampler)
    except SystemExit:
        if not sampler:
            raise
        print("(py-spy failed to record, e.g. no ptrace permission; running plain)", file=sys.stderr)
        sampler, label = None, "plain"
        wall2, record2 = run_child(plain, compare_args(plain / "report"), False, None)
    summary[label] = {"wall_s": wall2, "stages": stage_table(record2), "cpu_s": record2["end_cpu"],
                      "start_s": record2["before_s"], "teardown_s": record2["after_s"],
                      "peak_mb": max(record2["peak_mb_self"], record2["peak_mb_children"])}
    collapsed = out / "pyspy.collapsed"
    if sampler and collapsed.exists():
        stacks = read_collapsed(collapsed)
        samples, sown, sinc = sampled_tables(stacks, 15)
        print(f"\n=== py-spy: {samples} samples at 100 Hz (all processes, busy threads only)")
        for title, rows in (("top 15 by self samples", sown), ("top 15 by inclusive samples (the CLI and this script's wrappers left out)", sinc)):
            print(f"\n{title}\n{'share':>7} {'samples':>8}  frame")
            for key, count in rows:
                print(f"{count / samples:7.1%} {count:8d}  {key}")
        summary[label].update({"samples": samples, "top_self": sown, "top_inclusive": sinc})
    print_stages(f"stages, {label} run", summary[label]["stages"], wall2, record2)


if __name__ == "__main__":
    main()
