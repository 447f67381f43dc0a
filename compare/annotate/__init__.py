"""Annotate: mentions (names, places, organisations, dates, numbers), quotes, canonical entities.

Two levels, so that the expensive part can run per report in parallel and be
cached by content hash:

- ``annotate_source(source)`` needs only that one report and returns its
  mentions and quotes (entity ids not yet filled in);
- ``resolve_entities(sources, mentions_by_source)`` clusters name mentions of
  the whole set into canonical entities;
- ``annotate(sources)`` does both and fills quote speakers' entity ids.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from compare.annotate.dates import MONTH_KEYS, WEEKDAY_KEYS, find_dates, infer_base, parse_published, resolve
from compare.annotate.entities import resolve_entities
from compare.annotate.gazetteer import is_title
from compare.annotate.names import NameMatch, complete_names, find_names, natasha_names, surname_matches
from compare.annotate.numbers import find_numbers
from compare.annotate.quotes import find_quotes, person_key
from compare.model import CJK_CHARACTER, UNDETERMINED, Annotations, Mention, Quote, Source

__all__ = ["Annotations", "annotate", "annotate_source", "given_day", "lead_end", "link_annotations", "report_date",
           "resolve_entities", "stated_report_date"]


def _language(source: Source) -> str:
    return source.language if source.language and source.language != UNDETERMINED else "en"


def report_date(source: Source) -> tuple[str | None, str]:
    """The report's base date (publication date, else inferred from its text) and how it was found."""
    published = parse_published(source.published)
    if published:
        return published.isoformat(), "publication date"
    base, _, how = infer_base(_absolute_dates(source), [(s.start, s.end) for s in source.sentences],
                              lead_end(source))
    return (base.isoformat() if base else None), how


LEAD_PARAGRAPHS = 3
"""A report's lead: its first three paragraphs (headline, dateline and first paragraph), where a date it gives as
the date of what it reports stands."""


def lead_end(source: Source) -> int | None:
    """Where a report's lead ends (``LEAD_PARAGRAPHS``): the end of its third paragraph; None without paragraphs."""
    if not source.paragraphs:
        return None
    return source.paragraphs[min(LEAD_PARAGRAPHS, len(source.paragraphs)) - 1][1]


def given_day(source: Source) -> str:
    """The first day and month a report's lead writes without a year, in words ("Saturday, 25 July"), else ""."""
    end = lead_end(source)
    for s in source.sentences:
        if end is not None and s.start >= end:
            break
        for d in find_dates(s.text, _language(source)):
            if d.day and d.month and d.year is None and d.offset is None:
                day = f"{d.day} {MONTH_KEYS[d.month - 1].capitalize()}"
                return f"{WEEKDAY_KEYS[d.weekday].capitalize()}, {day}" if d.weekday is not None else day
    return ""


def stated_report_date(source: Source) -> tuple[str | None, str, str]:
    """(the date a report states, how: ``published``, ``lead``, ``year-not-stated`` or ``none``, in words).

    What a sources table may print as a report's date: its publication date, or the first full date it writes,
    year included, in its lead.  A year inferred from a weekday or from the years the text mentions is no date
    of the report: then the words say which day the lead gives and that no year is stated (truth28)."""
    published = parse_published(source.published)
    if published:
        return published.isoformat(), "published", "publication date"
    end = lead_end(source)
    for s in source.sentences:
        if end is not None and s.start >= end:
            break
        for d in find_dates(s.text, _language(source)):
            if d.day and d.month and d.year and d.offset is None:
                value = resolve(d, None).value
                if value:
                    return value, "lead", f"the first full date in its lead, '{d.text}'"
    given = given_day(source)
    if given:
        return None, "year-not-stated", f"the text gives {given}; no year is stated"
    return None, "none", ""


def _absolute_dates(source: Source) -> list:
    """Date matches of every sentence, with offsets into the whole text (infer_base measures distances)."""
    out = []
    for s in source.sentences:
        for d in find_dates(s.text, _language(source)):
            out.append(replace(d, start=s.start + d.start, end=s.start + d.end))
    return out


LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9 .'’-]*")
"""A name written wholly in Latin letters (and digits), as a Cyrillic text quotes a foreign name or term."""


def _names(source: Source, language: str) -> list[NameMatch]:
    if language == "zh":
        return _chinese_names(source)
    found: list[NameMatch] = []
    russian = natasha_names(source.text) if language == "ru" else None
    for s in source.sentences:
        for m in find_names(s.text, language):
            found.append(NameMatch(s.start + m.start, s.start + m.end, m.text, m.type, m.canonical, m.choice, m.roles))
    latin = [m for m in found if not m.canonical and LATIN_NAME.fullmatch(m.text)]
    if language == "de":
        found = _trim_german_nouns(found)
    if russian is not None:
        gaz = [m for m in found if m.canonical]
        found = gaz + [m for m in russian if all(m.end <= g.start or m.start >= g.end for g in gaz)]
        # a name in Latin script inside the Russian text ("COVID-19") is written as the other languages write it,
        # and natasha's Russian model does not tag it: kept from the capitalised-phrase rules, as for Chinese (rW1
        # F7: the Russian cell of "COVID-19" read "not compared across languages")
        found += [m for m in latin if all(m.end <= f.start or m.start >= f.end for f in found)]
        found.sort(key=lambda m: (m.start, m.end))
    found = _not_common_phrases(source, found)
    found = _not_headline_only(source, found)
    found = _not_a_given_name(found)
    found = [m for m in found if not (m.type == "person" and titles_only(m.text, language))]
    people = {person_key(m.text) for m in found if m.type == "person"}
    taken = [(m.start, m.end) for m in found]
    completed = [NameMatch(s.start + m.start, s.start + m.end, m.text, "person")
                 for s in source.sentences
                 for m in complete_names(s.text, people, [(a - s.start, b - s.start) for a, b in taken], language)]
    # the surname alone, found with its title ("Colonel David Stirling": "Stirling"), gives way to the full name
    absorbed = {c: [m for m in found if c.start <= m.start and m.end <= c.end] for c in completed}
    found = [m for m in found if not any(m in inside for inside in absorbed.values())] + [
        replace(c, roles=tuple(r for m in inside for r in m.roles if r.lower() not in c.text.lower().split()))
        for c, inside in absorbed.items()]
    surnames = {person_key(m.text): m.text for m in found if m.type == "person" and len(m.text.split()) > 1}
    # a person named by surname alone, with evidence once ("O'Brien told the woman"), is the same person wherever
    # the report writes that surname capitalised ("O'Brien shared the video ... and told ABC 10 that ..."):
    # issue 23, planted p01, where her credited quotation had no speaker
    surnames |= {m.text.lower(): m.text for m in found if m.type == "person" and len(m.text.split()) == 1
                 and person_key(m.text) not in surnames}
    taken = [(m.start, m.end) for m in found]
    for s in source.sentences:
        for m in surname_matches(s.text, surnames, [(a - s.start, b - s.start) for a, b in taken], language):
            found.append(NameMatch(s.start + m.start, s.start + m.end, m.text, "person"))
    return sorted(found, key=lambda m: (m.start, m.end))


def _not_common_phrases(source: Source, found: list[NameMatch]) -> list[NameMatch]:
    """A capitalised phrase the report also writes in lower case is a common noun, not a person: the headline's
    "Fires and Pepper Spray" against the body's "flash grenades and pepper spray" (issue 23, planted p02: "Pepper
    Spray" was quoted as a speaker, after a given name "Pepper" vouched for it)."""
    text = source.text
    out = []
    for m in found:
        low = m.text.lower()
        if m.type == "person" and not m.canonical and " " in low and low != m.text and \
                re.search(rf"(?<![^\W\d_]){re.escape(low)}(?![^\W\d_])", text):
            continue
        out.append(m)
    return out


TITLE_MODIFIERS = frozenset("""acting former interim vice outgoing incoming late designate then current new
    amtierende amtierender amtierenden ehemalige ehemaliger ehemaligen stellvertretende stellvertretender neue neuer
    ancien ancienne nouveau nouvelle intérimaire vice-président временно исполняющий бывший""".split())
"""Words that qualify a title ("Acting Governor", "der ehemalige Minister") and name no one."""


def titles_only(text: str, language: str) -> bool:
    """Whether a capitalised phrase is a title with its qualifiers and nothing else ("The Acting Governor also
    emphasized …": a title the text uses for a person it names elsewhere, W bench w045), so no person's name."""
    words = [w.strip(".,") for w in text.split()]
    return bool(words) and all(w.lower() in TITLE_MODIFIERS or is_title(w, language) for w in words) \
        and any(is_title(w, language) for w in words)


def _not_a_given_name(found: list[NameMatch]) -> list[NameMatch]:
    """A country that is also a given name ("Jordan", "India") is no place where the report names a person with that
    given name ("Jordan Henderson"): the bare word is then that person's, not the country (``names._capitalised``
    now types such a word a place where nothing makes it a person, rW1 M3)."""
    given = {m.text.split()[0].casefold() for m in found if m.type == "person" and len(m.text.split()) > 1}
    return [m for m in found if not (m.type == "place" and not m.canonical and " " not in m.text
                                     and m.text.casefold() in given)]


def headline_end(source: Source) -> int | None:
    """Where a report's headline ends: its first paragraph when that is one sentence with no closing stop (a
    title line, often in title case or a German string of nouns), else None."""
    if not source.paragraphs or not source.sentences or len(source.paragraphs) < 2:
        return None
    p_start, p_end = source.paragraphs[0]
    inside = [s for s in source.sentences if p_start <= s.start < p_end]
    line = source.text[p_start:p_end].rstrip()
    if len(inside) != 1 or line.endswith((".", "?", "!", ":", '"', "”", "“", "»")):
        return None
    return p_end


def _not_headline_only(source: Source, found: list[NameMatch]) -> list[NameMatch]:
    """A person found in the headline alone must be named again in the report's body: a headline's capitals are
    no evidence of a name (title case, German nouns), and its phrase has no verb of speech or title to vouch for
    it ("Brände und Pfefferspray bei Marsch von Tausenden": "Marsch" is also a given name; issue 23, planted
    p02, where "Marsch von Tausenden" was quoted as a speaker)."""
    end = headline_end(source)
    if end is None:
        return found
    body = {person_key(m.text) for m in found if m.type == "person" and m.start >= end}
    body_words = {w.lower() for m in found if m.start >= end for w in m.text.split()}
    return [m for m in found if m.type != "person" or m.canonical or m.start >= end or _titled(m, source.language)
            or person_key(m.text) in body or person_key(m.text) in body_words]


def _titled(match: NameMatch, language: str) -> bool:
    """A name with a title before it ("Foreign Minister Sergey Lavrov's statement …", a transcript's headline and
    its only mention of the speaker) has its evidence in the headline itself."""
    return any(is_title(role, language) for role in match.roles)


def _trim_german_nouns(found: list[NameMatch]) -> list[NameMatch]:
    """A German person phrase that runs on past a full name the report writes elsewhere is cut back to that name:
    German capitalises nouns, so "Dominic Cummings Geisel der SAS" (hostage of the SAS, a headline) read as one
    person beside the report's "Dominic Cummings" (issue 23, planted p03)."""
    people = {m.text for m in found if m.type == "person" and len(m.text.split()) >= 2}
    out = []
    for m in found:
        words = m.text.split()
        prefix = next((" ".join(words[:k]) for k in range(len(words) - 1, 1, -1)
                       if " ".join(words[:k]) in people), None) if m.type == "person" else None
        out.append(replace(m, end=m.start + len(prefix), text=prefix) if prefix and m.text.startswith(prefix) else m)
    return out


def _chinese_names(source: Source) -> list[NameMatch]:
    """Chinese names (compare.annotate.chinese), the Latin form as the gazetteer name or the mention's value."""
    from compare.annotate.chinese import find_chinese_names, foreign_parts

    found = []
    parts = foreign_parts(source.text)  # "约翰·刘易斯" in one sentence, "刘易斯" alone in the next
    for s in source.sentences:
        chinese = find_chinese_names(s.text, parts)
        for m in chinese:
            canonical = m.latin if m.canonical else None
            roles = () if m.canonical or not m.latin else (f"lemma:{m.latin}",)
            found.append(NameMatch(s.start + m.start, s.start + m.end, m.text, m.type, canonical, roles=roles))
        for m in find_names(s.text, "zh"):  # names in Latin script inside Chinese text ("HSBC", "COVID")
            if not CJK_CHARACTER.search(m.text) and all(m.end <= c.start or m.start >= c.end for c in chinese):
                found.append(NameMatch(s.start + m.start, s.start + m.end, m.text, m.type, m.canonical, m.choice,
                                       m.roles))
    return sorted(found, key=lambda m: (m.start, m.end))


def annotate_source(source: Source) -> tuple[tuple[Mention, ...], tuple[Quote, ...]]:
    """Mentions and quotes of one report, from that report alone (entity ids are filled in later)."""
    language = _language(source)
    names = _names(source, language)
    published = parse_published(source.published)
    per_sentence = [(s, find_dates(s.text, language)) for s in source.sentences]
    base, base_year = published, published.year if published else None
    if published is None:
        base, base_year, _ = infer_base(_absolute_dates(source), [(s.start, s.end) for s in source.sentences],
                                        lead_end(source))
    mentions: list[Mention] = []
    for s, dates in per_sentence:
        taken = []
        for d in dates:
            d = resolve(d, base, base_year)
            mentions.append(Mention(source.id, s.index, s.start + d.start, s.start + d.end, d.text, "date", d.value))
            taken.append((d.start, d.end))
        for n in find_numbers(s.text, language, taken):
            mentions.append(Mention(source.id, s.index, s.start + n.start, s.start + n.end, n.text, n.type, n.value))
    starts = [(s.start, s.end, s.index) for s in source.sentences]
    for m in names:
        index = next((i for a, b, i in starts if a <= m.start < b), 0)
        value = m.canonical or next((r[6:] for r in m.roles if r.startswith("lemma:")), None)
        mentions.append(Mention(source.id, index, m.start, m.end, m.text, m.type, value))
    mentions.sort(key=lambda m: (m.start, m.end, m.type))
    quotes = find_quotes(source, names)
    return tuple(mentions), tuple(quotes)


def annotate(sources: Sequence[Source]) -> Annotations:
    """Annotate every report, then resolve entities across the set (``link_annotations``)."""
    ordered = sorted(sources, key=lambda s: s.id)
    return link_annotations(ordered, [annotate_source(source) for source in ordered])


def link_annotations(
    sources: Sequence[Source], per_source: Sequence[tuple[tuple[Mention, ...], tuple[Quote, ...]]],
) -> Annotations:
    """The set-level step after ``annotate_source``: canonical entities, and quote speakers' entity ids.

    ``per_source`` holds each source's (mentions, quotes), in the order of ``sources``.
    """
    mentions = {s.id: m for s, (m, _) in zip(sources, per_source, strict=True)}
    quotes = {s.id: q for s, (_, q) in zip(sources, per_source, strict=True)}
    entities, mentions = resolve_entities(sources, mentions)
    quotes = {sid: tuple(_with_speaker_entity(q, mentions[sid]) for q in qs) for sid, qs in quotes.items()}
    return Annotations(mentions, quotes, entities)


def _with_speaker_entity(quote: Quote, mentions: Sequence[Mention]):
    if quote.speaker is None:
        return quote
    key = person_key(quote.speaker)
    entity = next((m.entity for m in mentions if m.entity and m.text == quote.speaker), None)
    if entity is None:  # by surname only where one person of the report has it ("West": not Kardashian West's)
        fits = {m.entity for m in mentions if m.entity and m.type == "person" and person_key(m.text) == key}
        entity = next(iter(fits)) if len(fits) == 1 else None
    return Quote(quote.source_id, quote.start, quote.end, quote.text, quote.speaker, entity, quote.direct,
                 quote.sentences)
