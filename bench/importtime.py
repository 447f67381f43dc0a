"""What `compare` spends on imports: `python -X importtime` on the CLI, the run's start-up and a whole seeds run.

    python bench/importtime.py                  # three runs of each, medians
    python bench/importtime.py --repeat 5 --top 30

Scenarios, each a fresh process, repeated (``--repeat``) and summarised by
the median per module:

* ``cli``: ``import compare.cli`` (what ``compare --help`` pays);
* ``run start``: the CLI plus what ``compare run`` imports before
  ``run_pipeline`` (compare.pipeline, compare.report, compare.cache,
  compare.executors): every stage's modules;
* ``seeds run``: ``python -m compare run seeds --no-cache``, whose lazy imports
  (dateparser, langdetect, natasha, ...) happen during the stages.  Import
  time is not load time: a dictionary or model read at first use (simplemma,
  wordfreq, py3langid, langdetect's profiles) is not in it; see
  bench/profile_run.py for those.
* ``seeds run, bytecode cached``: the same with ``PYTHONPYCACHEPREFIX`` in
  /tmp and ``PYTHONDONTWRITEBYTECODE`` unset, after one warm-up run.  Where
  ``PYTHONDONTWRITEBYTECODE=1`` (as on the project's machines) and the
  checkout has no ``__pycache__``, every start compiles compare's own modules
  from source; this shows what that costs.

Prints each scenario's total, and for the seeds run the ``--top`` imports by
cumulative time (a package's own import and everything it pulls in; nested
entries are also counted in their parents), by self time, and by top-level
package (the sum of its modules' self time).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")
RUN_START = "import compare.cli, compare.pipeline, compare.report, compare.cache, compare.executors"


def parse(stderr: str) -> list[tuple[str, int, int, int]]:
    """(module, self µs, cumulative µs, depth) for each import line, in output order."""
    rows = []
    for line in stderr.splitlines():
        match = LINE.match(line)
        if match:
            self_us, cum_us, indent, name = match.groups()
            rows.append((name, int(self_us), int(cum_us), (len(indent) - 1) // 2))
    return rows


def measure(command: list[str], repeat: int, env: dict[str, str] | None = None) -> dict:
    """Median self/cumulative µs per module and median total (the sum of the top-level imports' cumulative)."""
    selfs: dict[str, list[int]] = defaultdict(list)
    cums: dict[str, list[int]] = defaultdict(list)
    depth: dict[str, int] = {}
    totals = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-X", "importtime", *command], cwd=REPO, capture_output=True, text=True,
                              env=env)
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
        rows = parse(done.stderr)
        totals.append(sum(cum for _, _, cum, d in rows if d == 0))
        seen = set()
        for name, self_us, cum_us, d in rows:
            if name in seen:
                continue
            seen.add(name)
            selfs[name].append(self_us)
            cums[name].append(cum_us)
            depth[name] = d
    return {
        "total": statistics.median(totals), "modules": len(selfs),
        "self": {k: statistics.median(v) for k, v in selfs.items()},
        "cum": {k: statistics.median(v) for k, v in cums.items()},
        "depth": depth,
    }


def print_top(title: str, result: dict, key: str, n: int) -> None:
    total = result["total"]
    print(f"\n{title}")
    print(f"{'ms':>8} {'share':>7} {'self ms':>8} {'depth':>5}  module")
    ranked = sorted(result[key].items(), key=lambda kv: kv[1], reverse=True)[:n]
    for name, value in ranked:
        print(f"{value / 1000:8.1f} {value / total:7.1%} {result['self'][name] / 1000:8.1f} {result['depth'][name]:5d}  {name}")


def by_package(result: dict) -> list[tuple[str, float, int]]:
    sums: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    for name, value in result["self"].items():
        top = name.split(".")[0]
        sums[top] += value
        counts[top] += 1
    return sorted(((k, v, counts[k]) for k, v in sums.items()), key=lambda kv: kv[1], reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--source", default="seeds", help="source set of the run scenario (default seeds)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        run = ["-m", "compare", "run", args.source, "-o", f"{tmp}/report", "--no-cache", "--force"]
        scenarios = {
            "cli (import compare.cli)": measure(["-c", "import compare.cli"], args.repeat),
            "run start (+ pipeline, report, cache, executors)": measure(["-c", RUN_START], args.repeat),
            f"{args.source} run (every import of the whole run)": measure(run, args.repeat),
        }
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = f"{tmp}/pycache"
        subprocess.run([sys.executable, *run], cwd=REPO, capture_output=True, env=env)  # warm-up: writes the bytecode
        scenarios[f"{args.source} run, bytecode cached (PYTHONPYCACHEPREFIX)"] = measure(run, args.repeat, env)

    print(f"python -X importtime, median of {args.repeat} fresh processes each "
          f"(PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r} here)")
    print(f"\n{'scenario':<62} {'imports ms':>10} {'modules':>8}")
    for name, result in scenarios.items():
        print(f"{name:<62} {result['total'] / 1000:10.0f} {result['modules']:8d}")

    whole = scenarios[f"{args.source} run (every import of the whole run)"]
    print_top(f"seeds run: top {args.top} imports by cumulative time (share of all import time in the run)",
              whole, "cum", args.top)
    print_top(f"seeds run: top {args.top} imports by self time", whole, "self", args.top)
    print(f"\nseeds run: top {args.top} top-level packages by the sum of their modules' self time")
    print(f"{'ms':>8} {'share':>7} {'modules':>8}  package")
    for name, value, count in by_package(whole)[:args.top]:
        print(f"{value / 1000:8.1f} {value / whole['total']:7.1%} {count:8d}  {name}")
    cli = scenarios["cli (import compare.cli)"]
    print_top("cli: top 10 imports by cumulative time", cli, "cum", 10)
    compare_self = sum(v for k, v in whole["self"].items() if k.split(".")[0] == "compare")
    cached = scenarios[f"{args.source} run, bytecode cached (PYTHONPYCACHEPREFIX)"]
    cached_self = sum(v for k, v in cached["self"].items() if k.split(".")[0] == "compare")
    print(f"\ncompare's own modules, self time: {compare_self / 1000:.0f} ms as run here; "
          f"{cached_self / 1000:.0f} ms with their bytecode cached")
    cached_packages = {name: value for name, value, _ in by_package(cached)}
    print("\npackages whose import time changes most with the bytecode cached (noise included)")
    print(f"{'as run ms':>10} {'cached ms':>10}  package")
    changes = sorted(((name, value, cached_packages.get(name, 0.0)) for name, value, _ in by_package(whole)),
                     key=lambda row: row[1] - row[2], reverse=True)
    for name, before, after in changes[:10]:
        print(f"{before / 1000:10.1f} {after / 1000:10.1f}  {name}")


if __name__ == "__main__":
    main()
