"""Checks that provenance's evidence holds against the whole set before it is said (issue 23).

Each function verifies one kind of statement the provenance section makes, from
the texts and the stages' outputs, so that the sentence is written only where
it is true:

- ``rare_shared_words``: "they share rare words no other source has", searched in
  every source of the set, not only the event's members (2017: 'kuril' was
  said to be 002's and 004's alone while 000, 001 and 003 have 'Kuril').
- ``one_entity_spellings``: "spells one name two ways" only for two spellings of
  one name inside the one text ('Sergey' and 'Sergei'), never for a spelling
  that differs from other sources ('Shoygu').
- ``covered_share``: "what they share comes from X" only with the share of their
  shared statements that X covers.
- ``page_languages``: the other language versions a page offers (its language
  switcher, removed as page residue): an official English page of a ministry
  whose page also offers one other language is that language's translation.
- ``detail_conflicts``: two renderings of one statement whose checkable details
  (numbers, dates, a negation; modal verbs within one language) differ are not a text and its translation;
  ``rendering_votes``: which of two near-copies a text renders, from the details where the copies differ.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from unidecode import unidecode

from compare.model import Link, Source

WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
SWITCHER_CODE = re.compile(r"\b([a-z]{2})(?:-[A-Z]{2})?\d*\b")


def source_words(source: Source) -> dict[str, tuple[int, int]]:
    """Each word of four letters or more (case-folded) and the span of its first use."""
    return _words_of(source.text)


@lru_cache(maxsize=4096)
def _words_of(text: str) -> dict[str, tuple[int, int]]:
    # Memoised: provenance asks for the same texts once per candidate pair (on 200 WMT21 documents, 149,396
    # scans of 200 texts took 17% of the run); callers only read the result.
    out: dict[str, tuple[int, int]] = {}
    for m in WORD.finditer(text):
        out.setdefault(m.group().casefold(), (m.start(), m.end()))
    return out


@lru_cache(maxsize=8)
def _sources_with(texts: tuple[tuple[str, str], ...]) -> dict[str, int]:
    """How many sources of the set (given as (id, text) pairs) use each word: built once per set, not per pair."""
    counts: dict[str, int] = {}
    for _, text in texts:
        for word in _words_of(text):
            counts[word] = counts.get(word, 0) + 1
    return counts


def rare_shared_words(a: Source, b: Source, everyone: Iterable[Source], language: str,
                      rare_zipf: float) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    """(word, span in a, span in b) for the rare words a and b share that no other source of ``everyone``
    (the whole set) uses.  Rare: Zipf frequency below ``rare_zipf`` in ``language``."""
    from compare.wordfreqs import zipf

    words_a, words_b = source_words(a), source_words(b)
    pairs = tuple((s.id, s.text) for s in everyone)
    users = _sources_with(pairs)
    own = sum(1 for sid, _ in pairs if sid in (a.id, b.id))  # a and b themselves, where the set holds them
    out = []
    for word in sorted(set(words_a) & set(words_b)):
        if users.get(word, 0) > own:
            continue  # another source of the set uses it
        frequency = zipf(word, language)
        if frequency is not None and frequency < rare_zipf:
            out.append((word, words_a[word], words_b[word]))
    return out


def one_entity_spellings(source: Source) -> list[tuple[str, ...]]:
    """Groups of two or more spellings of one name inside ``source`` ('Sergey', 'Sergei'), each group in the
    order of first use; a name spelled one way here and another way elsewhere is no such group."""
    from compare.artifacts.transliteration import name_spellings

    groups = name_spellings(source.text, source.sentences)
    first = {}
    for m in re.finditer(r"\w+", source.text):
        first.setdefault(m.group(), m.start())
    return sorted((tuple(sorted(counter, key=lambda w: first.get(w, 0))) for counter in groups.values()
                   if len(counter) > 1), key=lambda g: first.get(g[0], 0))


def _linked(x: str, y: str, links: Sequence[Link]) -> list[tuple[int, int]]:
    """(sentence of x, sentence of y) for each link between x and y, in the order of ``links``."""
    return [(lk.sentence_a, lk.sentence_b) if lk.source_a == x else (lk.sentence_b, lk.sentence_a)
            for lk in _links_by_pair(links).get(frozenset((x, y)), ())]


_BY_PAIR: list[tuple[tuple[Link, ...], dict[frozenset[str], list[Link]]]] = []
"""The last event's links and their index by pair of sources (one entry: the findings ask about one event at a time)."""


def _links_by_pair(links: Sequence[Link]) -> dict[frozenset[str], list[Link]]:
    """``links`` grouped by their two sources (unordered), each group in the order of ``links``.

    Why: the provenance findings ask :func:`_linked` for one pair after another of the same event, and each
    call scanned every link of the event (3.5 % of a 200-document run's main-process time).  An event's links
    are a tuple, so the index is built once per event and found again by identity; a list (which could change
    between calls) is indexed afresh each time.
    """
    if isinstance(links, tuple) and _BY_PAIR and _BY_PAIR[0][0] is links:
        return _BY_PAIR[0][1]
    index: dict[frozenset[str], list[Link]] = {}
    for lk in links:
        index.setdefault(frozenset((lk.source_a, lk.source_b)), []).append(lk)
    if isinstance(links, tuple):
        _BY_PAIR[:] = [(links, index)]
    return index


def _parent_sides(a: str, b: str, parent: str, links: Sequence[Link]) -> tuple[set[int], set[int], set[int]]:
    """(statements a and b share, those whose two sides are linked to one sentence of ``parent``, those with
    either side linked to ``parent``): a statement is a sentence of a linked to b."""
    shared = sorted(set(_linked(a, b, links)))
    to_parent_a: dict[int, set[int]] = {}
    to_parent_b: dict[int, set[int]] = {}
    for i, k in _linked(a, parent, links):
        to_parent_a.setdefault(i, set()).add(k)
    for j, k in _linked(b, parent, links):
        to_parent_b.setdefault(j, set()).add(k)
    statements = {i for i, _ in shared}
    covered = {i for i, j in shared if to_parent_a.get(i, set()) & to_parent_b.get(j, set())}
    either = {i for i, j in shared if to_parent_a.get(i) or to_parent_b.get(j)}
    return statements, covered, either


def covered_share(a: str, b: str, parent: str, links: Sequence[Link]) -> tuple[int, int]:
    """(statements a and b share that ``parent`` also renders, statements a and b share).

    A statement is a sentence of a linked to b; it counts as covered when that sentence of a and its partner
    in b are both linked to one and the same sentence of ``parent`` (a triangle): a link on one side alone is
    often a topic link, and counting it said that 001 covered all that 000 and 003 share."""
    statements, covered, _ = _parent_sides(a, b, parent, links)
    return len(covered), len(statements)


def one_side_only(a: str, b: str, parent: str, links: Sequence[Link]) -> int:
    """Statements a and b share that ``parent`` renders on one side only: a sentence of a, or its partner in b,
    is linked to ``parent``, but not both to one sentence of it.

    ``covered_share`` does not count them (a one-sided link is often a topic link), yet the side-by-side shows
    ``parent``'s counterpart in their row: "renders 7 of the 8" then read as false to a reader checking the eighth
    row.  The sibling sentence says how many there are, so its figure is exact."""
    _, covered, either = _parent_sides(a, b, parent, links)
    return len(either - covered)


_ENTITIES: list[tuple[object, dict[str, object]]] = []
"""The last annotations' entities by id (one entry: every pair of a run reads the same annotations)."""


def _entities_by_id(annotations: object) -> Callable[[str], Any]:
    """``annotations.entity``, answered from an index of the entities by id (the first of an id, as it returns).

    Why: ``Annotations.entity`` scans every entity of the set; the provenance findings asked it once per
    mention of three sources per pair (51,000 scans in a 200-document run).  Annotations are frozen, so the
    index is built once and found again by identity; anything else is asked as before.
    """
    if annotations is None:  # no annotations (a trace without them): no mention has an entity to look up
        return lambda _id: None
    entities = getattr(annotations, "entities", None)
    if not isinstance(entities, tuple):
        return annotations.entity  # type: ignore[attr-defined]
    if not (_ENTITIES and _ENTITIES[0][0] is annotations):
        index: dict[str, object] = {}
        for e in entities:
            index.setdefault(e.id, e)
        _ENTITIES[:] = [(annotations, index)]
    return _ENTITIES[0][1].get


def names_not_in(a: str, b: str, parent: Source, annotations: object,
                 languages: Mapping[str, str] | None = None) -> list[str]:
    """Names (canonical) that a and b both mention and ``parent`` never does, neither as an annotated mention
    nor anywhere in its text: shared details that cannot have come from the parent.

    Across languages (``languages``: each source's language; a and b taken to share the parent's where not
    given) absence is said only of a person whose surname the tool can look for in the parent's words
    (``_surname_written``).  A place or body may be in the parent under a form no rule links: an inflection
    ("на Бразилию": four English translations were said to name Brazil, "which wr-b never names", issue 23 rW1
    F5; "Vereinigten Staaten"), an adjective or an abbreviation a translator writes out ("US-Präsident",
    "российский", "Kirkland, Wash."), or a name the other language translates ("Союз Отечества – Христианские
    демократы"): the W bench (folds 0-2) counted 68 claims that an original "never names" what its translations
    name, all false since a translation adds no name: places and bodies of German, French, English and Russian
    originals, people of Chinese ones (no capitals to find a surname by) and "Александром Новаком" (a case ending
    the surname check missed).  So no place or body is said to be absent across languages."""
    mentions = getattr(annotations, "mentions", None) or {}
    entity_of = _entities_by_id(annotations)

    def named(sid: str) -> dict[str, Any]:
        out = {}
        for m in mentions.get(sid, ()):
            entity = entity_of(m.entity) if m.entity else None
            if entity is not None:
                out[entity.name] = entity
        return out

    text = parent.text.casefold()
    own = named(parent.id)
    language = (languages or {}).get(parent.id, parent.language)
    across = languages is not None and any(languages.get(x, language) != language for x in (a, b))
    in_a, in_b = named(a), named(b)
    out = []
    for name in sorted(set(in_a) & set(in_b) - set(own)):
        if name.casefold() in text:
            continue
        if across and not absence_visible(in_a[name].type, name, parent.text):
            continue
        out.append(name)
    return out


CASED_SCRIPT_SHARE = 0.5
"""Share of a text's letters that have a case (Latin, Cyrillic, Greek) for its words to be read for a surname:
the check looks for capitalised words, and Chinese or Japanese has neither capitals nor spaces between words (the
W bench's zh-en sets: 28 claims that a Chinese original "never names" Duda, Abbott or Zhang Xuefeng)."""


def absence_visible(kind: str, name: str, text: str) -> bool:
    """Whether the tool can see that a text in another language never writes ``name`` (an entity of type
    ``kind``): only a person, in a text whose script has capitals, none of whose words reads as the surname
    (case endings aside).  Any other name, or a text in a script without capitals, may hold it unseen."""
    if kind != "person" or not _cased_script(text):
        return False
    return not _surname_written(name, text)


@lru_cache(maxsize=256)
def _cased_script(text: str) -> bool:
    """Whether at least ``CASED_SCRIPT_SHARE`` of the text's letters have a case.  Kept per text: the check asks it
    of one parent's whole text for every name of every pair it checks."""
    letters = [c for c in text if c.isalpha()]
    cased = sum(c.isupper() or c.islower() for c in letters)
    return bool(letters) and cased >= CASED_SCRIPT_SHARE * len(letters)


CASE_ENDING_MAX = 3
"""Letters a case ending adds to a surname's key: Russian "Новаком" (-om), "Лаксальта" (-a), "Шойгу" (none),
German "Merkels" (-s).  A word whose key is the surname's key with at most this many letters after it reads as
the surname."""


def _surname_key(word: str) -> str:
    """A word's phonetic key with its final vowels dropped and x written as ks ("Laxalt", "Лаксальт")."""
    from compare.annotate.entities import _ending_key, phonetic

    key = phonetic(word).replace("x", "ks")
    return _ending_key(key.split()[-1]) if key else ""


SKELETON_MIN = 3
"""Consonants a surname's skeleton (``_skeleton``) needs for a capitalised word with the same skeleton to read as
it: "Маск" and "Musk" are "msk"; a two-consonant skeleton ("Shaw", "Lee") would meet too many words."""


def _skeleton(word: str) -> str:
    """A word's consonants, after ``phonetic``'s folds: the letters a transliteration keeps when the vowels differ.

    An English name written in Cyrillic is spelled as it sounds, not letter by letter, so its vowels do not
    transliterate back: "Трамп" reads "tramp" (Trump), "Гейтс" "geits" (Gates), "Маск" "mask" (Musk), "Хокинг"
    "oking" (Hawking, whose "aw" is a vowel).  The W bench (folds 3-4) counted 9 claims that a Russian original
    "never names" Donald Trump, Bill Gates, Elon Musk or Stephen Hawking, all false.  The consonants agree where the
    vowels do not; y and w after a vowel are vowels here, as in English spelling ("Hawking", "Crowley": "Кроули")."""
    from compare.annotate.entities import phonetic

    folded = re.sub(r"(?<=[aeiou])w", "", unidecode(word).lower())
    return re.sub(r"[aeiouy ]", "", phonetic(folded))


@lru_cache(maxsize=256)
def _word_keys(text: str) -> tuple[tuple[str, str], ...]:
    """Each word's surname key (see :func:`_surname_written`) and, for a capitalised word, its consonant skeleton
    (:func:`_skeleton`, else ""), once per text rather than once per name asked about it: the phonetic key of every
    word of a parent was computed again for each name."""
    # any word, capitalised or not: a spurious match only keeps a claim of absence unsaid, while a "person" that
    # is a common noun in the parent's language ("Christian Democrats": "христианские демократы", "Victory
    # Parade": "парад Победы", both typed person by the annotator) is no person the parent lacks
    found: dict[tuple[str, str], None] = {}
    for word in sorted(set(re.findall(r"[^\W\d_]{3,}", text))):
        key = _surname_key(word)
        if key:
            found.setdefault((key, _skeleton(word) if word[:1].isupper() else ""), None)
    return tuple(found)


@lru_cache(maxsize=4096)
def _surname_written(name: str, text: str) -> bool:
    """Whether a word of ``text`` sounds like the person's surname, case endings aside ("Шойгу", "Лаврова",
    "Александром Новаком", "Диего Лаксальта")."""
    from rapidfuzz import fuzz

    from compare.annotate.entities import SURNAME_MIN_SIMILARITY

    surname = _surname_key(name)
    if len(surname) < 3:
        return True  # too short to tell: taken as written
    skeleton = _skeleton(name.split()[-1]) if name.split() else ""
    for key, word_skeleton in _word_keys(text):
        if len(skeleton) >= SKELETON_MIN and word_skeleton in (skeleton, skeleton + "m"):
            return True
        if key.startswith(surname) and len(key) - len(surname) <= CASE_ENDING_MAX:
            return True
        if fuzz.ratio(key, surname) >= SURNAME_MIN_SIMILARITY:
            return True
    return False


def page_languages(source: Source) -> tuple[str, ...]:
    """The language codes of the page's language switcher ('en-GB1 ru-RU1' -> ('en', 'ru')), read from what
    ingest removed as residue; () when the page had none."""
    for removal in getattr(source, "removed", ()) or ():
        if getattr(removal, "reason", "") == "language switcher":
            return tuple(dict.fromkeys(SWITCHER_CODE.findall(getattr(removal, "text", "") or "")))
    return ()


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two linked sentences whose checkable details differ: what differs and each side's value."""

    sentence_a: int
    sentence_b: int
    what: str
    value_a: str
    value_b: str


NOT_ONLY = re.compile(r"\b(?:not only|not just|nicht nur|nicht bloß|non seulement|non solo|no solo|не только)\b",
                      re.IGNORECASE)
"""'Not only ... but also' adds, it does not negate: the German 'nicht nur' of a sentence whose English has no
negation made a translation agree with the copy that negated that sentence."""


def sentence_details(text: str, language: str | None = None) -> tuple[frozenset[str], frozenset[str], bool]:
    """(numbers, dates, negated) of one sentence, comparable across languages (digits, month anchors, and the
    negation words of the aligner's multilingual list, 'not only' aside); scale words read by ``language``."""
    from compare.align.labels import _facts

    numbers, dates, _names, cues = _facts(NOT_ONLY.sub(" ", text), language)
    return numbers, dates, "negation" in cues


def modal_words(text: str) -> frozenset[str]:
    """The modal verbs of one sentence ('will', 'might', 'may' ...), compared within one language only: across
    languages a translator's 'wird' for 'will' is no change."""
    from compare.align.features import words
    from compare.align.labels import MODAL, _facts

    found = frozenset(w.lower() for w in words(text)) & MODAL
    if "may" in found and "month:05" in _facts(text)[1]:
        found -= {"may"}  # the month, not the modal verb
    return found


POSSIBILITY = {
    "en": (frozenset("may might possibly perhaps maybe".split()), frozenset("can could".split())),
    "de": (frozenset("möglicherweise vielleicht könnte könnten dürfte dürften eventuell womöglich".split()),
           frozenset("kann können konnte konnten mag mögen".split())),
    "fr": (frozenset("pourrait pourraient peut-être possiblement".split()), frozenset("peut peuvent".split())),
}
"""Per language, the words that mark a statement as a possibility, not a fact ('may be', 'möglicherweise'), and
the words that may or may not ('could' is also a past 'was able to', 'kann' also 'is able to'): a sentence with
only the second kind is not read either way.

Why: a modal verb was compared within one language only, so a German translation that renders "we are rapidly
becoming" with no modal was said to agree with the copy that says "we may be rapidly becoming" (rP2, set p02:
"p02-e agrees with p02-b", the German has no 'möglicherweise').  Across languages only this one contrast is read
(a possibility said, or not): 'will' and 'wird' are no change, 'might' and 'könnte' are one."""


def possibility(text: str, language: str) -> bool | None:
    """True where the sentence says its statement may be so (a possibility word of its language), False where it
    has no such word and no ambiguous modal, None where the language has no list or only an ambiguous modal."""
    lists = POSSIBILITY.get((language or "").split("-")[0])
    if lists is None:
        return None
    from compare.align.features import words

    found = {w.lower() for w in words(text)}
    if "may" in found and "month:05" in sentence_details(text)[1]:
        found -= {"may"}  # the month, not the modal verb
    sure, unsure = lists
    if found & sure:
        return True
    return None if found & unsure else False


def possibility_agrees(x: Source, k: int, y: Source, i: int, y2: Source, j: int) -> tuple[bool, bool] | None:
    """(x's sentence k agrees with y's sentence i, with y2's sentence j) on a possibility, where y and y2 (one
    language) differ in it and x is in another language: read from the detail itself in both languages, else None
    (the languages' lists do not tell, or y and y2 do not differ in a possibility)."""
    if x.language == y.language:
        return None
    text = {(s_.id, s.index): s.text for s_ in (x, y, y2) for s in s_.sentences}
    read = [possibility(text.get((src.id, n), ""), src.language) for src, n in ((x, k), (y, i), (y2, j))]
    if None in read or read[1] == read[2]:
        return None
    return read[0] == read[1], read[0] == read[2]


def detail_conflicts(a: Source, b: Source, pairs: Iterable[tuple[int, int]]) -> list[Conflict]:
    """The conflicts between a's and b's sentences of each (sentence of a, sentence of b) pair: figures (numbers
    and dates together: '2,000' reads as a year) where each side gives one the other does not, a negation on one
    side only, or, for two texts in one language, other modal verbs ('will' against 'might')."""
    from compare.align.labels import written_alike

    sentences_a = {s.index: s.text for s in a.sentences}
    sentences_b = {s.index: s.text for s in b.sentences}
    one_language = a.language == b.language
    out = []
    for i, j in sorted(set(pairs)):
        if i not in sentences_a or j not in sentences_b:
            continue
        nums_a, dates_a, neg_a = sentence_details(sentences_a[i], a.language)
        nums_b, dates_b, neg_b = sentence_details(sentences_b[j], b.language)
        only_a, only_b = (nums_a | dates_a) - (nums_b | dates_b), (nums_b | dates_b) - (nums_a | dates_a)
        modal_a = modal_words(sentences_a[i]) if one_language else frozenset()
        modal_b = modal_words(sentences_b[j]) if one_language else frozenset()
        if written_alike(sentences_a[i], sentences_b[j], only_a, only_b, (a.language, b.language)):
            what = "date" if only_a <= dates_a and only_b <= dates_b else "number"
            out.append(Conflict(i, j, what, ", ".join(sorted(only_a)), ", ".join(sorted(only_b))))
        elif neg_a != neg_b:
            out.append(Conflict(i, j, "negation", "negated" if neg_a else "not negated",
                                "negated" if neg_b else "not negated"))
        elif modal_a != modal_b:
            out.append(Conflict(i, j, "modal", ", ".join(sorted(modal_a - modal_b)) or "no modal verb",
                                ", ".join(sorted(modal_b - modal_a)) or "no modal verb"))
    return out


def rendering_votes(x: Source, y: Source, y2: Source, pairs_xy: Iterable[tuple[int, int]],
                    pairs_xy2: Iterable[tuple[int, int]], pairs_yy2: Iterable[tuple[int, int]]) -> tuple[int, int]:
    """Of two near-copies y and y2, which one x renders: (x's sentences that agree with y and not with y2, that
    agree with y2 and not with y), counted only where y and y2 themselves differ in a checkable detail.

    Only those sentences tell the copies apart: a conflict both copies share with x is the translator's (a
    negation put another way), and a sentence one copy dropped says nothing about x.  Counting all conflicts
    made the copy that dropped the translator's awkward sentences the German's parent."""
    for_y = for_y2 = 0
    for _, _, sided_y, sided_y2 in deciding_renderings(x, y, y2, pairs_xy, pairs_xy2, pairs_yy2):
        for_y += sided_y
        for_y2 += sided_y2
    return for_y, for_y2


def deciding_renderings(x: Source, y: Source, y2: Source, pairs_xy: Iterable[tuple[int, int]],
                        pairs_xy2: Iterable[tuple[int, int]], pairs_yy2: Iterable[tuple[int, int]],
                        ) -> list[tuple[int, int, bool, bool]]:
    """(y's sentence, y2's sentence, x sides with y only, x sides with y2 only) for each of x's renderings of a
    sentence where the copies y and y2 differ in a checkable detail (``rendering_votes`` counts them).  A modal
    verb that differs between the copies is read in x too where x is in another language and both languages'
    possibility words tell (``possibility_agrees``); otherwise x's rendering does not side on it."""
    to_y: dict[int, set[int]] = {}
    to_y2: dict[int, set[int]] = {}
    for k, i in pairs_xy:
        to_y.setdefault(i, set()).add(k)
    for k, j in pairs_xy2:
        to_y2.setdefault(j, set()).add(k)
    out = []
    for i, j in sorted(set(pairs_yy2)):
        differ = detail_conflicts(y, y2, [(i, j)])
        if not differ:
            continue
        for k in sorted(to_y.get(i, set()) | to_y2.get(j, set())):
            with_y = not detail_conflicts(x, y, [(k, i)])
            with_y2 = not detail_conflicts(x, y2, [(k, j)])
            # read only on a sentence of x linked to both copies' sentences: a loose link of a neighbour that says
            # 'könnten' for another reason (planted set p05) is not the rendering of the edited sentence
            if with_y and with_y2 and differ[0].what == "modal" and k in to_y.get(i, set()) & to_y2.get(j, set()):
                read = possibility_agrees(x, k, y, i, y2, j)
                if read is not None:
                    with_y, with_y2 = read
            out.append((i, j, with_y and not with_y2, with_y2 and not with_y))
    return out


def longest_in_order(order: list[tuple[int, int]], merges: bool = False) -> set[tuple[int, int]]:
    """The longest run of (parent sentence, child sentence) links, sorted by the parent's order, whose child
    sentences also rise: the links that keep the parent's order (ties: the earliest such run).  ``merges``: a child
    sentence linked to two parent sentences in a row (one rendering of two sentences) keeps the order too."""
    tails: list[int] = []  # index into order of the smallest tail of each run length
    back: list[int] = [-1] * len(order)
    for k, (_, j) in enumerate(order):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if order[tails[mid]][1] < j or (merges and order[tails[mid]][1] == j):
                lo = mid + 1
            else:
                hi = mid
        back[k] = tails[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(k)
        else:
            tails[lo] = k
    kept: set[tuple[int, int]] = set()
    k = tails[-1] if tails else -1
    while k >= 0:
        kept.add(order[k])
        k = back[k]
    return kept


def pair_sentences(a: str, b: str, links: Sequence[Link],
                   semantic: Sequence[tuple[int, int, float]] = ()) -> list[tuple[int, int]]:
    """(sentence of a, sentence of b) for every aligner link between a and b, and every cross-language embedding
    match (given as (sentence of the lower id, of the higher id, cosine))."""
    out = [(lk.sentence_a, lk.sentence_b) if lk.source_a == a else (lk.sentence_b, lk.sentence_a)
           for lk in links if {lk.source_a, lk.source_b} == {a, b}]
    out.extend((i, j) if a < b else (j, i) for i, j, _ in semantic)
    return sorted(set(out))


def mutual_best(a: str, b: str, links: Sequence[Link]) -> list[tuple[int, int]]:
    """(sentence of a, sentence of b) for the links between a and b that are each sentence's closest in wording
    (highest chrF) on both sides: between a text and its copy, each sentence and its own edited copy, never a
    neighbour that shares a phrase with it (a close link of "apologised to his wife" to the quotation "I would
    like to apologise to my wife" made a negation conflict out of two different sentences)."""
    best_a: dict[int, tuple[float, int]] = {}
    best_b: dict[int, tuple[float, int]] = {}
    oriented = [((lk.sentence_a, lk.sentence_b) if lk.source_a == a else (lk.sentence_b, lk.sentence_a), lk.chrf or 0.0)
                for lk in links if {lk.source_a, lk.source_b} == {a, b}]
    for (i, j), chrf in oriented:
        if (chrf, -j) > best_a.get(i, (-1.0, 0)):
            best_a[i] = (chrf, -j)
        if (chrf, -i) > best_b.get(j, (-1.0, 0)):
            best_b[j] = (chrf, -i)
    return sorted({(i, j) for (i, j), _ in oriented if best_a[i][1] == -j and best_b[j][1] == -i})


def conflict_words(conflicts: Sequence[Conflict], a: str, b: str, limit: int = 2) -> str:
    """The conflicts in words: "a has 5200 where b has 3200"."""
    shown = []
    for c in conflicts[:limit]:
        if c.what == "modal":
            shown.append(f"{a}'s sentence {c.sentence_a + 1} says {c.value_a} where {b}'s says {c.value_b}")
        elif c.what == "negation":
            shown.append(f"{a}'s sentence {c.sentence_a + 1} is {c.value_a} where {b}'s is {c.value_b}")
        else:
            shown.append(f"{a} has {c.what} {c.value_a or '(none)'} where {b} has {c.value_b or '(none)'}")
    return "; ".join(shown)

