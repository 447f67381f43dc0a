"""Run the stages of ``compare.stages`` over a source set, up to the one a command needs.

Per-report work (cleaning, mentions and quotes) and per-event work
(alignment, TER, artifacts) go through an ``Executor`` and the ``Cache``;
the set-level steps between them (repeated lines per site, canonical
entities, event grouping) are cheap and run here.  Every command calls
``run_pipeline``, so ``compare artifacts`` and ``compare run`` cannot
disagree: they run the same stages with the same code.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from compare.cache import Cache
from compare.executors import Executor, LocalExecutor
from compare.model import EventResult, RunResult
from compare.settings import RunSettings
from compare.stages import STAGES, Context, State, background_loads, early_embedding, plan
from compare.stages.base import Progress, Stage, no_progress

__all__ = ["RunResult", "RunSettings", "run_pipeline", "while_embedding"]


def run_pipeline(
    path: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    settings: RunSettings | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
    cache: Cache | None = None,
    until: str | None = None,
    loads_while_aligning: Sequence[Callable[[], object]] = (),
) -> RunResult:
    """Everything a command computes, before any file is written.

    ``path`` is a source set (a folder, a manifest, a JSON Lines file, one
    report) or several of them read as one set.  ``until`` names the stage
    the caller needs (see ``compare.stages.STAGE_NAMES``); only that stage
    and the stages it depends on run.  Raises ``NothingUsableError`` when no
    report is usable.  ``loads_while_aligning``: what the caller will load
    after the run (the report's templates), loaded with the later stages'
    resources on a background thread while alignment waits for embeddings
    (``compare.stages.background_loads``), when the engine has texts in flight
    as alignment starts (a re-run served from the store has nothing to wait
    for, and then loads only what its stages ask for); done before this returns.
    """
    settings = settings or RunSettings()
    paths = (Path(path),) if isinstance(path, (str, os.PathLike)) else tuple(Path(p) for p in path)
    state = State(paths)
    context = Context(settings, executor or LocalExecutor(), cache or Cache(None), progress or no_progress)
    stages = plan(until, STAGES)
    state.planned = tuple(stage.name for stage in stages)
    early = settings.align.semantic.enabled and isinstance(context.executor, LocalExecutor) and any(
        stage.name == "align" for stage in stages)
    if early:  # each report's title and passage start embedding as soon as it is cleaned
        context.cleaned = functools.partial(early_embedding.start_report, settings=settings)
    if settings.align.semantic.enabled:
        from compare.semantic import embeddings, use, vector_store

        # Sentence vectors persist across runs with the cache, in the user's cache folder; --no-cache keeps none.
        embeddings.use_store(vector_store.default_path() if context.cache.enabled else None)
        use.use_store(vector_store.default_path() if context.cache.enabled else None)  # USE's, its own signature
    if early:
        from compare.semantic import embeddings

        embeddings.preload()  # aligning will embed in this process: load the engine while reports are cleaned
    loading = None
    start_after = "ingest"  # the stage after which the texts ahead start (decided as ingest ends)
    guessed = False  # a larger set's sentences started while events are grouped (early_embedding.sentences_ahead)
    order = tuple(stages)
    try:
        k = 0
        while k < len(order):
            stage = order[k]
            # A larger set's guessed sentences in flight change nothing here: alignment drops what is not begun.
            if early and stage.name == "align" and not guessed and embeddings.in_flight() and \
                    while_embedding(order)[k] is not stage:
                # Texts in flight (a small set's sentences, started as it was cleaned): what does not read the
                # alignment runs first, beside the engine.  A larger set's sentences were a guess started before
                # events were known (``guessed``): alignment drops what of them is not begun and asks for its own.
                order = while_embedding(order)
                stage = order[k]
            if early and stage.name == "align" and not guessed and stage is not order[-1] and embeddings.in_flight():
                loading = background_loads.start(loads_while_aligning)  # while align waits for the engine
            if stage.name != "ingest":  # nothing reads frequencies before; wordfreq's import waits for the cleaning
                _compact_frequencies()
            stage.run(state, context)
            if loading is not None and stage.name == "align":  # its imports done before a later stage imports
                loading.join()
            k += 1
            # Titles, passages and sentences start while annotate runs in this process, or beside its forked
            # workers where the engine runs in a process of its own (``embeddings.forks_safely``); where annotate
            # must wait for the engine before it forks (an engine in this process), after it, while events are grouped.
            if early and stage.name == "ingest":
                start_after = "annotate" if context.forks(len(state.sources)) and not _forks_beside_engine() \
                    else "ingest"
            if early and stage.name == start_after:
                early_embedding.start(state.sources, settings)
                guessed = bool(early_embedding.sentences_ahead(state.sources, settings))
    finally:
        if loading is not None:
            loading.join()  # nothing of it outlives the run (it is done by now: it ran during alignment)
        if "compare.semantic.embeddings" in sys.modules:
            sys.modules["compare.semantic.embeddings"].restore_after_preload(wait=True)
    fields = {f.name for f in dataclasses.fields(EventResult)}
    events = tuple(
        EventResult(event, state.members(event), **{name: values[event.id] for name, values in state.per_event.items()
                                                    if name in fields and event.id in values})
        for event in state.events
    )
    artifacts = {a.source_id: a for found in state.artifacts.values() for a in found}
    return RunResult(tuple(state.sources), tuple(state.problems), state.annotations, events, artifacts, settings,
                     tuple(stage.name for stage in stages))


def _forks_beside_engine() -> bool:
    """``embeddings.forks_safely()``, where the embeddings module is loaded (False otherwise)."""
    embeddings = sys.modules.get("compare.semantic.embeddings")
    return embeddings is not None and embeddings.forks_safely()


def _compact_frequencies() -> None:
    """wordfreq's dicts as mapped tables (a forked worker shares them, not copies); a second call does nothing."""
    from compare import wordfreqs

    wordfreqs.compact_frequencies()


def while_embedding(stages: Sequence[Stage]) -> tuple[Stage, ...]:
    """The stages in the order to run them while the engine embeds: those after ``align`` that need nothing it
    or a later stage provides (artifacts, framing) run before it.

    Why: in a small set every sentence starts embedding as soon as the set is cleaned, and alignment waits for
    the engine; every stage after alignment then ran on one core with the engine done and the other cores idle
    (a tenth of a seeds run).  A stage that does not read the alignment gives the same values before it as
    after (stages read only what they require, and align provides only the alignment), so ``run_pipeline``
    runs it while the engine still has texts in flight, and what is left after alignment is shorter.
    ``RunResult.stages`` keeps pipeline order.
    """
    names = [stage.name for stage in stages]
    if "align" not in names:
        return tuple(stages)
    at = names.index("align")
    provided = {name for stage in stages[:at] for name in stage.provides}
    ahead: list[Stage] = []
    for stage in stages[at + 1:]:
        if set(stage.requires) <= provided:
            ahead.append(stage)
            provided.update(stage.provides)
    return (*stages[:at], *ahead, *(stage for stage in stages[at:] if stage not in ahead))
