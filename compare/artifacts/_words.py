"""Shared word helpers: tokens with offsets, and the English vocabularies detectors consult.

Why web2 (from the ``english-words`` package): it keeps case, so it tells an
ordinary word ("alliance") from a proper noun ("Jakarta", "Frank"), which
wordfreq cannot (it lower-cases everything).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from compare.model import CJK_CHARACTER, count_words  # noqa: F401 - count_words is read from here too

WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")


@dataclass(frozen=True)
class Token:
    """A word of a sentence, with offsets into the source's clean text."""

    text: str
    start: int
    end: int

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper() and (len(self.text) == 1 or not self.text[1:].replace("-", "").isupper())

    @property
    def is_lower(self) -> bool:
        return self.text[:1].islower()


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Words of ``text`` (letters with inner apostrophes/hyphens), offsets shifted by ``offset``."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in WORD.finditer(text)]


def iter_words(text: str) -> Iterator[str]:
    for match in WORD.finditer(text):
        yield match.group()


@lru_cache(maxsize=1)
def web2() -> Collection[str]:
    """Webster's Second (case kept): ~236,000 words, proper nouns capitalised (a mapped trie: ``compare.word_sets``)."""
    import english_words

    from compare import word_sets

    def build() -> frozenset[str]:
        from english_words import get_english_words_set

        return frozenset(get_english_words_set(["web2"], lower=False))

    return word_sets.mapped("web2", [Path(english_words.__file__).parent / "data" / "web2.pickle"], build)


@lru_cache(maxsize=1)
def known_names() -> Collection[str]:
    """English names of countries, territories and languages (babel's CLDR data), which web2 partly lacks."""
    from babel import localedata

    from compare import word_sets

    def build() -> frozenset[str]:
        from babel import Locale

        locale = Locale("en")
        names = set(locale.territories.values()) | {n.capitalize() for n in locale.languages.values()}
        return frozenset(w for n in names for w in n.split() if w[:1].isupper())

    data = Path(localedata._dirname)
    return word_sets.mapped("cldr-en-names-1", [data / "root.dat", data / "en.dat"], build)


def is_common_word(word: str) -> bool:
    """True when the word is an ordinary English word and not a name.

    The lower-case form must be in web2 and frequent in English (Zipf >= 3, so 'brazil' the wood
    does not count), and the capitalised form must be neither a web2 proper noun nor a country or
    language name.
    """
    from wordfreq import zipf_frequency

    vocab = web2()
    lower = word.lower()
    return (lower in vocab and lower.capitalize() not in vocab and word not in known_names()
            and zipf_frequency(lower, "en") >= 3.0)


def snippet(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters on a word boundary, with an ellipsis when cut.

    Explanations quote the text they flag; a quote cut mid-word ("head of
    Ministry of f") reads as a typo in the source.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(" ,;:(-–—") + "…"
