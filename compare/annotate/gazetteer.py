"""Small gazetteers: places, organisations and the words around names.

No maintained offline gazetteer covers what news comparison needs here: the
*same* place under rival names (Southern Kurils / Northern Territories,
Iturup / Etorofu) and the same country in five languages.  So this module
keeps a short, hand-checked table; each entry has a canonical English name,
an entity type, and aliases in several languages and transliterations.  An
alias may carry a *naming choice* label: names that mark a point of view
(who the islands belong to) stay one place but are reported apart.

Capitals that news uses for their governments ("Washington", "Beijing",
"Pyongyang") resolve to the country; Tokyo and Moscow stay cities because
the seeds name them as meeting places.

Everything not listed here is found by the rules in ``names.py`` and
resolved by string similarity in ``entities.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """A canonical place or organisation and every alias it is known by."""

    name: str
    type: str
    aliases: tuple[str, ...]
    choices: dict[str, str] = field(default_factory=dict)  # alias -> naming-choice label


def _e(name: str, type_: str, *aliases: str, choices: dict[str, str] | None = None) -> GazetteerEntry:
    return GazetteerEntry(name, type_, (name, *aliases), choices or {})


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
    # Countries and unions
    _e("Russia", "place", "Russian Federation", "Россия", "России", "Россию", "Российская Федерация",
       "Российской Федерации", "Russland", "Russie", "Russia", "Federazione Russa", "Russische Föderation",
       "Fédération de Russie", "Rossiya"),
    _e("Japan", "place", "Япония", "Японии", "Японию", "Giappone", "Japon", "Nippon"),
    _e("United States", "place", "US", "U.S.", "USA", "U.S.A.", "United States of America", "America",
       "США", "Stati Uniti", "Vereinigte Staaten", "Etats-Unis", "États-Unis", "Washington"),
    _e("China", "place", "Китай", "Китая", "Cina", "Chine", "Beijing", "Pékin", "Pechino", "Peking", "Пекин"),
    _e("North Korea", "place", "DPRK", "КНДР", "Северная Корея", "Corea del Nord", "Nordkorea",
       "Corée du Nord", "Pyongyang"),
    _e("South Korea", "place", "Южная Корея", "Corea del Sud", "Südkorea", "Corée du Sud", "Seoul"),
    _e("Korean Peninsula", "place", "Korean peninsula", "Корейский полуостров", "Корейском полуострове"),
    _e("Ukraine", "place", "Украина", "Украины", "Ucraina", "Kyiv", "Kiev", "Киев"),
    _e("Crimea", "place", "Крым", "Крыма", "Crimea", "Krim", "Crimée"),
    _e("Syria", "place", "Сирия", "Сирии", "Siria", "Syrien", "Syrie"),
    _e("Iran", "place", "Иран", "Ирана", "Irán"),
    _e("Afghanistan", "place", "Афганистан", "Афганистана", "Afghanistan"),
    _e("Germany", "place", "Германия", "Германии", "Deutschland", "Germania", "Allemagne", "Berlin", "Берлин"),
    _e("France", "place", "Франция", "Франции", "Frankreich", "Francia", "Paris", "Париж", "Parigi"),
    _e("Italy", "place", "Италия", "Италии", "Italien", "Italia", "Italie", "Rome", "Roma", "Rom", "Рим"),
    _e("United Kingdom", "place", "UK", "Britain", "Great Britain", "Великобритания", "Regno Unito",
       "Großbritannien", "Royaume-Uni", "London", "Londra", "Londres", "Лондон"),
    _e("European Union", "organisation", "EU", "ЕС", "Евросоюз", "Unione europea", "UE", "Europäische Union",
       "Union européenne"),
    _e("Europe", "place", "Европа", "Европы", "Europa"),
    _e("Asia-Pacific", "place", "Asia-Pacific region", "Asia-Pacific Region", "APR", "Asian-Pacific region",
       "Азиатско-Тихоокеанский регион", "АТР", "Asia-Pacifico", "Asien-Pazifik", "Asie-Pacifique"),
    _e("Northeast Asia", "place", "North-East Asia", "Северо-Восточная Азия"),
    _e("Central Asia", "place", "Центральная Азия", "Asia centrale", "Zentralasien", "Asie centrale"),
    # Cities
    _e("Tokyo", "place", "Токио", "Tokio", "Tōkyō"),
    _e("Moscow", "place", "Москва", "Москве", "Москвы", "Moskau", "Mosca", "Moscou", "Moskva"),
    _e("Vladivostok", "place", "Владивосток", "Владивостоке", "Wladiwostok"),
    _e("Jakarta", "place", "Джакарта", "Джакарте", "Giacarta", "Djakarta"),
    _e("Brussels", "place", "Брюссель", "Bruxelles", "Brüssel"),
    _e("Geneva", "place", "Женева", "Ginevra", "Genf", "Genève"),
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
    _e("Aegis Ashore", "organisation", "Иджис Эшор"),
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
    army navy court service fund group association organisation organization alliance federation
    ministero ministerium ministère ministere agenzia agentur agence министерство агентство""".split()
)
"""Last words that make a capitalised phrase an organisation."""
