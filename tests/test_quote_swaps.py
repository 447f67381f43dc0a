"""r53 (issue 23): a quotation with one word put in another's place is "swapped", not "close"; a pair's chrF is said
of the sentences linked between the two reports, not of "where they say the same thing"."""

from __future__ import annotations

import csv

from page_text import page_text

from compare.align.quotes import _swapped, _without_spelling_variants, spelling_key

KISHIDA = "2017-03-20-japan-kishida"
LAVROV = "2019-05-30-japan-lavrov"


def test_a_word_put_in_another_words_place_is_a_swap():
    """r53 2019: MID's Lavrov says "We have close positions"; 003 quotes him "We have common positions" (chrF 73,
    which read "close: small changes in wording"): more agreement claimed, a change to check."""
    assert _swapped("We have close positions on the situation on the Korean Peninsula. We favour its complete "
                    "denuclearisation.", "We have common positions on the situation on the Korean peninsula and are "
                    "in favour of its complete denuclearization", "en")


def test_synonyms_spellings_and_rewordings_are_not_swaps():
    assert not _swapped("The talks were frank", "The talks were straightforward", "en")  # WordNet synonyms
    assert not _swapped("We favour its denuclearisation", "We favor its denuclearization", "en")  # spellings only
    assert not _swapped("We favour it", "We favour it", "en")  # nothing changed
    # two content words in one run ('form a zone' -> 'create an area'): other wording, chrF's grade stands
    assert not _swapped("efforts to form a zone of peace", "efforts to create an area of peace", "en")
    # a content word added besides the swap: other wording
    assert not _swapped("We have close positions", "We have common and shared positions", "en")


def test_spelling_variants_are_not_dropped_and_added_words():
    assert spelling_key("denuclearisation") == spelling_key("denuclearization")
    assert spelling_key("defence") == spelling_key("defense") and spelling_key("favour") == spelling_key("favor")
    assert _without_spelling_variants(("close", "denuclearisation"), ("common", "denuclearization")) == (
        ("close",), ("common",))


def test_the_seed_page_names_the_swapped_word(seed_report):
    with (seed_report / LAVROV / "quotes.csv").open(encoding="utf-8", newline="") as handle:
        korea = [r for r in csv.DictReader(handle) if "common positions" in r["text"]]
    assert [(r["fidelity"], r["dropped"], r["added"]) for r in korea] == [("swapped", "close", "common")]
    text = page_text(seed_report / LAVROV / "index.html")
    assert "003's wording puts 'common' where 001's has 'close'" in text
    assert "(close, chrF 73" not in text


def test_chrf_is_said_of_the_linked_sentences(seed_report):
    """r53 2017: "scores chrF 32 where they say the same thing" of two reports whose two linked statements are each
    shared only in part."""
    for event in (KISHIDA, LAVROV):
        text = page_text(seed_report / event / "index.html")
        assert "where they say the same thing" not in text
        assert "on the sentences linked between them" in text
