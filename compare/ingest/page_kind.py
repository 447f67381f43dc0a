"""Is the text a news report at all?  A page that reads as a wall, a notice or a forum post is said to be one.

Why: a user who points the tool at scraped pages gets, beside the articles,
pages that are not the article the file is named for: a site's notice that it
blocked the request (an IP block, a robot check), a cookie or consent wall, a
login or subscription wall, an ad-blocker wall, a "please enable JavaScript"
shell, an error page, a teaser that sends the reader to the article
elsewhere, a forum question saved under a news headline.  Grouped with real
reports (two copies of one IP-block notice read as one story; a login wall's
form reads close to another's) such a page makes a wrong event; kept as a
report it makes wrong "unique statements".  Of the 24 cross-validated errors
of the event grouping on the SemEval-2022 shared pairs, 7 turn on what a page
is (docs/methods.md, Events5).

The rule reads the text alone (from an HTML file, the text trafilatura
extracts), so it works the same for every input format:

* each line is cut into sentences, and a sentence is the site's furniture
  when it holds a phrase of ``compare/data/page_walls.csv`` (a wall's own
  words, in the languages the tool meets: "we use cookies", "adres IP",
  "melden Sie sich an", "Continue to this story on" ...);
* the page is not a news report when furniture makes up at least
  ``FURNITURE_SHARE`` of its characters (a sentence counted up to
  ``UNIT_CAP`` characters): the wall *is* the page.  A real
  article that ends with "Subscribe to our newsletter" or a cookie line keeps
  most of its text in reporting and is left alone;
* so is a page whose words outside furniture number at most
  ``REPORT_WORDS`` (a headline and "Subscribe today");
* a forum question under a headline (a greeting and a plea for help, "Hallo
  ... kann mir jemand helfen") is not a report whatever its share.

Nothing is fitted: the phrases are the walls' own formulas and the share a
majority; what the rule finds on the shared data (SemEval, WMT21, the two
extraction benchmarks, the seeds) is in docs/methods.md
(``python bench/page_kinds.py``).  Where no phrase is known (a site header, a
Bible passage under a headline) the page is left as a report: the rule says
nothing it cannot read.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from compare.model import Problem, Source, count_words

DATA = Path(__file__).resolve().parent.parent / "data" / "page_walls.csv"

FURNITURE_SHARE = 0.5
"""Share of a page's characters in furniture sentences from which the page is the wall, not a report."""

KIND_WORDS = {
    "blocked": "a notice that the site blocked the request (an IP block or a robot check)",
    "cookie-wall": "a cookie or consent notice",
    "login-wall": "a login, registration or subscription wall",
    "ad-block-wall": "a notice asking to switch an ad blocker off",
    "script-wall": "a notice asking to enable JavaScript",
    "error-page": "an error page (page not found)",
    "teaser": "a teaser that sends the reader to the article elsewhere",
    "furniture": "the site's furniture (comment form, contact or donation appeals)",
    "forum-post": "a forum question (a greeting and a plea for help), not a report under its headline",
}
"""What each kind of page is, in words a report can print."""

WHAT_TO_DO = {
    "blocked": "open the page in a browser, pass the site's check and save the article page again",
    "cookie-wall": "accept or refuse the cookies in a browser and save the article page after the wall",
    "login-wall": "log in or subscribe in a browser and save the article page after the wall, or give its text "
                  "as a .txt file",
    "ad-block-wall": "switch the ad blocker off for the site (or use the browser's reader view) and save the page "
                     "again",
    "script-wall": "save the page from a browser once it has run its scripts (the rendered page, not the source)",
    "error-page": "check the address: the article may have moved",
    "teaser": "save the article the page links to",
    "furniture": "save the article page itself",
    "forum-post": "check the saved page: the article's text is missing; save the article page again",
}

_GREETING = re.compile(
    r"(?:^|[.!?]\s+|\s{2,})(?:hallo|hello|hi|hey|servus|moin|cześć|witam|hola|bonjour|salut|merhaba|ciao|привет|"
    r"здравствуйте)\b[\s,!]", re.IGNORECASE)
_PLEA = re.compile(
    r"(?:kann|könnt|könnte) (?:mir )?(?:jemand|ihr) (?:mir )?helfen|can (?:any|some)(?:one|body) help|"
    r"any help (?:is|would be) (?:much )?appreciated|thanks in advance|(?:vielen )?dank im voraus|z góry dzięk|"
    r"czy ktoś (?:mi )?(?:może|pomoże)|gracias (?:de|por) antemano|merci (?:d'|par )avance|şimdiden teşekkür|"
    r"заранее спасибо", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])(?:\s+|(?=[A-ZÀ-ÞĄĆĘŁŃÓŚŹŻА-ЯЁ]))")


@dataclass(frozen=True, slots=True)
class PageVerdict:
    """Why a text is not a news report: its kind, the share of its characters in furniture, the phrases read."""

    kind: str
    share: float
    words: tuple[str, ...]

    def said(self) -> str:
        """The verdict in one clause: what the page reads as, and the words that show it."""
        return said(self.kind, self.words)


def said(kind: str, words: tuple[str, ...]) -> str:
    """What a page of ``kind`` reads as, with the phrases read there: "the text reads as a cookie or consent
    notice (‘We use cookies’)"."""
    quoted = ", ".join(f"‘{w}’" for w in words)
    return f"the text reads as {KIND_WORDS[kind]}" + (f" ({quoted})" if quoted else "")


def problem_for(source: Source) -> Problem | None:
    """The warning a run prints and its index page lists for a report that is not a news report: the file, what was
    read there, and what to do.  It is a warning, never a silent drop: the report stays in the run, as an event
    of its own."""
    if not source.page_kind:
        return None
    return Problem(
        source.path,
        f"{said(source.page_kind, source.page_words)}, not a news report: it is kept out of the events, as an "
        "event of its own, and compared with no other report",
        WHAT_TO_DO[source.page_kind], severity="warning")


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """The table's patterns for the lower-cased text, each with the plain run every match holds (``required``).

    Every report is read: the 168 expressions with ``re.IGNORECASE`` cost 4.4 CPU-ms a WMT21 document (more than
    the rest of its cleaning); matched case-sensitively on the lower-cased text, each tried only where its run is
    found by a substring test, 0.6 ms, with the same verdicts on every corpus of ``bench/page_kinds.py``."""
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple((row["kind"], re.compile(_lower(row["pattern"])), required(_lower(row["pattern"]))) for row in rows)


def required(pattern: str) -> str:
    """The longest run of plain characters every match of ``pattern`` holds ("" if none of 3 or more): a substring
    test (``in``) rules a page out before the expression runs.  Groups, classes, escapes and any character a
    ``?``, ``*`` or ``{`` makes optional end a run; ``+`` keeps its character and ends the run after it."""
    runs, run, depth, k = [], "", 0, 0
    while k < len(pattern):
        c = pattern[k]
        following = pattern[k + 1] if k + 1 < len(pattern) else ""
        if c == "\\":
            runs.append(run)
            run, k = "", k + 2
            continue
        if c in "([":
            depth += 1
        if depth or c in ")].|^$":
            runs.append(run)
            run = ""
            if c in ")]":
                depth -= 1
        elif following in ("?", "*", "{"):
            runs.append(run)
            run = ""
        elif c in "?*+{}":
            runs.append(run)
            run = ""
        else:
            run += c
            if following == "+":
                runs.append(run)
                run = ""
        k += 1
    runs.append(run)
    longest = max(runs, key=len)
    return longest if len(longest.strip()) >= 3 else ""


def _lower(pattern: str) -> str:
    """A pattern's letters in lower case, its escapes (``\\W``, ``\\b``) left as they are."""
    return re.sub(r"(?<!\\)\w", lambda m: m.group().lower(), pattern)


def _units(text: str) -> list[str]:
    return [u for line in text.split("\n") for u in _SENTENCE_END.split(line) if u.strip()]


REPORT_WORDS = 25
"""A page with a wall's phrase and at most this many words outside its furniture sentences is the wall too: a
headline and "Subscribe today" hold no report to compare, whatever the share."""

UNIT_CAP = 250
"""A sentence weighs its characters up to this many: a longer "sentence" is several run together (scraped text
that lost its line breaks), of which one phrase covers only a part, e.g. a newsletter box glued to the lead."""


def _size(unit: str) -> int:
    return min(len("".join(unit.split())), UNIT_CAP)


def read_page(text: str) -> PageVerdict | None:
    """The page's verdict when the text is not a news report, else None."""
    greeting, plea = _GREETING.search(text), _PLEA.search(text)
    if greeting and plea and greeting.start() < plea.start():
        return PageVerdict("forum-post", 0.0, (greeting.group().strip(" .!?,"), plea.group()))
    # the phrases the page holds anywhere: most pages hold none, and the sentences are read only for those it does
    page = text.lower()
    present = [(kind, pattern) for kind, pattern, literal in _patterns()
               if (not literal or literal in page) and pattern.search(page)]
    if not present:
        return None
    total = furniture = rest = 0
    by_kind: dict[str, int] = {}
    words: dict[str, list[str]] = {}
    for unit in _units(text):
        size = _size(unit)
        total += size
        lowered = unit.lower()
        # the phrase as the page writes it (the lower-cased text can differ in length: "İ" becomes two characters)
        hits = [(kind, unit[m.start():m.end()] if len(lowered) == len(unit) else m.group())
                for kind, pattern in present for m in [pattern.search(lowered)] if m]
        if not hits:
            rest += count_words(unit)
            continue
        furniture += size
        kind = hits[0][0]
        by_kind[kind] = by_kind.get(kind, 0) + size
        for k, word in hits:
            if word.strip() and word.strip() not in words.setdefault(k, []):
                words[k].append(word.strip())
    if not furniture or (furniture / total < FURNITURE_SHARE and rest > REPORT_WORDS):
        return None
    walls = {k: v for k, v in by_kind.items() if k != "furniture"} or by_kind
    kind = sorted(walls, key=lambda k: (-walls[k], k))[0]
    return PageVerdict(kind, round(furniture / total, 3), tuple(words.get(kind, [])[:3]))
