"""The parent's side of :mod:`compare.semantic.engine_server`: an engine handle whose rows come from a process.

:class:`EngineProcess` stands where :class:`compare.semantic.e5_onnx.Engine`
stands in :mod:`compare.semantic.embeddings` (``encode(texts)`` -> rows), so
the memo, the vector store, prefetch and the engine threads work as before;
the engine threads now wait on a pipe instead of running the network.

It falls back to an engine in this process, with the same rows, whenever the
server cannot serve: it did not start, its model is not built yet, it died,
or this is a forked child of the process that started it (a child never
talks to its parent's pipe: after a fork the pipe's ends are closed in the
child, and the child encodes with its own session).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import threading
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Future, InvalidStateError
from typing import Any

import numpy as np

from compare.semantic import engine_launch
from compare.semantic.engine_server import ERROR, FAILED, READY, REPLY, REQUEST, ROWS, read_exactly, write_all

__all__ = ["EngineGone", "EngineProcess"]

_live: weakref.WeakSet[EngineProcess] = weakref.WeakSet()


class EngineGone(RuntimeError):
    """The server cannot answer (not started, failed to load, exited): encode in this process instead."""


class EngineProcess:
    """Texts to the engine server, rows back; an in-process engine (``local``) where the server cannot serve."""

    def __init__(self, variant: str, workers: int, local: Callable[[], Any], dim: int = 384) -> None:
        self.variant = variant
        self.dim = dim
        self._make_local = local
        self._local: Any = None
        self._local_lock = threading.Lock()
        self._owner = os.getpid()
        self._lock = threading.Lock()  # the pending table, the next id, writing a frame
        self._pending: dict[int, Future] = {}
        self._next = 1
        self._gone: str | None = None
        self.served = 0  # requests whose rows came from the server
        self.ready: Future = Future()  # the model folder once the server has loaded, or EngineGone
        self.process: subprocess.Popen | None = None
        self._into = self._out = -1  # the parent writes requests to _into and reads replies from _out
        # ``compare run`` started one before importing numpy (engine_launch.start_early): taken if it is this one
        launched = engine_launch.take_early(variant, workers)
        try:
            self.process, self._into, self._out = launched or engine_launch.launch(variant, workers)
        except OSError as error:
            self._fail(f"could not start the engine process: {error}")
        if self.process is not None:
            _live.add(self)
            threading.Thread(target=self._read, name="engine-replies", daemon=True).start()

    @property
    def pid(self) -> int | None:
        """The server's process id (None where it did not start)."""
        return self.process.pid if self.process is not None else None

    def serving(self) -> bool:
        """True while rows can come from the server (this process started it, and it has not failed)."""
        return self._gone is None and os.getpid() == self._owner

    # ------------------------------------------------------------------------------------------- the pipe

    def _read(self) -> None:
        """Replies to futures, until the server's stdout ends; then every waiting request falls back."""
        try:
            self._replies()
        finally:  # whatever ended the loop, nobody waits for a reply that cannot come
            self._fail("the engine process ended")
            out, self._out = self._out, -1
            if out >= 0:
                os.close(out)

    def _replies(self) -> None:
        while True:
            header = read_exactly(self._out, REPLY.size)
            if header is None:
                break
            ident, status, size = REPLY.unpack(header)
            payload = read_exactly(self._out, size) if size else b""
            if payload is None:
                break
            if status == READY:
                with contextlib.suppress(InvalidStateError):  # closed meanwhile: it stays failed
                    self.ready.set_result(payload.decode("utf-8"))
                continue
            if status == FAILED:
                self._fail(f"the engine process could not load: {payload.decode('utf-8', 'replace')}")
                continue
            with self._lock:
                future = self._pending.pop(ident, None)
            if future is None:
                continue
            if status == ROWS:
                self.served += 1
                future.set_result(payload)
            elif status == ERROR:
                future.set_exception(EngineGone(payload.decode("utf-8", "replace")))

    def _fail(self, why: str) -> None:
        with self._lock:
            if self._gone is None:
                self._gone = why
            waiting, self._pending = list(self._pending.values()), {}
        with contextlib.suppress(InvalidStateError):  # ready already, or failed already
            self.ready.set_exception(EngineGone(why))
        for future in waiting:
            if not future.done():
                future.set_exception(EngineGone(why))

    def _ask(self, texts: list[str]) -> Future:
        future: Future = Future()
        body = pickle.dumps(texts, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            if self._gone is not None:
                raise EngineGone(self._gone)
            ident = self._next
            self._next += 1
            self._pending[ident] = future
            try:
                write_all(self._into, REQUEST.pack(ident, len(body)) + body)
            except OSError as error:
                del self._pending[ident]
                raise EngineGone(f"the engine process is gone: {error}") from error
        return future

    # ---------------------------------------------------------------------------------------- the engine

    def local(self) -> Any:
        """The in-process engine (loaded on first call): the fallback, and what a forked child uses.

        A forked worker loads its own (0.25 CPU-second), once per worker: loading it in the parent before
        each fork would cost every run, since the seeds' runs fork for work that embeds nothing (TER).
        """
        if self._local is None:
            with self._local_lock:
                if self._local is None:
                    self._local = self._make_local()
        return self._local

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Rows ``(len(texts), dim)`` float32, each text alone: from the server, or from the local engine."""
        texts = list(texts)
        if self.serving():
            with contextlib.suppress(EngineGone):  # the server ended mid-run: the local engine gives the same rows
                payload = self._ask(texts).result()
                return np.frombuffer(payload, dtype=np.float32).reshape(len(texts), self.dim).copy()
        return self.local().encode(texts)

    def let_go(self) -> None:
        """Close the server's stdin, so that it ends on its own, without waiting for it; :meth:`close` reaps it.

        For a caller that will embed nothing more but has other work first (``compare run`` writing its
        report): the server's exit (its memory unmapped, its threads ended, 16-40 ms on a seeds run) then runs
        beside that work instead of after it.  Anything encoded later runs in this process, the same rows.
        """
        if os.getpid() != self._owner or self.process is None or self._into < 0:
            return
        self._fail("let go")  # first: no request is written after this (``_ask`` checks under the lock)
        os.close(self._into)
        self._into = -1

    def close(self, wait: float = 2.0) -> None:
        """End the server (its stdin closes) and wait for it; kill it if it lingers.  Safe to call twice."""
        if os.getpid() != self._owner or self.process is None:
            return
        if self._into >= 0:
            os.close(self._into)
            self._into = -1
        try:
            self.process.wait(wait)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._fail("closed")


def _close_in_child() -> None:
    """After a fork: the child must not write to the parent's server, nor keep its stdin open."""
    for engine in list(_live):
        for fd in (engine._into, engine._out):
            if fd >= 0:
                with contextlib.suppress(OSError):  # already closed in the child: nothing left to release
                    os.close(fd)
        engine._into = engine._out = -1
        engine._gone = "forked child"


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_in_child)
