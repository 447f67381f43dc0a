"""Each member's machine-translation likelihood in one event, from the original where the set has it.

Why after provenance: whether a source translates another member of the event
is what the provenance stage establishes (a ``translation`` or
``machine-translation`` edge between two members).  For such a source the
with-original model of that language pair reads how the translation follows
its original (``translation_features``); for every other source the
text-only model of its language reads the text alone.  A manifest that
declares a source a translation, in an event with exactly one member in
another language, names that member as the original too (the manifest's word,
said so in the label).  Where no model covers the language the figure is
None: "not measured".

Every figure says which model produced it (``MTFigure.model`` and ``label``)
and carries its top reasons in words (``mt_reasons.explain``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from compare.artifacts.likelihood import (
    artifacts_per_1k,
    contributions,
    embedded_sentences,
    fluency_features,
    load_model,
    load_original_model,
    mt_likelihood,
    profile_features,
    word_rates,
)
from compare.artifacts.mt_reasons import explain
from compare.model import MTFigure, Source, SourceArtifacts
from compare.settings import MTSettings

TRANSLATION_RELATIONS = ("translation", "machine-translation")
LANGUAGE_NAMES = {"ru": "Russian", "de": "German", "zh": "Chinese", "en": "English", "fr": "French"}


def originals(members: Sequence[Source], provenance: Any) -> dict[str, tuple[str, str]]:
    """Source id -> (original's id, how it is known: ``provenance`` or ``manifest``)."""
    ids = {s.id for s in members}
    found: dict[str, tuple[str, str]] = {}
    for edge in getattr(provenance, "edges", ()) or ():
        if edge.relation in TRANSLATION_RELATIONS and edge.from_ in ids and edge.to in ids:
            found.setdefault(edge.to, (edge.from_, "provenance"))
    for source in members:
        if source.id in found or source.kind not in TRANSLATION_RELATIONS:
            continue
        others = [m for m in members if m.id != source.id and m.language not in (source.language, "und")]
        if len(others) == 1:
            found[source.id] = (others[0].id, "manifest")
    return found


def _encoder(settings: MTSettings):
    if not settings.use_embeddings:
        return None
    from compare.artifacts.translation_features import default_encoder

    return default_encoder()[0]


def _text_features(source: Source, artifacts: SourceArtifacts | None) -> dict[str, float]:
    features = fluency_features(source.text, source.language, len(source.sentences) or None)
    features.update(profile_features(source.text, source.language))
    features.update(word_rates(source.text))
    features["artifacts_per_1k"] = artifacts_per_1k(artifacts.density if artifacts else {})
    return features


def figure(source: Source, artifacts: SourceArtifacts | None, original: Source | None = None, how: str = "",
           settings: MTSettings | None = None) -> MTFigure:
    """One source's figure: with its original when given and a pair model covers it, else text only."""
    from compare.artifacts.translation_features import translation_features

    settings = settings or MTSettings()
    encode = _encoder(settings)
    sentences = [s.text for s in source.sentences]
    features = _text_features(source, artifacts)
    found_artifacts = artifacts.artifacts if artifacts else ()
    note = ""
    if original is not None:
        model = load_original_model(original.language, source.language, embeddings=encode is not None)
        if model is not None:
            original_sentences = [s.text for s in original.sentences]
            pair = translation_features(original_sentences, sentences, original.language,
                                        embeddings=encode is not None, encode=encode)
            features.update(pair.values)
            vectors = pair.vectors or None
            likelihood, parts = mt_likelihood(features, source.language, model, vectors)
            _, found = contributions(features, model, vectors)
            reasons = explain(found, model, sentences, source.language, original_sentences, original.language,
                              pair.alignment, found_artifacts, encode, settings.reasons)
            said = " (as the manifest says)" if how == "manifest" else ""
            language = LANGUAGE_NAMES.get(original.language, original.language)
            return MTFigure(source.id, likelihood, "with-original", f"with original {original.id} ({language}){said}",
                            original.id, reasons, parts, model.source)
        note = f"; no with-original model for {original.language}-{source.language}"
    vectors = None
    model = load_model(source.language)
    if encode is not None and model.fitted:
        with_vectors = load_model(source.language, "document_embeddings")
        if with_vectors.fitted and sentences:
            model = with_vectors
            # at most TEXT_ONLY_SENTENCES of them, evenly spaced, as the model was fitted: the cost bound
            vectors = {"translation_mean": encode(embedded_sentences(sentences)).astype(float).mean(axis=0)}
    if not model.fitted:
        return MTFigure(source.id, None, "none", f"not measured (no model for {source.language}{note})",
                        None, (), {"artifacts_per_1k": round(features["artifacts_per_1k"], 4)}, model.source)
    likelihood, parts = mt_likelihood(features, source.language, model, vectors)
    _, found = contributions(features, model, vectors)
    reasons = explain(found, model, sentences, source.language, artifacts=found_artifacts, encode=encode,
                      top=settings.reasons)
    return MTFigure(source.id, likelihood, "text-only", f"text only{note}", None, reasons, parts, model.source)


def texts_to_embed(members: Sequence[Source], provenance: Any, settings: MTSettings | None = None) -> list[str]:
    """The sentences :func:`figure_event` will embed for these members, so that a caller can embed a whole
    run's in one batch, on every core: one call per source runs one engine call at a time, and a set of
    one-sentence reports then spent 40 % of its run in this stage on one core.  The texts the pair model
    reads as merged beads are embedded when the figure is computed (a few, where sentences merge)."""
    settings = settings or MTSettings()
    if _encoder(settings) is None:
        return []
    by_id = {s.id: s for s in members}
    known = originals(members, provenance)
    texts: list[str] = []
    for source in members:
        sentences = [x.text for x in source.sentences]
        original = by_id.get(known.get(source.id, (None, ""))[0] or "")
        if original is not None and load_original_model(original.language, source.language, embeddings=True):
            texts.extend(x.text for x in original.sentences)
            texts.extend(sentences)
        elif load_model(source.language).fitted and load_model(source.language, "document_embeddings").fitted:
            texts.extend(embedded_sentences(sentences))
    return texts


def figure_event(members: Sequence[Source], provenance: Any, artifacts: Mapping[str, SourceArtifacts],
                 settings: MTSettings | None = None) -> tuple[MTFigure, ...]:
    """Every member's figure, in member order (see the module docstring)."""
    by_id = {s.id: s for s in members}
    known = originals(members, provenance)
    out = []
    for source in members:
        original_id, how = known.get(source.id, (None, ""))
        out.append(figure(source, artifacts.get(source.id), by_id.get(original_id) if original_id else None, how,
                          settings))
    return tuple(out)
