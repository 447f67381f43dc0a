"""Which process of a run's tree keeps which core busy, second by second: the run, the engine, forked workers.

    python bench/tree_cpu.py --every 5 -- python -m compare run /tmp/wmt21-docs-1000 -o OUT --force --no-cache

Why: on two cores a run's wall time is at least half its CPU time, and what
it loses beyond that is time with a core idle.  ``bench/run_timeline.py``
says how busy the whole tree was in each stage, but a live process's CPU
(the engine's, until align ends it) is only counted when it is reaped.  This
polls ``/proc/PID/stat`` of every process in the tree (utime + stime, by
``bench/tree_memory.py``'s tree walk) and prints, for each window, the cores
the run's own process, the engine process (its command line names
``engine_server``) and every other descendant (forked stage workers) kept
busy.  A process that ends between two polls loses at most one interval.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tree_memory import tree_of  # noqa: E402 - bench scripts import each other from this folder

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    """utime + stime of ``pid`` in seconds (None when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


def role(pid: int, root: int) -> str:
    """``run`` (the command), ``engine`` (the e5 server) or ``worker`` (any other descendant)."""
    if pid == root:
        return "run"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "worker"
    return "engine" if b"engine_server" in command else "worker"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interval", type=float, default=0.25)
    parser.add_argument("--every", type=float, default=5.0, help="seconds per printed window")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("a command to run is needed")
    start = time.perf_counter()
    child = subprocess.Popen(command)
    last: dict[int, float] = {}
    roles: dict[int, str] = {}
    window = {"run": 0.0, "engine": 0.0, "worker": 0.0}
    total = dict(window)
    window_start = 0.0
    print(f"{'from':>7} {'to':>7} {'run':>5} {'engine':>6} {'workers':>7} {'all':>5}  (cores busy)", file=sys.stderr)
    while child.poll() is None:
        now = time.perf_counter() - start
        for pid in tree_of(child.pid):
            used = cpu_seconds(pid)
            if used is None:
                continue
            roles.setdefault(pid, role(pid, child.pid))
            delta = used - last.get(pid, 0.0)
            last[pid] = used
            window[roles[pid]] += delta
            total[roles[pid]] += delta
        if now - window_start >= args.every:
            span = now - window_start
            print(f"{window_start:7.1f} {now:7.1f} {window['run'] / span:5.2f} {window['engine'] / span:6.2f} "
                  f"{window['worker'] / span:7.2f} {sum(window.values()) / span:5.2f}", file=sys.stderr)
            window = dict.fromkeys(window, 0.0)
            window_start = now
        time.sleep(args.interval)
    wall = time.perf_counter() - start
    print(f"wall {wall:.1f} s; CPU seen: run {total['run']:.1f} s, engine {total['engine']:.1f} s, "
          f"workers {total['worker']:.1f} s", file=sys.stderr)
    return child.returncode


if __name__ == "__main__":
    raise SystemExit(main())
