"""How heavy and light work is handed out (issue 24, speed10): one fork per stage, largest items first, progress
as before, no keys built without a cache.  Only the order and place of the work change, never a result."""

from __future__ import annotations

import os
import threading
import time

from compare.cache import Cache
from compare.executors import LocalExecutor
from compare.settings import RunSettings
from compare.stages import STAGES
from compare.stages.base import CHUNK, Context, pairs_cost


def _started(item: int, offset: int) -> tuple[int, float]:
    started = time.monotonic()  # one clock for every process of the machine
    time.sleep(0.01)  # long enough that both sides take items
    return item + offset, started


def test_the_largest_items_are_handed_out_first_and_come_back_in_order():
    items = list(range(24))
    found = LocalExecutor(2, min_heavy_items=2).map_heavy(_started, items, 100, cost=lambda item: item)
    assert [value for value, _ in found] == [item + 100 for item in items]
    started = {item: at for item, (_, at) in zip(items, found, strict=True)}
    # The two largest start before any of the four smallest: handed out in the items' order, they came last.
    assert max(started[23], started[22]) < min(started[k] for k in range(4))


def test_progress_is_reported_in_the_calling_thread_and_ends_at_every_item():
    calls: list[tuple[int, str]] = []
    found = LocalExecutor(2, min_heavy_items=2).map_heavy(
        _started, list(range(10)), 0, done=lambda n: calls.append((n, threading.current_thread().name)))
    assert len(found) == 10
    assert calls[-1][0] == 10
    assert {name for _, name in calls} == {threading.current_thread().name}
    counts = [n for n, _ in calls]
    assert counts == sorted(counts)


def _where(item: int) -> int:
    return os.getpid()


def test_a_stage_forks_its_workers_once_for_all_its_items():
    """Heavy items went to ``map_heavy`` 100 at a time, each call forking a worker afresh (1,000 WMT21 documents'
    annotation: ten forks, each worker copying again the pages it touched); now one call, one worker, and
    progress still every 100 items."""
    reported: list[int] = []
    context = Context(RunSettings(), LocalExecutor(2, min_heavy_items=2), Cache(None),
                      progress=lambda stage, done, total: reported.append(done))
    items = list(range(2 * CHUNK + 50))
    pids = context.cached_map("test", [f"k{i}" for i in items], _where, items, heavy=True)
    assert len(pids) == len(items)
    assert len(set(pids) - {os.getpid()}) == 1
    assert reported[0] == 0 and reported[-1] == len(items)
    assert sum(1 for done in reported if 0 < done < len(items)) >= 2  # along the way, as the chunks did


def _where_light(item: int) -> int:
    return os.getpid()


def test_light_work_forks_one_pool_for_all_its_items():
    context = Context(RunSettings(), LocalExecutor(2), Cache(None))
    items = list(range(4500))  # three chunks of 2,000 before: three pools, up to six workers
    pids = context.cached_map("test", [f"k{i}" for i in items], _where_light, items, light=True)
    assert len(pids) == len(items)
    assert len(set(pids)) <= 2


def test_without_a_cache_no_key_is_built_and_each_item_has_its_own():
    stage = STAGES[1]
    built: list[int] = []

    def parts(n: int):
        built.append(n)
        return ("same",)

    uncached = Context(RunSettings(), LocalExecutor(1), Cache(None))
    keys = [uncached.lazy_key(stage, lambda n=n: parts(n)) for n in range(5)]
    assert built == [] and len(set(keys)) == 5


def test_with_a_cache_the_lazy_key_is_the_key(tmp_path):
    stage = STAGES[1]
    cached = Context(RunSettings(), LocalExecutor(1), Cache(tmp_path / "cache.db"))
    assert cached.lazy_key(stage, lambda: ("a", [1, 2])) == cached.key(stage, "a", [1, 2])
    # the stage's signature is worked out once per run, and is the stage's own
    assert cached._signatures[stage.name] == stage.signature(RunSettings())


def test_the_language_models_preload_thread_is_waited_for_before_a_fork():
    from compare import lang

    lang.preload()
    lang.preloaded()
    assert not [t for t in threading.enumerate() if t.name == "py3langid-preload"]


def test_pairs_cost_counts_the_sentence_pairs_of_every_pair_of_reports():
    class Member:
        def __init__(self, n: int) -> None:
            self.sentences = [None] * n

    assert pairs_cost([Member(3), Member(4), Member(5)]) == 3 * 4 + 3 * 5 + 4 * 5
    assert pairs_cost([Member(7)]) == 0


def test_beside_runs_one_part_in_a_forked_worker_while_this_process_runs_the_other():
    parent = os.getpid()
    there, here = LocalExecutor(2).beside(lambda: (os.getpid(), [1, 2]), lambda: os.getpid())
    assert here == parent and there[0] != parent and there[1] == [1, 2]
    assert LocalExecutor(1).beside(lambda: os.getpid(), lambda: os.getpid()) == (parent, parent)


def test_events_are_grouped_beside_the_census_only_where_nothing_embeds_and_artifacts_will_run():
    from compare.cli.common import settings_from
    from compare.settings import DEFAULT_MAX_FILE_MB, MAX_SENTENCE_CHARS
    from compare.stages.base import State
    from compare.stages.events import _census_beside

    lexical = settings_from(DEFAULT_MAX_FILE_MB, MAX_SENTENCE_CHARS, semantic=False)
    state = State(())
    state.sources = [None] * 20  # type: ignore[list-item]
    state.planned = ("ingest", "annotate", "events", "align", "ter", "artifacts")
    assert _census_beside(state, Context(lexical, LocalExecutor(2), Cache(None)))
    assert not _census_beside(state, Context(RunSettings(), LocalExecutor(2), Cache(None)))  # the engine embeds
    assert not _census_beside(state, Context(lexical, LocalExecutor(1), Cache(None)))
    state.planned = ("ingest", "annotate", "events")  # `compare events`: no census wanted
    assert not _census_beside(state, Context(lexical, LocalExecutor(2), Cache(None)))
