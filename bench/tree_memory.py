"""Peak memory of a whole process tree (a run, its engine server and its forked workers), sampled from /proc.

    python bench/tree_memory.py -- python -m compare run /tmp/wmt21-docs-1000 -o OUT --force --no-cache

Why: since the e5 engine runs in a process of its own and large sets fork
stage workers, ``/usr/bin/time``'s ``%M`` (the largest single process) no
longer says what a run needs.  Summing every process's resident set (RSS)
overcounts: forked workers share their parent's pages until they write to
them.  Proportional set size (``Pss`` in ``/proc/PID/smaps_rollup``) splits
each shared page among the processes that map it, so the tree's Pss sum is
what the run holds in memory at that instant.  :class:`TreeSampler` polls
the tree every ``interval`` seconds and keeps the largest Pss sum (and the
largest RSS sum, an upper bound, beside it); a peak shorter than the
interval can be missed, so the figure is a lower bound of the true peak
within one interval's allocations.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path


def children_of(pid: int) -> list[int]:
    """Direct children of ``pid`` (every thread's ``children`` file; Linux 3.5+ with /proc/PID/task/*/children)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.extend(int(x) for x in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return found


def tree_of(root: int) -> list[int]:
    """``root`` and every descendant alive now."""
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children_of(pid))
    return tree


def memory_kb(pid: int) -> tuple[int, int]:
    """(Pss, Rss) of one process in kB, (0, 0) when it is gone."""
    fields = rollup_kb(pid)
    return fields.get("Pss", 0), fields.get("Rss", 0)


def rollup_kb(pid: int) -> dict[str, int]:
    """Every kB field of ``/proc/PID/smaps_rollup`` (Pss, Rss, Private_Dirty, ...); empty when the process is gone."""
    fields: dict[str, int] = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, rest = line.partition(":")
            parts = rest.split()
            if len(parts) == 2 and parts[1] == "kB":
                fields[name] = int(parts[0])
    except (OSError, ValueError):
        return {}
    return fields


class TreeSampler:
    """Polls the tree under ``root`` on a thread; ``peak_pss_mb`` / ``peak_rss_mb`` / ``peak_processes`` after stop."""

    def __init__(self, root: int, interval: float = 0.5, timeline: Path | None = None) -> None:
        self.root, self.interval = root, interval
        self.timeline = timeline
        """Where each sample's time, tree Pss and per-process Pss/private MB go (one line a sample), or None."""
        self.peak_pss_kb = self.peak_rss_kb = self.peak_processes = 0
        self.at_peak: list[tuple[int, int]] = []
        """(pid, Pss kB) of each process when the tree's Pss sum peaked, the root first."""
        self.private_at_peak: list[int] = []
        """Each of those processes' private pages (Private_Clean + Private_Dirty, kB): what it holds alone."""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        start = time.perf_counter()
        out = self.timeline.open("w", encoding="utf-8") if self.timeline else None
        while not self._stop.is_set():
            pids = tree_of(self.root)
            rollups = [rollup_kb(pid) for pid in pids]
            sizes = [(r.get("Pss", 0), r.get("Rss", 0)) for r in rollups]
            total = sum(p for p, _ in sizes)
            if total > self.peak_pss_kb:
                self.peak_pss_kb = total
                self.at_peak = [(pid, p) for pid, (p, _) in zip(pids, sizes, strict=True) if p]
                self.private_at_peak = [r.get("Private_Clean", 0) + r.get("Private_Dirty", 0)
                                        for r in rollups if r.get("Pss", 0)]
            self.peak_rss_kb = max(self.peak_rss_kb, sum(r for _, r in sizes))
            self.peak_processes = max(self.peak_processes, sum(1 for p, _ in sizes if p))
            if out is not None:
                parts = " ".join(f"{pid}:{r.get('Pss', 0) // 1024}/{(r.get('Private_Clean', 0) + r.get('Private_Dirty', 0)) // 1024}"
                                 for pid, r in zip(pids, rollups, strict=True) if r.get("Pss", 0))
                out.write(f"{time.perf_counter() - start:.1f} {total // 1024} {parts}\n")
                out.flush()
            self._stop.wait(self.interval)
        if out is not None:
            out.close()

    @property
    def peak_pss_mb(self) -> float:
        return self.peak_pss_kb / 1024

    @property
    def peak_rss_mb(self) -> float:
        return self.peak_rss_kb / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interval", type=float, default=0.5)
    parser.add_argument("--timeline", type=Path, default=None,
                        help="write each sample (seconds, tree Pss MB, pid:Pss/private MB per process) to this file")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("a command to run is needed")
    start = time.perf_counter()
    child = subprocess.Popen(command)
    with TreeSampler(child.pid, args.interval, args.timeline) as sampler:
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    print(f"wall {wall:.1f} s, CPU {usage.ru_utime + usage.ru_stime:.1f} s (reaped children included), "
          f"largest process {usage.ru_maxrss / 1024:.0f} MB, tree peak Pss {sampler.peak_pss_mb:.0f} MB "
          f"(RSS sum {sampler.peak_rss_mb:.0f} MB, up to {sampler.peak_processes} processes; at the peak, "
          f"the run {' + '.join(f'{kb / 1024:.0f}' for _, kb in sampler.at_peak)} MB, of which private "
          f"{' + '.join(f'{kb / 1024:.0f}' for kb in sampler.private_at_peak)} MB)", file=sys.stderr)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    raise SystemExit(main())
