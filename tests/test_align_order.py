"""Order as evidence (issue 23, the W bench of WMT21 originals with their human and machine translations): a merge
of the parallel aligner stays within one paragraph of each text, a bead of two against two pairs its sentences in
order, and between two texts whose links run in order a crossing link must beat its in-order rival clearly."""

from __future__ import annotations

import numpy as np
from made_sources import made_source

from compare.align import align_event
from compare.align.order import drop_crossing, two_by_two, within_paragraphs
from compare.model import Sentence, Source


def laid_out(sid: str, language: str, *paragraphs: tuple[str, ...]) -> Source:
    """A source of ``paragraphs`` (each a tuple of sentences), offsets exact."""
    out, start, texts = [], 0, []
    for p, sentences in enumerate(paragraphs):
        for text in sentences:
            out.append(Sentence(sid, len(out), start, start + len(text), text, p, language))
            start += len(text) + 1
            texts.append(text)
    return Source(sid, f"{sid}.txt", " ".join(texts), language=language, sentences=tuple(out))


def test_a_merge_is_cut_at_a_paragraph_break_and_its_parts_paired_in_step():
    """W bench wmt-zh-en-363: a machine translation's stray sentence of one segment ("The company's main goal …")
    merged with its rendering of the next segment, and the bead put the stray sentence beside that segment of the
    other version.  Cut at the break, the part in step with the other text's paragraphs keeps the link."""
    a = laid_out("a", "en", ("The results will be announced in August.", "The jury has met twice."),
                 ("The award for best actor is always a focus of attention.",),
                 ("In 2016, Hu Ge won the award for best actor.", "He was then 34."))
    b = laid_out("b", "en", ("The results will be made public in August.", "The jury met two times."),
                 ("The company's main goal is to provide the best possible service to its customers.",),
                 ("In 2016, the 34-year-old Hu Ge won the best actor award.",))
    similarity = np.array([[0.7, 0.1, 0.0, 0.1], [0.1, 0.6, 0.0, 0.0], [0.0, 0.0, 0.0, 0.3],
                           [0.1, 0.0, 0.05, 0.6], [0.0, 0.1, 0.0, 0.3]])
    beads = [((0,), (0,), 0.7), ((1,), (1,), 0.6), ((2,), (), 0.0), ((3, 4), (2, 3), 0.5)]
    assert within_paragraphs(a, b, beads, similarity)[:3] == beads[:3]
    # the texts keep paragraph for paragraph (offset 0): a's paragraph 2 goes with b's, not with the stray sentence
    cut = within_paragraphs(a, b, beads, similarity)[3:]
    assert [(x, y) for x, y, _ in cut] == [((3, 4), (3,))]
    # one sentence a line says nothing by its breaks: such text is left as it is
    plain_a, plain_b = made_source("a", "en", *[s.text for s in a.sentences]), made_source(
        "b", "en", *[s.text for s in b.sentences])
    assert within_paragraphs(plain_a, plain_b, beads, similarity) == beads


def test_two_against_two_pairs_first_with_first_unless_the_crossed_pair_has_a_link_of_its_own():
    """W bench wmt-zh-en-423: a bead of segments 3 and 4 against their two renderings paired each with both."""
    beads = [((0,), (0,), 0.6), ((1, 2), (1, 2), 0.6), ((3,), (3, 4), 0.5)]
    assert two_by_two(beads, set()) == [(0, 0, 0.6), (1, 1, 0.6), (2, 2, 0.6), (3, 3, 0.5), (3, 4, 0.5)]
    assert (2, 1, 0.6) in two_by_two(beads, {(2, 1)})


SENTENCES_A = (
    "Extra requirements for public procurement applications will be excluded by law.",
    "Legislation could set out comprehensive requirements for applications to take part in procurement.",
    "The bill was prepared by the Ministry of Finance.",
    "The government is amending the law on the procurement of goods, works and services by state companies.",
    "The amendments were published on Friday.",
    "Deputies will discuss them in the autumn session.",
    "Business associations welcomed the proposal.",
    "At present, the law on the procurement of goods, works and services by state companies lets each buyer set "
    "its own requirements.",
    "Critics say this favours large suppliers.",
)
SENTENCES_B = (
    "Excess requirements for applications for public procurement will be excluded by law.",
    "The legislation may establish comprehensive requirements for applications for participation in procurement.",
    "The bill was drafted by the Finance Ministry.",
    "Amendments are being made by the government to the law on the procurement of goods, works and services by "
    "state companies.",
    "The amendments were made public on Friday.",
    "Members of parliament will debate them in the autumn session.",
    "Business groups welcomed the proposal.",
    "Currently, the law on the procurement of goods, works and services by state companies allows every buyer to "
    "set its own requirements.",
    "Critics say that this favours big suppliers.",
)


def test_a_link_against_the_order_of_two_translations_must_beat_its_in_order_rival_clearly():
    """W bench wmt-ru-en-714: two translations' sentences on one law (segments 4 and 8) were each linked to both
    renderings (0.61 against 0.78 and 0.80), and the side-by-side put segment 8 in segment 4's row."""
    a, b = made_source("a", "en", *SENTENCES_A), made_source("b", "en", *SENTENCES_B)
    links = align_event("e", [a, b], mode="comparable").links
    pairs = {(lk.sentence_a, lk.sentence_b) for lk in links}
    assert {(3, 3), (7, 7)} <= pairs
    assert not pairs & {(3, 7), (7, 3)}
    # reports told in their own order (few links in order) are left as they are
    shuffled = made_source("b", "en", *[SENTENCES_B[k] for k in (7, 3, 0)])
    crossing = [lk for lk in align_event("e", [a, shuffled], mode="comparable").links]
    assert drop_crossing(crossing, [a, shuffled], {"a-b": "comparable"}) == crossing
