"""Who is the same person within one text: person identity built on evidence, not on a shared surname.

Mentions used to be keyed by their last word, so everyone called "West" was one person: "Kardashian West" (Kim
Kardashian's married name) was grouped with "Kanye West", her words went under his name and the names table
listed her name as his spelling (issue 23, planted p12, rG1 F2/F5/F6).  The rules here, for the person mentions
of one text:

1. Two full names with the same surname and different given names are different people ("Kanye West", "Kim
   West").  A full name whose first word is no given name ("Iranian-born Kianzad", a German "Iranerin Kianzad")
   is the person of that surname when exactly one fits, else it stands for itself.
2. A name whose first word is another person's surname in the text and no given name ("Kardashian West" beside
   "Kim Kardashian") is a multi-word surname: that person's, when exactly one person has that surname.  A full
   name that starts with another full name ("Kim Kardashian West") is that person.
3. A bare word ("West", "Kim") is the one person whose surname it is, else the one person whose given name it
   is; where two fit it is nobody (``None``), so a quotation credited to it is credited to no one rather than
   to the wrong person.  A bare word no full name fits is a person of its own (a text that names someone by
   surname only).

Keys are the ASCII-folded lower-case form of the person's first full name (or of the bare word), so a caller
can look people up by them; :func:`surname_key` is the older last-word key, still the one that finds more
mentions of a surname.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from unidecode import unidecode

from compare.annotate.first_names import is_first_name


def fold(word: str) -> str:
    """ASCII, lower case, no apostrophe or possessive ("O'Brien": "obrien", "West's": "west")."""
    low = unidecode(word).lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    return low.replace("'", "")


def surname_key(name: str) -> str:
    """The last word of a name, folded: the key that finds a surname's other mentions (not who they are)."""
    words = fold(name).split()
    return words[-1] if words else ""


@lru_cache(maxsize=65536)
def _given(word: str) -> bool:
    """Whether a first word reads as a given name: a known one, not a descriptor ("Iranian-born", "UFC-Kämpferin")."""
    return is_first_name(word) and not any(part[:1].islower() for part in word.split("-")[1:])


@lru_cache(maxsize=65536)
def _same_given(a: str, b: str) -> bool:
    """Two given names of one person: equal, one an initial of the other ("J." and "John"), or two spellings of
    one name, as the set-level linking compares them ("Sergey" and "Sergei" in one machine translation)."""
    from compare.annotate.entities import FIRSTNAME_MIN_SIMILARITY, phonetic  # here: entities imports this

    a, b = a.rstrip("."), b.rstrip(".")
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    pa, pb = phonetic(a), phonetic(b)
    return bool(pa) and pa[:1] == pb[:1] and fuzz.ratio(pa, pb) >= FIRSTNAME_MIN_SIMILARITY


@dataclass(frozen=True, slots=True)
class _Full:
    surface: str
    words: tuple[str, ...]  # folded


def identities(surfaces: Iterable[str]) -> dict[str, str | None]:
    """Each person mention's surface in one text -> the key of the person it names, or None where two fit.

    ``surfaces`` in text order (the first full name of a person gives its key)."""
    order: list[str] = []
    for s in surfaces:
        if s not in order:
            order.append(s)
    fulls = [_Full(s, tuple(fold(s).split())) for s in order if len(s.split()) >= 2]
    key_of: dict[str, str | None] = {}
    # people: key -> (surname words, given name or "")
    surname_of: dict[str, tuple[str, ...]] = {}
    given_of: dict[str, str] = {}
    pending: list[_Full] = []
    for f in fulls:  # 1. full names with a given name: one person per (surname, given name)
        if not _given(f.surface.split()[0]):
            pending.append(f)
            continue
        same = [k for k, sn in surname_of.items() if sn == f.words[1:] and _same_given(given_of[k], f.words[0])]
        prefix = [k for k, sn in surname_of.items() if given_of[k] and (
            (given_of[k], *sn) == f.words[:1 + len(sn)] or (given_of[k], *sn)[:len(f.words)] == f.words)]
        if same or prefix:
            key_of[f.surface] = (same or prefix)[0]
            continue
        key = " ".join(f.words)
        key_of[f.surface] = key
        surname_of[key], given_of[key] = f.words[1:], f.words[0]
    last_names = {sn[-1]: [k for k, s in surname_of.items() if s[-1] == sn[-1]] for sn in surname_of.values()}
    for f in pending:  # 2. a multi-word surname, or a name with a descriptor before the surname
        owners = last_names.get(f.words[0], [])
        if len(f.words) >= 2 and len(owners) == 1 and f.words[0] != f.words[-1]:
            key_of[f.surface] = owners[0]  # "Kardashian West" beside "Kim Kardashian"
            continue
        fits = [k for k, sn in surname_of.items() if sn and sn[-1] == f.words[-1] and given_of.get(k)]
        if len(fits) == 1:
            key_of[f.surface] = fits[0]
        elif not fits:
            key = next((k for k, sn in surname_of.items() if sn == f.words[-1:] and not given_of.get(k)), None)
            if key is None:
                key = " ".join(f.words)
                surname_of[key], given_of[key] = f.words[-1:], ""
            key_of[f.surface] = key
        else:
            key_of[f.surface] = None
    named = {w for f in fulls for w in f.words}
    for s in order:  # 3. bare words
        if len(s.split()) >= 2:
            continue
        w = fold(s)
        fits = sorted({k for k, sn in surname_of.items() if sn and sn[-1] == w and len(sn) == 1})
        if not fits:
            fits = sorted({k for k, g in given_of.items() if g == w})
        if not fits and w not in named:
            key_of[s] = w
            surname_of.setdefault(w, (w,))
            given_of.setdefault(w, "")
        else:
            key_of[s] = fits[0] if len(fits) == 1 else None
    return key_of


@dataclass(frozen=True, slots=True)
class TextPeople:
    """The people of one text: which key each mention's surface resolves to (``None``: more than one fits)."""

    keys: Mapping[str, str | None]

    @classmethod
    def of(cls, surfaces: Iterable[str]) -> TextPeople:
        return cls(identities(surfaces))

    def key(self, surface: str) -> str | None:
        """The person a mention names; a surface not seen among the text's mentions resolves as a bare word or
        full name would against the text's people (``resolve_person``)."""
        if surface in self.keys:
            return self.keys[surface]
        return identities([*self.keys, surface]).get(surface)


PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "er": "m", "il": "m", "lui": "m", "egli": "m", "он": "m",
                  "she": "f", "her": "f", "elle": "f", "lei": "f", "она": "f"}
"""Pronouns that say a gender (German "sie" is also "they" and the polite "you": none)."""
GENDER_WORDS = {
    "m": frozenset("""mr mr. herr monsieur signor señor husband ehemann mann mari marito marido brother bruder
    frère fratello hermano father vater père padre son sohn fils figlio hijo boyfriend king könig""".split()),
    "f": frozenset("""mrs mrs. ms ms. miss frau madame mme signora señora wife ehefrau frau femme moglie esposa
    sister schwester sœur sorella hermana mother mutter mère madre daughter tochter fille figlia hija girlfriend
    queen königin""".split()),
}
"""Words right before a name that give the person's gender ("his wife Kim", "Mrs Hyslop", "Frau Merkel")."""


def gender_before(text: str, start: int) -> str | None:
    """The gender the word right before a mention at ``start`` gives ("wife Kim Kardashian": "f"), else None; a
    word further back may be someone else's ("the mother of West's four children" says nothing of West)."""
    words = text[max(0, start - 40):start].lower().replace(",", " ").split()[-1:]
    found = {g for g, vocabulary in GENDER_WORDS.items() for w in words if w in vocabulary}
    return found.pop() if len(found) == 1 else None


def resolve_person(mention: str, text_people: TextPeople) -> str | None:
    """The key of the one person of a text that ``mention`` ("West", "Kim", "Kardashian West") names, or None
    where none or more than one fits: for the quote code, so that a quotation credited by a bare name goes to no
    one rather than to the wrong person."""
    return text_people.key(mention)


__all__ = ["PRONOUN_GENDER", "TextPeople", "fold", "gender_before", "identities", "resolve_person",
           "surname_key"]
