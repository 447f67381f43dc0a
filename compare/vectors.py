"""Sparse TF-IDF rows over character n-grams or token lists.

Event grouping and sentence alignment both compare texts as TF-IDF rows. The
weighting is scikit-learn's (smooth idf, optional sublinear tf, optional L2
norm, char n-grams padded at word edges as its ``char_wb`` analyser does), but
importing scikit-learn costs over a second, a third of the whole seeds run; the
few lines it takes to build the same rows with scipy are cheaper than that
import on every invocation.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
from scipy import sparse


def char_wb_ngrams(text: str, low: int, high: int) -> Iterator[str]:
    """Character n-grams of each whitespace-separated word padded with one space either side.

    A padded word no longer than n gives itself once and no longer n-grams, as scikit-learn counts it.
    """
    for word in text.split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if size <= n:
                yield padded
                break
            for start in range(size - n + 1):
                yield padded[start:start + n]


def count_matrix(docs: Iterable[Iterable[str]], dtype: type = np.float64) -> sparse.csr_matrix:
    """Term counts per document over the documents' own vocabulary, columns in sorted term order.

    Sorted columns make the matrix independent of document order within the vocabulary,
    so the same set gives the same rows byte for byte.
    """
    # A new term's column is the vocabulary's size when it is first seen (scikit-learn's idiom): the look-up and the
    # append then run in C, a term at a time, instead of a Python loop's body per term (some 2 million character
    # n-grams for 200 WMT21 documents).
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__
    indices = array("q")
    indptr = array("q", [0])
    for doc in docs:
        indices.extend(map(vocabulary.__getitem__, doc))
        indptr.append(len(indices))
    rows = len(indptr) - 1
    if not vocabulary:
        return sparse.csr_matrix((rows, 1), dtype=dtype)
    order = np.empty(len(vocabulary), dtype=np.int64)
    for new, term in enumerate(sorted(vocabulary)):
        order[vocabulary[term]] = new
    columns = order[np.frombuffer(indices, dtype=np.int64)] if indices else np.zeros(0, dtype=np.int64)
    matrix = sparse.csr_matrix(
        (np.ones(len(columns), dtype=dtype), columns, np.frombuffer(indptr, dtype=np.int64)),
        shape=(rows, len(vocabulary)),
    )
    matrix.sum_duplicates()  # also sorts each row's columns
    return matrix


def tfidf(counts: sparse.csr_matrix, sublinear: bool = True, normalise: bool = True) -> sparse.csr_matrix:
    """Smooth-idf weighting, log(1 + n / 1 + df) + 1, of a count matrix; rows L2-normalised when asked."""
    counts = counts.tocsr()
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = (np.log((1 + n) / (1 + df)) + 1.0).astype(counts.dtype)
    weighted = counts.copy()
    if sublinear:
        weighted.data = (1.0 + np.log(weighted.data)).astype(counts.dtype)
    weighted.data *= idf[weighted.indices]
    if normalise:
        lengths = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        lengths[lengths == 0] = 1.0
        weighted.data /= np.repeat(lengths, np.diff(weighted.indptr)).astype(counts.dtype)
    return weighted


def char_tfidf(texts: Sequence[str], low: int, high: int, *, normalise: bool = True,
               dtype: type = np.float64) -> sparse.csr_matrix:
    """Sublinear TF-IDF rows of word-edge-padded character n-grams of each text."""
    return tfidf(count_matrix((char_wb_ngrams(t, low, high) for t in texts), dtype), normalise=normalise)


def token_tfidf(token_lists: Sequence[Sequence[str]], *, normalise: bool = True,
                dtype: type = np.float64) -> sparse.csr_matrix:
    """Sublinear TF-IDF rows of ready-made token lists."""
    return tfidf(count_matrix(token_lists, dtype), normalise=normalise)
