"""Translation and rewriting artifacts: a registry of small detectors, densities and an MT likelihood.

    from compare.artifacts import build_context, detect_artifacts, compare_profiles
    context = build_context(sources, annotations)
    results = [detect_artifacts(s, annotations, context) for s in sources]
    comparison = compare_profiles(results)

Detectors register themselves by versioned name in ``REGISTRY`` when their
module is imported (see ``registry.register``); each declares its family,
needs and languages, and is skipped on sources in other languages.
"""

from __future__ import annotations

from compare.artifacts import calques as _calques  # noqa: F401 - registers detectors
from compare.artifacts import casing as _casing  # noqa: F401
from compare.artifacts import mixed_script as _mixed_script  # noqa: F401
from compare.artifacts import residue as _residue  # noqa: F401
from compare.artifacts import rewrite as _rewrite  # noqa: F401
from compare.artifacts import transliteration as _transliteration  # noqa: F401
from compare.artifacts import typography as _typography  # noqa: F401
from compare.artifacts.context import ArtifactContext, build_context
from compare.artifacts.families import FAMILIES, FAMILY_NAMES, FAMILY_TITLES
from compare.artifacts.likelihood import artifacts_per_1k, fluency_features, mt_likelihood, profile_features
from compare.artifacts.profiles import ProfileComparison, SourceProfile, compare_profiles
from compare.artifacts.reference import PairReferenceScore, reference_scores, reference_summary
from compare.artifacts.registry import REGISTRY, Detector, DetectorInput, register
from compare.model import MTFigure, Source, SourceArtifacts

__all__ = [
    "FAMILIES", "FAMILY_NAMES", "FAMILY_TITLES", "REGISTRY", "ArtifactContext", "Detector", "DetectorInput",
    "PairReferenceScore", "ProfileComparison", "SourceArtifacts", "SourceProfile", "add_reference", "build_context",
    "compare_profiles", "detect_artifacts", "detect_source_set", "reference_scores", "reference_summary",
    "register", "source_report",
]


def detect_artifacts(
    source: Source,
    annotations=None,
    context: ArtifactContext | None = None,
    detectors: tuple[str, ...] | None = None,
) -> SourceArtifacts:
    """Run every registered detector that handles the source's language; return artifacts sorted by start.

    ``annotations`` (compare.annotate) and ``context`` (``build_context``) are optional: detectors that
    need them do less without them.  Former line starts come from ``source.line_starts`` (recorded by
    re-flow), so no detector reads files.  ``detectors`` limits the run to names.
    """
    data = DetectorInput(source, tuple(source.sentences), annotations, context)
    found: set = set()
    skipped = []
    for name, detector in REGISTRY.items():
        if detectors is not None and name not in detectors:
            continue
        if not detector.handles(source.language):
            skipped.append(name)
            continue
        found.update(detector.run(data))
    artifacts = tuple(sorted(found, key=lambda a: (a.start, a.end, a.detector, a.explanation)))
    words = source.words  # the sources table's count: one word count for every density of the report
    density = {}
    for family in FAMILY_NAMES:
        n = sum(a.category == family for a in artifacts)
        density[family] = round(1000.0 * n / words, 2) if words else 0.0
    features = fluency_features(source.text, source.language, len(source.sentences) or None)
    features.update(profile_features(source.text, source.language))
    features["artifacts_per_1k"] = artifacts_per_1k(density)
    likelihood, parts = mt_likelihood(features, source.language)
    return SourceArtifacts(source.id, artifacts, likelihood, parts, density, words, tuple(skipped))


def detect_source_set(sources, annotations=None) -> list[SourceArtifacts]:
    """Build the context once and run ``detect_artifacts`` on every source, in id order."""
    context = build_context(sources, annotations)
    return [detect_artifacts(s, annotations, context) for s in sorted(sources, key=lambda s: s.id)]


def source_report(result: SourceArtifacts, figure: MTFigure | None = None) -> dict:
    """The JSON shape of the CLI: id, the ``mt`` stage's figure and its words, density by family, words and
    artifacts.  ``figure`` None (a source in no event): "not measured"; the artifacts stage's own raw score
    (``result.mt_likelihood``, for the benches) is never shown."""
    return {
        "id": result.source_id,
        "mt_likelihood": figure.likelihood if figure else None,
        "mt_model": figure.label if figure else "not measured (the source is in no event)",
        "density": dict(result.density),
        "words": result.words,
        "artifacts": [
            {k: a.to_dict()[k] for k in ("start", "end", "category", "detector", "severity", "explanation", "text")}
            for a in result.artifacts
        ],
    }


def add_reference(result: SourceArtifacts, pairs, language: str = "en") -> SourceArtifacts:
    """The same result with the reference-based part added, from aligned sentence pairs.

    ``pairs`` are (sentence of this source, aligned sentence of another translation of the same
    original, or of the original's own translation) texts, e.g. from the aligner's links.  The mean
    sentence chrF over the pairs enters the ``with_reference`` model (fitted on WMT21: machine
    translations resemble other translations of the same source more than human ones do); chrF and TER
    per pair stay available from ``reference_scores``.  With no pairs the result is returned unchanged.
    """
    from dataclasses import replace

    from compare.artifacts.likelihood import mt_likelihood_with_reference

    pairs = list(pairs)
    if not pairs:
        return result
    scores = reference_scores(pairs)
    features = {k: v for k, v in result.mt_parts.items() if "." not in k}
    features["reference_chrf"] = sum(s.chrf for s in scores) / len(scores)
    likelihood, parts = mt_likelihood_with_reference(features, language)
    parts.update(reference_summary(pairs))
    return replace(result, mt_likelihood=likelihood, mt_parts=parts)
