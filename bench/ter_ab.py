"""TER, old code against new: compare.ter at a git revision against the working tree, on real WMT21 segment pairs.

    .venv/bin/python bench/ter_ab.py                       # 300 pairs, old = merge-base with main, 3 rounds
    .venv/bin/python bench/ter_ab.py --rev f000de0 --pairs 600 --rounds 5
    .venv/bin/python bench/ter_ab.py --from-run /tmp/wmt21-docs-60   # the segments a run scores

``--from-run SET`` first runs ``compare run SET`` in this process (TER in
this process too, no cache) and keeps every segment its TER stage scores:
the linked sentence pairs of a real run instead of the sampled pairs.

Both versions run in this process on the same sample (tests/test_fast_ter.py's
pairs, the kinds a run links), alternating round by round so that a shared
machine's load falls on both alike; CPU seconds (``time.process_time``) are
summed per version and the ratio is the figure to quote.  Exits 1 if any
statistic differs between the two versions.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_fast_ter import WMT21, _wmt21_pairs  # noqa: E402

from compare import ter as new_ter  # noqa: E402


def module_at(rev: str, path: str, name: str) -> types.ModuleType:
    """The module ``path`` as it was at git revision ``rev``, loaded under ``name``."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{path}"], check=True, capture_output=True,
                            text=True).stdout
    module = types.ModuleType(name)
    module.__file__ = f"{rev}:{path}"
    sys.modules[name] = module  # dataclasses look their module up there
    exec(compile(source, module.__file__, "exec"), module.__dict__)  # noqa: S102 - our own code at a revision
    return module


def run_segments(source: Path) -> list[tuple[str, str]]:
    """Every (hypothesis, reference) segment the TER stage of ``compare run source`` scores."""
    import tempfile

    import compare.executors as executors
    import compare.score as score
    from compare.cli import main as compare_main

    segments: list[tuple[str, str]] = []
    scored = score.segment_statistics

    def recording(hypothesis: str, reference: str) -> tuple[float, float]:
        segments.append((hypothesis, reference))
        return scored(hypothesis, reference)

    executors.LocalExecutor.map_light = lambda self, function, items: self.map(function, items)  # in this process
    score.segment_statistics = recording
    with tempfile.TemporaryDirectory(prefix="ter-ab-") as tmp:
        try:
            compare_main(["run", str(source), "-o", str(Path(tmp) / "report"), "--no-cache", "--force"])
        except SystemExit as done:  # click's main always exits; a failed run must not pass for a measured one
            if done.code not in (0, None):
                raise
    score.segment_statistics = scored
    return segments


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default=None, help="git revision of the old code (default: merge-base with main)")
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--from-run", type=Path, help="score the segments a run of this source folder scores")
    args = parser.parse_args()
    if args.from_run is None and not WMT21.is_dir():
        print(f"{WMT21} is absent (third-party data lives in ../shared/data)", file=sys.stderr)
        return 2
    if args.rev is None:
        args.rev = subprocess.run(["git", "-C", str(ROOT), "merge-base", "HEAD", "main"], check=True,
                                  capture_output=True, text=True).stdout.strip()[:12]
    old_ter = module_at(args.rev, "compare/ter.py", "old_ter")
    if args.from_run is not None:
        sample = run_segments(args.from_run)
    else:
        pool = _wmt21_pairs()
        sample = random.Random(args.seed).sample(pool, min(args.pairs, len(pool)))
    seconds = {"old": 0.0, "new": 0.0}
    results = {}
    for _ in range(args.rounds):
        for label, module in (("old", old_ter), ("new", new_ter)):
            start = time.process_time()
            results[label] = [module.segment_statistics(h, r) for h, r in sample]
            seconds[label] += time.process_time() - start
    different = sum(a != b for a, b in zip(results["old"], results["new"], strict=True))
    print(json.dumps({"pairs": len(sample), "from_run": str(args.from_run or ""), "rounds": args.rounds, "rev": args.rev, "different": different,
                      "old_cpu_s": round(seconds["old"], 2), "new_cpu_s": round(seconds["new"], 2),
                      "old_over_new": round(seconds["old"] / seconds["new"], 2)}))
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
