"""compare.vectors builds the TF-IDF rows scikit-learn would, without importing it at run time."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.vectors import char_tfidf, char_wb_ngrams, token_tfidf

sklearn_text = pytest.importorskip("sklearn.feature_extraction.text", reason="scikit-learn comes with the dev extra")

words = st.text(alphabet="abcxyzäöüжзя-'.,", min_size=1, max_size=9)
documents = st.lists(st.lists(words, min_size=0, max_size=8).map(" ".join), min_size=1, max_size=6)


@given(st.lists(words, max_size=8).map(" ".join))
def test_char_ngrams_are_scikit_learns(text):
    analyser = sklearn_text.TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=False).build_analyzer()
    assert list(char_wb_ngrams(text, 3, 5)) == analyser(text)


@settings(max_examples=60)
@given(documents)
def test_char_rows_match_scikit_learn(texts):
    if not any(t.split() for t in texts):
        assert char_tfidf(texts, 3, 5).nnz == 0
        return
    reference = sklearn_text.TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                             lowercase=False).fit_transform(texts)
    ours = char_tfidf(texts, 3, 5)
    assert ours.shape == reference.shape
    assert np.allclose(ours.toarray(), reference.toarray(), atol=1e-12)


def test_token_rows_match_scikit_learn_and_ignore_document_order():
    lists = [["putin", "n:2019", "putin"], ["abe", "putin"], [], ["n:2019"]]
    reference = sklearn_text.TfidfVectorizer(analyzer=lambda tokens: tokens, sublinear_tf=True).fit_transform(lists)
    ours = token_tfidf(lists)
    assert np.allclose(ours.toarray(), reference.toarray())
    # Columns are in sorted term order, so the same documents in another order give the same rows.
    again = token_tfidf(list(reversed(lists)))
    assert np.array_equal(again.toarray()[::-1], ours.toarray())


def test_nothing_to_count_gives_empty_rows_not_an_error():
    assert char_tfidf(["", "  "], 3, 5).shape == (2, 1)
    assert token_tfidf([[], []]).shape == (2, 1)
