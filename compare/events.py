"""Event grouping: which reports are about the same occurrence.

Each report gets a profile: the date of the event it reports (publication
date, or a dateline / lead date near it, or a date inferred from the text),
its canonical entities, and a character n-gram vector of its ASCII-folded
text (so transliterated names and numbers match across languages).  Candidate
pairs come from sparse products of each report's few heaviest features among
those few reports carry, keeping each report's nearest neighbours, and (with
the embeddings) from hashed nearest neighbours of each report's e5 passage
vector (``compare.event_links``): the cost grows with the number of reports,
not with the number of pairs.  A pair's score is the calibrated document
similarity of ``compare pairs --unit document`` (multilingual embeddings of
title and passage, with the name anchors), so two reports of one event in two
languages meet although they share few words, unless their checkable details
(figures, dates, names) differ in the same role (the guard,
``compare.event_details``: templated reports mean the same but tell of
different occurrences); without the embeddings (``--events-by-wording``,
``--no-semantic``, or no model) it mixes text similarity, similarity of
names (entities, and anchors: name stems, numbers, dates), counted as far as
few reports carry the names, and date agreement.  Pairs are merged best
first with average linkage (two groups merge only if the pairs across them
score well on average), refusing a merge that would put two firmly different
dates (or two different manifest event labels) in one group.  A report
without a date is placed by its content.  Each member's evidence, and each
event's "why apart" from its nearest other event, say in words what decided.

Event ids are ``<date>-<place>-<person>`` slugs (``2019-05-30-tokyo-sergey-lavrov``;
``undated-...`` without a date), made unique with a short suffix of their own
(see ``_unique_ids``); events are sorted by date (undated last), then id.

Within each report, passages dated to another occasion (an earlier
meeting) are marked as background, from the sentence naming that date on,
and linked to that occasion's event when the set has one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse
from unidecode import unidecode

from compare.annotate import Annotations, given_day, lead_end, report_date
from compare.annotate.entities import phonetic, slug
from compare.event_details import Comparison, compare_details, describe_conflicts, report_details
from compare.model import CJK_CHARACTER, Background, Event, Mention, Source
from compare.present_occasion import PresentSentence, ordinal_words, passage_without, present_sentences, repeat_phrase
from compare.settings import EventSettings
from compare.vectors import char_tfidf, token_tfidf

MIN_CANDIDATE = 0.0
"""Pairs whose signature product (see ``candidate_pairs``) is under this are no candidates."""
CHUNK = 1000
PAIR_CHUNK = 20_000
TOGETHER_ID = "files"
"""The id of the one event ``EventSettings.together`` makes."""
DEFAULT_SETTINGS = EventSettings()
"""The grouping's settings (``compare.settings.EventSettings``) when a caller gives none."""

_CONTINUATION = re.compile(r"^\s*(?:[“«„\"»]|then\b|at that time|тогда|allora|damals|alors|à l'époque)", re.I)
_THIS_OCCASION = re.compile(r"\b(?:will|is expected to|are expected to|is due to|are due to|wird|werden|sera|seront|будет|будут)\b",
                            re.I)
"""Words of a paragraph about what is yet to happen: this occasion, not the earlier one a paragraph before named."""
_QUOTED = re.compile(r"[“\"«„][^”\"»“]*[”\"»]")
"""A quotation, left out where the report's own tense is read."""
_SINCE = re.compile(r"(?:since|seit|depuis|dal|dall'|с)\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Profile:
    """What event grouping knows about one report."""

    source_id: str
    date: str | None
    firm: bool  # the date comes from the report's metadata (publication date), not only its text
    date_how: str
    entities: tuple[str, ...]
    label: str | None
    inferred: bool = False
    """The date's year is not written in the report: read from its publication date it is not, so it was inferred
    (from a weekday, the years the text mentions); it weighs less than a stated one (``date_relation``)."""
    stated: str | None = None
    """The date the evidence states (``stated_date``): the publication date, or a full date the report writes, year
    included, in its lead; None otherwise.  Only this names an event (its id, title, page and index row)."""
    basis: str = "none"
    """How ``stated`` was found, machine-readable (``DATE_BASES``)."""
    given: str = ""
    """Where no date is stated: the day the lead gives without a year, in words ("Saturday, 25 July"), else ""."""


DATE_BASES = ("published", "lead", "year-not-stated", "none")
"""How a report's or an event's printed date was found: its publication date; a full date, year included, written in
a lead; no date printed because the lead gives a day and month without a year (``given`` says which); no date.
A year inferred from a weekday, from the years a text mentions or from a date deep in the body names no event."""


def _day(value: str | None) -> dt.date | None:
    if value and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def event_date(source: Source, mentions: Sequence[Mention]) -> tuple[str | None, bool, str]:
    """(date, firm, how): the date of the occurrence a report is about."""
    base, how = report_date(source)
    lead_paragraphs = {p for p in range(min(3, len(source.paragraphs)))}
    par_of = {s.index: s.paragraph for s in source.sentences}
    lead = [m for m in mentions if m.type == "date" and _day(m.value) and par_of.get(m.sentence) in lead_paragraphs]
    base_day = _day(base)
    if base_day is not None:
        for m in lead:
            d = _day(m.value)
            if d is not None and 0 <= (base_day - d).days <= 7 and m.value != base:
                at = f"published {base}" if source.published else f"the report dated {base}: {how}"
                return m.value, bool(source.published), f"dated '{m.text}' in the lead ({at})"
        return base, bool(source.published), how
    if lead:
        return lead[0].value, False, f"first date in the lead, '{lead[0].text}'"
    return None, False, how


def year_inferred(date: str | None, firm: bool, mentions: Sequence[Mention]) -> bool:
    """Whether a report's event date has a year no mention of that date writes (so inferred, not stated).

    "TOKYO, March 20" in a report without a publication date takes its year from the text's other years or a
    weekday; "March 20, 2017" states it.  A published date is stated by its metadata."""
    if not date or firm:
        return False
    return not any(m.type == "date" and m.value == date and date[:4] in m.text for m in mentions)


def stated_date(source: Source, mentions: Sequence[Mention], date: str | None, firm: bool) -> tuple[str | None, str, str]:
    """(the date the evidence states, how: one of ``DATE_BASES``, the day the lead gives without a year).

    Stated: the publication date (with a day its lead dates what it reports, ``event_date``), or the first full
    date the report writes in its lead with its year ("BEIJING, July 26, 2020").  Not stated: a year inferred
    from a weekday ("Saturday, July 25th" placed in 1964 near the text's 1965), from the years the text mentions
    ("Sunday, July 26" placed in 2026 near its "by 2025"), or a full date deep in the body ("Abgerufen am 21. Juli
    2013", an MT system's furniture in a 2020 report): WMT21 real documents, truth28."""
    if date and firm:
        return date, "published", ""
    end = lead_end(source)
    for m in mentions:
        if m.type == "date" and _day(m.value) and (end is None or m.start < end) and m.value[:4] in m.text:
            return m.value, "lead", ""
    given = given_day(source)
    return None, ("year-not-stated" if given else "none"), given


def profiles(sources: Sequence[Source], annotations: Annotations) -> list[Profile]:
    out = []
    for source in sorted(sources, key=lambda s: s.id):
        mentions = annotations.mentions.get(source.id, ())
        date, firm, how = event_date(source, mentions)
        ents = tuple(sorted({m.entity for m in mentions if m.entity}))
        stated, basis, given = stated_date(source, mentions, date, firm)
        out.append(Profile(source.id, date, firm, how, ents, source.event_label, year_inferred(date, firm, mentions),
                           stated, basis, given))
    return out


def fold(text: str) -> str:
    """ASCII-folded lower-case text: the representation that survives transliteration."""
    return unidecode(text).lower()


def text_matrix(texts: Sequence[str], lead_chars: int = DEFAULT_SETTINGS.lead_chars) -> sparse.csr_matrix:
    """Char n-gram TF-IDF rows (L2-normalised) of folded texts."""
    folded = [fold(t[:lead_chars]) + "\n" + fold(t) for t in texts]  # the headline and lead count twice
    return char_tfidf(folded, 3, 5, dtype=np.float32)


ANCHOR_PREFIX = 5
"""Name words are cut to this many folded letters: a cheap stem that survives case endings and translation
("Путина"/"Putin", "Хабаровского"/"Khabarovsk")."""


def anchors_of(mentions: Sequence[Mention]) -> list[str]:
    """Tokens that survive translation: stems of folded name words, numbers, dates."""
    out = []
    for m in mentions:
        if m.type in ("person", "place", "organisation"):
            # a Chinese name's value is its Latin form ("四川": Sichuan), the spelling a translation uses
            latin = m.value if m.value and CJK_CHARACTER.search(m.text) else m.text
            for word in phonetic(latin).split():
                if len(word) >= 3:
                    out.append("w:" + word[:ANCHOR_PREFIX])
        elif m.type in ("number", "quantity") and m.value and m.value not in {"1", "2", "3"}:
            out.append("n:" + m.value)
        elif m.type == "date" and m.value:
            out.append("d:" + m.value)
    return out


def anchor_matrix(anchor_lists: Sequence[Sequence[str]]) -> sparse.csr_matrix:
    """Sublinear TF-IDF rows over anchor tokens, L2-normalised."""
    return token_tfidf(anchor_lists, dtype=np.float32)


def entity_matrix(entity_lists: Sequence[Sequence[str]]):
    """Rows of entity ids weighted by inverse document frequency, L2-normalised."""
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for r, ents in enumerate(entity_lists):
        for e in sorted(set(ents)):
            rows.append(r)
            cols.append(vocab.setdefault(e, len(vocab)))
    n = len(entity_lists)
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(n, max(len(vocab), 1)))
    df = np.asarray((m > 0).sum(axis=0)).ravel()
    idf = np.log((1 + n) / (1 + df)) + 1.0
    m = m @ sparse.diags(idf.astype(np.float32))
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ m


def carriers(mat) -> np.ndarray:
    """How many rows carry each feature (column)."""
    mat = sparse.csr_matrix(mat)
    return np.bincount(mat.indices[mat.data != 0], minlength=mat.shape[1])


def specific_dots(m, pairs: Sequence[tuple[int, int]], carried: np.ndarray, shared_by: int = DEFAULT_SETTINGS.shared_by) -> np.ndarray:
    """Cosines of row pairs, each scaled by min(1, shared_by / d), d the fewest rows carrying a feature the pair shares.

    Cosine alone cannot tell a name two reports share with few others from a
    name two hundred reports share: a report naming one person has a cosine
    of 1 with every report naming only that person, and such reports multiply
    as a set grows (all the sentences of one article, every article about one
    country).  What shared names say about two reports being one event
    depends on how many reports carry them, not on the size of the set, so
    the discount is absolute, not relative to the set as IDF is; and it looks
    at the pair's rarest shared name, so a document sharing one rare name
    and many common ones with another keeps its cosine.
    """
    out = [np.zeros(0, dtype=np.float32)]
    for shared in _products(m, pairs):
        cosines = np.asarray(shared.sum(axis=1)).ravel()
        shared.data = np.minimum(1.0, shared_by / np.maximum(carried[shared.indices], 1)).astype(np.float32)
        out.append(cosines * shared.max(axis=1).toarray().ravel())
    return np.concatenate(out)


def _ranks(rows: np.ndarray, n: int) -> np.ndarray:
    """Position of each entry within its row, for entries already sorted by row."""
    return np.arange(len(rows)) - np.searchsorted(rows, np.arange(n))[rows]


def signature(mat, size: int = DEFAULT_SETTINGS.signature_size, common: int = DEFAULT_SETTINGS.common) -> sparse.csr_matrix:
    """Each row's ``size`` heaviest features among those that 2 to ``common`` rows carry (others zeroed)."""
    mat = sparse.csr_matrix(mat)
    n = mat.shape[0]
    df = carriers(mat)
    rows = np.repeat(np.arange(n), np.diff(mat.indptr))
    keep = (df[mat.indices] >= 2) & (df[mat.indices] <= common) & (mat.data > 0)
    rows, cols, vals = rows[keep], mat.indices[keep], mat.data[keep]
    order = np.lexsort((cols, -vals, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    top = _ranks(rows, n) < size
    return sparse.csr_matrix((vals[top], (rows[top], cols[top])), shape=mat.shape)


def candidate_pairs(
    matrices: Sequence, k: int = DEFAULT_SETTINGS.neighbours, min_score: float = MIN_CANDIDATE, size: int = DEFAULT_SETTINGS.signature_size,
    common: int = DEFAULT_SETTINGS.common,
) -> set[tuple[int, int]]:
    """Each row's k nearest rows under each matrix, as (i, j) with i < j.

    Nearness is the product of the rows' signatures (``signature``): a report
    meets only reports sharing one of its heaviest features that at most
    ``common`` reports carry, so each row's product has at most
    ``size x common`` entries and the whole costs time linear in the
    number of reports (the exact nearest rows would take a product of every
    row with every other).  Pairs whose signature product is under
    ``min_score`` are left out; the caller scores the pairs kept on the full
    rows.  Reports of an event larger than ``common`` still meet through
    rarer features (their own wording, numbers) than the names all of them
    carry.
    """
    pairs: set[tuple[int, int]] = set()
    for mat in matrices:
        sig = signature(mat, size, common)
        n = sig.shape[0]
        transposed = sig.T.tocsr()
        for start in range(0, n, CHUNK):
            block = (sig[start:start + CHUNK] @ transposed).tocsr()
            rows = np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))
            cols, vals = block.indices, block.data
            keep = (cols != rows + start) & (vals >= min_score)
            rows, cols, vals = rows[keep], cols[keep], vals[keep]
            order = np.lexsort((cols, -vals, rows))
            rows, cols = rows[order], cols[order]
            top = _ranks(rows, block.shape[0]) < k
            left, right = rows[top] + start, cols[top].astype(np.int64)
            pairs.update(zip(np.minimum(left, right).tolist(), np.maximum(left, right).tolist(), strict=True))
    return pairs


def _only_year_differs(a: dt.date, b: dt.date, tolerance: int) -> bool:
    """Whether two dates fall within ``tolerance`` days once ``a`` takes ``b``'s year (or the year beside it)."""
    for year in (b.year, b.year - 1, b.year + 1):
        try:
            moved = a.replace(year=year)
        except ValueError:  # 29 February
            continue
        if abs((moved - b).days) <= tolerance:
            return True
    return False


def date_relation(
    a: dt.date | None, b: dt.date | None, firm: tuple[bool, bool], inferred: tuple[bool, bool],
    tolerance: int = DEFAULT_SETTINGS.date_tolerance_days, follow_up: int = DEFAULT_SETTINGS.date_tolerance_days,
) -> str:
    """How two reports' dates bear on their being one event: evidence, and a veto only where both are stated.

    ``same`` (within ``tolerance`` days); ``inferred-year`` (they differ only by a year one of them does not
    write: seed 002's "March 20" was given 2016 from the years it mentions, its rewrite's "Posted March 20, 2017"
    is the same day; no weight either way); ``near`` (two dates read from texts, within ``follow_up`` days: a
    follow-up report's; no weight); ``conflict`` (dates read from texts differ: a penalty); ``conflict-firm``
    (a published date and another stated date differ: the veto)."""
    if a is None or b is None:
        return "unknown"
    if abs((a - b).days) <= tolerance:
        return "same"
    if (inferred[0] and _only_year_differs(a, b, tolerance)) or (inferred[1] and _only_year_differs(b, a, tolerance)):
        return "inferred-year"
    if not (firm[0] or firm[1]):
        return "near" if abs((a - b).days) <= follow_up else "conflict"
    return "conflict-firm"


def _date_relation(a: Profile, b: Profile, tolerance: int = DEFAULT_SETTINGS.date_tolerance_days,
                   follow_up: int = DEFAULT_SETTINGS.date_tolerance_days) -> str:
    return date_relation(_day(a.date), _day(b.date), (a.firm, b.firm), (a.inferred, b.inferred), tolerance, follow_up)


def pair_score(
    text_cos: float, ent_cos: float, relation: str, anchor_cos: float = 0.0, cross: bool = False,
    settings: EventSettings = DEFAULT_SETTINGS,
) -> float:
    """Weighted evidence that two reports tell of one occurrence; -1 when their firm dates disagree.

    Reports in two languages share almost no wording, so their score rests on
    names, numbers and dates (``settings.cross_weights``), scaled to the same range.
    """
    # square roots: a modest overlap of wording or names already says a lot (better on SemEval-2022)
    t, e, a = (math.sqrt(max(x, 0.0)) for x in (text_cos, ent_cos, anchor_cos))
    if cross:
        wt, we, wa = settings.cross_weights
        score = settings.cross_scale * (wt * t + we * e + wa * a)
    else:
        score = settings.text_weight * t + settings.entity_weight * e + settings.anchor_weight * a
    if relation == "same":
        score += settings.same_date_bonus
    elif relation == "conflict":
        score -= settings.soft_date_penalty
    elif relation == "conflict-firm":
        score = -1.0
    return score


def by_language(sources: Sequence[Source]) -> dict[str, str]:
    return {s.id: s.language for s in sources}


def _average_link(
    groups: _Groups, i: int, j: int, score_of: dict, languages: list[str], threshold: float = DEFAULT_SETTINGS.link_threshold,
) -> bool:
    """Merge two groups only if, on average, their reports are linked well enough.

    The average is taken separately over same-language and cross-language
    pairs (a pair never proposed as a candidate counts as 0), so one strong
    pair cannot chain two different stories together.
    """
    a, b = groups.find(i), groups.find(j)
    if a == b:
        return False
    members_a, members_b = groups.members[a], groups.members[b]
    sums = {False: [0.0, 0], True: [0.0, 0]}
    for x in members_a:
        for y in members_b:
            cross = languages[x] != languages[y]
            sums[cross][0] += max(score_of.get((min(x, y), max(x, y)), 0.0), 0.0)
            sums[cross][1] += 1
    return all(total / count >= threshold for total, count in sums.values() if count)


class _Groups:
    def __init__(self, profiles: Sequence[Profile], tolerance: int = DEFAULT_SETTINGS.date_tolerance_days):
        self.tolerance = tolerance
        self.parent = list(range(len(profiles)))
        # (day, firm, year inferred) of each member: a merge is refused only where a published date and another
        # stated date differ (``date_relation``'s veto), not for a year the text never wrote
        self.dates = [{(_day(p.date), p.firm, p.inferred)} if _day(p.date) else set() for p in profiles]
        self.firm = [p.firm for p in profiles]
        self.labels = [{p.label} if p.label else set() for p in profiles]
        self.members = [[i] for i in range(len(profiles))]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def can_merge(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        if self.labels[a] and self.labels[b] and self.labels[a] != self.labels[b]:
            return False
        if self.firm[a] or self.firm[b]:
            for x, firm_x, inferred_x in self.dates[a]:
                for y, firm_y, inferred_y in self.dates[b]:
                    if date_relation(x, y, (firm_x, firm_y), (inferred_x, inferred_y), self.tolerance) == "conflict-firm":
                        return False
        return True

    def merge(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            return
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.dates[a] |= self.dates[b]
        self.firm[a] = self.firm[a] or self.firm[b]
        self.labels[a] |= self.labels[b]
        self.members[a].extend(self.members[b])


def _similarities(
    sources: Sequence[Source], profs: Sequence[Profile], annotations: Annotations, lead_chars: int = DEFAULT_SETTINGS.lead_chars,
):
    by_id = {s.id: s for s in sources}
    texts = [by_id[p.source_id].text for p in profs]
    tm = text_matrix(texts, lead_chars)
    em = entity_matrix([p.entities for p in profs])
    am = anchor_matrix([anchors_of(annotations.mentions.get(p.source_id, ())) for p in profs])
    return tm, em, am


def _ends(pairs: Sequence[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    left = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
    right = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
    return left, right


def _products(m, pairs: Sequence[tuple[int, int]]):
    """Elementwise products of the rows of each pair, ``PAIR_CHUNK`` pairs at a time (memory stays bounded)."""
    left, right = _ends(pairs)
    m = sparse.csr_matrix(m)
    for start in range(0, len(pairs), PAIR_CHUNK):
        yield m[left[start:start + PAIR_CHUNK]].multiply(m[right[start:start + PAIR_CHUNK]]).tocsr()


def pair_dots(m, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """Cosines of many row pairs at once (rows are L2-normalised): sparse elementwise products."""
    return np.concatenate([np.zeros(0, dtype=np.float32)]
                          + [np.asarray(shared.sum(axis=1)).ravel() for shared in _products(m, pairs)])


def evidence(matrices, pairs: Sequence[tuple[int, int]], carried=None, shared_by: int = DEFAULT_SETTINGS.shared_by) -> list[np.ndarray]:
    """Text, entity and anchor similarity of each pair; names count as far as few reports carry them."""
    tm, em, am = matrices
    carried = carried or (carriers(em), carriers(am))
    return [pair_dots(tm, pairs), specific_dots(em, pairs, carried[0], shared_by),
            specific_dots(am, pairs, carried[1], shared_by)]


def _document_vectors(sources: Sequence[Source], profs: Sequence[Profile], settings: EventSettings, encode=None):
    """Title and passage rows for the document similarity, or None on the lexical path (setting off, no model)."""
    if not settings.semantic:
        return None
    if encode is None:
        from compare.semantic import embeddings

        if not embeddings.available():
            return None
    from compare.event_links import document_vectors

    by_id = {s.id: s for s in sources}
    return document_vectors([by_id[p.source_id] for p in profs], encode)


class _PairScores:
    """Each pair's score on the scale its threshold is set on, computed once, for candidates and for linkage.

    The semantic path scores a pair by the calibrated document similarity of
    ``compare pairs --unit document``, plus ``document_cross_language`` for two
    languages (the embeddings of two languages sit further apart: SemEval de-en
    pairs rated the same story have a centred passage cosine of 0.43 on average,
    en-en ones 0.68), less ``document_date_penalty`` when the
    dates read from the two texts disagree, -1 when a published date
    disagrees; the lexical path by ``pair_score``.
    """

    def __init__(self, profs, matrices, languages, vectors, settings: EventSettings, details=None) -> None:
        self.profs, self.matrices, self.languages = profs, matrices, languages
        self.vectors, self.settings = vectors, settings
        self.details = details
        # the roles each report's details stand in: two reports with none in common cannot conflict (most pairs)
        self.roles = None if details is None else [frozenset(d.by_role) for d in details]
        self.compared: dict[tuple[int, int], Comparison] = {}
        self.carried = (carriers(matrices[1]), carriers(matrices[2]))
        self.known: dict[tuple[int, int], float] = {}
        self.similarity: dict[tuple[int, int], float] = {}
        # (title cosine, passage cosine, similarity with the title in the passage's place) of the pairs whose titles
        # agree at least TITLE_GAP_FLOOR more than their passages: few pairs, kept so that ``use`` can move the gap;
        # computed only when the settings scored with first have the title standing in (off by default)
        self.title_over: dict[tuple[int, int], tuple[float, float, float]] = {}
        self.titles_kept = settings.document_title_gap > 0
        self.lexical: dict[tuple[int, int], tuple[float, float, float]] = {}
        # each report's date parsed once: average linkage scores millions of pairs in a large archive
        self.days = [_day(p.date) for p in profs]
        self.firm = [p.firm for p in profs]
        self.inferred = [p.inferred for p in profs]
        self.use(settings)

    def use(self, settings: EventSettings) -> None:
        """Take the thresholds and score settings from ``settings`` (similarities already computed are kept)."""
        if 0 < settings.document_title_gap < TITLE_GAP_FLOOR:
            raise ValueError(f"document_title_gap must be 0 (off) or at least {TITLE_GAP_FLOOR}")
        if settings.document_title_gap > 0 and not self.titles_kept:
            raise ValueError("document_title_gap is on but these scores were prepared with it off: prepare with it on")
        self.settings = settings
        self.threshold = settings.document_threshold if self.vectors is not None else settings.link_threshold
        self.known = {pair: self._score(pair) for pair in self.lexical}

    def relation(self, i: int, j: int) -> str:
        """``_date_relation`` of two reports, from the dates parsed once."""
        a, b = self.days[i], self.days[j]
        if a is None or b is None:  # most pairs: no call (average linkage scores millions of pairs)
            return "unknown"
        return date_relation(a, b, (self.firm[i], self.firm[j]),
                             (self.inferred[i], self.inferred[j]), self.settings.date_tolerance_days,
                             self.settings.document_follow_up_days)

    def _score(self, pair: tuple[int, int]) -> float:
        i, j = pair
        relation = self.relation(i, j)
        cross = self.languages[i] != self.languages[j]
        if pair not in self.similarity:
            t, e, a = self.lexical[pair]
            return pair_score(t, e, relation, a, cross, self.settings)
        if relation == "conflict-firm":
            return -1.0
        score = self.document(pair) + self.shift(i, j)
        if self.conflict(pair):
            score -= self.settings.document_conflict_penalty
        return score - (self.settings.document_date_penalty if relation == "conflict" else 0.0)

    def title_stands_in(self, pair: tuple[int, int]) -> tuple[float, float] | None:
        """(title cosine, passage cosine) where the title stands in for the passage in this pair's similarity, else
        None: the titles agree ``document_title_gap`` more than the passages, and that raises the similarity."""
        gap = self.settings.document_title_gap
        over = self.title_over.get(pair)
        if not gap or over is None or over[0] - over[1] < gap or over[2] <= self.similarity[pair]:
            return None
        return over[0], over[1]

    def document(self, pair: tuple[int, int]) -> float:
        """The pair's document similarity, the title standing in for the passage where ``title_stands_in`` says."""
        return self.title_over[pair][2] if self.title_stands_in(pair) else self.similarity[pair]

    def shift(self, i: int, j: int) -> float:
        """What is added to the document similarity of two reports for their languages and scripts.

        ``document_cross_language`` for two languages; ``document_cross_script`` more when one is Chinese or
        Japanese and the other not (e5-small puts a Chinese passage further from its English translation than
        any other pair of languages: a centred cosine of 0.40 with Chinese rows on the Chinese centre, 0.34 on the
        news centre, against 0.6-0.7).  Off by default: +0.10 merges two different Chinese articles (docs/methods.md).
        """
        a, b = self.languages[i], self.languages[j]
        if a == b:
            return 0.0
        return self.settings.document_cross_language + (
            self.settings.document_cross_script if (a in WIDE_SCRIPT) != (b in WIDE_SCRIPT) else 0.0)

    def comparison(self, pair: tuple[int, int]) -> Comparison | None:
        """How the two reports' checkable details compare (None on the lexical path, which has no guard)."""
        if self.details is None:
            return None
        if pair not in self.compared:
            self.compared[pair] = compare_details(self.details[pair[0]], self.details[pair[1]])
        return self.compared[pair]

    def conflict(self, pair: tuple[int, int]) -> bool:
        """Whether the guard holds the pair apart: its details firmly differ (``EventSettings.document_conflicts``)."""
        least = self.settings.document_conflicts
        if least <= 0 or self.roles is None or self.roles[pair[0]].isdisjoint(self.roles[pair[1]]):
            return False  # no role in common: nothing conflicts (and no Comparison is kept for the pair)
        comparison = self.comparison(pair)
        return comparison is not None and comparison.firm(least)

    def of(self, pairs: Sequence[tuple[int, int]]) -> list[float]:
        fresh = sorted({p for p in pairs if p not in self.known})
        if fresh:
            dots = evidence(self.matrices, fresh, self.carried, self.settings.shared_by)
            documents = None
            if self.vectors is not None:
                from compare.event_links import document_similarity, title_stand_in

                documents = document_similarity(self.vectors, fresh, dots)
                if self.titles_kept:
                    titles, passages, stand_ins, where = title_stand_in(self.vectors, fresh, dots, TITLE_GAP_FLOOR)
                    for n, *values in zip(where.tolist(), titles.tolist(), passages.tolist(), stand_ins.tolist(),
                                          strict=True):
                        self.title_over[fresh[n]] = tuple(values)
            for pair, *values in zip(fresh, *(d.tolist() for d in dots), strict=True):
                self.lexical[pair] = tuple(values)
            if documents is not None:
                self.similarity.update(zip(fresh, documents.tolist(), strict=True))
            for pair in fresh:
                self.known[pair] = self._score(pair)
        return [self.known[p] for p in pairs]


TITLE_GAP_FLOOR = 0.1
"""The smallest ``EventSettings.document_title_gap`` (other than 0, off) a grouping may use: pairs whose titles
agree less than this more than their passages keep no stand-in similarity (most pairs: memory at scale)."""
WIDE_SCRIPT = frozenset({"zh", "ja"})
"""Languages written in Chinese characters, where ``document_cross_script`` applies against any other."""
LINKAGE_PAIRS = 400
"""Most member pairs averaged when two groups meet (evenly spread over all of them beyond that)."""


def _average_all(groups: _Groups, i: int, j: int, scores: _PairScores) -> bool:
    """Merge the groups of i and j only if the average score over every pair across them reaches the threshold.

    Average linkage: a group is held together by its pairs on average, so one
    strong pair cannot chain two stories, and a report joins a group only if
    it is close to most of it.  The average may fall ``document_average_margin`` under the pair threshold:
    a short report shares less with each long report of its event than they share with one another.  Pairs never proposed as candidates are scored
    too (the score of any pair can be computed), so a large event is not
    split for want of candidates.
    """
    a, b = groups.find(i), groups.find(j)
    if a == b:
        return False
    members_a, members_b = groups.members[a], groups.members[b]
    total, width = len(members_a) * len(members_b), len(members_b)
    # the k-th of LINKAGE_PAIRS pairs spread evenly over the cross product, read off its index: building the
    # whole product first cost |a| x |b| per merge, which grows faster than the set when large groups meet
    picked = range(total) if total <= LINKAGE_PAIRS else (k * total // LINKAGE_PAIRS for k in range(LINKAGE_PAIRS))
    across = []
    for n in picked:
        x, y = members_a[n // width], members_b[n % width]
        across.append((x, y) if x < y else (y, x))
    values = scores.of(across)
    margin = scores.settings.document_average_margin
    return sum(max(v, 0.0) for v in values) / len(values) >= scores.threshold - margin


@dataclass
class Prepared:
    """What grouping computes before it merges: profiles, similarity rows, candidate pairs and their scores.

    Benches that try many thresholds on one set prepare it once (``prepare``)
    and pass it to ``group_events``; the thresholds are read from the settings
    given there.
    """

    profs: list[Profile]
    matrices: tuple
    languages: list[str]
    vectors: object
    scores: _PairScores
    pairs: list[tuple[int, int]]


def prepare(
    sources: Sequence[Source], annotations: Annotations, settings: EventSettings = DEFAULT_SETTINGS, encode=None,
) -> Prepared:
    """Profiles, rows, candidate pairs (lexical blocking + embedding neighbours) and their similarities."""
    profs = profiles(sources, annotations)
    tm, em, am = _similarities(sources, profs, annotations, settings.lead_chars)
    language_of = by_language(sources)
    languages = [language_of.get(p.source_id, "") for p in profs]
    vectors = _document_vectors(sources, profs, settings, encode)
    found = candidate_pairs([tm, em, am], settings.neighbours, MIN_CANDIDATE, settings.signature_size, settings.common)
    if vectors is not None:
        from compare.event_links import neighbour_pairs

        found |= neighbour_pairs(vectors.passage, settings.neighbours)
    pairs = sorted(found)
    details = None
    if vectors is not None:
        by_id = {s.id: s for s in sources}
        details = [report_details(by_id[p.source_id], annotations.mentions.get(p.source_id, ())) for p in profs]
    scores = _PairScores(profs, (tm, em, am), languages, vectors, settings, details)
    scores.of(pairs)
    return Prepared(profs, (tm, em, am), languages, vectors, scores, pairs)


def group_events(
    sources: Sequence[Source], annotations: Annotations, settings: EventSettings = DEFAULT_SETTINGS, encode=None,
    prepared: Prepared | None = None,
) -> list[Event]:
    """Group reports into events, with evidence per member and background passages per report.

    ``encode`` (texts -> L2-normalised e5 rows) defaults to
    ``compare.semantic.embeddings.encode``; benches pass one backed by their cache.
    """
    if not sources:
        return []
    if settings.together:
        # a wall given with the reports is still no report (the warning says it is compared with none)
        given = [s for s in sources if not s.page_kind]
        return ([Event(TOGETHER_ID, "The reports given together", None, tuple(s.id for s in given),
                       {s.id: "given together, to be compared whatever the grouping would say" for s in given})]
                if given else []) + [_wall_event(s) for s in sources if s.page_kind]
    prepared = prepared or prepare(sources, annotations, settings, encode)
    profs, languages, vectors, scores = prepared.profs, prepared.languages, prepared.vectors, prepared.scores
    scores.use(settings)
    by_id = {s.id: s for s in sources}
    # a page that is not a news report (a wall, a notice: ``Source.page_kind``) joins no event: two copies of one
    # IP-block notice read as one story, and a login wall's form as close to another's; its pairs are not scored
    walls = {i for i, p in enumerate(profs) if by_id[p.source_id].page_kind}
    pairs = [q for q in prepared.pairs if q[0] not in walls and q[1] not in walls] if walls else prepared.pairs
    scored = sorted(zip(scores.of(pairs), pairs, strict=True), key=lambda x: (-x[0], x[1]))
    groups = _Groups(profs, settings.date_tolerance_days)
    # manifest labels pin reports together (not a wall: the label names the article, which the page does not hold)
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profs):
        if p.label and i not in walls:
            by_label[p.label].append(i)
    for members in by_label.values():
        for j in members[1:]:
            groups.merge(members[0], j)
    score_of = dict(scores.known)
    refused: set[tuple[int, int, int, int]] = set()  # groups only grow: the same roots and sizes, the same members
    for score, (i, j) in scored:
        if score < scores.threshold:
            break
        a, b = sorted((groups.find(i), groups.find(j)))
        key = (a, len(groups.members[a]), b, len(groups.members[b]))
        if a == b or key in refused:
            continue
        if vectors is not None:
            linked = _average_all(groups, i, j, scores)
        else:
            linked = _average_link(groups, i, j, score_of, languages, settings.link_threshold)
        if groups.can_merge(i, j) and linked:
            groups.merge(i, j)
        else:
            refused.add(key)
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(profs)):
        clusters[groups.find(i)].append(i)
    names = _entity_names(annotations)
    words = _PairWords(profs, names, annotations, scores, _neutral_names(annotations))
    # every pair the evidence names, scored in one pass (one at a time, a large archive would take minutes)
    scores.of([(a, b) for members in clusters.values() if len(members) <= EVIDENCE_MEMBERS
               for n, a in enumerate(sorted(members)) for b in sorted(members)[n + 1:]])
    events = [_wall_event(by_id[profs[members[0]].source_id]) if members[0] in walls
              else _make_event(members, profs, by_id, words) for members in clusters.values()]
    events = _unique_ids(events)
    events = _with_apart(events, profs, scored, words)
    events = _with_background(events, sources, annotations, settings.date_tolerance_days)
    return sorted(events, key=lambda e: (e.date is None, e.date or "", e.id))


def _entity_names(annotations: Annotations) -> dict[str, tuple[str, str]]:
    out = {}
    for e in annotations.entities:
        short = e.name.split()[-1] if e.type == "person" else e.name
        out[e.id] = (short, e.type)
    return out


def _neutral_names(annotations: Annotations) -> dict[str, str]:
    """Entity id -> the name the evidence prints for a place whose names are contested ('disputed islands').

    Why: the gazetteer's name is one side's usage ('Southern Kuril Islands'), and "why one event" would ask a class
    to read it as the neutral one, against the page's own names table (issue 23, r40).  Only entities the annotator
    found named in rival ways are looked up (their ``naming_choices``), so a large archive pays nothing more; the
    event's id keeps the gazetteer's slug, so ids stay stable."""
    out: dict[str, str] = {}
    chosen = [e for e in annotations.entities if e.naming_choices]
    if not chosen:
        return out
    from compare.framing import concept_label, load_lexicon

    lexicon = load_lexicon()
    for e in chosen:
        labels = sorted({label.split(" (")[0] for form in (e.name, *e.naming_choices)
                         if (entry := lexicon.concept_of(form)) is not None
                         and (label := concept_label(entry.concept))})
        if labels:
            out[e.id] = labels[0]
    return out


EVIDENCE_MEMBERS = 30
"""Up to this many members, each member's evidence names its closest fellow member (beyond, its first)."""


class _PairWords:
    """The evidence of one pair in words: the score, the names and figures both reports carry, the dates."""

    def __init__(self, profs, names, annotations: Annotations, scores: _PairScores,
                 neutral: dict[str, str] | None = None) -> None:
        self.profs, self.names, self.scores = profs, names, scores
        self.neutral = neutral or {}
        # figures written with digits: "two" or "four" are shared by any two reports and say nothing
        self.values = [{m.value: m.text for m in annotations.mentions.get(p.source_id, ())
                        if m.type in ("number", "quantity") and m.value and any(c.isdigit() for c in m.text)}
                       for p in profs]

    def score(self, i: int, j: int) -> float:
        return self.scores.of([(min(i, j), max(i, j))])[0]

    def shared_names(self, i: int, j: int, limit: int = 5) -> list[str]:
        shared = set(self.profs[i].entities) & set(self.profs[j].entities)
        ranked = sorted(shared, key=lambda e: (self.names.get(e, ("", ""))[1] != "person", e))
        return [self.said(e) for e in ranked[:limit]]

    def said(self, entity: str) -> str:
        """The entity's name as the evidence prints it: a contested place by its neutral label."""
        return self.neutral.get(entity) or self.names.get(entity, (entity, ""))[0]

    def shared_figures(self, i: int, j: int, limit: int = 4) -> list[tuple[str, str]]:
        """(as i writes it, as j writes it) for each figure both give, by value: '812 485' and '812,485' are one
        figure in two notations (``compare.annotate.figures``)."""
        shared = sorted(set(self.values[i]) & set(self.values[j]))
        return [(self.values[i][v], self.values[j][v]) for v in shared[:limit]]

    def describe(self, i: int, j: int, names: bool = True) -> str:
        """'document similarity 0.87 (one event from 0.50); both name Lavrov, Tokyo; both write the figure ‘2,500’'."""
        key = (min(i, j), max(i, j))
        score = self.score(i, j)
        parts = []
        if key in self.scores.similarity:
            shift = self.scores.shift(i, j)
            across = f", +{shift:.2f} across languages" if shift else ""
            titles = self.scores.title_stands_in(key)
            instead = (f" with the titles in the passages' place (the titles agree {titles[0]:.2f}, the passages "
                       f"{titles[1]:.2f}: one body may not be the article its title heads)") if titles else ""
            parts.append(f"document similarity {self.scores.document(key):.2f}{instead}{across} (one event from "
                         f"{self.scores.threshold:g})")
        else:
            parts.append(f"event score {score:.2f} (one event from {self.scores.threshold:g}; text overlap "
                         f"{self.scores.lexical[key][0]:.2f})")
        if self.scores.conflict(key):
            parts.append(f"their checkable details differ in the same place of the sentence "
                         f"({describe_conflicts(self.scores.comparison(key))}): "
                         f"-{self.scores.settings.document_conflict_penalty:.2f}")
        relation = self.scores.relation(i, j)
        if relation == "inferred-year":
            a, b = self.profs[i], self.profs[j]
            said = [f"{p.source_id}'s {'published date' if p.firm else 'date read from its text'} {p.date}"
                    + (" (year inferred)" if p.inferred else "") for p in (a, b)]
            parts.append(f"dates differ only by a year inferred from a text ({said[0]}, {said[1]}): no weight")
        elif relation == "near":
            parts.append(f"dates read from the texts are days apart ({self.profs[i].date}, {self.profs[j].date}): "
                         "no weight")
        elif relation == "conflict-firm":
            a, b = self.profs[i], self.profs[j]
            if a.firm and b.firm:
                parts.append(f"published dates {a.date} and {b.date} differ")
            else:  # say which date is only read from a text ('Thursday, may 30'), not published
                said = [f"{p.source_id}'s {'published date' if p.firm else 'date read from its text'} {p.date}"
                        for p in (a, b)]
                parts.append(f"{said[0]} and {said[1]} differ")
        elif relation == "conflict":
            inferred = [p.source_id for p in (self.profs[i], self.profs[j]) if p.inferred]
            one = f"; {' and '.join(inferred)}: year inferred" if inferred else ""
            parts.append(f"dates read from the texts differ ({self.profs[i].date}, {self.profs[j].date}{one}): "
                         f"-{self.scores.settings.document_date_penalty:.2f}")
        if names:
            shared = self.shared_names(i, j)
            parts.append("both name " + ", ".join(shared) if shared else "no name in common")
        figures = self.shared_figures(i, j)
        if figures:
            # quoted as written: a bare 'both give 2' read as a count (it was the '2' of '2+2'); where the two write
            # one figure in their own notations, both ways ("both write the figures ‘1,3 млн’" was said of a text
            # writing "1.3 million": rW1 M9)
            plural = "s" if len(figures) > 1 else ""
            if all(a == b for a, b in figures):
                parts.append(f"both write the figure{plural} " + ", ".join(f"‘{a}’" for a, _ in figures))
            else:
                parts.append(f"both give the figure{plural} " + ", ".join(
                    f"‘{a}’" if a == b else f"‘{a}’ / ‘{b}’" for a, b in figures)
                    + f" ({self.profs[i].source_id}’s notation / {self.profs[j].source_id}’s)")
        return "; ".join(parts)


WALL_EVENT = "not-a-news-report"
"""What the id of the event of a page that is not a news report starts with; its report's id follows."""


def _wall_event(source: Source) -> Event:
    """The event of its own that a page that is not a news report forms: titled and explained as such, so the index
    lists it apart from the real events and says what the page is."""
    from compare.ingest.page_kind import said

    title = f"Not a news report: {source.title or source.id}"
    why = (f"kept apart from every other report: {said(source.page_kind or '', source.page_words)}, not a news "
           "report, so nothing it says is grouped or compared with the reports")
    return Event(f"{WALL_EVENT}-{slug(source.id)}", title, None, (source.id,), {source.id: why})


def _make_event(members, profs, by_id, words: _PairWords) -> Event:
    names = words.names
    ids = [profs[i].source_id for i in sorted(members)]
    # only a date the evidence states names the event (``stated_date``): a year the text never wrote, or a date
    # deep in a body, names none (truth28: "1964: how 10 sources report it" for a 2020 funeral)
    stated = Counter(profs[i].stated for i in members if profs[i].stated)
    date = sorted(stated, key=lambda d: (-stated[d], d))[0] if stated else None
    if date:
        basis = "published" if any(profs[i].stated == date and profs[i].basis == "published" for i in members) \
            else "lead"
        given = ""
    else:
        days = Counter(profs[i].given for i in members if profs[i].given)
        given = sorted(days, key=lambda d: (-days[d], d))[0] if days else ""
        basis = "year-not-stated" if given else "none"
    # the date the background passages are read against: the stated one, else the members' dates as the grouping
    # reads them (years inferred included: evidence, never printed as the event's date)
    dated = [i for i in members if profs[i].date and _day(profs[i].date)]
    firm = [i for i in dated if not profs[i].inferred]
    dates = Counter(profs[i].date for i in (firm or dated))
    reading = date or (sorted(dates, key=lambda d: (-dates[d], d))[0] if dates else None)
    entity_count = Counter(e for i in members for e in profs[i].entities)
    ranked = sorted(entity_count, key=lambda e: (-entity_count[e], e))
    place = next((e for e in ranked if names.get(e, ("", ""))[1] == "place"), None)
    person = next((e for e in ranked if names.get(e, ("", ""))[1] == "person"), None)
    eid = "-".join([date or "undated", *(slug(names[x][0]) for x in (place, person) if x)])
    titled = [by_id[i] for i in ids if by_id[i].title]
    title = titled[0].title if titled else ", ".join(
        words.said(e) for e in (place, person) if e) or f"Report {ids[0]}"
    evidence = {}
    for i in sorted(members):
        evidence[profs[i].source_id] = _evidence(i, members, profs, words, by_id)
    return Event(eid, title, date, tuple(ids), evidence, date_basis=basis, date_given=given, evidence_date=reading)


SEQUENCE_TIE_BREAK = 0.5
"""Share of words in one sequence from which a tie at the printed document similarity is broken by it: the copies
of one text (the planted sets' copies share 70-100%); below, every tied report is named."""


SEQUENCE_MARGIN = 0.01
CLOSEST_MARGIN = 0.01
"""Event scores closer than this to the closest report's are not told apart from it: one figure changed in a copy
moves its score to a third text by about 0.003 (rH1 p15, p16), while the closest of two different reports of one
event in the seeds and planted sets stands 0.05 or more above the next."""
"""How much larger the share of words in one sequence must be for one tied report to be named the closest."""


def _sequence_share(a: Source | None, b: Source | None) -> float:
    """Share of two texts' words that match in one sequence (difflib's ratio over word lists): finer than the
    document similarity, which weighs words without their order and reads 1.00 for any two near-copies."""
    if a is None or b is None:
        return 0.0
    wa, wb = (" ".join(x.text for x in s.sentences).casefold().split() for s in (a, b))
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def _closest(i: int, best: int, others, profs, words: _PairWords, by_id: Mapping[str, Source] | None) -> str:
    """"closest in this event to X: …", with a tie at the printed similarity broken by the words in sequence, or
    every tied report named where that does not break it.

    Issue 23 (truth26, rF2 p10 F5): two copies identical but for one year were each said to be "closest to" a third
    copy that moves a paragraph and lacks two sentences ("document similarity 1.00"): three copies all read 1.00,
    and the first id won the tie."""
    said = {j: words.describe(i, j, names=False) for j in others}
    shown = said[best].split("; ")[0]
    top_score = words.score(i, best)
    tied = [j for j in others if said[j].split("; ")[0] == shown or top_score - words.score(i, j) < CLOSEST_MARGIN]
    if len(tied) < 2 or by_id is None:
        return f"closest in this event to {profs[best].source_id}: " + said[best]
    if any(said[j].split("; ")[0] != shown for j in tied):
        # scores a hair apart (rH1 p15: a German text 0.9353 to one English copy, 0.9324 to the other, which differs
        # from it by one figure): the document similarity cannot tell them apart, and "closest to p15-b" read as
        # the German being p15-b's version rather than p15-c's
        level = sorted(tied)
        figures = [re.search(r"\d+\.\d+", said[j]) for j in level]
        first = re.search(r"\d+\.\d+", shown)
        if first is None or any(f is None for f in figures):
            return f"closest in this event to {_and([profs[j].source_id for j in level])} alike"
        both = shown[:first.start()] + _and([f.group(0) for f in figures]) + shown[first.end():]
        return (f"closest in this event to {_and([profs[j].source_id for j in level])} alike, too close to tell "
                f"apart: {both}")
    seq = {j: _sequence_share(by_id.get(profs[i].source_id), by_id.get(profs[j].source_id)) for j in tied}
    ranked = sorted(tied, key=lambda j: (-seq[j], j))
    top = ranked[0]
    # the words in sequence tell near-copies apart (most of their words in one sequence); between reports that tell
    # the event in their own words, or in two languages, a few words in sequence more is noise (2019: 8.9% / 8.8%)
    if seq[top] < SEQUENCE_TIE_BREAK or seq[top] - seq[ranked[1]] < SEQUENCE_MARGIN:
        # two reports closer by a few words in a hundred are not told apart by it (p10: 87.4% / 87.1%)
        level = sorted(tied) if seq[top] < SEQUENCE_TIE_BREAK else sorted(
            j for j in tied if seq[top] - seq[j] < SEQUENCE_MARGIN)
        return f"closest in this event to {_and([profs[j].source_id for j in level])} alike: {shown}"
    rest = _and([profs[j].source_id for j in ranked[1:]])
    against = _and([f"{seq[j]:.1%} with {profs[j].source_id}" for j in ranked[1:]])
    first, _, tail = said[top].partition("; ")
    return (f"closest in this event to {profs[top].source_id}: {first}, as with {rest}, but {seq[top]:.1%} of their "
            f"words match in one sequence, against {against}" + (f"; {tail}" if tail else ""))


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _evidence(i, members, profs, words: _PairWords, by_id: Mapping[str, Source] | None = None) -> str:
    p = profs[i]
    others = [j for j in members if j != i]
    parts = []
    if p.label:
        parts.append(f"manifest event label '{p.label}'")
    if not others:
        parts.append("the only report about this occurrence in the set (no other report shares its date, names "
                     "and wording closely enough)")
        if p.date:
            parts.append(_date_said(p))
        return "; ".join(parts)
    same = [j for j in others if p.date and profs[j].date and _date_relation(p, profs[j]) == "same"]
    if p.date and same and p.stated:
        parts.append(f"same date {p.date}" + ("" if p.firm else f" ({p.date_how})"))
    elif p.date and same:
        parts.append("the same day as " + _and([profs[j].source_id for j in same]) + ": " + _date_said(p))
    elif p.date:
        parts.append(_date_said(p))
    else:
        parts.append("no date found: placed by its content")
    shared = Counter(e for j in others for e in set(p.entities) & set(profs[j].entities))
    top = sorted(shared, key=lambda e: (words.names.get(e, ("", ""))[1] != "person", -shared[e], e))[:6]
    if top:
        parts.append("shares " + ", ".join(words.said(e) for e in top))
    # "in this event": a report of another event can be closer still, kept apart by a date (issue 23, r45: 002
    # "closest to 004 (0.55)" beside "002 and 000 (0.69)" in "why apart")
    if len(others) < EVIDENCE_MEMBERS:  # the closest member (a pair score each; an event of many reports names its first)
        best = max(others, key=lambda j: (words.score(i, j), -j))
        parts.append(_closest(i, best, others, profs, words, by_id))
    else:
        best = others[0]
        parts.append(f"to {profs[best].source_id}, one of this event's reports: "
                     + words.describe(i, best, names=False))
    return "; ".join(parts)


def _date_said(p: Profile) -> str:
    """A report's date in its evidence: the date where the report states it; else the day its text gives, and that
    the year is the grouping's reading, not the text's (truth28: "date 1964-07-25 (year inferred …)" for 2020)."""
    if p.stated:
        return f"date {p.date} ({p.date_how})"
    said = f"its text gives {p.given} and no year" if p.given else "its text states no date"
    return f"{said} (the grouping reads {p.date}, not a date the text states: {p.date_how})"


def _with_apart(events: list[Event], profs, scored, words: _PairWords) -> list[Event]:
    """Each event's 'why apart': the best-scoring candidate pair between one of its reports and another event."""
    event_of = {sid: e.id for e in events for sid in e.sources}
    nearest: dict[str, tuple[int, int, str]] = {}
    for _, (i, j) in scored:  # best first
        ei, ej = event_of[profs[i].source_id], event_of[profs[j].source_id]
        if ei == ej:
            continue
        nearest.setdefault(ei, (i, j, ej))
        nearest.setdefault(ej, (j, i, ei))
    index = {p.source_id: n for n, p in enumerate(profs)}
    # each event's distinct (day, published, year inferred): the dates a merge is vetoed by (``_Groups.can_merge``)
    dates_of = {e.id: {(_day(profs[index[sid]].date), profs[index[sid]].firm, profs[index[sid]].inferred)
                       for sid in e.sources if _day(profs[index[sid]].date)} for e in events}
    tolerance = words.scores.settings.date_tolerance_days

    def vetoed(a: str, b: str) -> tuple[Profile, Profile] | None:
        """The two reports whose dates, one of them published, keep events ``a`` and ``b`` apart, if any."""
        for x, firm_x, inferred_x in sorted(dates_of[a]):
            for y, firm_y, inferred_y in sorted(dates_of[b]):
                if date_relation(x, y, (firm_x, firm_y), (inferred_x, inferred_y), tolerance) == "conflict-firm":
                    return (_holder(events_by_id[a], x, firm_x, inferred_x),
                            _holder(events_by_id[b], y, firm_y, inferred_y))
        return None

    events_by_id = {e.id: e for e in events}

    def _holder(event: Event, day: dt.date, firm: bool, inferred: bool) -> Profile:
        """The first of ``event``'s reports whose date is ``day``, read the same way (published, year inferred)."""
        return next(profs[index[sid]] for sid in sorted(event.sources)
                    if (_day(profs[index[sid]].date), profs[index[sid]].firm, profs[index[sid]].inferred)
                    == (day, firm, inferred))

    out = []
    for e in events:
        apart = ""
        if e.id in nearest:
            i, j, other = nearest[e.id]
            score = words.score(i, j)
            veto = vetoed(e.id, other)
            if words.scores.conflict((min(i, j), max(i, j))):
                why = "kept apart because their checkable details differ"
            elif score < 0:
                why = f"kept apart by their dates ({_dates_as_known(profs[i], profs[j])})"
            elif veto:
                why = f"kept apart by their dates ({_dates_as_known(*veto)})"
            elif score < words.scores.threshold:
                why = "under the threshold" + (" after the date penalty" if words.scores.relation(i, j) == "conflict"
                                               else "")
            else:
                why = "close, but not to the other event as a whole (average over all its pairs under the threshold)"
            apart = (f"nearest other event {other}: {profs[i].source_id} and {profs[j].source_id}, "
                     f"{words.describe(i, j)}; {why}")
        out.append(replace(e, apart=apart))
    return out


def _dates_as_known(*reports: Profile) -> str:
    """Each report's date worded as the tool knows it, published first: 'stated' was untrue of a date whose year
    was inferred (2019: 000 writes only 'Thursday, may 30'), so the words say published, stated or year inferred."""
    def known(p: Profile) -> str:
        if p.firm:
            return f"{p.source_id}'s published {p.date}"
        if p.inferred and p.given:  # the day and month it gives, not the year the grouping read (truth28)
            return f"{p.source_id}'s {p.given}: day and month stated in its text, no year"
        if p.inferred:
            return f"{p.source_id}'s {p.date}: day and month stated in its text, year inferred"
        return f"{p.source_id}'s {p.date} stated in its text"
    return "; ".join(known(p) for p in sorted(reports, key=lambda p: (not p.firm, p.source_id)))


SUFFIX_DIGITS = 6
"""Hex digits of the member hash that tell apart events under one id (more where two meet)."""


def _unique_ids(events: list[Event]) -> list[Event]:
    """Tell apart events whose date-place-person ids collide, by a suffix each event owns.

    The suffix is a short hash of the event's smallest member id, not a
    running number: adding reports to a set then never renames an event
    whose own members did not change, so saved links to its page keep
    working and its cached results are reused.  Of colliding events, the one
    with the smallest member id keeps the plain id.  Six hex digits suffice
    for a few hundred events under one id, but a large archive holds
    thousands of "undated" ones, where two short hashes do meet: only the
    events whose suffixes meet take longer ones, so the others keep theirs.
    """
    groups: dict[str, list[Event]] = {}
    for e in events:
        groups.setdefault(e.id, []).append(e)
    keepers = {eid: min(same, key=lambda x: min(x.sources)) for eid, same in groups.items()}
    digests = {id(e): hashlib.sha1(min(e.sources).encode("utf-8")).hexdigest() for e in events}
    taken = set(groups)
    new_ids: dict[int, str] = {}
    for base, same in sorted(groups.items()):
        others = [e for e in same if e is not keepers[base]]
        length = {id(e): SUFFIX_DIGITS for e in others}
        while True:
            candidates: dict[str, list[Event]] = {}
            for e in others:
                candidates.setdefault(f"{base}-{digests[id(e)][:length[id(e)]]}", []).append(e)
            clashes = [e for cid, owners in candidates.items() if len(owners) > 1 or cid in taken for e in owners]
            if not clashes:
                break
            for e in clashes:
                length[id(e)] += 2
        for cid, (e,) in candidates.items():
            new_ids[id(e)] = cid
            taken.add(cid)
    out = []
    for e in sorted(events, key=lambda e: (e.id, min(e.sources))):
        out.append(replace(e, id=new_ids.get(id(e), e.id)))
    return out


def _compatible(value: str, event_day: dt.date, tolerance: int = DEFAULT_SETTINGS.date_tolerance_days) -> bool:
    if len(value) == 10:
        d = _day(value)
        return d is not None and abs((d - event_day).days) <= tolerance
    if len(value) == 7:
        return value == event_day.isoformat()[:7]
    return value == str(event_day.year)


def _with_background(
    events: list[Event], sources: Sequence[Source], annotations: Annotations, tolerance: int = DEFAULT_SETTINGS.date_tolerance_days,
) -> list[Event]:
    by_id = {s.id: s for s in sources}
    dated = [(e.id, _day(e.evidence_date)) for e in events if _day(e.evidence_date)]
    entity_of_event = {e.id: {m.entity for sid in e.sources for m in annotations.mentions.get(sid, ()) if m.entity}
                       for e in events}
    out = []
    for event in events:
        day = _day(event.evidence_date)
        passages: list[Background] = []
        if day is not None:
            # an event whose reports state no date is read against the day they give, its year not printed
            said = f"the event's date {day}" if event.date else (
                f"the event's day ({event.date_given}; no year is stated)" if event.date_given
                else "the event's day (no year is stated)")
            for sid in event.sources:
                passages.extend(_background_of(by_id[sid], day, event.id, annotations, dated, entity_of_event,
                                               tolerance, said))
        out.append(replace(event, background=tuple(passages)))
    return out


def _background_of(
    source, day, own_event, annotations, dated, entity_of_event, tolerance: int = DEFAULT_SETTINGS.date_tolerance_days,
    said: str | None = None,
) -> list[Background]:
    own_date = f"the event's date {day}"
    mentions = annotations.mentions.get(source.id, ())
    quotes = [(q.start, q.end) for q in annotations.quotes.get(source.id, ()) if q.direct]
    par_of = {s.index: s.paragraph for s in source.sentences}
    by_par: dict[int, list[Mention]] = defaultdict(list)
    ents_by_par: dict[int, set[str]] = defaultdict(set)
    for m in mentions:
        par = par_of.get(m.sentence)
        if m.entity:
            ents_by_par[par].add(m.entity)
        if m.type != "date" or not m.value or any(a <= m.start < b for a, b in quotes):
            continue
        if len(m.value) == 4 and _SINCE.search(source.text[max(0, m.start - 30):m.start]):
            continue
        by_par[par].append(m)
    sentence_start = {s.index: s.start for s in source.sentences}
    # paragraph -> (date, reason, where the passage starts): from the sentence naming the other date, so the
    # sentences before it in the paragraph (about this occasion: "The four ministers will also hold ...
    # In November, missiles were deployed ...") stay in the comparison
    marks: dict[int, tuple[str | None, str, int]] = {}
    for p in range(len(source.paragraphs)):
        dates = by_par.get(p, [])
        a, b = source.paragraphs[p]
        if not dates or any(_compatible(d.value, day, tolerance) for d in dates):
            if not dates and p - 1 in marks and _CONTINUATION.match(source.text[a:b]) \
                    and not _THIS_OCCASION.search(source.text[a:b]):
                marks[p] = (marks[p - 1][0], f"continues the passage about {marks[p - 1][0]}", a)
            continue
        first = min(dates, key=lambda d: d.start)
        start = max(a, sentence_start.get(first.sentence, a))
        marks[p] = (first.value, f"dated {first.value} ('{first.text}'), not {said or own_date}", start)
    def heading(q: int) -> bool:
        a, b = source.paragraphs[q]
        text = source.text[a:b]
        return len(text.split()) <= 10 and not text.rstrip().endswith((".", "!", "?", ":", "”", '"')) \
            and not by_par.get(q)

    # a section whose first paragraph is about another occasion is about it up to the next heading (TASS's
    # "Peace treaty": the December summit, then Putin's and Lavrov's earlier words), unless a paragraph names
    # this occasion's date or speaks of what is yet to happen
    for p in sorted(marks):
        if p - 1 < 0 or not heading(p - 1) or marks[p][2] != source.paragraphs[p][0] or "continues" in marks[p][1]:
            continue
        q = p + 1
        while q < len(source.paragraphs) and q not in marks and not heading(q):
            a, b = source.paragraphs[q]
            if any(_compatible(d.value, day, tolerance) for d in by_par.get(q, [])) \
                    or _THIS_OCCASION.search(_QUOTED.sub(" ", source.text[a:b])):  # a quotation's 'will' is the speaker's
                break
            h = source.paragraphs[p - 1]
            marks[q] = (marks[p][0], f"in the section under the heading '{source.text[h[0]:h[1]].strip()}', which "
                                     f"opens with {marks[p][0]}", a)
            q += 1
    for p in sorted(marks):
        if p - 1 >= 0 and p - 1 not in marks and marks[p][2] == source.paragraphs[p][0] and heading(p - 1):
            marks[p - 1] = (marks[p][0], "heading of a background passage", source.paragraphs[p - 1][0])
    out = []
    for p in sorted(marks):
        value, reason, start = marks[p]
        linked = None
        if value and len(value) >= 7:
            for eid, eday in dated:
                if eid != own_event and _compatible(value, eday, tolerance) \
                        and ents_by_par.get(p, set()) & entity_of_event.get(eid, set()):
                    linked = eid
                    reason += f"; linked to event {eid}"
                    break
        present = present_sentences(source.sentences, p, start, source.paragraphs[p][1])
        reason += "".join(_present_words(source.text[x.start:x.end], x, value) for x in present)
        # the sentences that refer to this event are compared with it; the rest of the passage stays background
        out.extend(Background(source.id, a, b, p, value, reason, linked)
                   for a, b in passage_without(start, source.paragraphs[p][1], present))
    return out


def _present_words(text: str, present: PresentSentence, date: str | None) -> str:
    """Why a background passage's sentence is compared with this event, said no stronger than its words: 'As
    this time' may repeat the earlier occasion's words for this one; 'this year' may refer to this event."""
    ordinal = ordinal_words(present.ordinal)
    phrase = repeat_phrase(text, present.words)
    if phrase:
        return (f"; but its {ordinal} sentence may repeat for this event what the passage says of "
                f"{date or 'the earlier occasion'} ('{phrase}') and is compared with it")
    return f"; but its {ordinal} sentence may refer to this event ('{present.words}') and is compared with it"


class EventSimilarity:
    """Event similarity between reports of one collection (IDF fitted on it), for ranking and benchmarks."""

    def __init__(self, sources: Sequence[Source], annotations: Annotations):
        self.profiles = profiles(sources, annotations)
        self.index = {p.source_id: i for i, p in enumerate(self.profiles)}
        self.languages = by_language(sources)
        self.text, self.entities, self.anchors = _similarities(sources, self.profiles, annotations)
        self.carried = (carriers(self.entities), carriers(self.anchors))

    def score(self, a: str, b: str) -> float:
        i, j = self.index[a], self.index[b]
        t, e, n = (float(d[0]) for d in evidence((self.text, self.entities, self.anchors), [(i, j)], self.carried))
        cross = self.languages[a] != self.languages[b]
        return max(pair_score(t, e, _date_relation(self.profiles[i], self.profiles[j]), n, cross), -1.0)


def event_similarity(a: Source, b: Source, annotations: Annotations) -> float:
    """How likely two reports are about the same occurrence (about -1 to 1.25; higher is more similar).

    IDF weights come from just these two reports; for many pairs build one
    ``EventSimilarity`` over the whole collection instead.
    """
    return EventSimilarity([a, b], annotations).score(a.id, b.id)


__all__ = ["EventSettings", "EventSimilarity", "Profile", "candidate_pairs", "event_date", "event_similarity", "group_events",
           "pair_score", "profiles"]
