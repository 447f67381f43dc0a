"""Names that are common-noun phrases ("Armed Forces") found in any case, so the names table does not tell a class
that a report never names what it writes in lower case.

000 writes "Russian armed forces" and "the armed forces"; the annotator finds names by their capitals, so the
"Armed Forces" row listed 001 and 003 only.  A phrase whose every word is an ordinary lower-case word is the same
name in either case; a proper name ("Bush", "Aegis Ashore", "Jiji Press") is not, and keeps exact matching: a
person's name never counts, nor does a one-word name (an "Apple" is not an apple), nor a phrase with a word too rare
to be a common noun.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from compare.model import Entity, Source
from compare.wordfreqs import zipf

COMMON_TYPES = frozenset({"organisation", "thing"})
"""Entity types whose names can be common-noun phrases; people and places are proper names."""
COMMON_ZIPF = 4.0
"""A word this frequent in lower case (Zipf scale: 4 is once per 10,000 words; 'armed' 4.6, 'forces' 5.0) is an
ordinary word; 'aegis' (3.1) or 'jiji' is not.  Set by hand on wordfreq's scale, not tuned on the seeds."""
_WORD = re.compile(r"[^\W\d_]+")


def is_common_noun_phrase(entity: Entity, language: str = "en") -> bool:
    """Whether ``entity``'s name is words of ``language`` that are ordinary in lower case, two or more of them."""
    if entity.type not in COMMON_TYPES:
        return False
    words = _WORD.findall(entity.name)
    if len(words) < 2 or " ".join(words) != " ".join(entity.name.split()):
        return False
    return all((zipf(w.lower(), language) or 0.0) >= COMMON_ZIPF for w in words)


def any_case_spellings(entity: Entity, source: Source, known: Iterable[str]) -> list[str]:
    """The forms of a common-noun-phrase name that ``source`` writes in another case than the annotator found
    ("armed forces" for "Armed Forces"), in order of first use; none for a proper name or another language."""
    if not is_common_noun_phrase(entity, source.language or "en"):
        return []
    known = set(known)
    forms = {entity.name, *(f for spellings in entity.variants.values() for f in spellings)}
    out: list[str] = []
    for form in sorted(forms):
        pattern = r"\b" + r"\s+".join(re.escape(w) for w in form.split()) + r"\b"
        for found in re.finditer(pattern, source.text, flags=re.IGNORECASE):
            surface = " ".join(found.group().split())
            if surface not in known and surface not in out:
                out.append(surface)
    return out
