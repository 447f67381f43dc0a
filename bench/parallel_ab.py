"""The parallel aligner, old code against new, on the calls a real run makes: same beads, CPU ratio.

    .venv/bin/python bench/parallel_ab.py /tmp/wmt21-docs-60               # old = merge-base with main
    .venv/bin/python bench/parallel_ab.py /tmp/wmt21-docs-60 --rev f000de0 --rounds 5

Runs ``compare run SET`` once in this process (no cache) keeping the
arguments of every ``align_parallel`` call, then runs those calls again
with compare/align/parallel.py as it is at ``--rev`` and as it is now,
alternating round by round; CPU seconds (``time.process_time``) per version
and their ratio.  Exits 1 if any call's beads differ.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from ter_ab import module_at  # noqa: E402

import compare.align as align  # noqa: E402
from compare.align import parallel as new_parallel  # noqa: E402
from compare.cli import main as compare_main  # noqa: E402


def recorded_calls(source: Path) -> list[tuple]:
    calls: list[tuple] = []
    aligner = align.align_parallel

    def recording(*args, **kwargs):
        calls.append((args, kwargs))
        return aligner(*args, **kwargs)

    align.align_parallel = recording
    with tempfile.TemporaryDirectory(prefix="parallel-ab-") as tmp:
        try:
            compare_main(["run", str(source), "-o", str(Path(tmp) / "report"), "--no-cache", "--force"])
        except SystemExit as done:  # click's main always exits; a failed run must not pass for a measured one
            if done.code not in (0, None):
                raise
    align.align_parallel = aligner
    return calls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--rev", default=None, help="git revision of the old code (default: merge-base with main)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.rev is None:
        args.rev = subprocess.run(["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], check=True,
                                  capture_output=True, text=True).stdout.strip()[:12]
    old_parallel = module_at(args.rev, "compare/align/parallel.py", "old_parallel")
    calls = recorded_calls(args.source)
    seconds = {"old": 0.0, "new": 0.0}
    results = {}
    for _ in range(args.rounds):
        for label, module in (("old", old_parallel), ("new", new_parallel)):
            start = time.process_time()
            results[label] = [module.align_parallel(*a, **k) for a, k in calls]
            seconds[label] += time.process_time() - start
    different = sum(a != b for a, b in zip(results["old"], results["new"], strict=True))
    print(json.dumps({"calls": len(calls), "rounds": args.rounds, "rev": args.rev, "different": different,
                      "old_cpu_s": round(seconds["old"], 2), "new_cpu_s": round(seconds["new"], 2),
                      "old_over_new": round(seconds["old"] / seconds["new"], 2)}))
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
