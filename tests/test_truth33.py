"""Issue 23, truth33 (review rW2 of real WMT21 translations): quotations read against the original a set holds,
speakers as most texts write them, and sizes said in the unit a script allows.  Texts here are made up."""

from __future__ import annotations

from made_sources import made_source

from compare.report.views import shown_size


def test_a_chinese_text_is_counted_in_characters():
    # zh-en M9: "Words 835" for a Chinese original of 803 characters beside English translations of ~545 words
    chinese = made_source("z", "zh", "联邦航空局局长6月承认，就737MAX客机，联邦航空局在监管上犯了错。")
    english = made_source("e", "en", "The agency admitted in June that it had made mistakes.")
    assert shown_size(chinese) == "25 characters"
    assert shown_size(english) == "10"


def _shared(*texts: str):
    from compare.annotate import annotate
    from compare.report.event_title import shared_names

    sources = [made_source(f"s{k}", "en", *text.split("\n")) for k, text in enumerate(texts)]
    mentions = annotate(sources).mentions
    return shared_names([s.id for s in sources], mentions, (), {s.id: s.text for s in sources},
                        {s.id: len(s.sentences) for s in sources})


def test_a_state_written_after_its_city_is_no_city_of_the_title():
    # zh-en F1: "United States: Boeing · Washington" listed Washington as a city every report names, where each
    # names it only as the state Seattle is in ("from Seattle, Washington, to Austin", "从华盛顿州西雅图")
    state = "Joe Biden said a plane flew from Seattle, Washington, to Austin, Texas, in the United States."
    assert _shared(state, state)[2] is None
    city = "Joe Biden said in Washington that a plane flew to Austin in the United States."
    assert _shared(city, city)[2] == "Washington"


def test_a_name_written_as_a_state_is_no_city():
    from compare.model import Mention
    from compare.report.event_title import as_city

    text = "一架客机从华盛顿州西雅图飞往奥斯汀。"
    mention = Mention("z", 0, 5, 9, "华盛顿州", "place", "Washington", "washington")
    assert not as_city(text, mention, [mention])


def test_the_tagline_says_names_where_a_listed_name_may_be_a_company():
    # zh-en F1: "Boeing" (one word, typed a person) was said to be among "the people"
    from compare.report.event_title import title_basis

    assert title_basis(["United States"], None, people=False) == (
        "the title lists the country every report names and the names most of them name more than in passing")


def test_a_translation_renders_its_originals_attribution_and_does_not_quote_the_agency():
    # zh-en M6: "xz-a quotes AP's text, which is not in the set" and an arrow from AP to each English version, where
    # each translates xz-b's "美联社报道" (AP reported): the credit is the original's, carried over
    from compare.provenance.attribution import Attribution
    from compare.provenance.facts import _Facts
    from compare.provenance.outside import outside_edges
    from compare.provenance.records import Edge
    from compare.settings import ProvenanceSettings

    original = made_source("o", "zh", "美联社报道，许多客机停飞。")
    translation = made_source("t", "en", "The Associated Press reported that many airliners were grounded.")
    facts = {
        "o": _Facts(original, 10, attributions=[Attribution("o", "Associated Press", 0, 5, "美联社报道", False, False)]),
        "t": _Facts(translation, 9, attributions=[
            Attribution("t", "Associated Press", 4, 30, "Associated Press reported", False, False)]),
    }
    notes: dict[str, list] = {"o": [], "t": []}
    edges = [Edge("o", "t", "translation", 0.9, ())]
    outside_edges([original, translation], facts, set(), {"t": "o"}, notes, edges, ProvenanceSettings())
    assert [(e.from_, e.to, e.relation) for e in edges if e.relation == "quotes"] == [(None, "o", "quotes")]
    assert any("t renders o's attribution to the Associated Press" in x.text or
               "t renders o's attribution to Associated Press" in x.text for x in notes["t"])
