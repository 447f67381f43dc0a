"""Overlap of two sources of an event, over the sentences the aligner linked.

BLEU, chrF and TER are sacrebleu's corpus scores, with sacrebleu's own
signatures copied in unchanged: each link is one segment, the sentence of
``source_b`` the hypothesis and the sentence of ``source_a`` the reference.
Coverage is counted in characters over the text that is compared: the share
of A's statements that sit in sentences linked to B, and the reverse.
Passages about another event (background) and page structure (headline,
standfirst, caption, credit) are never compared, so they are out of both
the share and its denominator: a report with a long history section would
otherwise read as little covered however much of its news the other carries
(2019: 000 has 17 background sentences; 44% of all its text, 70% of what
was compared, has a counterpart in 001).  Unique sentences are those with
no link to the other source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import lru_cache

from sacrebleu.metrics import BLEU, CHRF, TER

from compare.model import Link, PairScore, Source
from compare.settings import PAIR_METRICS
from compare.ter import segment_statistics

_BLEU = BLEU(effective_order=True)
_CHRF = CHRF()
_TER = TER()
for _metric in (_BLEU, _CHRF, _TER):
    # sacrebleu fills the reference count into a signature only once the metric has scored something;
    # every score here has exactly one reference, so one scored segment makes the signature final.
    _metric.corpus_score(["a"], [["a"]])


@lru_cache(maxsize=1024)
def _chrf_ngrams(text: str) -> tuple[tuple[Counter, int], ...]:
    """sacrebleu's chrF n-gram counts of one sentence, per order, with their total (the same whether hypothesis
    or reference).

    A sentence of an event is compared with the sentences of every other
    source, so its counts are kept while the event is aligned rather than
    recounted per pair.  About 75 kB a sentence: the cache holds an event, not an archive.
    """
    counts = _CHRF._extract_reference_info([_CHRF._preprocess_segment(text)])["ref_ngrams"][0]
    return tuple((ngrams, sum(ngrams.values())) for ngrams in counts)


def _match_statistics(hypothesis: tuple[Counter, int], reference: tuple[Counter, int]) -> tuple[int, int, int]:
    """``CHRF._get_match_statistics``, the same integers: the totals come with the counts, and the n-grams in
    both are found by one intersection of the two key sets (integer sums do not depend on their order)."""
    (hyp_ngrams, hyp_count), (ref_ngrams, ref_count) = hypothesis, reference
    matches = 0
    for ngram in hyp_ngrams.keys() & ref_ngrams.keys():  # a set operation in C: most n-grams are in one side only
        a, b = hyp_ngrams[ngram], ref_ngrams[ngram]
        matches += a if a < b else b
    return hyp_count if ref_ngrams else 0, ref_count, matches


@lru_cache(maxsize=65536)
def _both_ways(first: str, second: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """chrF statistics of ``first`` against ``second`` and of ``second`` against ``first``, from one intersection.

    Why both at once: a pair's score is reported both ways (``chrf`` and ``chrf_reverse``: chrF weighs recall twice
    precision), and the two directions share every matched count (a match is the smaller of the two counts);
    only the totals swap places.  Counting the matches once halves the cost the reverse score added.
    """
    forward: list[int] = []
    backward: list[int] = []
    for one, other in zip(_chrf_ngrams(first), _chrf_ngrams(second), strict=True):
        hyp_total, ref_total, matches = _match_statistics(one, other)
        forward += (hyp_total, ref_total, matches)
        # _match_statistics(other, one), the same integers: its hypothesis total is 0 where ``one`` has no n-gram.
        backward += (other[1] if one[0] else 0, one[1], matches)
    return tuple(forward), tuple(backward)


def chrf_statistics(hypothesis: str, reference: str) -> tuple[int, ...]:
    """sacrebleu's chrF statistics of one segment, kept so corpus chrF aggregates them without recounting.

    sacrebleu keeps per-segment statistics apart from aggregation for this
    very reuse; ``corpus_chrf`` sums them exactly as ``CHRF.corpus_score`` does.
    The statistics are sacrebleu's ``_compute_segment_statistics`` for one
    reference, from the sentences' cached n-gram counts; one cache entry serves a
    pair in both directions (:func:`_both_ways`).
    """
    if hypothesis <= reference:
        return _both_ways(hypothesis, reference)[0]
    return _both_ways(reference, hypothesis)[1]


def chrf(hypothesis: str, reference: str) -> float:
    """sacrebleu's sentence chrF (default settings; see :func:`chrf_signature`)."""
    return float(_CHRF._compute_score_from_stats(list(chrf_statistics(hypothesis, reference))).score)


def corpus_chrf(hypotheses: list[str], references: list[str]) -> float:
    """sacrebleu's corpus chrF over segment pairs, from the cached per-segment statistics."""
    stats = [list(chrf_statistics(h, r)) for h, r in zip(hypotheses, references, strict=True)]
    return float(_CHRF._aggregate_and_compute(stats).score)



@lru_cache(maxsize=1024)
def _bleu_ngrams(text: str) -> tuple[Counter, int]:
    """sacrebleu's BLEU word n-grams (orders 1 to 4) of one sentence, tokenised as BLEU tokenises it, and its length.

    Why kept: ``BLEU.corpus_score`` tokenises and counts both sentences of every linked pair afresh, and a sentence
    is in a pair with each other source of its event.  The counts are only read, never changed.  Some 25 kB a
    sentence: as for chrF's counts, the cache holds an event (pairs are scored event by event), not an archive."""
    from sacrebleu.metrics.helpers import extract_all_word_ngrams

    return extract_all_word_ngrams(_BLEU._preprocess_segment(text), 1, _BLEU.max_ngram_order)


def bleu_statistics(hypothesis: str, reference: str) -> list[int]:
    """sacrebleu's ``BLEU._compute_segment_statistics`` of one segment with one reference (the same integers), from
    the sentences' kept n-gram counts."""
    hyp_ngrams, hyp_len = _bleu_ngrams(hypothesis)
    ref_ngrams, ref_len = _bleu_ngrams(reference)
    order = _BLEU.max_ngram_order
    correct = [0] * order
    total = [0] * order
    for ngram, count in hyp_ngrams.items():
        n = len(ngram) - 1
        total[n] += count
        if ngram in ref_ngrams:
            other = ref_ngrams[ngram]
            correct[n] += count if count < other else other
    return [hyp_len, ref_len, *correct, *total]


def corpus_bleu(hypotheses: Sequence[str], references: Sequence[str]) -> float:
    """``BLEU.corpus_score(hypotheses, [references]).score`` (one reference a segment), from kept n-gram counts."""
    stats = [bleu_statistics(h, r) for h, r in zip(hypotheses, references, strict=True)]
    return float(_BLEU._compute_score_from_stats([sum(column) for column in zip(*stats, strict=True)]).score)


NOT_COMPUTED = None
"""The value of a metric left out (``metrics=``); its signature then says so."""


def metric_signatures(metrics: tuple[str, ...] = PAIR_METRICS) -> dict[str, str]:
    """sacrebleu's signature of each pair metric, as sacrebleu prints it."""
    signatures = {"bleu": str(_BLEU.get_signature()), "chrf": str(_CHRF.get_signature()),
                  "ter": str(_TER.get_signature())}
    return {k: (v if k in metrics else "not computed") for k, v in signatures.items()}


def _coverage(source: Source, linked: set[int], not_compared: Collection[tuple[str, int]] = ()) -> float:
    """Characters of ``source``'s linked sentences over those of every sentence compared (``not_compared``:
    (source id, sentence index) of background and page structure, out of both)."""
    compared = [s for s in source.sentences if (source.id, s.index) not in not_compared]
    total = sum(len(s.text) for s in compared)
    if not total:
        return 0.0
    return sum(len(s.text) for s in compared if s.index in linked) / total


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def pair_segments(a: Source, b: Source, links: Sequence[Link]) -> list[tuple[str, str]]:
    """The (hypothesis, reference) segments of a pair: B's sentence against A's, one per link, in A's order.

    None across languages: TER is not computed there (see :func:`score_pair`).
    """
    if a.language != b.language:
        return []
    return _segments(a, b, _linked_indices(a, b, links))


def _segments(a: Source, b: Source, pairs: Sequence[tuple[int, int]]) -> list[tuple[str, str]]:
    texts_a = {s.index: s.text for s in a.sentences}
    texts_b = {s.index: s.text for s in b.sentences}
    return [(texts_b[j], texts_a[i]) for i, j in pairs]


def _linked_indices(a: Source, b: Source, links: Sequence[Link]) -> list[tuple[int, int]]:
    pairs = []
    for link in links:
        if link.source_a == a.id and link.source_b == b.id:
            pairs.append((link.sentence_a, link.sentence_b))
        elif link.source_a == b.id and link.source_b == a.id:
            pairs.append((link.sentence_b, link.sentence_a))
    return sorted(pairs)


@lru_cache(maxsize=65536)
def ter_statistics(segment: tuple[str, str]) -> tuple[float, float]:
    """sacrebleu's TER statistics of one (hypothesis, reference) segment: edits and reference words.

    TER's shift search is the slowest score by far; computed segment by
    segment its statistics can be cached and shared out to workers, and
    :func:`corpus_ter` sums them exactly as ``TER.corpus_score`` does. The
    same two sentences recur across the pairs of an event (a sentence that
    several outlets carry verbatim), so they are also kept in memory.
    :mod:`compare.ter` runs sacrebleu's own search with the candidates of each
    shift round scored together, giving sacrebleu's numbers about ten times faster.
    """
    hypothesis, reference = segment
    return segment_statistics(hypothesis, reference)


def corpus_ter(statistics: Sequence[tuple[float, float]]) -> float:
    """sacrebleu's corpus TER from per-segment statistics (100 when there are none, as for an unlinked pair)."""
    if not statistics:
        return 100.0
    return float(_TER._aggregate_and_compute([list(s) for s in statistics]).score)


def score_pair(
    event: str, a: Source, b: Source, links: Sequence[Link], metrics: tuple[str, ...] = PAIR_METRICS,
    not_compared: Collection[tuple[str, int]] = (),
) -> PairScore:
    """PairScore of sources ``a`` and ``b`` from the links between them (in either direction).

    ``not_compared``: (source id, sentence index) of the sentences the event does not compare (background
    passages, page structure), left out of coverage (see the module's docstring).

    ``metrics`` can leave out ``ter``: sacrebleu's TER searches for shifts in
    pure Python (about 20 ms a sentence pair), the one cost here that grows
    fast with the number of links; a metric left out is None (an empty cell in
    pairs.csv, NaN in pandas) and its signature reads "not computed".
    ``compare run`` leaves it out here and adds it afterwards from cached
    per-segment statistics (:func:`ter_statistics`, :func:`with_ter`).
    """
    pairs = _linked_indices(a, b, links)
    segments = _segments(a, b, pairs)
    if a.language != b.language:
        # BLEU, chrF and TER count shared words or characters: across languages they measure the languages, not
        # the reports (a German translation of the wire story scored chrF 21 against it).  Not computed.
        bleu = chrf = ter = chrf_reverse = NOT_COMPUTED
    elif pairs:
        hyps = [h for h, _ in segments]
        refs = [r for _, r in segments]
        bleu = corpus_bleu(hyps, refs) if "bleu" in metrics else NOT_COMPUTED
        chrf = corpus_chrf(hyps, refs) if "chrf" in metrics else NOT_COMPUTED
        chrf_reverse = corpus_chrf(refs, hyps) if "chrf" in metrics else NOT_COMPUTED
        ter = corpus_ter([ter_statistics(s) for s in segments]) if "ter" in metrics else NOT_COMPUTED
    else:
        bleu = chrf = chrf_reverse = 0.0
        ter = 100.0 if "ter" in metrics else NOT_COMPUTED
    linked_a = {i for i, _ in pairs}
    linked_b = {j for _, j in pairs}
    return PairScore(
        event=event, source_a=a.id, source_b=b.id,
        bleu=_rounded(bleu), chrf=_rounded(chrf), ter=_rounded(ter),
        coverage_a_in_b=round(_coverage(a, linked_a, not_compared), 4),
        coverage_b_in_a=round(_coverage(b, linked_b, not_compared), 4),
        unique_a=len(a.sentences) - len(linked_a), unique_b=len(b.sentences) - len(linked_b),
        links=len(pairs), signatures=metric_signatures(metrics), chrf_reverse=_rounded(chrf_reverse),
    )


def with_ter(pair: PairScore, statistics: Sequence[tuple[float, float]] | None, metrics: tuple[str, ...],
             ) -> PairScore:
    """``pair`` with its TER filled in from its segments' statistics, and signatures for ``metrics``.

    ``statistics`` None: a pair in two languages, whose TER stays empty (see :func:`score_pair`).
    """
    if statistics is None:
        return replace(pair, signatures=metric_signatures(metrics))
    return replace(pair, ter=_rounded(corpus_ter(statistics)), signatures=metric_signatures(metrics))
