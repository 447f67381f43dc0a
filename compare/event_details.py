"""Checkable details of a report in their roles, and where two reports' details firmly differ.

Why: the document similarity reads what a report is about, not which
occurrence it tells of.  "The mayor of Tokyo opened bridge number 17 on day
18." and "The mayor of Moscow opened bridge number 27 on day 28." mean nearly
the same to a multilingual embedding, yet no reader takes them for one event:
the details a reader can check (the place, the figures, the date) are
different *in the same role*.  Independent reports of one story often carry
different figures and names (one quotes the minister, the other the police;
on SemEval-2022's shared pairs rated the same story, a fifth name no person in
common), so a detail merely missing from the other report says nothing; a
detail the other report states *differently* in the same place of the
sentence does.

A detail is a figure written with digits, a date, or a named person, place or
organisation (the annotator's mentions: values normalised, names resolved to
one entity across spellings and scripts).  Its role is the nearest content
word before it and the nearest after it, both ("mayor ... opened" for Tokyo;
"number ... day" for 17).  Two reports' details in one role *agree* when
they share a value there, and *conflict* when they do not and the other report
states none of them anywhere.  Roles are words, so they meet within one
language: a translation's details are never compared with its original's in
this way, and the guard cannot split them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from compare.model import Mention, Source

NEAR_CHARS = 40
"""How far around a mention the words of its role are looked for."""
_WORD = re.compile(r"[^\W\d_]+")
FUNCTION_WORDS = frozenset(
    "the and for with from that this was were has had have are its their his her which who into over than but not "
    "der die das des dem den und von mit für auf ein eine einer eines im am zum zur bei aus "
    "les une des aux par pour sur dans avec qui que est del los las con por para una uno che per nel nella della "
    "dei sul".split()
)
"""Words too common to give a detail its role (articles, prepositions, auxiliaries of the set's languages)."""
ROLE_CHARS = 12
"""A 'word' longer than this (a run of Chinese characters) is cut to the two characters nearest the mention."""
CONFLICT_SHARE = 0.5
"""Share of the details of the report stating fewer that must conflict for the guard to hold two reports apart."""


@dataclass(frozen=True, slots=True)
class Details:
    """One report's checkable details: per role ("figure:number:day"), each value and its text as first written;
    and every (kind, value) the report states, in any role."""

    by_role: dict[str, dict[str, str]]
    stated: frozenset[tuple[str, str]]


def _role_word(words: list[str], before: bool) -> str | None:
    for word in (reversed(words) if before else words):
        word = word.lower()
        if len(word) < 3 or word in FUNCTION_WORDS:
            continue
        if len(word) > ROLE_CHARS:
            word = word[-2:] if before else word[:2]
        return word
    return None


def _kind(mention: Mention) -> str | None:
    if mention.type in ("number", "quantity"):
        return "figure" if mention.value and any(c.isdigit() for c in mention.text) else None
    if mention.type == "date":
        return "date" if mention.value else None
    return "name" if mention.entity and mention.type in ("person", "place", "organisation") else None


def report_details(source: Source, mentions: Sequence[Mention]) -> Details:
    """The report's figures (with digits), dates and resolved names, each under its role."""
    by_role: dict[str, dict[str, str]] = {}
    stated = set()
    text = source.text
    for m in mentions:
        kind = _kind(m)
        if kind is None:
            continue
        before = _role_word(_WORD.findall(text[max(0, m.start - NEAR_CHARS):m.start]), before=True)
        after = _role_word(_WORD.findall(text[m.end:m.end + NEAR_CHARS]), before=False)
        value = m.entity if kind == "name" else str(m.value)
        stated.add((kind, value))
        if before or after:
            by_role.setdefault(f"{kind}:{before or ''}:{after or ''}", {}).setdefault(value, m.text)
    return Details(by_role, frozenset(stated))


@dataclass(frozen=True, slots=True)
class Comparison:
    """How two reports' details compare: how many agree, the pairs that conflict ('17' against '27'), and how
    many details the report with fewer of them states."""

    agree: int
    conflicts: tuple[tuple[str, str], ...]
    fewer: int

    def firm(self, least: int) -> bool:
        """The reports tell of two occurrences: at least ``least`` details conflict, more than agree, and they
        are at least ``CONFLICT_SHARE`` of the details of the report that states fewer.

        Long reports of one story differ in a figure or a name here and there (a later death toll, another
        official quoted); two reports whose checkable details are mostly different are two stories.
        """
        n = len(self.conflicts)
        return least > 0 and n >= least and n > self.agree and n >= CONFLICT_SHARE * self.fewer


def compare_details(a: Details, b: Details) -> Comparison:
    """Agreeing and conflicting details of two reports, each detail counted once.

    A detail of one report conflicts when the other report has the same role
    with other values only and does not state this value anywhere; it agrees
    when the other report has its value in that role.  The same figure moved
    to another phrase is neither.  Only the roles both reports have are
    looked at (most pairs share none: the comparison costs next to nothing).
    """
    fewer = min(len(a.stated), len(b.stated))
    common = sorted(a.by_role.keys() & b.by_role.keys())
    if not common:
        return Comparison(0, (), fewer)
    agree: set[tuple[str, str]] = set()
    conflicts: dict[tuple[str, str], None] = {}
    for mine, theirs in ((a, b), (b, a)):
        verdict: dict[tuple[str, str], tuple[str, str] | None] = {}  # None: agrees in some role
        for role in common:
            kind = role.split(":", 1)[0]
            there = theirs.by_role[role]
            for value, text in mine.by_role[role].items():
                key = (kind, value)
                if value in there:
                    verdict[key] = None
                elif key not in verdict and key not in theirs.stated:
                    verdict[key] = (text, next(iter(there.values())))
        for key, pair in verdict.items():
            if pair is None:
                agree.add(key)
            else:
                conflicts.setdefault(pair if mine is a else (pair[1], pair[0]), None)
    return Comparison(len(agree), tuple(conflicts), fewer)


def describe_conflicts(comparison: Comparison, limit: int = 3) -> str:
    """"'Tokyo' against 'Moscow', '17' against '27'": what a reader can check in both texts."""
    shown = [f"'{x}' against '{y}'" for x, y in comparison.conflicts[:limit]]
    more = len(comparison.conflicts) - limit
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


__all__ = ["Comparison", "Details", "compare_details", "describe_conflicts", "report_details"]
