"""Beyond the seeds (issue 23, truth18): rankings, figures, quotes and the hand-out say what the texts show.

Readers of planted-edit sets (one English text, three copies each with one planted edit, a German translation)
found: "the wording of p01-a and p01-c differs most (chrF 100 …)"; "the quotation worded most differently is
unknown's in p01-d (verbatim, chrF 100 …)"; "In statement c8, p01-a and p01-c and p01-d and p01-e: the linked
sentences give different numbers" where p01-c alone has 30; "No quotation of this statement found in p01-a, p01-e"
where p01-e quotes it in German; "… found in p03-b" where p03-b quotes it with 450 for 250; "with the reference's"
beside "No source is the reference".  Each test builds the stage tables it needs, as the run holds them.
"""

from __future__ import annotations

from typing import Any

from compare.findings.quotes import established_absent, not_found, sentence_versions, verify_not_found
from compare.report.glance import quote_difference, tagged_difference, wording_difference
from compare.report.row_figures import figure_split, negation_split, pair_content_rows
from compare.report.views import _whose_version, overview_sentences

EVENT = "p01"
ORIGINAL = [
    "There's mask-shaming and then there's full on assault.",
    "O'Brien shared the video on Facebook and told ABC 10 that she wants to see the woman \"go to jail.\"",
    "The pair had their masks off to eat, even though \"you can't wear a mask and eat at the same time.\"",
]


def _sentences(texts: dict[str, tuple[list[str], str]]) -> list[dict[str, Any]]:
    rows = []
    for sid, (sentences, language) in texts.items():
        for index, text in enumerate(sentences):
            rows.append({"event": EVENT, "source": sid, "index": index, "language": language, "text": text,
                         "claim": f"{EVENT}:c{index + 1}", "linked": True, "only_here": False,
                         "background": False, "structure": "", "paragraph": index, "nearest_shown": False})
    return rows


def _tables(pairs: list[dict[str, Any]], quotes: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    changed = [s.replace("ABC 10", "ABC 30") for s in ORIGINAL]
    german = ["Es gibt Masken-Shaming und dann gibt es einen richtigen Angriff.",
              "O'Brien teilte das Video auf Facebook und sagte dem Sender ABC 10, dass sie die Frau sehen möchte.",
              "Die beiden nahmen die Masken ab, obwohl man „nicht gleichzeitig eine Maske tragen und essen kann“."]
    sentences = _sentences({"p01-a": (ORIGINAL, "en"), "p01-c": (changed, "en"), "p01-d": (ORIGINAL, "en"),
                            "p01-e": (german, "de")})
    return {"sources": [{"source": s, "outlet": "", "language": "de" if s == "p01-e" else "en"}
                        for s in ("p01-a", "p01-c", "p01-d", "p01-e")],
            "pairs": pairs, "sentences": sentences, "quotes": quotes or [], "findings": [], "provenance": [],
            "artifacts": [], "names": []}


def _pair(a: str, b: str, chrf: float) -> dict[str, Any]:
    return {"source_a": a, "source_b": b, "chrf": chrf, "links": 3}


def test_no_pair_differs_most_where_every_pair_is_near_verbatim() -> None:
    tables = _tables([_pair("p01-a", "p01-c", 99.6), _pair("p01-a", "p01-d", 100.0), _pair("p01-c", "p01-d", 99.7)])
    said = " ".join(overview_sentences(tables, None))
    assert "differs most" not in said and "closest" not in said
    assert "Every pair of sources in the same language has almost the same wording" in said
    # the planted change is not hidden behind the near-100 figures
    assert "in row c2, p01-c has ‘ABC 30’ where p01-a and p01-d have ‘ABC 10’" in said
    assert wording_difference(tables) is None  # nothing for "What differs most" on the first screen


def test_a_close_spread_names_no_pair_and_a_wide_one_says_the_closest_pairs_change() -> None:
    alike = _tables([_pair("p01-a", "p01-c", 80.0), _pair("p01-a", "p01-d", 83.0), _pair("p01-c", "p01-d", 82.0)])
    said = " ".join(overview_sentences(alike, None))
    assert "No pair of sources in the same language stands out" in said and "differs most" not in said
    wide = _tables([_pair("p01-a", "p01-d", 60.0), _pair("p01-c", "p01-d", 85.0)])
    said = " ".join(overview_sentences(wide, None))
    assert "p01-c and p01-d are closest (chrF 85); still, in row c2, p01-c has ‘ABC 30’; p01-d has ‘ABC 10’" in said


def test_a_row_with_a_changed_number_says_who_gives_which() -> None:
    tables = _tables([])
    claims = [{"id": f"{EVENT}:c2", "group": "statements", "labels": ["number"],
               "sources": ["p01-a", "p01-c", "p01-d", "p01-e"]}]
    found = tagged_difference(claims, tables["sentences"])
    assert found is not None
    assert found["text"].startswith("In statement c2, p01-c has ‘ABC 30’ where p01-a, p01-d and p01-e have ‘ABC 10’")
    assert figure_split({"a": "rose 3% to 120", "b": "rose 5% to 120", "c": "rose 7% to 120"}) == "a has ‘rose 3%’; b has ‘rose 5%’; c has ‘rose 7%’"
    assert figure_split({"a": "ABC 10 said", "b": "ABC said"}) is None  # leaving a figure out is not another figure
    # a source leaving out one figure ("2 years") is not one giving another; the figure as the text writes it
    texts = {"a": "In 2 years 12,000 came.", "b": "12,000 came.", "c": "In 2 years 32,000 came.",
             "d": "In 2 years 12,000 came."}
    assert figure_split(texts) == "c has ‘years 32,000 came’ where a, b and d have ‘years 12,000 came’"
    assert negation_split({"b": "So he was told.", "c": "So he was not told.", "e": "So he was told."}) == (
        "c has ‘not’ where b and e have no negation")
    assert pair_content_rows(tables["sentences"], "p01-a", "p01-c") == [("c2", "number")]
    assert pair_content_rows(tables["sentences"], "p01-a", "p01-d") == []


def _quote(source: str, reference: str, fidelity: str, chrf: float, text: str, ref_text: str,
           added: tuple[str, ...] = (), dropped: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"speaker": "unknown", "source": source, "reference_source": reference, "fidelity": fidelity,
            "chrf": chrf, "added": list(added), "dropped": list(dropped), "text": text, "reference_text": ref_text,
            "start": 0, "end": len(text)}


def test_a_verbatim_quotation_is_not_worded_most_differently() -> None:
    words = "\"you can't wear a mask and eat at the same time.\""
    tables = _tables([], [_quote("p01-d", "p01-c", "verbatim", 100.0, words, words)])
    said = " ".join(overview_sentences(tables, None))
    assert "worded most differently" not in said and "other words" not in said


def test_a_quotation_with_one_word_put_in_is_said_so_not_in_other_words() -> None:
    told = "\"So Cummings was told that these units must be preserved.\""
    not_told = "\"So Cummings was not told that these units must be preserved.\""
    tables = _tables([])
    tables["sentences"] += _sentences({"p03-b": ([told], "en"), "p03-c": ([not_told], "en")})
    tables["quotes"] = [_quote("p03-c", "p03-b", "divergent", 94.6, not_told, told, added=("not",))]
    from compare.score import chrf
    tables["quotes"][0]["chrf"] = chrf(not_told, told)
    found = quote_difference(tables, {})
    assert found is not None and "in other words" not in found["text"]
    assert "p03-c quotes unknown with ‘not’, which p03-b's version does not have" in found["text"]


def test_a_quotation_is_said_missing_only_where_established() -> None:
    tables = _tables([])
    statement = "\"you can't wear a mask and eat at the same time.\""
    # p01-a drops the sentence; p01-e quotes it in German (compared by meaning only): not said to lack it
    trimmed = [r for r in tables["sentences"] if not (r["source"] == "p01-a" and r["index"] == 2)]
    assert established_absent(statement, "p01-c", ["p01-a", "p01-e"], trimmed) == ["p01-a"]
    assert established_absent(statement, "p01-c", ["p01-a", "p01-d"], tables["sentences"]) == []
    claim = verify_not_found(not_found("unknown", "p01-c", statement, ["p01-a", "p01-e"]), [], trimmed)
    assert not claim.verified
    assert verify_not_found(not_found("unknown", "p01-c", statement, ["p01-a"]), [], trimmed).verified
    # a rendering with a changed figure is a rendering: p01-c's "ABC 30" sentence holds the statement's words
    quoted = "O'Brien shared the video on Facebook and told ABC 10 that she wants to see the woman"
    assert established_absent(quoted, "p01-d", ["p01-c"], trimmed) == []
    assert sentence_versions({"p01-d": quoted}, ["p01-c", "p01-e"], trimmed) == [("p01-c", ORIGINAL[1].replace(
        "ABC 10", "ABC 30"))]


def test_the_question_names_the_quotations_source_where_none_is_the_reference() -> None:
    quote = {"reference_source": "p03-b"}
    assert _whose_version(quote, None, {"p03-b": "p03-b"}) == "p03-b's"
    assert _whose_version(quote, "p03-b", {"p03-b": "p03-b"}) == "the reference's"


def test_the_reference_version_is_shown_in_its_sentence_as_the_others_are() -> None:
    from compare.model import Sentence, Source
    from compare.report.views import _reference_around

    text = "The pair had their masks off, even though \"you can't wear a mask and eat at the same time.\" Then more."
    first = text.index(" Then")
    source = Source(id="p01-c", path="p01-c.txt", text=text, sentences=(
        Sentence(source_id="p01-c", index=0, start=0, end=first, text=text[:first], paragraph=0),
        Sentence(source_id="p01-c", index=1, start=first + 1, end=len(text), text=text[first + 1:], paragraph=0)))
    around = _reference_around(source, "\"you can't wear a mask and eat at the same time.\"")
    assert around == {"before": "The pair had their masks off, even though ", "after": ""}
    assert _reference_around(source, "words it does not have") == {}


def test_a_german_body_sentence_is_not_page_structure() -> None:
    from compare.structure import role

    # German "Von" ("by") opening a statement, and a statement closed by a German closing quote (p03 F11)
    assert role("Von Politikern ernannte Sonderberater müssen nur selten vor Sonderausschüssen eine Aussage machen.",
                True) is None
    assert role("„Daher wurde Cummings mitgeteilt, dass diese Einheiten erhalten bleiben müssen.“", True) is None
    assert role("Von Hans Müller", True) == "byline" and role("By John Smith.", True) == "byline"
    assert role("Dominic Cummings is held hostage by the SAS on base tour", True) == "headline"
    assert role("Spaßvögel geben Pavianen Messer, um damit Autos zu demolieren“", True) == "headline"


def test_chrf_is_said_both_ways_and_pairs_ranked_by_both() -> None:
    """r57 (2019, F1 and M1): the chrF matrix mirrored one direction into the other's cell (47 and 47, where the other
    way is 29), and the overview named the closest pair by the direction that happened to be computed.  The pairs
    are ranked by chrF read both ways, and each figure is said with both directions where they differ."""
    pairs = [_pair("p01-a", "p01-c", 35.0) | {"chrf_reverse": 42.0},
             _pair("p01-a", "p01-d", 47.0) | {"chrf_reverse": 29.0},
             _pair("p01-c", "p01-d", 39.0) | {"chrf_reverse": 35.0}]
    said = " ".join(overview_sentences(_tables(pairs), None))
    assert "closest (chrF 47)" not in said and "differs most" not in said
    assert "averaged over both directions their chrF is 37 to 38 (chrF 29 to 47 by which text" in said
    wide = [pairs[0], _pair("p01-a", "p01-d", 80.0) | {"chrf_reverse": 70.0}, pairs[2]]
    said = " ".join(overview_sentences(_tables(wide), None))
    assert "p01-a and p01-d are closest (chrF 80 one way, 70 the other)" in said


def test_the_chrf_matrix_holds_each_direction(seed_report) -> None:
    """Each cell of the chrF matrix reads its row's source as the reference: the two cells of a pair are the two
    directions sacrebleu gives, not one figure mirrored."""
    import pandas as pd
    from sacrebleu.metrics import CHRF

    folder = seed_report / "2019-05-30-japan-lavrov"
    pairs = pd.read_csv(folder / "pairs.csv", dtype={"source_a": str, "source_b": str})
    links = pd.read_csv(folder / "links.csv", dtype={"source_a": str, "source_b": str})
    assert (pairs["chrf"].round() != pairs["chrf_reverse"].round()).any()
    for row in pairs.itertuples():
        forward = links[(links.source_a == row.source_a) & (links.source_b == row.source_b)]
        backward = links[(links.source_a == row.source_b) & (links.source_b == row.source_a)]
        refs = list(forward.text_a) + list(backward.text_b)  # source_a's sentences
        hyps = list(forward.text_b) + list(backward.text_a)
        assert abs(CHRF().corpus_score(hyps, [refs]).score - row.chrf) < 0.01
        assert abs(CHRF().corpus_score(refs, [hyps]).score - row.chrf_reverse) < 0.01
