"""What a pipeline stage is, and what every stage is handed: the run's state and context.

A stage (after spaCy's pipeline components) declares by name what it
``requires`` and what it ``provides``, which part of ``RunSettings`` it reads,
and a ``signature`` that records its version and those settings.  Its
``run`` reads the state's fields it requires and fills the ones it
provides; per-report and per-event work goes through
``Context.cached_map``, so every stage gets the cache, the executor and
progress reporting in one way.  The cache key of each item is the stage's
name and signature plus exactly the content the item is computed from.
"""

from __future__ import annotations

import itertools
import os
import sys
import typing
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from compare.cache import Cache, content_key
from compare.executors import Executor, LocalExecutor
from compare.model import Annotations, Event, EventAlignment, Problem, Source, SourceArtifacts
from compare.settings import RunSettings

Progress = Callable[[str, int, int], None]
"""Called as (stage, done, total) after each chunk of work."""

_UNCACHED = itertools.count()
"""Numbers for :meth:`Context.lazy_key`'s keys of a run without a cache."""

CHUNK = 100
"""Items per executor call: progress is reported after each chunk."""
LIGHT_CHUNK = 2000
"""Light items per call: enough to repay starting worker processes for each call."""


def no_progress(stage: str, done: int, total: int) -> None:
    return None


@dataclass
class State:
    """The values stages hand on to one another during one run (``RunResult`` is its public form).

    Fields are filled by the stage that provides them (see each stage's
    ``provides``); a field a run did not need stays at its empty default.
    """

    paths: tuple[Path, ...]
    problems: list[Problem] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    source_keys: dict[str, str] = field(default_factory=dict)
    """Each source's cache key: a hash of its raw content and cleaning settings, for later stages' keys."""
    annotations: Annotations = field(default_factory=Annotations)
    events: list[Event] = field(default_factory=list)
    per_event: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per-event stage outputs: by ``EventResult`` field name ("alignment", "artifacts", ...), then event id.

    A stage stores its per-event output under the ``EventResult`` field it
    fills (``put``), and the pipeline hands every such output on, so a new
    per-event stage needs no change here or in the pipeline.
    """

    planned: tuple[str, ...] = ()
    """The names of the stages this run will run (``run_pipeline``): a stage may prepare a later one's input."""
    ahead: dict[str, Any] = field(default_factory=dict)
    """Values a stage computed for a later one beside its own work (the artifacts' census, beside the events
    stage), by name; the later stage takes them out, or computes them itself where they are missing."""

    def put(self, field_name: str, values: dict[str, Any]) -> None:
        self.per_event[field_name] = values

    @property
    def alignments(self) -> dict[str, EventAlignment]:
        return self.per_event.setdefault("alignment", {})

    @property
    def artifacts(self) -> dict[str, tuple[SourceArtifacts, ...]]:
        """Per event id, its members' artifacts."""
        return self.per_event.setdefault("artifacts", {})

    def members(self, event: Event) -> tuple[Source, ...]:
        by_id = {s.id: s for s in self.sources}
        return tuple(by_id[i] for i in event.sources)

    def mention_keys(self, event: Event) -> list[list[tuple[int, int, str | None]]]:
        """The members' mention spans with entity ids: what a per-event key must cover of the annotations."""
        return [[(m.start, m.end, m.entity) for m in self.annotations.mentions.get(i, ())] for i in event.sources]


@dataclass
class Context:
    """The settings, cache, executor and progress callback of one run.

    ``cleaned``: called with each report as soon as this process has cleaned it (not for cached or unusable
    ones), before the rest of the set is read; the pipeline uses it to start embedding early
    (``compare.stages.early_embedding``).  It must not change the report.
    """

    settings: RunSettings
    executor: Executor
    cache: Cache
    progress: Progress = no_progress
    cleaned: Callable[[Source], object] | None = None
    _signatures: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def key(self, stage: Stage, *parts: Any) -> str:
        """A cache key for one item: the stage's name and signature, then the item's own content.

        The signature is worked out once per stage and run (the settings do not change during a run): TER asks
        for a key per distinct sentence pair, tens of thousands on 1,000 WMT21 documents, and rebuilding the
        signature each time was three quarters of what a key cost, on one core before TER's workers start.
        """
        signature = self._signatures.get(stage.name)
        if signature is None:
            signature = self._signatures[stage.name] = stage.signature(self.settings)
        return content_key(stage.name, signature, *parts)

    def lazy_key(self, stage: Stage, parts: Callable[[], Sequence[Any]]) -> str:
        """:meth:`key` of ``parts()``, or, where the run keeps no cache (``--no-cache``), a key of its own that
        names nothing: ``parts`` is then never called.

        Why: a key is only ever looked up in the store, and the parts of some are long to build (provenance's
        hold each event's alignment as text, and every source's key; TER's, each distinct sentence pair), all
        on one core before the stage's workers start: 1,000 WMT21 documents spent seconds on keys without a
        store to look them up in.  Each such key is distinct, so every item is computed once, as before.
        """
        if not self.cache.enabled:
            return f"uncached:{stage.name}:{next(_UNCACHED)}"
        return self.key(stage, *parts())

    def forks(self, items: int) -> bool:
        """Whether ``items`` heavy items would go to forked workers of this process (``LocalExecutor.map_heavy``)."""
        executor = self.executor
        return isinstance(executor, LocalExecutor) and executor.processes >= 2 and \
            items >= max(2, executor.min_heavy_items)

    def cached_map(
        self, stage: str, keys: Sequence[str], function: Callable[..., Any], items: Sequence[Any], *shared: Any,
        light: bool = False, heavy: bool = False, warm_up: Callable[[Sequence[Any]], Iterable[int]] | None = None,
        embeds: bool = False, cost: Callable[[Any], float] | None = None,
    ) -> list[Any]:
        """``executor.map`` over the items whose key the cache does not hold, reporting as it goes.

        ``light`` work (small items, nothing shared) goes through
        ``executor.map_light`` in larger chunks; ``heavy`` work (per report or event, pure: see
        ``Executor.map_heavy``) through ``executor.map_heavy``, the positions that
        ``warm_up`` picks in a chunk computed first in this process.  Heavy work that may call the embedding
        engine says so with ``embeds``: the engine is settled before any fork (no engine thread running), each
        worker encodes what its items need that this process has not (one engine thread, its own session,
        created after the fork), and hands those rows back to this process's memo, so a later stage finds them
        here.  Entries of this stage that no key asks for any more are pruned, so the cache does not grow with
        every edit of a report.

        Heavy work that embeds nothing, and light work, in this process's executor, go to ``map_heavy`` or
        ``map_light`` in one call, not in chunks of ``CHUNK`` (``LIGHT_CHUNK``): each call forks its workers
        afresh, and each fresh worker copies again the pages it touches (1,000 WMT21 documents' annotation took
        ten forks, TER's pairs some twenty), computes its chunk's warm-up items here first with the other core
        idle, and leaves a core idle while the last item of the chunk finishes.  Progress is still reported
        every ``CHUNK`` (``LIGHT_CHUNK``) items (``done``).  ``cost`` (an item's expected work) lets
        the executor start the largest items first (``Executor.map_heavy``).
        """
        found = self.cache.get_many(stage, keys, _returns(function))
        todo = [i for i, key in enumerate(keys) if key not in found]
        computed: list[Any] = []
        self.progress(stage, len(keys) - len(todo), len(keys))
        chunk = LIGHT_CHUNK if light else CHUNK
        embedding = heavy and embeds and isinstance(self.executor, LocalExecutor) and \
            "compare.semantic.embeddings" in sys.modules
        if embedding:
            from compare.semantic import embeddings

            function = _KeepsRows(function, os.getpid())
        if (light or heavy and not embedding) and isinstance(self.executor, LocalExecutor):
            chunk = max(1, len(todo))
        base = len(keys) - len(todo)
        reported = [base]

        def done(count: int) -> None:  # progress every CHUNK (or LIGHT_CHUNK) items, as the chunks reported it
            so_far = base + len(computed) + count
            if so_far - reported[0] >= (LIGHT_CHUNK if light else CHUNK):
                reported[0] = so_far
                self.progress(stage, so_far, len(keys))

        for start in range(0, len(todo), chunk):
            batch = [items[i] for i in todo[start:start + chunk]]
            if light:
                computed.extend(self.executor.map_light(function, batch, done=done))
            elif embedding:
                embeddings.settle()
                for value, rows in self.executor.map_heavy(function, batch, *shared,
                                                           warm_up=tuple(warm_up(batch)) if warm_up else ()):
                    embeddings.adopt(rows)
                    computed.append(value)
            elif heavy:
                computed.extend(self.executor.map_heavy(function, batch, *shared,
                                                        warm_up=tuple(warm_up(batch)) if warm_up else (),
                                                        cost=cost, done=done))
            else:
                computed.extend(self.executor.map(function, batch, *shared))
            self.progress(stage, len(keys) - len(todo) + len(computed), len(keys))
        fresh = {keys[i]: value for i, value in zip(todo, computed, strict=True)}
        if self.cache.enabled:  # without a store (--no-cache) encoding the values would only be thrown away
            self.cache.put_many(stage, fresh)
        self.cache.prune(stage, keys)
        return [found[key] if key in found else fresh[key] for key in keys]


class _KeepsRows:
    """A heavy item function that also returns the embedding rows it encoded in a forked worker (none here)."""

    def __init__(self, function: Callable[..., Any], parent: int) -> None:
        self.function = function
        self.parent = parent

    def __call__(self, item: Any, *shared: Any) -> tuple[Any, list[tuple[bytes, Any]]]:
        from compare.semantic import embeddings

        with embeddings.captured(forked_from=self.parent) as rows:
            value = self.function(item, *shared)
        return value, (rows if os.getpid() != self.parent else [])


def _returns(function: Callable[..., Any]) -> Any:
    """The declared return type of a stage's item function: a cached value must fit it, or it is a miss."""
    try:
        return typing.get_type_hints(function).get("return", Any)
    except Exception:  # noqa: BLE001 - an unreadable hint checks nothing, as with no hint
        return Any


class Stage(Protocol):
    """One step of the pipeline; see the module docstring."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    provides: ClassVar[tuple[str, ...]]
    version: ClassVar[str]

    def settings(self, run: RunSettings) -> Any:
        """The part of the run's settings this stage reads."""

    def signature(self, run: RunSettings) -> str:
        """``stage:<name>|version:<v>|`` and the signature of the settings it reads."""

    def run(self, state: State, context: Context) -> None:
        """Read the state's required fields, fill the provided ones."""


class StageBase(ABC):
    """Shared ``signature`` for stages whose settings sign themselves."""

    name: ClassVar[str]
    version: ClassVar[str]

    @abstractmethod
    def settings(self, run: RunSettings) -> Any:
        """The part of the run's settings this stage reads (it signs itself)."""

    def signature(self, run: RunSettings) -> str:
        return f"stage:{self.name}|version:{self.version}|{self.settings(run).signature()}"


def pairs_cost(members: Sequence[Source]) -> float:
    """An event's expected work for ``Executor.map_heavy``'s largest-first hand-out: the sentence pairs of its
    pairs of reports (alignment compares each pair's sentences; the later stages read its links).  Only the
    order of the hand-out reads it, never a result."""
    counts = [len(member.sentences) for member in members]
    total = sum(counts)
    return (total * total - sum(count * count for count in counts)) / 2


def embed_ahead(context: Context, stage: str, keys: Sequence[str], texts_of: Callable[[int], Iterable[str]],
                enabled: bool, background: bool = False) -> None:
    """Embed in one batch, on every core, the texts the items not yet cached will need (``texts_of(position)``).

    A stage that embeds per item (per event) runs one engine call at a time on small items; embedding the whole
    run's texts first fills the embeddings memo with both cores busy, and as a row does not depend on its
    batch, the results are the same bytes.  With ``background`` the texts are only started, in item order
    (``embeddings.prefetch``): the engine threads work while the stage's own single-threaded steps run, and
    the stage's ``encode`` waits for a text in flight rather than encoding it again.  Only in this process
    (``LocalExecutor``): Dask workers have memos of their own.  The cache look-up is not counted as hits.
    """
    from compare.executors import LocalExecutor

    if not enabled or not isinstance(context.executor, LocalExecutor):
        return
    cached = context.cache.has_many(stage, keys)
    texts = list(dict.fromkeys(text for position, key in enumerate(keys) if key not in cached
                               for text in texts_of(position)))
    if texts:
        from compare.semantic import embeddings

        if not embeddings.available():
            return
        if background:
            embeddings.prefetch(texts)
        else:
            embeddings.encode(sorted(texts))
