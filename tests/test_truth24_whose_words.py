"""Issue 23 beyond the seeds III (truth24): whose words a quotation is, and how the Quotes section counts.

Each case is a small text of its own in the shape the fresh readers found on planted sets p09-p14 (rF2, rG1), never
../shared/data.  A quotation is credited to the person the text credits it to, or to no one; where the text credits
someone the tool did not resolve, the page says so of the tool ("a speaker the tool could not identify"), not of the
text ("a speaker the text does not name").
"""

from __future__ import annotations

from pathlib import Path

from made_sources import made_source

from compare.align.quotes import UNIDENTIFIED, QuoteSpan, _unidentified, credited_in_text, rendered_elsewhere
from compare.annotate import annotate
from compare.annotate.quotes import same_person_name
from compare.ingest import ingest
from compare.model import Link, QuoteMatch, Source
from compare.report.sections import UNIDENTIFIED_SPEAKER, UNNAMED_SPEAKER, _quote_rows, speaker_count


def _direct(tmp_path: Path, name: str, text: str) -> list[tuple[str | None, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    sources = ingest(tmp_path / name).sources
    return [(q.speaker, q.text) for q in annotate(sources).quotes[sources[0].id] if q.direct]


# ------------------------------------------------------------------------------------------ whose words


def test_described_as_credits_the_person_who_described(tmp_path):
    """p09 (rF2 F5/F6): 'an encounter Mikel Arteta described as "a bit of a basketball game,"' is Arteta's; the page
    said "a speaker the text does not name"."""
    found = _direct(tmp_path, "arteta.txt",
                    "Arsenal beat Watford on the last day of the season.\n\n"
                    "There was nothing stable about the fare in an encounter Mikel Arteta described as \"a bit of a "
                    "basketball game,\" although it made for fine entertainment.\n")
    assert found == [("Mikel Arteta", '"a bit of a basketball game,"')]


def test_described_credits_no_one_where_its_subject_is_no_person(tmp_path):
    """'the attack, described by police as "…"': "described" credits only a person the text names."""
    found = _direct(tmp_path, "attack.txt",
                    "A man was arrested on Sunday.\n\n"
                    "The attack was described as \"a cowardly act against all of us here today\" in the report.\n")
    assert [speaker for speaker, _ in found] in ([], [None])


def test_a_pronoun_after_its_verb_is_the_speaker_and_the_person_after_it_the_listener(tmp_path):
    """p11-b (rF2 F1): '„…“, erklärte sie Rob Lowe in seinem Podcast' is Paltrow's; Rob Lowe is whom she told."""
    found = _direct(tmp_path, "paltrow.txt",
                    "Gwyneth Paltrow hat über die Erziehung ihrer Kinder gesprochen und sagt, dass sie ihnen eine "
                    "gute Arbeitsmoral mitgeben möchte.\n\n"
                    "„Deshalb glaube ich, dass es so wichtig ist, ein Kind zu einer guten Arbeitsmoral zu erziehen“, "
                    "erklärte sie Rob Lowe in seinem Podcast.\n\n"
                    "„Als Elternteil denkt man sich, ich kann für diese Kinder nur eines tun“, fügt sie hinzu.\n")
    assert [speaker for speaker, _ in found] == ["Gwyneth Paltrow", "Gwyneth Paltrow"]


def test_a_name_whose_first_name_is_not_the_persons_is_credited_to_no_one(tmp_path):
    """p12 (rG1 F2): 'Kardashian West … issued a statement. | She said: "He is …"' went to Kanye West, whose surname
    the report's people share.  Which person a name is belongs to the names; the quotation is credited to no one."""
    found = _direct(tmp_path, "west.txt",
                    "Kanye West has tweeted an apology to his wife.\n\n"
                    'He said: "I would like to apologise to my wife for going public with a private matter."\n\n'
                    "Kanye West held a rally in South Carolina on Sunday.\n\n"
                    "Kardashian West, the mother of four children, issued a lengthy statement on Wednesday.\n\n"
                    'She said: "He is a brilliant but complicated person who has to deal with the pressure."\n')
    assert [speaker for speaker, _ in found] == ["Kanye West", None]


def test_a_place_that_only_modifies_the_speakers_description_is_not_the_speaker(tmp_path):
    """p07: '… in "an arbitrary, willy-nilly way," the expert leading the UK's programme has warned' went to the
    United Kingdom; the words are the expert's, as the text calls him."""
    found = _direct(tmp_path, "expert.txt",
                    "Drug trials are being hampered.\n\n"
                    "The effort is hampered because researchers are testing drugs in \"an arbitrary, willy-nilly "
                    "way,\" the expert leading the UK's programme has warned.\n")
    assert [speaker for speaker, _ in found] == ["the expert leading the UK's programme"]


def test_same_person_name_reads_spellings_and_titles_as_one_name():
    assert same_person_name("Kanye West", "Kanye West")
    assert same_person_name("West", "Kanye West")
    assert same_person_name("Sergei Lavrov", "Sergey Lavrov")
    assert same_person_name("Alex Smith", "Alexander Smith")
    assert same_person_name("Mr Hyslop", "Fiona Hyslop")
    assert not same_person_name("Kardashian West", "Kanye West")


def test_words_that_name_their_credited_speaker_are_not_credited_to_him(tmp_path):
    """p06 (main): '"… is to defeat Donald Trump …," he said', after a paragraph naming Trump, went to Trump."""
    found = _direct(tmp_path, "cruz.txt",
                    "The senator criticised the bill that Donald Trump had signed in May.\n\n"
                    '"The only objective Democrats have is to defeat Donald Trump, and they have decided to shut '
                    'down every business," he said.\n')
    assert [speaker for speaker, _ in found] == [None]


def test_the_document_a_text_quotes_is_the_body_s_note_it_named(tmp_path):
    """p14 (rG1 F2/F3, M1): 'In a note, the Press Office … informs … | "…," the document reads' is the note's."""
    found = _direct(tmp_path, "note.txt",
                    "Luanda - The President of the Republic determined the transfer of the hospital on Monday.\n\n"
                    "In a note, the Press Office of the President of the Republic informs that the measure aims to "
                    "expand the network of public hospitals.\n\n"
                    '"In this specific case, the idea is to make available to Angolans a reference hospital," the '
                    "document reads.\n")
    assert [speaker for speaker, _ in found] == ["the Press Office's note (“the document”)"]


def test_the_document_with_no_body_named_beside_a_note_stays_the_document(tmp_path):
    found = _direct(tmp_path, "doc.txt",
                    "The hospital was handed over on Monday.\n\n"
                    '"In this specific case, the idea is to make available to Angolans a reference hospital," the '
                    "document reads.\n")
    assert [speaker for speaker, _ in found] == ["the document"]


def test_a_quotation_whose_closing_mark_the_translation_leaves_out_is_read_to_its_paragraph_end(tmp_path):
    """p13-d (rG1 F5, M5): 'Er sagte: „Zusätzliche …' with no closing mark was no quotation, so the German was left
    out of the hand-out's versions and the quotes section."""
    found = _direct(tmp_path, "duthie.txt",
                    "Der Vorsitzende Peter Duthie sagte, Veranstaltungen hätten jedes Jahr viel zur Wirtschaft "
                    "beigetragen.\n\n"
                    "Er sagte: „Zusätzliche Unterstützungen der Regierung für diesen wichtigen Sektor seien "
                    "willkommen und sehr notwendig.\n")
    assert found == [("Peter Duthie", "„Zusätzliche Unterstützungen der Regierung für diesen wichtigen Sektor seien "
                                      "willkommen und sehr notwendig.")]


def test_a_quotation_a_later_paragraph_closes_is_not_cut_at_its_first_paragraph(tmp_path):
    """p04: '"During the probe … | When quizzed, … | He told the police … brother," the spokesperson said' runs over
    paragraphs the text does not open again; the unclosed-quotation rule leaves it alone."""
    found = _direct(tmp_path, "probe.txt",
                    "The body bore stab marks, a police spokesperson said.\n\n"
                    '"During the probe, evidence led the police to the man, his brother Deepak, who was questioned.\n\n'
                    "When quizzed, Deepak confessed to stabbing his brother to death.\n\n"
                    'He told the police that his brother would frequently consume alcohol," the spokesperson said.\n')
    assert not any(text == '"During the probe, evidence led the police to the man, his brother Deepak, who was '
                           'questioned.' for _, text in found)


# ------------------------------------------------------------------------------------------ renderings not found




def _span(source: Source, quoted: str, speaker: str | None = None) -> QuoteSpan:
    start = source.text.index(quoted)
    return QuoteSpan(source.id, start, start + len(quoted), quoted, speaker, source.language)


def test_a_quotation_another_source_carries_word_for_word_is_rendered_there():
    """p12-d (rG1 F4): its apology read "no other rendering found" though three sources had it word for word."""
    a = made_source("a", "en", "West tweeted an apology.", 'He said: "To Kim I want to say I know I hurt you."')
    b = made_source("b", "en", "He wrote: To Kim I want to say I know I hurt you.", "West tweeted an apology.")
    c = made_source("c", "en", "West tweeted an apology.", "Nothing else was said.")
    quote = _span(a, '"To Kim I want to say I know I hurt you."')
    assert rendered_elsewhere(quote, [quote], [a, b], ())
    assert not rendered_elsewhere(quote, [quote], [a, c], ())


def test_a_quotation_linked_to_a_sentence_in_another_language_that_quotes_is_rendered_there():
    """p11-b (rF2 F3): „nicht einfach alles in den Schoß legt“ renders the English 'not to just hand them things',
    in single marks the annotator does not read as a quotation, in the sentence the alignment links to it."""
    en = made_source("en", "en", "Paltrow wants her children to work as she tries 'not to just hand them things'.",
                 "The podcast aired on Monday.")
    de = made_source("de", "de", "Paltrow will, dass ihre Kinder arbeiten, indem sie ihnen „nicht einfach alles in den "
                             "Schoß legt“.", "Der Podcast lief am Montag.")
    quote = _span(de, "„nicht einfach alles in den Schoß legt“")
    link = Link("e", "en", 0, 0, len(en.sentences[0].text), "de", 0, 0, len(de.sentences[0].text), 0.9, "translation")
    assert rendered_elsewhere(quote, [quote], [en, de], [link])
    other = Link("e", "en", 1, 0, 1, "de", 0, 0, 1, 0.9, "translation")
    assert not rendered_elsewhere(quote, [quote], [en, de], [other])


# ------------------------------------------------------------------------------------------ the page's labels


def _match(source: Source, quoted: str, speaker: str, reference: Source | None = None) -> QuoteMatch:
    ref = reference or source
    start, rstart = source.text.index(quoted), ref.text.index(quoted) if quoted in ref.text else 0
    return QuoteMatch(event="e", speaker=speaker, reference_source=ref.id, reference_start=rstart,
                      reference_end=rstart + len(quoted), source_id=source.id, start=start, end=start + len(quoted),
                      fidelity="verbatim", chrf=100.0, dropped=(), added=(), diff=())


def test_words_credited_in_the_text_but_not_by_the_tool_are_the_tools_failing_not_the_texts():
    said = made_source("a", "en", 'She said: "He is a brilliant but complicated person."', "That was all.")
    quoted = '"He is a brilliant but complicated person."'
    assert credited_in_text(said, said.text.index(quoted), said.text.index(quoted) + len(quoted))
    marked = _unidentified([_match(said, quoted, "unknown")], {"a": said})
    assert [m.speaker for m in marked] == [UNIDENTIFIED]
    none = made_source("c", "en", "The crowd chanted in the square.", '"He is a brilliant but complicated person."')
    assert not credited_in_text(none, none.text.index(quoted), none.text.index(quoted) + len(quoted))
    kept = _unidentified([_match(none, quoted, "unknown")], {"c": none})
    assert [m.speaker for m in kept] == ["unknown"]


def test_one_statement_credited_to_two_people_by_two_sources_is_credited_to_no_one():
    """p06: the German credits Cruz, the English "he" was read as Trump: one of the two is wrong."""
    en = made_source("en", "en", '"The only objective is to win the vote," he said.')
    de = made_source("de", "de", "„Das einzige Ziel ist es, die Abstimmung zu gewinnen“, sagte Cruz.")
    q_en, q_de = '"The only objective is to win the vote,"', "„Das einzige Ziel ist es, die Abstimmung zu gewinnen“"
    results = [_match(de, q_de, "Donald Trump", reference=en)]
    results[0] = QuoteMatch(**{**{f: getattr(results[0], f) for f in results[0].__dataclass_fields__},
                               "reference_start": en.text.index(q_en), "reference_end": en.text.index(q_en) + len(q_en)})
    own = {("en", en.text.index(q_en)): "Donald Trump", ("de", de.text.index(q_de)): "Cruz"}
    assert [m.speaker for m in _unidentified(results, {"en": en, "de": de}, own)] == [UNIDENTIFIED]
    same = {("en", en.text.index(q_en)): "Donald Trump", ("de", de.text.index(q_de)): "Trump"}
    assert [m.speaker for m in _unidentified(results, {"en": en, "de": de}, same)] == ["Donald Trump"]


def _row(fidelity: str, source: str) -> dict:
    return {"fidelity": fidelity, "source": source, "chrf": 100.0}


def test_the_quotes_heading_counts_statements_not_renderings():
    """p14 (rG1 F3): one statement in four sources read "3 quotations"."""
    page = {"quotes": [("the Press Office's note", [_row("reference", "a"), _row("translation", "b"),
                                                     _row("close", "d"), _row("verbatim", "e")])]}
    heading = _quote_rows(page)
    assert heading.startswith("1 quotation of 1 speaker (the Press Office's note), in 4 renderings; "
                              "1 rendered by more than one source, 0 found in one source only")
    page["quotes"].append(("Fiona Hyslop", [_row("unmatched", "a")]))
    assert _quote_rows(page).startswith("2 quotations of 2 speakers (Fiona Hyslop, the Press Office's note), in 5 "
                                        "renderings; 1 rendered by more than one source, 1 found in one source only")


def test_the_heading_tells_words_the_text_credits_to_no_one_from_words_the_tool_did_not_resolve():
    assert speaker_count({"quotes": [(UNNAMED_SPEAKER, [])]}) == ", credited to no one by name"
    assert speaker_count({"quotes": [(UNIDENTIFIED_SPEAKER, [])]}) == (
        ", words whose speaker the tool could not identify")
    assert speaker_count({"quotes": [("Kanye West", []), (UNIDENTIFIED_SPEAKER, [])]}) == (
        " of 1 speaker (Kanye West) and words whose speaker the tool could not identify")


def test_no_other_rendering_found_is_refuted_where_another_source_holds_the_words():
    """The verifier of a quotation said to have no other rendering re-reads every source's sentences: p12-d's
    apology (rG1 F4) is word for word in p12-b, so the row is not said."""
    from compare.findings.quotes import rendering, verify_rendering

    quoted = '"To Kim I want to say I know I hurt you."'
    row = {"speaker": "Kanye West", "source": "d", "reference_source": "d", "fidelity": "unmatched", "chrf": 100.0,
           "dropped": "", "added": "", "start": 0, "end": len(quoted), "text": quoted, "reference_text": quoted}

    def sentence(source: str, index: int, text: str, language: str = "en") -> dict:
        return {"source": source, "index": index, "text": text, "language": language}

    alone = [sentence("d", 0, f"He said: {quoted}"), sentence("b", 0, "West tweeted an apology.")]
    assert verify_rendering(rendering(row), alone).verified
    carried = [*alone, sentence("b", 1, "He said: To Kim I want to say I know I hurt you.")]
    assert not verify_rendering(rendering(row), carried).verified
    german = [*alone, sentence("a", 0, "To Kim I want to say I know I hurt you.", "de")]
    assert verify_rendering(rendering(row), german).verified
