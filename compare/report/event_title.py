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


def _surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def shared_names(member_ids: Sequence[str], mentions: dict[str, Sequence[Any]], background: Sequence[Any] = ()
                 ) -> tuple[list[str], list[str], str | None]:
    """(countries, city) that every member names outside its background passages, and the people most of them
    name (more than half: 2 of 3, both of 2), most named first (ties by name), each as the set's canonical name."""
    spans = [(b.source_id, b.start, b.end) for b in background]
    named: dict[str, set[str]] = {}
    count: Counter[str] = Counter()
    kinds: dict[str, tuple[str, str]] = {}
    for sid in member_ids:
        for m in mentions.get(sid, ()):
            if not m.entity or m.type not in ("person", "place") or any(
                    s == sid and a <= m.start < b for s, a, b in spans):
                continue
            named.setdefault(m.entity, set()).add(sid)
            count[m.entity] += 1
            kinds.setdefault(m.entity, (m.type, m.value or m.text))
    every = sorted((e for e, who in named.items() if len(who) == len(member_ids)), key=lambda e: (-count[e], e))
    most = sorted((e for e, who in named.items() if 2 * len(who) > len(member_ids)),
                  key=lambda e: (-len(named[e]), -count[e], e))
    people = [e for e in most if kinds[e][0] == "person"]
    countries = [e for e in every if kinds[e][0] == "place" and e in COUNTRIES]
    cities = [e for e in every if kinds[e][0] == "place" and part_of(kinds[e][1]) is not None]
    return ([kinds[e][1] for e in countries[:TITLE_COUNTRIES]], [e for e in people[:PEOPLE]],
            kinds[cities[0]][1] if cities else None)


def neutral_title(member_ids: Sequence[str], mentions: dict[str, Sequence[Any]], date: str | None,
                  names: dict[str, str], background: Sequence[Any] = ()) -> str | None:
    """'Russia–Japan: Lavrov, Kono, Shoigu, Iwaya · Tokyo · 30 May 2019', or None when the reports share no
    person (nothing neutral to build a title from).  ``names`` maps a person's entity id to its display name."""
    countries, people, city = shared_names(member_ids, mentions, background)
    if not people:
        return None
    head = "–".join(countries)
    who = ", ".join(_surname(names.get(p, p)) for p in people)
    parts = [f"{head}: {who}" if head else who, city or "", _date(date)]
    return " · ".join(p for p in parts if p)


def entity_names(entities: Sequence[Any]) -> dict[str, str]:
    """Entity id -> the set's canonical name (the annotator's resolved entities)."""
    return {e.id: e.name for e in entities} | {slug(e.name): e.name for e in entities}


def page_title(item: Any, run: Any) -> tuple[str, bool]:
    """(the title an event's page, hand-out and the set index show, whether it is the neutral one built here)."""
    annotations = getattr(run, "annotations", None)
    if annotations is None:
        return item.event.title, False
    built = neutral_title(item.event.sources, annotations.mentions, item.event.date,
                          entity_names(annotations.entities), item.event.background)
    return (built, True) if built else (item.event.title, False)
