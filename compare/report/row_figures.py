"""Which source gives which figure in one side-by-side row, and which pairs' linked sentences differ in one.

A row tagged "number" says only that two linked sentences give different numbers; the first screen said "In
statement c8, p01-a and p01-c and p01-d and p01-e: the linked sentences give different numbers" where only
p01-c has ABC 30 and the three others ABC 10 (issue 23, truth18, planted set p01).  A class reads that as four
different figures.  ``figure_split`` says who gives which, from the row's sentences as sentences.csv holds them,
the same digits ``compare.align.labels`` compares.

A pair's chrF over its linked sentences is near 100 when one figure in one sentence changed: the overview called
such a pair "closest" (p03-b/p03-d, 450 against 250) with no word of the change.  ``pair_content_rows`` gives the
rows where the two sources' own sentences differ in a number, a date or a negation, so a ranking can say so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from compare.align.features import figure_words, words
from compare.align.labels import NEGATION, cues, divergences, figures, without_false_negations

CONTENT = ("number", "date", "negation")
"""The tags that mark a change of content in a linked sentence (``compare.report.glance.CONTENT_TAGS``)."""
CONTENT_WORDS = {"number": "a number", "date": "a date", "negation": "a negation"}
ALIKE = 90.0
"""chrF over linked sentences from which every pair reads as the same wording (``compare.align.labels``'s verbatim
floor): above it no pair "differs most" (p01: "the wording of p01-a and p01-c differs most (chrF 100 …)")."""
MIN_SPREAD = 5.0
"""chrF points between the least and the most alike pair below which neither is named as such: p03-d/p03-e at 99
"differ most" beside pairs at 100, though word for word the same wherever p03-d has a sentence."""


def row_texts(sentences: Iterable[Mapping[str, Any]], claim: str) -> dict[str, str]:
    """Each source's sentences of one row (its claim id), joined in text order."""
    parts: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for r in sentences:
        if r.get("claim") == claim:
            parts[r["source"]].append((int(r["index"]), r["text"]))
    return {sid: " ".join(text for _, text in sorted(found)) for sid, found in parts.items()}


def sentence_languages(sentences: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Each source's language as its sentence rows give it ('und' and blanks left out): scale words are read by it
    ("Billion" is a trillion in German: ``compare.annotate.figures.LONG_SCALE``)."""
    return {r["source"]: r["language"] for r in sentences if r.get("language") and r["language"] != "und"}


def _joined(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _written(value: str, texts: Sequence[str], languages: Sequence[str | None] = ()) -> str:
    """A figure as most of ``texts`` write it ('12,000', not the compared '12000', nor one German text's
    '12.000' among three), quoted with the words either side that say what it is of (‘A 4-0 win’, ‘July 39’:
    ``figure_words``); a date anchor as 'month 05'."""
    if value.startswith("month:"):
        return value.replace("month:", "month ")
    langs = list(languages) + [None] * (len(texts) - len(languages))
    forms = Counter(figure_words(text, value, language or "en") for text, language in zip(texts, langs, strict=True))
    forms.pop(None, None)
    if not forms:
        return value
    return "‘" + max(forms, key=lambda f: (forms[f], -min(i for i, t in enumerate(texts) if f in t))) + "’"


def figure_split(texts: Mapping[str, str], tag: str = "number",
                 label: Mapping[str, str] | None = None, languages: Mapping[str, str] | None = None) -> str | None:
    """"p01-c has 30 where p01-a, p01-d and p01-e have 10": the one source giving figures (``tag`` "number" or
    "date") no other source gives, with the figures it lacks that most of the others give and the sources giving
    them; where each source gives its own, the sources grouped by them.  None where no source stands out so (a
    source leaving a figure out is not one giving another: p05-b without the '2' of "2 years" is not said)."""
    named = {sid: (label or {}).get(sid, sid) for sid in texts}
    kind = 0 if tag == "number" else 1
    languages = languages or {}
    found = {sid: figures(text, languages.get(sid))[kind] for sid, text in texts.items()}
    if len(found) < 2 or not all(found.values()):
        return None

    def shown(values: Iterable[str], sources: Sequence[str]) -> str:
        # written as the sources it is said of write it (p07-d's German '12.000' is not said of p07-a's '12,000')
        return ", ".join(_written(v, [texts[s] for s in sources], [languages.get(s) for s in sources])
                         for v in sorted(values))

    def verb(sources: Sequence[str]) -> str:
        return "has" if len(sources) == 1 else "have"

    own = {sid: found[sid] - frozenset().union(*(found[o] for o in found if o != sid)) for sid in sorted(found)}
    alone = [sid for sid, values in own.items() if values]
    if len(alone) == 1:
        lone = alone[0]
        others = [o for o in sorted(found) if o != lone]
        most = {v for v in frozenset().union(*(found[o] for o in others)) - found[lone]
                if 2 * sum(v in found[o] for o in others) >= len(others)}
        giving = [o for o in others if found[o] & most]
        if not most or not giving:
            return None
        return (f"{named[lone]} has {shown(own[lone], [lone])} where {_joined([named[o] for o in giving])} "
                f"{verb(giving)} {shown(most, giving)}{_conversion(texts, languages, named)}")
    if len(alone) == len(found):
        return ("; ".join(f"{named[sid]} has {shown(own[sid], [sid])}" for sid in sorted(found))
                + _conversion(texts, languages, named))
    return None


def _conversion(texts: Mapping[str, str], languages: Mapping[str, str], named: Mapping[str, str]) -> str:
    """" (w021-c's ‘220 Hektar’ is w021-a's ‘550-acre’ in other units)": where one source's figure is another's
    measure converted to another unit, the row says so -- the figures rightly differ, and a class should read a
    conversion, not a changed figure (W bench w021: the original's "550-acre park" is "220 Hektar" in one German
    rendering and "550 Hektar" in two).  Empty where no two sources' measures convert."""
    from compare.annotate.units import converted, measures

    found = {sid: measures(text, languages.get(sid)) for sid, text in sorted(texts.items())}
    for a in sorted(found):
        for b in sorted(found):
            pair = next(((x, y) for x in found[a] for y in found[b] if a < b and converted(x, y)), None)
            if pair:
                return f" ({named[a]}'s ‘{pair[0].written}’ is {named[b]}'s ‘{pair[1].written}’ in other units)"
    return ""


def negation_split(texts: Mapping[str, str], label: Mapping[str, str] | None = None) -> str | None:
    """"p03-c has ‘not’ where p03-b, p03-d and p03-e have no negation": the sources of a row (one language) split
    by whether their sentence has a negation cue, the words quoted; None where all agree."""
    named = {sid: (label or {}).get(sid, sid) for sid in texts}
    having = sorted(sid for sid, text in texts.items() if "negation" in cues(text))
    lacking = sorted(sid for sid in texts if sid not in having)
    if not having or not lacking:
        return None
    said = sorted({w.lower() for sid in having for w in words(without_false_negations(texts[sid]))
                   if w.lower() in NEGATION}
                  | ({"n't"} if any("n't" in texts[sid] or "n’t" in texts[sid] for sid in having) else set()))
    shown = " or ".join(f"‘{w}’" for w in said) if said else "a negation"
    if len(having) <= len(lacking):
        return (f"{_joined([named[s] for s in having])} {'has' if len(having) == 1 else 'have'} {shown} where "
                f"{_joined([named[s] for s in lacking])} {'has' if len(lacking) == 1 else 'have'} no negation")
    return (f"{_joined([named[s] for s in lacking])} {'has' if len(lacking) == 1 else 'have'} no negation where "
            f"{_joined([named[s] for s in having])} {'has' if len(having) == 1 else 'have'} {shown}")


def left_open_split(texts: Mapping[str, str], label: Mapping[str, str] | None = None,
                    languages: Mapping[str, str] | None = None) -> str | None:
    """"w036-c and w036-d say it was left open (‘did not say whether’) where w036-a does not: …": the sources of
    one language split by the row tag "left-open", its phrase quoted; None where they agree.

    Why: r41 zh-en-259 M1: a human translation made Delta's "did not say whether there had been engine stalls"
    into "no stalling incidents had occurred", the set's one reversal of meaning; the row was tagged, but the first
    screen named a wording figure instead."""
    from compare.align.row_cues import _LEFT_OPEN, LEFT_OPEN, cues_in

    named = {sid: (label or {}).get(sid, sid) for sid in texts}
    by_language: dict[str, dict[str, bool]] = defaultdict(dict)
    for sid, text in sorted(texts.items()):
        language = (languages or {}).get(sid, "")
        if language in _LEFT_OPEN:
            by_language[language][sid] = LEFT_OPEN in cues_in(text, language)
    for language, has in by_language.items():
        open_ = sorted(sid for sid, value in has.items() if value)
        said = sorted(sid for sid, value in has.items() if not value)
        if open_ and said:
            found = _LEFT_OPEN[language].search(texts[open_[0]])
            phrase = f" (‘{found.group(0)}’)" if found else ""
            return (f"{_joined([named[s] for s in open_])} {'says' if len(open_) == 1 else 'say'} it was left "
                    f"open{phrase} where {_joined([named[s] for s in said])} {'does' if len(said) == 1 else 'do'} "
                    f"not: check whether {'it says' if len(said) == 1 else 'they say'} it happened, or did not")
    return None


def content_split(texts: Mapping[str, str], tag: str, label: Mapping[str, str] | None = None,
                  languages: Mapping[str, str] | None = None) -> str | None:
    """Who gives which figure, who has the negation, or who says a question was left open, in one row
    (``figure_split``, ``negation_split``, ``left_open_split``); a negation only among the sources of one language
    (the cue is compared within a language), the first language whose sources split."""
    if tag == "left-open":
        return left_open_split(texts, label, languages)
    if tag != "negation":
        return figure_split(texts, tag, label, languages)
    by_language: dict[str, dict[str, str]] = defaultdict(dict)
    for sid, text in sorted(texts.items()):
        by_language[(languages or {}).get(sid, "")][sid] = text
    for group in by_language.values():
        said = negation_split(group, label) if len(group) > 1 else None
        if said:
            return said
    return None


def pair_content_rows(sentences: Sequence[Mapping[str, Any]], a: str, b: str,
                      same_language: bool = True) -> list[tuple[str, str]]:
    """(row number, tag) for each row where ``a``'s and ``b``'s own sentences differ in a number, a date or (same
    language only) a negation, in row order."""
    languages = sentence_languages(sentences)
    claims = sorted({r["claim"] for r in sentences if r.get("claim") and r["source"] == a}
                    & {r["claim"] for r in sentences if r.get("claim") and r["source"] == b},
                    key=lambda c: (len(c), c))
    found = []
    for claim in claims:
        texts = row_texts(sentences, claim)
        tags = divergences(texts[a], texts[b], same_language, (languages.get(a), languages.get(b)))
        for tag in CONTENT:
            if tag in tags:
                found.append((str(claim).rsplit(":", 1)[-1], tag))
                break
    return found


def content_note(rows: Sequence[tuple[str, str]]) -> str:
    """"a number in row c8" / "a number in row c8 and a negation in row c19"."""
    return _joined([f"{CONTENT_WORDS[tag]} in row {row}" for row, tag in rows])
