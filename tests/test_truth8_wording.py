"""Issue 23 (r40): the ranking of changed quotations, neutral labels of contested names, and what the translation
tells can say of a source that has too few of them."""

from __future__ import annotations

import numpy as np

from compare.align.semantic import SECOND_WITHIN, nearest_candidates
from compare.findings.quotes import change_rank, changes_substance
from compare.framing import concept_label, contested, load_lexicon
from compare.model import Sentence, Source
from compare.report.provenance_views import reads_as_words


def _quote(source: str, fidelity: str, chrf: float) -> dict[str, object]:
    return {"source": source, "fidelity": fidelity, "chrf": chrf, "speaker": "Sergey Lavrov"}


def test_a_trimmed_quotation_is_more_changed_than_a_paraphrase_with_a_lower_chrf():
    # 2019: 000's paraphrase (chrF 37) makes 001's points; 003's 'on their territory' (chrF 51) drops 'sovereign'
    quotes = [_quote("000", "paraphrase", 37.0), _quote("003", "trimmed", 51.0), _quote("004", "close", 20.0)]
    worst = min(quotes, key=change_rank)
    assert worst["source"] == "003" and changes_substance(worst)
    assert not changes_substance(quotes[0])
    assert min([_quote("a", "trimmed", 80.0), _quote("b", "divergent", 90.0)], key=change_rank)["source"] == "b"


def test_every_contested_concept_has_a_label_naming_no_side_alone():
    lexicon = load_lexicon()
    for concept, entries in lexicon.by_concept.items():
        if not contested(concept, lexicon):
            continue
        label = concept_label(concept)
        assert label, concept
        named = {e.usage for e in entries
                 if not e.block and e.term.rstrip("*").casefold().removeprefix("the ") in label.casefold()}
        # either no side's term at all, or terms of two usages (or a neutral one)
        assert len(named) != 1 or any(w in u for u in named for w in ("neutral", "international", "same name")), (concept, label)


def test_the_seeds_islands_are_not_labelled_in_russian_usage_alone():
    assert concept_label("southern-kurils").startswith("disputed islands (")
    assert concept_label("iturup") == "Iturup / Etorofu"
    assert concept_label("kunashir") == "Kunashir / Kunashiri"


def test_a_source_with_too_few_tells_is_only_taken_as_written_in_its_language():
    assert reads_as_words("en", "en").startswith("taken as first written in English (too few translation tells")
    # its own language first: "reads as first written in German" of an English text read as a German text (rW1)
    assert reads_as_words("ru", "en") == "an English text that reads as translated from Russian"


def _source(sid: str, count: int) -> Source:
    sentences = tuple(Sentence(sid, i, 0, 1, f"s{i}", i, "en") for i in range(count))
    return Source(id=sid, path=sid, text="", language="en", sentences=sentences)


def test_a_second_candidate_close_behind_the_first_is_kept_and_one_far_behind_is_not():
    # 2017 c12: 0.864 and 0.837 (within 0.05: shown); a gap over the fitted 0.05 hides it
    a, b = _source("a", 2), _source("b", 3)
    cosine = np.array([[0.864, 0.837, 0.70], [0.90, 0.80, 0.70]])
    nearest, _ = nearest_candidates([a, b], [], {("a", "b"): (cosine, cosine, "semantic", [0, 1], [0, 1, 2])})
    close, far = nearest[("a", 0)], nearest[("a", 1)]
    assert (close.source, close.sentence, close.second_source, close.second_sentence) == ("b", 0, "b", 1)
    assert far.sentence == 0 and far.second_source is None
    assert SECOND_WITHIN[True] == 0.05
