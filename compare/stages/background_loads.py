"""Load what the stages after alignment will read while alignment waits for the embedding engine.

Why: with the semantic layer on, alignment spends most of its time waiting
for sentence vectors (the engine threads run without the GIL), so the main
thread holds no GIL then; the stages after it (artifacts, framing, mt) and
the report then load their word lists, lexicons and templates one after the
other on one core, with the second core idle: about a tenth of a seeds run.
Loaded on a background thread started when alignment starts, they fill those
waits instead.

Only loaders that are pure and cached (``functools.lru_cache``: a second
caller gets the same value, and two concurrent first calls compute the same
value twice at worst) are called, so every output is the same bytes; a
loader that fails here is left to fail, and be reported, where the stage
calls it.  Nothing is embedded here: the engine's own queue is the stages'.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable


def _artifacts() -> None:
    from compare.artifacts import _words, calques, likelihood, rewrite

    _words.web2()
    _words.known_names()
    calques.lexicon()
    rewrite.phrase_lexicon()
    likelihood.covered_languages()  # the text-only MT models' file
    likelihood.covered_pairs()  # the with-original models' file


def _framing() -> None:
    from compare.framing import load_lexicon

    load_lexicon()


STAGE_LOADS: tuple[Callable[[], object], ...] = (_artifacts, _framing)
"""What the stages after ``align`` load, in the order they run."""


def start(extra: Iterable[Callable[[], object]] = ()) -> threading.Thread:
    """Run :data:`STAGE_LOADS`, then ``extra`` (the report's, from the command), on a daemon thread; return it."""
    loads = (*STAGE_LOADS, *extra)

    def run() -> None:
        for load in loads:
            with contextlib.suppress(Exception):  # the stage that needs it calls it again and reports the error
                load()

    thread = threading.Thread(target=run, name="background-loads", daemon=True)
    thread.start()
    return thread
