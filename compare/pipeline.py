"""Run every stage over a source set: ingest, annotate, events, artifacts, align.

Per-report work (cleaning, mentions and quotes, artifact detection) and
per-event work (alignment and scores) go through an ``Executor``; the
set-level steps between them (repeated lines per site, canonical entities,
event grouping) are cheap and run here.  Results are plain values, ready
for the report writers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare.align import EventAlignment, align_event
from compare.annotate import Annotations, annotate_source, resolve_entities
from compare.artifacts import SourceArtifacts, build_context, detect_artifacts
from compare.artifacts.context import ArtifactContext, slice_context, spelling_keys_by_source
from compare.cache import Cache, content_key
from compare.errors import NothingUsableError
from compare.events import group_events
from compare.executors import Executor, LocalExecutor
from compare.ingest.clean import CleanSettings, clean_document
from compare.ingest.loaders import RawDocument
from compare.ingest.source_set import DEFAULT_MAX_FILE_MB, discover, keep_usable, repeated_lines_by_site
from compare.model import Event, Problem, Source

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class RunSettings:
    """Every setting that changes what a run produces."""

    clean: CleanSettings = field(default_factory=CleanSettings)
    mode: str = "auto"
    backend: str = "default"
    metrics: tuple[str, ...] = ("bleu", "chrf", "ter")
    max_file_mb: float = DEFAULT_MAX_FILE_MB


@dataclass(frozen=True, slots=True)
class EventResult:
    event: Event
    sources: tuple[Source, ...]
    alignment: EventAlignment
    artifacts: tuple[SourceArtifacts, ...]


@dataclass(frozen=True, slots=True)
class RunResult:
    sources: tuple[Source, ...]
    problems: tuple[Problem, ...]
    annotations: Annotations
    events: tuple[EventResult, ...]
    artifacts: dict[str, SourceArtifacts]
    settings: RunSettings

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _clean(raw: RawDocument, settings: CleanSettings, repeated: dict[str, set[int]]) -> Source:
    return clean_document(raw, settings, repeated.get(raw.id, ()))


def _event_work(
    job: tuple[Event, tuple[Source, ...], ArtifactContext], annotations: Annotations, settings: RunSettings
) -> tuple[EventAlignment, tuple[SourceArtifacts, ...]]:
    """Everything computed per event: alignment and scores, and each member's artifacts.

    The artifact detectors get the event's slice of the set-wide context
    (``slice_context``), which is also in the event's cache key, so an event
    whose reports and names did not change is reused whole.
    """
    event, sources, context = job
    alignment = align_event(event.id, sources, annotations, mode=settings.mode, backend=settings.backend,
                            background=event.background, metrics=settings.metrics)
    return alignment, tuple(detect_artifacts(source, annotations, context) for source in sources)


def _noop(stage: str, done: int, total: int) -> None:
    return None


CHUNK = 100
"""Items per executor call: progress is reported after each chunk."""


def _cached_map(
    cache: Cache, stage: str, keys: Sequence[str], executor: Executor, function: Callable[..., Any],
    items: Sequence[Any], *shared: Any, progress: Progress = _noop,
) -> list[Any]:
    """``executor.map`` that only runs the items whose key the cache does not hold, reporting as it goes."""
    found = cache.get_many(stage, keys)
    todo = [i for i, key in enumerate(keys) if key not in found]
    computed: list[Any] = []
    progress(stage, len(keys) - len(todo), len(keys))
    for start in range(0, len(todo), CHUNK):
        computed.extend(executor.map(function, [items[i] for i in todo[start:start + CHUNK]], *shared))
        progress(stage, len(keys) - len(todo) + len(computed), len(keys))
    fresh = {keys[i]: value for i, value in zip(todo, computed, strict=True)}
    cache.put_many(stage, fresh)
    cache.prune(stage, keys)
    return [found[key] if key in found else fresh[key] for key in keys]


def _raw_key(raw: RawDocument, repeated: dict[str, set[int]], settings: RunSettings) -> str:
    return content_key(
        "clean", raw.id, raw.path, raw.format, raw.encoding, raw.text, sorted(raw.meta.items()),
        sorted(raw.meta_source.items()), sorted(repeated.get(raw.id, ())), repr(settings.clean),
    )


def run_pipeline(
    path: str | Path,
    settings: RunSettings | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
    cache: Cache | None = None,
) -> RunResult:
    """Everything ``compare run`` computes, before any file is written."""
    settings = settings or RunSettings()
    executor = executor or LocalExecutor()
    progress = progress or _noop
    cache = cache or Cache(None)
    problems: list[Problem] = []

    raws = discover(Path(path), int(settings.max_file_mb * 1_000_000), problems)
    progress("read", len(raws), len(raws))
    repeated = repeated_lines_by_site(raws)
    raw_keys = [_raw_key(raw, repeated, settings) for raw in raws]
    sources = _cached_map(cache, "clean", raw_keys, executor, _clean, raws, settings.clean, repeated, progress=progress)
    key_of = {s.id: key for s, key in zip(sources, raw_keys, strict=True)}
    sources = keep_usable(sources, problems)
    if not sources:
        raise NothingUsableError(
            f"{path}: nothing usable in the source set",
            "see the messages above for each file, and what to do about it",
            tuple(problems),
        )

    source_keys = [key_of[s.id] for s in sources]
    per_source = _cached_map(cache, "annotate", source_keys, executor, annotate_source, sources, progress=progress)
    mentions = {s.id: m for s, (m, _) in zip(sources, per_source, strict=True)}
    quotes = {s.id: q for s, (_, q) in zip(sources, per_source, strict=True)}
    entities, mentions = resolve_entities(sources, mentions)
    annotations = Annotations(mentions=mentions, quotes=quotes, entities=entities)

    events = group_events(sources, annotations)
    progress("events", len(events), len(events))

    by_id = {s.id: s for s in sources}
    census = build_context(sources, annotations)
    index = spelling_keys_by_source(census)
    jobs = []
    for event in events:
        members = tuple(by_id[i] for i in event.sources)
        jobs.append((event, members, slice_context(census, members, index)))
    event_keys = [
        content_key(
            # The context's words come from the members' texts, already keyed; its other parts are sorted dicts.
            "event", event.to_dict(), [key_of[i] for i in event.sources], repr((context.spellings, context.forms)),
            [[(m.start, m.end, m.entity) for m in annotations.mentions.get(i, ())] for i in event.sources],
            settings.mode, settings.backend, list(settings.metrics),
        )
        for event, _, context in jobs
    ]
    per_event = _cached_map(cache, "align", event_keys, executor, _event_work, jobs, annotations, settings,
                            progress=progress)

    results = tuple(
        EventResult(event, members, alignment, found)
        for (event, members, _), (alignment, found) in zip(jobs, per_event, strict=True)
    )
    artifacts = {a.source_id: a for item in results for a in item.artifacts}
    return RunResult(tuple(sources), tuple(problems), annotations, results, artifacts, settings)
