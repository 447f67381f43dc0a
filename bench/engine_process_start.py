"""What the e5 engine process costs to start: wall seconds until it is ready, and its CPU seconds.

Why: ``COMPARE_ENGINE_PROCESS=1`` runs the engine in a process of its own
(``compare.semantic.engine_process``); what it costs beyond the in-process
engine is mostly its start (an interpreter, numpy, the model's check and load,
an onnxruntime session), paid on every ``compare run``.  Each round starts one,
waits for its "ready", closes and reaps it, and reads the reaped child's CPU.
Needs the built ONNX model (scripts/build_e5_onnx.py).

    python bench/engine_process_start.py --rounds 3
"""

from __future__ import annotations

import argparse
import resource
import time

from compare.semantic import e5_onnx
from compare.semantic.engine_process import EngineProcess


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if e5_onnx.locate(e5_onnx.DEFAULT_VARIANT) is None:
        raise SystemExit("the e5 ONNX model is not built: run scripts/build_e5_onnx.py")
    before = 0.0
    for k in range(args.rounds):
        start = time.perf_counter()
        server = EngineProcess(e5_onnx.DEFAULT_VARIANT, 2, local=lambda: None)
        server.ready.result(timeout=300)
        ready = time.perf_counter() - start
        server.close()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        total = usage.ru_utime + usage.ru_stime
        print(f"round {k + 1}: ready after {ready:.3f} s wall, server CPU {total - before:.3f} s")
        before = total
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
