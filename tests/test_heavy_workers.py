"""Per-report and per-event work in forked workers: the same results, in the same order, as one process gives."""

from __future__ import annotations

import filecmp
import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from compare.cli.common import bundled_seeds, settings_from
from compare.executors import LocalExecutor
from compare.pipeline import run_pipeline
from compare.report.writer import write_report
from compare.settings import DEFAULT_MAX_FILE_MB, MAX_SENTENCE_CHARS


def _square_and_where(item: int, offset: int) -> tuple[int, int]:
    return item * item + offset, os.getpid()


def test_heavy_work_comes_back_in_order_and_runs_beside_this_process():
    items = list(range(12))
    found = LocalExecutor(2, min_heavy_items=2).map_heavy(_square_and_where, items, 5, warm_up=(3,))
    assert [value for value, _ in found] == [i * i + 5 for i in items]
    # The warmed-up item ran here (what it loaded is then inherited); the others in forked workers.
    assert found[3][1] == os.getpid()
    assert {pid for _, pid in found} - {os.getpid()}


def test_few_items_or_one_core_stay_in_this_process():
    for executor in (LocalExecutor(1, min_heavy_items=2), LocalExecutor(2)):
        found = executor.map_heavy(_square_and_where, [1, 2, 3], 0)
        assert found == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


def _die(item: int, parent: int) -> int:
    if os.getpid() != parent:
        os._exit(3)  # a worker killed (out of memory, say) mid-item
    return item


def test_a_worker_that_dies_stops_the_run_with_an_error_instead_of_a_hang():
    with pytest.raises(BrokenProcessPool):
        LocalExecutor(2, min_heavy_items=2).map_heavy(_die, [1, 2, 3], os.getpid())


def test_this_process_takes_items_beside_its_one_worker_on_two_cores():
    """Two cores: one forked worker and this process share the items (a second worker's private pages, a few
    hundred MB on a large set, are not paid), each item computed once."""
    found = LocalExecutor(2, min_heavy_items=2).map_heavy(_slow_square_and_where, list(range(40)), 0)
    assert [value for value, _ in found] == [i * i for i in range(40)]
    pids = {pid for _, pid in found}
    assert os.getpid() in pids and len(pids) == 2


def _slow_square_and_where(item: int, offset: int) -> tuple[int, int]:
    import time

    time.sleep(0.01)  # long enough that both sides take items
    return _square_and_where(item, offset)


def _report(tmp_path: Path, name: str, executor: LocalExecutor) -> Path:
    settings = settings_from(DEFAULT_MAX_FILE_MB, MAX_SENTENCE_CHARS, semantic=False)
    run = run_pipeline(bundled_seeds(), settings, executor=executor)
    out = tmp_path / name
    write_report(run, out, executor=executor)
    return out


def test_a_run_on_two_cores_writes_the_same_report_as_one_process(tmp_path):
    one = _report(tmp_path, "one", LocalExecutor(1))
    two = _report(tmp_path, "two", LocalExecutor(2, min_heavy_items=2))
    names = sorted(str(p.relative_to(one)) for p in one.rglob("*") if p.is_file())
    assert names == sorted(str(p.relative_to(two)) for p in two.rglob("*") if p.is_file())
    assert any(name.endswith("links.csv") for name in names)
    # compare.db included: one SQLite version writes the same rows into the same bytes.
    different = [n for n in names if not filecmp.cmp(one / n, two / n, shallow=False)]
    assert different == []


def _workers_alive_when_computed(item: int, parent: int) -> int:
    """Here: how many forked workers exist while this process computes the item; in a worker: -1."""
    import multiprocessing

    return len(multiprocessing.active_children()) if os.getpid() == parent else -1


def test_the_workers_are_forked_before_this_process_computes_an_item():
    """A fork while this process computes an item copies the locks it holds (a cached_property's, the
    allocator's) into a worker where no thread will release them: a worker then hangs on its first item (seen on
    1,000 one-line reports).  So the pool forks first, from this thread, and every item computed here sees its
    worker already there."""
    found = LocalExecutor(2, min_heavy_items=2).map_heavy(_workers_alive_when_computed, list(range(6)),
                                                          os.getpid())
    here = [n for n in found if n >= 0]
    assert here and all(n >= 1 for n in here)
