"""Whether a machine-translation figure may be shown, and its calibrated value when it may.

Why: a class reads a number as a measurement.  A model whose held-out ROC AUC
for a configuration is 0.67 (the text-only model on Russian-to-English) ranks
a machine translation above a human one two times in three; printed as
"0.99", it says far more than it knows, and it contradicted the artifact and
provenance sections of the same page.  So a figure is shown only when

- its configuration (language pair; with the original in the set, or the text
  alone; the model variant) has a cross-validated AUC of at least ``MIN_AUC``
  recorded with the fitted coefficients (``provenance.cv_auc`` of the JSON the
  bench wrote), and
- a Platt calibration record for it exists (``data/mt_calibration.json``,
  fitted by ``bench/mt_calibration.py`` on the out-of-fold logits of the same
  cross-validation, on the shared WMT21 data only).

Otherwise the figure is "not measured", and the label says why in words.  A
text alone is placed in a language pair by the language it was first written
in (provenance's origin language): an original in its own language has no
measured configuration at all.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

MIN_AUC = 0.80
"""The least held-out ROC AUC a configuration needs before its figure is shown as a probability."""

LANGUAGE_NAMES = {"ru": "Russian", "de": "German", "zh": "Chinese", "en": "English", "fr": "French",
                  "it": "Italian", "ja": "Japanese", "es": "Spanish", "uk": "Ukrainian"}


@dataclass(frozen=True, slots=True)
class Gate:
    """The verdict on one configuration: the AUC it rests on, the Platt record, and why.

    ``trusted``: its held-out AUC reaches ``MIN_AUC``, so its reasons may be read out in words;
    ``shown``: trusted and calibrated, so its figure may be printed as a probability.
    """

    pair: str
    variant: str
    auc: float | None
    platt: tuple[float, float] | None
    trusted: bool
    shown: bool
    why: str


@lru_cache(maxsize=4)
def _data(name: str) -> dict:
    path = resources.files("compare.artifacts") / "data" / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def held_out_auc(pair: str, variant: str) -> float | None:
    """The cross-validated document AUC recorded for ``pair`` (``ru-en``) and ``variant``, or None if never measured."""
    for name in ("mt_with_original.json", "mt_likelihood.json"):
        found = _data(name).get("provenance", {}).get("cv_auc", {}).get(pair, {}).get(variant)
        if found is not None:
            return float(found)
    return None


def platt_record(pair: str, variant: str) -> tuple[float, float] | None:
    """(a, b) of the Platt calibration fitted for this configuration, or None."""
    record = _data("mt_calibration.json").get("pairs", {}).get(pair, {}).get(variant)
    return (float(record["a"]), float(record["b"])) if record else None


def gate(pair: str, variant: str) -> Gate:
    """The verdict for one configuration (see the module docstring)."""
    auc, platt = held_out_auc(pair, variant), platt_record(pair, variant)
    if auc is None:
        return Gate(pair, variant, None, platt, False, False, f"no held-out figure was measured for {pair}")
    if auc < MIN_AUC:
        return Gate(pair, variant, auc, platt, False, False,
                    f"the model's held-out AUC on {pair} is {auc:.2f}, below the {MIN_AUC:.2f} a figure needs")
    if platt is None:
        return Gate(pair, variant, auc, None, True, False,
                    f"the model's held-out AUC on {pair} is {auc:.2f}, but it is not calibrated to give a probability "
                    "(bench/mt_calibration.py)")
    return Gate(pair, variant, auc, platt, True, True, f"held-out AUC {auc:.2f} on {pair}, calibrated")


def first_shown(pair: str, variants: tuple[str, ...]) -> Gate:
    """The first of ``variants`` (in order of preference) that may be shown, else the first trusted one, else
    the first one's verdict."""
    verdicts = [gate(pair, v) for v in variants]
    return next((g for g in verdicts if g.shown), next((g for g in verdicts if g.trusted), verdicts[0]))


def calibrated(logit: float, platt: tuple[float, float]) -> float:
    """The Platt-calibrated probability of a model's log-odds, rounded as every figure is (4 places)."""
    a, b = platt
    z = max(min(a * logit + b, 40.0), -40.0)
    return round(1.0 / (1.0 + math.exp(-z)), 4)


def text_only_pair(origin: str | None, language: str) -> str | None:
    """The language pair a text alone is read in: ``<origin>-<language>`` when it reads as translated, else None."""
    if not origin or origin in ("und", language):
        return None
    return f"{origin}-{language}"


def copied_from_undecided(provenance: Any) -> dict[str, str]:
    """Each copy whose chain of ``copy`` edges leads to a text whose first language is undecided (role
    ``undetermined``: one article with a text of another language, direction unknown): copy -> that text.

    Held-out p15/p16 (rH1 M2): the copies of an English base that is one article with a German text were "taken as
    first written in English" while the page said of their base that which was written first, the texts do not
    show.  A copy's first language is its base's, and as open."""
    sources = getattr(provenance, "sources", ()) or ()
    roles = {p.id: p.role for p in sources}
    parent = {e.to: e.from_ for e in getattr(provenance, "edges", ()) or () if e.relation == "copy" and e.from_}
    out = {}
    for sid in sorted(parent):
        seen, current = {sid}, parent[sid]
        while current in parent and current not in seen:
            seen.add(current)
            current = parent[current]
        if roles.get(current) == "undetermined":
            out[sid] = current
    return out


def not_measured_text(origin: str | None, language: str, verdict: Gate | None, undecided: bool = False,
                      copy_of: str | None = None) -> str:
    """Why a text alone gets no figure, in words a teacher can read aloud.

    ``undecided``: provenance found the text one article with a text of another language, direction unknown; it is
    not "taken as first written in" its own language, which a sentence-by-sentence counterpart in another language
    contradicts (rP2, p02 M6, p03 M1)."""
    name = LANGUAGE_NAMES.get(language, language)
    if verdict is None:
        if copy_of:
            return (f"not measured (text only: a copy of {copy_of}, which is one article with a text in another "
                    "language, and which was written first the texts do not show for certain; no model was measured "
                    "on telling such a text from machine output)")
        if undecided:
            return ("not measured (text only: one article with a text in another language, and which was written "
                    "first the texts do not show for certain; no model was measured on telling such a text from "
                    "machine output)")
        if origin in (None, "und"):
            return "not measured (text only: its original language is unknown, and no model was measured for that)"
        # taken as written in its own language only because the tells found too few (issue 23, r40)
        return (f"not measured (text only: taken as first written in {name}, its translation tells too few to "
                "place it in a language pair, and no model was measured on telling such a text from machine output)")
    source = LANGUAGE_NAMES.get(origin or "", origin)
    return f"not measured (text only, read as translated from {source}: {verdict.why})"
