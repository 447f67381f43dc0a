"""truth34: a row's cue tags say only a difference read in every cell they compare (issue 23, rW2).

The sentences are written for these tests (a killing reported as alleged, an aircraft inspection): the shapes of
the rW2 rows, not their text."""

from __future__ import annotations

from compare.align.labels import divergences
from compare.align.row_cues import cues_in, row_cue_tags
from compare.model import Link
from compare.report.views import row_labels


def _row(cells: dict[str, list[str]], languages: dict[str, str], original_of: dict[str, str] | None = None
         ) -> set[str]:
    """The tags ``row_labels`` gives a row whose sources hold these sentences, every two of them linked (the
    links' labels as the aligner gives them)."""
    members = [(sid, k) for sid, parts in cells.items() for k in range(len(parts))]
    texts = {(sid, k): parts[k] for sid, parts in cells.items() for k in range(len(parts))}
    links = [Link("e", a, i, 0, 1, b, j, 0, 1, 0.9, "paraphrase",
                  labels=divergences(texts[(a, i)], texts[(b, j)], languages[a] == languages[b]))
             for n, (a, i) in enumerate(members) for b, j in members[n + 1:] if a != b]
    return row_labels(members, links, texts, languages, original_of or {}) & CUES


CUES = {"negation", "modal", "hedge", "intensifier", "left-open", "date-dropped"}
"""The tags these tests are about ("name" tags between German nouns are another helper's)."""


GERMAN_FROM_ENGLISH = {"en": "en", "de1": "de", "de2": "de", "de3": "de", "de4": "de"}
FROM_EN = {sid: "en" for sid in ("de1", "de2", "de3", "de4")}


def test_every_version_says_allegedly_so_no_hedge_and_no_modal():
    """rW2 en-de F4/M7: 'angeblich', 'mutmaßliche' and 'getötet haben soll' all say 'allegedly': no hedge tag, and
    German hearsay 'soll' is no modal verb."""
    cells = {"en": ["A man was arrested on Sunday for allegedly killing his brother, the police said."],
             "de1": ["Ein Mann wurde am Sonntag verhaftet, der angeblich seinen Bruder umgebracht hat."],
             "de2": ["Ein Mann wurde am Sonntag für die mutmaßliche Tötung seines Bruders verhaftet."],
             "de3": ["Ein Mann wurde am Sonntag festgenommen, weil er seinen Bruder getötet haben soll."],
             "de4": ["Ein Mann wurde am Sonntag verhaftet, weil er angeblich seinen Bruder getötet haben soll."]}
    assert not _row(cells, GERMAN_FROM_ENGLISH, FROM_EN) & {"hedge", "modal"}
    assert "modal" not in cues_in("Er soll seinen Bruder getötet haben.", "de")
    assert cues_in("Die Sitzung soll am Montag beginnen.", "de") == {"modal"}


def test_a_translation_that_drops_around_a_week_is_tagged():
    """rW2 en-de F4, row c4: one translation drops 'around' from 'around a week ago'; the hedge tag goes there."""
    cells = {"en": ["The body was found near bushes around a week ago."],
             "de1": ["Die Leiche wurde vor rund einer Woche in der Nähe eines Gebüsches gefunden."],
             "de2": ["Die Leiche wurde vor einer Woche beim Buschwerk aufgefunden."],
             "de3": ["Die Leiche wurde vor etwa einer Woche in der Nähe von Büschen gefunden."]}
    assert _row(cells, GERMAN_FROM_ENGLISH, FROM_EN) == {"hedge"}
    assert "hedge" not in cues_in("He went around a lot.", "en")


ENGLISH_FROM_CHINESE = {"zh": "zh", "a": "en", "b": "en", "c": "en", "d": "en"}
FROM_ZH = {sid: "zh" for sid in "abcd"}


def test_an_unread_language_is_not_compared_and_synonyms_are_one_class():
    """rW2 zh-en M3: every English version hedges and has 'may' or 'could'; the Chinese original has no word the
    lists read, and one version splits the sentence in two; no hedge, modal or intensifier tag."""
    cells = {"zh": ["要求对大约2000架客机作紧急检查，腐蚀后可能导致发动机完全停车。"],
             "a": ["It required an inspection of about 2,000 airliners, as corrosion may cause the engines to stop completely."],
             "b": ["It required inspections of approximately 2,000 airliners.",
                   "The reason is that corrosion may cause the engine to stop completely."],
             "c": ["It required an inspection of roughly 2,000 airliners, as corrosion could cause the engines to "
                   "stop completely."],
             "d": ["It demanded an urgent inspection of the roughly 2,000 airliners because corrosion may cause the "
                   "engines to stall completely."]}
    assert not _row(cells, ENGLISH_FROM_CHINESE, FROM_ZH) & {"hedge", "modal", "intensifier"}


def test_may_beside_a_day_is_the_month_and_possible_says_may():
    assert "modal" in cues_in("Corrosion may cause the engines to stop in about 2,000 aircraft.", "en")
    assert "modal" not in cues_in("Thursday, may 30, the talks were held.", "en")
    assert "modal" not in cues_in("On May 30 the talks were held.", "en")
    cells = {"zh": ["发动机可能熄火"], "a": ["Engine may stall, inspection ordered"],
             "b": ["Inspection ordered after engine may stall"], "c": ["Inspection ordered due to possible engine stalling"]}
    assert "modal" not in _row(cells, ENGLISH_FROM_CHINESE, FROM_ZH)


def test_a_version_that_says_what_the_others_leave_open_is_tagged_left_open():
    """rW2 zh-en M4, c15: three versions say the airline did not say whether there were stalls; one says there
    were none.  Every version has a negation, so no negation tag could show it."""
    cells = {"zh": ["该公司说将检查旗下20架客机，但没有说明是否出现过熄火情况。"],
             "a": ["The airline said it would inspect 20 of its planes, but did not say whether there had been any stalls."],
             "b": ["The airline said it would inspect its 20 planes, but did not say whether there had been stalls."],
             "c": ["The airline declared that it will inspect the 20 aircraft, but that no stalls had occurred."]}
    tags = _row(cells, ENGLISH_FROM_CHINESE, FROM_ZH)
    assert "left-open" in tags and "negation" not in tags


def test_a_version_that_drops_the_date_is_tagged_date_dropped():
    """rW2 zh-en M4, c11: three versions say 'on July 15', the fourth gives no date; the Chinese original's
    '7月15日' is not read, so the versions are read against each other.  With an English original, a German
    translation without its date is tagged too, and one that names the month is not."""
    cells = {"zh": ["旗下一架客机7月15日飞往奥斯汀途中，一台发动机突然熄火。"],
             "a": ["One of its planes was flying to Austin on July 15 when an engine suddenly stopped."],
             "b": ["On July 15th, one of its planes was en route to Austin when an engine turned off."],
             "c": ["One of its airliners was en route to Austin on July 15 when an engine stalled."],
             "d": ["As its aircraft was flying to Austin, one of the engines suddenly stalled."]}
    assert "date-dropped" in _row(cells, ENGLISH_FROM_CHINESE, FROM_ZH)
    cells["d"] = ["As its aircraft was flying to Austin in July, one of the engines suddenly stalled."]
    assert "date-dropped" not in _row(cells, ENGLISH_FROM_CHINESE, FROM_ZH)
    german = {"en": ["The plane landed in Austin on July 15."], "de1": ["Das Flugzeug landete in Austin."]}
    assert "date-dropped" in _row(german, {"en": "en", "de1": "de"}, {"de1": "en"})
    german["de1"] = ["Das Flugzeug landete am 15. Juli in Austin."]
    assert "date-dropped" not in _row(german, {"en": "en", "de1": "de"}, {"de1": "en"})


def test_cues_are_compared_within_one_language_only():
    """No cue class is read against the original across languages (WMT21 human translations disagree with their
    originals on each too often: bench/row_tags_wmt21.py): a German translation alone in its language gets no
    cue tag, and two German translations are read against each other."""
    languages = {"en": "en", "de1": "de", "de2": "de"}
    cells = {"en": "The minister was not sure if he would attend the meeting.",
             "de1": "Der Minister sagte, er nehme an dem Treffen teil."}
    assert row_cue_tags(cells, languages, {"de1": "en"}) == set()
    cells = {"en": "The minister will attend the meeting.", "de1": "Der Minister nimmt an dem Treffen teil."}
    assert not row_cue_tags(cells, languages, {"de1": "en"})
    cells = {"en": "The minister did not attend the meeting.", "de1": "Der Minister nahm nicht an dem Treffen teil.",
             "de2": "Der Minister nahm an dem Treffen teil."}
    assert row_cue_tags(cells, languages, {"de1": "en", "de2": "en"}) == {"negation"}


def test_a_phrase_built_on_a_negation_word_that_negates_nothing_is_no_negation():
    """ru-en-221 c3: "no less than 2 million euros" and "at least 2 million euros" render one "не менее"; a teacher
    read the page's first difference, "w021-b and w021-d have 'no' where w021-a and w021-e have no negation", as a
    change of meaning.  A bound, "not only", French restrictive "ne ... que" negate nothing; "did not" still does."""
    assert "negation" not in cues_in("Milan is ready to pay no less than 2 million euros.", "en")
    assert "negation" not in cues_in("Not only Milan but also Lazio want him.", "en")
    assert "negation" not in cues_in("Il ne reste que deux jours.", "fr")
    assert "negation" not in cues_in("Nicht nur Mailand will ihn.", "de")
    assert "negation" in cues_in("Milan did not pay 2 million euros.", "en")
    assert "negation" in cues_in("Il ne reste plus de jours.", "fr")
    assert "negation" in cues_in("Mailand will ihn nicht.", "de")
    assert not row_cue_tags({"a": "Milan will pay no less than 2 million euros.",
                             "b": "Milan will pay at least 2 million euros."}, {"a": "en", "b": "en"}, {})


def test_the_link_labels_behind_the_overview_read_no_negation_in_a_bound():
    """The overview's "still, in row c3, w021-b and w021-d have 'no' where w021-a and w021-e have no negation"
    (r41 ru-en-221 M2) came from the link labels, which read the same phrases as the row tags now do."""
    assert "negation" not in divergences("Milan will pay no less than 2 million euros.",
                                         "Milan will pay at least 2 million euros.")
    assert "negation" in divergences("Milan will not pay 2 million euros.", "Milan will pay 2 million euros.")
    assert "negation" not in divergences("Il ne reste que deux jours.", "Il reste seulement deux jours.")


def test_the_first_screen_names_a_question_left_open_in_one_cell_and_answered_in_another_first():
    """r41 zh-en-259 M1: a human translation made "Delta did not say whether there had been engine stalls" into "no
    stalling incidents had occurred"; the row was tagged left-open, but "What differs most" named a wording figure
    and a number row.  The reversal now leads, with who says which."""
    from compare.report.glance import tagged_difference

    def sentence(source: str, claim: str, text: str) -> dict:
        return {"source": source, "claim": claim, "index": 0 if claim.endswith("c3") else 1, "text": text,
                "language": "en"}

    sentences = [sentence("a", "e:c3", "Four aircraft were inspected."),
                 sentence("c", "e:c3", "Five aircraft were inspected."),
                 sentence("a", "e:c15", "Delta said it would inspect 20 aircraft, but no stalling had occurred."),
                 sentence("c", "e:c15", "Delta said it would inspect 20 aircraft, but did not say whether there "
                                        "had been engine stalls.")]
    claims = [{"id": "e:c3", "group": "statements", "labels": ["number"], "sources": ["a", "c"]},
              {"id": "e:c15", "group": "statements", "labels": ["left-open"], "sources": ["a", "c"]}]
    found = tagged_difference(claims, sentences)
    assert found["kind"] == "left-open" and found["href"] == "#e:c15"
    assert "c says it was left open (‘did not say whether’) where a does not" in found["text"]
