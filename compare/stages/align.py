"""Stages ``align`` (links, claims, pair scores, quotes per event; cached) and ``ter`` (TER per sentence pair).

TER is a stage of its own because sacrebleu's TER dominates the cost of
aligning and depends only on the two sentences it compares: cached per
(hypothesis, reference) pair, the same two sentences linked again, in this
event or after a re-grouping, cost nothing the second time, and a new report
that only shifts another event's grouping evidence realigns nothing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from compare.executors import LocalExecutor
from compare.model import Annotations, Event, EventAlignment, Source
from compare.run_signatures import absence_signature, scores_signature
from compare.settings import AlignSettings, RunSettings, ScoreSettings, SemanticSettings
from compare.signature import Signed
from compare.stages.base import Context, StageBase, State, embed_ahead, pairs_cost
from compare.stages.large_events import LARGE_EVENT, align_in_blocks

if TYPE_CHECKING:
    from compare.align import LexicalPass

# compare.align and compare.score (sacrebleu, scipy, the lexical features: a third of a CPU-second) are imported
# where a stage runs, not with the stage list: ``compare run`` then cleans its first report, and starts its
# passage on the engine, before paying for them.


@dataclass(frozen=True, slots=True)
class AlignStageSettings(Signed):
    """The alignment settings and the metrics computed with it (TER is the ``ter`` stage's)."""

    align: AlignSettings
    scores: ScoreSettings


Job = tuple[Event, tuple[Source, ...], "LexicalPass | None"]
"""An event, its members, and its lexical pass where :func:`_passes_ahead` made it already."""


def align_one(job: Job, annotations: Annotations, settings: AlignStageSettings) -> EventAlignment:
    """Every pair of the event's reports, or above ``LARGE_EVENT`` members a star on the hub in blocks."""
    from compare.align import align_event

    event, members, ahead = job

    def align(event: Event, members: tuple[Source, ...]) -> EventAlignment:
        return align_event(event.id, members, annotations, mode=settings.align.mode, backend=settings.align.backend,
                           background=event.background, metrics=settings.scores.metrics,
                           semantic=settings.align.semantic, ahead=ahead)

    if len(members) > LARGE_EVENT:
        return align_in_blocks(event, members, align)
    return align(event, members)


def _to_embed(job: Job, semantic: SemanticSettings) -> list[str]:
    """The sentences of an event of two or more sources, which the semantic pass will embed nearly all of.

    The pass embeds every sentence of each source that has a sentence the wording left open against another
    (``compare.align._semantic_pass``): across languages wording rarely links, and in one language the
    comparable news this tool is for nearly always leaves some sentence open (on the seeds, every sentence
    of every event was embedded).  So they are started ahead, in the background
    (:func:`compare.stages.base.embed_ahead`), and the engine threads work while the lexical pass runs; only
    an event whose every sentence the wording links (copies of one wire story) is embedded for nothing, so a
    one-language event above ``LARGE_EVENT`` reports (templated copies, most likely) is left to the pass.  Not
    events the first tier takes (``compare.align.tiers``): there e5 embeds only the sentences USE leaves to it.
    """
    from compare.align import tiers

    members = job[1]
    if len(members) < 2:
        return []
    if len({m.language for m in members}) < 2 and len(members) > LARGE_EVENT:
        return []  # a huge one-language event is most likely templated copies, which the wording links
    if tiers.active(semantic, {m.language for m in members}):
        return []  # the first tier settles what it can with USE; e5 embeds only what is left to it
    return [x.text for member in members for x in member.sentences]


def _load_word_resources(languages: set[str], semantic: bool = False) -> None:
    """Load here what aligning reads lazily per language (simplemma's dictionaries, stop words; with the semantic
    layer, the WordNet map English sentences' synonym overlap reads), before workers are forked: each would
    otherwise read every dictionary again (about a twentieth of their time on WMT21), and hold a copy of its own
    (the WordNet map: 0.26 CPU-s and 50 MB in every worker of every chunk)."""
    from compare.align.features import bag

    for language in sorted(languages):
        if language and language != "und":
            bag("Words warm resources", language)
    if semantic and "en" in languages:
        from compare.semantic import synonyms

        if synonyms.available():
            synonyms.synsets("word")


def _passes_ahead(jobs: list[Job], todo: list[int], annotations: Annotations, settings: AlignStageSettings,
                  ) -> list[Job]:
    """The jobs, each event to align here given its lexical pass made now, its merge windows started on the engine.

    Why: for events aligned one after another in this process (a set too small to fork for, the seeds), an
    event's merge windows were started only at its own turn, so the engine idled while this process finished the
    event before and made this one's lexical pass (``compare.align.lexical_ahead``).  Made for every event first,
    in order, the windows of all of them queue behind the sentences.  Not for an event aligned in blocks (above
    ``LARGE_EVENT`` members), nor one the cache holds; only where the events are aligned in this process (a
    Dask worker would be sent the passes and find no engine with the windows).
    """
    from compare.align import lexical_ahead

    chosen = set(todo)
    return [(event, members, lexical_ahead(event.id, members, annotations, mode=settings.align.mode,
                                            backend=settings.align.backend, background=event.background,
                                            semantic=settings.align.semantic))
            if k in chosen and 2 <= len(members) <= LARGE_EVENT else (event, members, ahead)
            for k, (event, members, ahead) in enumerate(jobs)]


def _release_engine_process() -> None:
    """End the engine process once align has embedded every sentence here, before its workers are forked.

    Why: from here on the engine process sits idle holding its memory (about 220 MB of the run's 2.4 GB peak on
    1,000 WMT21 documents, where align's and provenance's forked workers and this process peak together).
    Forked workers cannot reach it (each encodes with an engine of its own, as before), and what this process
    still embeds after align (the MT features' few texts) comes from an engine in this process, whose rows are
    the same bytes (``tests/test_engine_process.py``).  Only where align forks: a small set keeps the process.
    """
    embeddings = sys.modules.get("compare.semantic.embeddings")
    if embeddings is not None:
        embeddings.stop_process()


class AlignStage(StageBase):
    name: ClassVar[str] = "align"
    version: ClassVar[str] = "v3"  # v2: events above LARGE_EVENT members are aligned as a star in blocks; v3: coverage over compared text
    requires: ClassVar[tuple[str, ...]] = ("events", "annotations")
    provides: ClassVar[tuple[str, ...]] = ("alignments",)

    def settings(self, run: RunSettings) -> AlignStageSettings:
        return AlignStageSettings(run.align, ScoreSettings(tuple(m for m in run.metrics if m != "ter")))

    def signature(self, run: RunSettings) -> str:
        # The backend's comparable rules (content one side only has, speakers) decide links too: a change to them
        # must not reuse a cached alignment.
        from compare.align.backends import get_backend

        rules = get_backend(run.align.backend).COMPARABLE.signature()
        return (f"{super().signature(run)}|{scores_signature(self.settings(run).scores)}|{absence_signature()}"
                f"|{rules}")

    def run(self, state: State, context: Context) -> None:
        # Keyed by exactly what alignment reads, so that a new report which only shifts another event's
        # grouping evidence or name census does not realign it.
        jobs: list[Job] = [(event, state.members(event), None) for event in state.events]
        keys = [
            context.lazy_key(self, lambda event=event: (
                event.id, [(b.source_id, b.paragraph) for b in event.background],
                [state.source_keys[i] for i in event.sources], state.mention_keys(event)))
            for event in state.events
        ]
        if "compare.semantic.embeddings" in sys.modules:  # a guess started before events were known: not begun, dropped
            sys.modules["compare.semantic.embeddings"].drop_pending()
        semantic = context.settings.align.semantic.enabled
        cached = context.cache.has_many(self.name, keys) if context.cache.enabled else set()
        # Forked workers take events side by side.  Without the semantic layer an event's alignment is numpy and
        # Python alone.  With it, the sentences are embedded first, here, on every core (a forked worker gets
        # the rows with its copy of the memo); what a worker still needs (merge windows) it encodes itself on
        # one thread (``Context.cached_map``'s ``embeds``).  Too few events to fork for (the seeds): the
        # sentences are embedded in the background while the lexical pass runs here.
        heavy = not semantic or context.forks(len(keys) - len(cached))
        embed_ahead(context, self.name, keys,
                    lambda k: _to_embed(jobs[k], context.settings.align.semantic),
                    semantic, background=not heavy)
        if semantic and not heavy and isinstance(context.executor, LocalExecutor):  # items aligned right here
            jobs = _passes_ahead(jobs, [k for k, key in enumerate(keys) if key not in cached], state.annotations,
                                 self.settings(context.settings))
        if heavy:
            _load_word_resources({x.language for s in state.sources for x in s.sentences} |
                                 {s.language for s in state.sources}, semantic)
            if semantic:
                _release_engine_process()
        found = context.cached_map(self.name, keys, align_one, jobs, state.annotations,
                                   self.settings(context.settings), heavy=heavy, embeds=semantic,
                                   cost=lambda job: pairs_cost(job[1]))
        if "compare.semantic.embeddings" in sys.modules:  # what the pass did not ask for is not embedded
            sys.modules["compare.semantic.embeddings"].cancel_prefetch()
        state.put("alignment", {event.id: alignment for event, alignment in zip(state.events, found, strict=True)})


TER_FORK_PAIRS = 100
"""Fewer distinct sentence pairs than this are scored in this process, not by forked workers (``map_light``).

Why: forking the run's process for TER and reaping its workers costs about 0.05 s, after alignment, with the
second core idle; the seeds' 38 pairs (12,453 characters) take 0.03-0.045 CPU-s here, and forked they took
0.085-0.088 s of wall time (measured, one run each way, twice).  A larger set's pairs still go to the workers."""


class TerStage(StageBase):
    name: ClassVar[str] = "ter"
    version: ClassVar[str] = "v1"
    requires: ClassVar[tuple[str, ...]] = ("alignments",)
    provides: ClassVar[tuple[str, ...]] = ("ter",)

    def settings(self, run: RunSettings) -> ScoreSettings:
        return ScoreSettings(("ter",)) if "ter" in run.metrics else ScoreSettings(())

    def signature(self, run: RunSettings) -> str:
        return f"{super().signature(run)}|{scores_signature(self.settings(run))}"

    def run(self, state: State, context: Context) -> None:
        """Fill in each pair's TER from sacrebleu's per-segment statistics, summed as ``TER.corpus_score`` sums them."""
        from compare.score import metric_signatures, pair_segments, ter_statistics, with_ter

        metrics = context.settings.metrics
        if "ter" not in metrics:
            return
        by_id = {s.id: s for s in state.sources}
        per_pair: list[list[tuple[str, str]] | None] = []
        for alignment in state.alignments.values():
            for pair in alignment.pairs:
                a, b = by_id[pair.source_a], by_id[pair.source_b]
                per_pair.append(pair_segments(a, b, alignment.links) if a.language == b.language else None)
        unique = sorted({segment for segments in per_pair for segment in segments or ()})
        keys = [context.lazy_key(self, lambda segment=segment: segment) for segment in unique]
        statistics = dict(zip(unique, context.cached_map(self.name, keys, ter_statistics, unique,
                                                         light=len(unique) >= TER_FORK_PAIRS), strict=True))
        remaining = iter(per_pair)
        for event_id, alignment in state.alignments.items():
            pairs = tuple(with_ter(pair, None if (segments := next(remaining)) is None else
                                   [statistics[s] for s in segments], metrics) for pair in alignment.pairs)
            signatures = {**alignment.signatures, **metric_signatures(metrics)}
            state.alignments[event_id] = replace(alignment, pairs=pairs, signatures=signatures)
