"""Where the e5 engine's CPU goes in one `compare run`: texts, repeats, token lengths and CPU per caller.

    python bench/make_wmt21_docs.py --size 200 --out /tmp/wmt21-docs-200
    python bench/engine_callers.py /tmp/wmt21-docs-200 [--json OUT.json] [-- more compare run options]

Runs ``compare run SET -o OUT --no-cache --force`` in a fresh process with the
engine in the run's own process (``COMPARE_ENGINE_PROCESS=0``: the rows are
the same bytes as the engine process's, ``tests/test_engine_process.py``), so
that every engine call, in the run's process and in its forked workers, passes
through two seams of the real code, and each process writes what it saw to a
file of its own (forked workers included; ``bench/embed_consumers.py``, its
predecessor, kept its tallies in memory and so lost the workers'):

* every ``embeddings.encode`` and ``embeddings.prefetch`` call: the caller (the
  first ``compare`` module on the stack outside the embedding layer), the
  number of texts asked and their keys (BLAKE2b of the cleaned text, the
  memo's key);
* every text the ONNX engine encodes (``Engine.encode_one``): its token
  count, the number of 510-token windows it took, and the CPU seconds of the
  thread that encoded it.

Prints, per caller (a text is credited to the first caller whose ``encode`` asked for it; a text that a
prefetch started and no ``encode`` asked for is "prefetched, never asked for"):
texts asked (all, and distinct), texts encoded, texts encoded more than once
in the run (a repeat costs the engine again: a forked worker's memo is its
own), tokens (mean, 90th percentile, longest, a histogram), engine CPU and its
share; then texts that differ only in whitespace or case from another encoded
text (rows the engine computes under two keys).  Nothing here changes what
the run computes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BINS = (16, 32, 64, 128, 256, 510, 10**9)


def consumer_of(frame) -> str:
    """The first ``compare`` module on the stack outside the embedding layer (``compare.align.semantic``...)."""
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name.startswith("compare.") and not name.startswith(("compare.semantic.embeddings",
                                                                 "compare.semantic.e5_onnx")):
            if name in ("compare.event_links", "compare.semantic.documents", "compare.stages.base",
                        "compare.executors"):
                frame = frame.f_back
                continue
            return name
        frame = frame.f_back
    return "?"


def _child(log_dir: Path, compare_args: list[str]) -> int:
    """Inside the fresh process: hook the seams, run ``compare``, each process logging to its own file."""
    import threading
    import time

    sys.path.insert(0, str(REPO))
    from compare.cli import main as cli
    from compare.semantic import e5_onnx, embeddings

    files: dict[int, object] = {}
    lock = threading.Lock()

    def log(record: list) -> None:
        pid = os.getpid()
        with lock:
            handle = files.get(pid)
            if handle is None:
                handle = files[pid] = open(log_dir / f"{pid}.jsonl", "a", encoding="utf-8", buffering=1)  # noqa: SIM115
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")

    original_encode, original_prefetch = embeddings.encode, embeddings.prefetch

    def asked(kind: str, texts, who: str) -> None:
        keys = [embeddings._key(embeddings._clean(t)).hex() for t in texts]
        log(["ask", kind, who, keys])

    def encode(texts, *a, **k):
        asked("encode", texts, consumer_of(sys._getframe(1)))
        return original_encode(texts, *a, **k)

    def prefetch(texts, *a, **k):
        asked("prefetch", texts, consumer_of(sys._getframe(1)))
        return original_prefetch(texts, *a, **k)

    embeddings.encode, embeddings.prefetch = encode, prefetch
    original_one = e5_onnx.Engine.encode_one

    def encode_one(self, text):
        start = time.thread_time()
        row = original_one(self, text)
        spent = time.thread_time() - start
        n = len(self.tokens(text))
        log(["enc", embeddings._key(text).hex(), n, -(-n // self.window) if n else 1, spent, text])
        return row

    e5_onnx.Engine.encode_one = encode_one
    try:
        cli.main(compare_args, prog_name="compare", standalone_mode=True)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 0
    return 0


def _pct(values: list[int], q: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0


def analyse(log_dir: Path) -> dict:
    first: dict[str, str] = {}
    asks: Counter = Counter()
    distinct: dict[str, set] = defaultdict(set)
    asked_by: dict[str, set] = defaultdict(set)
    encodes: list[tuple[str, int, int, float, str]] = []
    records = []
    for path in sorted(log_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            records.append(json.loads(line))
    prefetched: set[str] = set()
    for record in records:  # asks before encodes within a file; across files the first asker is approximate
        if record[0] == "ask":
            _, kind, who, keys = record
            asks[who] += len(keys)
            distinct[who].update(keys)
            for key in keys:
                if kind == "encode":  # credited to the first caller that needed the row, not to a prefetch
                    first.setdefault(key, who)
                else:
                    prefetched.add(key)
                asked_by[key].add(who)
        else:
            encodes.append(tuple(record[1:]))
    for key in prefetched:
        first.setdefault(key, "prefetched, never asked for")
    per: dict[str, dict] = defaultdict(lambda: {"encoded": 0, "repeats": 0, "tokens": [], "windows": 0, "cpu": 0.0,
                                                "repeat_cpu": 0.0, "bins": Counter()})
    seen: Counter = Counter()
    for key, n, windows, spent, _text in encodes:
        who = first.get(key, "?")
        row = per[who]
        seen[key] += 1
        if seen[key] > 1:
            row["repeats"] += 1
            row["repeat_cpu"] += spent
        else:
            row["encoded"] += 1
            row["tokens"].append(n)
        row["windows"] += windows
        row["cpu"] += spent
        row["bins"][next(b for b in BINS if n <= b)] += 1
    total_cpu = sum(r["cpu"] for r in per.values()) or 1.0
    texts = {key: text for key, _n, _w, _s, text in encodes}
    norm: dict[str, list[str]] = defaultdict(list)
    for key, text in texts.items():
        norm[" ".join(text.split()).casefold()].append(key)
    near = [keys for keys in norm.values() if len(keys) > 1]
    cpu_of = defaultdict(float)
    for key, _n, _w, spent, _t in encodes:
        cpu_of[key] += spent
    near_cpu = sum(cpu_of[k] for keys in near for k in keys[1:])
    out = {"texts_encoded": len(texts), "encode_calls": len(encodes), "engine_cpu": total_cpu,
           "near_duplicates": sum(len(k) - 1 for k in near), "near_duplicate_cpu": near_cpu, "callers": {}}
    for who, row in sorted(per.items(), key=lambda item: -item[1]["cpu"]):
        tokens = row["tokens"]
        out["callers"][who] = {
            "asked": asks.get(who, 0), "asked_distinct": len(distinct.get(who, ())), "encoded": row["encoded"],
            "repeats": row["repeats"], "repeat_cpu": row["repeat_cpu"], "tokens": sum(tokens),
            "mean_tokens": sum(tokens) / len(tokens) if tokens else 0.0, "p90_tokens": _pct(tokens, 0.9),
            "max_tokens": max(tokens) if tokens else 0, "windows": row["windows"], "cpu": row["cpu"],
            "share": row["cpu"] / total_cpu, "bins": {str(b): row["bins"][b] for b in BINS if row["bins"][b]},
            "also_asked_by_others": sum(1 for k, w in first.items() if w == who and len(asked_by[k]) > 1),
        }
    for who in asks:
        if who not in out["callers"]:
            out["callers"][who] = {"asked": asks[who], "asked_distinct": len(distinct[who]), "encoded": 0,
                                   "repeats": 0, "repeat_cpu": 0.0, "tokens": 0, "mean_tokens": 0.0, "p90_tokens": 0,
                                   "max_tokens": 0, "windows": 0, "cpu": 0.0, "share": 0.0, "bins": {},
                                   "also_asked_by_others": 0}
    return out


def report(result: dict) -> None:
    print(f"engine: {result['texts_encoded']} distinct texts, {result['encode_calls']} encodes, "
          f"{result['engine_cpu']:.1f} CPU-s; near-duplicates (whitespace/case only): {result['near_duplicates']} "
          f"texts, {result['near_duplicate_cpu']:.2f} CPU-s")
    head = (f"{'first asked by':34} {'asked':>7} {'distinct':>8} {'encoded':>7} {'repeats':>7} {'rep s':>6} "
            f"{'tok/text':>8} {'p90':>5} {'max':>5} {'tokens':>8} {'CPU s':>7} {'share':>6} {'shared':>6}")
    print(head)
    for who, row in result["callers"].items():
        print(f"{who[:34]:34} {row['asked']:7d} {row['asked_distinct']:8d} {row['encoded']:7d} {row['repeats']:7d} "
              f"{row['repeat_cpu']:6.2f} {row['mean_tokens']:8.1f} {row['p90_tokens']:5d} {row['max_tokens']:5d} "
              f"{row['tokens']:8d} {row['cpu']:7.2f} {row['share']:6.1%} {row['also_asked_by_others']:6d}")
    print("token histogram (texts encoded, by upper bound):")
    for who, row in result["callers"].items():
        if row["bins"]:
            print(f"  {who[:34]:34} " + ", ".join(f"<={b}: {c}" for b, c in row["bins"].items()))


def main() -> int:
    if "--_child" in sys.argv:
        at = sys.argv.index("--")
        return _child(Path(sys.argv[sys.argv.index("--_child") + 1]), sys.argv[at + 1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("--out", type=Path, default=None, help="report folder (default: a temporary one)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here too")
    parser.add_argument("extra", nargs="*", help="more options for compare run, after --")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="engine-callers-"))
    logs = work / "logs"
    logs.mkdir()
    out = args.out or work / "report"
    env = dict(os.environ, COMPARE_ENGINE_PROCESS="0", PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, __file__, "--_child", str(logs), "--", "run", args.source, "-o", str(out),
                           "--no-cache", "--force", *args.extra], env=env, cwd=REPO)
    if done.returncode not in (0, 1):
        return done.returncode
    result = analyse(logs)
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
