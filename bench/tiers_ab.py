"""The semantic pass with and without its first tier (USE before e5), side by side, in one run of this script.

    XDG_CACHE_HOME=/tmp/xdg-prof .venv/bin/python bench/tiers_ab.py /tmp/wmt21-docs-200
    .venv/bin/python bench/tiers_ab.py /tmp/wmt21-docs-200 --rounds 2 --quality
    .venv/bin/python bench/tiers_ab.py --quality                      # the quality benches only

Speed: ``compare run DIR`` in fresh processes, e5 alone (``COMPARE_FIRST_TIER=off``, the default)
and with the tier (``COMPARE_FIRST_TIER=use``), alternating, each with a fresh cache folder
and a fresh vector store (so both compute everything, as a first run does):
wall seconds, CPU seconds (the process and its reaped workers), documents a
second, and how many sentences each encoder embedded in the run (the rows
the run left in its vector store, by model), which is what the tier is for.

``--quality`` also runs, once per setting, the alignment benches whose
figures must not move: bench/align_comparable_wmt21.py (``--max-docs 8``,
F1 per language pair, mode auto) and bench/align_seeds.py (seed gold), and
prints their lines side by side.

Ratios only: the machine is shared (load average printed).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETTINGS = (("e5 alone", "off"), ("USE, then e5", "use"))


def _env(tier: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), **extra}
    env.pop("COMPARE_FIRST_TIER", None)
    if tier:
        env["COMPARE_FIRST_TIER"] = tier
    return env


def _rows_by_model(store: Path) -> dict[bytes, int]:
    if not store.exists():
        return {}
    with sqlite3.connect(store) as db:
        return {bytes(model): n for model, n in db.execute("SELECT model, count(*) FROM vectors GROUP BY model")}


def run_once(folder: Path, tier: str, work: Path, use_model: bytes) -> dict[str, float]:
    """One fresh ``compare run`` with a fresh cache and vector store; its times and the rows each encoder made."""
    out = Path(tempfile.mkdtemp(dir=work))
    store = out / "vectors.sqlite3"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from compare.cli import main; main()", "run", str(folder),
                    "-o", str(out / "report"), "--cache", str(out / "cache")],
                   env=_env(tier, COMPARE_VECTOR_STORE=str(store)), check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    rows = _rows_by_model(store)
    use_rows = rows.pop(use_model, 0)
    return {"wall": wall, "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "e5": sum(rows.values()), "use": use_rows}


def speed(folder: Path, rounds: int) -> None:
    with open(folder / "manifest.csv", encoding="utf-8") as handle:
        documents = sum(1 for _ in csv.DictReader(handle))
    sys.path.insert(0, str(REPO))
    from compare.semantic import use

    use_model = hashlib.blake2b(use.signature().encode("utf-8"), digest_size=16).digest()
    print(f"{folder}: {documents} documents; {rounds} round(s), settings alternating; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    results: dict[str, list[dict[str, float]]] = {name: [] for name, _ in SETTINGS}
    with tempfile.TemporaryDirectory(prefix="tiers-ab-") as work:
        for k in range(rounds):
            for name, tier in (SETTINGS if k % 2 == 0 else SETTINGS[::-1]):
                results[name].append(run_once(folder, tier, Path(work), use_model))
                print(f"  round {k + 1} {name:13s} wall {results[name][-1]['wall']:7.1f} s  "
                      f"cpu {results[name][-1]['cpu']:7.1f} s", flush=True)
    print(f"{'setting':13s} {'wall s':>8s} {'cpu s':>8s} {'docs/s':>7s} {'e5 rows':>8s} {'USE rows':>8s}")
    medians = {}
    for name, _ in SETTINGS:
        wall = sorted(r["wall"] for r in results[name])[len(results[name]) // 2]
        cpu = sorted(r["cpu"] for r in results[name])[len(results[name]) // 2]
        medians[name] = (wall, cpu)
        last = results[name][-1]
        print(f"{name:13s} {wall:8.1f} {cpu:8.1f} {documents / wall:7.2f} {last['e5']:8.0f} {last['use']:8.0f}")
    (w0, c0), (w1, c1) = medians[SETTINGS[0][0]], medians[SETTINGS[1][0]]
    print(f"with the tier / e5 alone: wall {w1 / w0:.2f}, cpu {c1 / c0:.2f}; "
          f"load average now {os.getloadavg()[0]:.1f}")


def quality() -> None:
    keep = {
        "align_comparable_wmt21.py": (["--max-docs", "8"], re.compile(r"^\S+-\S+\s+auto, semantic")),
        "align_seeds.py": ([], re.compile(r"^aligner \(default")),
    }
    for script, (args, pattern) in keep.items():
        for name, tier in SETTINGS:
            done = subprocess.run([sys.executable, str(REPO / "bench" / script), *args], env=_env(tier),
                                  capture_output=True, text=True, check=False)
            lines = [line for line in done.stdout.splitlines()
                     if pattern.search(line) or line.startswith("first tier")]
            print(f"{script} [{name}]" + ("" if done.returncode == 0 else f" (exit {done.returncode})"))
            for line in lines or done.stdout.splitlines()[-12:]:
                print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?",
                        help="a source folder with manifest.csv (bench/make_wmt21_docs.py); none: no speed runs")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--quality", action="store_true", help="also the comparable-F1 and seed-gold benches")
    args = parser.parse_args()
    if args.folder:
        speed(args.folder, args.rounds)
    if args.quality:
        quality()


if __name__ == "__main__":
    main()
