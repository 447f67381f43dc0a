"""Numbers and quantities, with a normalised decimal value.

Numbers are anchors that survive translation ("18 years", "18 anni",
"18 лет"), which is why event grouping uses them.  Their values are read by
``compare.annotate.figures``, the one reader of figures in any notation
("812 485" and "812,485", "1,3 млн" and "1.3 million", "16.15 Uhr" and
"4:15 p.m."; the decimal mark per language from babel's locale data).  A number
followed by a unit or a scale word (per cent, million, km, рублей ...)
is a *quantity*; spelled-out small numbers ("two", "due", "два") count too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compare.annotate.figures import SCALE, read_figures

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

UNITS = ("%", "percent", "per cent", "процент", "процента", "процентов", "prozent", "pour cent", "per cento",
         "km", "kilometres", "kilometers", "километров", "kilometri", "kilometer", "kg", "tonnes", "tons",
         "тонн", "dollars", "долларов", "dollari", "dollar", "euros", "euro", "евро", "rubles", "roubles",
         "рублей", "rubli", "rubel", "yen", "иен", "people", "человек", "persone", "menschen", "personnes",
         "years", "лет", "года", "anni", "jahre", "jahren", "ans", "days", "дней", "giorni", "tage", "jours",
         "soldiers", "troops", "military", "missiles", "ракет")
_UNIT_RE = "|".join(re.escape(u) for u in sorted(set(UNITS) | set(SCALE), key=lambda s: (-len(s), s)))

_UNIT_AFTER = re.compile(rf"\s?(?:{_UNIT_RE})(?![\w])", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"[$€£¥₽]\s?$")


@dataclass(frozen=True, slots=True)
class NumberMatch:
    start: int
    end: int
    text: str
    value: str
    type: str  # number | quantity


def find_numbers(text: str, language: str, taken: list[tuple[int, int]] = ()) -> list[NumberMatch]:
    """Numbers and quantities in ``text`` outside the spans in ``taken`` (dates found first)."""
    if language == "zh":  # digits inside words, scale characters, Chinese numerals: compare.annotate.chinese
        from compare.annotate.chinese import find_chinese_numbers

        return [NumberMatch(n.start, n.end, n.text, n.value, n.type) for n in find_chinese_numbers(text, taken)]
    out: list[NumberMatch] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for f in read_figures(text, language):
        if f.kind == "name" or not free(f.start, f.end):  # 'COVID-19' is a name, not a figure of the story
            continue
        unit = _UNIT_AFTER.match(text, f.end)
        currency = _CURRENCY_BEFORE.search(text[max(0, f.start - 2):f.start])
        end = unit.end() if unit else f.end
        start = f.start - len(currency.group()) if currency else f.start
        kind = "quantity" if unit or currency or f.scaled else "number"
        out.append(NumberMatch(start, end, text[start:end], f.value, kind))
    words = {**NUMBER_WORDS.get(language, {}), **(NUMBER_WORDS["en"] if language == "en" else {})}
    if words:
        pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(sorted(words, key=len, reverse=True))})(?![\w-])",
                             re.IGNORECASE)
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                out.append(NumberMatch(m.start(), m.end(), m.group(0), str(words[m.group(0).lower()]), "number"))
    return sorted(out, key=lambda n: (n.start, n.end))
