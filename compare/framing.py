"""Framing: the contested names and loaded terms each source chose, and whose usage each choice follows.

Two places a naming choice is found:

- a curated lexicon (``compare/data/framing_lexicon.csv``): contested places,
  events, groups and loaded terms in en, ru, de, fr, it and zh, each with whose
  usage it is and a citation saying so.  :func:`find_terms` finds them in one
  source's clean text;
- the set itself (:func:`discovered_terms`): one entity that the sources name
  differently (the gazetteer's naming choices, such as Southern Kurils /
  Northern Territories, and renderings such as Kunashir / Kunashiri) is a
  choice too, even when the lexicon does not list it.

A loaded term is a choice, never an error: every explanation says who uses
which term and never which one is right.  Offsets are into ``Source.text``
(``source.text[start:end] == text``), so the report can highlight the words.

Lexicon terms are literal, case-insensitive and matched on word boundaries
(Chinese terms, written without spaces, are matched as substrings).  ``*`` at
the end of a word stands for any word ending, so one Russian row covers the
case forms ('Южн* Курил*' finds 'Южных Курил' and 'Южные Курилы').  Where
matches overlap the longest wins; a surface form listed in several languages
takes the row in the source's own language, then English.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from compare.model import Quote, Record, Source
from compare.voice import voice_of

if TYPE_CHECKING:  # for hints only: the annotator loads models on import
    from compare.annotate import Annotations

__all__ = [
    "KINDS", "Lexicon", "LexiconEntry", "Term", "concept_label", "contested", "discovered_terms", "dispute_of",
    "is_contested_label",
    "find_terms", "framing_table", "load_lexicon",
]

KINDS = ("place", "event", "group", "term")
"""What a lexicon entry names: a place, an event, a group (or government), or a loaded word."""

LEXICON_COLUMNS = ("concept", "language", "term", "usage", "kind", "source")
"""Columns every lexicon file must have; ``match`` (yes/no) is optional and defaults to yes."""

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KIND_WORDS = {"place": "name", "event": "name for the event", "group": "name", "term": "word"}
"""How an explanation calls what a term is, by lexicon kind."""
_GENERIC = frozenset({"island", "islands", "archipelago", "region", "republic", "city", "sea", "the", "of"})
"""Words left out when two renderings of one entity are compared ('Kuril Islands' and 'Kurils' are one name)."""


@dataclass(frozen=True, slots=True)
class LexiconEntry(Record):
    """One row of the lexicon: a term, the concept it names, whose usage it is, and the citation that says so.

    ``match`` is False for common neutral phrases that are listed only as
    alternatives ('Ukrainian government' beside 'Kiev regime'): finding them in
    every text would bury the choices that matter.  ``block`` entries (``match``
    = ``block`` in the file) are matched only so that a longer name hides a
    shorter term inside it ('People's Republic of China' is not 'Republic of
    China'); they are never reported nor offered as alternatives.
    """

    concept: str
    language: str
    term: str
    usage: str
    kind: str
    source: str
    match: bool = True
    row: int = 0
    block: bool = False


@dataclass(frozen=True)
class Lexicon:
    """The lexicon's entries with their compiled patterns, and the entries of each concept."""

    entries: tuple[LexiconEntry, ...]
    patterns: tuple[re.Pattern[str], ...]
    by_concept: dict[str, tuple[LexiconEntry, ...]] = field(default_factory=dict)

    def concept_of(self, text: str, language: str | None = None) -> LexiconEntry | None:
        """The entry whose term covers the whole of ``text`` (a name found elsewhere, e.g. by the annotator)."""
        best = [e for e, p in zip(self.entries, self.patterns, strict=True)
                if not e.block and p.fullmatch(text.strip())]
        return _prefer(best, language) if best else None


@dataclass(frozen=True, slots=True)
class Term(Record):
    """A contested name or loaded term in one source, with its concept, alternatives and whose usage it follows.

    ``alternatives`` are the other terms for the same concept (the lexicon's, in
    the source's language when it has them, and those other sources of the set
    chose); ``usage`` says whose usage the chosen term follows; ``others`` lists
    what each source of the set wrote for the same concept ('000: South Kuril
    Islands'); ``origin`` is ``lexicon`` or ``set`` (found by comparing the
    sources' names for one entity); ``citation`` the lexicon's reference.
    """

    source: str
    start: int
    end: int
    text: str
    concept: str
    alternatives: tuple[str, ...]
    usage: str
    language: str = ""
    kind: str = ""
    citation: str = ""
    explanation: str = ""
    origin: str = "lexicon"
    others: tuple[str, ...] = ()
    voice: str = "outlet"
    """Whose words the term is in: ``outlet``, ``quotation`` or ``reported-speech`` (``compare.voice``)."""
    speaker: str = ""
    """Who is quoted or reported using the term (empty for the outlet's own words, or an unattributed quote)."""


# ----------------------------------------------------------------------------------------------- lexicon


def _pattern(term: str) -> re.Pattern[str]:
    """Literal, case-insensitive; ``*`` = any word ending; spaces, hyphens and apostrophes match their variants."""
    parts = []
    for char in term:
        if char == "*":
            parts.append(r"\w*")
        elif char.isspace():
            parts.append(r"\s+")
        elif char in "'’":
            parts.append("['’]")
        elif char in "-‐‑":
            parts.append(r"[-‐‑]")
        else:
            parts.append(re.escape(char))
    body = "".join(parts)
    if _CJK.search(term):
        return re.compile(body, re.IGNORECASE)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


def _read(handle: Iterable[str], name: str) -> list[LexiconEntry]:
    reader = csv.DictReader(handle)
    missing = [c for c in LEXICON_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise ValueError(f"{name}: the lexicon lacks the column(s) {', '.join(missing)}")
    entries = []
    for row_no, row in enumerate(reader, start=2):
        if not (row.get("term") or "").strip():
            continue
        if row["kind"] not in KINDS:
            raise ValueError(f"{name}, line {row_no}: kind must be one of {KINDS}, not {row['kind']!r}")
        if not (row.get("source") or "").strip():
            raise ValueError(f"{name}, line {row_no}: every entry needs a source (a citation for who uses the term)")
        entries.append(LexiconEntry(
            concept=row["concept"].strip(), language=row["language"].strip(), term=row["term"].strip(),
            usage=row["usage"].strip(), kind=row["kind"].strip(), source=row["source"].strip(),
            match=(row.get("match") or "yes").strip().lower() == "yes", row=row_no,
            block=(row.get("match") or "").strip().lower() == "block",
        ))
    return entries


def _build(entries: list[LexiconEntry]) -> Lexicon:
    by_concept: dict[str, list[LexiconEntry]] = {}
    for entry in entries:
        by_concept.setdefault(entry.concept, []).append(entry)
    return Lexicon(tuple(entries), tuple(_pattern(e.term) for e in entries),
                   {k: tuple(v) for k, v in sorted(by_concept.items())})


@lru_cache(maxsize=1)
def _packaged() -> Lexicon:
    path = resources.files("compare") / "data" / "framing_lexicon.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return _build(_read(handle, "framing_lexicon.csv"))


def lexicon_signature(path: str | Path | None = None) -> str:
    """Which lexicon a run read, as the methods section prints it: the file's name and the first 12 hex digits of
    its SHA-256 (``framing_lexicon.csv@…`` for the packaged one), so an edited entry changes the signature and a
    reader knows which list's citations the page's terms carry."""
    import hashlib

    if path is None:
        data = (resources.files("compare") / "data" / "framing_lexicon.csv").read_bytes()
        name = "framing_lexicon.csv"
    else:
        data, name = Path(path).read_bytes(), Path(path).name
    return f"{name}@{hashlib.sha256(data).hexdigest()[:12]}"


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The packaged lexicon (cached), or the CSV at ``path`` with the same columns (a teacher's own list)."""
    if path is None:
        return _packaged()
    with open(path, encoding="utf-8", newline="") as handle:
        return _build(_read(handle, str(path)))


def _prefer(entries: Sequence[LexiconEntry], language: str | None) -> LexiconEntry:
    """Of entries with the same surface form, the one in the source's language, then English, then file order."""
    return min(entries, key=lambda e: (e.language != language, e.language != "en", e.row))


@lru_cache(maxsize=1)
def _disputes() -> dict[str, str]:
    path = resources.files("compare") / "data" / "framing_disputes.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["concept"].strip(): row["dispute"].strip() for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _parts() -> dict[str, tuple[str, str]]:
    path = resources.files("compare") / "data" / "framing_disputes.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["concept"].strip(): (row["part_of"].strip(), row["part"].strip())
                for row in csv.DictReader(handle) if (row.get("part_of") or "").strip()}


def part_of(concept: str) -> tuple[str, str] | None:
    """(the concept it is one part of, what the part is) for a place that is one part of a named whole ('iturup' ->
    ('southern-kurils', 'island')), else None.

    Why: 'Etorofu' names one island, not the group; a line about the names a source gives the group must not count
    it as a usage for the group (issue 23, r36: "004 mixes usages: Japanese government 'Etorofu'" under "Names for
    the Southern Kuril Islands") (``compare/data/framing_disputes.csv``, columns ``part_of`` and ``part``)."""
    return _parts().get(concept)


@lru_cache(maxsize=1)
def _takes_in() -> dict[str, str]:
    path = resources.files("compare") / "data" / "framing_disputes.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["concept"].strip(): row["takes_in"].strip()
                for row in csv.DictReader(handle) if (row.get("takes_in") or "").strip()}


def takes_in(concept: str) -> str | None:
    """The contested concept that the whole named by ``concept`` takes in ('kuril-chain' -> 'southern-kurils'),
    else None.

    Why: 000 (2019) calls the area of the build-up plainly "the Kuril Islands", the name of the whole chain, which
    in Russian usage takes in the disputed islands; a list of the names each source gives the disputed islands that
    leaves it out told a class that 000 uses only a paraphrase's "South Kuril Islands" (issue 23, r42).  The chain's
    names are not names *for* the disputed islands, so they are listed beside them, said as the whole chain's
    (``compare/data/framing_disputes.csv``, column ``takes_in``)."""
    return _takes_in().get(concept)


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    path = resources.files("compare") / "data" / "framing_labels.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["concept"].strip(): row["label"].strip() for row in csv.DictReader(handle)}


def contested(concept: str, lexicon: Lexicon | None = None) -> bool:
    """Whether the lexicon gives the concept names of two or more usages (two sides, or a side and a neutral name)."""
    entries = (lexicon or load_lexicon()).by_concept.get(concept, ())
    return len({_usage_key(e.usage) for e in entries if not e.block}) > 1


def concept_label(concept: str) -> str | None:
    """The page's label for a contested concept, naming no side's usage alone ('Iturup / Etorofu'), else None.

    Why: a question or a table row that calls the islands 'Southern Kuril Islands' asks in the Russian government's
    name while the page itself says whose usage that is; students take the question's word as the neutral one
    (issue 23, r40) (``compare/data/framing_labels.csv``, one row per contested concept)."""
    return _labels().get(concept)


def is_contested_label(name: str) -> bool:
    """Whether a names-table row is labelled by a contested concept's neutral label ('Iturup / Etorofu')."""
    return name in _label_set()


@lru_cache(maxsize=1)
def _label_set() -> frozenset[str]:
    """The neutral labels, once per run: the names table asks per row, in its sort key and the hand-out's filter."""
    return frozenset(_labels().values())


def dispute_of(concept: str) -> str:
    """The naming dispute a concept belongs to ('iturup' -> 'the Kuril Islands dispute'), else the concept's own
    name: a source that writes the Japanese 'Etorofu' and the neutral 'disputed islands' mixes usages within one
    dispute, though the lexicon lists the island and the island group as two concepts
    (``compare/data/framing_disputes.csv``)."""
    return _disputes().get(concept, concept.replace("-", " "))


# ----------------------------------------------------------------------------------------------- matching


def _alternatives(lexicon: Lexicon, entry: LexiconEntry, language: str) -> tuple[LexiconEntry, ...]:
    """Other terms of the concept with another usage, in the source's language (English when it has none)."""
    rows = [e for e in lexicon.by_concept.get(entry.concept, ())
            if not e.block and _usage_key(e.usage) != _usage_key(entry.usage)]
    for lang in (language, "en"):
        chosen = [e for e in rows if e.language == lang]
        if chosen:
            return tuple(chosen)
    return ()


def _usage_key(usage: str) -> str:
    """Whose usage, without the parenthesised detail: 'Russian government (in French)' is the Russian government's."""
    return usage.split(" (")[0].strip().casefold()


def _name_key(text: str) -> str:
    return re.sub(r"^the\s+", "", text.strip().casefold())


def _dedupe(names: Iterable[str]) -> tuple[str, ...]:
    """Names in first-seen order, one per case-folded form without a leading 'the'."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(_name_key(name), name)
    return tuple(seen.values())


def _explain(text: str, entry: LexiconEntry | None, usage: str, alternatives: Sequence[LexiconEntry],
             others: Sequence[str], kind: str) -> str:
    """Who uses this term and who uses the others: a choice, never a verdict."""
    what = _KIND_WORDS.get(kind, "name")
    sentence = f"'{text}': the {what} in the usage of {usage}" if usage else f"'{text}': one {what} among several"
    if entry is not None:
        sentence += f" (source: {entry.source})"
    sentence += "."
    if alternatives:
        listed = "; ".join(f"'{a.term}' ({a.usage})" for a in alternatives[:6])
        sentence += f" Other usages: {listed}."
    if others:
        sentence += f" In this set: {'; '.join(others)}."
    return sentence


_LOOKBEHIND = r"(?<![\w-])"
_WORD_OR_HYPHEN = re.compile(r"[\w-]")
"""What :func:`_pattern`'s lookbehind refuses before a term, as the same character class."""


@lru_cache(maxsize=4096)
def _without_lookbehind(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern less its leading lookbehind, or None where that changes what it can match (an empty match).

    A pattern that opens with a lookbehind gives the regex engine no first character to search for, so it
    tries every position of the text; without it, the engine skips to where a term can start.
    """
    if not pattern.pattern.startswith(_LOOKBEHIND):
        return None
    fast = re.compile(pattern.pattern[len(_LOOKBEHIND):], pattern.flags)
    return None if fast.match("") is not None else fast


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """``(m.start(), m.end())`` of ``pattern.finditer(text)``: the same spans, about twice as fast.

    Each match of the pattern less its lookbehind that the lookbehind would allow is the pattern's own match
    there (the lookbehind reads no character of the match); one it would refuse is passed over by one
    character, as the pattern's own search passes over that position.
    """
    fast = _without_lookbehind(pattern)
    if fast is None:
        yield from ((m.start(), m.end()) for m in pattern.finditer(text))
        return
    position = 0
    while (m := fast.search(text, position)) is not None:
        start = m.start()
        if start > 0 and _WORD_OR_HYPHEN.match(text, start - 1):
            position = start + 1
            continue
        yield start, m.end()
        position = m.end()


NAMING_LABELS = frozenset({"distancing-labels"})
"""Concepts whose terms ('so-called', 'так называемый') mark distance from a name, but before a document's
title only introduce it: 'The so-called Declaration, the only document signed and ratified by both countries in
1956' is the neutral 'the one called the Declaration' (a translator's rendering of 'так называемая')."""
DOCUMENT_WORDS = frozenset({
    "declaration", "declarations", "treaty", "treaties", "agreement", "agreements", "accord", "accords",
    "convention", "conventions", "charter", "protocol", "protocols", "pact", "memorandum", "communiqué",
    "communique", "act", "resolution", "statement", "doctrine", "plan", "deal",
    "декларация", "декларации", "договор", "договора", "соглашение", "соглашения", "конвенция", "конвенции",
    "хартия", "протокол", "пакт", "меморандум", "коммюнике",
})
"""Heads of a document's or treaty's title; a capitalised one after a naming label makes it a title's
introduction, not a distancing label."""
_TITLE_AFTER = re.compile(r"\s+(?:[«\"“„'‘])?((?:[A-ZА-ЯЁ][\w’'-]*\s+){0,4}[A-ZА-ЯЁ][\w’'-]*)")


def introduces_title(text: str, end: int) -> bool:
    """Whether a naming label ending at ``end`` stands before a capitalised document title ('so-called
    Declaration', 'so-called Minsk Agreements'), which it names rather than distances itself from."""
    found = _TITLE_AFTER.match(text, end)
    if found is None:
        return False
    return any(word.casefold().strip("’'") in DOCUMENT_WORDS for word in found.group(1).split())


def find_terms(source: Source, lexicon: Lexicon | None = None) -> list[Term]:
    """Every lexicon term in ``source.text``, longest match first, never overlapping, sorted by offset.

    Rows carry the lexicon's alternatives and usage; :func:`framing_table`
    adds what the other sources of a set chose.
    """
    lexicon = lexicon or load_lexicon()
    text = source.text
    language = source.language
    spans: dict[tuple[int, int], list[LexiconEntry]] = {}
    for entry, pattern in zip(lexicon.entries, lexicon.patterns, strict=True):
        if not (entry.match or entry.block):
            continue
        for start, end in _matches(pattern, text):
            if end > start:
                spans.setdefault((start, end), []).append(entry)
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[int, int, LexiconEntry]] = []
    for (start, end), entries in sorted(spans.items(), key=lambda kv: (kv[0][0] - kv[0][1], kv[0][0])):
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, _prefer(entries, language)))
    out = []
    for start, end, entry in sorted(chosen, key=lambda c: (c[0], c[1])):
        if entry.block or (entry.concept in NAMING_LABELS and introduces_title(text, end)):
            continue
        found = text[start:end]
        alternatives = _alternatives(lexicon, entry, language)
        out.append(Term(
            source=source.id, start=start, end=end, text=found, concept=entry.concept,
            alternatives=_dedupe(a.term for a in alternatives), usage=entry.usage, language=entry.language,
            kind=entry.kind, citation=entry.source,
            explanation=_explain(found, entry, entry.usage, alternatives, (), entry.kind), origin="lexicon",
        ))
    return out


# ----------------------------------------------------------------------------------------------- discovered


def _normal_form(name: str) -> tuple[str, ...]:
    """Tokens of a name without generic words, plural -s and case: one key for 'Kuril Islands' and 'Kurils'."""
    tokens = re.findall(r"\w+", name.casefold())
    kept = [t[:-1] if len(t) > 4 and t.endswith("s") else t for t in tokens if t not in _GENERIC]
    return tuple(kept) or tuple(tokens)


def _is_acronym(name: str) -> bool:
    letters = re.sub(r"[\W_]", "", name)
    return bool(letters) and letters.isupper() and len(letters) <= 6


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (unit costs), from rapidfuzz rather than a Python loop."""
    return Levenshtein.distance(a, b)


def _distinct_renderings(a: str, b: str) -> bool:
    """True when two names of one entity are different names, not spellings, abbreviations or long forms.

    'Kunashir' / 'Kunashiri' (a Russian and a Japanese rendering) and 'Iturup' /
    'Etorofu' count; 'Sergey' / 'Sergei' (romanisation: the artifacts stage's
    business), 'DPRK' / 'North Korea' (acronym), 'Russia' / 'Russian Federation'
    (long form), 'Asia-Pacific' / 'Asian-Pacific' (spelling) do not.
    """
    from compare.artifacts.transliteration import romanisation_key

    na, nb = _normal_form(a), _normal_form(b)
    if na == nb or _is_acronym(a) or _is_acronym(b):
        return False
    if romanisation_key(" ".join(na)) == romanisation_key(" ".join(nb)):
        return False
    if len(na) != len(nb) and (na[0].startswith(nb[0]) or nb[0].startswith(na[0])):
        return False
    if len(na) > 1 and len(na) == len(nb) and (
            _edit_distance(" ".join(na), " ".join(nb)) <= 2
            or all(x.startswith(y) or y.startswith(x) for x, y in zip(na, nb, strict=True))):
        return False  # 'Asia-Pacific' / 'Asian-Pacific', 'South Kuril' / 'Southern Kuril': one name, two spellings
    return True


def _choice_labels() -> dict[str, str]:
    """Gazetteer alias (case-folded) -> naming-choice label, for every entry that keeps rival names apart."""
    from compare.annotate.gazetteer import ENTRIES

    return {alias.casefold(): label for entry in ENTRIES for alias, label in entry.choices.items()}


def discovered_terms(sources: Sequence[Source], annotations: Annotations, lexicon: Lexicon | None = None) -> list[Term]:
    """Rows for entities the sources of the set name differently: naming choices and distinct renderings.

    An entity with two naming choices (the gazetteer's labels: 'Southern Kurils'
    vs 'Northern Territories') gives a row for every mention carrying a label.
    A place or organisation that one source names X and another Y, where
    neither source uses both and X and Y are different names (see
    :func:`_distinct_renderings`), gives a row for each of those mentions.
    Where the lexicon knows the name, its concept, usage and citation are used.
    """
    lexicon = lexicon or load_lexicon()
    by_id = {s.id: s for s in sources}
    labels = _choice_labels()
    mentions = getattr(annotations, "mentions", None) or {}
    rows: list[Term] = []
    for entity in getattr(annotations, "entities", ()) or ():
        if entity.type == "person":
            continue
        per_source = {sid: set(v) for sid, v in entity.variants.items() if sid in by_id}
        wanted: dict[str, set[str]] = {sid: set() for sid in per_source}  # source -> forms that are choices
        alternatives: dict[str, set[str]] = {}
        if len(entity.naming_choices) >= 2:
            for sid, forms in per_source.items():
                for form in forms:
                    label = labels.get(form.casefold())
                    if label:
                        wanted[sid].add(form)
                        alternatives.setdefault(form, set()).update(k for k in entity.naming_choices if k != label)
        all_forms = sorted({f for forms in per_source.values() for f in forms})
        for x in all_forms:
            for y in all_forms:
                if x >= y or not _distinct_renderings(x, y):
                    continue
                users_x = {sid for sid, f in per_source.items() if x in f and y not in f}
                users_y = {sid for sid, f in per_source.items() if y in f and x not in f}
                # a choice is made within one language: a German source's 'Großbritanniens' beside the English
                # 'Britain' is the one name in German, inflected, not another name (issue 23, planted p03 M4)
                same_language = ({by_id[sid].language for sid in users_x}
                                 & {by_id[sid].language for sid in users_y})
                if users_x and users_y and same_language:
                    for sid in users_x:
                        wanted[sid].add(x)
                    for sid in users_y:
                        wanted[sid].add(y)
                    alternatives.setdefault(x, set()).add(y)
                    alternatives.setdefault(y, set()).add(x)
        for sid, forms in sorted(wanted.items()):
            for mention in mentions.get(sid, ()):
                if mention.entity != entity.id or mention.text not in forms:
                    continue
                source = by_id[sid]
                entry = lexicon.concept_of(mention.text, source.language)
                label = labels.get(mention.text.casefold())
                users = sorted(s for s, f in per_source.items() if mention.text in f)
                usage = entry.usage if entry else (
                    f"the sources {', '.join(users)} of this set" + (f" (the '{label}' naming)" if label else ""))
                rows.append(Term(
                    source=sid, start=mention.start, end=mention.end, text=source.text[mention.start:mention.end],
                    concept=entry.concept if entry else entity.id,
                    alternatives=tuple(sorted(alternatives.get(mention.text, ()))), usage=usage,
                    language=entry.language if entry else source.language,
                    kind=entry.kind if entry else ("place" if entity.type == "place" else "group"),
                    citation=entry.source if entry else "", origin="set",
                ))
    return sorted(rows, key=lambda t: (t.source, t.start, t.end, t.concept))


# ----------------------------------------------------------------------------------------------- the table


def framing_table(sources: Sequence[Source], annotations: Annotations | None = None,
                  lexicon: Lexicon | None = None) -> list[Term]:
    """Every source's contested names and loaded terms, with what the other sources chose for the same concept.

    Lexicon rows and discovered rows are merged (a discovered row at the span of
    a lexicon row adds its alternatives to it); ``others`` and the explanation
    then list every source's wording of each concept; ``voice`` and ``speaker``
    say whether the term is the outlet's word or a quoted or reported speaker's
    (from the annotations' quotes: ``compare.voice``).  Sorted by source, offset
    and concept, so the output is deterministic.
    """
    lexicon = lexicon or load_lexicon()
    by_id = {s.id: s for s in sources}
    quotes: dict[str, Sequence[Quote]] = dict(getattr(annotations, "quotes", None) or {})
    rows: dict[tuple[str, int, int], Term] = {}
    for source in sorted(sources, key=lambda s: s.id):
        for term in find_terms(source, lexicon):
            rows[(term.source, term.start, term.end)] = term
    if annotations is not None:
        for term in discovered_terms(sources, annotations, lexicon):
            key = (term.source, term.start, term.end)
            overlapping = [k for k in rows if k[0] == term.source and k[1] < term.end and term.start < k[2]]
            if not overlapping:  # a lexicon row at the span already says whose usage it is
                rows[key] = term
    by_concept: dict[str, list[Term]] = {}
    for term in rows.values():
        by_concept.setdefault(term.concept, []).append(term)
    out = []
    for term in rows.values():
        others = tuple(dict.fromkeys(
            f"{t.source}: {t.text}" for t in sorted(by_concept[term.concept], key=lambda t: (t.source, t.start))
            if t.text.casefold() != term.text.casefold()
        ))
        set_alternatives = tuple(
            t.text for t in sorted(by_concept[term.concept], key=lambda t: (t.source, t.start))
            if _usage_key(t.usage) != _usage_key(term.usage) and _name_key(t.text) != _name_key(term.text)
        )
        alternatives = tuple(a for a in _dedupe(term.alternatives + set_alternatives)
                             if _name_key(a) != _name_key(term.text))
        entry = None if term.origin == "set" and not term.citation else lexicon.concept_of(term.text, term.language)
        lexicon_alternatives = (_alternatives(lexicon, entry, term.language) if entry is not None else ())
        explanation = _explain(term.text, entry, term.usage, lexicon_alternatives, others, term.kind)
        if term.origin == "set" and entry is None:
            explanation = (f"'{term.text}': the name {term.usage} use for this {term.kind}; other sources of the set "
                           f"write {', '.join(repr(a) for a in alternatives)}. Different names for one {term.kind} are "
                           "a choice of usage, not an error.")
        out.append(replace(term, others=others, alternatives=alternatives, explanation=explanation,
                           **_voice(by_id[term.source], term, quotes.get(term.source, ()))))
    return sorted(out, key=lambda t: (t.source, t.start, t.end, t.concept))


def _voice(source: Source, term: Term, quotes: Sequence[Quote]) -> dict[str, str]:
    """The term's voice and speaker, read in the sentence that holds it (``compare.voice``)."""
    sentence = next(((s.start, s.end) for s in source.sentences if s.start <= term.start < s.end),
                    (term.start, term.end))
    voice, speaker = voice_of(source.text, term.start, term.end, sentence, quotes)
    return {"voice": voice, "speaker": speaker}
