"""compare.score's chrF and BLEU statistics, built from per-sentence n-gram counts, are sacrebleu's own.

Links and pair scores quote sacrebleu's chrF with its signature; counting each
sentence's n-grams once per event must not change a single statistic.
"""

from __future__ import annotations

import json

import pytest
from sacrebleu.metrics import BLEU, CHRF

from compare.score import bleu_statistics, chrf, chrf_statistics, corpus_bleu, corpus_chrf
from conftest import SHARED_DATA, needs_shared_data

SACREBLEU = CHRF()
SACREBLEU_BLEU = BLEU(effective_order=True)

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


@pytest.mark.parametrize(("hypothesis", "reference"), CASES)
def test_bleu_statistics_equal_sacrebleus(hypothesis: str, reference: str) -> None:
    """A pair's BLEU from sentences' kept n-gram counts: sacrebleu's segment statistics, each way."""
    for h, r in ((hypothesis, reference), (reference, hypothesis)):
        assert bleu_statistics(h, r) == SACREBLEU_BLEU._extract_corpus_statistics([h], [[r]])[0]


def test_corpus_bleu_equals_sacrebleus() -> None:
    hyps, refs = [h for h, _ in CASES], [r for _, r in CASES]
    for k in range(1, len(CASES) + 1):
        assert corpus_bleu(hyps[:k], refs[:k]) == SACREBLEU_BLEU.corpus_score(hyps[:k], [refs[:k]]).score
        assert corpus_bleu(refs[:k], hyps[:k]) == SACREBLEU_BLEU.corpus_score(refs[:k], [hyps[:k]]).score


@needs_shared_data("wmt21-news-human-vs-mt")
def test_corpus_bleu_equals_sacrebleus_on_wmt21() -> None:
    """Documents of real sentence pairs (40 segments at a time), as score_pair scores a linked source pair."""
    hyps, refs = [], []
    for path in sorted((SHARED_DATA / "wmt21-news-human-vs-mt").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines()[:400]:
            row = json.loads(line)
            humans = [v for _, v in sorted(row["human"].items()) if v]
            machines = [v for _, v in sorted(row["mt"].items()) if v]
            if humans and machines:
                hyps.append(machines[0])
                refs.append(humans[0])
    chunks = [(hyps[k:k + 40], refs[k:k + 40]) for k in range(0, len(hyps), 40)]
    different = [k for k, (h, r) in enumerate(chunks)
                 if corpus_bleu(h, r) != SACREBLEU_BLEU.corpus_score(h, [r]).score]
    assert len(chunks) > 40 and different == []
