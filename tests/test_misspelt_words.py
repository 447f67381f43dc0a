"""A misspelt common word is read from a set of common words: the same answer as one wordfreq lookup per
one-letter neighbour, at a fraction of the cost (issue 24: the lookups cost a 1,000-document run ~15 CPU-s)."""

from __future__ import annotations

import re

import pytest

from compare.annotate import names


def _by_lookups(word: str, language: str) -> bool:
    low = word.lower()
    if len(low) < names.MISSPELT_MIN or not low.isalpha():
        return False
    shorter = {low[:k] + low[k + 1:] for k in range(len(low))}
    longer = {low[:k] + c + low[k:] for k in range(len(low) + 1) for c in "abcdefghijklmnopqrstuvwxyz"}
    return any(names._zipf(w, language) >= names.MISSPELT_ZIPF for w in (shorter | longer) - {low})


@pytest.mark.parametrize("language", ["en", "de", "fr", "ru"])
def test_the_common_word_set_answers_as_the_lookups_do(seed_result, language):
    words = sorted({w for s in seed_result.sources for w in re.findall(r"\b[A-ZА-Я][a-zа-я]{6,}\b", s.text)})
    words += ["Committe", "Goverment", "Minster", "Kishida", "Lavrov"]
    assert words
    for word in words:
        assert names._misspelt_word.__wrapped__(word, language) == _by_lookups(word, language), word
    assert names._misspelt_word.__wrapped__("Committe", "en")
    assert not names._misspelt_word.__wrapped__("Kishida", "en")
