"""When each stage of one `compare run` starts and ends, and when the engine threads embed what: the overlap.

    python bench/run_timeline.py                      # the seeds, --no-cache
    python bench/run_timeline.py /tmp/wmt21-docs-60 --chunks 0

Why: the seeds' run is one main thread (cleaning, annotation, grouping,
alignment's arithmetic, the later stages, the report) beside two engine
threads that embed without the GIL; its wall time is set by how the two
overlap, which stage times alone do not show.  This runs the command once,
in this process (``compare.cli.main``, imports included), and prints, in
seconds from the start of this script: the CLI's import, each stage's start
and end, the engine's load (or its process's start and the moment it is ready
to encode), and each engine batch (thread, texts, characters, start, end, the
thread's CPU seconds for it; with the engine's process, the wait for its
rows).  The script imports the stages (to time them) before the command
runs, so here the engine's process starts later after the CLI's import than
in ``compare run`` itself (there: right after the options are parsed).  Timings on a shared machine
are noisy: read the order and the overlap, not the seconds.

It also prints two CPU figures that a busy machine changes less than wall
seconds: the main thread's CPU (it runs one step after another, so no machine
runs the command faster), and the engine CPU spent while the main thread
waited in ``embeddings.encode`` (work that sat on the critical path).  Their
sum with half the latter (two engine threads, two cores) is printed as the
"critical-path CPU figure"; it is no wall time (it leaves out start-up,
handing the GIL between threads, and every other wait: main's code of
1745dad scored 2.9-3.0 on it where a quiet machine ran it in 4.3 s), only a
figure to compare two versions by.

Last, a table of each stretch (start-up, each stage, the report's writer): its wall seconds, the CPU seconds of
the run's whole process tree in it (this process, the engine's process, forked workers, live or reaped), the
cores kept busy on average and the core-seconds left idle; then the ``--window``-second windows that kept fewer
than the machine's cores less half a core busy (1.5 of 2).  On a loaded machine other processes take cores too, so compare two versions
run one after the other, and read the idle figures as this run's, not the machine's.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import threading
import time
from pathlib import Path

T0 = time.perf_counter()
_events: list[tuple[float, str, str]] = []


_cpu_marks: list[tuple[str, float, float]] = []
"""(what, seconds from the start, the run's whole tree's CPU seconds then): the per-stage table."""


def _mark(what: str, at: float | None = None) -> None:
    _events.append(((time.perf_counter() if at is None else at) - T0, threading.current_thread().name, what))


def _tree_cpu() -> float:
    """CPU seconds of this process, its reaped children (engine process, forked workers) and its live descendants.

    Why: the question is how many of the cores a stretch of the run keeps busy, and the engine's process and
    the stages' forked workers do much of the work; their CPU is read live from ``/proc/PID/stat``.
    """
    import os
    import resource

    from tree_memory import tree_of

    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)
    total = time.process_time() + reaped.ru_utime + reaped.ru_stime
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in tree_of(os.getpid())[1:]:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime (the 14th and 15th fields)
    return total


def _cpu_mark(what: str) -> None:
    _cpu_marks.append((what, time.perf_counter() - T0, _tree_cpu()))


def _sample_cpu(samples: list[tuple[float, float]], stop: threading.Event, interval: float) -> None:
    while not stop.wait(interval):
        samples.append((time.perf_counter() - T0, _tree_cpu()))


def _print_stage_table(samples: list[tuple[float, float]], cores: int, window: float) -> None:
    """Per stretch between marks: wall, the tree's CPU, cores busy on average; then the windows with a core idle."""
    print(f"\n{'stretch':38s} {'wall s':>8s} {'CPU s':>8s} {'cores busy':>10s} {'idle core-s':>11s}")
    for (what, at, cpu), (_, next_at, next_cpu) in zip(_cpu_marks, _cpu_marks[1:], strict=False):
        wall, used = next_at - at, next_cpu - cpu
        if what.startswith("between") and wall < 0.05:
            continue
        print(f"{what:38s} {wall:8.2f} {used:8.2f} {used / max(wall, 1e-9):10.2f} {cores * wall - used:11.2f}")
    first, last = _cpu_marks[0], _cpu_marks[-1]
    wall, used = last[1] - first[1], last[2] - first[2]
    print(f"{'whole command':38s} {wall:8.2f} {used:8.2f} {used / max(wall, 1e-9):10.2f} {cores * wall - used:11.2f}")
    print(f"\nwindows of {window:.0f} s with fewer than {cores - 0.5:.1f} cores busy (the tree's CPU, sampled):")
    start = 0
    for k in range(1, len(samples)):
        if samples[k][0] - samples[start][0] >= window or k == len(samples) - 1:
            (t0, c0), (t1, c1) = samples[start], samples[k]
            busy = (c1 - c0) / max(t1 - t0, 1e-9)
            if busy < cores - 0.5:
                inside = [what for what, at, _ in _cpu_marks if at <= (t0 + t1) / 2] or ["start"]
                print(f"  {t0:7.1f}-{t1:7.1f} s  {busy:4.2f} cores  (in: {inside[-1]})")
            start = k


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default="seeds")
    parser.add_argument("--chunks", type=int, default=1000, help="print at most this many engine batches")
    parser.add_argument("--window", type=float, default=5.0,
                        help="seconds per window in the list of windows that leave a core idle")
    parser.add_argument("--no-semantic", action="store_true", help="pass --no-semantic to compare run")
    args = parser.parse_args()
    _mark("script start")
    _cpu_mark("start-up (imports, options)")
    import compare.cli

    _mark("compare.cli imported")
    from compare.semantic import e5_onnx, embeddings
    from compare.stages import STAGES

    encode_chunk = embeddings._encode_chunk

    batches: list[tuple[float, float, float]] = []

    def timed_chunk(chunk: list[tuple[bytes, str]]) -> None:
        start, cpu = time.perf_counter(), time.thread_time()
        encode_chunk(chunk)
        batches.append((start, time.perf_counter(), time.thread_time() - cpu))
        _mark(f"batch of {len(chunk)} texts, {sum(len(t) for _, t in chunk)} chars, until "
              f"{time.perf_counter() - T0:.3f}, CPU {time.thread_time() - cpu:.3f} s", start)

    embeddings._encode_chunk = timed_chunk
    engine_init = e5_onnx.Engine.__init__

    def timed_init(self, *rest, **options) -> None:
        _mark("engine load starts")
        engine_init(self, *rest, **options)
        _mark("engine loaded (tokenizer, tables)")

    e5_onnx.Engine.__init__ = timed_init
    # The engine's own process (compare run's default): when it is started, and when it is ready to encode.
    from compare.semantic import engine_launch, engine_process

    launch = engine_launch.launch

    def timed_launch(*rest, **options):
        _mark("engine process starts")
        return launch(*rest, **options)

    engine_launch.launch = timed_launch
    process_init = engine_process.EngineProcess.__init__

    def timed_process_init(self, *rest, **options) -> None:
        process_init(self, *rest, **options)
        self.ready.add_done_callback(
            lambda done: _mark("engine process ready" if done.exception() is None else "engine process failed"))

    engine_process.EngineProcess.__init__ = timed_process_init
    encode = embeddings.encode
    waits: list[tuple[float, float]] = []

    def timed_encode(*rest, **options):
        if threading.current_thread() is not threading.main_thread():
            return encode(*rest, **options)
        start = time.perf_counter()
        try:
            return encode(*rest, **options)
        finally:
            waits.append((start, time.perf_counter()))
            if waits[-1][1] - start > 0.5:
                _mark(f"main thread waited for the engine's rows until {waits[-1][1] - T0:.3f}", start)

    embeddings.encode = timed_encode
    for stage in STAGES:
        def timed_run(state, context, _run=stage.run, _name=stage.name) -> None:
            _mark(f"stage {_name} starts")
            _cpu_mark(f"stage {_name}")
            _run(state, context)
            _mark(f"stage {_name} ends")
            _cpu_mark(f"between stages (after {_name})")

        object.__setattr__(stage, "run", timed_run)
    import compare.report

    write_report = compare.report.write_report

    def timed_write(*rest, **options):
        _mark("report writer starts")
        _cpu_mark("report writer")
        try:
            return write_report(*rest, **options)
        finally:
            _mark("report writer ends")
            _cpu_mark("after the writer (exit)")

    compare.report.write_report = timed_write
    samples: list[tuple[float, float]] = [(time.perf_counter() - T0, _tree_cpu())]
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_cpu, args=(samples, stop, 0.5), name="cpu-sampler", daemon=True)
    sampler.start()
    with tempfile.TemporaryDirectory() as out:
        # a run that ends with a non-zero code (a skipped input) still has a timeline to print
        with contextlib.suppress(SystemExit):
            compare.cli.main(["run", args.source, "-o", out, "--force", "--no-cache",
                              *(["--no-semantic"] if args.no_semantic else [])],
                             standalone_mode=False)
    _mark("command done")
    _cpu_mark("command done")
    stop.set()
    sampler.join()
    shown = 0
    for at, thread, what in sorted(_events):
        if what.startswith("batch"):
            shown += 1
            if shown > args.chunks:
                continue
        print(f"{at:7.3f}  {thread:18s} {what}")
    main_cpu = time.thread_time()
    waited = sum(cpu * max(0.0, min(end, w_end) - max(start, w_start)) / max(end - start, 1e-9)
                 for w_start, w_end in waits for start, end, cpu in batches) / 2
    print(f"process CPU {time.process_time():.2f} s, of which the main thread {main_cpu:.2f} s and the engine "
          f"batches {sum(b[2] for b in batches):.2f} s; engine CPU while the main thread waited for it "
          f"{2 * waited:.2f} s; critical-path CPU figure {main_cpu + waited:.2f} s (see above: no wall time)")
    import resource

    # The engine process (COMPARE_ENGINE_PROCESS=1), reaped by the run as it left, and any forked workers.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    queued = _waited_for_a_core()
    done = max(at for at, _, what in _events if what == "command done")
    print(f"reaped children's CPU {children.ru_utime + children.ru_stime:.2f} s (the engine process, where one "
          f"ran: the engine batches above are then its waits; forked workers); the main thread waited "
          f"{queued:.2f} s for a core (Linux schedstat), "
          f"command done at {done:.2f} s, {done - queued:.2f} s less that wait")
    import os

    _print_stage_table(samples, len(os.sched_getaffinity(0)), args.window)
    return 0


def _waited_for_a_core() -> float:
    """Seconds the calling thread was runnable but waiting for a core: what other processes' load cost it.

    Subtracted from the command's time it gives a figure nearer a quiet machine's than the raw wall time
    (not equal to it: the load also delays the threads the main thread waits for).
    """
    try:
        return int(Path("/proc/thread-self/schedstat").read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


if __name__ == "__main__":
    raise SystemExit(main())
