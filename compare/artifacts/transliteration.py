"""Names transliterated through a third script, and one name romanised several ways.

A Japanese name that reached English through Russian keeps the Cyrillic
(Polivanov) spelling: Iwaya -> Ивая -> 'Ivaya', Shinzo -> Синдзо -> 'Sindzo'.
Chinese names through Cyrillic (Palladius) show 'tsz' and 'chzh' (Xi Jinping
-> Си Цзиньпин -> 'Si Tszinpin').  Separately, the same name spelled two ways
within a source (Sergey / Sergei), or one source alone spelling it differently
from all the others, is inconsistent romanisation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from compare.artifacts._words import tokens, web2
from compare.artifacts.registry import DetectorInput, english_sentences, make, register
from compare.model import Artifact

FAMILY = "transliteration"

_MORA = re.compile(
    r"(?:(?:kk|ss|tt|pp|cch|tch)?(?:sh|ch|ts|ky|gy|ny|hy|by|py|my|ry|[kgsztdnhbpmrjf])?[aiueo]|y[auo]|w[ao]|n(?![aiueoy]))"
)
_POLIVANOV_BACK = (("dz", "z"), ("sy", "sh"), ("ty", "ch"), ("si", "shi"), ("ti", "chi"), ("tu", "tsu"),
                   ("v", "w"), ("zi", "ji"), ("hu", "fu"))
_PALLADIUS = (("tsz", "j or z"), ("chzh", "zh"), ("tszy", "j"), ("syao", "xiao"), ("syu", "xu"))


def _is_hepburn(word: str) -> bool:
    """True when ``word`` splits into Japanese syllables as Hepburn romanisation writes them."""
    w = word.lower()
    pos = 0
    while pos < len(w):
        m = _MORA.match(w, pos)
        if not m:
            return False
        pos = m.end()
    return not any(re.search(p, w) for p in ("si", "ti", "tu", "hu", "zi", "di", "du", "wi", "we", "ye", "yi"))


@lru_cache(maxsize=4096)
def hepburn_from_cyrillic(word: str) -> str | None:
    """The Hepburn spelling of a Japanese name that came through Cyrillic, or None when it does not look so."""
    w = word.lower()
    if _is_hepburn(w):
        return None
    back = w
    for old, new in _POLIVANOV_BACK:
        back = back.replace(old, new)
    if back != w and _is_hepburn(back):
        return back.capitalize()
    return None


def _japanese_context(text: str, start: int, neighbours: list[str], elsewhere: str) -> bool:
    window = text[max(0, start - 300):start + 300]
    return bool(re.search(r"\bJapan|\bTokyo", window)) and (
        any(len(n) >= 3 and _is_hepburn(n) for n in neighbours) or bool(elsewhere)
    )


@register(
    "compare.translit.cyrillic.v1", FAMILY,
    "Japanese or Chinese names spelled the way they come out through Cyrillic ('Ivaya' for Iwaya).",
    needs=("sentences", "context"),
)
def through_cyrillic(data: DetectorInput) -> Iterator[Artifact]:
    name = "compare.translit.cyrillic.v1"
    seen_elsewhere = getattr(data.context, "all_words", frozenset())
    for sentence in english_sentences(data):
        toks = tokens(sentence.text, sentence.start)
        for i, tok in enumerate(toks):
            w = tok.text
            if not tok.is_capitalised or len(w) < 4 or "-" in w:
                continue
            lower = w.lower()
            for marker, pinyin in _PALLADIUS:
                if marker in lower:
                    yield make(data, tok.start, tok.end, FAMILY, name, "high",
                               f"'{w}' has '{marker}', the Russian (Palladius) spelling of Chinese '{pinyin}': "
                               "the name came into English through Cyrillic, not from pinyin.")
                    break
            else:
                back = hepburn_from_cyrillic(w)
                if not back or w in web2() or lower in web2():
                    continue
                neighbours = [t.text for t in toks[max(0, i - 1):i + 2] if t is not tok and t.is_capitalised]
                elsewhere = back if back in seen_elsewhere else ""
                if not _japanese_context(data.text, tok.start, neighbours, elsewhere):
                    continue
                also = f"; another source in the set writes '{back}'" if elsewhere else ""
                yield make(data, tok.start, tok.end, FAMILY, name, "high",
                           f"'{w}' is the Japanese name {back} spelled as it comes back from Russian Cyrillic "
                           f"(Polivanov system){also}.")


_KEY_RULES = (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("ks", "x"), ("ts", "z"), ("ey", "ei"), ("oy", "oi"),
              ("ay", "ai"), ("iy", "i"), ("yu", "iu"), ("ya", "ia"), ("yo", "io"), ("ye", "ie"), ("v", "w"),
              ("y", "i"), ("ii", "i"), ("ou", "o"), ("oo", "o"), ("uu", "u"))


def romanisation_key(word: str) -> str:
    """A spelling-insensitive key: Sergey/Sergei, Shoygu/Shoigu, Iwaya/Ivaya share one."""
    key = word.lower()
    for old, new in _KEY_RULES:
        key = key.replace(old, new)
    return key


def name_spellings(data_text: str, sentences, language_ok=lambda s: True) -> dict[str, Counter]:
    """key -> Counter of capitalised name tokens (possessives stripped) with that key."""
    out: dict[str, Counter] = {}
    for sentence in sentences:
        if not language_ok(sentence):
            continue
        for tok in tokens(sentence.text, sentence.start):
            w = re.sub(r"['’]s$", "", tok.text)
            if tok.is_capitalised and len(w) >= 4 and w.isalpha():
                out.setdefault(romanisation_key(w), Counter())[w] += 1
    return out


def wire_variants(a: str, b: str) -> bool:
    """Whether two romanisations of a name are both in wire-service use, so neither is a tell.

    Russian first names ending in -й are written -y by some style books
    (TASS, the Kremlin: Sergey, Dmitry, Yury) and -i by others (AP, Reuters,
    AFP: Sergei, Dmitri, Yuri); a source following either house style has
    not romanised the name oddly.  Only the ending differs; Shoygu/Shoigu,
    where the inside of the name changes, is still a choice worth showing.
    """
    if len(a) != len(b) or a[:-1].lower() != b[:-1].lower():
        return False
    return {a[-1].lower(), b[-1].lower()} == {"i", "y"}


def _dominant(counter: Counter, order: dict[str, int]) -> str:
    return sorted(counter, key=lambda w: (-counter[w], order.get(w, 0)))[0]


@register(
    "compare.translit.romanisation.v1", FAMILY,
    "One name romanised two ways within a source, or one source spelling it unlike all the others.",
    needs=("sentences", "entities", "context"),
)
def inconsistent_romanisation(data: DetectorInput) -> Iterator[Artifact]:
    name = "compare.translit.romanisation.v1"
    text = data.text
    sentences = [s for s in english_sentences(data)]
    spellings = name_spellings(text, sentences)
    flagged: dict[str, str] = {}
    first_seen: dict[str, int] = {}
    for s in sentences:
        for tok in tokens(s.text, s.start):
            first_seen.setdefault(re.sub(r"['’]s$", "", tok.text), tok.start)
    for key, counter in spellings.items():
        if len(counter) > 1:
            keep = _dominant(counter, first_seen)
            for other in counter:
                if other != keep:
                    # r38: said as a proof of pasted text, this contradicted the page's own "a spelling alone
                    # does not show where a text came from": one machine translation can spell a case form apart
                    flagged[other] = (f"'{other}' is spelled '{keep}' elsewhere in the same report: one "
                                      "name romanised two ways; text put together from different texts (another "
                                      "house style, a pasted caption, another translation) can cause it, and so "
                                      "can a translation step that spelled one form of the name apart.")
        context = data.context
        if context is None:
            continue
        others = {sid: c for sid, c in context.spellings.get(key, {}).items() if sid != data.source.id}
        if len(others) < 2:
            continue
        mine = _dominant(counter, first_seen)
        their = {_dominant(Counter(dict(x)), {w: i for i, (w, _) in enumerate(x)}) for x in others.values()}
        if len(their) == 1 and mine not in their and not wire_variants(mine, next(iter(their))):
            flagged.setdefault(mine, _across_sources(mine, next(iter(their)), counter[mine], others))
    for sentence in sentences:
        for tok in tokens(sentence.text, sentence.start):
            w = re.sub(r"['’]s$", "", tok.text)
            if w in flagged:
                who = _entity_at(data, tok.start, tok.start + len(w))
                explanation = flagged[w].replace(f"'{w}' ", f"'{w}' (in {who}) ", 1) if who else flagged[w]
                yield make(data, tok.start, tok.start + len(w), FAMILY, name, "low", explanation)


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


def _across_sources(mine: str, other: str, own: int, others: dict[str, tuple[tuple[str, int], ...]]) -> str:
    """The flag's words for a source that spells a name unlike the rest of the set, with each other source's
    spellings counted, so a reader can check them: "2 sources, each mostly" hid that one of them also wrote this
    source's spelling, and "every other source" then overclaimed."""
    parts = []
    unanimous = True
    for sid in sorted(others):
        counts = dict(others[sid])
        unanimous = unanimous and set(counts) == {other}
        parts.append(f"{sid} " + ", ".join(f"'{w}' {_times(n)}" for w, n in sorted(counts.items(),
                                                                                   key=lambda x: (-x[1], x[0]))))
    every = "both" if len(others) == 2 else f"all {len(others)}"
    who = (f"{every} other sources in the whole source set that name it" if unanimous
           else f"each of the {len(others)} other sources in the whole source set that name it, most often")
    return (f"'{mine}' is spelled '{other}' by {who} ({'; '.join(parts)}); this source writes '{mine}' "
            f"{_times(own)}: it romanises the name differently.")


def _entity_at(data: DetectorInput, start: int, end: int) -> str | None:
    """The canonical name of the annotated entity whose mention covers start:end, when annotations exist."""
    annotations = data.annotations
    if annotations is None:
        return None
    for mention in (getattr(annotations, "mentions", None) or {}).get(data.source.id, ()):
        if mention.start <= start and end <= mention.end and mention.entity:
            entity = annotations.entity(mention.entity) if hasattr(annotations, "entity") else None
            return entity.name if entity is not None else None
    return None
