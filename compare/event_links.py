"""Document-level evidence for event grouping: multilingual embeddings, nearest neighbours, calibrated pair scores.

Why: two reports of one event in two languages share almost no wording and
few spelled-alike names, so the lexical evidence of ``compare.events`` (char
n-grams, name stems, numbers) splits them or, loosened, merges unrelated
stories.  ``compare pairs --unit document`` already scores two articles in
any two languages on a calibrated 0-1 scale (``compare.semantic.documents``:
centred e5 cosines of the title and the first 1,300 characters, plus the
name anchors; SemEval-2022 CV Pearson 0.715).  The events stage uses the same
model here, on the pairs it considers, so one number means the same thing on
the events page and in ``compare pairs``.  One exception, named in the
evidence where it applies: where two reports' titles agree far more than their
passages, the events stage can let the title stand in for the passage
(``title_stand_in``, ``EventSettings.document_title_gap``, off by default);
``compare pairs`` does not.

Only the features the fitted model weighs are computed (title and passage
rows: two e5 rows per report, not the eight lead sentences, whose weight is
0).  Candidate pairs come from locality-sensitive hashing of the passage rows
(``neighbour_pairs``): each report meets only the reports in its hash buckets,
so the cost grows with the number of reports, never with the number of pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from compare.model import Source

HASH_BITS = 24
"""Random hyperplanes per hash table; a table uses as many as it takes to bring buckets down to ``BUCKET``."""
TABLES = 16
"""Hash tables: a near pair missed by one table's buckets is met in another."""
BUCKET = 48
"""Most reports compared with one another inside one bucket (a larger bucket is split by more hyperplanes)."""
SEED = 20261206
NEIGHBOUR_FLOOR = 0.3
"""Centred passage cosine under which a bucket mate is no candidate (unrelated news scores about 0)."""


@dataclass(frozen=True)
class DocumentVectors:
    """Centred, unit-length title and passage rows of each report, in the caller's order."""

    title: np.ndarray
    passage: np.ndarray


def _unit_rows(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return rows / norms


def semantic_model() -> dict:
    """The fitted document model ``compare pairs --unit document`` uses (weights, centres, threshold)."""
    from compare.semantic.documents import models

    return models()["semantic"]


def document_vectors(sources: Sequence[Source], encode: Callable[[Sequence[str]], np.ndarray] | None = None) -> DocumentVectors:
    """Title (first sentence) and passage (first 1,300 characters) rows, centred on the model's news centres.

    A Chinese report's rows are centred on the centre of Chinese news instead
    (``compare.semantic.documents.language_centres``): with the news centre, two
    different Chinese articles scored 0.45 apart from their shared script alone.
    """
    from compare.semantic.documents import centre_rows, lead_sentences, passage

    if encode is None:
        from compare.semantic.embeddings import encode
    centres = semantic_model()["centres"]
    texts = [lead_sentences(s)[0] for s in sources] + [passage(s) for s in sources]
    rows = np.asarray(encode(texts), dtype=np.float64) if texts else np.zeros((0, 1))
    n = len(sources)
    languages = [s.language for s in sources]
    title = centre_rows(rows[:n], languages, "title", np.asarray(centres["title"], dtype=np.float64))
    body = centre_rows(rows[n:], languages, "passage", np.asarray(centres["passage"], dtype=np.float64))
    return DocumentVectors(title, body)


def _bucket_pairs(members: np.ndarray, codes: np.ndarray, depth: int, bits: int, out: list[np.ndarray]) -> None:
    """Split ``members`` by hyperplane bits from ``depth`` on until each part holds at most ``BUCKET``."""
    if len(members) <= 1:
        return
    if len(members) <= BUCKET or depth >= bits:
        for start in range(0, len(members), BUCKET):  # only when HASH_BITS planes cannot split a crowd of duplicates
            out.append(members[start:start + BUCKET])
        return
    side = codes[members, depth]
    _bucket_pairs(members[~side], codes, depth + 1, bits, out)
    _bucket_pairs(members[side], codes, depth + 1, bits, out)


def neighbour_pairs(rows: np.ndarray, k: int, floor: float = NEIGHBOUR_FLOOR) -> set[tuple[int, int]]:
    """Each row's ``k`` nearest rows among its hash-bucket mates (cosine >= ``floor``), as (i, j) with i < j.

    Random-hyperplane hashing: rows on the same side of the same planes share
    a bucket, and the closer two rows the likelier they do (a cosine of 0.9
    agrees on a plane 86% of the time).  Buckets are cut to at most
    ``BUCKET`` rows by as many planes as that takes, and ``TABLES`` tables of
    planes are tried, so each row is compared with at most ``TABLES x BUCKET``
    others: linear in the number of rows.  The planes come from a fixed seed,
    so the same rows give the same pairs.
    """
    n = len(rows)
    if n < 2:
        return set()
    rng = np.random.default_rng(SEED)
    found_i, found_j, found_c = [], [], []
    for _ in range(TABLES):
        planes = rng.standard_normal((rows.shape[1], HASH_BITS))
        codes = (rows @ planes) > 0
        buckets: list[np.ndarray] = []
        _bucket_pairs(np.arange(n), codes, 0, HASH_BITS, buckets)
        for members in buckets:
            if len(members) < 2:
                continue
            cosine = rows[members] @ rows[members].T
            np.fill_diagonal(cosine, -np.inf)
            r, c = np.nonzero(cosine >= floor)
            found_i.append(members[r])
            found_j.append(members[c])
            found_c.append(cosine[r, c])
    if not found_i:
        return set()
    left, right, cosines = np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_c)
    _, once = np.unique(left * n + right, return_index=True)  # a mate met in several tables counts once
    left, right, cosines = left[once], right[once], cosines[once]
    order = np.lexsort((right, -cosines, left))
    left, right = left[order], right[order]
    rank = np.arange(len(left)) - np.searchsorted(left, left)  # position among the row's mates, nearest first
    top = rank < k
    low, high = np.minimum(left[top], right[top]), np.maximum(left[top], right[top])
    return set(zip(low.tolist(), high.tolist(), strict=True))


def title_stand_in(
    vectors: DocumentVectors, pairs: Sequence[tuple[int, int]], lexical: Sequence[np.ndarray], floor: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(title cosine, passage cosine, similarity with the title in the passage's place, position in ``pairs``) of
    each pair whose titles agree at least ``floor`` more than their passages.

    Why: a page can carry the article's headline over a body that is something else (SemEval: "16 Tote bei
    Kämpfen in mexikanischem Gefängnis" over a forum post on notice periods; titles 0.65, passages 0.32), and
    then the passage, which weighs most, reads the wrong text.  The caller decides from how large a gap the
    title stands in (``EventSettings.document_title_gap``).
    """
    if not pairs:
        return np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0, dtype=np.int64)
    left = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    right = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
    title = np.einsum("ij,ij->i", vectors.title[left], vectors.title[right])
    passage = np.einsum("ij,ij->i", vectors.passage[left], vectors.passage[right])
    where = np.flatnonzero(title - passage >= floor)
    if not len(where):
        return np.zeros(0), np.zeros(0), np.zeros(0), where
    picked = [pairs[k] for k in where]
    stand_in = document_similarity(DocumentVectors(vectors.title, vectors.title), picked,
                                   [np.asarray(v)[where] for v in lexical])
    return title[where], passage[where], stand_in, where


def document_similarity(
    vectors: DocumentVectors, pairs: Sequence[tuple[int, int]], lexical: Sequence[np.ndarray],
) -> np.ndarray:
    """The calibrated 0-1 similarity of ``compare pairs --unit document`` for each pair of report positions.

    ``lexical``: the event grouping's text, entity and anchor similarity of
    the same pairs (``compare.events.evidence``).  A model feature this
    module does not compute must carry weight 0 (``lead``); a refit that
    weighs it fails here rather than scoring without it.
    """
    model = semantic_model()
    if not pairs:
        return np.zeros(0)
    left = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    right = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
    features = {
        "title": np.einsum("ij,ij->i", vectors.title[left], vectors.title[right]),
        "passage": np.einsum("ij,ij->i", vectors.passage[left], vectors.passage[right]),
        **{name: np.sqrt(np.maximum(np.asarray(v, dtype=np.float64), 0.0))
           for name, v in zip(("text", "entities", "anchors"), lexical, strict=True)},
    }
    for name, weight in zip(model["features"], model["weights"], strict=True):
        if name not in features:
            if float(weight) != 0.0:
                raise ValueError(f"the document model weighs '{name}', which the events stage does not compute")
            features[name] = np.zeros(len(pairs))
    from compare.semantic.documents import combine

    return combine(features, model)


__all__ = ["DocumentVectors", "document_similarity", "document_vectors", "neighbour_pairs", "semantic_model",
           "title_stand_in"]
