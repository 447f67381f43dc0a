"""Verbs of speech and attribution cues in five languages.

Shared by name finding (a capitalised word before "said" is a person) and
quote attribution.  Forms are listed as they occur in news, including past
participles and the Russian gendered past forms.
"""

from __future__ import annotations

SPEECH_VERBS: dict[str, frozenset[str]] = {
    "en": frozenset("""said says say stressed stresses noted notes added adds told declared declares announced
        announces stated states explained explains emphasized emphasised emphasizes emphasises underlined
        underscored recalled recalls assured assures commented comments replied replies answered answers
        mentioned mentions warned warns insisted insists claimed claims argued argues believes believe
        considers quoted quotes informed informs confirmed confirms admitted admits reported reports
        pointed highlighted asserted remarked observed wrote writes concluded acknowledged continued
        complained complains""".split()),
    "ru": frozenset("""сказал сказала сказали заявил заявила заявили отметил отметила отметили подчеркнул
        подчеркнула подчеркнули добавил добавила добавили сообщил сообщила сообщили пояснил пояснила
        заметил заметила указал указала напомнил напомнила ответил ответила считает говорит говорил
        заявляет отмечает подчеркивает подчёркивает цитирует""".split()),
    "it": frozenset("""detto dichiarato affermato sottolineato aggiunto spiegato ricordato annunciato
        osservato precisato assicurato dice dichiara afferma sottolinea aggiunge spiega ricorda annuncia
        ha informato informa rilevato ribadito""".split()),
    "de": frozenset("""sagte sagt erklärte erklärt betonte betont fügte fügt meinte meint teilte teilt
        unterstrich sagten erklärten kündigte warnte warnt versicherte bekräftigte
        erinnerte erinnert""".split()),
    "fr": frozenset("""dit déclaré affirmé souligné ajouté expliqué rappelé annoncé estimé précisé assuré
        dit-il déclare affirme souligne ajoute explique rappelle annonce estime""".split()),
}

CREDIT_VERBS: dict[str, frozenset[str]] = {
    "fr": frozenset("""commente commenté précise indique indiqué note noté écrit écrivait poursuit poursuivi confie
        confié raconte raconté insiste insisté relève relevé observe observé résume résumé conclut constate constaté
        répond répondu martèle déplore""".split()),
    "de": frozenset("""kommentiert kommentierte bemerkt bemerkte schreibt schrieb geschrieben ergänzt ergänzte
        berichtet berichtete antwortet antwortete mahnt mahnte kritisiert kritisierte""".split()),
    "ru": frozenset("""написал написала написали пишет уточнил уточнила рассказал рассказала признал признала
        признался призналась""".split()),
}
"""Verbs that credit quoted words in one language, for quote attribution only (not name finding, which reads
``SPEECH_VERBS``): '"…", commente Philippe Zaouati', '"…", kommentiert Philippe Zaouati', 'Trump hatte … geschrieben:'
were words "a speaker the text does not name" on the W bench (w035, w013), as the French and German lists hold only
"dit"-like forms.  Per language, as some are nouns elsewhere ("note")."""

ACCORDING_TO: tuple[str, ...] = ("according to", "по словам", "по мнению", "по данным", "secondo", "laut",
                                 "selon", "d'après")

THAT_WORDS: frozenset[str] = frozenset({"that", "что", "che", "dass", "daß", "que", "qu'"})
"""Conjunctions that open reported (indirect) speech after a verb of speech."""

PRONOUNS: frozenset[str] = frozenset({"he", "she", "он", "она", "lui", "lei", "egli", "er", "sie", "il", "elle",
                                      "i"})


def all_verbs() -> frozenset[str]:
    out: set[str] = set()
    for verbs in SPEECH_VERBS.values():
        out |= verbs
    return frozenset(out)
