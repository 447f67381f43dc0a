"""Where per-report and per-event work runs: in this process, or on a Dask cluster.

The pipeline only ever calls ``executor.map(function, items)`` and gets the
results back *in the order of the items*, whatever order they finished in;
that is what keeps the reports byte-identical across engines.  This is the
one seam between the pipeline and the machinery that runs it, in the way
httpx hides the network behind a transport.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing as mp
import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Executor(ABC):
    """Runs a function over items; results come back in the items' order."""

    name = "base"

    @abstractmethod
    def map(self, function: Callable[..., R], items: Sequence[Any], *shared: Any) -> list[R]:
        """``[function(item, *shared) for item in items]``, possibly in parallel."""

    def map_light(self, function: Callable[[Any], R], items: Sequence[Any],
                  done: Callable[[int], None] | None = None) -> list[R]:
        """``map`` for CPU-bound work whose items and results are small and whose function needs nothing
        loaded beforehand (TER's shift search over two sentences): an executor may spread it wider.  ``done``
        is called in the calling thread with the number of items finished, now and then (progress)."""
        results = self.map(function, items)
        if done is not None:
            done(len(items))
        return results

    def map_heavy(self, function: Callable[..., R], items: Sequence[Any], *shared: Any,
                  warm_up: Sequence[int] = (), cost: Callable[[Any], float] | None = None,
                  done: Callable[[int], None] | None = None) -> list[R]:
        """``map`` for CPU-bound per-event work that a forked copy of this process can do as well as this one:
        the function reads only its item and the shared values, and nothing runs on another thread of this
        process while it is called (a caller whose function may embed settles the engine first and lets each
        worker make its own session: ``compare.stages.base.Context.cached_map``'s ``embeds``), so nothing a
        fork leaves behind half-held can stall it.  An executor may spread it over its cores; the items at
        ``warm_up`` positions it computes here first, so that what they load lazily (a language's
        dictionaries) is loaded once, before any copy is made.  ``cost`` (an item's expected work, any
        scale) lets it start the largest items first, so no core is left alone with a long one at the end;
        ``done`` is called in the calling thread with the number of items finished, now and then (progress)."""
        results = self.map(function, items, *shared)
        if done is not None:
            done(len(items))
        return results

    def beside(self, forked: Callable[[], R], here: Callable[[], T]) -> tuple[R, T]:
        """``(forked(), here())``: an executor may compute ``forked`` in a forked copy of this process while this
        process computes ``here``.  The same rule as ``map_heavy``: ``forked`` reads only what it closes over,
        changes nothing the rest of the run reads (its changes stay in the copy), and no other thread of this
        process runs; its result comes back pickled."""
        return forked(), here()

    def close(self) -> None:  # noqa: B027 - optional hook: most executors hold nothing
        """Release whatever the executor started."""
        return None

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalExecutor(Executor):
    """The default: everything in this process, one item after another.

    Light work (``map_light``) goes to forked worker processes when the
    machine has several cores and there are enough items to repay the fork.
    Only light work does: forking shares the parent's loaded language
    resources copy-on-write, and the items and results that cross between
    processes stay small, so memory hardly grows, whereas shipping reports
    and their annotations to workers would cost as much as the work.
    """

    name = "local"
    MIN_LIGHT_ITEMS = 16
    MIN_HEAVY_ITEMS = 8
    """Fewer heavy items than this stay in this process: forking a loaded process and reaping its workers costs
    about a tenth of a second, more than two or three small events take (the five seed reports)."""

    def __init__(self, processes: int | None = None, min_heavy_items: int = MIN_HEAVY_ITEMS) -> None:
        self.processes = processes if processes is not None else len(os.sched_getaffinity(0)) \
            if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        self.min_heavy_items = min_heavy_items

    def map(self, function: Callable[..., R], items: Sequence[Any], *shared: Any) -> list[R]:
        return [function(item, *shared) for item in items]

    def map_light(self, function: Callable[[Any], R], items: Sequence[Any],
                  done: Callable[[int], None] | None = None) -> list[R]:
        if self.processes < 2 or len(items) < self.MIN_LIGHT_ITEMS or "fork" not in mp.get_all_start_methods():
            return super().map_light(function, items, done)
        workers = min(self.processes, len(items))
        with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
            # Small chunks: items can differ a hundredfold in cost (TER of a long sentence pair).
            results = []
            for value in pool.map(function, items, chunksize=max(1, len(items) // (workers * 32))):
                results.append(value)
                if done is not None:
                    done(len(results))
            return results

    def map_heavy(self, function: Callable[..., R], items: Sequence[Any], *shared: Any,
                  warm_up: Sequence[int] = (), cost: Callable[[Any], float] | None = None,
                  done: Callable[[int], None] | None = None) -> list[R]:
        """Heavy per-event work on every core: this process takes items itself beside ``processes - 1`` forked
        workers, which inherit the function, the items and the shared values (reports, annotations)
        copy-on-write, so only an item's position goes out and its result comes back (pickled).  Results come
        back in the items' order, computed by the same code on the same values, so the report is the same
        bytes as one process makes.

        Why this process works too, instead of waiting for one worker per core: each worker holds pages of its
        own (the parent's pages whose reference counts it touched, its caches, its freed temporaries), a few
        hundred MB on 1,000 WMT21 documents, while this process already holds everything it reads; on two
        cores that was the run's peak (the parent and two workers).  Items are handed out one at a time to
        whichever side is free, so a long event does not leave a core idle.

        The collector's tracked objects are frozen before the fork: otherwise a collection in a worker
        touches every object's header and copies the parent's pages one by one.

        With ``cost``, the items are handed out largest first (the results still come back in the items'
        order): handed out in their own order, the last item taken could be the set's largest event, and one
        core then worked alone on it while the other waited (longest-processing-time-first scheduling).
        """
        global _HEAVY
        if self.processes < 2 or len(items) < max(2, self.min_heavy_items) or "fork" not in mp.get_all_start_methods():
            return super().map_heavy(function, items, *shared, done=done)
        found = {position: function(items[position], *shared) for position in sorted(set(warm_up))}
        rest = [position for position in range(len(items)) if position not in found]
        if len(rest) < 2:
            found.update((position, function(items[position], *shared)) for position in rest)
            if done is not None:
                done(len(items))
            return [found[position] for position in range(len(items))]
        if cost is not None:
            costs = {position: cost(items[position]) for position in rest}
            rest.sort(key=lambda position: -costs[position])  # stable: equal costs keep the items' order
        forked = min(self.processes, len(rest)) - 1
        _HEAVY = (function, items, shared)
        gc.freeze()
        try:
            # concurrent.futures rather than multiprocessing.Pool: a worker that dies (out of memory) breaks the
            # pool with an error instead of leaving the run waiting for ever.  Its processes are all forked
            # before its manager thread starts (the "fork" context), so no thread of this process is copied.
            with ProcessPoolExecutor(forked, mp_context=mp.get_context("fork")) as pool:
                found.update(_share_out(pool, forked, rest, lambda p: function(items[p], *shared),
                                        None if done is None else lambda n: done(len(found) + n)))
        finally:
            _HEAVY = None
            gc.unfreeze()
        if done is not None:
            done(len(items))
        return [found[position] for position in range(len(items))]

    def beside(self, forked: Callable[[], R], here: Callable[[], T]) -> tuple[R, T]:
        """``forked`` in one forked worker while this process computes ``here`` (see ``Executor.beside``).

        Why: a set-level step that runs on one core (grouping 1,000 WMT21 documents into events: some 5 CPU-s)
        leaves the other core idle; where something the next stages need can be computed beside it, the two
        run at once.  The worker is forked before ``here`` starts (as ``_share_out`` forks first), the
        collector's objects frozen as for ``map_heavy``.
        """
        global _BESIDE
        if self.processes < 2 or "fork" not in mp.get_all_start_methods():
            return super().beside(forked, here)
        _BESIDE = forked
        gc.freeze()
        try:
            with ProcessPoolExecutor(1, mp_context=mp.get_context("fork")) as pool:
                pool.submit(_forked_ready).result()
                future = pool.submit(_run_beside)
                mine = here()
                return future.result(), mine
        finally:
            _BESIDE = None
            gc.unfreeze()


_BESIDE: Callable[[], Any] | None = None
"""What :meth:`LocalExecutor.beside`'s forked worker runs: set in the parent just before the fork."""


def _run_beside() -> Any:
    return _BESIDE()  # type: ignore[misc]


def _share_out(pool: ProcessPoolExecutor, forked: int, positions: list[int],
               here: Callable[[int], Any], done: Callable[[int], None] | None = None) -> dict[int, Any]:
    """Every position's result: ``forked`` feeder threads each keep one position in flight in the pool while this
    thread computes positions itself with ``here``; each side takes the next position when it is free.

    Every feeder's first position is claimed before this thread starts, so each worker has work at once.  A
    failure on either side (a worker that died: ``BrokenProcessPool``) stops the hand-out and is raised here.

    The pool's workers are forked here, from this thread, before any feeder starts or any item is computed here:
    the pool forks on its first submit, and a fork from a feeder while this thread computes an item copies locks
    this thread holds (a ``functools.cached_property``'s lock, the allocator's) into a child where no thread will
    ever release them; a worker then waits for ever on its first item (seen in ``tests/test_scale.py``'s 1,000
    one-line reports).  ``done``, if given, is called here with the number of results so far after each item
    computed here (progress).
    """
    pool.submit(_forked_ready).result()
    lock = threading.Lock()
    queue = iter(positions)
    results: dict[int, Any] = {}
    failures: list[BaseException] = []

    def claim() -> int | None:
        with lock:
            return None if failures else next(queue, None)

    def feed(first: int | None) -> None:
        position = first
        while position is not None:
            try:
                value = pool.submit(_run_heavy, position).result()
            except BaseException as exc:  # noqa: BLE001 - handed to the calling thread, which raises it
                with lock:
                    failures.append(exc)
                return
            results[position] = value
            position = claim()

    feeders = [threading.Thread(target=feed, args=(claim(),), name="heavy-feeder", daemon=True)
               for _ in range(forked)]
    for feeder in feeders:
        feeder.start()
    try:
        while (position := claim()) is not None:
            results[position] = here(position)
            if done is not None:
                done(len(results))
    except BaseException as exc:
        with lock:
            failures.append(exc)
        raise
    finally:
        for feeder in feeders:
            feeder.join()
    if failures:
        raise failures[0]
    return results


def _forked_ready() -> None:
    """A first task for the pool, submitted from the calling thread alone, so its workers are forked then."""


_HEAVY: tuple[Callable[..., Any], Sequence[Any], tuple[Any, ...]] | None = None
"""What :meth:`LocalExecutor.map_heavy`'s forked workers run: set in the parent just before the fork."""


def _run_heavy(position: int) -> Any:
    function, items, shared = _HEAVY  # type: ignore[misc]
    try:
        return function(items[position], *shared)
    finally:
        _give_back_free_heap()


def _give_back_free_heap() -> None:
    """Return the C heap's free pages to the system after each heavy item in a forked worker.

    Why: an item's large temporary arrays (similarity matrices, a pair's band) are freed into glibc's heap, which
    may keep them (its mmap threshold rises to the largest block freed); in a worker such pages are its own, on
    top of what it shares with the parent.  ``malloc_trim(0)`` hands back every whole free page (not only the
    heap's top), and only free memory: no value changes.  A hedge, not the cut that mattered: alone it moved
    200 WMT21 documents' tree peak within noise (docs/methods.md, "worktree mem4"), where the workers' private
    pages are mostly Python objects, not the C heap.  Where there is no glibc it does nothing.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


_TRIM: list[Any] = []


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim``, looked up once per process (None elsewhere: musl, macOS)."""
    if not _TRIM:
        function = None
        try:
            import ctypes

            function = ctypes.CDLL(None).malloc_trim
            function.argtypes, function.restype = [ctypes.c_size_t], ctypes.c_int
        except (OSError, AttributeError):
            function = None
        _TRIM.append(function)
    return _TRIM[0]


class DaskExecutor(Executor):
    """Sends work to a Dask cluster: the one at ``address``, or a local one it starts.

    Shared arguments are scattered once (broadcast) instead of being shipped
    with every task; results are gathered in submission order.
    """

    name = "dask"

    def __init__(self, address: str | None = None, n_workers: int | None = None, batch_size: int = 64) -> None:
        from dask.distributed import Client, LocalCluster

        self._cluster = None
        if address:
            try:
                self.client = Client(address, timeout="20s")
            except (OSError, TimeoutError, ValueError) as exc:
                from compare.errors import UsageError

                raise UsageError(f"--scheduler {address}: no Dask scheduler answers there ({exc})",
                                 "start the scheduler, check the address, or leave --scheduler out to start a "
                                 "local cluster") from None
        else:
            self._cluster = LocalCluster(
                n_workers=n_workers or 2, threads_per_worker=1, processes=True,
                host="127.0.0.1", dashboard_address=None,
                # Worker processes log to the run's stderr. At shutdown a heartbeat in flight meets the closed
                # scheduler and logs a harmless ERROR with a traceback into the user's output; a task's own
                # failure still reaches the client as an exception, so only critical logs are worth printing.
                silence_logs=logging.CRITICAL,
                # No dashboard; its HTTP server (health checks) still starts, on a free port rather than 8787,
                # where another cluster on the machine made the run print a port warning into its output.
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            )
            self.client = Client(self._cluster)
        self.batch_size = batch_size
        self._scattered: dict[int, tuple[Any, Any]] = {}

    def map(self, function: Callable[..., R], items: Sequence[Any], *shared: Any) -> list[R]:
        if not items:
            return []
        scattered = [self._scatter(value) for value in shared]
        batches = [list(items[i:i + self.batch_size]) for i in range(0, len(items), self.batch_size)]
        futures = [self.client.submit(_run_batch, function, batch, *scattered, pure=False) for batch in batches]
        results: list[R] = []
        for batch_result in self.client.gather(futures):
            results.extend(batch_result)
        return results

    def _scatter(self, value: Any) -> Any:
        """Broadcast a shared value once per executor, however many map calls use it."""
        held = self._scattered.get(id(value))
        if held is None or held[0] is not value:
            # A list of one: scatter would read a dict as {key: data} and send its values instead.
            held = (value, self.client.scatter([value], broadcast=True, hash=False)[0])
            self._scattered[id(value)] = held
        return held[1]

    def close(self) -> None:
        self._scattered.clear()
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def _run_batch(function: Callable[..., R], batch: list[Any], *shared: Any) -> list[R]:
    return [function(item, *shared) for item in batch]


def make_executor(engine: str, scheduler: str | None = None) -> Executor:
    if engine == "local":
        return LocalExecutor()
    if engine == "dask":
        return DaskExecutor(scheduler)
    raise ValueError(f"unknown engine {engine!r}; choose 'local' or 'dask'")
