"""Order as evidence (issue 23, the W bench of WMT21 originals with their human and machine translations): a merge
of the parallel aligner stays within one paragraph of each text, a bead of two against two pairs its sentences in
order, and between two texts whose links run in order a crossing link must beat its in-order rival clearly."""

from __future__ import annotations

import numpy as np
from made_sources import made_source

from compare.align import _link, align_event
from compare.align.order import drop_crossing, out_of_place, paragraph_steps, two_by_two, within_paragraphs
from compare.model import Sentence, Source
from compare.settings import SemanticSettings


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


C_PARAGRAPHS = (
    ("Xinhua News Agency, Beijing, July 26 (Reporter Yu Yuanjin) July 26 is the first day of this year's "
     "\"China-Volt\".",),
    ("26 in the early morning of the wind and rain convective weather, dispelled days of heat and heat in the "
     "Beijing area, a new round of rain weather will continue for several days.",),
    ("Beijing Meteorological Station issued at 11 o'clock on the 26th, Beijing has scattered showers (accompanied by "
     "weak lightning), the maximum daily temperature is only 27 degrees Celsius;",),
    ("In the previous 24-25, the city of Beijing in the high temperature blue warning, most of the region's daily "
     "maximum temperature of about 37 degrees Celsius, the local high temperature of more than 40 degrees Celsius.",),
    ("Volt day is the highest temperature, humid, sultry day of the year, a year there are \"three volts\", the "
     "hottest in the volt, the Chinese people said \"bitter summer\" at this time.",),
)
D_PARAGRAPHS = (
    ("Xinhua News Agency, Beijing, July 26 (reporter Ni Yuanjin) July 26 is the first day of this year's "
     "\"Zhongfu\".",),
    ("The windy, showers and convective weather in the early hours of the 26th dispelled the heat and heat that have "
     "enveloped the Beijing area for days.", "A new round of rainfall weather will continue for several days."),
    ("The Beijing Meteorological Observatory announced at 11: 00 on the 26th that there were scattered showers "
     "(accompanied by weak thunder and lightning) in Beijing on the 26th, with a daily maximum temperature of only "
     "27 ° C. At night, it was cloudy with light to moderate rain, and the minimum temperature at night was 23 ° C.",),
    ("From the previous 24 to 25, the whole city of Beijing was in a high temperature blue warning, with the daily "
     "maximum temperature around 37 ° C in most areas, and local high temperatures exceeding 40 ° C.",),
    ("Futian is the highest temperature, humid and sweltering day of the year.",
     "There are \"three volts\" a year, and the hottest is in the middle volt.",
     "This is what the Chinese people call \"bitter summer\"."),
)


def test_texts_of_one_paragraph_layout_are_aligned_paragraph_by_paragraph():
    """W bench wmt-zh-en-247: two machine translations of one Chinese report, one keeping each paragraph one
    sentence, the other splitting some; the parallel aligner merged segments 4 and 5 of the first against the
    second's segment 5 and left its segment 4 unpaired.  Both keep five paragraphs: each bead stays in one."""
    c, d = laid_out("c", "en", *C_PARAGRAPHS), laid_out("d", "en", *D_PARAGRAPHS)
    assert paragraph_steps(c, d) == ([0, 1, 2, 3, 4], [0, 1, 1, 2, 3, 4, 4, 4])
    links = align_event("e", [c, d], mode="parallel", semantic=SemanticSettings(enabled=False)).links
    paragraph = {(s.id, x.index): x.paragraph for s in (c, d) for x in s.sentences}
    assert all(paragraph[("c", lk.sentence_a)] == paragraph[("d", lk.sentence_b)] for lk in links)
    assert (3, 4) in {(lk.sentence_a, lk.sentence_b) for lk in links}
    # texts given one sentence a line on both sides keep no layout to hold to
    assert paragraph_steps(made_source("c", "en", "One.", "Two."), made_source("d", "en", "Uno.", "Dos.")) is None


def _links(a: Source, b: Source, pairs: list[tuple[int, int]]) -> list:
    return [_link("e", a, b, i, j, 0.01, {"semantic": 0.85}) for i, j in pairs]


def test_a_weak_link_out_of_place_gives_way_to_the_in_order_pairs_nearly_as_close():
    """W bench wmt-zh-en-223: "通过督导检查…" (segment 6) was linked to the English of segment 5 (e5 0.877), whose
    own pair scored 0.870 and segment 6's 0.869; wmt-zh-en-305: a sentence of segment 20 linked to segment 4."""
    a = made_source("a", "zh", *[f"第{k}句。" for k in range(9)])
    b = made_source("b", "en", *[f"Sentence number {k} here." for k in range(9)])
    score = np.full((9, 9), 0.75)
    np.fill_diagonal(score, 0.9)
    # within the chain, off the diagonal of a square gap
    score[4, 3], score[4, 4], score[3, 3] = 0.877, 0.869, 0.870
    links = _links(a, b, [(0, 0), (1, 1), (2, 2), (4, 3), (5, 5), (6, 6), (7, 7), (8, 8)])
    kept, added = out_of_place(links, [a, b], {"a-b": "comparable"}, {("a", "b"): score}, 0.45, 0.80)
    assert (4, 3) not in {(lk.sentence_a, lk.sentence_b) for lk in kept}
    assert {(p, q) for _, _, p, q, _ in added} == {(4, 4), (3, 3)}
    # an in-order pair well below the link: the link stands (a sentence whose rendering is missing)
    score[4, 4] = 0.80
    assert out_of_place(links, [a, b], {"a-b": "comparable"}, {("a", "b"): score}, 0.45, 0.80) == (links, [])
    # a link that crosses the order, both of its sentences' in-order places open and nearly as close
    score = np.full((9, 9), 0.75)
    np.fill_diagonal(score, 0.9)
    score[8, 3], score[8, 8], score[3, 3] = 0.85, 0.83, 0.84
    links = _links(a, b, [(0, 0), (1, 1), (2, 2), (4, 4), (5, 5), (6, 6), (7, 7), (8, 3)])
    kept, added = out_of_place(links, [a, b], {"a-b": "comparable"}, {("a", "b"): score}, 0.45, 0.80)
    assert (8, 3) not in {(lk.sentence_a, lk.sentence_b) for lk in kept}
    assert {(p, q) for _, _, p, q, _ in added} == {(8, 8), (3, 3)}
    # a sentence a translation moved: its in-order place is held, so its link stands
    links = _links(a, b, [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 3)])
    assert out_of_place(links, [a, b], {"a-b": "comparable"}, {("a", "b"): score}, 0.45, 0.80)[1] == []
