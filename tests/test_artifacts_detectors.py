"""Each family of detectors on short real-looking texts, and the language gate."""

from __future__ import annotations

import pytest

from compare.artifacts import REGISTRY, build_context, detect_artifacts, register
from compare.ingest import ingest


def source_from(tmp_path, text: str, name: str = "doc.txt"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return ingest(tmp_path).sources[0]


def found(source, family: str, context=None) -> list[str]:
    return [a.text for a in detect_artifacts(source, None, context).artifacts if a.category == family]


def test_casing_lower_case_month_and_acronym_and_broken_hyphen(tmp_path):
    s = source_from(tmp_path, "On monday, june 12, the government said that two us ground-based systems would "
                              "improve secu- rity in the region. Officials from nato agreed on the plan.\n")
    hits = found(s, "casing")
    assert "june" in hits and "us" in hits and "monday" in hits and "nato" in hits
    assert any(h.startswith("secu-") for h in hits)


def test_casing_leaves_an_ordinary_word_capitalised_mid_line_alone(tmp_path):
    """'military Alliance between', 'Victory parade': WMT21 human translators capitalise such words as often as MT
    systems do (bench/artifact_detector_rates.py: 0.72 and 0.64 per 1,000 words), so no flag calls it a machine tell;
    the same word at a raw line start is the kept layout of the original, which is."""
    s = source_from(tmp_path, "Lavrov said that the meeting discussed a military Alliance between the two countries "
                              "and the Victory parade in the capital.\n")
    assert found(s, "casing") == []


def test_casing_leaves_good_english_alone(tmp_path):
    s = source_from(tmp_path, "The Foreign Minister of Japan, Taro Kono, met the defence ministers in May. "
                              "Talks between North and South Korea, the United States and China went on. "
                              "The so-called Declaration was signed in 1956 and the deal was frank and fair.\n")
    assert found(s, "casing") == []


@pytest.mark.parametrize("dateline", ["MOSCOW (Reuters) - ", "MOSCOW, May 30 (Reuters) -- ", "TOKYO (AP) ",
                                      "(Reuters) - ", "WASHINGTON/BEIJING, May 30 (Reuters) - ",
                                      "KYIV, Ukraine, May 30 (Reuters) - ", "PARIS -- "])
def test_casing_reads_a_wire_dateline_as_the_start_of_the_story(tmp_path, dateline):
    """After "(Reuters) - " the story's first word starts with a capital: not a mid-sentence capital."""
    s = source_from(tmp_path, f"{dateline}The foreign ministry said on Thursday that talks with Japan had been useful "
                              "and that both sides would continue to discuss a peace treaty.\n")
    assert found(s, "casing") == []
    s = source_from(tmp_path, "The ministry said The foreign minister had been useful to both sides in the talks.\n")
    assert found(s, "casing") == ["The"]


@pytest.mark.parametrize(("text", "flag"), [
    ("The ministry said - The foreign minister had been useful to both sides in the talks.", "The"),
    ("The ministry said that talks with Japan (two-plus-two) Were useful to both sides in the talks.", "Were"),
    ("The ministry said that talks with Japan were useful - And both sides agreed on the plan for the talks.", "And"),
    ("The World Health Organization (WHO) The foreign ministry said that talks with Japan had been useful.", "The"),
])
def test_casing_reads_a_dash_or_bracket_in_mid_sentence_as_no_dateline(tmp_path, text, flag):
    """Only a dateline at the start of the story excuses the capital after it; mid-sentence it is still a tell."""
    assert found(source_from(tmp_path, text + "\n"), "casing") == [flag]


def test_typography_dash_guillemets_decimal_comma_dates(tmp_path):
    s = source_from(tmp_path, "“We will continue,” — said the minister. He called it «a step forward» and said "
                              "exports grew by 2,5 percent on 30.05.2019 as planned.\n")
    hits = found(s, "typography")
    assert any("—" in h for h in hits) and "«" in hits and "2,5" in hits and "30.05.2019" in hits


def test_transliteration_through_cyrillic(tmp_path):
    s = source_from(tmp_path, "In Tokyo, Prime Minister Sindzo Abe met Chinese leader Si Tszinpin and the "
                              "Japanese defence minister Takeshi Ivaya on Monday.\n")
    hits = found(s, "transliteration")
    assert {"Sindzo", "Tszinpin", "Ivaya"} <= set(hits)
    assert "Takeshi" not in hits and "Abe" not in hits


def test_romanisation_within_and_across_sources(tmp_path):
    for name, text in (("a.txt", "Sergey Shoigu visited Tokyo. Later Sergei Shoigu left for Moscow on Friday.\n"),
                       ("b.txt", "Defence minister Sergey Shoigu met his counterpart in Tokyo on Friday.\n"),
                       ("c.txt", "Defence minister Sergey Shoygu met his counterpart in Tokyo on Friday.\n"),
                       ("d.txt", "Sergey Shoigu, the defence minister, held talks in Tokyo on Friday.\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    sources = {s.id: s for s in ingest(tmp_path).sources}
    context = build_context(list(sources.values()))
    by_path = {s.path.rsplit("/", 1)[-1]: s for s in sources.values()}
    assert found(by_path["a.txt"], "transliteration", context) == ["Sergei"]
    assert found(by_path["c.txt"], "transliteration", context) == ["Shoygu"]
    assert found(by_path["b.txt"], "transliteration", context) == []


def test_mixed_script(tmp_path):
    s = source_from(tmp_path, "The minister called the plan 完全 unacceptable and used the word безопасность "
                              "twice; the word Mоscow here has a Cyrillic o.\n")
    hits = found(s, "mixed_script")
    assert "完全" in hits and "безопасность" in hits and "Mоscow" in hits


def test_calques_russian_and_italian(tmp_path):
    s = source_from(tmp_path, "The sides discussed cooperation in the security sphere on the background of new "
                              "threats. In these hours a conference with the press was held in Rome.\n")
    assert {"security sphere", "on the background of", "In these hours", "a conference with the press"} <= set(
        found(s, "calque"))


def test_rewrite_and_residue(tmp_path):
    s = source_from(tmp_path, "Russian Federation has deployed land-to-air missiles, officials said on Monday "
                              "in a statement to the press.\n\nThe defence minister, second left, Moscow.\n\n"
                              "The Russian Federation and the United States met again (see AVIONEWS) this week.\n")
    assert {"Russian Federation", "land-to-air"} <= set(found(s, "rewrite"))
    assert any("second left" in h for h in found(s, "residue"))  # a caption left in: page residue (r46)
    assert found(s, "rewrite").count("Russian Federation") == 1  # 'The Russian Federation' is fine
    assert "see AVIONEWS" in found(s, "residue")


@pytest.mark.parametrize("name,text", [
    ("de.txt", "Der russische Außenminister Sergej Lawrow traf am 30. Mai in Tokio seine japanischen Kollegen. "
               "„Wir haben offen gesprochen“, sagte Lawrow. Die Gespräche Über Sicherheit dauerten 2,5 Stunden.\n"),
    ("ru.txt", "Министр иностранных дел России Сергей Лавров провёл переговоры в Токио. «Переговоры были "
               "откровенными», — заявил министр. В формате «2+2» стороны обсудили безопасность.\n"),
    ("zh.txt", "俄罗斯外长拉夫罗夫和防长绍伊古在东京与日本外相河野太郎和防卫大臣岩屋毅举行了“2+2”会谈。"
               "双方讨论了安全问题，并同意在莫斯科举行下一次会议。\n"),
])
def test_no_english_flags_on_other_languages(tmp_path, name, text):
    s = source_from(tmp_path, text, name)
    assert s.language != "en"
    result = detect_artifacts(s)
    english_only = {n for n, d in REGISTRY.items() if not d.handles(s.language)}
    assert english_only and set(result.skipped) == english_only
    assert [a for a in result.artifacts if a.detector in english_only] == []
    assert result.density["casing"] == 0 and result.density["typography"] == 0
    if s.language in ("ru", "zh"):
        assert result.mt_likelihood is None  # no fitted model there: "not measured", never a default number


def test_registry_names_are_versioned_and_unique():
    assert len(REGISTRY) >= 12
    for name, detector in REGISTRY.items():
        assert name.startswith("compare.") and detector.version.startswith("v")
        assert detector.description and detector.languages
    with pytest.raises(ValueError, match="already registered"):
        register("compare.casing.midcap.v1", "casing", "duplicate")(lambda data: [])
    with pytest.raises(ValueError, match="unknown family"):
        register("compare.other.thing.v1", "nonsense", "bad family")(lambda data: [])


def test_wire_service_spellings_and_ordinary_english_are_not_flagged(tmp_path):
    # Sergei is AP/Reuters' spelling, Sergey TASS's: a source using either house style is not flagged,
    # whereas Shoygu against everyone's Shoigu still is.
    for name, text in (("ap.txt", "Foreign Minister Sergei Lavrov and Defence Minister Sergei Shoygu met the "
                                  "reporters who were waiting for them in Tokyo on Friday afternoon.\n"),
                       ("b.txt", "Foreign Minister Sergey Lavrov and Sergey Shoigu met reporters in Tokyo.\n"),
                       ("c.txt", "Foreign Minister Sergey Lavrov and Sergey Shoigu spoke in Tokyo on Friday.\n"),
                       ("d.txt", "Sergey Lavrov, the foreign minister, and Sergey Shoigu held talks in Tokyo.\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    sources = {s.path.rsplit("/", 1)[-1]: s for s in ingest(tmp_path).sources}
    context = build_context(list(sources.values()))
    assert found(sources["ap.txt"], "transliteration", context) == ["Shoygu"]


def test_ordinary_english_and_headlines_are_not_rewrite_or_calque_tells(tmp_path):
    s = source_from(tmp_path, "Russia says United States missile systems a risk to security\n\n"
                              "A climate of détente followed the visit, and it is about time, officials said. "
                              "The talks in Tokyo were frank, the ministers said on Friday.\n")
    assert found(s, "calque") == []
    assert found(s, "rewrite") == []


def test_explanations_quote_whole_words(tmp_path):
    s = source_from(tmp_path, "“We reaffirmed our concern,” — said the head of Ministry of foreign affairs of "
                              "Russia on Thursday in Tokyo.\n")
    flags = [a for a in detect_artifacts(s, None, None).artifacts if a.category == "typography"]
    assert flags, "the dash attribution should be flagged"
    quoted = flags[0].explanation.split("('", 1)[1].split("')", 1)[0]
    assert quoted.endswith("…") and quoted[:-1].split()[-1] in "said the head of Ministry of foreign affairs".split()


def test_casing_no_longer_calls_an_ordinary_word_capitalised_mid_line_a_tell(tmp_path):
    """'Arsenal' beside a lower-case 'arsenal', 'Team football': flagged until session 41 as "machine translation
    often carries such capitals over".  Measured on WMT21 (bench/artifact_detector_rates.py) such capitals are as
    frequent in human translations as in machine output, so mid-line they are no flag at all (the name-by-use and
    carried-over-untranslated refinements now only excuse a word at a raw line start)."""
    text = ("Aubameyang fires Arsenal win over the visitors\n\n"
            "The occasion demanded that they hurl the kitchen sink at the gates, yet they went down without an "
            "arsenal of ideas in the second half of the match.\n")
    assert found(source_from(tmp_path, text), "casing") == []
    english = "The manager said that he will surely be playing Team football in September after the defeat.\n"
    german = "Der Trainer sagte, dass er im September sicher bei Team-Begegnungen spielen werde.\n"
    pair = tmp_path / "pair"
    pair.mkdir()
    (pair / "en.txt").write_text(english, encoding="utf-8")
    (pair / "de.txt").write_text(german, encoding="utf-8")
    sources = ingest(pair).sources
    en = next(s for s in sources if s.language == "en")
    assert "Team football" in en.text and found(en, "casing", build_context(sources)) == []
