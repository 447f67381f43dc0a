"""The aligner on the seed reports: against the hand-made gold, offsets, claims, determinism."""

from __future__ import annotations

import pytest

from compare.align import align_event
from compare.align.gold import precision_recall, predicted, read_gold
from compare.ingest import ingest
from compare.structure import roles
from conftest import REPO, SEEDS

GOLD = REPO / "alignments" / "seeds-2019-05-30.csv"
EVENT_2019 = ("000", "001", "003")


@pytest.fixture(scope="module")
def seeds():
    return ingest(SEEDS).sources


@pytest.fixture(scope="module")
def event_2019(seeds):
    from compare.annotate import annotate
    from compare.events import group_events

    annotations = annotate(seeds)
    event = next(e for e in group_events(seeds, annotations) if set(EVENT_2019) <= set(e.sources))
    members = [s for s in seeds if s.id in event.sources]
    return members, annotations, event.background


@pytest.fixture(scope="module")
def result(event_2019):
    members, annotations, background = event_2019
    return align_event("2019-05-30", members, annotations=annotations, background=background)


def test_gold_rows_resolve_to_current_sentences(seeds):
    gold, lost = read_gold(GOLD, seeds)
    assert lost == []
    assert len(gold) >= 40
    assert {(a, b) for a, _, b, _ in gold} == {("000", "001"), ("000", "003"), ("001", "003")}


def test_links_agree_with_gold(seeds, result):
    gold, _ = read_gold(GOLD, seeds)
    precision, recall, _ = precision_recall(gold, predicted(result.links, EVENT_2019))
    # Figures on this commit: P 0.868, R 0.767 (bench/align_seeds.py); these floors catch regressions.
    # Before the speaker rule and the embedding pass: P 0.919, R 0.791.  The speaker rule drops one gold link
    # that issue 13 calls wrong (Kono's quote in 003 against Lavrov's agenda sentence in 001); without the
    # embedding backend the figures are P 0.917, R 0.767; the embedding pass adds two links the gold does
    # not list ("a number of pressing issues" ~ "without avoiding acute issues", and 003's sub-heading).
    assert precision >= 0.83
    assert recall >= 0.75


def test_link_offsets_are_ingest_offsets(seeds, result):
    by_id = {s.id: s for s in seeds}
    assert result.links
    for link in result.links:
        a, b = by_id[link.source_a], by_id[link.source_b]
        assert link.source_a < link.source_b
        sa, sb = a.sentences[link.sentence_a], b.sentences[link.sentence_b]
        assert (link.start_a, link.end_a, link.start_b, link.end_b) == (sa.start, sa.end, sb.start, sb.end)
        assert a.text[link.start_a:link.end_a] == sa.text
        assert link.kind in ("verbatim", "close", "paraphrase")
        # the lexical signals always; the embedding pass adds its own where it ran
        assert {"char", "lemma", "entities", "numbers"} <= set(link.signals)
        assert set(link.signals) <= {"char", "lemma", "entities", "numbers", "semantic", "synonym"}
        assert 0.0 <= link.similarity <= 1.0


def test_known_statement_is_linked(result):
    """Lavrov's 'sovereign territory' answer: 000 sentence 8 renders 001 sentence 10."""
    pairs = {(lk.source_a, lk.sentence_a, lk.source_b, lk.sentence_b) for lk in result.links}
    assert ("000", 8, "001", 10) in pairs
    assert ("000", 21, "001", 21) in pairs  # next meeting in Moscow / in the Russian Federation


def test_claims_cover_every_sentence_once(event_2019, result):
    members, _, _ = event_2019
    seen = [m for claim in result.claims for m in claim.members]
    assert len(seen) == len(set(seen)) == sum(len(s.sentences) for s in members)
    # Headlines, datelines and captions are page structure, never an "only in" statement.
    structure = {(s.id, i) for s in members for i in roles(s.sentences)}
    assert {c.members[0] for c in result.claims if c.kind == "page-structure"} <= structure
    single = {c.members[0] for c in result.claims if c.kind in ("only-one-source", "no-close-match")}
    # A statement stands alone when nothing links it, or when its only links reach page structure (003's
    # standfirst "Cooperation on various topics." is no statement to share).
    to_statements = {end for lk in result.links for end, other in (((lk.source_a, lk.sentence_a),
                     (lk.source_b, lk.sentence_b)), ((lk.source_b, lk.sentence_b), (lk.source_a, lk.sentence_a)))
                     if other not in structure}
    linked_to_structure_only = {end for lk in result.links for end in ((lk.source_a, lk.sentence_a),
                                (lk.source_b, lk.sentence_b))} - to_statements
    assert single == ({(sid, i) for sid, idx in result.unique.items() for i in idx} | linked_to_structure_only) - structure
    # "only in" only where the absence was established
    established = {c.members[0] for c in result.claims if c.kind == "only-one-source"}
    assert established == {(sid, i) for sid, idx in result.absent.items() for i in idx} - structure
    # No claim joins page structure to a statement.
    for claim in result.claims:
        assert len({m in structure for m in claim.members}) == 1, claim
    # the background about the 2018 meeting is only in 000
    assert 36 in result.unique["000"]


def test_pairs_scores_use_sacrebleu_signatures(result):
    from sacrebleu.metrics import BLEU, CHRF, TER

    expected = {}
    for name, metric in (("bleu", BLEU(effective_order=True)), ("chrf", CHRF()), ("ter", TER())):
        metric.corpus_score(["x"], [["x"]])
        expected[name] = str(metric.get_signature())
    assert "nrefs:1" in expected["chrf"]
    assert len(result.pairs) == 3
    for pair in result.pairs:
        assert pair.signatures == expected
        assert 0 < pair.coverage_a_in_b < 1 and 0 < pair.coverage_b_in_a < 1
        assert pair.links == sum(1 for lk in result.links if (lk.source_a, lk.source_b) == (pair.source_a, pair.source_b))
    assert set(result.signatures) >= {"similarity", "comparable", "parallel", "bleu", "chrf", "ter", "link_chrf"}


def test_quotes_use_the_transcript_as_reference(result):
    assert result.quotes
    # Lavrov's quotes are read against his transcript; other speakers' (Shoigu, Kono, Iwaya) are listed as
    # quotations no other source renders, their own words their reference
    renderings = [q for q in result.quotes if q.fidelity != "unmatched"]
    assert {q.reference_source for q in renderings} == {"001"}
    assert {q.fidelity for q in renderings} <= {"verbatim", "close", "trimmed", "swapped", "paraphrase", "divergent"}
    assert all(q.reference_source == q.source_id for q in result.quotes if q.fidelity == "unmatched")
    korea = [q for q in result.quotes if q.source_id == "003" and "common" in q.added]
    # 'common positions' for the transcript's 'close positions' (r53); 'denuclearization' is a spelling, not a change
    assert [(q.fidelity, q.dropped, q.added) for q in korea] == [("swapped", ("close",), ("common",))], \
        "003's Korean-peninsula quote swaps one word of the transcript"


def test_alignment_is_deterministic(event_2019, result):
    members, annotations, background = event_2019
    again = align_event("2019-05-30", list(reversed(members)), annotations=annotations, background=background)
    assert again.to_dict() == result.to_dict()


def test_works_without_annotations(seeds):
    members = [s for s in seeds if s.id in EVENT_2019]
    plain = align_event("2019-05-30", members)
    gold, _ = read_gold(GOLD, seeds)
    precision, recall, _ = precision_recall(gold, predicted(plain.links))
    # P 0.789, R 0.698: without entity ids 000:5-003:3 goes unlinked, and cycle consistency then reads
    # 000:5 -> 003:4 against 001:1 -> 003:3 and drops the gold 000:5-001:1 (with one false link).
    assert precision >= 0.5 and recall >= 0.65
    assert plain.quotes and all(q.reference_source == "001" for q in plain.quotes)


def test_a_standfirst_of_several_sentences_is_page_structure(seed_sources):
    """003's standfirst "Cooperation on various topics. But there remains the friction on the Kurils" is one line of
    the page split at its full stop: neither piece is a statement, so neither is linked to Lavrov's words on
    counter-terrorism as a statement "shared by all" (issue 23)."""
    avionews = seed_sources["003"]
    found = roles(avionews.sentences)
    pieces = [s.index for s in avionews.sentences if s.text.startswith(("Cooperation on various topics", "But there remains"))]
    assert pieces and all(found.get(i) == "headline" for i in pieces)
    # A body paragraph of several sentences stays statements.
    assert not any(found.get(s.index) for s in avionews.sentences if s.text.startswith("Several signs of easing"))


def test_a_statement_is_never_shown_a_headline_as_its_nearest_candidate(event_2019, result):
    """The side-by-side quotes an unmatched statement's nearest candidate for a reader to check whether the others
    leave it out: a headline or standfirst ("Cooperation on various topics.") is no statement to check it against,
    and a headline is not offered a statement either (issue 23)."""
    members, _, _ = event_2019
    structure = {f"{s.id}:{i}" for s in members for i in roles(s.sentences)}
    assert result.nearest
    for key, near in result.nearest.items():
        assert (key in structure) == (f"{near.source}:{near.sentence}" in structure), (key, near)


def test_links_join_sentences_that_play_the_same_part(event_2019, result):
    """A headline, standfirst or caption is linked only to its like, never to a statement: such a link made 001's
    counter-terrorism sentence count as "linked" through 003's standfirst, lent rows tags no cell showed, and
    counted in pair scores (issue 23)."""
    members, _, _ = event_2019
    role = {(s.id, i): kind for s in members for i, kind in roles(s.sentences).items()}
    assert role, "the 2019 seeds have page structure"
    for link in result.links:
        assert role.get((link.source_a, link.sentence_a)) == role.get((link.source_b, link.sentence_b)), link


def test_a_row_carries_only_the_tags_of_links_inside_it(event_2019, result):
    """Row c3 (Kono's concern over military activity) was tagged 'intensifier' by a link from one of its sentences
    to 003's 'commenting heavily', which sits in another row: a tag names a difference between the row's own
    cells."""
    from compare.report.views import row_labels

    for claim in result.claims:
        inside = set(claim.members)
        own = {label for lk in result.links if {(lk.source_a, lk.sentence_a), (lk.source_b, lk.sentence_b)} <= inside
               for label in lk.labels}
        assert row_labels(claim.members, result.links) == own
        outside = {label for lk in result.links
                   if len({(lk.source_a, lk.sentence_a), (lk.source_b, lk.sentence_b)} & inside) == 1
                   for label in lk.labels}
        assert not (row_labels(claim.members, result.links) & (outside - own))


def test_a_sentence_reporting_what_one_minister_said_is_not_linked_to_anothers_words(event_2019, result):
    """000's "In turn, the Minister of defence of Russia Sergey Shoigu said what counts on fruitful cooperation" is
    Shoigu's statement: it joined Lavrov's rows through a link to 003's sentence on the Japanese ministers (issue 23).
    Its speaker is read from "Shoigu said", and no link joins it to a sentence attributed to someone else."""
    from compare.align.speakers import sentence_speakers

    members, annotations, _ = event_2019
    speakers = sentence_speakers(members, annotations)
    shoigu = next(s.index for s in next(m for m in members if m.id == "000").sentences
                  if s.text.startswith("In turn, the Minister of defence of Russia Sergey Shoigu said"))
    assert speakers[("000", shoigu)] == {"sergei-shoigu"}
    for link in result.links:
        ends = {(link.source_a, link.sentence_a), (link.source_b, link.sentence_b)}
        if ("000", shoigu) in ends:
            (other,) = ends - {("000", shoigu)}
            assert not speakers.get(other) or "sergei-shoigu" in speakers[other], link
