"""A figure's VALUE as any language writes it: the one reader every comparison of two renderings' figures uses.

Translators keep figures and change their notation: Russian "812 485" and "1,3 млн", German "16.15 Uhr" and
"1.500", English "812,485", "1.3 million", "4:15 p.m.".  Compared as strings (or as digit runs split at a space)
these read as different numbers, and the report told a class that five translations of one text "give different
numbers" where every figure was the same (issue 23, fresh read rW1: Russian F1, F2, F6, M9; German F1-F3).  Here
each figure mention is read once, to a value that does not depend on its notation:

- grouping and decimal separators: a separator followed by exactly three digits groups thousands ("812 485",
  "812,485", "1.500", "13 269" with a no-break or narrow no-break space); the last separator before a group of
  another length is the decimal mark ("1,3", "1.3").  Where both readings fit ("1,500", "1.500") the language's
  own decimal symbol decides, taken from babel's locale data (CLDR) rather than a hand-made table: "1,500" is
  fifteen hundred in English and one and a half in German; without a language it groups, as most news writes it;
- scale words: "1.3 million", "1,3 млн", "1,3 Mio.", "2 Mrd.", "10-Millionen-Pfund", "£10m" are read as the whole
  number, each word by its language's scale: German and French "Billion" is a million million (English "trillion",
  Russian "трлн"), "Milliarde"/"milliard" is the English "billion" (``LONG_SCALE``); where the language is not
  known "billion" reads as English news writes it, and only words that are long-scale in every language
  ("Billionen", "billones") read so;
- clock times on a 24-hour clock: "16:15", "gegen 16.15 Uhr", "16h15", "4:15 p.m.", "4.15 p.m.", "4: 15 pm",
  "в 16 часов 15 минут", "à 16 heures 15" are all ``time:16:15`` (hours and minutes in words count after a
  preposition of time only: "17 hours and 47 minutes" alone is a duration); a whole hour also meets the plain number it is written with ("kurz vor 6 Uhr" / "shortly
  before 6": ``hour_aliases``);
- Chinese figures by the annotator's Chinese reader (``compare.annotate.chinese``: "6.1万" is 61000);
- ordinals: "29th", "29." and "29-й" are 29 (the digits are read, the suffix is not);
- digits that belong to a name or a designation ("COVID-19", "MH17", "G7", "Су-35", "Ka-52M": after letters with
  a capital, glued or after a hyphen) are a designation, no quantity: read as ``name:19`` (the name's digits):
  not a figure of the story (the annotator, and with it the events' "both write the figures" lines, leaves them
  out), yet a name changed in its digits ("Covid-39" for "Covid-19", a planted edit) still differs from the
  original's, while the same designation spelled otherwise ("card-52M", "Kamov Ka-52M", "Wuzhika-52M": three
  renderings of Chinese "卡-52M"; "BMP-2" for "BMP-2M") is no other figure -- its letters are the name's, which
  the name tags compare;
- "24" in "24 hours" / "24-hour" is a day written with a unit ("за сутки", "in 24 hours", "per day" render one
  another): no figure; so is a whole day written as a range of hours ("from 0:00 to 24:00", "0-24 hours",
  "0时至24时": ``WHOLE_DAY``).

Values are strings of plain digits with a point for a decimal ("812485", "1.3", "1300000"), the form the tags
compare; a clock time is "time:HH:MM"; a name's digits "name:<its digits>".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

SCALE: dict[str, int] = {
    "thousand": 10**3, "тыс": 10**3, "тысяч": 10**3, "тысячи": 10**3, "тысяча": 10**3, "mila": 10**3,
    "million": 10**6, "millions": 10**6, "mln": 10**6, "млн": 10**6, "миллион": 10**6, "миллиона": 10**6,
    "миллионов": 10**6, "mio": 10**6, "millionen": 10**6, "milioni": 10**6, "milione": 10**6, "millón": 10**6,
    "millones": 10**6, "milhões": 10**6, "milhão": 10**6, "mln.": 10**6,
    "billion": 10**9, "billions": 10**9, "bn": 10**9, "млрд": 10**9, "миллиард": 10**9, "миллиарда": 10**9,
    "миллиардов": 10**9, "mrd": 10**9, "milliarde": 10**9, "milliarden": 10**9, "milliard": 10**9,
    "milliards": 10**9, "miliardi": 10**9, "miliardo": 10**9, "tsd": 10**3, "tausend": 10**3,
    "trillion": 10**12, "trillions": 10**12, "trn": 10**12, "трлн": 10**12, "триллион": 10**12,
    "триллиона": 10**12, "триллионов": 10**12, "billionen": 10**12, "billón": 10**12, "billones": 10**12,
}
"""Words that multiply the number before them (lower-cased; a trailing full stop is read as part of the word:
"Mio.", "тыс.").  Not "m" or "k": "100m" is as often a distance as a sum (after a currency sign they are a
scale: ``GLUED_SCALE``).  Where the language is not known, as English news writes them: "billion" is 10**9,
"trillion" 10**12; "Billionen" and "billones" are long-scale in every language that writes them."""

LONG_SCALE: dict[str, dict[str, int]] = {
    "de": {"billion": 10**12, "bio": 10**12, "trillion": 10**18, "trillionen": 10**18, "mia": 10**9},
    "fr": {"billion": 10**12, "billions": 10**12, "trillion": 10**18, "trillions": 10**18},
    "it": {"bilione": 10**12, "bilioni": 10**12},
    "es": {"trillón": 10**18, "trillones": 10**18},
}
"""The long/short scale trap: German and French "Billion" is a million million, the English "trillion" (their
"Milliarde"/"milliard" is the English "billion", in ``SCALE``); read so only where the text's language is known
("1 Billion US-Dollar" renders "$1 trillion"; "1 Milliarde USD" does not).  German "Bio." and Swiss "Mia." are
their abbreviations ("Bio" or "mia" in another language is no scale word)."""

GLUED_SCALE = re.compile(r"(?P<w>bn|mn|m|k|tn)(?![^\W\d_])")
""""£10m", "$2.5bn", "€300k", "£1.2tn": a scale letter glued to a number after a currency sign (a sum, not the
"100m" of a race)."""
CURRENCY_BEFORE = re.compile(r"[$€£¥₽]$")
GLUED_FACTOR = {"bn": 10**9, "mn": 10**6, "m": 10**6, "k": 10**3, "tn": 10**12}


def scales(language: str | None) -> dict[str, int]:
    """The scale words of ``language`` (its long-scale readings over the common table; the common table alone
    where the language is not known)."""
    return {**SCALE, **LONG_SCALE.get((language or "").split("-")[0].lower(), {})}


_SCALE_WORDS = set(SCALE) | {w for table in LONG_SCALE.values() for w in table}
SCALE_WORDS = frozenset(_SCALE_WORDS)
"""Every word read as a scale after a number, in any language (the row tags tell an unread word from these)."""
_SCALE_RE = "|".join(re.escape(w) for w in sorted(_SCALE_WORDS, key=lambda s: (-len(s), s)))

LETTER_BEFORE = r"(?<![A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u052F\d_.,])"
"""Digits glued to a letter of an alphabetic script belong to a word ('km2'; a name such as 'MH17' is read whole:
``NAMED``); after a Chinese or Japanese character they are a figure ('共812人')."""

CLOCK = re.compile(
    LETTER_BEFORE.replace(".,", ".,:") + r"(?P<h>\d{1,2})(?:(?:[.:]|:\s)(?P<m>\d{2}))?\s*(?:(?P<ap>[ap])\.?\s?m\b\.?|(?:Uhr|h)\b"
    r"|h(?P<mh>\d{2})\b)"
    r"|" + LETTER_BEFORE.replace(".,", ".,:") + r"(?P<h24>\d{1,2}):\s?(?P<m24>\d{2})(?![\d:])", re.IGNORECASE)
"""A clock time as each language writes it: '21.30 Uhr', '16:15h', '16h15', '18h', '9:30 p.m.', '6 p.m.',
'21:30' (and '5: 00 pm' or 'at 11: 00 on the 26th', as machine translation spaces it: read as 11 and 0, the
row beside '11:00' was tagged "number", W bench wmt-zh-en-247)."""

WORD_CLOCK = re.compile(
    r"(?<![^\W\d_])(?:at|around|about|в|во|к|около|um|gegen|à|vers|alle|verso|a\s+las|a\s+la|hacia\s+las)\s+"
    r"(?P<h>\d{1,2})\s*(?P<hw>hours?|час(?:а|ов)?|ч\.|heures?|Uhr|ore|horas?)"
    r"(?:,?\s+(?:and|и|et|und|e|y)\s+|\s*)(?:(?P<m>\d{1,2})\s*(?P<mw>minutes?|минут[аы]?|мин\.|Minuten|minuti|minutos)"
    r"|(?P<m2>\d{2})(?![\d.,]))?(?![^\W\d_])",
    re.IGNORECASE)
"""A clock time in words after a preposition of time: 'в 17 часов 47 минут', 'at 17 hours and 47 minutes' (a
literal rendering of it), 'à 17 heures 47', 'um 17 Uhr 47', 'в 17 часов'.  The preposition is what makes it a
time of day ('17 hours and 47 minutes' alone is a duration); English 'at 17 hours' with no minutes is none."""

NUMBER = re.compile(
    LETTER_BEFORE + r"(?P<num>\d{1,3}(?P<sep>[ \u00a0\u202f.,’'])\d{3}(?:(?P=sep)\d{3})*(?![\d])(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)"
    rf"(?:[\s-]?(?P<scale>{_SCALE_RE})(?:\.|(?!\w)))?",
    re.IGNORECASE)
"""A written number: digits with grouping separators (a space of any width, a point, a comma, an apostrophe
before each group of three, one separator throughout: "2,000 737NG" is two numbers, not 2,000,737, r41 w036), an
optional decimal part, and a scale word after it (after a space or a hyphen: "10-Millionen-Pfund-Fonds", "a
10-million-pound fund")."""

DAY_IN_HOURS = re.compile(r"[\s-]?(?:hours?|часа|часов|stunden|heures|ore|horas|godzin)\b", re.IGNORECASE)
"""After '24': a day written with a unit ('in 24 hours', 'a 24-hour period', 'за 24 часа')."""

WHOLE_DAY = re.compile(
    r"(?<![\d:.,])(?:0?0[:.]00\s*(?:to|until|till|bis|до|à|a|al|-|–)\s*24[:.]00"
    r"|0\s*[-–]\s*24\s*(?:hours?|h\b|Uhr|час(?:а|ов)?|heures?|ore|horas|[时点])|0[时点]\s*(?:至|到|-)\s*24[时点])(?![\d])",
    re.IGNORECASE)
"""A whole day as a range of hours: 'from 0:00 to 24:00 on July 25', 'on July 25, 0-24 hours' (two renderings of
Chinese '7月25日0-24时'): the day, as '24 hours' is, not the figures 0 and 24."""

CJK = re.compile(r"[\u3400-\u9fff]")
NAMED = re.compile(r"(?<![\w-])[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u052F]+-?\d+(?!\d)[^\W_]*")
"""A name with digits in it: 'COVID-19', 'MH17', 'G7', 'Су-35', 'A320neo' (its letters carry a capital; letters of
an alphabetic script: Chinese '卡-52M' is read by the Chinese reader, its digits a number)."""
CN_CLOCK = re.compile(r"(?P<pm>下午|晚上|傍晚)?(?P<h>\d{1,2})[时點点](?:(?P<m>\d{1,2})分|(?P<half>半))?")
"""A clock time in Chinese: '16时', '下午5时', '9点半', '11时30分'."""


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure mention: where it is, as written, its value, and whether it is a clock time."""

    start: int
    end: int
    text: str
    value: str
    kind: str  # "number" | "time" | "name"
    scaled: bool = False  # read with a scale word ("1.3 million")
    alias: str = ""  # a whole hour as written ('6' of '6 Uhr'), which a rendering may give as a plain number


@lru_cache(maxsize=64)
def decimal_symbol(language: str | None) -> str | None:
    """The language's decimal mark in CLDR (babel): ',' for ru, de, fr, it; '.' for en, zh; None when unknown."""
    if not language:
        return None
    try:
        from babel.numbers import get_decimal_symbol

        return get_decimal_symbol(language.replace("-", "_"))
    except Exception:  # an unknown or malformed language code: read without one
        return None


def _plain(value: Decimal) -> str:
    """'1300000', '1.3', '812485': no exponent, no trailing zeros."""
    text = format(value.normalize(), "f")
    return text


def value_of(written: str, language: str | None = None, scale: int = 1) -> str | None:
    """The value of a number as written ('812 485', '1,3', '1.500'), times ``scale``, as plain digits."""
    s = written.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    groups = re.split(r"[ .,']", s)
    seps = re.findall(r"[ .,']", s)
    if not seps:
        whole, frac = s, ""
    else:
        last = seps[-1]
        grouping = len(groups[-1]) == 3 and 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
        if grouping and (last == " " or last == "'" or len(set(seps)) > 1 or len(seps) > 1
                         or decimal_symbol(language) != last):
            whole, frac = "".join(groups), ""
        elif last in " '":
            return None
        else:
            whole, frac = "".join(groups[:-1]), groups[-1]
    try:
        value = Decimal(whole + ("." + frac if frac else "")) * scale
    except InvalidOperation:
        return None
    return _plain(value)


def read_figures(text: str, language: str | None = None, scale_language: str | None = None) -> list[Figure]:
    """The figure mentions of ``text`` in order: clock times first, then numbers outside them (see the module).

    ``scale_language`` (default: ``language``) reads the scale words alone by a language: the tags compare
    figures without one for the decimal mark (a German rendering writing an English '3,000' is still three
    thousand there) yet need it for "Billion", which no notation of the text settles."""
    out: list[Figure] = []
    taken: list[tuple[int, int]] = [(m.start(), m.end()) for m in WHOLE_DAY.finditer(text)]
    table = scales(scale_language or language)
    for m in NAMED.finditer(text):
        if any(c.isupper() for c in m.group() if not c.isdigit()) and not CJK.search(m.group()):
            # the designation's digits: 'Ka-52M', 'card-52M' and 'Wuzhika-52M' render one '卡-52M' (see the module)
            out.append(Figure(m.start(), m.end(), m.group(), "name:" + "-".join(re.findall(r"\d+", m.group())),
                              "name"))
            taken.append((m.start(), m.end()))
    for m in WORD_CLOCK.finditer(text):
        hour, minute = int(m.group("h")), int(m.group("m") or m.group("m2") or 0)
        english = m.group("hw").lower().startswith("hour")
        if hour > 23 or minute > 59 or (english and not m.group("m")) or (m.group("m2") and english) \
                or any(m.start() < e and m.end() > s for s, e in taken):
            continue
        start = m.start("h")
        whole = not (m.group("m") or m.group("m2"))
        out.append(Figure(start, m.end(), text[start:m.end()].strip(), f"time:{hour:02d}:{minute:02d}", "time",
                          alias=m.group("h") if whole else ""))
        taken.append((start, m.end()))
    for m in CLOCK.finditer(text):
        hour = int(m.group("h") or m.group("h24"))
        minute = int(m.group("m") or m.group("mh") or m.group("m24") or 0)
        if m.group("ap"):
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if m.group("ap").lower() == "p" else 0)
        if hour > 24 or minute > 59 or any(m.start() < e and m.end() > s for s, e in taken):
            continue
        # a whole hour also reads as the number written ('kurz vor 6 Uhr' / 'shortly before 6'): ``alias``
        alias = m.group("h") if m.group("h") and not (m.group("m") or m.group("mh")) else ""
        out.append(Figure(m.start(), m.end(), m.group(0).strip(), f"time:{hour:02d}:{minute:02d}", "time",
                          alias=alias))
        taken.append((m.start(), m.end()))
    chinese = language == "zh" or (language is None and CJK.search(text))
    for m in CN_CLOCK.finditer(text) if chinese else ():
        hour, minute = int(m.group("h")), 30 if m.group("half") else int(m.group("m") or 0)
        hour += 12 if m.group("pm") and hour < 12 else 0
        if hour > 24 or minute > 59 or any(m.start() < e and m.end() > s for s, e in taken):
            continue
        # a whole hour meets the number it is written with, in the evening too: '晚上11点' is 23:00, and its
        # rendering 'at 11 o'clock in the evening' writes 11 (W bench, wmt-zh-en-64), as '6 p.m.' meets '6'
        out.append(Figure(m.start(), m.end(), m.group(), f"time:{hour:02d}:{minute:02d}", "time",
                          alias=m.group("h") if not (m.group("m") or m.group("half")) else ""))
        taken.append((m.start(), m.end()))
    if chinese:
        # Chinese writes figures inside words and with its own scale characters ('6.1万' is 61,000, '3.5亿'
        # 350 million) and numerals ('三千五百'): the annotator's Chinese reader, the same values
        from compare.annotate.chinese import find_chinese_numbers

        out += [Figure(n.start, n.end, n.text, n.value, "number", n.type == "quantity")
                for n in find_chinese_numbers(text, taken)]
        return sorted(out, key=lambda f: f.start)
    for m in NUMBER.finditer(text):
        start, end = m.start(), m.end()
        if any(start < e and end > s for s, e in taken):
            continue
        written = m.group("num")
        if written == "24" and not m.group("scale") and DAY_IN_HOURS.match(text, m.end("num")):
            continue
        word = (m.group("scale") or "").lower().rstrip(".")
        factor = table.get(word)
        if word and factor is None:  # another language's scale word ('Bio' in an English text): no scale
            word, end = "", m.end("num")
        elif not word and CURRENCY_BEFORE.search(text, 0, start):
            glued = GLUED_SCALE.match(text, end)
            if glued:
                word, factor, end = glued.group("w"), GLUED_FACTOR[glued.group("w").lower()], glued.end()
        value = value_of(written, language, factor or 1)
        if value is None:
            continue
        out.append(Figure(start, end, text[start:end].rstrip(), value, "number", bool(word)))
    return sorted(out, key=lambda f: f.start)


@lru_cache(maxsize=65536)
def hour_aliases(text: str) -> dict[str, str]:
    """The whole-hour clock times of a sentence, each to the number it is written with ('time:06:00' -> '6')."""
    return {f.value: f.alias for f in read_figures(text) if f.alias}


@lru_cache(maxsize=65536)
def figure_values(text: str, language: str | None = None, scale_language: str | None = None) -> frozenset[str]:
    """The values of a sentence's figures (``read_figures``), cached: a sentence is compared in many links."""
    return frozenset(f.value for f in read_figures(text, language, scale_language))
