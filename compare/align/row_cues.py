"""Which word-class tags a side-by-side row earns: a cue read in the cells it compares, and nothing else.

A row's cue tag (negation, modal, hedge, intensifier, left-open) says that some of its cells carry the cue and
others do not.  Three rules keep that sentence true (issue 23, rW2: en-de F4/M7, zh-en M3/M4):

* a cell is compared for a class only where its language's word list holds the class
  (``compare.align.labels.CUE_WORDS``): finding no English hedge in a Chinese sentence says nothing, so the
  Chinese original is left out of the comparison rather than counted as lacking "about";
* cells are compared within one language only, a translation with the other cells of its language, not with
  its original in another: measured on WMT21 human translations, no class is read reliably enough across
  languages to say a translator dropped it (``CROSS_LANGUAGE_DISAGREEMENT``); a date is, and "date-dropped"
  reads a translation against its original where the row holds both (provenance's translation edges);
* a word means the same class in every language: synonyms count as one class ("about", "approximately",
  "roughly" are all hedges); German hearsay ("getötet haben soll", "mutmaßlich", "angeblich" and their
  inflections) is the hedge "allegedly", not a modal verb.

Two cues beyond word lists, each read only where a fixed phrase says it: an approximation before "a week" or
"einer Woche" ("around a week ago": a hedge one translation drops), and "left-open", a report saying that
someone did not say whether something happened ("did not say whether there had been any engine shutdowns")
where another says it did or did not happen (rW2 zh-en M4, c15: a reversed meaning no word list sees).  A row
also earns "date-dropped" where a translation gives no date though its original does, or one cell gives none
where every other readable cell gives the same one (rW2 zh-en M4, c11: "July 15" gone).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from compare.align.features import AMBIGUOUS_MONTHS, MONTHS, fold, words
from compare.align.labels import APPROXIMATORS, CUE_WORDS, FRENCH_NE_PARTNERS, NOT_NEGATIONS
from compare.annotate.numbers import NUMBER_WORDS

LEFT_OPEN = "left-open"
DATE_DROPPED = "date-dropped"
CUE_LABELS = ("negation", "modal", "hedge", "intensifier", LEFT_OPEN)

CROSS_LANGUAGE_DISAGREEMENT = {"negation": (1.6, 8.4), "hedge": (2.6, 4.4), "modal": (9.2, 16.8),
                               "intensifier": (1.1, 4.4), LEFT_OPEN: (0.0, 0.4)}
"""Why no cue class is compared across languages, not even a translation against its original: on WMT21 originals
against their human translations (bench/row_tags_wmt21.py, docs/methods.md "truth34") the class is read on one side
only in this range of segments per 100, where the meaning is kept ("non-lethal" against "nicht tödlich", English
"will" against a German present tense); on the planted sets, comparing negation and hedge across languages
quadrupled the negation tags (4 to 16, the 12 new ones beside no planted edit), and "left-open", rare on WMT21,
fired on a German "nicht sicher, ob" whose English "not sure if" the English phrase list did not hold.  So a
translation is compared with the cells of its own language, and one alone in its language with no one."""

ROW_WORDS: dict[str, dict[str, frozenset[str]]] = {
    "negation": {"en": frozenset({"nowhere"}),
                 "de": frozenset("keiner keinem keines keinerlei nichts niemand nirgends".split())},
    "hedge": {"de": frozenset({"ca"})},
}
"""Words the row tags read beside ``CUE_WORDS``: the German negations a list of a few forms misses ("nichts",
"niemand", "keiner": WMT21 en-de, "No one knows" as "Dabei weiß niemand"), and "ca." ("ca. 2000" for "about
2,000").  They lower the rate of negation tags between two faithful German translations (11.6 to 10.4 rows in
100); German modal forms ("können", "konnten") were tried and left out: they raised the modal rate (21.6 to 25.6).
Only here: the provenance votes read the aligner's lists (``compare.align.labels._facts``) and were fitted on them."""

UNITS = {
    "en": frozenset("week weeks month months year years day days hour hours minute minutes dozen hundred thousand "
                    "million billion mile miles kilometre kilometres kilometer kilometers third quarter half".split()),
    "de": frozenset("woche wochen monat monats monaten jahr jahre jahren jahres tag tage tagen stunde stunden minute "
                    "minuten dutzend hundert tausend million millionen milliarde milliarden meile meilen kilometer "
                    "drittel viertel halbe halben".split()),
}
ARTICLES = {
    "en": frozenset("a an one".split()),
    "de": frozenset("ein eine einer einem einen eines".split()),
}
"""An approximator hedges "a week" as it hedges "7 days": article + unit, in the languages listed here."""

_ABOUT_CLOCK = re.compile(r"\bgegen\s+\d{1,2}(?:[.:]\d{2})?\s*Uhr\b", re.IGNORECASE)
"""German "gegen 16.15 Uhr" is "around 4.15 p.m.": "gegen" hedges a clock time, not "gegen Berlin"."""

HEARSAY_STEMS = {"de": ("angeblich", "mutmaßlich", "vermutlich")}
"""German hearsay adjectives and adverbs in every inflection ("mutmaßliche Tötung", "angeblicher")."""

_PARTICIPLE = r"(?:\w*ge\w+(?:t|en)|(?:ver|be|er|ent|zer)\w+(?:t|en)|\w+iert|worden|gewesen)"
_HEARSAY_SOLL = re.compile(
    rf"\b{_PARTICIPLE}\s+(?:haben|sein)\s+soll(?:en|te|ten)?\b"  # "… getötet haben soll"
    rf"|\bsoll(?:en)?\b[^,.;:!?]*?\b{_PARTICIPLE}\s+(?:haben|sein)\b",  # "Er soll … getötet haben"
    re.IGNORECASE)
"""German "sollen" with a perfect infinitive reports what others say ("getötet haben soll": is alleged to have
killed), the hedge "allegedly", not an obligation."""

_LEFT_OPEN = {
    "en": re.compile(
        r"\b(?:did|does|do|would|could|has|have|had)\s*(?:not|n[’']t)\s+(?:say|said|disclose|disclosed|specify|"
        r"specified|confirm|confirmed|reveal|revealed|indicate|indicated|state|stated|comment on|know|known)\b"
        r"[^.;!?]{0,40}?\b(?:whether|if)\b"
        r"|\b(?:declined|refused|was unable|were unable)\s+to\s+(?:say|disclose|specify|confirm|comment on)\b"
        r"[^.;!?]{0,40}?\b(?:whether|if)\b"
        r"|\b(?:not|un)\s*(?:clear|known|sure)\s+(?:whether|if)\b",
        re.IGNORECASE),
    "de": re.compile(
        r"\b(?:ließ|ließen|lässt|lassen)\s+offen,?\s+ob\b"
        r"|\b(?:unklar|unbekannt|offen)\s*,\s*ob\b"
        r"|\b(?:nicht|keine\s+Angaben)\b[^.;!?]{0,30}?,\s*ob\b",
        re.IGNORECASE),
}
"""A report that someone did not say whether something happened: the question stays open in the text."""


def reads(label: str, language: str | None) -> bool:
    """Whether the tool reads ``label`` in ``language``: its word list (or phrase) is kept for that language."""
    if label == LEFT_OPEN:
        return language in _LEFT_OPEN
    return language in CUE_WORDS.get(label, {})


def _approximates(ordered: list[str], k: int, language: str) -> bool:
    """Whether the approximator at ``k`` stands before a figure: digits, a number word, or article + unit."""
    nxt = ordered[k + 1] if k + 1 < len(ordered) else ""
    if nxt[:1].isdigit() or nxt in NUMBER_WORDS.get(language, {}):
        return True
    after = ordered[k + 2] if k + 2 < len(ordered) else ""
    return nxt in ARTICLES.get(language, ()) and after in UNITS.get(language, ())


COMPARED_HEDGES = frozenset({"likely", "unlikely"})
COMPARATIVES = frozenset({"more", "less", "most", "least", "as", "so", "too"})
""""more likely to be corroded" compares how likely, as "more susceptible" does: not a hedge (rW2 zh-en c6)."""


def _modal_may(tokens: list[str]) -> bool:
    """Whether English "may" is the verb somewhere: not beside a figure ("May 30", "30 may", "may 30" as a machine
    translation writes it), and in lower case ("may cause") or opening the sentence ("May I ..."), however many
    figures the sentence has elsewhere ("may cause … 2,000 aircraft")."""
    def beside_figure(k: int) -> bool:
        return any(0 <= j < len(tokens) and tokens[j][:1].isdigit() for j in (k - 1, k + 1))

    return any(t.lower() == "may" and not beside_figure(k) and (t == "may" or k == 0) for k, t in enumerate(tokens))


@lru_cache(maxsize=65536)
def cues_in(text: str, language: str) -> frozenset[str]:
    """The cue classes ``text`` carries, read with ``language``'s word lists only (quotations included)."""
    idioms = NOT_NEGATIONS.get(language)
    ordered = [w.lower() for w in words(idioms.sub(" ", text) if idioms is not None else text)]
    tokens = set(ordered)
    tokens -= {w for k, w in enumerate(ordered) if w in APPROXIMATORS | {"ca"}
               and not _approximates(ordered, k, language)}
    found: set[str] = {"hedge"} if language == "de" and _ABOUT_CLOCK.search(text) else set()
    if language == "en" and ("n't" in text.lower() or "n’t" in text.lower()):
        tokens.add("n't")
    if language == "en" and "may" in tokens and not _modal_may(words(text)):
        tokens.discard("may")  # the month ("on May 30"), not the modal verb
    tokens -= {w for k, w in enumerate(ordered) if w in COMPARED_HEDGES and k and ordered[k - 1] in COMPARATIVES}
    if language == "ru" and {"не"} <= tokens and not any(
            w == "не" and (k + 1 >= len(ordered) or ordered[k + 1] not in ("менее", "более"))
            for k, w in enumerate(ordered)):
        tokens.discard("не")  # "не менее 13" (at least 13), "тем не менее" (nevertheless): no negation
    if language == "fr" and "ne" in tokens and not tokens & FRENCH_NE_PARTNERS:
        tokens.discard("ne")
    if language == "it" and "mai" in tokens and "mai" not in words(text):
        tokens.discard("mai")
    stems = HEARSAY_STEMS.get(language)
    if stems and any(t.startswith(stems) for t in tokens):
        found.add("hedge")
    if language == "de" and _HEARSAY_SOLL.search(text):
        found.add("hedge")
        hearsay = len(_HEARSAY_SOLL.findall(text))
        if sum(1 for t in ordered if t.startswith("soll")) <= hearsay:
            tokens -= {"soll", "sollen", "sollte", "sollten"}
    for label, by_language in CUE_WORDS.items():
        if tokens & (by_language.get(language, frozenset()) | ROW_WORDS.get(label, {}).get(language, frozenset())):
            found.add(label)
    pattern = _LEFT_OPEN.get(language)
    if pattern is not None and pattern.search(text):
        found.add(LEFT_OPEN)
    return frozenset(found)


POSSIBILITY = {
    "en": frozenset("possible possibly perhaps maybe potentially potential likely probably".split()),
    "de": frozenset("möglich mögliche möglichen möglicher mögliches möglicherweise vielleicht eventuell "
                    "wahrscheinlich".split()),
    "fr": frozenset("possible possibles peut-être éventuellement probablement".split()),
    "it": frozenset("possibile possibili forse eventualmente probabilmente".split()),
    "ru": frozenset("возможно возможный возможная возможные вероятно".split()),
}
"""Words that say a possibility as a modal verb does ("possible engine stalling" for "the engine may stall"): a cell
with one and no modal verb is not said to lack the modal (rW2 zh-en c1)."""


def _possibility(text: str, language: str) -> bool:
    return bool({w.lower() for w in words(text)} & POSSIBILITY.get(language, frozenset()))


_MONTH_NEAR_DAY = 3
"""A month name counts as a date with a figure at most this many words away ("July 15", "15. Juli", "19th of July")."""


def _months(text: str, beside_figure: bool = True) -> frozenset[str]:
    """The months a text names: beside a figure ("on July 15" gives month:07; "may cause … 2,000" gives none), or,
    with ``beside_figure`` False, anywhere ("im April"), "may", "march", "mars" and "mai" still only beside one."""
    tokens = words(text)
    found = set()
    for k, token in enumerate(tokens):
        month = MONTHS.get(fold(token))
        if month is None or token == "may":
            continue
        near = tokens[max(0, k - _MONTH_NEAR_DAY):k] + tokens[k + 1:k + 1 + _MONTH_NEAR_DAY]
        if (not beside_figure and fold(token) not in AMBIGUOUS_MONTHS) or any(t[:1].isdigit() for t in near):
            found.add(month)
    return frozenset(found)


def _differ(label: str, cells: Mapping[str, str], languages: Mapping[str, str]) -> bool:
    """Whether, among the cells of one language that the tool reads for ``label``, some carry it and others do not
    (see the module docstring)."""
    has = {sid: label in cues_in(text, languages.get(sid, "")) for sid, text in cells.items()
           if reads(label, languages.get(sid))}
    if label == "modal":  # "due to possible engine stalling" says what "may stall" says: not compared
        has = {sid: value for sid, value in has.items() if value or not _possibility(cells[sid], languages[sid])}
    groups: dict[str, set[bool]] = {}
    for sid, value in has.items():
        groups.setdefault(languages.get(sid, ""), set()).add(value)
    return any(len(values) > 1 for values in groups.values())


DATE_LANGUAGES = frozenset({"en", "de", "fr", "it", "ru", "es"})
"""Languages whose month names ``compare.align.features.MONTHS`` reads ("7月15日" is not read: Chinese cells are not
compared for a dropped date)."""


def date_dropped(cells: Mapping[str, str], languages: Mapping[str, str], original_of: Mapping[str, str]) -> bool:
    """A translation names no month where its original in the row gives a date; or, with no such original, one
    cell names no month where every other read cell (two at least) gives the same date.  Only cells whose
    language's month names are read (``DATE_LANGUAGES``) are compared."""
    read = {sid: text for sid, text in cells.items() if languages.get(sid) in DATE_LANGUAGES}
    dated = {sid: _months(text) for sid, text in read.items()}
    named = {sid: _months(text, beside_figure=False) for sid, text in read.items()}
    anchored = {sid for sid in read if original_of.get(sid) in read}
    if any(dated[original_of[sid]] and not named[sid] for sid in anchored):
        return True
    rest = [sid for sid in read if sid not in anchored]
    bare = [sid for sid in rest if not named[sid]]
    given = [dated[sid] for sid in rest if dated[sid]]
    return len(bare) == 1 and len(given) == len(rest) - 1 >= 2 and bool(frozenset.intersection(*given))


def row_cue_tags(cells: Mapping[str, str], languages: Mapping[str, str],
                 original_of: Mapping[str, str] | None = None, labels: Iterable[str] = CUE_LABELS) -> set[str]:
    """The cue tags (and "date-dropped") a row earns from its cells' text: ``cells`` maps each source to the
    text of its sentences in the row, ``original_of`` a translation to the source it was translated from."""
    original_of = original_of or {}
    tags = {label for label in labels if _differ(label, cells, languages)}
    if date_dropped(cells, languages, original_of):
        tags.add(DATE_DROPPED)
    return tags
