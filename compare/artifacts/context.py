"""What cross-source detectors need to know about the whole source set, built once per set.

Per-source detection stays parallel and cacheable: the only thing shared is
this small frozen value (name spellings per source, country-name forms per
source, all words seen).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from compare.artifacts._words import iter_words
from compare.artifacts.transliteration import name_spellings
from compare.model import Source

ARTICLES: dict[str, frozenset[str]] = {
    "de": frozenset("der die das den dem des ein eine einen einem einer eines kein keine keinen keinem keiner".split()),
    "fr": frozenset("le la les un une des du au aux".split()),
    "es": frozenset("el la los las un una unos unas del al".split()),
    "it": frozenset("il lo la i gli le un uno una dei degli delle del della".split()),
    "nl": frozenset("de het een".split()),
}
"""Articles per language, lower case: the word after one is a common noun (or an adjective before it)."""

FORMS = ("Russia", "Russian Federation", "US", "United States", "USA", "UK", "United Kingdom")


@dataclass(frozen=True)
class ArtifactContext:
    """Cross-source facts: ``spellings[key][source_id]`` = ((spelling, count), ...) in first-seen order;
    ``forms[source_id][form]`` counts of country-name forms; ``all_words`` every word of the set;
    ``words_by_language[language]`` the words (and the parts of hyphenated ones) of the texts in that language,
    so a detector can ask whether a word survived into a text of another language, as names do;
    ``nouns_by_language[language]`` the words that texts in that language put after an article (``ARTICLES``):
    common nouns of that language, which names seldom are ('einen Schubser', not 'am U-Bahnhof Aidenbachstraße')."""

    source_ids: tuple[str, ...]
    spellings: dict[str, dict[str, tuple[tuple[str, int], ...]]] = field(default_factory=dict)
    forms: dict[str, dict[str, int]] = field(default_factory=dict)
    all_words: frozenset[str] = frozenset()
    words_by_language: dict[str, frozenset[str]] = field(default_factory=dict)
    nouns_by_language: dict[str, frozenset[str]] = field(default_factory=dict)


def build_context(sources: Sequence[Source], annotations=None) -> ArtifactContext:
    """Build the cross-source context once per source set (annotations are optional and only enrich)."""
    spellings: dict[str, dict[str, tuple[tuple[str, int], ...]]] = {}
    forms: dict[str, dict[str, int]] = {}
    words: set[str] = set()
    for source in sorted(sources, key=lambda s: s.id):
        english = [s for s in source.sentences if s.language in ("en", "und", "")]
        for key, counter in name_spellings(source.text, english).items():
            spellings.setdefault(key, {})[source.id] = tuple(counter.items())  # first-seen order
        forms[source.id] = {form: len(re.findall(rf"\b{re.escape(form)}\b", source.text)) for form in FORMS}
        words.update(iter_words(source.text))
    return ArtifactContext(tuple(sorted(s.id for s in sources)), spellings, forms, frozenset(words),
                           _words_by_language(sources), _nouns_by_language(sources))


def _words_by_language(sources: Sequence[Source]) -> dict[str, frozenset[str]]:
    """Each document language's words, hyphenated words also by their parts ('Championship-Begegnungen')."""
    by_language: dict[str, set[str]] = {}
    for source in sorted(sources, key=lambda s: s.id):
        bucket = by_language.setdefault(source.language, set())
        for word in iter_words(source.text):
            bucket.add(word)
            if "-" in word:
                bucket.update(word.split("-"))
    return {language: frozenset(words) for language, words in sorted(by_language.items())}


def _nouns_by_language(sources: Sequence[Source]) -> dict[str, frozenset[str]]:
    """Each document language's words found right after one of its articles, in texts of a language with a list."""
    by_language: dict[str, set[str]] = {}
    for source in sorted(sources, key=lambda s: s.id):
        articles = ARTICLES.get(source.language)
        if not articles:
            continue
        words = list(iter_words(source.text))
        bucket = by_language.setdefault(source.language, set())
        bucket.update(b for a, b in zip(words, words[1:], strict=False) if a.lower() in articles)
    return {language: frozenset(words) for language, words in sorted(by_language.items())}


def spelling_keys_by_source(census: ArtifactContext) -> dict[str, set[str]]:
    """Which name keys each source spells: the index that keeps slicing linear in the set's size."""
    index: dict[str, set[str]] = {}
    for key, by_source in census.spellings.items():
        for source_id in by_source:
            index.setdefault(source_id, set()).add(key)
    return index


def slice_context(
    census: ArtifactContext, members: Sequence[Source], index: dict[str, set[str]] | None = None
) -> ArtifactContext:
    """The part of a set-wide context one event's detectors read.

    Spellings stay set-wide, but only for the names the event's members
    spell ("Shoygu" here against "Shoigu" in another event's reports is a
    finding); long-form counts are the members' own, so "the other sources
    write 'Russia'" and "another source writes 'Iwaya'" mean the other reports
of this event.  The slice is
    small, and it is part of the event's cache key: a new report changes the
    slices of exactly the events that share its names.
    """
    ids = {source.id for source in members}
    index = index if index is not None else spelling_keys_by_source(census)
    keys = set().union(*(index.get(sid, set()) for sid in ids))
    spellings = {key: dict(sorted(census.spellings[key].items())) for key in sorted(keys)}
    forms = {sid: census.forms[sid] for sid in sorted(ids) if sid in census.forms}
    words = frozenset(word for source in members for word in iter_words(source.text))
    return ArtifactContext(tuple(sorted(ids)), spellings, forms, words, _words_by_language(members),
                           _nouns_by_language(members))
