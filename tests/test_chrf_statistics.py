"""compare.score's chrF statistics, built from per-sentence n-gram counts, are sacrebleu's own.

Links and pair scores quote sacrebleu's chrF with its signature; counting each
sentence's n-grams once per event must not change a single statistic.
"""

from __future__ import annotations

import json

import pytest
from sacrebleu.metrics import CHRF

from compare.score import chrf, chrf_statistics, corpus_chrf
from conftest import SHARED_DATA, needs_shared_data

SACREBLEU = CHRF()

CASES = [
    ("", ""),
    ("a", ""),
    ("", "b"),
    ("The talks were frank.", "The talks were frank."),
    ("(hi) there, world!", "hi there world"),
    ("Лавров заявил, что переговоры были откровенными.", "Lavrov said the talks were frank."),
    ("外交部长 说 会谈 坦率", "外交部长说会谈很坦率"),
]


@pytest.mark.parametrize(("hypothesis", "reference"), CASES)
def test_statistics_and_score_equal_sacrebleus(hypothesis: str, reference: str) -> None:
    assert list(chrf_statistics(hypothesis, reference)) == SACREBLEU._extract_corpus_statistics(
        [hypothesis], [[reference]])[0]
    assert chrf(hypothesis, reference) == SACREBLEU.sentence_score(hypothesis, [reference]).score


def test_corpus_chrf_equals_sacrebleus() -> None:
    hyps, refs = [h for h, _ in CASES], [r for _, r in CASES]
    assert corpus_chrf(hyps, refs) == SACREBLEU.corpus_score(hyps, [refs]).score


@needs_shared_data("wmt21-news-human-vs-mt")
def test_statistics_equal_sacrebleus_on_wmt21() -> None:
    pairs = []
    for path in sorted((SHARED_DATA / "wmt21-news-human-vs-mt").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            humans = [v for _, v in sorted(row["human"].items()) if v]
            if humans:
                pairs += [(m, humans[0]) for _, m in sorted(row["mt"].items()) if m][:2] + [(row["src"], humans[0])]
    different = [(h, r) for h, r in pairs
                 if list(chrf_statistics(h, r)) != SACREBLEU._extract_corpus_statistics([h], [[r]])[0]]
    assert len(pairs) > 5000 and different == []


@pytest.mark.parametrize(("hypothesis", "reference"), CASES)
def test_both_directions_equal_sacrebleus(hypothesis: str, reference: str) -> None:
    """One cache entry serves a pair both ways (chrf and chrf_reverse): each direction is still sacrebleu's."""
    for h, r in ((hypothesis, reference), (reference, hypothesis)):
        assert list(chrf_statistics(h, r)) == SACREBLEU._extract_corpus_statistics([h], [[r]])[0]
