"""Whose words a report's quotations render: the language each quoted speaker spoke, as the report introduces them.

An English report that reads as written in English can still quote a Russian minister: those quotations are
English renderings of words said in Russian, by the report or by a translator before it.  Saying only "written in
its own language" would tell a class that nothing in it is translated.  This module finds, for each direct
quotation, the country its speaker is introduced with in the same report ("Russian President Vladimir Putin",
"the Russian foreign ministry", "Moscow") and, where that country has one language its officials speak, that
language.  A speaker the report introduces with no country (or with two) is left out: nothing is guessed from the
name alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from unidecode import unidecode

from compare.annotate.entities import slug
from compare.annotate.gazetteer import DEMONYMS, ENTRIES, is_title
from compare.model import Mention, Source
from compare.provenance.records import LANGUAGE_NAMES, Evidence, Span

if TYPE_CHECKING:  # for hints only: the annotator loads models on import
    from compare.annotate import Annotations

COUNTRY_LANGUAGES = {"russia": "ru", "japan": "ja", "china": "zh", "korea": "ko", "germany": "de", "france": "fr",
                     "italy": "it", "spain": "es", "united-states": "en", "united-kingdom": "en"}
"""Countries whose officials speak one language in public.  Countries where they speak several (Ukraine, whose
officials speak Ukrainian or Russian; Belgium, Switzerland) are left out: the country would not tell the language."""

ROLE_WORDS = 5
"""Words before a mention read for the country it is introduced with ("Russian Deputy Foreign Minister Igor
Morgulov": four words)."""
SHOWN = 6
"""Introductions quoted in one note: every speaker of a short report, a sample of a long one."""
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_JOINERS = frozenset({"and", ","})
_OF = frozenset({"of", "s", "the"})


@dataclass(frozen=True, slots=True)
class QuotedSpeaker:
    """A speaker a report quotes directly, the language they spoke, and where the report says who they are."""

    speaker: str
    language: str
    role: Span


def _country_of_words(words: Sequence[str]) -> tuple[str, int] | None:
    """The country the nearest demonym among ``words`` points at, and that word's index ("Russian top diplomat"
    -> russia, 0); 'us' counts only as 'US'."""
    for index in range(len(words) - 1, -1, -1):
        for part in reversed(words[index].split("-")):  # 'Russian-Japanese': the nearest half is the speaker's
            key = unidecode(part).lower()
            country = DEMONYMS.get(part.lower()) or DEMONYMS.get(key)
            if country and (key != "us" or part == "US"):
                return country, index
    return None


_INTRODUCING = frozenset({"ministry", "ministries", "government"})


def _introduces(between: str, language: str) -> bool:
    """Whether the text between a demonym and a name is only its role ("Russian [Deputy Foreign Minister] Igor
    Morgulov", "the Japanese [Foreign Ministry] Taro Kono", "Japanese [colleagues,] Taro Kono"): title words, with
    no sentence or clause break but an apposition's comma."""
    if re.search(r"[.;:!?()\"“”«»]", between) or between.count(",") > 1:
        return False
    return all(w.group().lower() in _OF | _INTRODUCING or is_title(w.group(), language)
               for w in _WORD.finditer(between))


_REPRESENTED = re.compile(r"(?:'s|’s|\s+(?:is|are|was|were|will be) represented by)\s+(.*)", re.S)
"""What joins a country to the person who speaks for it: "Russia's Foreign Minister", "Russia is represented by
Foreign Minister"; the rest must be title words only."""
_REPRESENTED_TOO = re.compile(r",?\s+and by (?:that|those) of\s+(.*)", re.S)
"""The second person of a 'represented by' list ("… Lavrov and by that of the Defense Sergei Shoigu")."""


def _titles_only(text: str, language: str) -> bool:
    """Whether ``text`` is a role and nothing else: title words and 'of'/'the', no sentence or clause break."""
    if re.search(r"[.;:!?()\"“”«»,]", text):
        return False
    return all(w.group().lower() in _OF or is_title(w.group(), language) for w in _WORD.finditer(text))


def _country_introduces(before: Mention, gap: str, language: str) -> bool:
    """Whether a country mention introduces the person named right after it: "<Country>'s <role> <Name>" or
    "<Country> is represented by <role> <Name>" (the role may be empty: "represented by Sergei Lavrov")."""
    if before.type != "place" or slug(before.value or before.text) not in COUNTRY_LANGUAGES:
        return False
    found = _REPRESENTED.fullmatch(gap)
    return bool(found) and _titles_only(found.group(1), language)


def _entry_country(entity: str) -> str | None:
    """A gazetteer speaker's country: a country itself, a city's country, or the demonym in a body's name."""
    entry = next((e for e in ENTRIES if slug(e.name) == entity), None)
    if entry is None:
        return None
    if entry.type == "place":
        name = entry.part_of or entry.name
        return slug(name) if slug(name) in COUNTRY_LANGUAGES else None
    found = _country_of_words(entry.name.split())
    return found[0] if found else None


_SIDE = re.compile(r"\b(?:represents?|represented|leads?|led|heads?|headed)\s+the\s+([^\W\d_]+)\s+"
                   r"(?:side|delegation)\b")
"""A subject that speaks for a country, named after it: "Foreign Minister Taro Kono and Takeshi Iwaya for defense
represent the Japanese side" (2019 seed 003; r57 M3: Iwaya, quoted three times, was "a speaker whose country the
tool did not read from the text", and his quotations went without their language)."""
_SUBJECT_WORDS = _OF | _JOINERS | {"for"}


def _side_countries(source: Source, ordered: Sequence[Mention]) -> dict[int, tuple[str, Span]]:
    """Index in ``ordered`` -> (country, span) for each person in a subject that "represent(s) the <Demonym> side":
    the persons named between the sentence's start and the verb, with nothing else there but their roles."""
    out: dict[int, tuple[str, Span]] = {}
    for found in _SIDE.finditer(source.text):
        country = DEMONYMS.get(found.group(1).lower()) or DEMONYMS.get(unidecode(found.group(1)).lower())
        if not country:
            continue
        start = next((x.start for x in source.sentences if x.start <= found.start() < x.end), None)
        if start is None:
            continue
        subject = [(i, m) for i, m in enumerate(ordered) if start <= m.start and m.end <= found.start()]
        if not subject or any(m.type != "person" for _, m in subject):
            continue
        rest, at = [], start
        for _, m in subject:
            rest.append(source.text[at:m.start])
            at = m.end
        rest.append(source.text[at:found.start()])
        words = [w.group() for w in _WORD.finditer(" ".join(rest))]
        if re.search(r"[.;:!?()\"“”«»]", " ".join(rest)) or not all(
                w.lower() in _SUBJECT_WORDS or is_title(w, source.language) for w in words):
            continue
        for i, m in subject:
            out[i] = (country, Span(source.id, m.start, found.end()))
    return out


def _person_country(source: Source, mentions: Sequence[Mention], entity: str) -> tuple[str, Span] | None:
    """The one country a person is introduced with in this report, and the span that says so; None for none or two.

    A mention joined by 'and' to the person named just before it ("their Japanese counterparts Fumio Kishida and
    Tomomi Inada") shares that person's introduction."""
    ordered = sorted((m for m in mentions if m.type in ("person", "place", "organisation")),
                     key=lambda m: (m.start, m.end))
    found: dict[str, Span] = {}
    introduced: dict[int, str] = {}
    spans: dict[int, Span] = {}
    sides = _side_countries(source, ordered)
    for i, mention in enumerate(ordered):
        before = ordered[i - 1] if i else None
        gap_start = before.end if before else 0
        gap = source.text[gap_start:mention.start]
        words = list(_WORD.finditer(gap))[-ROLE_WORDS:]
        role = _country_of_words([w.group() for w in words]) if "." not in gap.rstrip()[-1:] else None
        if role is not None and not _introduces(gap[words[role[1]].end():], source.language):
            role = None  # 'talks with the Russian side; Kono said': the demonym is not this name's
        if i in sides:
            country, span = sides[i]
        elif role is not None:
            country, index = role
            span = Span(source.id, gap_start + words[index].start(), mention.end)
        elif before is not None and i - 1 in introduced and set(gap.split()) <= _JOINERS:
            country = introduced[i - 1]
            span = Span(source.id, spans[i - 1].start, mention.end)
        elif (before is not None and mention.type == "person" and _country_introduces(before, gap, source.language)):
            # "Russia is represented by Foreign Minister Sergei Lavrov", "Russia's Foreign Minister Sergey Lavrov"
            country = slug(before.value or before.text)
            span = Span(source.id, before.start, mention.end)
        elif (before is not None and i - 1 in introduced and mention.type == "person"
              and _REPRESENTED_TOO.fullmatch(gap) and _titles_only(_REPRESENTED_TOO.fullmatch(gap).group(1),
                                                                    source.language)):
            # "... represented by Foreign Minister Sergei Lavrov and by that of the Defense Sergei Shoigu"
            country = introduced[i - 1]
            span = Span(source.id, spans[i - 1].start, mention.end)
        elif (before is not None and before.type == "place" and slug(before.value or before.text) in COUNTRY_LANGUAGES
              and all(w.group().lower() in _OF or is_title(w.group(), source.language) for w in _WORD.finditer(gap))
              and "." not in gap and mention.type == "person"):
            # 'Minister of Russia Sergey Lavrov', 'Minister of defense of Japan, Itsunori Onodera': a title before
            # the country, so the country is the person's ('talks in Japan, Lavrov said' is not)
            opening = list(_WORD.finditer(source.text[max(0, before.start - 60):before.start]))[-3:]
            if not opening or not (opening[-1].group().lower() == "of" or is_title(opening[-1].group(),
                                                                                    source.language)):
                continue
            country = slug(before.value or before.text)
            titles = [w for w in opening if w.group().lower() in _OF or is_title(w.group(), source.language)]
            span = Span(source.id, max(0, before.start - 60) + titles[0].start(), mention.end)
        else:
            continue
        introduced[i] = country
        spans[i] = span
        if mention.entity == entity:
            found.setdefault(country, span)
    if len(found) != 1:
        return None
    return next(iter(found.items()))


def quoted_speakers(source: Source, annotations: Annotations | None) -> list[QuotedSpeaker]:
    """Each speaker ``source`` quotes directly whose language its text tells, in order of first quotation."""
    quotes = (getattr(annotations, "quotes", None) or {}).get(source.id, ())
    mentions = (getattr(annotations, "mentions", None) or {}).get(source.id, ())
    out: dict[str, QuotedSpeaker] = {}
    for quote in sorted(quotes, key=lambda q: q.start):
        if not quote.direct or not quote.speaker_entity:
            continue
        country = _entry_country(quote.speaker_entity)
        span = None
        if country is not None:
            named = next((m for m in mentions if m.entity == quote.speaker_entity), None)
            span = Span(source.id, named.start, named.end) if named is not None else None
        else:
            person = _person_country(source, mentions, quote.speaker_entity)
            if person is not None:
                country, span = person
        language = COUNTRY_LANGUAGES.get(country or "")
        if language and span is not None:
            entry = next((e for e in ENTRIES if slug(e.name) == quote.speaker_entity), None)
            name = entry.name if entry is not None else quote.speaker or quote.speaker_entity
            out.setdefault(name, QuotedSpeaker(name, language, span))
    return list(out.values())


def quoted_language_evidence(source: Source, annotations: Annotations | None) -> list[Evidence]:
    """One note per language other than the text's that its quotations render ("002 quotes …: its quotations of
    them render words said in Russian")."""
    out = []
    speakers = quoted_speakers(source, annotations)
    for language in sorted({s.language for s in speakers} - {source.language}):
        said = [s for s in speakers if s.language == language]
        name = LANGUAGE_NAMES.get(language, language)
        shown = "; ".join(f"'{' '.join(source.text[s.role.start:s.role.end].split())}'" for s in said[:SHOWN])
        who = _joined([_speaker_words(s.speaker) for s in said])
        out.append(Evidence(
            f"{source.id} quotes {who}, whom it presents as {_people(language)} ({shown}): its quotations "
            f"render words said in {name}, translated by {source.id} or before it.",
            tuple(s.role for s in said[:SHOWN]), "quoted-language"))
    # a speaker it quotes whose country the tool did not read is still named, lest the note read as the list of
    # everyone it quotes (issue 23, r47, 2019: "003 quotes Taro Kono" left out Takeshi Iwaya, quoted three times)
    others = [name for name in _direct_speakers(source, annotations) if name not in {s.speaker for s in speakers}]
    if out and others:
        last = out[-1]
        out[-1] = Evidence(f"{last.text} {source.id} also quotes {_joined(others)}, whose country the tool did not "
                           "read from the text.", last.spans, last.kind)
    return out


def _direct_speakers(source: Source, annotations: Annotations | None) -> list[str]:
    """The names of the speakers ``source`` quotes directly, in order of first quotation."""
    out: dict[str, None] = {}
    for quote in sorted((getattr(annotations, "quotes", None) or {}).get(source.id, ()), key=lambda q: q.start):
        if quote.direct and quote.speaker_entity:
            entry = next((e for e in ENTRIES if slug(e.name) == quote.speaker_entity), None)
            out.setdefault(entry.name if entry is not None else quote.speaker or quote.speaker_entity, None)
    return list(out)


def _speaker_words(name: str) -> str:
    """A speaker's name as a note says it: a capital or country quoted as a speaker ('Moscow believes …') is the
    government it stands for, said so, lest it read as one more source beside the ministry quoted next to it."""
    entry = next((e for e in ENTRIES if e.name == name or slug(e.name) == slug(name)), None)
    return f"{name} (a place named for its government)" if entry is not None and entry.type == "place" else name


def _joined(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _people(language: str) -> str:
    """'Russian', 'Japanese': the adjective of the speakers of a language (English's speakers are of several
    countries)."""
    return "speaking for an English-speaking country" if language == "en" else LANGUAGE_NAMES.get(language, language)


def quoted_languages(evidence: Sequence[Evidence]) -> tuple[str, ...]:
    """The languages a source's quotations render, read back from its ``quoted-language`` notes."""
    out = []
    for item in evidence:
        if item.kind == "quoted-language":
            found = re.search(r"render words said in (\w+),", item.text)
            if found:
                out.append(found.group(1))
    return tuple(out)
