"""A changed figure is said with what it is of: "gives 4 where … has 2" left a class to guess it was a football
score (fresh read rH0, set p15), "39 where … 19" that it was a day of July (rG1, set p12)."""

from __future__ import annotations

from pathlib import Path

import compare
from compare.align.features import figure_words
from compare.findings import changes
from compare.report.glance import _change_brief
from compare.report.row_figures import figure_split

PLANTED = Path(__file__).resolve().parent / "fixtures" / "planted_figure"


def test_a_figure_is_quoted_with_its_token_and_the_words_either_side():
    assert figure_words("A 4-0 win against Leicester meant United finished third.", "4") == "A 4-0 win"
    assert figure_words("West made his claims during an event on July 39.", "39") == "July 39"
    assert figure_words("In 2019, prices rose.", "2019") == "In 2019"
    assert figure_words("Es waren 12.000 Menschen da.", "12000") == "waren 12.000 Menschen"
    assert figure_words("No figure here.", "4") is None


def test_the_changed_figure_of_a_copy_is_said_with_its_words():
    run = compare.run_pipeline(PLANTED, until="provenance")
    [item] = run.events
    found = [f for f in changes.build(item) if f.kind == "changed-detail" and f.figures["what"] == "number"]
    assert found, "the planted figure change is found"
    figures = found[0].figures
    assert (figures["new_words"], figures["old_words"]) == ("About 5,200 passengers", "About 3,200 passengers")
    brief = _change_brief({"kind": "changed-detail", "figures": figures}, {})
    assert brief == "figure_changed gives ‘About 5,200 passengers’ where original has ‘About 3,200 passengers’"


def test_a_rows_figure_split_quotes_the_figure_in_its_words():
    said = figure_split({"a": "A 4-0 win against Leicester.", "b": "A 2-0 win against Leicester.",
                         "c": "A 2-0 win against Leicester."})
    assert said == "a has ‘A 4-0 win’ where b and c have ‘A 2-0 win’"


def test_the_change_verifier_reads_a_figure_with_its_scale_word():
    """planted bench p06 ('$3 trillion bill' -> '$5 trillion'): with 'trillion' read as a scale word the finding's
    value is 5000000000000, whose zeros the sentence does not write; the verifier read the digits only and
    refused the true finding."""
    from compare.model import Sentence, Source

    def source(text: str, language: str) -> Source:
        return Source(id="c", path="c.txt", text=text, language=language,
                      sentences=(Sentence("c", 0, 0, len(text), text, 0, language),))

    assert changes._gives(source("He criticized the $5 trillion bill.", "en"), 0, "5000000000000")
    assert changes._gives(source("Er kritisierte das 5-Billionen-Dollar-Paket.", "de"), 0, "5000000000000")
    assert changes._gives(source("About 5,200 passengers.", "en"), 0, "5200")
    assert not changes._gives(source("He criticized the $3 trillion bill.", "en"), 0, "5000000000000")


def test_a_row_says_where_a_figure_is_another_sources_measure_in_other_units():
    """W bench w021, w041: "The 550-acre park" is "220 Hektar" in one German rendering and "550 Hektar" in two; "a
    15-foot boat" is "4.5 meters long".  The "number" tag is right, and the row says which figure is a conversion."""
    texts = {"a": "The 550-acre park, home to lions.", "b": "Der 550 Hektar große Park.",
             "c": "Der 220 Hektar große Park.", "d": "Der 550 Hektar große Park."}
    said = figure_split(texts, languages={"a": "en", "b": "de", "c": "de", "d": "de"})
    assert said.endswith("(a's ‘550-acre’ is c's ‘220 Hektar’ in other units)"), said
    said = figure_split({"a": "That's about a 15-foot boat.", "b": "It is about 4.5 meters long."})
    assert said == "a has ‘a 15-foot boat’; b has ‘about 4.5 meters’ (a's ‘15-foot’ is b's ‘4.5 meters’ in other units)"
    # a changed figure in one unit, and a figure with no unit, are no conversion
    assert "other units" not in figure_split({"a": "Der 550 Hektar große Park.", "b": "Der 220 Hektar große Park."})
    assert "other units" not in figure_split({"a": "A 4-0 win.", "b": "A 2-0 win.", "c": "A 2-0 win."})
