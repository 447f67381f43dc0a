"""compare.ter gives sacrebleu's TER statistics exactly, on hand-made cases and on real WMT21 segment pairs.

The report quotes TER with sacrebleu's signature, so a faster TER is only
acceptable if every segment's edits and reference length are sacrebleu's own.
"""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import TER

from compare.score import corpus_ter, ter_statistics
from compare.ter import segment_statistics
from conftest import SHARED_DATA, needs_shared_data

SACREBLEU = TER()

WMT21 = SHARED_DATA / "wmt21-news-human-vs-mt"


def sacrebleu_statistics(hypothesis: str, reference: str) -> tuple[float, float]:
    edits, length = SACREBLEU._extract_corpus_statistics([hypothesis], [[reference]])[0]
    return float(edits), float(length)


LONG_A = ("the minister said on friday that the talks with the delegation had been frank and that both sides "
          "would meet again next month in geneva to discuss the remaining questions about trade and security "
          "while the opposition called the meeting a waste of time and demanded that parliament be consulted")
LONG_B = ("the opposition called the meeting a waste of time and demanded that parliament be consulted , while "
          "the minister said on friday that talks with the delegation were frank and both sides would meet "
          "again in geneva next month to discuss remaining questions on security and trade")

CASES = [
    ("", ""),
    ("", "a reference"),
    ("a hypothesis", ""),
    ("The cat sat on the mat.", "The cat sat on the mat."),
    ("the mat the cat sat on", "The cat sat on the mat"),
    ("on the mat sat the cat today", "the cat sat on the mat"),
    ("A B C D E F G", "E F G A B C D"),
    ("a a a a b b b b", "b b b b a a a a"),
    ("x y z", "completely different words here"),
    ("one", "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four "
            "twenty-five twenty-six twenty-seven twenty-eight twenty-nine thirty thirty-one thirty-two "
            "thirty-three thirty-four thirty-five thirty-six thirty-seven thirty-eight thirty-nine forty "
            "forty-one forty-two forty-three forty-four forty-five forty-six forty-seven forty-eight "
            "forty-nine fifty fifty-one fifty-two fifty-three fifty-four fifty-five"),
    (LONG_B, LONG_A),
    (LONG_A + " " + LONG_B, LONG_B + " " + LONG_A),  # long enough for sacrebleu's beam and candidate cap
    ("Лавров заявил, что переговоры были откровенными.", "Lavrov said the talks were frank."),
]


@pytest.mark.parametrize(("hypothesis", "reference"), CASES)
def test_equals_sacrebleu_on_made_cases(hypothesis: str, reference: str) -> None:
    assert segment_statistics(hypothesis, reference) == sacrebleu_statistics(hypothesis, reference)


def test_pair_ter_is_sacrebleus_corpus_ter() -> None:
    segments = [(h, r) for h, r in CASES if r]
    expected = SACREBLEU.corpus_score([h for h, _ in segments], [[r for _, r in segments]]).score
    assert corpus_ter([ter_statistics(s) for s in segments]) == pytest.approx(expected, abs=0)


def _wmt21_pairs() -> list[tuple[str, str]]:
    """Segment pairs of the kinds a run links: MT and second human reference against the first, the original
    against a translation, two segments against the same two in the other order (shifts), and neighbours."""
    pairs: list[tuple[str, str]] = []
    for path in sorted(WMT21.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for k, row in enumerate(rows):
            humans = [v for _, v in sorted(row["human"].items()) if v]
            machines = [v for _, v in sorted(row["mt"].items()) if v]
            if not humans:
                continue
            pairs.extend((m, humans[0]) for m in machines)
            pairs.extend((h, humans[0]) for h in humans[1:])
            pairs.append((row["src"], humans[0]))
            following = rows[k + 1] if k + 1 < len(rows) else None
            if following and machines:
                next_humans = [v for _, v in sorted(following["human"].items()) if v]
                next_machines = [v for _, v in sorted(following["mt"].items()) if v]
                if next_humans and next_machines:
                    pairs.append((next_machines[0] + " " + machines[0], humans[0] + " " + next_humans[0]))
                    pairs.append((machines[-1], next_humans[0]))
    return pairs


@needs_shared_data("wmt21-news-human-vs-mt")
def test_equals_sacrebleu_on_wmt21_segment_pairs() -> None:
    pairs = _wmt21_pairs()
    assert len(pairs) > 10_000
    sample = random.Random(17).sample(pairs, 300)  # sacrebleu takes about 60 ms a pair; all of them take minutes
    different = [(h, r) for h, r in sample if segment_statistics(h, r) != sacrebleu_statistics(h, r)]
    assert different == []


_WORDS = st.lists(st.sampled_from("a b c d e f the of , .".split()), max_size=40)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(hypothesis=_WORDS, reference=_WORDS)
def test_equals_sacrebleu_on_generated_word_sequences(hypothesis: list[str], reference: list[str]) -> None:
    """Few distinct words, so many shift candidates tie and shifts chain: the search order and ties must match."""
    h, r = " ".join(hypothesis), " ".join(reference)
    assert segment_statistics(h, r) == sacrebleu_statistics(h, r)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(hypothesis=st.lists(st.sampled_from("a b c d".split()), min_size=1, max_size=30),
       reference=st.lists(st.sampled_from("a b c d".split()), min_size=60, max_size=90))
def test_equals_sacrebleu_where_the_beam_binds(hypothesis: list[str], reference: list[str]) -> None:
    """A reference far longer than the hypothesis: edit distances reach the beam's bound (compare.ter.beam_bound),
    where a plain edit distance is not certified and the beam programme must score the candidates."""
    h, r = " ".join(hypothesis), " ".join(reference)
    assert segment_statistics(h, r) == sacrebleu_statistics(h, r)
