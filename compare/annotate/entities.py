"""Canonical entities across reports and languages.

Spelling and transliteration variants of one person or place resolve to one
entity: names are folded to ASCII (unidecode, so "Лавров" is "Lavrov"),
then to a rough phonetic key that forgets the choices transliteration makes
(y/i, w/v, doubled letters: Shoigu/Shoygu, Sergey/Sergei, Iwaya/Ivaya; c/k,
silent h, French "au"/"eau"/"oi": Макрон/Macron, Идальго/Hidalgo,
Пино/Pinault), and keys are compared with rapidfuzz.  Titles are not part of
a name ("Frankreichs Präsident" is peeled off in ``names.py``), so a titled
mention meets the plain one.  Candidate pairs come from blocking on the key's
first two and last three letters, and each block is scored with ``rapidfuzz.process.cdist``
(vectorised), so the cost grows with the number of distinct names, not its
square.  Gazetteer names (Iturup/Etorofu, Southern Kurils/Northern
Territories) resolve through the gazetteer; contested names of one place are
kept apart as naming choices with the sources that used each.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse
from unidecode import unidecode

from compare.annotate.gazetteer import ENTRIES, head_meaning, place_head
from compare.model import CJK_CHARACTER, Entity, Mention, Source

NAME_TYPES = ("person", "place", "organisation", "thing")
HEAD_LANGUAGES = ("en", "de", "fr", "it", "es", "ru")
"""The languages whose head words (``place_heads.csv``) are set aside when a name is matched without them."""
SURNAME_MIN_SIMILARITY = 85.0
FIRSTNAME_MIN_SIMILARITY = 70.0
NAME_MIN_SIMILARITY = 90.0
KIND_RANK = {"official-transcript": 0, "original": 1, "translation": 2, "rewrite": 3, "machine-translation": 4}

_GAZ = {entry.name: entry for entry in ENTRIES}


_FOLDS = (
    # Russian "дж" is English "j": Джонс/Johns, Джакарта/Jakarta (before "zh": "dzh" would end as "dj")
    ("dzh", "j"),
    # transliteration choices: Khabarovsk/Habarovsk, Shoigu/Shoygu, Iwaya/Ivaya, Djokovic/Jokovic
    ("kh", "h"), ("ck", "k"), ("ph", "f"), ("w", "v"), ("y", "i"), ("dj", "j"), ("tch", "ch"), ("tsch", "ch"),
    ("sch", "sh"), ("zh", "j"),
    # French spellings that Russian and German write as they sound: Pinault/Пино, Renault/Рено,
    # Beaumont/Бомон, François/Франсуа, Gounod/Гуно
    ("eaux", "o"), ("eau", "o"), ("ault", "o"), ("aux", "o"), ("au", "o"), ("oi", "ua"), ("ou", "u"),
    # c is k before a, o, u and consonants, s before e, i: Macron/Макрон, Francois/Франсуа
    ("ch", "\x00"), ("ce", "se"), ("ci", "si"), ("c", "k"), ("\x00", "ch"),
    # h is silent or dropped in one language and written in another: Hidalgo/Идальго, Khan/Хан
    ("sh", "\x01"), ("ch", "\x02"), ("h", ""), ("\x01", "sh"), ("\x02", "ch"),
)


def phonetic(name: str) -> str:
    """A spelling-insensitive key: ASCII, lower case, transliteration and orthography choices folded.

    Both sides of every comparison are folded the same way, so a rule only
    has to be consistent, not phonetically exact: it makes "Эмманюэль Макрон"
    and "Emmanuel Macron", "Анн Идальго" and "Anne Hidalgo" close keys.
    """
    s = unidecode(name.replace("ç", "s").replace("Ç", "S")).lower()
    s = re.sub(r"['’`]s\b", "", s)
    s = re.sub(r"['’`]", "", s)  # the Russian soft sign: Idal'go, Merkel'
    s = re.sub(r"[^a-z ]+", " ", s)
    for a, b in _FOLDS:
        s = s.replace(a, b)
    s = re.sub(r"(.)\1+", r"\1", s)
    return " ".join(s.split())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-") or "x"


def _blocks(key: str) -> list[str]:
    """Blocking keys: a name's first two and last three letters, so one differing end still meets."""
    return [f"<{key[:2]}", f">{key[-3:]}"] if key else []


def _link_blocks(keys: list[str], block_of, threshold: float, compatible=None) -> list[tuple[int, int]]:
    """Pairs of items whose keys are similar, comparing only within blocks (vectorised per block)."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        for b in block_of(key):
            blocks[b].append(i)
    edges: list[tuple[int, int]] = []
    for members in blocks.values():
        if len(members) < 2:
            continue
        block_keys = [keys[i] for i in members]
        scores = process.cdist(block_keys, block_keys, scorer=fuzz.ratio, score_cutoff=threshold)
        rows, cols = scores.nonzero()
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            if r < c and (compatible is None or compatible(members[r], members[c])):
                edges.append((members[r], members[c]))
    return edges


SMALL_GRAPH_EDGES = 50_000
"""Up to this many edges, components come from a union-find here; more go to scipy's ``connected_components``."""


def _components(n: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Groups of items joined by edges, each sorted, in order of their smallest member.

    scipy numbers components in order of their first node, so the order (and
    with it the canonical entity chosen on ties) does not depend on edge order.
    A small graph (a teacher's set: a few hundred mentions) takes a union-find
    in Python instead, with the same groups in the same order: importing
    ``scipy.sparse.csgraph`` pulls in ``scipy.sparse.linalg`` and
    ``scipy.linalg``, 0.08 CPU-second of a seeds run that nothing else there
    needs.
    """
    if not n:
        return []
    if len(edges) <= SMALL_GRAPH_EDGES:
        return _union_find_components(n, edges)
    # Imported here: scipy.sparse.csgraph pulls in scipy.sparse.linalg, 0.15 s that every command paid at start-up.
    from scipy.sparse import csgraph

    left = np.fromiter((a for a, _ in edges), dtype=np.int64, count=len(edges))
    right = np.fromiter((b for _, b in edges), dtype=np.int64, count=len(edges))
    graph = sparse.coo_matrix((np.ones(len(edges), dtype=np.int8), (left, right)), shape=(n, n))
    _, labels = csgraph.connected_components(graph, directed=False)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels.tolist()):
        groups[label].append(i)
    return list(groups.values())


def _union_find_components(n: int, edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """:func:`_components` by union-find: each group's root is its smallest member, groups in order of it."""
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def resolve_entities(
    sources: Sequence[Source], mentions_by_source: Mapping[str, Sequence[Mention]]
) -> tuple[tuple[Entity, ...], dict[str, tuple[Mention, ...]]]:
    """Cluster name mentions of all sources into entities; return entities and mentions carrying entity ids."""
    items: list[tuple[str, str, str | None, str]] = []  # (type, surface, gazetteer name, source id)
    index_of: dict[tuple[str, str, str | None, str], int] = {}
    mention_item: dict[tuple[str, int], int] = {}
    surname_full: dict[tuple[str, str], str] = {}  # (source, surname key) -> a full name used there
    for sid in sorted(mentions_by_source):
        for m in mentions_by_source[sid]:
            if m.type == "person" and len(m.text.split()) > 1:
                surname_full.setdefault((sid, phonetic(m.text).split()[-1]), m.text)
    for sid in sorted(mentions_by_source):
        for n, m in enumerate(mentions_by_source[sid]):
            if m.type not in NAME_TYPES:
                continue
            gaz = m.value if m.value in _GAZ else None
            surface = m.text
            item = (m.type, surface, gaz, sid)
            if item not in index_of:
                index_of[item] = len(items)
                items.append(item)
            mention_item[(sid, n)] = index_of[item]
    latin = {m.text: m.value for ms in mentions_by_source.values() for m in ms
             if m.type in NAME_TYPES and m.value and CJK_CHARACTER.search(m.text)}
    from compare.annotate.chinese import romanised  # here: chinese imports this module's gazetteer

    guessed = {m.text for ms in mentions_by_source.values() for m in ms
               if m.type == "person" and romanised(m.text, m.value)}
    language_of = {s.id: s.language or "en" for s in sources}
    lemma = {(m.text, sid): lemma_name(m, language_of.get(sid, "en"))
             for sid, ms in mentions_by_source.items() for m in ms if m.type in LEMMA_TYPES and m.value not in _GAZ}

    def key(surface: str, sid: str = "") -> str:
        """The phonetic key of a name; of a Chinese name's Latin form ("张雄": Zhang Xiong), to meet translations;
        of a place's or a body's lemma in a language that inflects names ("Бразилию": Бразилия)."""
        digits = " ".join(re.findall(r"\d+", surface))  # "MI5" and "MI6" are two services, not one "mi"
        named = latin.get(surface) or lemma.get((surface, sid)) or surface
        return phonetic(named) + (f" {digits}" if digits else "")

    edges: list[tuple[int, int]] = []
    # 1. gazetteer names: one entity per entry
    by_gaz: dict[str, int] = {}
    for i, (_, _, gaz, _) in enumerate(items):
        if gaz:
            if gaz in by_gaz:
                edges.append((by_gaz[gaz], i))
            else:
                by_gaz[gaz] = i
    from compare.annotate.people import fold, identities  # here: first_names imports this module's phonetic

    # 2. within a report, mentions of one person (``compare.annotate.people``): a shared surname is no evidence
    # ("Kardashian West" is not "Kanye West"), and a bare surname two people fit joins no one (planted p12, rG1)
    identity: dict[int, str | None] = {}
    person_items: dict[str, list[int]] = defaultdict(list)
    for i, (type_, _surface, gaz, item_sid) in enumerate(items):
        if type_ == "person" and not gaz:
            person_items[item_sid].append(i)
    for sid, members in person_items.items():
        keys = identities(m.text for m in mentions_by_source[sid] if m.type == "person" and m.value not in _GAZ)
        first_of: dict[str, int] = {}
        for i in members:
            identity[i] = keys.get(items[i][1], phonetic(items[i][1]))
            if identity[i] is None:
                continue
            j = first_of.setdefault(identity[i], i)
            if j != i:
                edges.append((j, i))
    unresolved = {i for i, k in identity.items() if k is None}
    # 3. across reports: full names by surname similarity with compatible first names; a full name that is its
    # person's multi-word surname ("Kardashian West", Kim Kardashian's) is compared as a whole
    people = [i for i, it in enumerate(items) if it[0] == "person" and not it[2] and i not in unresolved]
    # a Chinese name is one word written, two in its Latin form ("习近平": Xi Jinping), and compared as a full name
    fulls = [i for i in people if len(items[i][1].split()) > 1 or len(key(items[i][1]).split()) > 1]
    full_set = set(fulls)
    alone = [i for i in people if i not in full_set and identity.get(i) == fold(items[i][1])]
    surnames = [key(items[i][1]).split()[-1] if key(items[i][1]) else "" for i in fulls]
    firsts = [key(items[i][1]).split()[0] if len(key(items[i][1]).split()) > 1 else "" for i in fulls]

    def compatible(a: int, b: int) -> bool:
        fa, fb = firsts[a], firsts[b]
        return not fa or not fb or fa[0] == fb[0] and (len(fa) == 1 or len(fb) == 1 or
                                                        fuzz.ratio(fa, fb) >= FIRSTNAME_MIN_SIMILARITY)

    for a, b in _link_blocks(surnames, _blocks, SURNAME_MIN_SIMILARITY, compatible):
        edges.append((fulls[a], fulls[b]))
    # a report that names someone by surname only: the person of another report with that surname, when exactly
    # one is (a bare "West" meets "Kanye West", not "Kardashian West", whose surname is both words); reports that
    # all name them by surname alone are one person between them
    alone_keys = [key(items[i][1]) for i in alone]
    for a, b in _link_blocks(alone_keys, _blocks, SURNAME_MIN_SIMILARITY):
        edges.append((alone[a], alone[b]))
    if alone:
        group_of = {i: g for g, members in enumerate(_components(len(items), edges)) for i in members}
        by_block: dict[str, list[int]] = defaultdict(list)
        for n, i in enumerate(fulls):
            if (identity.get(i) or "").split()[-1:] == fold(items[i][1]).split()[-1:]:  # its own surname
                for b in _blocks(surnames[n]):
                    by_block[b].append(n)
        for i, surname in zip(alone, alone_keys, strict=True):
            near = {n for b in _blocks(surname) for n in by_block.get(b, ())
                    if fuzz.ratio(surnames[n], surname) >= SURNAME_MIN_SIMILARITY}
            if len({group_of[fulls[n]] for n in near}) == 1:
                edges.append((i, fulls[min(near)]))
    # 3b. a Chinese person's name whose pinyin, run together, is one Latin-script person's name or surname in
    # another report: "杜达" (pinyin "Du Da") is the "Duda" of the English translations, a foreign name written
    # in characters, which the surname-and-given-name reading cannot meet (W bench w052)
    edges.extend(_run_together_edges(items, people, guessed, key))
    # 4. other names (not in the gazetteer) by whole-name similarity, within a type
    for type_ in ("place", "organisation", "thing"):
        rest = [i for i, it in enumerate(items) if it[0] == type_ and not it[2]]
        keys = [key(items[i][1], items[i][3]) for i in rest]
        for a, b in _link_blocks(keys, _blocks, NAME_MIN_SIMILARITY):
            edges.append((rest[a], rest[b]))
        edges.extend(_exonym_edges(rest, keys, [language_of.get(items[i][3], "en") for i in rest]))
    # 4b. an acronym written alone where the set also writes it with its number ("COVID" beside "COVID-19"), when
    # one such number is written: "MH-17" and "MH-370" leave a bare "MH" alone
    designations: dict[str, set[str]] = defaultdict(set)
    for surface in {it[1] for it in items if it[0] == "thing"}:
        found = DESIGNATION.fullmatch(surface)
        if found:
            designations[found.group(1)].add(surface)
    for i, (type_, surface, gaz, _sid) in enumerate(items):
        if not gaz and type_ != "person" and len(designations.get(surface, ())) == 1:
            full = next(iter(designations[surface]))
            edges.extend((i, j) for j, it in enumerate(items) if it[0] == "thing" and it[1] == full)
    # 5. a place or organisation named with a head word that the other lacks: "Hundepark Dusty Rhodes" (a German
    # compound before the name) is "Dusty Rhodes" (dog park), "Kathedrale Notre-Dame" is "Notre-Dame"
    # (issue 23, planted p01: the German source's name cell was left blank)
    bare: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (type_, surface, gaz, sid) in enumerate(items):
        if type_ != "person" and not gaz:
            named = lemma.get((surface, sid)) or surface  # "Университета ...": the lemma's words
            words = [w for w in named.split() if not any(place_head(w, lang) for lang in HEAD_LANGUAGES)]
            stripped = phonetic(" ".join(words))
            if len(words) < len(named.split()) and len(stripped.replace(" ", "")) >= 5:
                bare[(type_, stripped)].append(i)
    for i, (type_, surface, gaz, sid) in enumerate(items):
        if type_ != "person" and not gaz:
            for j in bare.get((type_, key(surface, sid)), ()):
                if j != i:
                    edges.append((i, j))
    # 6. one institution named with its head word in two languages, the rest of the name the same: "Pedro Maria
    # Tonha Pedalé Krankenhauses" is "Pedro Maria Tonha Pedalé Hospital" (issue 23, planted p14), "Hôpital X" is
    # "X Hospital"; the heads must mean the same ("X Museum" is not "X Palace")
    headed: dict[tuple[str, str, frozenset[str]], list[int]] = defaultdict(list)
    for i, (type_, surface, gaz, sid) in enumerate(items):
        if type_ != "person" and not gaz:
            # the lemma's words: "Университета Джонса Хопкинса" is "Университет Джонс Хопкинс", Johns Hopkins
            # University (issue 23, rW1 M3)
            meanings = {w: head_meaning(w) for w in (lemma.get((surface, sid)) or surface).split()}
            heads = frozenset(m for m in meanings.values() if m)
            stripped = phonetic(" ".join(w for w, m in meanings.items() if not m))
            if heads and len(stripped.replace(" ", "")) >= 5:
                headed[(type_, stripped, heads)].append(i)
    for group in headed.values():
        edges.extend((group[0], j) for j in group[1:])
    # build entities
    clusters = _components(len(items), edges)
    entity_of: dict[int, str] = {}
    entities: list[Entity] = []
    used_ids: set[str] = set()
    rank = {s.id: KIND_RANK.get(s.kind or "", 2) for s in sources}
    clusters = [members for members in clusters if not all(i in unresolved for i in members)
                and not _common_noun(items, members, sources)]
    ordered = sorted(clusters, key=lambda members: _canonical(items, members, rank))
    for members in ordered:
        type_, name = _canonical_type(items, members), _canonical(items, members, rank)
        if type_ == "person" and _maker(items, members, sources):
            type_ = "organisation"
        name = _display_name(items, members, name, latin, guessed, rank, sources)
        eid = slug(name)
        if eid in used_ids:
            eid = f"{eid}-{type_}"
        n = 2
        while eid in used_ids:
            eid, n = f"{slug(name)}-{n}", n + 1
        used_ids.add(eid)
        variants: dict[str, set[str]] = defaultdict(set)
        for i in members:
            variants[items[i][3]].add(items[i][1])
        choices: dict[str, set[str]] = defaultdict(set)
        for i in members:
            gaz = items[i][2]
            if gaz and _GAZ[gaz].choices:
                label = _choice(gaz, items[i][1])
                if label:
                    choices[label].add(items[i][3])
        entities.append(Entity(eid, type_, name, {k: tuple(sorted(v)) for k, v in sorted(variants.items())},
                               {k: tuple(sorted(v)) for k, v in sorted(choices.items())}))
        for i in members:
            entity_of[i] = eid
    out: dict[str, tuple[Mention, ...]] = {}
    for sid in sorted(mentions_by_source):
        updated = []
        for n, m in enumerate(mentions_by_source[sid]):
            i = mention_item.get((sid, n))
            if i is not None and i in entity_of:
                m = Mention(m.source_id, m.sentence, m.start, m.end, m.text, m.type, m.value, entity_of[i])
            updated.append(m)
        out[sid] = tuple(updated)
    return tuple(sorted(entities, key=lambda e: e.id)), out


def _common_noun(items, members, sources: Sequence[Source]) -> bool:
    """A "person" named by a phrase that a report of the set writes in lower case, or by one capitalised word alone, no given name among its spellings, that a report of the set
    writes in lower case after an article or possessive ("the consulate", "its consulate"): a common noun that a
    title or a capital made look like a name ("the General Consulate of the United States": "Consulate" after the
    title "General", W bench w050).  The set is read, not the one report, since the version that capitalises the
    word need not also write it in lower case."""
    from compare.annotate.first_names import is_first_name  # here: first_names imports this module
    from compare.annotate.names import DETERMINERS
    from compare.annotate.speech import SPEECH_VERBS

    words = {items[i][1] for i in members}
    if any(items[i][0] != "person" or items[i][2] for i in members):
        return False
    if all(" " in w and not CJK_CHARACTER.search(w) for w in words):
        # a phrase of two words or more that a report writes in lower case: "the Main Naval Parade" beside "the
        # main naval parade" (W bench, wmt-ru-en-299: "Naval Parade" listed among the people); no person's whole
        # name is written in lower case
        phrases = "|".join(re.escape(w.lower()) for w in sorted(words) if w.lower() != w)
        return bool(phrases) and any(re.search(rf"(?<![^\W\d_])(?:{phrases})(?![^\W\d_])", s.text) for s in sources)
    if any(" " in w or not w[:1].isupper() or CJK_CHARACTER.search(w) or is_first_name(w) for w in words):
        return False
    before = "|".join(sorted(DETERMINERS | POSSESSIVES))
    nouns = "|".join(re.escape(w.lower()) for w in sorted(words))
    pattern = re.compile(rf"(?<![^\W\d_])(?i:{before})\s+({nouns})(?![^\W\d_])")
    # or in lower case before a verb of speech: "Nantes prosecutors announced" beside "Prosecutors noted that …"
    # (W bench, wmt-zh-en-105: "Prosecutors" among the people); no surname is written so ('may said' is none)
    verbs = "|".join(sorted(set().union(*SPEECH_VERBS.values())))
    speaking = re.compile(rf"(?<![^\W\d_])({nouns})\s+(?:{verbs})(?![^\W\d_])")
    return any(pattern.search(s.text) or speaking.search(s.text) for s in sources)


MODEL_AFTER = r"\s+[A-Z]{0,3}-?\d"
"""What follows a maker's name and no person's: a model number ("Boeing 737", "Airbus A320", "Tupolev Tu-154")."""


def _maker(items, members, sources: Sequence[Source]) -> bool:
    """A "person" named by one word alone (no given name among its spellings) that a report of the set writes
    before a model number ("a Boeing 737 MAX", "2,000 Boeing 737NG"): a maker, which speaks as a person does
    ("Boeing said …"), so the verb of speech made it one (a teacher's read of W bench wmt-zh-en-259: Boeing
    listed among the people).  No person's name is followed by a model's number."""
    from compare.annotate.first_names import is_first_name  # here: first_names imports this module

    words = {items[i][1] for i in members}
    if any(" " in w or CJK_CHARACTER.search(w) or is_first_name(w) for w in words):
        return False
    pattern = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(re.escape(w) for w in sorted(words))}){MODEL_AFTER}")
    return any(pattern.search(s.text) for s in sources)


POSSESSIVES = frozenset("""its his her their our my your sein seine seines seiner seinem ihr ihre ihres ihrem ihren
    unser unsere son sa ses leur leurs notre""".split())


RUN_TOGETHER_MIN = 4
"""Letters a run-together pinyin key needs to meet a Latin name ("duda"): two-letter syllables meet too much."""


def _run_together_edges(items, people: Sequence[int], guessed: set[str], key) -> list[tuple[int, int]]:
    """Edges from each romanised Chinese person to the one Latin-script person of another report whose name or
    surname is its pinyin run together, where exactly one is."""
    by_key: dict[str, set[int]] = defaultdict(set)
    for i in people:
        surface = items[i][1]
        if not CJK_CHARACTER.search(surface):
            words = key(surface).split()
            for k in {"".join(words), words[-1]} if words else ():
                by_key[k].add(i)
    edges = []
    for i in people:
        if items[i][1] in guessed:
            joined = key(items[i][1]).replace(" ", "")
            fits = {j for j in by_key.get(joined, ()) if items[j][3] != items[i][3]}
            if len(joined) >= RUN_TOGETHER_MIN and len({items[j][1] for j in fits}) == 1:
                edges.extend((i, j) for j in fits)
    return edges


def _display_name(items, members, name: str, latin: Mapping[str, str], guessed: set[str],
                  rank: Mapping[str, int], sources: Sequence[Source]) -> str:
    """The entity's name in the table: a Chinese name in Latin script where it has a listed or given spelling
    ("广州": Guangzhou, "约翰·刘易斯（John Lewis）"); a person's in the spelling a Latin-script report of the set
    writes, where one does ("杜达" beside "Duda": Duda, not the pinyin "Du Da"); a person whose only Latin form is
    the annotator's pinyin, in that pinyin where a report of the set writes it ("孙健淇": Sun Jianqi, which the
    names table then finds in the translations), else as written: a romanisation no text writes is a name the
    reader cannot find (the W bench's zh-en pages: "Jiao Buluo" for 焦布洛, Ziobro; "Liu Yisi" for 刘易斯, Lewis)."""
    if not CJK_CHARACTER.search(name):
        return name
    written = [i for i in members if not CJK_CHARACTER.search(items[i][1])]
    if any(items[i][0] == "person" for i in members):
        if written:
            return _canonical(items, written, rank)
        if name in guessed and not _written_in(latin[name], sources):
            return name
    return latin.get(name, name)


def _written_in(name: str, sources: Sequence[Source]) -> bool:
    """Whether a report of the set writes ``name`` as a whole word or words."""
    pattern = re.compile(rf"(?<![^\W\d_]){re.escape(name)}(?![^\W\d_])")
    return any(pattern.search(s.text) for s in sources)


DESIGNATION = re.compile(r"([A-Z]{2,6})-\d+")
"""An acronym joined to its number ("COVID-19"): a disease, a model or a flight (``names._designation_end``)."""
LEMMA_TYPES = frozenset({"place", "organisation", "thing"})
"""Names read through their lemma for linking: a place's or a body's name inflects in Russian, Polish, Czech
("на Бразилию", "Университета Джонса Хопкинса"); a person's goes through ``compare.annotate.people``."""
UNINFLECTED = frozenset({"en", "zh", "ja", "ko"})
"""Languages whose names take no case endings: read as written."""


def lemma_name(mention: Mention, language: str) -> str | None:
    """The name of a place, body or thing in its lemma form, for linking only (the table shows what the source
    writes): the lemma the annotator gave (natasha's, for Russian), else each word's lemma in simplemma's
    dictionary of the source's language ("Бразилию": Бразилия, "Brazylii": Brazylia), a dictionary lookup per
    word, never a lemmatiser run.  None where nothing changes."""
    if mention.value and mention.value != mention.text and not CJK_CHARACTER.search(mention.text):
        return mention.value
    if language in UNINFLECTED:
        return None
    words = mention.text.split()
    lemmas = [_word_lemma(w, language) for w in words]
    return " ".join(lemmas) if lemmas != words else None


@lru_cache(maxsize=65536)
def _word_lemma(word: str, language: str) -> str:
    """A capitalised word's lemma in ``language``'s dictionary, capitalised as written; the word where none."""
    from compare.annotate.names import _lexicon

    lexicon = _lexicon(language)
    if lexicon is None or not word[:1].isupper():
        return word
    try:
        found = lexicon.get(word)
    except (KeyError, UnicodeError):
        return word
    return found if found and found[:1].isupper() else word


ENDING_VOWELS = re.compile(r"(?<=[a-z]{3})(?:ien|[aeiou]+)$")
"""The vowels that end a word, where three letters stay before them: "Бразилия" is "brazilia", Brazil "brazil";
and German's "-ien" ("Indien": India, "Italien": Italy)."""


def _ending_key(key: str) -> str:
    """A phonetic key without each word's final vowels: the ending one language gives a place's name and another
    does not ("Бразилия": "brazilia", Brazil: "brazil"; "Indien", "Индия", India all end as "ind")."""
    return " ".join(ENDING_VOWELS.sub("", w) for w in key.split())


def _exonym_edges(members: Sequence[int], keys: Sequence[str], languages: Sequence[str]) -> list[tuple[int, int]]:
    """Names in two languages whose keys differ only in their words' final vowels ("Бразилия" and "Brazil"), joined
    where that is the one name in each language that fits: "Niger" and "Nigeria" both in one source set leave
    "Нигерия" unjoined, since the ending alone cannot say which of them it is."""
    by_stem: dict[str, list[int]] = defaultdict(list)
    for n, k in enumerate(keys):
        stem = _ending_key(k)
        # five letters of name, three left without the ending: "Indien" and "India" meet, "Cuba" and "Kuba" do not
        # reach this rule (their keys already agree), and no two-letter stem joins anything
        if len(k.replace(" ", "")) >= 5 and len(stem.replace(" ", "")) >= 3:
            by_stem[stem].append(n)
    edges: list[tuple[int, int]] = []
    for group in by_stem.values():
        per_language: dict[str, set[str]] = defaultdict(set)
        for n in group:
            per_language[languages[n]].add(keys[n])
        if len(per_language) < 2 or any(len(forms) > 1 for forms in per_language.values()):
            continue
        edges.extend((members[group[0]], members[n]) for n in group[1:])
    return edges


def _choice(gaz: str, surface: str) -> str | None:
    for alias, label in _GAZ[gaz].choices.items():
        if alias.lower() == surface.lower():
            return label
    return None


def _canonical_type(items, members) -> str:
    counts: dict[str, int] = defaultdict(int)
    for i in members:
        counts[items[i][0]] += 1
    return sorted(counts, key=lambda t: (-counts[t], t))[0]


def _canonical(items, members, rank: Mapping[str, int]) -> str:
    """The gazetteer name, else the full-name spelling used by most reports.

    Ties go to the spelling of the most authoritative kind of report (an
    official transcript or an original before a translation, a rewrite or a
    machine translation), then alphabetical order.
    """
    for i in members:
        if items[i][2]:
            return items[i][2]
    sources_using: dict[str, set[str]] = defaultdict(set)
    for i in members:
        sources_using[items[i][1]].add(items[i][3])
    from compare.annotate.first_names import is_first_name  # here: first_names imports this module

    # a person's name with a given name before one without ("Kim Kardashian", not "Kardashian West", her married
    # name: the page's "West, West" title and "Kardashian West" heading, planted p12)
    person = any(items[i][0] == "person" for i in members)
    return sorted(sources_using, key=lambda s: (-min(len(s.split()), 2),
                                                not (person and len(s.split()) > 1 and is_first_name(s.split()[0])),
                                                -len(sources_using[s]),
                                                min(rank.get(x, 2) for x in sources_using[s]), s))[0]
