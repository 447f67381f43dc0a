"""Start embedding, on the engine threads, what events and alignment will ask for, as soon as reports are cleaned.

Why: with the semantic layer on, annotation and event grouping run on one
core while the embedding engine (two threads) waits for its first call: the
events stage embeds every report's title and opening passage, and alignment
then embeds the sentences of every report that shares an event.  Named as
soon as the reports are segmented, these start on the engine threads
(``embeddings.prefetch``) and overlap annotation and grouping; the stages'
own ``encode`` calls then wait for texts in flight instead of encoding them
again.  A row does not depend on its batch, so the output is the same bytes.

What is speculative is the sentences: before events are grouped, which
reports share an event is not known.  They are started only for a small set
(``SPECULATIVE_SENTENCES``: a few dozen reports at most, a teacher's
comparison of one story, where nearly every report has a partner), after the
titles and passages, and whatever no engine thread has begun when alignment
starts is dropped there (``embeddings.drop_pending``); alignment starts what
it needs itself.  So a wrong guess costs at most the engine work done while
the single-threaded stages ran.
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


def start(sources: list[Source], settings: RunSettings) -> int:
    """Start embedding :func:`texts_ahead` in the background; return how many texts were started."""
    from compare.semantic import embeddings

    if not embeddings.available():
        return 0
    return embeddings.prefetch(texts_ahead(sources, settings))
