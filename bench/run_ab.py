"""`compare run`, old code against new, in alternating fresh processes: CPU, wall, and whether the reports are equal.

    git archive <commit> | tar -x -C /tmp/old-src
    .venv/bin/python bench/run_ab.py --old /tmp/old-src                          # seeds, 3 runs each
    .venv/bin/python bench/run_ab.py --old /tmp/old-src --env COMPARE_EMBEDDING_ENGINE=onnx-i8t
    .venv/bin/python bench/make_wmt21_docs.py --size 60 --out /tmp/wmt21-docs-60
    .venv/bin/python bench/run_ab.py --old /tmp/old-src --set /tmp/wmt21-docs-60 --runs 2
    .venv/bin/python bench/run_ab.py --old /tmp/old-src --set /tmp/wmt21-docs-200 --runs 1 --no-semantic

Why: a speed change must leave every output byte-identical, and on a shared
machine only a ratio measured in one session means anything.  Each round
runs the old checkout then this one (``python -m compare run SET -o TMP
--no-cache --force``, the whole process, start-up included); CPU is the
child's user plus system time (its TER workers included), peak RSS its main process's, and tree Pss the
largest sum of proportional set sizes over the run's whole process tree (the engine server and forked
workers included: ``bench/tree_memory.py``, sampled every 0.5 s).  After the runs,
every file of the first old report is compared with the first new one's,
``compare.db`` included (it holds no time stamp); exits 1 if any differs.
Resource caches (the ONNX model, lemma dictionaries) are the user's, as in a
normal run: warm them with one run first.  Both trees' ``compare`` packages
are byte-compiled first (``compileall``, as ``pip install`` does), because
with ``PYTHONDONTWRITEBYTECODE`` set (as in this project's shells) every
fresh process would otherwise compile about 150 modules again, 0.2 s that
no installed copy pays (``--no-compile`` leaves the trees alone).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from tree_memory import TreeSampler

ROOT = Path(__file__).resolve().parents[1]


def run(code: Path, source: Path, out: Path, env: dict[str, str] | None = None,
        extra: Sequence[str] = ()) -> tuple[float, float, float, float]:
    """(wall s, CPU s, peak RSS MB, tree peak Pss MB) of one ``compare run`` of ``source`` with the code in
    ``code`` (``env`` added, ``extra``: more options).  CPU counts the run's reaped workers too; peak RSS is its
    main process's, tree Pss the whole tree's."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "compare", "run", str(source), "-o", str(out), "--no-cache",
                                  "--force", *extra],
                                 cwd=code, env={**os.environ, **(env or {}), "PYTHONPATH": str(code)},
                                 stdout=subprocess.DEVNULL, stderr=errors)
        # wait4 gives this child's own usage (the workers it reaped included), where RUSAGE_CHILDREN's peak is
        # the largest of every child so far.
        with TreeSampler(child.pid) as tree:
            _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            errors.seek(0)
            raise SystemExit(f"compare run failed in {code}:\n{errors.read().decode(errors='replace')[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, tree.peak_pss_mb


def count_documents(source: Path) -> int:
    """Reports in a source set: rows of its manifest.csv, else its files (for docs/s)."""
    manifest = source / "manifest.csv" if source.is_dir() else source
    if manifest.name == "manifest.csv" and manifest.is_file():
        return max(len(manifest.read_text(encoding="utf-8").splitlines()) - 1, 1)
    return max(sum(1 for p in source.rglob("*") if p.is_file() and p.suffix in (".txt", ".html", ".md")), 1)


def differing(old: Path, new: Path) -> list[str]:
    """Report files (relative paths) that differ or exist on one side only."""
    names = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    names |= {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    return sorted(str(n) for n in names
                  if not ((old / n).is_file() and (new / n).is_file()
                           and filecmp.cmp(old / n, new / n, shallow=False)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", type=Path, required=True, help="checkout of the code to compare with")
    parser.add_argument("--set", type=Path, default=ROOT / "seeds", help="source folder (default: the seeds)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="set for the new code only (repeatable), e.g. COMPARE_EMBEDDING_ENGINE=onnx-i8t")
    parser.add_argument("--no-semantic", action="store_true", help="pass --no-semantic to both runs")
    parser.add_argument("--no-compile", action="store_true",
                        help="do not byte-compile the two trees first (see above)")
    args = parser.parse_args()
    if not args.no_compile:
        for code in (args.old.resolve(), ROOT):
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "compare")], check=True,
                           stdout=subprocess.DEVNULL)
    new_env = dict(item.split("=", 1) for item in args.env)
    figures: dict[str, list[tuple[float, float, float, float]]] = {"old": [], "new": []}
    documents = count_documents(args.set)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory(prefix="run-ab-") as tmp:
        for k in range(args.runs):
            for label, code in (("old", args.old.resolve()), ("new", ROOT)):
                figures[label].append(run(code, args.set.resolve(), Path(tmp) / f"{label}{k}",
                                          new_env if label == "new" else None,
                                          ["--no-semantic"] if args.no_semantic else []))
                wall, cpu, rss, pss = figures[label][-1]
                print(f"round {k + 1} {label}: wall {wall:.2f} s, CPU {cpu:.2f} s, peak RSS {rss:.0f} MB, "
                      f"tree peak Pss {pss:.0f} MB, "
                      f"{documents / wall:.2f} docs/s", flush=True)
        different = differing(Path(tmp) / "old0", Path(tmp) / "new0")
    for label in ("old", "new"):
        walls, cpus, peaks, trees = zip(*figures[label], strict=True)
        print(f"{label}: wall median {statistics.median(walls):.2f} s, CPU median {statistics.median(cpus):.2f} s, "
              f"CPU total {sum(cpus):.2f} s, peak RSS max {max(peaks):.0f} MB, "
              f"tree peak Pss max {max(trees):.0f} MB, "
              f"{documents / statistics.median(cpus):.2f} docs per CPU second")
    ratios = [o[0] / n[0] for o, n in zip(figures["old"], figures["new"], strict=True)]
    print(f"wall old/new per round (each round's two runs minutes apart at most): "
          f"{', '.join(f'{r:.3f}' for r in ratios)}; median {statistics.median(ratios):.3f}")
    old_cpu = sum(f[1] for f in figures["old"])
    new_cpu = sum(f[1] for f in figures["new"])
    print(f"CPU old/new {old_cpu / new_cpu:.3f}; report files differing: {different or 'none'}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
