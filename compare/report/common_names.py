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
from functools import lru_cache

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


NOUN_CAPITALISING = frozenset({"de", "lb"})
"""Languages whose genitive adds a bare -s to a name ("Danny Welbecks Hackentrick")."""
RARE_SURNAME_ZIPF = 4.0
"""A one-word spelling ("Kianzad") is looked for only when rarer than this in both the source's language and English:
"West" or "Till" alone would be found in words that are not the name."""
_CONNECTORS = frozenset({"of", "de", "di", "da", "del", "von", "van", "der", "du", "des", "la", "le", "al", "bin",
                         "ibn", "y"})


@lru_cache(maxsize=256)
def _fold(text: str) -> str:
    """``text`` with each letter's diacritics removed where that keeps its length ("é": "e", "ß" stays): offsets into
    the folded text are offsets into the text.

    Cached: each blank names-table cell folds its source's whole text again, a character at a time (4.6 s of a
    200-document ``--no-semantic`` run's main process under cProfile, 2,539 calls for 200 texts)."""
    from unidecode import unidecode

    out = []
    for ch in text:
        plain = unidecode(ch) if ord(ch) > 127 else ch
        out.append(plain if len(plain) == 1 else ch)
    return "".join(out)


def _name_forms(spelling: str, type_: str, language: str) -> list[str] | None:
    """Regular expressions (over folded text) for the ways a source may write a spelling of a name: as spelled, with
    its words run together or hyphenated ("Hongkong" for "Hong Kong", "Jean-Pierre" for "Jean Pierre"), and with a
    genitive -s in a noun-capitalising language, and a body's or place's name of two or more capitalised parts by its
    initials ("SE" for "Sport-Express", ``_initials``).  None for a spelling that is no proper name (a word in lower case
    other than a connector: "Iranian-born Kianzad") or a common one-word name."""
    words = spelling.split()
    if not words or any(not w[:1].isupper() and w.lower() not in _CONNECTORS for w in words):
        return None
    # "SE" in an English copy for "Sport-Express": a body's name is abbreviated as the original abbreviates it
    # ("СЭ"), and its cell was left blank as if the copy lacked it (teacher read of W unit ru-en-221)
    initials = _initials(spelling) if type_ != "person" else ""
    abbreviated = [r"(?<![\w-])" + re.escape(initials) + r"(?![\w-])"] if initials else []
    if len(words) == 1 and (len(words[0]) < 4 or max(zipf(words[0].lower(), language) or 0.0,
                                                       zipf(words[0].lower(), "en") or 0.0) >= RARE_SURNAME_ZIPF):
        return abbreviated or None
    plain = [_fold(w) for w in words]
    folded = [re.escape(w) for w in plain]
    joins = [r"\s+"] + ([r"", r"-"] if len(words) > 1 else [])
    genitive = "s?" if language in NOUN_CAPITALISING else ""
    # run together, the later words lose their capitals ("Hongkong"): that form is matched in any case, its first
    # letter still a capital
    together = [re.escape(plain[0][:1]) + "(?i:" + re.escape(plain[0][1:]) + join.join(folded[1:]) + ")"
                for join in joins[1:]]
    return [r"(?<![\w-])" + form + genitive + r"(?![\w-])" for form in [r"\s+".join(folded), *together]] + abbreviated


def _initials(spelling: str) -> str:
    """The capitals a body's name of two or more capitalised words (or hyphenated parts) is abbreviated to, the
    connectors left out ("Sport-Express": "SE", "Liberal Democratic Party of Russia": "LDPR"); empty for one word."""
    parts = [p for p in re.split(r"[\s-]+", spelling) if p and p.lower() not in _CONNECTORS]
    if len(parts) < 2 or not all(p[:1].isupper() for p in parts):
        return ""
    return "".join(_fold(p[0]) for p in parts)


def _aliases(name: str) -> tuple[str, ...]:
    """The gazetteer's names of a place or body in every language ("Peking" for Beijing), where it has an entry."""
    from compare.annotate.gazetteer import ENTRIES

    return next((entry.aliases for entry in ENTRIES if entry.name == name), ())


def written_forms(entity: Entity, source: Source, skip: tuple[int, int] | None = None,
                  taken: Iterable[tuple[int, int]] = (), spelled_in: Iterable[str] = ()) -> list[str]:
    """The forms of ``entity``'s spellings (any source's, and the gazetteer's other names of the place: "Peking")
    that ``source`` writes outside ``skip``, in order of first use, for a names-table cell the annotator left blank
    (issue 23, planted p09-p11: "Welbecks" in German, "Hongkong" for "Hong Kong", and "Pannie Kianzad" in an
    English copy that kept no sentence telling that she is a person).  A cell is blank only where the source really
    lacks the name; the words shown are the source's own.  A form inside a name the annotator found for another
    entity (``taken``: "Kuril Islands" in "South Kuril Islands") is that other name's, and a contested place's cells
    are its naming choices, never filled here.  Initials ("SE" for "Sport-Express") stand for the name only where no
    text the annotator found the name in (``spelled_in``) writes them too: one that writes both gives them to
    something else ("FAA" beside "Four American Airlines", W bench w091) or to a second name with a row of its own."""
    if entity.naming_choices:
        return []
    taken = list(taken)
    text = _fold(source.text)
    spelled_in = [_fold(t) for t in spelled_in]
    language = source.language or "en"
    spellings = {s for forms in entity.variants.values() for s in forms} | {entity.name} | set(_aliases(entity.name))
    spans: set[tuple[int, int]] = set()
    for spelling in sorted(spellings):
        for pattern in _name_forms(spelling, entity.type, language) or ():
            for match in re.finditer(pattern, text):
                if (skip is None or match.end() <= skip[0] or match.start() >= skip[1]) and not any(
                        a < match.end() and match.start() < b for a, b in taken) and not (
                        match.group().isupper() and match.group() not in spellings
                        and any(re.search(pattern, other) for other in spelled_in)):
                    spans.add((match.start(), match.end()))
    out: list[str] = []
    for start, end in sorted(spans):
        if any(a <= start and end <= b and (a, b) != (start, end) for a, b in spans):
            continue  # "Welbecks" inside "Danny Welbecks" is that one mention
        form = " ".join(source.text[start:end].split())
        if form not in out:
            out.append(form)
    return out
