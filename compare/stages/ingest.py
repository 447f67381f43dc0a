"""Stage ``ingest``: read the source set, clean each report (cached per report), drop the unusable ones."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from compare.errors import NothingUsableError
from compare.executors import LocalExecutor
from compare.ingest.clean import clean_document
from compare.ingest.loaders import RawDocument
from compare.ingest.source_set import discover_all, keep_usable, repeated_lines_by_site
from compare.lang import preload as preload_language_model
from compare.lang import preloaded as language_model_preloaded
from compare.model import Source
from compare.settings import CleanSettings, IngestSettings, RunSettings
from compare.signature import Signed
from compare.stages.base import Context, StageBase, State


def clean_one(raw: RawDocument, settings: CleanSettings, repeated: dict[str, set[int]]) -> Source:
    return clean_document(raw, settings, repeated.get(raw.id, ()))


def _announcing(cleaned: Callable[[Source], object]) -> Callable[..., Source]:
    """:func:`clean_one` that hands each report to ``cleaned`` as it is done (same signature and result)."""

    @functools.wraps(clean_one)
    def clean(raw: RawDocument, settings: CleanSettings, repeated: dict[str, set[int]]) -> Source:
        source = clean_one(raw, settings, repeated)
        cleaned(source)
        return source

    return clean


def _first(raws: object) -> list[int]:
    """The first report, cleaned here before any fork (what cleaning loads lazily then loads once), once the
    language model's preload thread has ended: the report needs the model anyway, and a fork must copy no
    thread.  Called only where some report is not cached, so a re-run served from the cache waits for nothing."""
    language_model_preloaded()
    return [0]


def _raw_key(raw: RawDocument, repeated: dict[str, set[int]]) -> tuple:
    """What cleaning a report reads: its bytes as decoded, its metadata, and the lines repeated on its site."""
    return (raw.id, raw.path, raw.format, raw.encoding, raw.text, sorted(raw.meta.items()),
            sorted(raw.meta_source.items()), sorted(repeated.get(raw.id, ())))


@dataclass(frozen=True, slots=True)
class ReadSettings(Signed):
    """The two settings groups this stage reads, signed together."""

    ingest: IngestSettings
    clean: CleanSettings


class IngestStage(StageBase):
    name: ClassVar[str] = "ingest"
    version: ClassVar[str] = "v2"  # v2: each report says whether it is a news report (Source.page_kind)
    requires: ClassVar[tuple[str, ...]] = ()
    provides: ClassVar[tuple[str, ...]] = ("sources", "problems")

    def settings(self, run: RunSettings) -> ReadSettings:
        return ReadSettings(run.ingest, run.clean)

    def run(self, state: State, context: Context) -> None:
        preload_language_model()
        settings = context.settings
        raws = discover_all(state.paths, int(settings.ingest.max_file_mb * 1_000_000), state.problems,
                           settings.ingest.follow_links)
        context.progress("read", len(raws), len(raws))
        repeated = repeated_lines_by_site(raws)
        keys = [context.lazy_key(self, lambda raw=raw: _raw_key(raw, repeated)) for raw in raws]
        clean = clean_one
        if context.cleaned is not None and isinstance(context.executor, LocalExecutor):  # cleaned in this process
            clean = _announcing(context.cleaned)
        # Without the semantic layer nothing else runs in this process while reports are cleaned, so forked
        # workers clean them side by side (1,000 WMT21 documents: 3.6 CPU-s on one core, the other idle), once
        # the language model's preload thread has ended (a fork must copy no thread mid-lock).  The first report
        # is cleaned here first, so the model and what cleaning loads lazily are loaded once and shared.  With
        # the semantic layer the engine's threads run from the start, and each report announces itself to
        # them as it is cleaned: there the reports stay here.
        heavy = context.cleaned is None and not settings.align.semantic.enabled
        sources = context.cached_map("clean", keys, clean, raws, settings.clean, repeated, heavy=heavy,
                                     warm_up=_first)
        key_of = {s.id: key for s, key in zip(sources, keys, strict=True)}
        state.sources = keep_usable(sources, state.problems)
        if not state.sources:
            where = ", ".join(str(p) for p in state.paths)
            raise NothingUsableError(
                f"{where}: nothing usable in the source set",
                "see the messages above for each file, and what to do about it",
                tuple(state.problems),
            )
        state.source_keys = {s.id: key_of[s.id] for s in state.sources}

