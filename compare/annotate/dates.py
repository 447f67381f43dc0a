"""Dates in news text: absolute ("30 May 2019"), partial ("Thursday, may 30",
"March 2017", "in 2017") and relative ("today", "last year", "on Monday").

Month and weekday names come from dateparser's locale tables (so every
language dateparser knows is covered, not a hand list); the matching is our
own regex because dateparser's free-text search both misses partial dates and
invents dates from ordinary words.  Relative expressions resolve against a
*base date*: the report's publication date, never today's date.  When a
report has no publication date the base is inferred from the text itself
(``infer_base``): a weekday with a day and month ("Thursday, may 30") fixes
the year in which that weekday falls, within a year of the text's anchor year
(its latest year, or one past the year nearest a "last year"; never a year it
looks forward to, "by 2025") and not before the latest year it writes; so
does a weekday written apart from the day and month in the lead ("TOKYO,
March 20. On Monday, ...").  Such an inferred year is evidence (grouping,
relative dates), never an event's printed date (``compare.events``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
LANGUAGES = ("en", "ru", "it", "de", "fr")

# Relative expressions: phrase -> (unit, offset).  Small per-language tables
# (dateparser parses these only as whole strings, not inside running text).
RELATIVE: dict[str, dict[str, tuple[str, int]]] = {
    "en": {"today": ("day", 0), "yesterday": ("day", -1), "tomorrow": ("day", 1), "this year": ("year", 0),
           "last year": ("year", -1), "next year": ("year", 1), "this month": ("month", 0),
           "last month": ("month", -1), "next month": ("month", 1), "a year ago": ("year", -1)},
    "ru": {"сегодня": ("day", 0), "вчера": ("day", -1), "завтра": ("day", 1), "в этом году": ("year", 0),
           "в прошлом году": ("year", -1), "прошлого года": ("year", -1), "в следующем году": ("year", 1),
           "этого года": ("year", 0), "в прошлом месяце": ("month", -1)},
    "it": {"oggi": ("day", 0), "ieri": ("day", -1), "domani": ("day", 1), "quest'anno": ("year", 0),
           "l'anno scorso": ("year", -1), "lo scorso anno": ("year", -1), "dell'anno scorso": ("year", -1),
           "l'anno prossimo": ("year", 1), "di quest'anno": ("year", 0)},
    "de": {"heute": ("day", 0), "gestern": ("day", -1), "morgen": ("day", 1), "dieses jahr": ("year", 0),
           "dieses jahres": ("year", 0), "letztes jahr": ("year", -1), "letzten jahres": ("year", -1),
           "vergangenen jahres": ("year", -1), "im vergangenen jahr": ("year", -1), "nächstes jahr": ("year", 1)},
    "fr": {"aujourd'hui": ("day", 0), "hier": ("day", -1), "demain": ("day", 1), "cette année": ("year", 0),
           "l'année dernière": ("year", -1), "l'an dernier": ("year", -1), "l'année prochaine": ("year", 1)},
}


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression found in text, before or after resolution.

    ``value`` is ISO at the precision the text gives: ``2019-05-30``,
    ``2019-05`` or ``2019``; None when it cannot be resolved (no base date).
    """

    start: int
    end: int
    text: str
    value: str | None
    precision: str  # day | month | year
    relative: bool = False
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    offset: tuple[str, int] | None = None  # relative unit and offset
    ahead: bool = False
    """The year is one the text looks forward to ("by 2025", "until 2030", "in 2025 will"): no anchor of the
    report's own time (``infer_base``)."""


@lru_cache(maxsize=16)
def _names(language: str) -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names of a language (lower case) -> number, from dateparser's locale data."""
    from dateparser.languages.loader import default_loader

    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    langs = [language] if language in LANGUAGES else []
    for lang in (*langs, "en"):
        try:
            info = default_loader.get_locale(lang).info
        except Exception:  # noqa: BLE001 - a language dateparser lacks falls back to English names
            continue
        for i, key in enumerate(MONTH_KEYS, 1):
            for name in info.get(key, []):
                name = name.lower().rstrip(".")
                if (len(name) > 3 or name in ("may", "mai", "май", "мая")) and not name.isdigit():
                    months.setdefault(name, i)
                    if lang == "ru" and name[-1] in "аяь":  # prepositional case: в марте, в мае
                        months.setdefault(name[:-1] + "е", i)
        for i, key in enumerate(WEEKDAY_KEYS):
            for name in info.get(key, []):
                name = name.lower().rstrip(".")
                if len(name) >= 4:
                    weekdays.setdefault(name, i)
    # 3-letter abbreviations collide with words ("mar", "mag", "apr"): left out.
    return months, weekdays


def is_month(word: str, language: str) -> bool:
    """Whether a word is a month's name in ``language`` or English ("Juli", "juillet", "July")."""
    return word.lower().rstrip(".") in _names(language)[0]


def _alt(names) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=lambda s: (-len(s), s)))


@lru_cache(maxsize=16)
def _patterns(language: str) -> tuple[re.Pattern[str], ...]:
    months, weekdays = _names(language)
    m = f"(?P<month>{_alt(months)})\\.?"
    w = f"(?:(?P<weekday>{_alt(weekdays)}),?\\s+)?"
    y = r"(?:,?\s+(?P<year>1[89]\d\d|20\d\d)(?:\s*(?:г\.|года|год))?)?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.|-?го|-?е)?"
    day_after = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    # "during the December summit", "at the May meeting": a month named as an occasion's time
    cue = (r"(?:in|im|in\s+the|since|until|by|during(?:\s+the)?|at\s+the|after\s+the|before\s+the|"
           r"в|во|с|nel|nei|a|ad|en|dans|depuis|seit|bis|ab)")
    flags = re.IGNORECASE | re.UNICODE
    return (
        re.compile(rf"(?<![\w-]){w}{day}\s+(?:de\s+|of\s+)?{m}{y}(?![\w])", flags),
        re.compile(rf"(?<![\w-]){w}{m}\s+{day_after}{y}(?![\w\d])", flags),
        re.compile(rf"(?<![\w-]){m}\s+(?P<year>1[89]\d\d|20\d\d)(?!\d)", flags),
        re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
        re.compile(rf"(?<![\w-]){cue}\s+{m}(?![\w])", flags),
        re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)[./](?P<month>[01]?\d)[./](?P<year>(?:19|20)\d\d)(?!\d)"),
        re.compile(rf"(?<![\w-])(?:on\s+|am\s+|в\s+|во\s+|le\s+)?(?P<weekday>{_alt(weekdays)})(?![\w])", flags),
    )


_YEAR = re.compile(r"(?<![\w.,/-])(?P<year>1[89]\d\d|20\d\d)(?![\w.,/-]\d|\d|\s*%|\s*(?:km|kg|m\b|\$|€))")


_AGE_AFTER = re.compile(r",?\s*(?:\d+|[a-z]+)\s*-?\s*years?\s*-?\s*old\b", re.IGNORECASE)
"""An age after "this year" ("This year, 34-year-old Zhang Xiong"): the year of no occasion, so no date (with one,
the year mentioned nearest became the report's year: 2010 for a story of 2019)."""


def _relative_pattern(language: str) -> re.Pattern[str]:
    table = {**RELATIVE.get(language, {}), **(RELATIVE["en"] if language != "en" else {})}
    return re.compile(rf"(?<![\w])(?:{_alt(table)})(?![\w])", re.IGNORECASE)


def _month_number(token: str, language: str) -> int | None:
    if token.isdigit():
        n = int(token)
        return n if 1 <= n <= 12 else None
    return _names(language)[0].get(token.lower().rstrip("."))


def find_dates(text: str, language: str) -> list[DateMatch]:
    """Every date expression in ``text`` (unresolved parts only), longest match first, no overlaps."""
    if language == "zh":  # no spaces, no month names: a reader of its own (compare.annotate.chinese)
        from compare.annotate.chinese import find_chinese_dates

        return find_chinese_dates(text)
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    months, weekdays = _names(language)
    for pattern in _patterns(language):
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            groups = m.groupdict()
            month = _month_number(groups["month"], language) if groups.get("month") else None
            day = int(groups["day"]) if groups.get("day") else None
            year = int(groups["year"]) if groups.get("year") else None
            weekday = weekdays.get(groups["weekday"].lower()) if groups.get("weekday") else None
            if groups.get("month") and month is None:
                continue
            if day is not None and not 1 <= day <= 31:
                continue
            token = groups.get("month") or ""
            if token and token.islower() and token in ("may", "mai", "march", "mars") and day is None:
                continue  # "may" the verb, "mars" the planet: only with a day number
            if weekday is not None and month is None and not text[m.start():m.end()].strip()[:1].isupper() \
                    and language == "en":
                continue  # lower-case weekday alone is rare in news; too risky
            precision = "day" if day else ("month" if month else ("year" if year else "day"))
            found.append(DateMatch(m.start(), m.end(), text[m.start():m.end()], None, precision,
                                   relative=year is None, day=day, month=month, year=year, weekday=weekday))
            taken.append((m.start(), m.end()))
    table = {**RELATIVE.get(language, {}), **RELATIVE["en"]}
    for m in _relative_pattern(language).finditer(text):
        phrase = m.group(0).lower()
        offset = table.get(phrase) or table.get(phrase.replace("’", "'"))
        if offset is None or (offset == ("year", 0) and _AGE_AFTER.match(text, m.end())):
            continue
        # "31 July last year": the relative year qualifies the day-month just before it.
        prev = next((d for d in found if 0 <= m.start() - d.end <= 2 and d.year is None and d.month), None)
        if prev is not None and offset[0] == "year":
            found.remove(prev)
            taken.remove((prev.start, prev.end))
            found.append(DateMatch(prev.start, m.end(), text[prev.start:m.end()], None, prev.precision, True,
                                   prev.day, prev.month, None, prev.weekday, offset))
            taken.append((prev.start, m.end()))
            continue
        if not free(m.start(), m.end()):
            continue
        found.append(DateMatch(m.start(), m.end(), m.group(0), None, offset[0], True, offset=offset))
        taken.append((m.start(), m.end()))
    for m in _YEAR.finditer(text):
        if free(m.start(), m.end()):
            found.append(DateMatch(m.start(), m.end(), m.group(0), str(int(m.group("year"))), "year",
                                   year=int(m.group("year"))))
            taken.append((m.start(), m.end()))
    found = [replace(d, ahead=True) if d.year and d.day is None and _looks_ahead(text, d.start, d.end) else d
             for d in found]
    return sorted(found, key=lambda d: (d.start, d.end))


_AHEAD_BEFORE = re.compile(
    r"(?<![\w])(?:by|until|till|through|ahead\s+of|bis|jusqu['’]?(?:en|à|au)|d['’]ici|до|к|entro|fino\s+al|hasta)"
    r"(?:\s+(?:the\s+)?(?:end|ende|fin|конца|конец|year|jahr|l'an|année|года|году)(?:\s+(?:of|de|des|du))?)?"
    r"(?:\s+(?:the|dem|des|l'|el|il))?\s*$", re.IGNORECASE)
"""Words before a year that make it a target the text looks forward to: "by 2025", "until the end of 2030",
"bis 2030", "d'ici 2025", "до 2025 года", "entro il 2030"."""
_FUTURE = re.compile(
    r"(?:will|shall|wird|werden|sera|seront|sarà|saranno|será|serán|будет|будут|bude|budou|zal|zullen|\w+['’]ll)",
    re.IGNORECASE)
"""Future auxiliaries: a year in the same clause ("in 2025 Gazprom will switch", "wird 2021 stabil bleiben")
is one the text looks forward to."""
_CLAUSE_END = re.compile(r"[.;:!?,\n]")
AHEAD_WINDOW = 30
"""How many characters before a year its target words are looked for."""


def _looks_ahead(text: str, start: int, end: int) -> bool:
    """Whether the year at ``text[start:end]`` is one the text looks forward to: after target words ("by",
    "until", "bis", "d'ici", "до"), or beside a future auxiliary in its clause: within two words before it
    ("wird 2021 stabil bleiben") or five after it ("in 2025 Gazprom will switch").  A "will" further off is
    about something else ("The ministers will discuss what was agreed in December 2016": seed 002).

    Such a year tells nothing of when the report was written: "the contract runs until 2025" anchored a 2020
    report's "Sunday, July 26" in 2026 (WMT21 ru-en 1764)."""
    if _AHEAD_BEFORE.search(text[max(0, start - AHEAD_WINDOW):start]):
        return True
    before = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    words_before = text[before[-1] if before else 0:start].split()[-2:]
    after = _CLAUSE_END.search(text, end)
    words_after = text[end:after.start() if after else len(text)].split()[:5]
    return any(_FUTURE.fullmatch(w) for w in (*words_before, *words_after))


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday_year(day: int, month: int, weekday: int, anchor: int, span: int = 1,
                  floor: int | None = None) -> int | None:
    """The year nearest ``anchor`` (ties: the later), within ``span`` of it and not before ``floor``, in which
    ``day month`` falls on ``weekday``; None where no such year is.

    A day and month fall on one weekday about once in six years, so a year further than one from the anchor is
    no finding but a guess: searched six years wide, a 2020 report on John Lewis's funeral ("Saturday, July 25th",
    its latest year 1965, Bloody Sunday) was dated 1964.  ``floor``: the latest year the text writes of the past
    or present; a report is not written before it, so an earlier year is none.
    """
    best: tuple[int, int] | None = None
    for year in range(anchor - span, anchor + span + 1):
        if floor is not None and year < floor:
            continue
        d = _safe_date(year, month, day)
        if d is not None and d.weekday() == weekday:
            key = (abs(year - anchor), -year)
            if best is None or key < best:
                best = key
    return -best[1] if best else None


def resolve(match: DateMatch, base: dt.date | None, base_year: int | None = None) -> DateMatch:
    """Fill ``value`` from the match's parts and the base date (publication or inferred)."""
    year = match.year
    if match.offset is not None:
        unit, off = match.offset
        if base is None and (base_year is None or unit != "year"):
            return match
        if unit == "week":  # "上周三": that weekday of the week before the base date's (weeks start on Monday)
            if base is None or match.weekday is None:
                return match
            monday = base - dt.timedelta(days=base.weekday()) + dt.timedelta(weeks=off)
            return _with(match, (monday + dt.timedelta(days=match.weekday)).isoformat())
        if unit == "year":
            year = (base.year if base else base_year) + off
            if match.month is None:
                return _with(match, f"{year:04d}")
        elif unit == "month":
            y, mo = _shift_month(base.year, base.month, off)
            return _with(match, f"{y:04d}-{mo:02d}")
        else:
            return _with(match, (base + dt.timedelta(days=off)).isoformat())
    if match.month is None and match.weekday is not None and match.day is None:
        if base is None:
            return match
        delta = (base.weekday() - match.weekday) % 7  # the most recent such weekday, or the base day itself
        if delta > 3:  # "on Monday" in a preview usually points ahead
            delta -= 7
        return _with(match, (base - dt.timedelta(days=delta)).isoformat())
    if year is None:
        if base is not None:
            year = base.year
            if match.day is None and match.month and match.month > base.month + 1:
                year -= 1  # "in November", said in March: the last one
        elif base_year is not None:
            year = base_year
        else:
            return match
        if match.weekday is not None and match.day and match.month:
            if base is None:  # the year is the text's own latest: the weekday must fit it or the year after
                fitted = _weekday_year(match.day, match.month, match.weekday, year, floor=year)
                if fitted is None:
                    return match  # "Saturday, July 25th" is no Saturday near the text's years: no year said
                year = fitted
            else:
                year = _weekday_year(match.day, match.month, match.weekday, year) or year
    if match.month is None:
        return _with(match, f"{year:04d}")
    if match.day is None:
        return _with(match, f"{year:04d}-{match.month:02d}")
    d = _safe_date(year, match.month, match.day)
    return _with(match, d.isoformat()) if d else match


def _with(match: DateMatch, value: str) -> DateMatch:
    return DateMatch(match.start, match.end, match.text, value, match.precision, match.relative, match.day,
                     match.month, match.year, match.weekday, match.offset, match.ahead)


def infer_base(matches: list[DateMatch], sentences: list[tuple[int, int]] | None = None,
               lead_end: int | None = None) -> tuple[dt.date | None, int | None, str]:
    """A base date for a report without a publication date, and how it was found.

    Returns (date or None, year or None, explanation).  The anchor year is one past the explicit year nearest a
    "last year", else the latest year the text writes, leaving out years it looks forward to ("by 2025": a
    target is no sign of when the report was written).  A weekday with day and month fixes the year by the
    calendar, within a year of the anchor and not before the latest year written (``_weekday_year``).  Failing
    that, the first full date with a year in the lead (up to ``lead_end``, else ``LEAD_CHARS``): one deep in the
    body is a date of history or of a page's furniture ("Abgerufen am 21. Juli 2013" in a 2020 budget report).
    The result is evidence for grouping and for relative dates; the event's printed date is only a stated one
    (``compare.events``).
    """
    written = [(m.start, m.year) for m in matches if m.year and m.offset is None and not m.ahead]
    floor = max((y for _, y in written), default=None)
    anchor = None
    for m in matches:
        if m.offset and m.offset[0] == "year" and written:
            _, nearest = min(written, key=lambda p: (abs(p[0] - m.start), -p[1]))
            anchor = nearest - m.offset[1]
            break
    if anchor is None:
        anchor = floor
    for m in matches:
        if m.weekday is not None and m.day and m.month and m.year is None and m.offset is None and anchor:
            year = _weekday_year(m.day, m.month, m.weekday, anchor, floor=floor)
            if year is not None:
                d = dt.date(year, m.month, m.day)
                return d, year, (f"year inferred: '{m.text}' falls on that weekday in {year} (near {anchor}, "
                                 "from the years the text mentions)")
    found = _lone_weekday_base(matches, anchor, sentences, floor)
    if found is not None:
        return found
    limit = LEAD_CHARS if lead_end is None else lead_end
    for m in matches:
        if m.year and m.month and m.day and m.offset is None and m.start < limit:
            d = _safe_date(m.year, m.month, m.day)
            if d:
                return d, m.year, f"first full date in the lead, '{m.text}'"
    if anchor is not None:
        return None, anchor, f"year {anchor} from the years the text mentions"
    return None, None, "no date in the text"


LEAD_CHARS = 1000
"""How far into a report its lead reaches for ``_lone_weekday_base``: a dateline and its first paragraph."""


def _lone_weekday_base(matches: list[DateMatch], anchor: int | None,
                       sentences: list[tuple[int, int]] | None = None, floor: int | None = None):
    """A base date from a day and month of unknown year and a weekday written apart from it in the lead.

    "TOKYO, March 20. /TASS/. On Monday, ... will participate" (seed 002, no publication date): the dateline's
    day is the Monday the lead speaks of, so the year is the one in which 20 March is a Monday, looked for
    within a year of the years the text mentions (2016 there: "December 2016"; 20 March 2017 was a Monday).
    Only that close: a day and month fall on a given weekday about once in six years, and the lead's weekday
    may be another day of the week than the dateline's, so a match further off says nothing.  The weekday must
    stand in the dateline's sentence or the next (``sentences``: their spans): a weekday further down the lead
    ("…expect the line to reopen by Friday," in a quotation two paragraphs on) is another day, and read as the
    dateline's it moved a wire report's year and made its translation's body background.
    """
    if anchor is None:
        return None
    lead = [m for m in matches if m.start < LEAD_CHARS and m.offset is None]
    day_month = next((m for m in lead if m.day and m.month and m.year is None and m.weekday is None), None)
    weekday = next((m for m in lead if m.weekday is not None and m.day is None and m.month is None), None)
    if day_month is None or weekday is None:
        return None
    if sentences is not None:
        at = [i for i, (a, b) in enumerate(sentences) if a <= day_month.start < b]
        near = [i for i, (a, b) in enumerate(sentences) if a <= weekday.start < b]
        if not at or not near or not 0 <= near[0] - at[0] <= 1:
            return None
    year = _weekday_year(day_month.day, day_month.month, weekday.weekday, anchor, floor=floor)
    if year is None:
        return None
    return (dt.date(year, day_month.month, day_month.day), year,
            f"year inferred: '{day_month.text}' falls on a {WEEKDAY_KEYS[weekday.weekday].capitalize()} "
            f"('{weekday.text}') in {year} (near {anchor}, from the years the text mentions)")


def parse_published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None

