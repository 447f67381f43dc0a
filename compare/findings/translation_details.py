"""What a translation changes in a side-by-side row, said only where a calibrated check finds it (issue 23, truth22).

A row whose cells are an English sentence and its German rendering reads "shared by all": the aligner linked the
two by meaning, and a class takes that as "the two say the same thing".  Where the German changes a checkable
detail, the row must say so ("p02-e (de) has no negation where p02-a, p02-b and p02-d (en) have ‘not’"), and
where nothing checkable differs the row may say no more than that only those details were compared
(``CROSS_LANGUAGE_NOTE``: the German may still change what no rule reads, 'of course' for 'it is understood').

The checks compare what survives translation without a dictionary:

- ``number``/``date``: figures by value (``compare.annotate.figures`` reads "1,9" and "1.9", "41.000", "41 000"
  and "41,000", "16.15 Uhr" and "4:15 p.m." alike), each side giving one the other does not (``compare.align.labels.divergences``, which tags
  rows across languages already; its note is ``compare.report.row_figures.figure_split``);
- ``negation``: a negation word (the aligner's multilingual list, 'not only'/'nicht nur' aside) on one side only;
- ``modal``: a word of possibility (may, might, could, perhaps / möglicherweise, vielleicht, könnte ...) on one
  side only: the epistemic hedges a translator can add or drop, not 'will'/'wird', which are tense.

Which of them the page prints is decided by measurement (``PRINTED``): on WMT21 en-de and de-en, a source
segment against its professional translation is a faithful pair, so a firing there is noise unless the
translator really changed the detail (``bench/translation_details.py`` samples and counts; docs/methods.md,
"Beyond the seeds II").  A check below 0.9 precision on a sample of 30 firings is computed and not printed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from compare.align.features import words
from compare.align.labels import NEGATION, _facts, numbers_differ

NOT_ONLY = re.compile(r"\b(?:not only|not just|nicht nur|nicht bloß|non seulement|non solo|no solo|не только)\b",
                      re.IGNORECASE)
"""'Not only ... but also' adds, it does not negate (the same exception as ``compare.provenance.checks``)."""

POSSIBILITY = {
    "en": frozenset("may might could possibly perhaps maybe".split()),
    "de": frozenset("möglicherweise vielleicht eventuell womöglich könnte könnten dürfte dürften".split()),
    "fr": frozenset("pourrait pourraient peut-être éventuellement".split()),
}
"""Words of possibility per language: a statement of fact made possible, or the reverse.  Only for the languages
listed; a pair with another language is not checked for it."""

KINDS = ("number", "date", "negation", "modal")

PRINTED: frozenset[str] = frozenset()
"""The checks whose firings the page prints, measured on WMT21 faithful pairs (bench/translation_details.py):
set after calibration."""

CROSS_LANGUAGE_NOTE = ("Linked by meaning to the row's sentences in another language: across languages only figures "
                       "and dates are compared (the number and date tags), so it may still say something different "
                       "in words or names no tag reads")
"""What a cross-language cell of a row tells on hover: "shared by all" is not "says the same thing" (the German of
planted set p03 has 'Royal Navy' for 'Royal Marines' and 'of course' for 'it is understood' in rows read as
shared by all).  True of what the page prints: the number and date tags span languages
(``compare.align.labels.divergences``); the name tag, negation and modal tags are compared within one language only
(``compare.align.name_tags.retag_names`` says why), and this module's cross-language negation and modal checks are not printed (``PRINTED``)."""
CROSS_LANGUAGE_LEGEND = ("A row may link sentences in different languages: they are linked by meaning, and across "
                         "languages only figures and dates are compared (a name, a negation, a modal verb or a "
                         "changed phrase is not), so “shared by all” says that each source renders the statement, "
                         "not that the renderings say the same thing.")
"""The legend's line, once per page that has a row with cells in two languages."""


def figures_differ(text_a: str, text_b: str) -> bool:
    """Whether two sentences in different languages give different numbers: ``compare.align.labels.numbers_differ``,
    which reads each figure's value in any notation, clock times as times ("gegen 21.30 Uhr" / "around 9:30 p.m.",
    "18.00 Uhr" / "6 p.m.": six of the eight cross-language "number" firings on WMT21 faithful pairs were one time
    written two ways)."""
    return numbers_differ(text_a, text_b)


def rendered_in_another_language(sources: Sequence[str], languages: Mapping[str, str], anchor: str) -> list[str]:
    """The sources of a row whose cells are in another language than most of the row's (on a tie, than the
    anchor's): the cells that carry ``CROSS_LANGUAGE_NOTE``.  Nothing for a row in one language."""
    counts: dict[str, int] = {}
    for sid in sources:
        counts[languages.get(sid, "")] = counts.get(languages.get(sid, ""), 0) + 1
    if len(counts) < 2:
        return []
    top = max(counts.values())
    leading = [lang for lang, n in counts.items() if n == top]
    main = languages.get(anchor, "") if len(leading) > 1 and languages.get(anchor, "") in leading else min(leading)
    return [sid for sid in sources if languages.get(sid, "") != main]


@dataclass(frozen=True, slots=True)
class Difference:
    """One checkable detail two linked sentences in different languages do not share: its kind, each side's value."""

    what: str
    value_a: str
    value_b: str


def _negations(text: str) -> frozenset[str]:
    """The negation words of a sentence ('not only' aside), lower-cased; "n't" as one."""
    cleaned = NOT_ONLY.sub(" ", text)
    found = {w.lower() for w in words(cleaned)} & NEGATION
    if "mai" in found and ("mai" not in words(cleaned) or "month:05" in _facts(cleaned)[1]):
        found.discard("mai")  # the month (German 'Mai', French 'le 30 mai'), not Italian 'mai' (never)
    if "n't" in cleaned.lower() or "n’t" in cleaned.lower():
        found.add("n't")
    return frozenset(found)


def _possibility(text: str, language: str) -> frozenset[str]:
    """The words of possibility of a sentence in ``language`` ('May' the month aside)."""
    vocabulary = POSSIBILITY.get(language)
    if not vocabulary:
        return frozenset()
    tokens = words(text)
    found = frozenset(w.lower() for w in tokens) & vocabulary
    if "may" in found and ("month:05" in _facts(text)[1] or "may" not in tokens[1:] and "May" in tokens[1:]
                           and "may" not in tokens):
        found -= {"may"}  # the month or a name ('in May', 'Brian May'), not the modal verb
    return found


def differences(text_a: str, language_a: str, text_b: str, language_b: str) -> list[Difference]:
    """The checkable details of two linked sentences in different languages that differ, one per kind."""
    out = []
    nums_a, dates_a, _, _ = _facts(text_a, language_a)
    nums_b, dates_b, _, _ = _facts(text_b, language_b)
    if dates_a - dates_b and dates_b - dates_a:
        out.append(Difference("date", ", ".join(sorted(dates_a - dates_b)), ", ".join(sorted(dates_b - dates_a))))
    if numbers_differ(text_a, text_b, (language_a, language_b)):
        out.append(Difference("number", ", ".join(sorted(nums_a - nums_b)), ", ".join(sorted(nums_b - nums_a))))
    neg_a, neg_b = _negations(text_a), _negations(text_b)
    if bool(neg_a) != bool(neg_b):
        out.append(Difference("negation", ", ".join(sorted(neg_a)), ", ".join(sorted(neg_b))))
    if language_a in POSSIBILITY and language_b in POSSIBILITY:
        may_a, may_b = _possibility(text_a, language_a), _possibility(text_b, language_b)
        if bool(may_a) != bool(may_b):
            out.append(Difference("modal", ", ".join(sorted(may_a)), ", ".join(sorted(may_b))))
    return out


def _joined(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _has(sources: Sequence[str]) -> str:
    return "has" if len(sources) == 1 else "have"


def row_notes(texts: Mapping[str, str], languages: Mapping[str, str], label: Mapping[str, str] | None = None,
              printed: frozenset[str] | None = None) -> list[str]:
    """What a row's cross-language check finds, one sentence per kind printed: "p03-a (de) has no negation where
    p03-b, p03-c and p03-d (en) have ‘not’".

    Said only of a source whose language is not the row's majority (the rendering), against the sources of the
    majority language that agree among themselves on the detail: where the English copies disagree with each
    other (a planted 'not'), the same-language tags already say so, and the German is not said to differ from
    "the English" as one.  Figures are left to ``compare.report.row_figures.figure_split`` (the "number" tag
    spans languages already); nothing for a row of one language."""
    printed = PRINTED if printed is None else printed
    named = {sid: (label or {}).get(sid, sid) for sid in texts}
    by_language: dict[str, list[str]] = {}
    for sid in sorted(texts):
        by_language.setdefault(languages.get(sid, ""), []).append(sid)
    if len(by_language) < 2:
        return []
    main = max(by_language, key=lambda lang: (len(by_language[lang]), lang == "en", lang))
    others = by_language[main]
    notes = []
    for lang, sources in sorted(by_language.items()):
        if lang == main:
            continue
        for sid in sources:
            for kind in ("negation", "modal"):
                if kind not in printed:
                    continue
                found = [next((d for d in differences(texts[sid], lang, texts[o], main) if d.what == kind), None)
                         for o in others]
                if not all(found):
                    continue  # some of the majority agree with it, or disagree among themselves: not one change
                theirs = sorted({w for d in found if d for w in d.value_b.split(", ") if w})
                mine = found[0].value_a if found[0] else ""
                noun = "no negation" if kind == "negation" else "no word of possibility"
                said_mine = " or ".join(f"‘{w}’" for w in mine.split(", ")) if mine else noun
                said_theirs = " or ".join(f"‘{w}’" for w in theirs) if theirs else noun
                notes.append(f"{named[sid]} ({lang}) {_has([sid])} {said_mine} where "
                             f"{_joined([named[o] for o in others])} ({main}) {_has(others)} {said_theirs}")
    return notes



NAME_TYPES = frozenset({"person", "organisation", "place"})


def entity_swaps(entities_a: Mapping[str, str], entities_b: Mapping[str, str], text_a: str = "",
                 text_b: str = "") -> list[Difference]:
    """Names one side has and the other lacks, where the other has a different name of the same type in its place:
    "Royal Navy" in the German cell against "Royal Marines" in the English one.

    ``entities_a``/``entities_b``: canonical entity name -> type, for the entities each sentence mentions (the run's
    annotations, whose canonical entities join spellings across scripts); a name counts as absent from the other
    side only where its words are not written there (``compare.align.name_tags._written_in``, the test the row's
    "name" tag uses).  A name on one side with none of its type on
    the other is an omission or a pronoun, not a swap, and is not said."""
    from compare.align.name_tags import _keys, _written_in

    keys_a, keys_b = _keys(text_a), _keys(text_b)
    out = []
    for kind in sorted(NAME_TYPES):
        only_a = sorted(n for n, t in entities_a.items()
                        if t == kind and n not in entities_b and not _written_in(n, keys_b))
        only_b = sorted(n for n, t in entities_b.items()
                        if t == kind and n not in entities_a and not _written_in(n, keys_a))
        if only_a and only_b:
            out.append(Difference("name", ", ".join(only_a), ", ".join(only_b)))
    return out
