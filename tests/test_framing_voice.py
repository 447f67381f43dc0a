"""A term inside a quotation or reported speech is the speaker's usage, not the outlet's.

On the seeds: AVIONEWS (003) reports that the Tokyo government calls the
islands "the northern territories"; TASS (002) quotes Morgulov saying
"South Kuril Islands"; the page must say so, never "AVIONEWS writes" / "TASS writes".  (TASS's "The so-called
Declaration", in Lavrov's quote, names a document and is no distancing label at all: tests/test_teachers_read_iii.)
"""

from __future__ import annotations

import html
import re

import pytest

from compare.findings.framing import line, term_findings, verify
from compare.framing import framing_table
from compare.report.tables import read_table
from compare.voice import naming_speaker


@pytest.fixture(scope="module")
def seed_terms(seed_result):
    from compare.annotate import annotate

    sources = seed_result.sources
    return {(t.source, t.text, t.start): t for t in framing_table(sources, annotate(sources))}


def _term(terms, source: str, text: str, nth: int = 0):
    return sorted((t for (s, x, _), t in terms.items() if s == source and x == text), key=lambda t: t.start)[nth]


def test_a_name_the_report_says_tokyo_uses_is_reported_speech(seed_terms):
    first = _term(seed_terms, "003", "the northern territories", 0)
    assert (first.voice, first.speaker) == ("reported-speech", "the Tokyo government")
    second = _term(seed_terms, "003", "the northern territories", 1)  # "(the northern territories for Japan, ...)"
    assert (second.voice, second.speaker) == ("reported-speech", "Japan")


def test_a_word_inside_morgulovs_quote_is_his(seed_terms):
    morgulov = _term(seed_terms, "002", "South Kuril Islands", 1)
    assert (morgulov.voice, morgulov.speaker) == ("quotation", "Igor Morgulov")


def test_the_outlets_own_words_stay_the_outlets(seed_terms):
    assert _term(seed_terms, "002", "South Kuril Islands", 0).voice == "outlet"
    assert _term(seed_terms, "003", "Kurils of the South").voice == "outlet"
    assert _term(seed_terms, "004", "annexation of Crimea").voice == "outlet"


def test_indirect_speech_carries_its_speaker(seed_terms):
    """000: "... Taro Kono, who said that Tokyo considers unacceptable ... on The South Kuril Islands"."""
    kono = _term(seed_terms, "000", "South Kuril Islands")
    assert (kono.voice, kono.speaker) == ("reported-speech", "Taro Kono")


def test_the_page_says_whose_word_it_is(seed_report):
    def lines(event: str) -> list[str]:
        page = (seed_report / event / "index.html").read_text(encoding="utf-8")
        block = re.search(r'<ul class="framing">(.*?)</ul>', page, re.S).group(1)
        return [html.unescape(re.sub(r"<[^>]+>", "", li)) for li in re.findall(r"<li>(.*?)</li>", block, re.S)]

    lavrov = lines("2019-05-30-japan-lavrov")
    assert any(x.startswith("003 · AVIONEWS reports that the Tokyo government calls it “the northern territories”")
               for x in lavrov)
    assert not any("AVIONEWS writes “the northern territories”" in x for x in lavrov)
    kishida = lines("2017-03-20-japan-kishida")
    assert any("TASS quotes Igor Morgulov saying “South Kuril Islands”" in x for x in kishida)
    assert not any("TASS writes “so-called”" in x for x in kishida)


def test_framing_csv_has_voice_and_speaker(seed_report):
    table = read_table(seed_report / "2017-03-20-japan-kishida" / "framing.csv")
    row = table[(table["text"] == "South Kuril Islands") & (table["voice"] == "quotation")].iloc[0]
    assert row["speaker"] == "Igor Morgulov"


def test_the_verifier_refuses_a_quoted_word_read_as_the_outlets(seed_report):
    event = seed_report / "2017-03-20-japan-kishida"
    tables = {name: read_table(event / f"{name}.csv").to_dict("records") for name in ("framing", "sentences")}
    for row in tables["framing"]:
        row["alternatives"] = []
        if row["speaker"] == "Igor Morgulov":
            row["voice"], row["speaker"] = "outlet", ""
    finding = next(f for f in term_findings(tables) if f.figures["text"] == "South Kuril Islands"
                   and not f.verified)
    assert not finding.verified and "quotation marks" in finding.reason
    assert line(finding)[0] == "has"
    assert verify(finding, None).reason == "the term's sentence is not in sentences.csv"


@pytest.mark.parametrize(("sentence", "term", "speaker"), [
    # Constructed in the style of press usage, one per language the lexicon covers.
    ("Japan claims the islands that Tokyo calls the Northern Territories.", "the Northern Territories", "Tokyo"),
    ("The islands, the Northern Territories as Tokyo calls them, are disputed.", "the Northern Territories",
     "Tokyo"),
    ("Острова, которые Токио называет «северными территориями», остаются спорными.", "северными территориями",
     "Токио"),
    ("Die Inseln, die Tokio die Nördlichen Territorien nennt, sind umstritten.", "Nördlichen Territorien", "Tokio"),
    ("Die Inseln, die Tokio als Nördliche Territorien bezeichnet, sind umstritten.", "Nördliche Territorien", "Tokio"),
    ("Les îles que Tokyo appelle les Territoires du Nord restent disputées.", "les Territoires du Nord", "Tokyo"),
    ("Le isole che il governo di Tokyo chiama «territori del Nord» restano contese.", "territori del Nord",
     "il governo di Tokyo"),
    ("The Kuril Islands are disputed.", "Kuril Islands", None),
    ("The four islands called the Northern Territories by Japan are disputed.", "the Northern Territories", "Japan"),
    ("The four islands called the Northern Territories are disputed.", "the Northern Territories", None),
])
def test_naming_rules_in_each_language(sentence, term, speaker):
    start = sentence.index(term)
    assert naming_speaker(sentence, start, start + len(term), (0, len(sentence))) == speaker


def test_a_term_in_a_paraphrase_is_worded_as_the_outlets_own():
    """000 writes 'South Kuril Islands' in "Taro Kono, who said that Tokyo considers unacceptable ... on The South
    Kuril Islands": the words are 000's (Kono's side says 'the northern territories'), so neither the line nor the
    teaching answer may present the name as Kono's usage."""
    from compare.findings.base import Finding
    from compare.findings.framing import line, usage_words

    finding = Finding("framing-term", ("000", "southern-kurils"), figures={
        "text": "South Kuril Islands", "concept": "southern-kurils", "usage": "Russian government",
        "voice": "reported-speech", "speaker": "Taro Kono", "language": "en", "alternatives": "", "naming": False})
    before, after = line(finding)
    assert before == "writes" and "own paraphrase of what Taro Kono said" in after
    assert "the report's own word" in usage_words(finding)


def test_a_source_mixing_usages_in_its_own_words_is_said_on_the_first_screen(tmp_path):
    """One report writes both 'the Southern Kurils' and 'the Northern Territories' as its own words: the glance
    says it mixes usages (truth10's calque note, misplaced inside that sentence's loop, crashed every run with
    such a source: 'dict_items' + 'str')."""
    from conftest import run_cli

    folder = tmp_path / "set"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Russia and Japan discuss the Southern Kurils\n\nTOKYO, May 30, 2019 - The foreign ministers of Russia and "
        "Japan met in Tokyo on Thursday to discuss the Southern Kurils.\n\nJapan's foreign minister Taro Kono raised "
        "concern over Russian troops on the Northern Territories, the report said.\n\nRussian foreign minister Sergey "
        "Lavrov said the talks on the Southern Kurils would continue in the autumn.\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Lavrov and Kono meet in Tokyo\n\nTOKYO, May 30, 2019 - Russian foreign minister Sergey Lavrov and Japan's "
        "foreign minister Taro Kono met in Tokyo on Thursday.\n\nKono raised concern over Russian troops on the "
        "Northern Territories.\n\nLavrov said the talks would continue in the autumn.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("run", str(folder), "-o", str(out), "--no-cache", "--no-semantic")
    assert result.returncode == 0, result.stderr
    [page] = out.glob("*/index.html")
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))))
    assert ("a mixes usages: Japanese government ‘the Northern Territories’, Russian government ‘Southern Kurils’"
            in text)
