"""Numbers and quantities, with a normalised decimal value.

Numbers are anchors that survive translation ("18 years", "18 anni",
"18 лет"), which is why event grouping uses them.  The decimal separator
depends on the language: "1,5" is one and a half in German, Russian,
Italian and French; "1,500" is fifteen hundred in English.  A number
followed by a unit or a scale word (per cent, million, km, рублей ...)
is a *quantity*; spelled-out small numbers ("two", "due", "два") count too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COMMA_DECIMAL = frozenset({"ru", "it", "de", "fr", "es", "pl", "tr", "uk", "pt", "nl"})

NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "eleven": 11, "twelve": 12, "twenty": 20, "hundred": 100, "thousand": 1000, "dozen": 12},
    "ru": {"два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
           "девять": 9, "десять": 10, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4},
    "it": {"due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9,
           "dieci": 10},
    "de": {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
           "zehn": 10, "zwölf": 12},
    "fr": {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
           "dix": 10, "douze": 12},
}

_SCALE = {"million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9, "thousand": 1e3, "млн": 1e6,
          "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6, "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9,
          "миллиардов": 1e9, "тыс": 1e3, "тысяч": 1e3, "milioni": 1e6, "milione": 1e6, "miliardi": 1e9,
          "miliardo": 1e9, "mila": 1e3, "millionen": 1e6, "million.": 1e6, "mio": 1e6, "milliarden": 1e9,
          "mrd": 1e9, "milliarde": 1e9, "milliards": 1e9, "milliard": 1e9}
UNITS = ("%", "percent", "per cent", "процент", "процента", "процентов", "prozent", "pour cent", "per cento",
         "km", "kilometres", "kilometers", "километров", "kilometri", "kilometer", "kg", "tonnes", "tons",
         "тонн", "dollars", "долларов", "dollari", "dollar", "euros", "euro", "евро", "rubles", "roubles",
         "рублей", "rubli", "rubel", "yen", "иен", "people", "человек", "persone", "menschen", "personnes",
         "years", "лет", "года", "anni", "jahre", "jahren", "ans", "days", "дней", "giorni", "tage", "jours",
         "soldiers", "troops", "military", "missiles", "ракет")
_UNIT_RE = "|".join(re.escape(u) for u in sorted(set(UNITS) | set(_SCALE), key=lambda s: (-len(s), s)))

_DIGITS = re.compile(
    r"(?<![\w.,])(?P<cur>[$€£¥₽]\s?)?(?P<num>\d{1,3}(?:[ \u00a0\u202f.,’']\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    rf"(?P<unit>\s?(?:{_UNIT_RE})(?![\w]))?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int
    end: int
    text: str
    value: str
    type: str  # number | quantity


def _to_decimal(raw: str, language: str) -> float | None:
    """The value of a written number: one decimal mark per language, every other separator groups thousands."""
    s = raw.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    dec = "," if language in COMMA_DECIMAL else "."
    try:
        if s.count(dec) == 1:
            whole, frac = s.split(dec)
            return float(re.sub(r"[ .,']", "", whole) + "." + frac)
        return float(re.sub(r"[ .,']", "", s))
    except ValueError:
        return None


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(round(value, 6))


def find_numbers(text: str, language: str, taken: list[tuple[int, int]] = ()) -> list[NumberMatch]:
    """Numbers and quantities in ``text`` outside the spans in ``taken`` (dates found first)."""
    if language == "zh":  # digits inside words, scale characters, Chinese numerals: compare.annotate.chinese
        from compare.annotate.chinese import find_chinese_numbers

        return [NumberMatch(n.start, n.end, n.text, n.value, n.type) for n in find_chinese_numbers(text, taken)]
    out: list[NumberMatch] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _DIGITS.finditer(text):
        start, end = m.start(), m.end()
        if not free(start, end):
            continue
        value = _to_decimal(m.group("num"), language)
        if value is None:
            continue
        unit = (m.group("unit") or "").strip().lower()
        if unit in _SCALE:
            value *= _SCALE[unit]
        kind = "quantity" if unit or m.group("cur") else "number"
        out.append(NumberMatch(start, end, text[start:end], _fmt(value), kind))
    words = {**NUMBER_WORDS.get(language, {}), **(NUMBER_WORDS["en"] if language == "en" else {})}
    if words:
        pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(words, key=len, reverse=True))})(?![\w-])",
                             re.IGNORECASE)
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                out.append(NumberMatch(m.start(), m.end(), m.group(0), str(words[m.group(0).lower()]), "number"))
    return sorted(out, key=lambda n: (n.start, n.end))
