"""Known first names, in any script or transliteration: evidence that a capitalised phrase is a person.

"Takeshi Iwaya" and "Kathedrale Notre-Dame" are both rare words to wordfreq;
only the first is led by a given name.  The lists: Faker's first names of
every locale (``compare/data/first_names.json.gz``, built by
``scripts/build_first_names.py``, MIT licence inside the file) and a hand-made
supplement for what Faker lacks (``compare/data/given_names_extra.csv``).
Names are compared by their ASCII spelling and by ``entities.phonetic`` keys,
so a Cyrillic "Дмитрий" vouches for "Dmitry" and "Dmitri".
"""

from __future__ import annotations

import csv
import gzip
import json
from functools import lru_cache
from importlib import resources

from unidecode import unidecode

from compare.annotate.entities import phonetic

FIRST_NAMES_FILE = "first_names.json.gz"
EXTRA_NAMES_FILE = "given_names_extra.csv"
MIN_KEY = 4
"""Shorter keys match too much once transliteration is folded ("War" and "Vahar" are both "var"), so
a first name of three letters or fewer must be spelled as listed ("Tim", "Lev", "Ali")."""


@lru_cache(maxsize=1)
def _first_names() -> tuple[frozenset[str], frozenset[str]]:
    """Known first names: (ASCII-folded spellings, spelling-insensitive keys).

    Faker's lists (``first_names.json.gz``, built by
    ``scripts/build_first_names.py``) and a hand-made supplement for what
    they lack (``given_names_extra.csv``): romanised Japanese given names,
    Chinese and Korean family names (which come first), Arabic, Persian,
    Turkic and South Asian given names in Latin letters.
    """
    data = resources.files("compare") / "data"
    with (data / FIRST_NAMES_FILE).open("rb") as handle:
        names = json.loads(gzip.decompress(handle.read()))["names"]
    with (data / EXTRA_NAMES_FILE).open(encoding="utf-8") as handle:
        extra = [row["name"] for row in csv.DictReader(handle)]
    spellings = {unidecode(n).lower() for n in (*names, *extra)}
    keys = {*names.values(), *(phonetic(n) for n in extra)}
    return frozenset(spellings), frozenset(k for k in keys if len(k) >= MIN_KEY)


@lru_cache(maxsize=65536)
def is_first_name(word: str) -> bool:
    """Is ``word`` a first name in some language, however transliterated ("Dmitry", "Дмитрий", "Jean-Claude")?"""
    spellings, keys = _first_names()
    first = word.split("-")[0] if "-" in word else word
    return any(unidecode(w).lower() in spellings or phonetic(w) in keys for w in {word, first})
