"""People, places and organisations in a sentence, with character spans.

Three sources of evidence, in order:

1. the gazetteer (``gazetteer.py``): known places and organisations in six
   languages, matched case-insensitively where the alias is not also a
   common word, so a machine translation's "japan" or "us" is still found;
   Russian aliases in any case ("Париже", "Франции"), German genitives
   ("Frankreichs");
2. natasha's news NER for Russian text, when the ``russian`` extra is
   installed (lemmatised, so "Лаврова" is "Лавров");
3. capitalised phrases.  Titles, offices and demonyms in front ("Frankreichs
   Präsident", "Bundeskanzlerin", "le président", "президент Франции") are
   peeled off and kept as role evidence.  A phrase whose first or last word,
   or the lower-case word beside it, names a building, place or institution
   ("Kathedrale Notre-Dame", "Notre-Dame cathedral", "Buckingham Palace",
   "Harvard University") is a place or an organisation.  Any other phrase is
   a person only on evidence: a title before it, a verb of speech beside it,
   a known first name (Faker's lists and a supplement, any transliteration),
   or "and" joining it to a person just found.  Rare words alone are no
   evidence: "Eintracht Frankfurt" is as rare as "Takeshi Iwaya".  Word rarity
   (wordfreq) still keeps capitalised common words out: "Frank" capitalised
   by a machine translation is not a name while "Iwaya" is.

A surname seen in a full name ("Sergey Lavrov") is then found alone and in
any case ("Lavrov’s", "lavrov").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from unidecode import unidecode

from compare.annotate.dates import find_dates, is_month
from compare.annotate.first_names import is_first_name
from compare.annotate.gazetteer import (
    DEMONYMS,
    ENTRIES,
    ORG_HEADS,
    ROLE_WORDS,
    TITLE_WORDS,
    GazetteerEntry,
    is_cyrillic,
    is_title,
    place_head,
    ru_stem,
)
from compare.annotate.speech import SPEECH_VERBS
from compare.wordfreqs import top_n_list, zipf

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
    """Alias tokens -> (entry, alias); Russian aliases are also indexed by their words' stems.

    The gazetteer lists a few inflected Russian forms by hand ("Москве"); the
    stem keys find the rest ("Париже", "Парижа", "Франции"), so a city is
    found in any case without natasha.
    """
    index: dict[tuple[str, ...], tuple[GazetteerEntry, str]] = {}
    longest = 1
    for entry in ENTRIES:
        for alias in entry.aliases:
            key = tuple(t.lower() for t in TOKEN.findall(alias))
            index.setdefault(key, (entry, alias))
            longest = max(longest, len(key))
    for entry in ENTRIES:
        for alias in entry.aliases:
            if is_cyrillic(alias):
                index.setdefault(_stem_key(TOKEN.findall(alias)), (entry, alias))
    return index, longest


@lru_cache(maxsize=1)
def _alias_starts() -> frozenset[str]:
    """First words (lower case) of every alias: a word not among them starts no gazetteer name."""
    return frozenset(key[0] for key in _gazetteer_index()[0] if key and key[0] != "~stem")


def _stem_key(words) -> tuple[str, ...]:
    return ("~stem", *(ru_stem(w) for w in words))


def gazetteer_entry(text: str) -> GazetteerEntry | None:
    """The gazetteer entry a whole name (or a Russian lemma) stands for, in any case or inflection."""
    index, _ = _gazetteer_index()
    words = TOKEN.findall(text)
    found = index.get(tuple(w.lower() for w in words))
    if found is None and words and all(is_cyrillic(w) for w in words):
        found = index.get(_stem_key(words))
    return found[0] if found else None


def _zipf(word: str, language: str) -> float:
    """A word's frequency; one wordfreq cannot look up counts as rare (so it may be a name)."""
    lang = language if language in {"en", "ru", "it", "de", "fr", "es", "pl", "tr", "ar", "zh"} else "en"
    found = zipf(word.lower(), lang)
    return 0.0 if found is None else found


ELISION = re.compile(r"(?i:l|d|dell|all|nell|sull|dall|un|qu|j|n|s|c)['’](?=[A-ZÀ-ÝА-Я])")
"""French and Italian elided articles and prepositions before a capitalised name."""


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
        elided = ELISION.match(tok)
        if elided:  # "l'Allemagne", "dell'Italia": the article is a word of its own
            cut = m.start() + elided.end()
            out.append((m.start(), cut, tok[: elided.end()]))
            out.append((cut, end, tok[elided.end():]))
            continue
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
    firsts = _alias_starts()
    lower = [t[2].lower() for t in tokens]
    cyrillic = [is_cyrillic(t[2]) for t in tokens]
    out: list[NameMatch] = []
    used = [False] * len(tokens)
    i = 0
    while i < len(tokens):
        hit = None
        genitive = language == "de" and lower[i].endswith("s")
        if "-" in lower[i] and lower[i] not in firsts:
            parts = _hyphen_parts(text, tokens[i], index)  # 'US-built', 'Russia-Japan': names inside a compound
            out.extend(parts)
            used[i] = used[i] or bool(parts)
            i += 1
            continue
        if lower[i] not in firsts and not cyrillic[i] and not genitive:
            i += 1  # no alias starts with this word: most words of a sentence
            continue
        for n in range(min(longest, len(tokens) - i), 0, -1):
            words = [t[2] for t in tokens[i:i + n]]
            key = tuple(lower[i:i + n])
            found = index.get(key)
            if found is None and words[0][:1].isupper() and all(cyrillic[i:i + n]):
                found = index.get(_stem_key(words))  # "Париже", "Франции"
            if found is None and n == 1 and genitive and words[0][:1].isupper():
                found = index.get((key[0][:-1],))  # German genitive: "Frankreichs Präsident"
                if found is not None and found[0].type != "place":
                    found = None
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
    out.extend(replace(m, type="thing") if m.type == "person" and quoted_whole(text, m.start, m.end) else m
               for m in _capitalised(text, tokens, used, language, sentence_start))
    return sorted(out, key=lambda m: (m.start, m.end))


def quoted_whole(text: str, start: int, end: int) -> bool:
    """Whether the phrase text[start:end] is all that a pair of quotation marks holds: a slogan, a title or a
    word cited („White Power“, Singapore's "Lianhe Zaobao"), which a given name at its head ("White") does not make
    a person (issue 23, a teacher's read of a German page with French translations: "White Power (person)", and
    a page title "Trump, Portnoy, Power").  Such a phrase stays a name, of a thing: a row of the names table and
    the rows' name tag, never a person or a title's."""
    before = text[:start].rstrip()[-1:]
    after = text[end:].lstrip()[:1]
    return before in QUOTE_MARKS and after in QUOTE_MARKS


def _hyphen_parts(text: str, token: tuple[int, int, str], index) -> list[NameMatch]:
    """Gazetteer names that are parts of a hyphenated compound ('US-built', 'Japan-based', 'Russia-Japan'): the
    compound is one token, so without this a report's 'US-built' would not count as a mention of the US.  A
    part counts only when capitalised as the name is ('us-built' is not), and an all-capitals alias only as
    written ('US', not 'Us')."""
    out = []
    start = token[0]
    for part in token[2].split("-"):
        found = index.get((part.lower(),)) if part[:1].isupper() else None
        if found is not None:
            entry, alias = found
            if not (alias.isupper() and part != alias):
                choice = entry.choices.get(alias) or _choice_ci(entry, part)
                out.append(NameMatch(start, start + len(part), part, entry.type, entry.name, choice))
        start += len(part) + 1
    return out


def _choice_ci(entry: GazetteerEntry, surface: str) -> str | None:
    for alias, label in entry.choices.items():
        if alias.lower() == surface.lower():
            return label
    return None


AND_WORDS = frozenset({"and", "und", "et", "e", "y", "и", "i", "oraz"})


def _coordinated(tokens, span: list[int], found: list[NameMatch]) -> bool:
    """Is the name joined by "and" to the person just before it ("Taro Kono and Takeshi Ivaya")?"""
    k = span[0] - 1
    return (k >= 1 and tokens[k][2].lower() in AND_WORDS and bool(found) and found[-1].type == "person"
            and found[-1].end == tokens[k - 1][1])


DETERMINERS = frozenset("""the a an this that these those der die das den dem des ein eine einer einem eines
    dieser diese dieses diesem diesen dieselbe derselbe dasselbe jener jene le la les un une ce cette ces il lo gli
    uno una questo questa el los las unos unas este esta этот эта это""".split())
"""Words that make the capitalised word after them a common noun (German capitalises every noun)."""
QUOTE_MARKS = frozenset('"“”„«»‹›')
"""Marks that close a clause: a title before one does not introduce a name after it."""
SAINTS = frozenset({"saint", "sainte", "st", "st.", "ste", "sankt", "san", "santa", "santo", "são", "santa-maria"})
"""A name that starts with a saint's title is a church, a town or a street, not a person."""


def _roles_back(tokens, i: int, barrier: int, verbs: frozenset[str], language: str) -> list[str]:
    """Titles and demonyms among the six words before token ``i``, up to a word that ends the name's phrase.

    The look-back stops at a speech verb, a quote mark or a lower-case word
    that is neither a title, a demonym nor a function word: in "German
    Chancellor Angela Merkel said Notre-Dame ..." or "Der Staatschef hatte
    eine geplante Fernsehansprache" the title belongs to someone else.
    """
    roles: list[str] = []
    for k in range(i - 1, max(barrier, i - 6) - 1, -1):
        word = tokens[k][2]
        low = word.lower()
        if low in verbs or word in QUOTE_MARKS:
            break
        if low in DEMONYMS or is_title(word, language):
            roles.append(low)
        elif word[:1].islower() and low not in STOP and low not in CONNECTORS:
            break
    return roles[::-1]


def _peelable(word: str, language: str) -> bool:
    """Words in front of a name that describe the person rather than name them."""
    low = word.lower()
    return (low in STOP or low in CONNECTORS or low in DEMONYMS or is_title(word, language)
            or _place_adjective(word) is not None)


@lru_cache(maxsize=65536)
def _place_adjective(word: str) -> str | None:
    """The place a capitalised adjective or genitive comes from ("Pariser", "Frankreichs"), else None."""
    low = word.lower()
    for suffix in ("s", "er", "ers", "ern"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            entry = gazetteer_entry(word[: -len(suffix)])
            if entry is not None and entry.type == "place":
                return entry.name
    return None


DEMONYM_ENDINGS = ("ish", "ese", "ian", "ean", "iot", "ois", "ais")
"""English (and French) endings of adjectives of nationality: "Scottish", "Welsh" is in DEMONYMS' list below,
"Taiwanese", "Canadian", "Chilean", "Cypriot", "Québécois"."""
MORE_DEMONYMS = frozenset("""welsh irish english scots dutch swiss thai greek czech french german danish swedish
finnish polish turkish spanish israeli iraqi iranian pakistani saudi yemeni kuwaiti qatari emirati afghan
""".split())


def is_demonym(word: str) -> bool:
    """Whether a capitalised word is an adjective of nationality ("Scottish", "Welsh", "Taiwanese"), which names
    no organisation on its own: "the Scottish government" is the government, and "Scottish" is no row of its own
    (planted p13, rG1 F4: "Scottish (organisation)").  A known given name ("Christian", "Brian") is not one."""
    low = word.lower()
    if low in DEMONYMS or low in MORE_DEMONYMS:
        return True
    return len(low) >= 6 and low.endswith(DEMONYM_ENDINGS) and not is_first_name(word)


PREPOSITIONS = frozenset("""on in at for from with by to into onto via about over under after before through
auf in im an am bei mit für nach aus über unter vor zu zum zur von vom durch gegen
sur dans à avec pour par chez su nel nella con per da tra fra en con para por sobre desde""".split())
"""Words that make the name after them their object: "auf WeChat sagte das Kreditinstitut" (German puts the verb
second, after a prepositional phrase) has "WeChat" as no subject of "sagte" (planted p10, rF2: "WeChat
(person)")."""


@lru_cache(maxsize=8)
def territory_names(language: str) -> Collection[str]:
    """Names of countries and territories in ``language`` and English (babel's CLDR data), lower case, with their
    short forms ("Hong Kong SAR China": "hong kong"): a known place is a place whatever the capitals suggest
    (planted p10, rF2: "Hong Kong (person)", where "Hong" is also a given name).  Reading the locale data costs
    0.4 CPU-second, so the set is kept as a mapped trie (``compare.word_sets``) after the first run."""
    from babel import localedata

    from compare import word_sets

    codes = sorted({"en", language} & set(localedata.locale_identifiers())) or ["en"]

    def build() -> frozenset[str]:
        from babel import Locale

        names: set[str] = set()
        for code in codes:
            for name in Locale.parse(code).territories.values():
                low = name.lower()
                names.add(low)
                for cut in (" sar china", " sar", " (", ","):
                    if cut in low:
                        names.add(low.split(cut)[0].strip())
                for lead in ("sonderverwaltungsregion ", "région administrative spéciale de ", "ras de "):
                    if low.startswith(lead):
                        names.add(low[len(lead):].split(" (")[0].strip())
        return frozenset(n for n in names if n)

    data = Path(localedata._dirname)
    return word_sets.mapped(f"cldr-territories-{'-'.join(codes)}-2",
                            [data / "root.dat", *(data / f"{code}.dat" for code in codes)], build)


def _building(words: list[str], before: str, after: str, language: str, after2: str = "",
              first: bool = False) -> str | None:
    """"place" or "organisation" when a head word makes the name a building or institution.

    The head is the name's first or last word ("Kathedrale Notre-Dame",
    "Buckingham Palace") or the lower-case word just around it ("Notre-Dame
    cathedral", "собор Парижской Богоматери"); a leading saint's title makes
    a church or a town ("Saint-Sulpice").
    """
    for position, word in ((0, words[0]), (-1, words[-1])):
        found = place_head(word, language) or (
            "organisation" if word.lower() in ORG_HEADS and len(words) >= 2 else None)
        # an institution's head stands last, or first before "of" ("Ministry of Defence"); a building's either
        # way ("Kathedrale Notre-Dame", "Palazzo Chigi"): "Foreign Ministry Taro Kono" is a ministry, then a man
        if found == "organisation" and position == 0 and len(words) > 1 and words[1].lower() not in CONNECTORS:
            found = None
        if found:
            return found
    if words[0].lower().split("-")[0] in SAINTS and len(words[0]) > 3 or (
            len(words) >= 2 and words[0].lower() in SAINTS):
        return "place"
    # a lower-case head beside the name: before it in most languages ("собор Парижской Богоматери", "l'église
    # Saint-Sulpice"), after it in English ("Notre-Dame cathedral"); German capitalises its nouns, so a
    # lower-case neighbour there is no head ("Bisher schloss ...": a verb, not a castle)
    neighbours = ([before] if language != "de" else []) + ([after] if language == "en" else [])
    for word in neighbours:
        if word and word[:1].islower():
            found = place_head(word, language)
            if found and len(words) == 1 and is_demonym(words[0]):
                return None  # "the Scottish government": an adjective of nationality, not the body's name
            if found:
                return found
    # English compounds after the name: "Dusty Rhodes dog park", "Dusty Rhodes park" (issue 23, planted p01: a
    # park read as a person from its first name)
    # A single word there must be a name by itself: rare, and not capitalised only by standing first ("One park
    # worker", "Safari park baboons")
    if language == "en" and (after in FACILITY_AFTER or (
            after[:1].islower() and after not in STOP and after2 in FACILITY_AFTER)) and (
            len(words) >= 2 or (not first and _zipf(words[0], language) < RARE_ZIPF)):
        return "place"
    return None


GERMAN_ARTICLES = frozenset({"der", "des", "die", "den", "dem"})
"""German articles join no name: "Geisel der SAS", "Ehren des Regimentsgründers" are a noun and its genitive, not
one name (issue 23, planted p03).  "von der Leyen" is not joined this way either: "der" is followed by "Leyen" only
after "von", which is no capitalised word."""
FACILITY_AFTER = frozenset({"park", "garden", "gardens", "zoo", "beach", "stadium", "street", "square", "airport",
                            "bridge", "school", "hospital", "station", "avenue", "road", "lane", "arena", "mall"})
"""English words after a name that make it a place: "Dusty Rhodes dog park", "Wembley stadium"."""
TITLE_ABBREVIATIONS = frozenset({"PM", "MP", "MPS", "MEP", "CEO", "CFO", "COO", "DJ", "GP", "QC", "KC", "VP"})
"""Upper-case abbreviations of offices: "PM's chief adviser" names an office, not an organisation."""
SHOUTED_ZIPF = 4.5
"""An upper-case word this common in lower case is a shouted word ("VIDEO", "BREAKING"), not an acronym."""
STEM_ZIPF = 3.0
"""An upper-case word whose inflected stem is this common is a shouted verb or plural ("MACED": mace)."""


def _numbered(tokens, k: int) -> bool:
    """An upper-case token with digits attached ("MI5", "G7"): a name of its own, never the end of the phrase
    before it ("Auslandsgeheimdienste MI5")."""
    return (k + 1 < len(tokens) and tokens[k][2].isupper() and tokens[k + 1][2].isdigit()
            and tokens[k + 1][0] == tokens[k][1])


ROMAN = re.compile(r"[IVXLC]+")


MISSPELT_MIN = 7
"""Letters a word needs before one letter more or less than a common word makes it a misspelling of it."""
MISSPELT_ZIPF = 4.0


@lru_cache(maxsize=65536)
def _misspelt_word(word: str, language: str) -> bool:
    """A long word one letter short of, or one letter over, a common word ("Committe": committee): a misspelt
    word, not a surname, when nothing else (a first name, a title) makes it a name (issue 23, planted p03:
    "Committe", the end of "Commons Select Defence Committe", was quoted as a speaker)."""
    low = word.lower()
    if len(low) < MISSPELT_MIN or not low.isalpha():
        return False
    shorter = {low[:k] + low[k + 1:] for k in range(len(low))}
    longer = {low[:k] + c + low[k:] for k in range(len(low) + 1) for c in "abcdefghijklmnopqrstuvwxyz"}
    common = _common_words(_frequency_language(language))
    if common is None:
        return any(_zipf(w, language) >= MISSPELT_ZIPF for w in (shorter | longer) - {low})
    return not common.isdisjoint((shorter | longer) - {low})


COMMON_LIST = 30_000
"""Words of wordfreq's list read for :func:`_common_words`: more than any language's count at ``MISSPELT_ZIPF``
(ru 9,842, en 7,192, de 7,142 in wordfreq 3)."""


def _frequency_language(language: str) -> str:
    """The language :func:`_zipf` looks a word up in."""
    return language if language in {"en", "ru", "it", "de", "fr", "es", "pl", "tr", "ar", "zh"} else "en"


@lru_cache(maxsize=16)
def _common_words(language: str) -> frozenset[str] | None:
    """The words of ``MISSPELT_ZIPF`` or more, in lower case, or None where the list cannot tell.

    Why: a 9-letter word has about 250 one-letter neighbours, and each wordfreq lookup tokenises its word (tens of
    microseconds): asked of every capitalised word, :func:`_misspelt_word` cost a 1,000-document run about 15
    CPU-seconds (issue 24, after truth17).  wordfreq's list is in frequency order, so the words at or above the
    floor are a prefix of it, found by bisection with the same lookup; membership in that set is the same test."""
    try:
        words = top_n_list(language, COMMON_LIST)
    except LookupError:
        return None
    lo, hi = 0, len(words)
    while lo < hi:
        mid = (lo + hi) // 2
        if _zipf(words[mid], language) >= MISSPELT_ZIPF:
            lo = mid + 1
        else:
            hi = mid
    if lo == len(words):
        return None  # the floor lies beyond the words read: the set would be short
    return frozenset(w.lower() for w in words[:lo])


NOUN_CAPITALISING = frozenset({"de", "lb"})
"""Languages that capitalise every noun: a capitalised word after a name is no part of it by its capital alone (issue
23, planted p09/p10/p14: "Danny Welbecks Hackentrick", "im Osten Berichten zufolge", "Pedro Maria Tonha Pedalé
Krankenhauses" were read as people)."""
NOUN_ENDINGS = ("e", "n", "en", "s", "es", "er", "ern", "ns")
"""Inflection endings of German nouns (and Luxembourgish ones): "Berichten" is "Bericht" + "en"."""


@lru_cache(maxsize=8)
def _lexicon(language: str):
    """simplemma's dictionary of ``language`` (word form -> lemma), or None where it has none.  A membership test,
    never a lemmatiser run per word."""
    try:
        from compare.lemmas import dictionary

        return dictionary(language)
    except (ValueError, OSError, LookupError):
        return None


def _known_lemma(word: str, language: str) -> str | None:
    """The lemma the language's dictionary gives a capitalised word, or None where it does not list it."""
    lexicon = _lexicon(language)
    if lexicon is None:
        return None
    try:
        return lexicon.get(word)
    except (KeyError, UnicodeError):
        return None


def _common_in(language: str) -> frozenset[str] | None:
    """The language's common words (:func:`_common_words`) where wordfreq has the language itself, else None."""
    return _common_words(language) if _frequency_language(language) == language else None


@lru_cache(maxsize=65536)
def inflected_noun(word: str, language: str) -> bool:
    """Is ``word`` an inflected form of a common noun of a noun-capitalising language ("Berichten": "Bericht" + en,
    "Krankenhauses")?  A name does not inflect there but for its genitive -s, so such a word ends a name.  The lemma
    must itself be a common word ("Drosten" is listed as a form of the rare "Drost": it stays a surname)."""
    if language not in NOUN_CAPITALISING or not _is_cap(word) or word.isupper():
        return False
    lemma = _known_lemma(word, language)
    if not lemma or lemma == word or not word.startswith(lemma) or word[len(lemma):] not in NOUN_ENDINGS:
        return False
    common = _common_in(language)
    return lemma.lower() in common if common is not None else True


def _language_word(word: str, language: str) -> bool:
    """Is a capitalised word a word of a noun-capitalising language's dictionary or common list ("Hackentrick",
    "Regierung"), so that a genitive before it ends the name?"""
    common = _common_in(language)
    return (common is not None and word.lower() in common) or _known_lemma(word, language) is not None


@lru_cache(maxsize=65536)
def genitive_end(word: str, nxt: str, language: str) -> bool:
    """Does ``word`` end a name with its genitive -s, the noun it governs following ("Danny Welbecks Hackentrick":
    Danny Welbeck's backheel; "Joe Bidens Sprecher")?

    German adds the -s without an apostrophe, and writes an apostrophe instead after a name ending in an s-sound
    ("Timmermans’ Vorschlag"), so "…s Noun" is the genitive of the name without the s.  Not for a given name
    ("Thomas Müller", "Jonas Hofmann"), and not where the word with its s is the more frequent name ("Timmermans",
    "Navas": wordfreq counts names too, in both languages)."""
    if language not in NOUN_CAPITALISING or len(word) < 4 or not word.endswith("s") or word.isupper():
        return False
    if word[-2].lower() in "sxzß" or is_first_name(word) or not _is_cap(nxt) or nxt.isupper():
        return False
    if not _language_word(nxt, language) or is_first_name(nxt):
        return False
    stem = word[:-1]
    return max(_zipf(stem, language), _zipf(stem, "en")) >= max(_zipf(word, language), _zipf(word, "en"))


def _onto_acronym(word: str, nxt: str) -> bool:
    """A phrase does not run on from a written word onto an upper-case acronym: "Sender ABC" (the station ABC),
    "Auslandsgeheimdienste MI5"; an acronym may start a name ("ABC News") but not end one."""
    return len(nxt) >= 2 and nxt.isupper() and not word.isupper() and not ROMAN.fullmatch(nxt)  # "World War II"


def _shouted_word(word: str, language: str) -> bool:
    """An upper-case word of a headline or label that is a word of the language, or an office's abbreviation.

    Known acronyms are the gazetteer's, matched before this; an unknown one ("OPEC", "NASA" if missing there)
    is rarer in lower case than an ordinary word, or has no inflected stem that is a word."""
    if word in TITLE_ABBREVIATIONS or len(word) < 4:
        return word in TITLE_ABBREVIATIONS
    low = word.lower()
    if _zipf(low, language) >= SHOUTED_ZIPF:
        return True
    stems = [low[: -len(end)] for end in ("ed", "d", "es", "s", "ing") if low.endswith(end) and len(low) - len(end) >= 3]
    return any(_zipf(stem, language) >= STEM_ZIPF for stem in stems)


def _is_building(word: str, language: str) -> bool:
    """A head that makes a building or place of the name after it, however it stands ("Kathedrale", "Palazzo")."""
    return place_head(word, language) == "place"


def _is_title_word(word: str, language: str) -> bool:
    return is_title(word, language) or ("-" in word and is_title(word.rsplit("-", 1)[1], language))


def _peel_descriptors(tokens, span: list[int], roles: list[str], language: str) -> list[int]:
    """Drop the words inside a phrase that describe the person before the name itself.

    Up to the last title ("Bayerns Verkehrsministerin Kerstin Schreyer",
    "Vice-Admiral Kulakov"), else up to a known first name after capitalised
    nouns ("Schlagzeuger Bryan Carter", "Handelsblatt Astrid Dörner").
    """
    words = [tokens[k][2] for k in span]
    cut = 1 + max((p for p in range(len(span) - 1) if _is_title_word(words[p], language)), default=-1)
    while cut < len(span) - 1 and (words[cut].lower() in CONNECTORS or words[cut].lower() in STOP):
        cut += 1  # "Secretary of Transportation Kerstin Schreyer"
    if len(span) - cut > 2:
        cut = next((p for p in range(cut + 1, len(span) - 1) if is_first_name(words[p])
                    and not is_first_name(words[p - 1]) and not _is_building(words[p - 1], language)), cut)
    roles.extend(w.lower() for w in words[:cut])
    return span[cut:]


def _possessive(text: str, token: tuple[int, int, str]) -> bool:
    """Did the token lose a possessive "'s" (``_tokens`` cuts it)?  Before a given name a possessive ends a name's
    phrase: "Australia's Robert Whittaker" is Australia and Robert Whittaker, not one phrase whose first words are
    popped as common.  Elsewhere the possessive may be inside a name ("Children's Hospital", "Lloyd's Register")."""
    return text[token[1]:token[1] + 2] in ("'s", "’s")


def _capitalised(text, tokens, used, language, sentence_start) -> list[NameMatch]:
    out: list[NameMatch] = []
    i = 0
    n = len(tokens)
    verbs = SPEECH_VERBS.get(language, SPEECH_VERBS["en"]) | SPEECH_VERBS["en"]
    barrier = 0  # titles before the end of the last person found belong to that person
    while i < n:
        if used[i] or not _is_cap(tokens[i][2]):
            i += 1
            continue
        j = i
        genitive = False
        while j + 1 < n and not used[j + 1]:
            nxt = tokens[j + 1][2]
            if _possessive(text, tokens[j]) and is_first_name(nxt):
                break  # "Australia's Robert Whittaker": the possessive ends the phrase (planted p11)
            if genitive_end(tokens[j][2], nxt, language):
                genitive = True  # "Danny Welbecks Hackentrick": the name ends at its genitive (planted p09)
                break
            if _is_cap(nxt) and nxt.lower() not in STOP and not _numbered(tokens, j + 1) \
                    and not _onto_acronym(tokens[j][2], nxt):
                j += 1
            elif nxt.lower() in CONNECTORS and j + 2 < n and _is_cap(tokens[j + 2][2]) and not used[j + 2] \
                    and nxt.islower() and not (language == "de" and nxt in GERMAN_ARTICLES):
                j += 2
            else:
                break
        span = list(range(i, j + 1))
        roles = _roles_back(tokens, i, barrier, verbs, language)
        # a title before the phrase introduces it only when nothing but titles, demonyms and names stand between:
        # "der Minister für den Energiewandel" does not make "Energiewandel" a person
        prev = tokens[i - 1][2] if i > 0 else ""
        titled_before = any(is_title(r, language) for r in roles) and not (
            prev[:1].islower() and (prev.lower() in STOP or prev.lower() in CONNECTORS))
        start = len(roles)
        while span and _peelable(tokens[span[0]][2], language) and not _is_building(tokens[span[0]][2], language):
            roles.append(tokens[span[0]][2].lower())
            span.pop(0)
        while span and (tokens[span[-1]][2].lower() in CONNECTORS or tokens[span[-1]][2].lower() in STOP):
            span.pop()
        # capitalised common nouns (German "Kollegen", a wrapped line's "Minister") around rare name words; a
        # given name and a surname, alone or after a connector, are a name ("George Floyd", "Der Tod von George
        # Floyd": planted p02), not "East Asia Summits" cut to "Asia Summits"
        popped = ""
        # an institution's name after an article is one name, its first word included: "the John Hopkins
        # University" (a misspelling of Johns Hopkins) was cut to "Hopkins University" (rW1 M4)
        institution = i > 0 and tokens[i - 1][2].lower() in DETERMINERS and len(span) > 2 and (
            tokens[span[-1]][2].lower() in ORG_HEADS or bool(place_head(tokens[span[-1]][2], language)))
        while not institution and len(span) > 1 and _zipf(tokens[span[0]][2], language) >= RARE_ZIPF + 0.5 and any(
                _zipf(tokens[k][2], language) < RARE_ZIPF for k in span[1:]) and not _is_building(
                tokens[span[0]][2], language) and tokens[span[0]][2].lower() not in SAINTS \
                and not (len(span) == 2 and is_first_name(tokens[span[0]][2])
                         and _zipf(tokens[span[0]][2], language) < COMMON_ZIPF  # "Aber Cruz": "but Cruz"
                         and not (i > 0 and tokens[i - 1][2].lower() in DETERMINERS)  # "the Royal Marines"
                         and (not popped or popped in CONNECTORS or popped in STOP)):
            popped = tokens[span[0]][2].lower()
            roles.append(popped)
            span.pop(0)
        span = _peel_descriptors(tokens, span, roles, language)
        while span and (tokens[span[0]][2].lower() in CONNECTORS or tokens[span[0]][2].lower() in STOP):
            span.pop(0)  # "Angaben von Prevent" after "Angaben" went: not "von Prevent"
        i = j + 1
        # a noun-capitalising language's inflected common noun ends the name ("im Osten Berichten zufolge"), unless
        # it is the head that makes the name a building or institution ("… Pedalé Krankenhauses")
        while len(span) > 1 and inflected_noun(tokens[span[-1]][2], language) \
                and not place_head(tokens[span[-1]][2], language):
            span.pop()
            genitive = False
        if not span:
            continue
        words = [tokens[k][2] for k in span]
        a, b = tokens[span[0]][0], tokens[span[-1]][1]
        if genitive and span[-1] == j:
            b -= 1  # the name without its genitive -s ("Danny Welbeck"), as English drops "'s"
            words[-1] = words[-1][:-1]
        surface = text[a:b]
        first_in_sentence = sentence_start and span[0] == 0
        after = tokens[span[-1] + 1][2].lower() if span[-1] + 1 < n else ""
        after2 = tokens[span[-1] + 2][2].lower() if span[-1] + 2 < n else ""
        governed = before_word(tokens, span[0]) in PREPOSITIONS  # "auf WeChat sagte das Kreditinstitut"
        speaks = (not governed and (after in verbs or (after in {"has", "had", "also", "was", "have"}
                                                        and after2 in verbs))) or (
            span[0] > 0 and tokens[span[0] - 1][2].lower() in verbs)  # "— заявил Макрон", "sagte Lawrow"
        titled = titled_before or any(r in TITLE_WORDS or is_title(r, language) for r in roles[start:])
        before = tokens[span[0] - 1][2] if span[0] > 0 else ""
        building = _building(words, before, after, language, after2, first_in_sentence)
        if building and (len(words) >= 2 or not place_head(words[0], language)):
            out.append(NameMatch(a, b, surface, building, roles=tuple(roles)))
            continue
        if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6:
            if _shouted_word(words[0], language):
                continue
            designation = _designation_end(text, tokens, span[-1])
            if designation:
                # "COVID-19", "F-35", "MH-17": a disease, a model or a flight, not a body (rW1 F7: "COVID
                # (organisation)")
                out.append(NameMatch(a, designation, text[a:designation], "thing", roles=tuple(roles)))
                continue
            if span[-1] + 1 < n and tokens[span[-1] + 1][0] == b and tokens[span[-1] + 1][2].isdigit():
                b = tokens[span[-1] + 1][1]  # "MI5", "G7": the digits are part of the name, "MI" alone is none
                surface = text[a:b]
            out.append(NameMatch(a, b, surface, "organisation", roles=tuple(roles)))
            continue
        if len(words) == 1 and surface.lower() in territory_names(language) and not (
                is_first_name(words[0]) and (speaks or titled)):
            # "in Hongkong", "Taiwan"; a country that is also a given name ("India", "Georgia", "Jordan") is the
            # country unless a verb of speech or a title makes it a person: the four English versions of one
            # report named India and had no row for it (issue 23, rW1 M3)
            out.append(NameMatch(a, b, surface, "place", roles=tuple(roles)))
            continue
        rare = [_zipf(w, language) < RARE_ZIPF for w in words]
        not_common = all(_zipf(w, language) < COMMON_ZIPF for w in words)
        first_name = len(words) >= 2 and is_first_name(words[0])
        aged = _age_after(tokens, span[-1])
        if len(words) >= 2 and is_month(words[-1], language) and not first_name:
            # "der Premierminister Mitte Juli": a time of the year after a title, not a person (W bench folds 0-2:
            # "Mitte Juli" a person that a French original "never names"); "Theresa May" starts with a given name
            continue
        if len(words) >= 2 and (all(rare) or ((titled or speaks or first_name or aged)
                                              and (sum(rare) >= 1 or not_common))):
            # a verb of speech alone vouches for no phrase that starts with a common word of the language that is
            # no given name: "Sale, Greater Manchester said people know …" is a place before the mechanic's words
            # (W bench w021); "Xu Zhibin said", "Abu Bakr said" start with rare words
            spoken_only = speaks and not (titled or first_name or aged) and not rare[0]
            if not any(w.lower() in ORG_HEADS for w in words) and not spoken_only:
                if titled or speaks or first_name or aged or _coordinated(tokens, span, out):
                    cut = _of_place(words)
                    if cut:
                        b = tokens[span[cut - 1]][1]
                        surface = text[a:b]
                    kind = "place" if surface.lower() in territory_names(language) else "person"
                    out.append(NameMatch(a, b, surface, kind, roles=tuple(roles)))
                    barrier = span[-1] + 1 if kind == "person" else barrier
            continue
        bracketed = span[0] > 0 and tokens[span[0] - 1][2] == "("
        determined = before.lower() in DETERMINERS  # "die Quelle sagte", "the Kremlin said": a noun, not a name
        # "President Trump", "Prime Minister May": a surname that is also a common word is a name right after a
        # title (the word before it), capitalised inside a sentence
        after_title = not first_in_sentence and before[:1].isupper() and is_title(before, language) \
            and words[0].lower() not in verbs and not find_dates(words[0], language)  # "the President Tuesday"
        if len(words) == 1 and (rare[0] or after_title) and not bracketed and words[0].lower() not in ORG_HEADS \
                and not _misspelt_word(words[0], language) \
                and not determined and not is_title(words[0], language) \
                and (speaks or (titled and not first_in_sentence)):
            out.append(NameMatch(a, b, surface, "person", roles=tuple(roles)))
            barrier = span[-1] + 1
    return out


def _designation_end(text: str, tokens, k: int) -> int | None:
    """Where an upper-case word joined by a hyphen to a number ends with that number ("COVID-19", "F-35"), else
    None: such a word names a designation (a disease, an aircraft, a flight), which no organisation's name is;
    "MI5", with its digits attached, stays a service."""
    if k + 2 >= len(tokens) or tokens[k + 1][2] != "-" or not tokens[k + 2][2].isdigit():
        return None
    if tokens[k + 1][0] != tokens[k][1] or tokens[k + 2][0] != tokens[k + 1][1]:
        return None
    return tokens[k + 2][1]


def before_word(tokens, k: int) -> str:
    """The lower-case word before token ``k`` ("" at the start)."""
    return tokens[k - 1][2].lower() if k > 0 else ""


AGE_MAX = 120


def _age_after(tokens, last: int) -> bool:
    """A name followed by an age in commas or brackets ("Bipasha Mukherjee, 52, of Kirkland", "Müller (52)"):
    news gives people's ages that way, not places' or things' (issue 23, planted p02: the most quoted speaker, a
    given name no list knows, was found in no source)."""
    following = [t[2] for t in tokens[last + 1:last + 4]]
    if len(following) < 3 or following[0] not in {",", "("} or following[2] not in {",", ")"}:
        return False
    return following[1].isdigit() and 0 < int(following[1]) <= AGE_MAX


PLACE_OF = frozenset({"of"})
"""The connector that joins a person to a home town ("Michaud Savage of Seattle")."""


def _of_place(words: list[str]) -> int:
    """Where a person's name ends before "of <Place>": the words before "of" when two or more, else 0 (keep all).

    "Michaud Savage of Seattle" is Michaud Savage, from Seattle: the town became a spelling of the man and the
    man's name row listed "SEATTLE" (issue 23, planted p02).  One word before "of" is kept ("Catherine of
    Aragon"), and organisations never reach here ("Royal Bank of Scotland")."""
    cut = next((k for k, w in enumerate(words) if w in PLACE_OF), 0)
    return cut if cut >= 2 else 0


GERMAN_RARE_ZIPF = 3.0
"""German capitalises its nouns, so a word before a surname is taken for a given name only when rarer than this
("Michaud" 2.1, but "Garnison" 3.2)."""


def _surname_key(word: str) -> str:
    """A word as ``quotes.person_key`` keys a surname: ASCII, lower case, no apostrophe ("O'Brien": "obrien")."""
    return unidecode(word).lower().replace("'", "").replace("’", "")


def complete_names(text: str, surnames: set[str], taken: list[tuple[int, int]], language: str) -> list[NameMatch]:
    """Full names ending in a surname the report gives as a person's elsewhere: "Michaud Savage aus Seattle gab an"
    is a person because the report later writes "meinte Savage" (issue 23, planted p02: the German source's cell
    for Michaud Savage was blank).  The word before must be a name, not a word of the language: a known first
    name or a rare word, capitalised, no title ("Herr Savage" is Savage) and no common word ("Laut Savage"; "Aber
    Cruz", though "Aber" is also a given name)."""
    out = []
    tokens = _tokens(text)
    rare = GERMAN_RARE_ZIPF if language == "de" else RARE_ZIPF
    for k in range(1, len(tokens)):
        first, last = tokens[k - 1], tokens[k]
        if _surname_key(last[2]) not in surnames or not _is_cap(last[2]) or not _is_cap(first[2]) \
                or first[2].isupper():
            continue
        if last[0] - first[1] != 1 or any(not (first[1] <= s or first[0] >= e) for s, e in taken):
            continue
        word = first[2]
        if word.lower() in STOP or is_title(word, language) or word.lower() in DEMONYMS or \
                gazetteer_entry(word) is not None or (k >= 2 and tokens[k - 2][2].lower() in DETERMINERS):
            continue  # "der Garnison Stirling Lines": a noun after its article, not a given name
        if (is_first_name(word) and _zipf(word, language) < COMMON_ZIPF) or _zipf(word, language) < rare:
            out.append(NameMatch(first[0], last[1], text[first[0]:last[1]], "person"))
    return out


def surname_matches(text: str, surnames: dict[str, str], taken: list[tuple[int, int]],
                    language: str = "en") -> list[NameMatch]:
    """Single-word mentions of surnames already seen in a full name in this report: capitalised, or in lower
    case when the word is rare ("lavrov" in a machine translation), not a common word ("savage", "spray")."""
    out = []
    tokens = _tokens(text)
    for k, (start, end, tok) in enumerate(tokens):
        key = tok.lower()
        if key in surnames and all(end <= s or start >= e for s, e in taken):
            if tok == key and (_zipf(key, language) >= RARE_ZIPF or " " not in surnames[key]):
                continue
            if k + 1 < len(tokens) and _is_cap(tokens[k + 1][2]) and tokens[k + 1][0] == end + 1 \
                    and tokens[k + 1][2].lower() not in STOP and not tokens[k + 1][2].isupper():
                continue  # "Stirling Lines", the garrison named after Colonel David Stirling, is not the colonel
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
        kind = kinds.get(span.type, "organisation")
        surface = text[span.start:span.stop]
        if vocab is not None:
            span.normalize(vocab)
            roles = (f"lemma:{span.normal}",)
        entry = gazetteer_entry(span.normal if vocab is not None and span.normal else surface) or \
            gazetteer_entry(surface)
        before = re.findall(r"[^\W\d_]+", text[max(0, span.start - 40):span.start])
        if kind == "person" and before and place_head(before[-1], "ru"):
            kind = place_head(before[-1], "ru") or kind  # "в соборе Василия Блаженного": a church, not a man
        out.append(NameMatch(span.start, span.stop, surface, entry.type if entry else kind,
                             entry.name if entry else None, roles=roles + _roles_before(text, span.start)))
    return out
