"""Measure one `compare run` as a user runs it: a fresh process, its wall time and peak memory."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# The child reports its own children's peak RSS, so each measurement is isolated.
_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall": wall, "peak_mb": peak_kb / 1024, "code": done.returncode, "stderr": done.stderr[-2000:]}))
"""


@dataclass(frozen=True)
class Measurement:
    wall: float
    peak_mb: float
    code: int
    stderr: str


def measure_run(*args: str) -> Measurement:
    """Run ``compare ARGS`` in a child process and measure it."""
    command = [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "compare", *args]
    out = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return Measurement(data["wall"], data["peak_mb"], data["code"], data["stderr"])
