"""Run every stage over a source set: ingest, annotate, events, artifacts, align.

Per-report work (cleaning, mentions and quotes, artifact detection) and
per-event work (alignment and scores) go through an ``Executor``; the
set-level steps between them (repeated lines per site, canonical entities,
event grouping) are cheap and run here.  Results are plain values, ready
for the report writers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
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
from compare.lang import preload as preload_language_model
from compare.model import Event, Problem, Source
from compare.score import metric_signatures, pair_segments, ter_statistics, with_ter

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


def _align_work(
    job: tuple[Event, tuple[Source, ...], ArtifactContext], annotations: Annotations, settings: RunSettings
) -> EventAlignment:
    """Alignment and scores of one event: the expensive part, keyed by what it reads."""
    event, sources, _ = job
    return align_event(event.id, sources, annotations, mode=settings.mode, backend=settings.backend,
                       background=event.background, metrics=settings.metrics)


def _artifacts_work(
    job: tuple[Event, tuple[Source, ...], ArtifactContext], annotations: Annotations
) -> tuple[SourceArtifacts, ...]:
    """Each member's artifacts, read against the event's slice of the set-wide context (``slice_context``)."""
    _, sources, context = job
    return tuple(detect_artifacts(source, annotations, context) for source in sources)


def _noop(stage: str, done: int, total: int) -> None:
    return None


CHUNK = 100
"""Items per executor call: progress is reported after each chunk."""
LIGHT_CHUNK = 2000
"""Light items per call: enough to repay starting worker processes for each call."""


def _cached_map(
    cache: Cache, stage: str, keys: Sequence[str], executor: Executor, function: Callable[..., Any],
    items: Sequence[Any], *shared: Any, progress: Progress = _noop, light: bool = False,
) -> list[Any]:
    """``executor.map`` that only runs the items whose key the cache does not hold, reporting as it goes.

    ``light`` work (small items, nothing shared) goes through ``executor.map_light`` in larger chunks.
    """
    found = cache.get_many(stage, keys)
    todo = [i for i, key in enumerate(keys) if key not in found]
    computed: list[Any] = []
    progress(stage, len(keys) - len(todo), len(keys))
    chunk = LIGHT_CHUNK if light else CHUNK
    for start in range(0, len(todo), chunk):
        batch = [items[i] for i in todo[start:start + chunk]]
        computed.extend(executor.map_light(function, batch) if light else executor.map(function, batch, *shared))
        progress(stage, len(keys) - len(todo) + len(computed), len(keys))
    fresh = {keys[i]: value for i, value in zip(todo, computed, strict=True)}
    cache.put_many(stage, fresh)
    cache.prune(stage, keys)
    return [found[key] if key in found else fresh[key] for key in keys]


def _add_ter(
    results: tuple[EventResult, ...], metrics: tuple[str, ...], cache: Cache, executor: Executor, progress: Progress,
) -> tuple[EventResult, ...]:
    """Fill in each pair's TER from sacrebleu's per-segment statistics, cached per segment.

    Segments are (hypothesis, reference) sentence pairs, keyed by their text
    alone: the same two sentences linked again, in this event or after a
    re-grouping, cost nothing the second time.
    """
    per_pair: list[list[tuple[str, str]]] = []
    for item in results:
        by_id = {s.id: s for s in item.sources}
        for pair in item.alignment.pairs:
            per_pair.append(pair_segments(by_id[pair.source_a], by_id[pair.source_b], item.alignment.links))
    unique = sorted({segment for segments in per_pair for segment in segments})
    keys = [content_key("ter", hypothesis, reference) for hypothesis, reference in unique]
    statistics = dict(zip(unique, _cached_map(cache, "ter", keys, executor, ter_statistics, unique,
                                              progress=progress, light=True), strict=True))
    remaining = iter(per_pair)
    updated = []
    for item in results:
        pairs = tuple(with_ter(pair, [statistics[s] for s in next(remaining)], metrics) for pair in item.alignment.pairs)
        signatures = {**item.alignment.signatures, **metric_signatures(metrics)}
        updated.append(replace(item, alignment=replace(item.alignment, pairs=pairs, signatures=signatures)))
    return tuple(updated)


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
    preload_language_model()

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
    # Each per-event stage is keyed by exactly what it reads, so that a new report which only shifts
    # another event's grouping evidence or name census does not realign it. TER is added afterwards
    # from per-segment statistics (see _add_ter) for the same reason.
    align_settings = replace(settings, metrics=tuple(m for m in settings.metrics if m != "ter"))
    member_keys = [[key_of[i] for i in event.sources] for event, _, _ in jobs]
    member_mentions = [
        [[(m.start, m.end, m.entity) for m in annotations.mentions.get(i, ())] for i in event.sources]
        for event, _, _ in jobs
    ]
    align_keys = [
        content_key("align", event.id, [(b.source_id, b.paragraph) for b in event.background], keys, mentions,
                    settings.mode, settings.backend, list(align_settings.metrics))
        for (event, _, _), keys, mentions in zip(jobs, member_keys, member_mentions, strict=True)
    ]
    alignments = _cached_map(cache, "align", align_keys, executor, _align_work, jobs, annotations, align_settings,
                             progress=progress)
    # The context's words come from the members' texts, already keyed; its other parts are sorted dicts.
    artifact_keys = [
        content_key("artifacts", keys, repr((context.spellings, context.forms)), mentions)
        for (_, _, context), keys, mentions in zip(jobs, member_keys, member_mentions, strict=True)
    ]
    found = _cached_map(cache, "artifacts", artifact_keys, executor, _artifacts_work, jobs, annotations,
                        progress=progress)
    per_event = list(zip(alignments, found, strict=True))

    results = tuple(
        EventResult(event, members, alignment, found)
        for (event, members, _), (alignment, found) in zip(jobs, per_event, strict=True)
    )
    if "ter" in settings.metrics:
        results = _add_ter(results, settings.metrics, cache, executor, progress)
    artifacts = {a.source_id: a for item in results for a in item.artifacts}
    return RunResult(tuple(sources), tuple(problems), annotations, results, artifacts, settings)
