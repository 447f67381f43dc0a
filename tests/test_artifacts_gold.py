"""The seeds against the hand-made gold list, and the seed-level claims of issue 5."""

from __future__ import annotations

from artifacts_helpers import precision_recall, seed_results


def test_gold_precision_and_recall_at_least_085():
    sources, results = seed_results()
    precision, recall, false_pos, missed = precision_recall(sources, results)
    print(f"seeds: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.85, [(a.source_id, a.text, a.detector) for a in false_pos]
    assert recall >= 0.85, missed


def test_gold_also_holds_with_annotations():
    from compare.annotate import annotate
    from compare.artifacts import build_context, detect_artifacts

    sources, _ = seed_results()
    annotations = annotate(list(sources.values()))
    context = build_context(list(sources.values()), annotations)
    results = {k: detect_artifacts(s, annotations, context) for k, s in sources.items()}
    precision, recall, _, _ = precision_recall(sources, results)
    assert precision >= 0.85 and recall >= 0.85


def test_machine_translations_score_above_the_human_texts():
    _, results = seed_results()
    likelihood = {k: r.mt_likelihood for k, r in results.items()}
    for mt in ("000", "003"):
        for human in ("001", "002"):
            assert likelihood[mt] > likelihood[human], likelihood
    assert all(0.0 <= v <= 1.0 for v in likelihood.values())


def test_rewrite_site_is_flagged_for_rewrite_tells():
    _, results = seed_results()
    rewrite = [a for a in results["004"].artifacts if a.category == "rewrite"]
    assert {a.detector for a in rewrite} >= {"compare.rewrite.longform.v1", "compare.rewrite.synonym.v1"}
    # a photo caption left in the body is page residue from copying, not a tool's swap (issue 23, r46)
    assert "compare.residue.caption.v1" in {a.detector for a in results["004"].artifacts if a.category == "residue"}
    assert results["004"].density["rewrite"] > 10
    assert all(results[k].density["rewrite"] == 0 for k in ("000", "001", "002", "003"))


def test_artifacts_are_sorted_and_offsets_point_at_their_text():
    sources, results = seed_results()
    for sid, result in results.items():
        starts = [a.start for a in result.artifacts]
        assert starts == sorted(starts)
        for a in result.artifacts:
            assert sources[sid].text[a.start:a.end] == a.text
            assert a.explanation.endswith(".") and (a.explanation[0] == "'" or a.explanation[0].isupper())
            assert a.explanation.count(". ") <= 2  # one sentence, at most with a short addition


def test_former_line_start_is_confirmed_from_the_raw_file():
    _, results = seed_results()
    of = [a for a in results["000"].artifacts if a.text == "Of"]
    assert of and "line break of the original layout" in of[0].explanation


def test_parts_of_the_likelihood_are_shown():
    _, results = seed_results()
    parts = results["000"].mt_parts
    assert parts["artifacts_per_1k"] > 20
    assert "artifacts_per_1k.contribution" in parts and "function_word_profile.contribution" in parts
