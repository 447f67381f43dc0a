"""Wall time and peak memory of `compare run` on the seeds and on a 200-report set from ../shared/data.

    python bench/run_seeds.py

Target (issue 6): the seeds run end to end in under 3 seconds on the 2-core
reference machine.  Timings vary on a shared machine; run it twice.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_sets import SHARED, build  # noqa: E402
from measure import measure_run  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        seeds = measure_run("run", "seeds", "-o", f"{tmp}/seeds", "--no-cache")
        rows.append(("seeds (5 reports)", seeds))
        if (SHARED / "wmt21-news-human-vs-mt").is_dir():
            build([200], Path(tmp) / "sets")
            set200 = measure_run("run", f"{tmp}/sets/set-200.jsonl", "-o", f"{tmp}/set200", "--no-cache")
            rows.append(("200 reports from ../shared/data", set200))
        else:
            print(f"skipping the 200-report set: {SHARED} is absent", file=sys.stderr)
    print(f"{'source set':<34} {'wall s':>8} {'peak MB':>8} {'exit':>5}")
    for name, m in rows:
        print(f"{name:<34} {m.wall:8.2f} {m.peak_mb:8.0f} {m.code:5d}")
        if m.code not in (0, 1):
            print(m.stderr, file=sys.stderr)


if __name__ == "__main__":
    main()
