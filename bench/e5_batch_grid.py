"""Engine CPU a text by batch size and length: i8t (one text a call) against i8b (batches of 1 to 16), one run.

    .venv/bin/python bench/e5_batch_grid.py --rounds 5

Why: the fixed part of a text's cost (docs/methods.md, "Speed8": 2.6 ms by a
least-squares fit) was to go with texts batched in one ``session.run``; this
times ``session.run`` itself (this thread's CPU) for texts of 16 to 270 tokens
in batches of 1, 4 and 16, the variants alternated within each round so the
shared machine's load weighs on all alike.  Prints milliseconds a text (median
over rounds) and each batch's ratio to i8t.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from compare.semantic import e5_onnx  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--lengths", default="16,40,64,128,270")
    parser.add_argument("--batches", default="1,4,16")
    args = parser.parse_args()
    old = e5_onnx.Engine(e5_onnx.locate("i8t") or e5_onnx.build("i8t"))._session()
    new = e5_onnx.Engine(e5_onnx.locate("i8b") or e5_onnx.build("i8b"))._session()
    sizes = [int(b) for b in args.batches.split(",")]
    print(f"load {os.getloadavg()[0]:.1f}")
    for length in (int(t) for t in args.lengths.split(",")):
        x = np.random.default_rng(length).standard_normal((length, 384)).astype(np.float32)
        runs = {"i8t": lambda x=x: old.run(None, {"x": x})}
        for b in sizes:
            feed = {"x": np.repeat(x[None], b, axis=0), "mask": np.zeros((b, 1, 1, length), np.float32)}
            runs[f"i8b x{b}"] = lambda feed=feed: new.run(None, feed)
        per: dict[str, list[float]] = {name: [] for name in runs}
        texts = {"i8t": 1, **{f"i8b x{b}": b for b in sizes}}
        for run in runs.values():
            run()
        for _ in range(args.rounds):
            for name, run in runs.items():
                reps = max(1, 16 // texts[name])
                start = time.thread_time()
                for _ in range(reps):
                    run()
                per[name].append((time.thread_time() - start) / reps / texts[name] * 1000)
        base = statistics.median(per["i8t"])
        print(f"{length:4d} tokens: " + ", ".join(
            f"{name} {statistics.median(v):.2f} ms ({base / statistics.median(v):.2f})" for name, v in per.items()))
    print(f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
