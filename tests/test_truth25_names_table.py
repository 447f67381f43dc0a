"""Issue 23 beyond the seeds III (truth25): the names table across languages.

Read on planted sets built from WMT21 en-de (bench/planted_edits.py, sets p09-p14): names tables left a source's cell
blank where it wrote the name in its own form ("Welbecks", "Hongkong", or a copy that kept no sentence telling the
name is a person's), and said "no place is named differently by two sources" above Beijing and Peking.
"""

from __future__ import annotations

from compare.model import Entity, Source


def test_a_blank_cell_only_where_the_source_lacks_the_name(tmp_path):
    """The names table looks for a row's spellings in a source whose cell the annotator left blank: 'Hongkong' for
    'Hong Kong', the genitive 'Welbecks', 'Pannie Kianzad' in a copy that kept no sentence telling she is a person
    (planted p09 F4, p10 F1, p11 F4).  Common one-word spellings ('West') and descriptions ('Iranian-born Kianzad')
    are not looked for."""
    from compare.ingest import ingest
    from compare.report.common_names import written_forms

    (tmp_path / "b.txt").write_text("Die Bank unterstützte in Hongkong die Ermittlungen. Danny Welbecks Hackentrick "
                                    "wurde gehalten. Im Westen sagte man nichts.\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("Correia turned her back on opponent Pannie Kianzad. Kianzad won.\n",
                                    encoding="utf-8")
    loaded = {s.id: s for s in ingest(tmp_path).sources}
    de = Source(loaded["b"].id, loaded["b"].path, loaded["b"].text, language="de")
    en = Source(loaded["d"].id, loaded["d"].path, loaded["d"].text, language="en")
    hong_kong = Entity("hong-kong", "place", "Hong Kong", {"a": ("Hong Kong",)})
    assert written_forms(hong_kong, de) == ["Hongkong"]
    welbeck = Entity("danny-welbeck", "person", "Danny Welbeck", {"a": ("Danny Welbeck", "Welbeck")})
    assert written_forms(welbeck, de) == ["Danny Welbecks"]
    kianzad = Entity("pannie-kianzad", "person", "Pannie Kianzad",
                     {"a": ("Iranian-born Kianzad", "Kianzad", "Pannie Kianzad")})
    assert written_forms(kianzad, en) == ["Pannie Kianzad", "Kianzad"]
    beijing = Entity("beijing", "place", "Beijing", {"a": ("Beijing",)})
    assert written_forms(beijing, Source("e", "e.txt", "Die Regierung in Peking schwieg.", language="de")) == ["Peking"]
    west = Entity("kanye-west", "person", "Kanye West", {"a": ("West",)})
    assert written_forms(west, de) == []


def test_usual_forms_of_place_names_are_said_not_denied():
    """'no place is named differently by two sources' was printed above Beijing / Peking (planted p10 F3): the page
    now says the German source uses the usual German forms, beside the other sources' forms."""
    from compare.report.provenance_views import usual_forms

    tables = {
        "sources": [{"source": s, "language": lang} for s, lang in (("b", "en"), ("c", "en"), ("e", "de"))],
        "names": [
            *({"entity": "beijing", "name": "Beijing", "type": "place", "source": s, "spellings": ["Beijing"],
               "naming_choice": []} for s in ("b", "c")),
            {"entity": "beijing", "name": "Beijing", "type": "place", "source": "e", "spellings": ["Peking"],
             "naming_choice": []},
            *({"entity": "hong-kong", "name": "Hong Kong", "type": "place", "source": s, "spellings": ["Hong Kong"],
               "naming_choice": []} for s in ("b", "c")),
            {"entity": "hong-kong", "name": "Hong Kong", "type": "place", "source": "e", "spellings": ["Hongkong"],
             "naming_choice": []},
            *({"entity": "united-states", "name": "United States", "type": "place", "source": s,
               "spellings": spellings, "naming_choice": []} for s, spellings in (("b", ["US"]), ("e", ["US", "USA"]))),
        ],
    }
    assert usual_forms(tables) == [{"source": "e", "language": "German", "forms": ["Peking", "Hongkong"],
                                    "translated": [], "theirs": ["Beijing", "Hong Kong"]}]


def test_a_body_written_as_its_initials_is_no_blank_cell():
    """Teacher read of W unit ru-en-221 (session 41): the names table left blank the cells of two English versions
    that write "SE" where the others write "Sport-Express" (the Russian original abbreviates it "СЭ").  A person's
    initials are not looked for, nor initials inside a longer word."""
    from compare.report.common_names import written_forms

    paper = Entity("sport-express", "organisation", "Sport-Express", {"b": ("Sport-Express",)})
    text = 'According to "SE", Serie A teams want the Lokomotiv midfielder.'
    assert written_forms(paper, Source("a", "a.txt", text, language="en")) == ["SE"]
    assert written_forms(paper, Source("c", "c.txt", "The SEC said nothing.", language="en")) == []
    person = Entity("stephen-edwards", "person", "Stephen Edwards", {"b": ("Stephen Edwards",)})
    assert written_forms(person, Source("a", "a.txt", text, language="en")) == []
    # initials that a text naming the body writes too stand for something else (W bench w091: "FAA")
    airlines = Entity("four-american-airlines", "organisation", "Four American Airlines", {"b": ("Four American Airlines",)})
    faa = Source("d", "d.txt", "The FAA said it received four reports.", language="en")
    assert written_forms(airlines, faa) == ["FAA"]
    assert written_forms(airlines, faa, spelled_in=["Four American Airlines aircraft will be inspected, the FAA said."]) == []
    assert written_forms(paper, Source("a", "a.txt", text, language="en"),
                         spelled_in=["According to Sport-Express, Serie A teams want him."]) == ["SE"]
