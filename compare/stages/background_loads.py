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

The code of the stages after alignment is imported here too (each stage
imports its own code as it runs, so that a run cleans its first report
before paying for every stage's imports; :func:`_later_stages`): otherwise
provenance's and the MT figures' imports ran after alignment, on one core.
Only modules that alignment's own code never imports (provenance, the MT
event figures: nothing below them imports them), and ``run_pipeline`` waits
for this thread before the next stage starts, so no module is imported by
two threads at once.
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


def _later_stages() -> None:
    import compare.artifacts.mt_event  # noqa: F401 - the mt stage's code
    import compare.provenance  # noqa: F401 - the provenance stage's code
    import compare.provenance.trace  # noqa: F401


STAGE_LOADS: tuple[Callable[[], object], ...] = (_artifacts, _framing, _later_stages)
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
