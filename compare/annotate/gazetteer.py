"""Small gazetteers: places, organisations and the words around names.

No maintained offline gazetteer covers what news comparison needs here: the
*same* place under rival names (Southern Kurils / Northern Territories,
Iturup / Etorofu) and the same country in five languages.  So this module
keeps a short, hand-checked table; each entry has a canonical English name,
an entity type, and aliases in several languages and transliterations.  An
alias may carry a *naming choice* label: names that mark a point of view
(who the islands belong to) stay one place but are reported apart.

A city is never its country: capitals are entries of their own ("Paris" and
"France", "Moscow" and "Russia"), even where news uses a capital for its
government.  Adjectives and demonyms ("French", "französische") point at the
country only as role evidence around a name.

The words around names live in two data files, one row per language and
word, so a language is added by adding rows: ``compare/data/role_words.csv``
(titles, offices and occupations that introduce a person: "Präsident",
"президент", "le président") and ``compare/data/place_heads.csv`` (words that
make a name a building, place or institution: "Kathedrale", "собор",
"palace", "university").  ``is_title`` and ``place_head`` accept the forms
news inflects them into: German compounds and feminine forms
("Feuerwehrchef", "Bürgermeisterin"), Russian case endings ("президента").

Everything not listed here is found by the rules in ``names.py`` and
resolved by string similarity in ``entities.py``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from unidecode import unidecode


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A canonical place, organisation or thing (a weapons system, a treaty) and every alias it is known by."""

    name: str
    type: str
    aliases: tuple[str, ...]
    choices: dict[str, str] = field(default_factory=dict)  # alias -> naming-choice label
    part_of: str | None = None  # a city's country: related, never the same entity


def _e(name: str, type_: str, *aliases: str, choices: dict[str, str] | None = None,
       part_of: str | None = None) -> GazetteerEntry:
    return GazetteerEntry(name, type_, (name, *aliases), choices or {}, part_of)


_KURIL_CHOICES = {
    "Southern Kurils": "Southern Kurils", "South Kuril Islands": "Southern Kurils",
    "South Kurils": "Southern Kurils", "southern Kuril Islands": "Southern Kurils",
    "Kurils of the South": "Southern Kurils", "Южные Курилы": "Southern Kurils",
    "Южных Курил": "Southern Kurils", "Южных Курильских островов": "Southern Kurils",
    "Curili meridionali": "Southern Kurils", "Südkurilen": "Southern Kurils",
    "Kouriles du Sud": "Southern Kurils",
    "Northern Territories": "Northern Territories", "northern territories": "Northern Territories",
    "Северные территории": "Northern Territories", "Territori del Nord": "Northern Territories",
    "territori settentrionali": "Northern Territories", "Nördliche Territorien": "Northern Territories",
    "Nordterritorien": "Northern Territories", "Territoires du Nord": "Northern Territories",
}

ENTRIES: tuple[GazetteerEntry, ...] = (
    # Countries and unions (a country's capital is a city of its own, below)
    _e("Russia", "place", "Russian Federation", "Россия", "России", "Россию", "Российская Федерация",
       "Российской Федерации", "Russland", "Russie", "Russia", "Federazione Russa", "Russische Föderation",
       "Fédération de Russie", "Rossiya", "Rusia"),
    _e("Japan", "place", "Япония", "Японии", "Японию", "Giappone", "Japon", "Nippon", "Japón"),
    _e("United States", "place", "US", "U.S.", "USA", "U.S.A.", "United States of America", "America",
       "США", "Stati Uniti", "Vereinigte Staaten", "Etats-Unis", "États-Unis", "Estados Unidos", "EE. UU.",
       "EEUU"),
    _e("China", "place", "Китай", "Китая", "Cina", "Chine"),
    _e("North Korea", "place", "DPRK", "КНДР", "Северная Корея", "Corea del Nord", "Nordkorea",
       "Corée du Nord", "Corea del Norte"),
    _e("South Korea", "place", "Южная Корея", "Corea del Sud", "Südkorea", "Corée du Sud", "Corea del Sur"),
    _e("Korean Peninsula", "place", "Korean peninsula", "Корейский полуостров", "Корейском полуострове"),
    _e("Ukraine", "place", "Украина", "Украины", "Ucraina", "Ucrania"),
    _e("Crimea", "place", "Крым", "Крыма", "Crimea", "Krim", "Crimée"),
    _e("Syria", "place", "Сирия", "Сирии", "Siria", "Syrien", "Syrie"),
    _e("Iran", "place", "Иран", "Ирана", "Irán"),
    _e("Afghanistan", "place", "Афганистан", "Афганистана", "Afghanistan", "Afganistán"),
    _e("Germany", "place", "Германия", "Германии", "Deutschland", "Germania", "Allemagne", "Alemania"),
    _e("France", "place", "Франция", "Франции", "Frankreich", "Francia"),
    _e("Italy", "place", "Италия", "Италии", "Italien", "Italia", "Italie"),
    _e("Spain", "place", "Испания", "Spanien", "Spagna", "Espagne", "España"),
    _e("United Kingdom", "place", "UK", "Britain", "Great Britain", "Великобритания", "Regno Unito",
       "Großbritannien", "Royaume-Uni", "Reino Unido"),
    _e("European Union", "organisation", "EU", "ЕС", "Евросоюз", "Unione europea", "UE", "Europäische Union",
       "Union européenne", "Unión Europea"),
    _e("Europe", "place", "Европа", "Европы", "Europa"),
    _e("Asia-Pacific", "place", "Asia-Pacific region", "Asia-Pacific Region", "APR", "Asian-Pacific region",
       "Азиатско-Тихоокеанский регион", "АТР", "Asia-Pacifico", "Asien-Pazifik", "Asie-Pacifique"),
    _e("Northeast Asia", "place", "North-East Asia", "Северо-Восточная Азия"),
    _e("Central Asia", "place", "Центральная Азия", "Asia centrale", "Zentralasien", "Asie centrale"),
    # Cities.  A city is never its country: "Paris" and "France" are two places, even where news uses
    # a capital for its government ("talks between Tokyo and Washington").
    _e("Tokyo", "place", "Токио", "Tokio", "Tōkyō", part_of="Japan"),
    _e("Moscow", "place", "Москва", "Москве", "Москвы", "Moskau", "Mosca", "Moscou", "Moskva", "Moscú",
       part_of="Russia"),
    _e("Saint Petersburg", "place", "St Petersburg", "St. Petersburg", "Санкт-Петербург", "Петербург",
       "Sankt Petersburg", "San Pietroburgo", "Saint-Pétersbourg", "San Petersburgo", part_of="Russia"),
    _e("Vladivostok", "place", "Владивосток", "Владивостоке", "Wladiwostok", part_of="Russia"),
    _e("Jakarta", "place", "Джакарта", "Джакарте", "Giacarta", "Djakarta", "Yakarta"),
    _e("Brussels", "place", "Брюссель", "Bruxelles", "Brüssel", "Bruselas"),
    _e("Geneva", "place", "Женева", "Ginevra", "Genf", "Genève", "Ginebra"),
    _e("Washington", "place", "Washington, D.C.", "Вашингтон", "Washington DC", part_of="United States"),
    _e("New York", "place", "Нью-Йорк", "Nueva York", part_of="United States"),
    _e("Beijing", "place", "Пекин", "Pékin", "Pechino", "Peking", "Pekín", part_of="China"),
    _e("Pyongyang", "place", "Пхеньян", "Pjöngjang", part_of="North Korea"),
    _e("Seoul", "place", "Сеул", "Séoul", "Seúl", part_of="South Korea"),
    _e("Kyiv", "place", "Kiev", "Киев", "Київ", "Kiew", part_of="Ukraine"),
    _e("Berlin", "place", "Берлин", "Berlino", "Berlín", part_of="Germany"),
    _e("Paris", "place", "Париж", "Parigi", "París", part_of="France"),
    _e("Rome", "place", "Рим", "Roma", "Rom", part_of="Italy"),
    _e("London", "place", "Лондон", "Londra", "Londres", part_of="United Kingdom"),
    _e("Madrid", "place", "Мадрид", part_of="Spain"),
    _e("Vienna", "place", "Вена", "Wien", "Vienne"),
    _e("Warsaw", "place", "Варшава", "Warschau", "Varsavia", "Varsovie", "Varsovia"),
    # Landmarks that news names in every language under different words
    _e("Notre-Dame de Paris", "place", "Notre-Dame", "Notre Dame", "Notre-Dame Cathedral", "Notre Dame Cathedral",
       "Kathedrale Notre-Dame", "cathédrale Notre-Dame", "Нотр-Дам", "Нотр-Дам-де-Пари",
       "Парижской Богоматери", "собор Парижской Богоматери", part_of="Paris"),
    _e("Élysée Palace", "organisation", "Elysee Palace", "Élysée", "Elysée", "Elysee", "Élysée-Palast",
       "Elysée-Palast", "palais de l'Élysée", "Елисейский дворец"),
    _e("White House", "organisation", "Weißes Haus", "Weiße Haus", "Casa Bianca", "Maison Blanche",
       "Casa Blanca"),
    # The disputed islands: one place, rival names kept as naming choices.
    _e("Kuril Islands", "place", "Kurils", "Kuril archipelago", "Kuriles", "Курилы", "Курил",
       "Курильские острова", "Курильских островах", "Curili", "isole Curili", "Kurilen", "Kouriles",
       "îles Kouriles"),
    _e("Southern Kuril Islands", "place", *_KURIL_CHOICES, choices=_KURIL_CHOICES),
    _e("Iturup", "place", "Etorofu", "Итуруп", "Iturup Island"),
    _e("Kunashir", "place", "Kunashiri", "Кунашир", "Kunaschir", "Kounachir"),
    _e("Shikotan", "place", "Шикотан"),
    _e("Habomai", "place", "Хабомаи", "Habomai Islands"),
    _e("Sea of Okhotsk", "place", "Охотское море", "Mare di Okhotsk", "Ochotskisches Meer", "mer d'Okhotsk"),
    _e("Pacific Ocean", "place", "Тихий океан", "Oceano Pacifico", "Pazifik", "océan Pacifique"),
    # Organisations
    _e("United Nations", "organisation", "UN", "U.N.", "ООН", "ONU", "Vereinte Nationen", "Nazioni Unite",
       "Nations unies"),
    _e("ASEAN", "organisation", "АСЕАН"),
    _e("NATO", "organisation", "НАТО", "OTAN"),
    _e("TASS", "organisation", "ТАСС", "Tass"),
    _e("RIA Novosti", "organisation", "РИА Новости", "RIA"),
    _e("Interfax", "organisation", "Интерфакс"),
    _e("AVIONEWS", "organisation", "Avionews"),
    _e("Efe", "organisation", "EFE", "Agencia EFE"),
    _e("Jiji Press", "organisation", "Jiji"),
    _e("Kyodo", "organisation", "Kyodo News", "Киодо"),
    _e("Reuters", "organisation", "Рейтер", "Рейтерс"),
    _e("Russian Foreign Ministry", "organisation", "Russian foreign ministry", "Foreign Ministry of Russia",
       "Ministry of Foreign Affairs of Russia", "Russian Ministry of Foreign Affairs", "MID", "МИД",
       "МИД России", "МИД РФ", "Russian Foreign Ministry's", "Ministero degli Esteri russo",
       "russische Außenministerium", "russischen Außenministeriums", "ministère russe des Affaires étrangères"),
    _e("Aegis Ashore", "thing", "Иджис Эшор"),  # a missile-defence system: neither a body nor a place
    _e("Soviet Union", "place", "USSR", "U.S.S.R.", "СССР", "Советский Союз", "Советского Союза", "Sowjetunion",
       "Unione Sovietica", "URSS", "Union soviétique", "UdSSR"),
    _e("Kremlin", "organisation", "Кремль", "Кремля", "Cremlino", "Kreml"),
)

DEMONYMS: dict[str, str] = {
    # demonym (lower case) -> country it points at; used for roles ("the Russian foreign Ministry").
    "russian": "russia", "russians": "russia", "russia": "russia", "российский": "russia", "российской": "russia",
    "российского": "russia", "russo": "russia", "russa": "russia", "russischen": "russia", "russische": "russia",
    "russe": "russia", "japanese": "japan", "japan": "japan", "японский": "japan", "японской": "japan",
    "японского": "japan", "giapponese": "japan", "japanische": "japan", "japanischen": "japan",
    "japonais": "japan", "japonaise": "japan", "american": "united-states", "us": "united-states",
    "chinese": "china", "korean": "korea", "german": "germany", "french": "france", "italian": "italy",
    "ukrainian": "ukraine", "british": "united-kingdom",
    # ASCII-folded Russian forms (role words are compared after unidecode)
    "rossii": "russia", "rossiia": "russia", "rossiiskii": "russia", "rossiiskoi": "russia", "rf": "russia",
    "iaponii": "japan", "iaponiia": "japan", "iaponskii": "japan", "iaponskoi": "japan",
    # adjectives of other languages, as they stand before a title ("der französische Präsident")
    "französische": "france", "französischen": "france", "französischer": "france", "français": "france",
    "française": "france", "francese": "france", "francés": "france", "francesa": "france",
    "французский": "france", "французского": "france", "французская": "france", "frantsuzskii": "france",
    "deutsche": "germany", "deutschen": "germany", "deutscher": "germany", "allemand": "germany",
    "allemande": "germany", "tedesco": "germany", "tedesca": "germany", "alemán": "germany",
    "alemana": "germany", "немецкий": "germany", "германский": "germany", "italienische": "italy",
    "italienischen": "italy", "italien": "italy", "italienne": "italy", "italiano": "italy", "italiana": "italy",
    "итальянский": "italy", "spanish": "spain", "spanische": "spain", "spanischen": "spain",
    "espagnol": "spain", "espagnole": "spain", "spagnolo": "spain", "español": "spain", "española": "spain",
    "испанский": "spain", "amerikanische": "united-states", "amerikanischen": "united-states",
    "américain": "united-states", "américaine": "united-states", "americano": "united-states",
    "americana": "united-states", "американский": "united-states", "chinesische": "china",
    "chinois": "china", "cinese": "china", "chino": "china", "китайский": "china", "britische": "united-kingdom",
    "britannique": "united-kingdom", "britannico": "united-kingdom", "británico": "united-kingdom",
    "британский": "united-kingdom", "ukrainische": "ukraine", "ukrainien": "ukraine", "ucraino": "ukraine",
    "ucraniano": "ukraine", "украинский": "ukraine",
}

ROLE_WORDS: dict[str, str] = {
    # role word (lower case, unaccented) -> role keyword
    "foreign": "foreign", "diplomat": "foreign", "diplomacy": "foreign", "affairs": "foreign",
    "esteri": "foreign", "aussenminister": "foreign", "aussenministerium": "foreign", "etrangeres": "foreign",
    "mid": "foreign", "inostrannykh": "foreign", "defence": "defence", "defense": "defence", "difesa": "defence",
    "verteidigungsminister": "defence", "verteidigung": "defence", "oborony": "defence",
    "military": "defence", "president": "president", "presidente": "president", "prezident": "president",
    "prime": "prime", "premier": "prime", "deputy": "deputy", "minister": "minister", "ministro": "minister",
    "ministre": "minister", "ministr": "minister", "ministers": "minister",
}

TITLE_WORDS = frozenset(
    """minister ministers president prime premier deputy head chief secretary spokesman spokeswoman spokesperson
    diplomat ambassador chairman chancellor mr mrs ms dr general admiral commander colleague colleagues
    counterpart counterparts leader governor mayor senator foreign defence defense top ministro presidente
    ministre président präsident minister bundeskanzler kanzler außenminister aussenminister
    verteidigungsminister министр президент премьер глава посол генерал signor signora monsieur madame
    herr frau""".split()
)
"""Words that introduce a person: stripped from the front of a name, kept as role evidence."""

ORG_HEADS = frozenset(
    """ministry ministries agency press news novosti council union party bank company corporation committee
    commission headquarters forces university institute office department government parliament duma senate
    army navy court service fund group association organisation organization alliance federation league club
    airlines airline airways lines railways motors holdings inc ltd plc corp llc gmbh ag bureau police authority
    administration center centre associations agencies committees councils
    ministero ministerium ministère ministere agenzia agentur agence министерство агентство""".split()
)
"""Last words that make a capitalised phrase an organisation."""


ROLE_FILE = "role_words.csv"
PLACE_HEAD_FILE = "place_heads.csv"
_RU_ENDINGS = ("ами", "ями", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом", "ем", "ую", "юю", "ая",
               "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ий", "ый", "а", "я", "у", "ю", "е", "и", "ы",
               "о", "ь", "й")
_FEMININE = {"de": ("innen", "in"), "fr": ("e",), "it": ("a", "essa"), "es": ("a",)}


def ru_stem(word: str) -> str:
    """A Russian word without its case ending ("Париже", "Парижа" -> "париж"; "Франции" -> "франци").

    Crude on purpose: both sides of a comparison are cut the same way, and a
    stem keeps at least three letters, so "Рим" and "Римом" meet while short
    words stay whole.
    """
    w = word.lower().replace("ё", "е")
    for ending in _RU_ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return w[: -len(ending)]
    return w


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in word)


def _read(name: str) -> list[dict[str, str]]:
    with (resources.files("compare") / "data" / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@lru_cache(maxsize=1)
def _titles() -> dict[str, dict[str, str]]:
    """language -> {title word, lower case: role keyword}; Russian words are also kept as stems."""
    out: dict[str, dict[str, str]] = {}
    for row in _read(ROLE_FILE):
        words = out.setdefault(row["language"], {})
        words[row["word"]] = row["role"]
        if row["language"] == "ru":
            words.setdefault(ru_stem(row["word"]), row["role"])
    return out


@lru_cache(maxsize=1)
def _place_heads() -> dict[str, dict[str, str]]:
    """language -> {head word, lower case: "place" | "organisation"}; Russian words also as stems."""
    out: dict[str, dict[str, str]] = {}
    for row in _read(PLACE_HEAD_FILE):
        words = out.setdefault(row["language"], {})
        words[row["word"]] = row["type"]
        if row["language"] == "ru":
            words.setdefault(ru_stem(row["word"]), row["type"])
    return out


def _lookup(table: dict[str, dict[str, str]], word: str, language: str) -> str | None:
    w = word.lower()
    languages = [language, "en"] if language in table else list(table)
    for lang in languages:
        words = table.get(lang, {})
        if w in words:
            return words[w]
        if lang == "ru" and is_cyrillic(w) and ru_stem(w) in words:
            return words[ru_stem(w)]
    return None


@lru_cache(maxsize=65536)
def title_role(word: str, language: str) -> str | None:
    """The role keyword of a title word in ``language`` (or English), "" for a bare title, None if none.

    German compounds count by their last part ("Feuerwehrchef" is a "chef",
    "Bundeskanzlerin" a "kanzler"), and feminine forms by their base.
    """
    w = word.lower()
    found = _lookup(_titles(), w, language)
    if found is not None:
        return found
    for ending in _FEMININE.get(language, ()):
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            found = _lookup(_titles(), w[: -len(ending)], language)
            if found is not None:
                return found
    if language == "de" and len(w) > 6:
        base = w[:-5] if w.endswith("innen") else w[:-2] if w.endswith("in") else w
        heads = _titles().get("de", {})
        for head, role in heads.items():
            if len(head) >= 4 and base.endswith(head) and len(base) - len(head) >= 3:
                return role
    return None


def is_title(word: str, language: str) -> bool:
    """Does ``word`` introduce a person (a title, office or occupation, in any of its forms)?"""
    return word.lower() in TITLE_WORDS or title_role(word, language) is not None


@lru_cache(maxsize=65536)
def place_head(word: str, language: str) -> str | None:
    """"place" or "organisation" when ``word`` names a kind of building, place or institution."""
    found = _lookup(_place_heads(), word, language)
    if found is None and language == "de" and len(word) > 6:
        heads = _place_heads().get("de", {})
        w = word.lower()
        found = next((t for head, t in heads.items() if len(head) >= 4 and w.endswith(head)), None)
    if found is None and language in ("de", "lb"):
        # a head in the genitive: "Krankenhauses", "Ministeriums" (issue 23, planted p14: the genitive
        # "… Pedalé Krankenhauses" was read as a person's name)
        w = word.lower()
        for ending in HEAD_ENDINGS:
            if w.endswith(ending) and len(w) - len(ending) >= 3:
                found = place_head(word[: -len(ending)], language)
                if found is not None:
                    break
    return found


HEAD_ENDINGS = ("es", "s")
"""German genitive endings a head word may carry in a name ("des … Krankenhauses", "des Hauptbahnhofs").  Not the
plural's -en/-n: "die Straßen von Seattle" are streets, not a place of that name (planted p02)."""


@lru_cache(maxsize=1)
def _head_meanings() -> dict[tuple[str, str], str]:
    """(language, head word) -> its English meaning ("krankenhaus": "hospital"), from ``place_heads.csv``."""
    return {(row["language"], row["word"]): row.get("meaning") or row["word"] for row in _read(PLACE_HEAD_FILE)}


@lru_cache(maxsize=65536)
def head_meaning(word: str) -> str | None:
    """The English meaning of a head word in any language ("Krankenhauses", "hôpital": "hospital"), else None; a
    German inflected form by its stem and a German compound by its last part, as :func:`place_head` reads them."""
    meanings = _head_meanings()
    w = word.lower()
    candidates = [w, *(w[: -len(e)] for e in HEAD_ENDINGS if w.endswith(e) and len(w) - len(e) >= 3)]
    for candidate in candidates:
        found = next((m for (_, head), m in meanings.items() if head == candidate), None)
        if found is not None:
            return found
    for candidate in candidates:
        if len(candidate) > 6:
            found = next((m for (lang, head), m in meanings.items()
                          if lang == "de" and len(head) >= 4 and candidate.endswith(head)), None)
            if found is not None:
                return found
    return None


def _add_roles() -> None:
    """Fold the data file's titles into ROLE_WORDS and TITLE_WORDS, which quote attribution reads too."""
    global TITLE_WORDS
    titles = set(TITLE_WORDS)
    for words in _titles().values():
        for word, role in words.items():
            titles.add(word)
            if role:
                ROLE_WORDS.setdefault(unidecode(word).lower(), role)
    TITLE_WORDS = frozenset(titles)


_add_roles()


def part_of(name: str) -> str | None:
    """The place a gazetteer place lies in ("Paris" -> "France"), for callers that want related, not same."""
    entry = _BY_NAME.get(name)
    return entry.part_of if entry else None


_BY_NAME = {entry.name: entry for entry in ENTRIES}
