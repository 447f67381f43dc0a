"""The eleventh teacher's read (r42, issue 23): the names each source gives the disputed islands include the whole
chain's name where a source writes it in its own words ('the Kuril Islands'), said as the chain's."""

from __future__ import annotations

from page_text import page_text as _text

from compare.framing import find_terms, takes_in
from compare.model import Source

KISHIDA = "2017-03-20-japan-kishida"
LAVROV = "2019-05-30-japan-lavrov"
WHOLE = "in its own words: the name of the whole chain, which in Russian usage takes in the disputed islands"


def test_the_chain_is_a_whole_that_takes_in_the_disputed_islands_and_a_longer_name_still_wins():
    text = "Concern about Russian forces on the Kuril Islands; the build-up on the South Kuril Islands; the Kurils."
    terms = find_terms(Source(id="x", path="x", text=text, language="en"))
    assert [(t.text, t.concept) for t in terms] == [
        ("Kuril Islands", "kuril-chain"), ("South Kuril Islands", "southern-kurils"), ("Kurils", "kuril-chain")]
    assert takes_in("kuril-chain") == "southern-kurils"
    assert takes_in("southern-kurils") is None


def test_000s_own_kuril_islands_is_in_every_list_of_names_for_the_islands(seed_report):
    """r42 2019: 000 twice calls the area of the build-up 'the Kuril Islands' in its lead; 003 writes 'the Kurils'
    and 'the Kuril archipelago'. The teaching answer, the first screen, the hand-out and the set index list them."""
    page = _text(seed_report / LAVROV / "index.html")
    answer = page.split("and whose usage is it?")[1].split("A name is a choice")[0]
    assert f"“Kuril Islands” (twice, {WHOLE})" in answer
    assert f"“Kurils”, “Kuril archipelago” ({WHOLE})" in answer or f"“Kuril archipelago”, “Kurils” ({WHOLE})" in answer
    glance = page.split("Names for the disputed islands:")[1].split("(choices, not errors)")[0]
    # r42b (2017 M4): no side's usage beside the chain's ordinary name
    assert "whole chain: 000 ‘Kuril Islands’, 003 ‘Kuril archipelago’" in glance
    handout = _text(seed_report / LAVROV / "handout.html")
    # r47: on the hand-out (no usage labels) the chain's name is in the chain's own row, not the islands' row
    assert "Kuril chain (Kuril Islands / Chishima Islands) Kuril Islands Kuril archipelago, Kurils" in handout
    assert "(the whole chain's name)" not in handout
    index = _text(seed_report / "index.html")
    assert "writes ‘Kuril Islands’ (the whole chain's name)" in index


def test_a_chain_name_is_never_counted_as_a_usage_for_the_islands(seed_report):
    """'Kuril Islands' is not a name for the disputed islands of one side: it makes no source 'mix usages'."""
    page = _text(seed_report / LAVROV / "index.html")
    assert "Russian-language news site (English by machine translation) mixes" not in page
    assert "000 mixes" not in page
    kishida = _text(seed_report / KISHIDA / "index.html")
    assert f"“Kuril Islands” ({WHOLE})" in kishida  # 004: "modernizing its military on the Kuril Islands"


def _row(source: str, index: int, text: str, background: bool, paragraph: int = 0) -> dict[str, object]:
    return {"source": source, "index": index, "text": text, "background": background, "structure": False,
            "language": "en", "paragraph": paragraph, "only_here": not background}


def test_a_background_sentence_with_two_rare_words_of_the_statement_is_found_and_one_word_is_not():
    from compare.findings.background_words import background_mention

    statement = _row("004", 1, "They agreed to keep working toward resolving a longstanding territorial dispute "
                               "that has prevented a peace treaty.", False)
    two = _row("002", 7, "Japan has been trying to link the peace treaty problem with the territorial issue.", True, 14)
    one = _row("002", 3, "The dispute went on for years.", True, 2)
    compared = _row("002", 9, "The territorial dispute and the peace treaty were discussed.", False)
    found = background_mention([statement], "002", [statement, one, two, compared])
    assert found is not None and found[0] is two and found[1] == ["territorial", "treaty"]
    assert background_mention([statement], "002", [statement, one, compared]) is None


def test_only_in_row_says_the_other_source_speaks_of_it_in_a_background_passage(seed_report):
    """r42 2017 M1: c33 ('agreed to keep working toward resolving a longstanding territorial dispute ... peace
    treaty') was 'only in 004' with TASS's cell 'not reported', while TASS's background section (not compared)
    speaks of the peace treaty."""
    from page_text import row_text

    row = row_text(seed_report / KISHIDA / "index.html", "c34")  # c33 before r47 (one row split in two)
    assert "only in 004" in row and "among the compared statements" in row
    assert "has this statement's rare words ‘resolving’, ‘treaty’ in a background passage (paragraph 15)" in row
    assert "not reported" not in row
    assert "not among its compared statements; in a background passage (paragraph 15)" in row
    # an "only in" row with no such passage keeps its plain words (2017 c6: only in 002)
    assert "among the compared statements" not in row_text(seed_report / KISHIDA / "index.html", "c6")


def test_a_bent_phrase_restored_points_two_unlinked_rows_at_each_other(seed_report):
    """r42 2017 M2: TASS's c10 ('global and regional issues') and the rewrite's c37 ('worldwide and bilateral
    issues', which the artifacts section reads as a bent 'global and bilateral issues') stay unlinked; each row now
    names the other with the bent phrase and the words the restored phrase shares."""
    from page_text import row_text

    c10 = row_text(seed_report / KISHIDA / "index.html", "c10")
    assert ("‘worldwide and bilateral issues’ (row c38 ) bends the fixed phrase ‘global and bilateral issues’ (see "
            "“Artifacts”); restored, it shares ‘global’, ‘issues’ with this statement") in c10
    c38 = row_text(seed_report / KISHIDA / "index.html", "c38")  # c37 before r47
    assert "this statement's ‘worldwide and bilateral issues’ bends the fixed phrase" in c38 and "row c10" in c38
    # 'land-to-air' restored is 'surface-to-air': no statement of TASS has 'surface', so no row points for it
    page = _text(seed_report / KISHIDA / "index.html")
    assert page.count("restored, it shares") == 2


def test_unspun_needs_a_restored_word_and_two_shared_words():
    from compare.findings.unspun import fixed_phrase, unspun_pointers
    from compare.model import Artifact

    assert fixed_phrase("worldwide and bilateral issues") == "global and bilateral issues"
    spun = Artifact("004", 10, 40, "rewrite", "compare.rewrite.synonym.v1", "medium", "", "worldwide and bilateral issues")
    rows = [{"source": "004", "index": 1, "start": 0, "end": 60, "language": "en",
             "text": "They will hold talks on worldwide and bilateral issues."},
            {"source": "002", "index": 2, "start": 0, "end": 60, "language": "en",
             "text": "To discuss global and regional issues with Tokyo."},
            {"source": "002", "index": 3, "start": 61, "end": 99, "language": "en",
             "text": "They discussed bilateral issues."}]  # shares only words the rewrite kept: not pointed at
    found = unspun_pointers([spun], rows, [("004", 1), ("002", 2), ("002", 3)])
    assert set(found) == {("004", 1), ("002", 2)} and found[("002", 2)]["shared"] == ["global", "issues"]
    assert unspun_pointers([spun], rows, [("004", 1), ("002", 3)]) == {}
