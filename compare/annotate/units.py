"""A figure with its unit of measure, in SI: what tells a converted figure from a changed one.

A translator may convert a measure ("The 550-acre park" -> "Der 220 Hektar große Park", "a 15-foot boat" -> "4.5
meters long"): the figures differ and the row is rightly tagged "number", yet a class should read that one
rendering converted the unit, not that it changed the figure (W bench w021, w041; issue 23).  Only units a
conversion can be checked for are read (length, area, mass, temperature); a currency is no unit here (rates change),
nor "pound" (money as often as weight).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compare.annotate.figures import read_figures

UNITS: tuple[tuple[str, str, float], ...] = (
    # (pattern after the figure, dimension, SI factor); longer words first
    (r"square\s+kilomet(?:er|re)s?|km²|km2|quadratkilometer[n]?|kilomètres\s+carrés|кв\.?\s*км", "area", 1e6),
    (r"square\s+miles?", "area", 2.589988e6),
    (r"acres?|acker", "area", 4046.856),
    (r"hectares?|hektar[en]?|ha|гектар(?:а|ов)?|ettari|ettaro|hectáreas?", "area", 1e4),
    (r"kilomet(?:er|re)s?|kilometern?|km|километр(?:а|ов)?|kilomètres?|chilometri|kilómetros?", "length", 1e3),
    (r"miles?|meilen?|миль|миля|мили", "length", 1609.344),
    (r"feet|foot|ft|fuß|фут(?:а|ов)?|pieds?|piedi", "length", 0.3048),
    (r"inch(?:es)?|zoll|дюйм(?:а|ов)?|pouces?|pollici", "length", 0.0254),
    (r"yards?", "length", 0.9144),
    (r"met(?:er|re)s?|metern|m|метр(?:а|ов)?|mètres?|metri|metros?", "length", 1.0),
    (r"kilograms?|kilogrammes?|kilogramm|kg|килограмм(?:а|ов)?|kilos?", "mass", 1.0),
    (r"tonnes?|tons?|tonnen|тонн[аы]?|tonnellate|toneladas?", "mass", 1e3),
    (r"(?:degrees?\s+|grad\s+|°\s?|градус(?:а|ов)?\s+)?(?:fahrenheit|F\b)", "temperature-f", 1.0),
    (r"(?:degrees?\s+|grad\s+|°\s?|градус(?:а|ов)?\s+)?(?:celsius|цельсия|C\b)", "temperature", 1.0),
)
_UNIT = re.compile(r"[\s-]?(?:" + "|".join(f"(?P<u{k}>{p})" for k, (p, _, _) in enumerate(UNITS)) + r")(?![^\W\d_])",
                   re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Measure:
    """A figure with a unit: as written ('550-acre'), its dimension, and its amount in SI units."""

    written: str
    dimension: str
    amount: float
    unit: int  # its row in ``UNITS`` (Fahrenheit and Celsius apart)


def measures(text: str, language: str | None = None) -> list[Measure]:
    """The figures of ``text`` written with a unit of length, area, mass or temperature."""
    out = []
    for f in read_figures(text, scale_language=language):
        if f.kind != "number":
            continue
        m = _UNIT.match(text, f.end)
        if not m:
            continue
        k = next(int(name[1:]) for name, v in m.groupdict().items() if v is not None)
        _, dimension, factor = UNITS[k]
        amount = float(f.value) * factor
        if dimension == "temperature-f":
            dimension, amount = "temperature", (float(f.value) - 32) * 5 / 9
        out.append(Measure(text[f.start:m.end()].strip(), dimension, amount, k))
    return out


def converted(a: Measure, b: Measure, tolerance: float = 0.06) -> bool:
    """Whether two measures are one amount in two units (rounded as a translator rounds: within ``tolerance``)."""
    if a.dimension != b.dimension or a.unit == b.unit:
        return False
    if a.dimension == "temperature":
        return abs(a.amount - b.amount) <= 1.0
    high = max(abs(a.amount), abs(b.amount))
    return high > 0 and abs(a.amount - b.amount) <= tolerance * high
