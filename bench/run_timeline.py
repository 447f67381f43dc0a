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


def _mark(what: str, at: float | None = None) -> None:
    _events.append(((time.perf_counter() if at is None else at) - T0, threading.current_thread().name, what))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", default="seeds")
    parser.add_argument("--chunks", type=int, default=1000, help="print at most this many engine batches")
    args = parser.parse_args()
    _mark("script start")
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

    embeddings.encode = timed_encode
    for stage in STAGES:
        def timed_run(state, context, _run=stage.run, _name=stage.name) -> None:
            _mark(f"stage {_name} starts")
            _run(state, context)
            _mark(f"stage {_name} ends")

        object.__setattr__(stage, "run", timed_run)
    with tempfile.TemporaryDirectory() as out:
        # a run that ends with a non-zero code (a skipped input) still has a timeline to print
        with contextlib.suppress(SystemExit):
            compare.cli.main(["run", args.source, "-o", out, "--force", "--no-cache"], standalone_mode=False)
    _mark("command done")
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
