"""Content one side only has: a link whose general side cannot be the rendering of its specific side.

Why: a link tells the reader that two sentences say the same thing.  Two
kinds of pair pass the similarity rules without doing so.  A general
sentence ("The four ministers will also hold joint talks on worldwide and
bilateral issues.") sits close, in e5's bunched cosines, to any sentence on
the same talks, and is the mutual best of a specific one ("... to fight
international terrorism and drug trafficking."); and two quotes by one
minister on two subjects share the minister's name, the countries and
"said", which is enough for the lexical floor.  In both, one side carries
several specific things (rare words, names, figures) that the other lacks,
while the other side's own content is hardly found in it: neither sentence
renders the other.  A sentence that contains the other ("We have close
positions on the Korean Peninsula" inside a long sentence about the
détente) is not caught: its short side is covered.

The rule, for two sentences in one language (WordNet senses count as a
match for English, so "talks" meets "negotiations" and "frank" meets
"straightforward"): the *specific side* has at least ``MIN_SPECIFIC``
content words rarer than ``RARE_ZIPF`` or figures with no counterpart in the
other sentence, and the other sentence has at most ``MAX_COVERED`` of its own
items (content words, names, figures) found in the specific one.  Both
values were chosen on the shared WMT21 documents, two renderings in one
language made comparable (bench/align_comparable_same_language.py; figures
in docs/methods.md), never on the seeds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from compare.align.features import content_lemmas, names, numbers

RARE_ZIPF = 4.5
"""A content word at or above this Zipf frequency (about 30 per million words) is common: "issue", "hold"."""
MIN_SPECIFIC = 4
"""Specific items one side must carry, unmatched in the other, for the link to be suspect."""
MAX_COVERED = 0.25
"""The share of the other side's items found in the specific side at or below which it renders none of it."""


@dataclass(frozen=True)
class Items:
    """What a sentence carries: its content words (names among them, lower-cased) and its figures."""

    words: tuple[str, ...]
    names: frozenset[str]
    figures: frozenset[str]


@lru_cache(maxsize=20_000)
def items(text: str, language: str) -> Items:
    """The content words, names and figures of one sentence."""
    named = frozenset(part for name in names(text) for part in name.split())
    return Items(tuple(dict.fromkeys(content_lemmas(text, language))), named, frozenset(numbers(text)))


@lru_cache(maxsize=50_000)
def _senses(word: str, language: str) -> frozenset:
    from compare.align.semantic import _concepts

    return frozenset(_concepts(word, language))


def _same_name(word: str, others: Iterable[str]) -> bool:
    """Names spelled apart across outlets ("Kuril"/"Kurils", "Sergey"/"Sergei") meet on their first five letters."""
    return len(word) >= 5 and any(len(o) >= 5 and o[:5] == word[:5] for o in others)


def _unmatched(mine: Items, theirs: Items, language: str) -> tuple[list[str], int, int]:
    """Of ``mine``'s items, those with no counterpart in ``theirs``; and how many items ``mine`` has, matched."""
    senses = frozenset().union(*(_senses(w, language) for w in theirs.words)) if theirs.words else frozenset()
    their_words = set(theirs.words) | set(theirs.names)
    missing, total = [], 0
    for word in mine.words:
        total += 1
        if word in their_words or _senses(word, language) & senses:
            continue
        if word in mine.names and _same_name(word, their_words):
            continue
        missing.append(word)
    for figure in sorted(mine.figures):
        total += 1
        if figure not in theirs.figures:
            missing.append(figure)
    return missing, total, total - len(missing)


def _specific(word: str, mine: Items, language: str) -> bool:
    """A figure, a name, or a content word rarer than ``RARE_ZIPF``."""
    if word in mine.figures or word in mine.names:
        return True
    from compare.wordfreqs import zipf

    frequency = zipf(word, language)
    return frequency is not None and frequency < RARE_ZIPF


def one_side_only(text_a: str, text_b: str, language: str) -> bool:
    """True when one sentence carries specific content the other lacks and the other is hardly found in it.

    Then the two do not say the same thing, whatever their similarity: the
    link is left out and each sentence keeps the other as a nearest candidate.
    """
    a, b = items(text_a, language), items(text_b, language)
    missing_a, total_a, found_a = _unmatched(a, b, language)
    missing_b, total_b, found_b = _unmatched(b, a, language)
    for missing, mine, found_other, total_other in ((missing_a, a, found_b, total_b), (missing_b, b, found_a, total_a)):
        specific = [w for w in missing if _specific(w, mine, language)]
        if len(specific) >= MIN_SPECIFIC and found_other <= MAX_COVERED * total_other:
            return True
    return False


def quoted_apart(text_a: Mapping[str, str], text_b: Mapping[str, str], language: str) -> bool:
    """True when two sentences quote the same people, and for each of them their quoted words are one-sided.

    ``text_a``/``text_b`` map a speaker's entity id to the words the sentence quotes them saying (direct or
    indirect speech).  Two quotes of one minister share the minister's name, title and "said" with any other
    quote of hers, so the sentences' words say little; the quoted words are the statement.  Kono's "Tokyo
    considers unacceptable the increased military presence ..." and his "We will continue to discuss
    cooperation on ... non-traditional threats, nuclear disarmament ..." are two statements.
    """
    shared = sorted(text_a.keys() & text_b.keys())
    return bool(shared) and all(one_side_only(text_a[s], text_b[s], language) for s in shared)
