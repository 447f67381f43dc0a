"""Start embedding, on the engine threads, what events and alignment will ask for, as soon as reports are cleaned.

Why: with the semantic layer on, annotation and event grouping run on one
core while the embedding engine (two threads) waits for its first call: the
events stage embeds every report's title and opening passage, and alignment
then embeds the sentences of every report that shares an event.  Named as
soon as the reports are segmented, these start on the engine threads
(``embeddings.prefetch``) and overlap annotation and grouping; the stages'
own ``encode`` calls then wait for texts in flight instead of encoding them
again.  A row does not depend on its batch, so the output is the same bytes.

Each report's title and passage start as soon as that report is cleaned
(:func:`start_report`, through ``Context.cleaned``), while the next ones are
still being read: the passages are the longest texts embedded, and the
engine would otherwise idle through the cleaning of the whole set.  A report
that then turns out unusable costs its two texts; nothing else changes, as
the events stage asks for the same texts, whoever started them.

What is speculative is the sentences: before events are grouped, which
reports share an event is not known.  A small set's are started with the rest
(``SPECULATIVE_SENTENCES``: a few dozen reports at most, a teacher's
comparison of one story, where nearly every report has a partner), after the
titles and passages, and whatever no engine thread has begun when alignment
starts is dropped there (``embeddings.drop_pending``); alignment starts what
it needs itself.  So a wrong guess costs at most the engine work done while
the single-threaded stages ran.  A larger set's sentences are guessed too
(:func:`sentences_ahead`), in larger requests, where annotation forks beside
the engine's process.
"""

from __future__ import annotations

from compare.model import Source
from compare.settings import RunSettings

SPECULATIVE_SENTENCES = 600
"""Sets of at most this many sentences (the seeds: 122) have their sentences started before events are known."""


def texts_ahead(sources: list[Source], settings: RunSettings) -> list[str]:
    """What to start: every report's title and passage (events), then, for a small set, every sentence (align)."""
    from compare.semantic.documents import lead_sentences, passage

    texts: list[str] = []
    if settings.events.semantic:
        texts += [lead_sentences(s)[0] for s in sources] + [passage(s) for s in sources]
    sentences = [x.text for s in sources for x in s.sentences]
    if len(sources) > 1 and len(sentences) <= SPECULATIVE_SENTENCES:
        texts += sentences
    return texts


def report_texts(source: Source, settings: RunSettings) -> list[str]:
    """What the events stage will embed of one report: its title and its opening passage (none without them)."""
    from compare.semantic.documents import lead_sentences, passage

    if not settings.events.semantic or not source.sentences:
        return []
    return [lead_sentences(source)[0], passage(source)]


def start_report(source: Source, settings: RunSettings) -> int:
    """Start embedding :func:`report_texts` of one freshly cleaned report in the background; return how many."""
    from compare.semantic import embeddings

    texts = report_texts(source, settings)
    if not texts or not embeddings.available():
        return 0
    return embeddings.prefetch(texts)


def start(sources: list[Source], settings: RunSettings) -> int:
    """Start embedding :func:`texts_ahead` in the background, then a larger set's :func:`sentences_ahead`; return
    how many texts were started."""
    from compare.semantic import embeddings

    if not embeddings.available():
        return 0
    started = embeddings.prefetch(texts_ahead(sources, settings))
    later = sentences_ahead(sources, settings)
    if later:
        started += embeddings.prefetch(later, batch_size=SENTENCE_BATCH)
    return started


SENTENCE_BATCH = 64
"""Texts per engine request for :func:`sentences_ahead` (the engine encodes each text alone, whatever the batch).

Why larger than ``embeddings.BATCH_SIZE``: these run while this process's main thread groups events (Python,
holding the GIL); every reply wakes two threads here that need the GIL, and each wake-up makes the main thread
hand it over.  64 sentences of WMT21 news (about 0.7 engine CPU-second a request) keep those hand-overs to a few
a second."""


def sentences_ahead(sources: list[Source], settings: RunSettings) -> list[str]:
    """A larger set's sentences, started with :func:`start` (none for a small set: :func:`texts_ahead` has them).

    :func:`start` runs as ingest ends where annotation forks beside the engine's process
    (``embeddings.forks_safely``), else after annotation.  Why: on 1,000 WMT21 documents the engine sat idle
    while this process annotated (its first report of each language, before the fork), linked the annotations
    and grouped the events, and alignment then waited for every sentence on both cores.  Started here, behind
    the titles and passages, the engine fills the cores through those stretches.  A guess: which reports share
    an event is not known yet, so what no engine thread has begun when alignment starts is dropped there
    (``embeddings.drop_pending``), and alignment asks for what it needs; a wrong guess costs at most what the
    engine did before alignment (on the 1,000 documents every report shares an event, so nothing).  Not where
    the first tier (USE) decides first: e5 then embeds only what USE leaves open.
    """
    from compare.settings import FIRST_TIER

    semantic = settings.align.semantic
    if len(sources) < 2 or not semantic.enabled or semantic.first_tier == FIRST_TIER:
        return []
    sentences = [x.text for s in sources for x in s.sentences]
    return sentences if len(sentences) > SPECULATIVE_SENTENCES else []
