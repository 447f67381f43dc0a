"""An event's title on its page, hand-out and the set index, built from what every one of its reports names.

A headline is one outlet's framing: the 2019 seeds' first headline is MID's "Foreign Minister Sergey Lavrov's
statement at a joint news conference …", for a meeting of four ministers, and a teacher read the event as Lavrov's
statement.  So the page's title is none of the headlines (the sources table lists each source's own): it lists the
countries and city that every report of the event names, the people most of them name, most named first, and
the event's date —
"Russia–Japan: Lavrov, Kono, Shoigu, Iwaya · Tokyo · 30 May 2019".  It is a list of what the reports share, not
a sentence about what happened, so it asserts nothing a report does not.  Where the reports share no name, the
grouping's own title is kept, with the page saying whose headline it is.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from compare.annotate.entities import slug
from compare.annotate.gazetteer import DEMONYMS, part_of

COUNTRIES = frozenset(DEMONYMS.values())
"""Places that are countries: those the gazetteer knows demonyms of ('Russian' -> Russia)."""
PEOPLE = 4
"""People in a title: the four ministers of a two-plus-two meeting; more would not fit a phone's first screen."""
TITLE_COUNTRIES = 2


def _date(date: str | None) -> str:
    """'2019-05-30' -> '30 May 2019'; a month or a year as it is."""
    try:
        day = datetime.date.fromisoformat(date or "")
    except ValueError:
        return date or ""
    return f"{day.day} {day.strftime('%B')} {day.year}"


def date_words(date: str | None, given: str = "", capital: bool = True) -> str:
    """An event's date as its heading, hand-out and index row say it: the stated date, else what the reports give
    and that no year is stated ("Undated: the texts give Saturday, 25 July; no year is stated"), never a year
    the tool inferred (truth28: "1964" for a 2020 funeral, from a weekday near the text's 1965)."""
    if date:
        return date
    said = f"undated: the texts give {given}; no year is stated" if given else "date unknown"
    return said[:1].upper() + said[1:] if capital else said


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


LEAD = 2
LEAD_SHARE = 0.25
"""A report's opening, where one mention of a person gives it weight: its headline and first sentences, up to
sentence ``LEAD`` or the first quarter of its sentences, whichever is further (the seeds' TASS names Kishida once,
in sentence 6 of 31; the planted p03 report names Diana once, in an aside two fifths of the way down)."""
LABEL_SEPARATORS = re.compile(r"\s[-–—|]\s")
LABEL_WORDS = 5


def label_start(text: str) -> int | None:
    """Where a headline's trailing site label starts ("… (VIDEO) - RT USA News"): the segment after the first
    line's last " - " or " | ", when it is a few capitalised words.  A name in it is the outlet's, not a place the
    report names (issue 23, planted p01: "United States" from "RT USA News")."""
    line_end = text.find("\n")
    line = text if line_end < 0 else text[:line_end]
    cuts = list(LABEL_SEPARATORS.finditer(line))
    if not cuts:
        return None
    tail = line[cuts[-1].end():]
    words = tail.split()
    if 0 < len(words) <= LABEL_WORDS and all(w[:1].isupper() or not w[:1].isalpha() for w in words):
        return cuts[-1].end()
    return None


def in_compound(text: str, start: int, end: int) -> bool:
    """A name written as the first part of a hyphenated compound ("US-Dollar", "US-built"): a modifier of
    another word, not the report naming the place."""
    return end < len(text) - 1 and text[end] == "-" and text[end + 1].isalpha()


POSSESSIVE_BEFORE_NAME = re.compile(r"['’]s\s+[A-Z][\w-]*")


def owner_of_name(text: str, end: int) -> bool:
    """A person named as the owner of another name ("ahead of Frank Lampard's Chelsea", "Jurgen Klopp's
    Liverpool"): a label for the team or office, not the report giving the person weight (rH1 p15: one such
    aside in the lead put Lampard in the title, beside Pogba, of a report about Pogba)."""
    return POSSESSIVE_BEFORE_NAME.match(text, end) is not None


REGION_WRITTEN = re.compile(r"(?:州|省|\s+(?:State|state|Province|province|County|county))$")
"""How a text writes a place's name as a state or province, not the city of that name: "华盛顿州" (Washington
State), "New York State"."""
QUALIFIER_GAP = re.compile(r",\s*")
AFTER_PLACE = re.compile(r"\b[A-Z][\w'’.-]+,\s*$")
"""A capitalised word and a comma just before a name ("Seattle, Washington"): the city it qualifies, where the
annotator does not know that city as a place."""


def as_city(text: str | None, mention: Any, places: Sequence[Any]) -> bool:
    """Whether a mention of a place the gazetteer knows as a city means the city in this text.

    Why: the zh-en title "United States: Boeing · Washington" listed Washington as a city every report names
    (review rW2, F1), where each names it only as the state Seattle is in: "from Seattle, Washington, to Austin",
    "从华盛顿州西雅图" (Washington State).  A name written with a state's or province's word ("华盛顿州", "New York
    State"), or right after another place, or a capitalised word, and a comma ("Seattle, Washington") names the region, not the city; a
    text that never writes it otherwise does not name the city."""
    if REGION_WRITTEN.search(mention.text):
        return False
    if text is None:
        return True
    if AFTER_PLACE.search(text[max(0, mention.start - 40):mention.start]):
        return False
    for other in places:
        if other is not mention and other.end <= mention.start and QUALIFIER_GAP.fullmatch(
                text[other.end:mention.start]):
            return False
    return True


def shared_names(member_ids: Sequence[str], mentions: dict[str, Sequence[Any]], background: Sequence[Any] = (),
                 texts: dict[str, str] | None = None, sizes: dict[str, int] | None = None,
                 ) -> tuple[list[str], list[str], str | None]:
    """(countries, city) that every member names outside its background passages, and the people most of them
    name (more than half: 2 of 3, both of 2), most named first (ties by name), each as the set's canonical name.

    With the reports' ``texts``, a name in a headline's site label or in a hyphenated compound is not counted,
    and a person counts for a report only where the report gives it weight: two mentions or more, or one in
    its headline or lead (not Princess Diana in a one-line aside about earlier guests, planted p03 M1)."""
    spans = [(b.source_id, b.start, b.end) for b in background]
    named: dict[str, set[str]] = {}
    count: Counter[str] = Counter()
    kinds: dict[str, tuple[str, str]] = {}
    per_source: Counter[tuple[str, str]] = Counter()
    lead: set[tuple[str, str]] = set()
    as_the_city: dict[str, set[str]] = {}
    for sid in member_ids:
        text = (texts or {}).get(sid)
        label = label_start(text) if text else None
        places = [m for m in mentions.get(sid, ()) if m.type == "place"]
        for m in mentions.get(sid, ()):
            if not m.entity or m.type not in ("person", "place") or any(
                    s == sid and a <= m.start < b for s, a, b in spans):
                continue
            if text and ((label is not None and m.start >= label and "\n" not in text[label:m.start])
                         or in_compound(text, m.start, m.end)):
                continue
            named.setdefault(m.entity, set()).add(sid)
            if m.type == "place" and as_city(text, m, places):
                as_the_city.setdefault(m.entity, set()).add(sid)
            count[m.entity] += 1
            per_source[(sid, m.entity)] += 1
            if m.sentence <= max(LEAD, LEAD_SHARE * (sizes or {}).get(sid, 0)) and not (
                    text and m.type == "person" and owner_of_name(text, m.end)):
                lead.add((sid, m.entity))
            kinds.setdefault(m.entity, (m.type, m.value or m.text))
    if texts:
        weighty = {e: {sid for sid in who if per_source[(sid, e)] >= 2 or (sid, e) in lead}
                   for e, who in named.items()}
    else:
        weighty = named
    every = sorted((e for e, who in named.items() if len(who) == len(member_ids)), key=lambda e: (-count[e], e))
    most = sorted((e for e, who in weighty.items() if 2 * len(who) > len(member_ids)),
                  key=lambda e: (-len(named[e]), -count[e], e))
    people = [e for e in most if kinds[e][0] == "person"]
    countries = [e for e in every if kinds[e][0] == "place" and e in COUNTRIES]
    cities = [e for e in every if kinds[e][0] == "place" and part_of(kinds[e][1]) is not None
              and len(as_the_city.get(e, ())) == len(member_ids)]
    return ([kinds[e][1] for e in countries[:TITLE_COUNTRIES]], [e for e in people[:PEOPLE]],
            kinds[cities[0]][1] if cities else None)


def title_basis(countries: Sequence[str], city: str | None, people: bool = True) -> str:
    """What a neutral title lists, said of the title it describes: "the countries and city every report names and
    the people most of them name twice, or once in their opening" only where it has countries and a city (planted p01 and
    p03: the page said so of titles that had no city, and the reports named San Diego and Hereford, which the
    gazetteer does not know).  ``people`` False where a name listed is one word, which may be a company's as well
    as a person's (rW2 F1: "Boeing", typed a person, said to be among "the people"): the line then says "the
    names", true of either."""
    who = "the people" if people else "the names"
    places = [("the countries" if len(countries) > 1 else "the country") if countries else "", "city" if city else ""]
    said = " and ".join(p for p in places if p)
    if said.startswith("city"):
        said = "the " + said
    if not said:
        return f"the title lists {who} most of the reports name twice, or once in their opening"
    return f"the title lists {said} every report names and {who} most of them name twice, or once in their opening"


def neutral_title(member_ids: Sequence[str], mentions: dict[str, Sequence[Any]], date: str | None,
                  names: dict[str, str], background: Sequence[Any] = (), texts: dict[str, str] | None = None,
                  sizes: dict[str, int] | None = None) -> tuple[str, str] | None:
    """('Russia–Japan: Lavrov, Kono, Shoigu, Iwaya · Tokyo · 30 May 2019', what it lists: ``title_basis``), or
    None when the reports share no person (nothing neutral to build a title from).  ``names`` maps a person's
    entity id to its display name."""
    countries, people, city = shared_names(member_ids, mentions, background, texts, sizes)
    if not people:
        return None
    head = "–".join(countries)
    who = ", ".join(_surname(names.get(p, p)) for p in people)
    parts = [f"{head}: {who}" if head else who, city or "", _date(date)]
    full = all(len(names.get(p, p).split()) >= 2 for p in people)
    return " · ".join(p for p in parts if p), title_basis(countries, city, full)


def entity_names(entities: Sequence[Any]) -> dict[str, str]:
    """Entity id -> the set's canonical name (the annotator's resolved entities)."""
    return {e.id: e.name for e in entities} | {slug(e.name): e.name for e in entities}


def page_title(item: Any, run: Any) -> tuple[str, bool]:
    """(the title an event's page, hand-out and the set index show, whether it is the neutral one built here)."""
    built = _built(item, run)
    return (built[0], True) if built else (item.event.title, False)


def page_title_basis(item: Any, run: Any) -> str | None:
    """What the neutral title lists (``title_basis``), for the line under it; None for a headline title."""
    built = _built(item, run)
    return built[1] if built else None


def _built(item: Any, run: Any) -> tuple[str, str] | None:
    annotations = getattr(run, "annotations", None)
    if annotations is None:
        return None
    sources = getattr(item, "sources", ()) or ()
    texts = {s.id: s.text for s in sources}
    sizes = {s.id: len(s.sentences) for s in sources}
    return neutral_title(item.event.sources, annotations.mentions, item.event.date,
                         entity_names(annotations.entities), item.event.background, texts or None, sizes)
