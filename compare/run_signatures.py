"""The signatures that read a stage's code, not only its settings: sacrebleu's metric signatures, the registered
artifact detectors, the fitted machine-translation coefficients and the fitted absence test.

``compare.settings`` holds values only and imports no stage, so the CLI can build its options without loading
the pipeline.  What a setting *means* for a result also depends on the code behind it (a new sacrebleu, a
detector added to the registry, a refit), so each stage adds that part to its own cache signature here, and the
report prints the same strings (``run_signatures``).
"""

from __future__ import annotations

from compare.settings import (
    PAIR_METRICS,
    AlignSettings,
    ArtifactSettings,
    FramingSettings,
    MTSettings,
    RunSettings,
    ScoreSettings,
)


def absence_signature() -> str:
    """A digest of the absence test's fitted coefficients (``compare.align.absence``): a refit changes what the
    report may call absent, so it changes the alignment's signature."""
    from compare.align.absence import coefficients_digest

    return f"absence:{coefficients_digest()}"


def align_signature(settings: AlignSettings) -> str:
    return f"{settings.signature()}|{absence_signature()}"


def scores_signature(settings: ScoreSettings) -> str:
    """sacrebleu's own signature of each metric the pairs are scored with ("none" for no metric)."""
    from compare.score import metric_signatures

    signatures = metric_signatures(settings.metrics)
    return "|".join(f"{m}:{signatures[m]}" for m in PAIR_METRICS if m in signatures) or "none"


def detector_names(settings: ArtifactSettings) -> tuple[str, ...]:
    """The registered detectors the run uses (all of them when ``settings.detectors`` is None), versioned names."""
    from compare.artifacts import REGISTRY

    return tuple(n for n in REGISTRY if settings.detectors is None or n in settings.detectors)


def artifacts_signature(settings: ArtifactSettings) -> str:
    return "detectors:" + ",".join(detector_names(settings))


def mt_signature(settings: MTSettings) -> str:
    """The settings, a digest of the fitted coefficients (a refit changes it) and the encoder the figures use."""
    from compare.artifacts.likelihood import coefficients_digest
    from compare.artifacts.translation_features import default_encoder

    encoder = default_encoder()[1] if settings.use_embeddings and default_encoder()[0] is not None else "none"
    return f"{settings.signature()}|coefficients:{coefficients_digest()}|embeddings:{encoder}"


def framing_signature(settings: FramingSettings) -> str:
    """The lexicon the framing stage reads, by file name and content digest ("none" said nothing: the packaged
    lexicon is read when no other is given)."""
    from compare.framing import lexicon_signature

    return f"lexicon:{lexicon_signature(settings.lexicon)}"


def run_signatures(run: RunSettings) -> dict[str, str]:
    """One signature per settings group, by group name, in pipeline order: what the report's methods section
    and summary.json print, so a figure can be reproduced from the page that shows it."""
    signatures = run.signatures()
    signatures["align"] = align_signature(run.align)
    signatures["scores"] = scores_signature(run.scores)
    signatures["artifacts"] = artifacts_signature(run.artifacts)
    signatures["mt"] = mt_signature(run.mt)
    signatures["framing"] = framing_signature(run.framing)
    return signatures
