"""People, places and organisations in a sentence, with character spans.

Three sources of evidence, in order:

1. the gazetteer (``gazetteer.py``): known places and organisations in five
   languages, matched case-insensitively where the alias is not also a
   common word, so a machine translation's "japan" or "us" is still found;
2. natasha's news NER for Russian text, when the ``russian`` extra is
   installed (lemmatised, so "Лаврова" is "Лавров");
3. capitalised phrases: title words ("Foreign Minister") and demonyms are
   peeled off the front and kept as role evidence; a phrase of two or more
   rare words, or one introduced by a title or followed by a verb of speech,
   is a person; a phrase ending in "Ministry", "Agency" ... an organisation.
   Word rarity comes from wordfreq, so "Frank" capitalised by a machine
   translation is not a name while "Iwaya" is.

A surname seen in a full name ("Sergey Lavrov") is then found alone and in
any case ("Lavrov’s", "lavrov").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

from compare.annotate.gazetteer import DEMONYMS, ENTRIES, ORG_HEADS, ROLE_WORDS, TITLE_WORDS, GazetteerEntry
from compare.annotate.speech import SPEECH_VERBS
from compare.wordfreqs import zipf

TOKEN = re.compile(r"[^\W\d_]+(?:[-'’.][^\W\d_]+)*\.?|\d+|[^\w\s]", re.UNICODE)
CONNECTORS = frozenset({"of", "de", "di", "da", "del", "von", "van", "der", "du", "des", "la", "le", "al", "bin",
                        "ibn", "y"})
STOP = frozenset(
    """the a an in on at of for to and or but by with from as this that these those then thus there their they he
    she it we our his her its after before during following according while when where which who what if also
    however meanwhile moreover besides furthermore first last next today yesterday note prior
    il lo la le gli i un una di da del della in nel per con su che e der die das den dem des ein eine und im am
    zu mit von auf für le la les un une des du et en dans pour sur avec par в на и с по из к от для что это
    не но""".split()
)
AMBIGUOUS_LOWER = frozenset({"us", "may", "march", "nice", "turkey", "chad", "mid", "ria", "efe", "un", "eu",
                             "uk", "apr", "america", "rom", "rome", "roma", "tass", "jiji", "nato"})
RARE_ZIPF = 4.0
"""A capitalised word rarer than this (wordfreq zipf) is likely a name rather than a capitalised common word."""
COMMON_ZIPF = 5.5
"""Famous names are frequent words ("Сергей Лавров"); after a title they still count, unless this common."""


@dataclass(frozen=True, slots=True)
class NameMatch:
    start: int
    end: int
    text: str
    type: str  # person | place | organisation
    canonical: str | None = None  # gazetteer name, when matched there
    choice: str | None = None  # naming-choice label, for contested names
    roles: tuple[str, ...] = ()  # title words and demonyms seen just before


@lru_cache(maxsize=1)
def _gazetteer_index() -> tuple[dict[tuple[str, ...], tuple[GazetteerEntry, str]], int]:
    index: dict[tuple[str, ...], tuple[GazetteerEntry, str]] = {}
    longest = 1
    for entry in ENTRIES:
        for alias in entry.aliases:
            key = tuple(t.lower() for t in TOKEN.findall(alias))
            index.setdefault(key, (entry, alias))
            longest = max(longest, len(key))
    return index, longest


def _zipf(word: str, language: str) -> float:
    """A word's frequency; one wordfreq cannot look up counts as rare (so it may be a name)."""
    lang = language if language in {"en", "ru", "it", "de", "fr", "es", "pl", "tr", "ar", "zh"} else "en"
    found = zipf(word.lower(), lang)
    return 0.0 if found is None else found


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in TOKEN.finditer(text):
        tok = m.group(0)
        end = m.end()
        for suffix in ("’s", "'s"):
            if tok.endswith(suffix) and len(tok) > 3:
                tok, end = tok[: -len(suffix)], end - len(suffix)
        if tok.endswith(".") and len(tok) > 2 and not re.fullmatch(r"(?:[A-Z]\.)+", tok):
            tok, end = tok[:-1], end - 1
        out.append((m.start(), end, tok))
    return out


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() and tok[:1].isalpha()


def _lower_ok(tokens: list[tuple[int, int, str]], i: int, n: int, alias: str) -> bool:
    """May a lower-case occurrence stand for a proper noun?  Only for unambiguous names, and "us" in context."""
    text = " ".join(t[2] for t in tokens[i:i + n]).lower()
    if text == "us":
        prev = tokens[i - 1][2].lower() if i > 0 else ""
        nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        return prev in {"the", "two", "three", "four", "several"} or prev.isdigit() or bool(
            re.match(r"[\w]+-(?:based|led|made|built|backed)$", nxt)) or nxt == "-"
    if alias.isupper() or text in AMBIGUOUS_LOWER:
        return False
    return len(text) >= 4


def find_names(text: str, language: str, sentence_start: bool = True) -> list[NameMatch]:
    """Gazetteer entries and capitalised names in one sentence (offsets into ``text``)."""
    tokens = _tokens(text)
    index, longest = _gazetteer_index()
    out: list[NameMatch] = []
    used = [False] * len(tokens)
    i = 0
    while i < len(tokens):
        hit = None
        for n in range(min(longest, len(tokens) - i), 0, -1):
            key = tuple(t[2].lower() for t in tokens[i:i + n])
            found = index.get(key)
            if found is None:
                continue
            entry, alias = found
            surface = text[tokens[i][0]:tokens[i + n - 1][1]]
            exact = surface == alias or surface[:1].isupper()
            if alias.isupper() and surface != alias and surface.lower() != "us":
                continue
            if not exact and not _lower_ok(tokens, i, n, alias):
                continue
            hit = (n, entry, alias, surface)
            break
        if hit:
            n, entry, alias, surface = hit
            choice = entry.choices.get(alias) or _choice_ci(entry, surface)
            out.append(NameMatch(tokens[i][0], tokens[i + n - 1][1], surface, entry.type, entry.name, choice))
            for k in range(i, i + n):
                used[k] = True
            i += n
        else:
            i += 1
    out.extend(_capitalised(text, tokens, used, language, sentence_start))
    return sorted(out, key=lambda m: (m.start, m.end))


def _choice_ci(entry: GazetteerEntry, surface: str) -> str | None:
    for alias, label in entry.choices.items():
        if alias.lower() == surface.lower():
            return label
    return None


def _capitalised(text, tokens, used, language, sentence_start) -> list[NameMatch]:
    out: list[NameMatch] = []
    i = 0
    n = len(tokens)
    verbs = SPEECH_VERBS.get(language, SPEECH_VERBS["en"]) | SPEECH_VERBS["en"]
    while i < n:
        if used[i] or not _is_cap(tokens[i][2]):
            i += 1
            continue
        j = i
        while j + 1 < n and not used[j + 1]:
            nxt = tokens[j + 1][2]
            if _is_cap(nxt) and nxt.lower() not in STOP:
                j += 1
            elif nxt.lower() in CONNECTORS and j + 2 < n and _is_cap(tokens[j + 2][2]) and not used[j + 2] \
                    and nxt.islower():
                j += 2
            else:
                break
        span = list(range(i, j + 1))
        roles: list[str] = []
        # look back for lower-case titles and demonyms just before ("the foreign Minister of Russia X")
        for k in range(max(0, i - 6), i):
            low = tokens[k][2].lower()
            if low in TITLE_WORDS or low in DEMONYMS:
                roles.append(low)
        while span and (tokens[span[0]][2].lower() in STOP or tokens[span[0]][2].lower() in TITLE_WORDS
                        or tokens[span[0]][2].lower() in DEMONYMS or tokens[span[0]][2].lower() in CONNECTORS):
            roles.append(tokens[span[0]][2].lower())
            span.pop(0)
        while span and (tokens[span[-1]][2].lower() in CONNECTORS or tokens[span[-1]][2].lower() in STOP):
            span.pop()
        # capitalised common nouns (German "Kollegen", a wrapped line's "Minister") around rare name words
        while len(span) > 1 and _zipf(tokens[span[0]][2], language) >= RARE_ZIPF + 0.5 and any(
                _zipf(tokens[k][2], language) < RARE_ZIPF for k in span[1:]):
            roles.append(tokens[span[0]][2].lower())
            span.pop(0)
        i = j + 1
        if not span:
            continue
        words = [tokens[k][2] for k in span]
        a, b = tokens[span[0]][0], tokens[span[-1]][1]
        surface = text[a:b]
        first_in_sentence = sentence_start and span[0] == 0
        after = tokens[span[-1] + 1][2].lower() if span[-1] + 1 < n else ""
        after2 = tokens[span[-1] + 2][2].lower() if span[-1] + 2 < n else ""
        speaks = after in verbs or (after in {"has", "had", "also", "was", "have"} and after2 in verbs)
        titled = any(r in TITLE_WORDS for r in roles)
        head = words[-1].lower()
        if head in ORG_HEADS and len(words) >= 2:
            out.append(NameMatch(a, b, surface, "organisation", roles=tuple(roles)))
            continue
        if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6:
            out.append(NameMatch(a, b, surface, "organisation", roles=tuple(roles)))
            continue
        rare = [_zipf(w, language) < RARE_ZIPF for w in words]
        not_common = all(_zipf(w, language) < COMMON_ZIPF for w in words)
        if len(words) >= 2 and (all(rare) or ((titled or speaks) and (sum(rare) >= 1 or not_common))):
            if not any(w.lower() in ORG_HEADS for w in words):
                out.append(NameMatch(a, b, surface, "person", roles=tuple(roles)))
            continue
        bracketed = span[0] > 0 and tokens[span[0] - 1][2] == "("
        if len(words) == 1 and rare[0] and not bracketed and head not in ORG_HEADS and (
                speaks or (titled and not first_in_sentence)):
            out.append(NameMatch(a, b, surface, "person", roles=tuple(roles)))
    return out


def surname_matches(text: str, surnames: dict[str, str], taken: list[tuple[int, int]]) -> list[NameMatch]:
    """Single-word mentions, in any case, of surnames already seen in a full name in this report."""
    out = []
    for start, end, tok in _tokens(text):
        key = tok.lower()
        if key in surnames and all(end <= s or start >= e for s, e in taken):
            out.append(NameMatch(start, end, text[start:end], "person"))
    return out


def _roles_before(text: str, start: int) -> tuple[str, ...]:
    """Title words and demonyms among the six words before a name (role evidence for quotes)."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text[max(0, start - 80):start])][-6:]
    return tuple(w for w in words if w in TITLE_WORDS or w in DEMONYMS or unidecode(w) in ROLE_WORDS
                 or unidecode(w) in DEMONYMS)


@lru_cache(maxsize=1)
def _natasha():
    try:
        from natasha import Doc, MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter
    except ImportError:
        return None
    emb = NewsEmbedding()
    try:  # lemmas need pymorphy2's dictionaries, which need setuptools' pkg_resources
        vocab = MorphVocab()
    except Exception:  # noqa: BLE001 - names are still found, just not lemmatised
        vocab = None
    return Doc, Segmenter(), NewsMorphTagger(emb), NewsNERTagger(emb), vocab


def natasha_names(text: str) -> list[NameMatch] | None:
    """Russian names via natasha (None when the ``russian`` extra is not installed)."""
    tools = _natasha()
    if tools is None:
        return None
    Doc, segmenter, morph, ner, vocab = tools
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(ner)
    if vocab is not None:
        doc.tag_morph(morph)
    kinds = {"PER": "person", "LOC": "place", "ORG": "organisation"}
    out = []
    for span in doc.spans:
        roles: tuple[str, ...] = ()
        if vocab is not None:
            span.normalize(vocab)
            roles = (f"lemma:{span.normal}",)
        out.append(NameMatch(span.start, span.stop, text[span.start:span.stop], kinds.get(span.type, "organisation"),
                             roles=roles + _roles_before(text, span.start)))
    return out
