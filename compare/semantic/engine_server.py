"""The e5 engine as a process of its own: texts in on stdin, float32 rows out on stdout.

Why a process: in ``compare run`` the engine's tokenizer (Python), its load
(the tokenizer's table, the model file, the onnxruntime session) and the
per-text Python around each onnxruntime call all held the GIL that the main
thread needs for cleaning, annotating and aligning; on two cores the two
halves of a run did not overlap.  Here they hold this process's GIL instead,
and the load overlaps the parent's imports.  The parent
(:mod:`compare.semantic.engine_process`) keeps the memo and the vector store.

Rows are :class:`compare.semantic.e5_onnx.Engine`'s, each text alone (batch of
one), so they are the bytes the in-process engine gives.

Protocol (little-endian frames; the parent is the only writer and reader):

* request ``<IQ`` (id, length) then a pickled ``list[str]``;
* reply ``<IiQ`` (id, status, length) then the payload: status 0, the rows
  as ``(len(texts), 384)`` float32 bytes; 1, an error message for that
  request; 2 (id 0), ready, the model folder; 3 (id 0), the load failed, why.

The server ends when its stdin ends (the parent exited, crashed or closed
it): the kernel closes the pipe whatever way the parent went, so no process
is left behind.  SIGINT is ignored: Ctrl-C reaches the parent, whose exit
ends this process.  Nothing is written anywhere but stdout.
"""

from __future__ import annotations

import os
import pickle
import queue
import signal
import struct
import sys
import threading
from typing import Any

REQUEST = struct.Struct("<IQ")
REPLY = struct.Struct("<IiQ")
ROWS, ERROR, READY, FAILED = 0, 1, 2, 3


def read_exactly(fd: int, size: int) -> bytes | None:
    """``size`` bytes from ``fd``, or None at end of file (the other side is gone)."""
    parts = []
    while size:
        try:
            piece = os.read(fd, min(size, 1 << 20))
        except OSError:
            return None
        if not piece:
            return None
        parts.append(piece)
        size -= len(piece)
    return b"".join(parts)


def write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd`` (a pipe may take it in pieces)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


class _Server:
    """Reads requests on the main thread; ``workers`` threads encode them with one engine and reply."""

    def __init__(self, variant: str, workers: int, into: int, out: int) -> None:
        self.variant = variant
        self.workers = workers
        self.into = into
        self.out = out
        self.requests: queue.Queue[tuple[int, list[str]] | None] = queue.Queue()
        self.write_lock = threading.Lock()
        self.engine: Any = None
        self.loaded = threading.Event()

    def reply(self, ident: int, status: int, payload: bytes) -> None:
        with self.write_lock:
            try:
                write_all(self.out, REPLY.pack(ident, status, len(payload)) + payload)
            except OSError:  # the parent is gone: nothing to tell anyone
                os._exit(0)

    def load(self) -> None:
        """Load the engine (a built model only: building is the parent's, under its lock) and say so."""
        try:
            from compare.semantic import e5_onnx

            folder = e5_onnx.locate(self.variant)
            if folder is None:
                raise FileNotFoundError(f"no intact build of the {self.variant} model in {e5_onnx.cache_root()}")
            engine = e5_onnx.Engine(folder)
            engine.warm()
            self.engine = engine
            self.reply(0, READY, str(folder).encode("utf-8"))
        except Exception as error:  # noqa: BLE001 - any failure: the parent runs the engine itself
            self.reply(0, FAILED, f"{type(error).__name__}: {error}".encode())
        finally:
            self.loaded.set()

    def work(self) -> None:
        import numpy as np

        self.loaded.wait()
        while True:
            item = self.requests.get()
            if item is None:
                return
            ident, texts = item
            if self.engine is None:
                self.reply(ident, ERROR, b"the engine did not load")
                continue
            try:
                rows = np.ascontiguousarray(self.engine.encode(texts), dtype=np.float32)
            except Exception as error:  # noqa: BLE001 - reported to the parent, which encodes that request itself
                self.reply(ident, ERROR, f"{type(error).__name__}: {error}".encode())
                continue
            self.reply(ident, ROWS, rows.tobytes())

    def serve(self) -> None:
        threading.Thread(target=self.load, name="engine-load", daemon=True).start()
        for _ in range(self.workers):
            threading.Thread(target=self.work, name="engine-work", daemon=True).start()
        while True:
            header = read_exactly(self.into, REQUEST.size)
            if header is None:
                break
            ident, size = REQUEST.unpack(header)
            body = read_exactly(self.into, size)
            if body is None:
                break
            self.requests.put((ident, pickle.loads(body)))
        # stdin ended: the parent is gone or done. Leave at once, whatever a worker is inside (no teardown
        # around an onnxruntime call, and nobody to read a row).
        os._exit(0)


def main(argv: list[str] | None = None) -> None:
    """``python -m compare.semantic.engine_server VARIANT WORKERS``: serve until stdin ends."""
    args = sys.argv[1:] if argv is None else argv
    variant, workers = args[0], max(1, int(args[1]))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The protocol owns the original stdout; anything else printed (a library's message) goes to stderr.
    out = os.dup(1)
    os.dup2(2, 1)
    _Server(variant, workers, 0, out).serve()


if __name__ == "__main__":
    main()
