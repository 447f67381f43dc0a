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
and carries its top reasons in words (``mt_reasons.explain``).  Whether it is
a number at all is ``mt_gate``'s call: only from a configuration measured at
held-out AUC >= 0.80 and calibrated; a text alone is placed in a language pair
by provenance's origin language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
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
from compare.artifacts.mt_gate import (
    calibrated,
    copied_from_undecided,
    first_shown,
    not_measured_text,
    text_only_pair,
)
from compare.artifacts.mt_reasons import explain, group_totals, separating
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


def _not_measured(source: Source, label: str, features: Mapping[str, float], coefficients: str,
                  original: str | None = None) -> MTFigure:
    """A figure with no number: the label says why, and no reasons are given (a model not trusted for this
    configuration gives no evidence to read aloud; the artifact flags say what the text shows)."""
    return MTFigure(source.id, None, "none", label, original, (),
                    {"artifacts_per_1k": round(features["artifacts_per_1k"], 4)}, coefficients)


def figure(source: Source, artifacts: SourceArtifacts | None, original: Source | None = None, how: str = "",
           settings: MTSettings | None = None, origin: str | None = None, undecided: bool = False,
           copy_of: str | None = None) -> MTFigure:
    """One source's figure: with its original when given and a pair model covers it, else text only.

    A number is given only where ``mt_gate`` allows it (held-out AUC of the configuration at least
    ``MIN_AUC``, Platt-calibrated); ``origin`` is the language provenance says the text was first
    written in, which places a text alone in a language pair.
    """
    return _figure(source, artifacts, original, how, settings, origin, undecided, copy_of)[0]


def _figure(source: Source, artifacts: SourceArtifacts | None, original: Source | None = None, how: str = "",
            settings: MTSettings | None = None, origin: str | None = None, undecided: bool = False,
            copy_of: str | None = None) -> tuple[MTFigure, dict[str, float]]:
    """:func:`figure`, with each reason's share of the log-odds (``mt_reasons.group_totals``; empty where no
    model read the text), which ``figure_event`` weighs against the other members'."""
    from compare.artifacts.translation_features import translation_features

    settings = settings or MTSettings()
    encode = _encoder(settings)
    sentences = [s.text for s in source.sentences]
    features = _text_features(source, artifacts)
    found_artifacts = artifacts.artifacts if artifacts else ()
    if original is not None:
        pair_name = f"{original.language}-{'en' if source.language in ('und', '') else source.language}"
        said = " (as the manifest says)" if how == "manifest" else ""
        language = LANGUAGE_NAMES.get(original.language, original.language)
        variants = ("with_original_embeddings", "with_original") if encode is not None else ("with_original",)
        verdict = first_shown(pair_name, variants)
        embeddings = verdict.variant == "with_original_embeddings"
        model = load_original_model(original.language, source.language, embeddings=embeddings)
        label = f"with original {original.id} ({language}){said}"
        if model is None or not verdict.trusted:
            why = verdict.why if model is not None else f"no model was fitted for {pair_name}"
            return _not_measured(source, f"not measured ({label}: {why})", features, model.source if model else "",
                                 original.id), {}
        original_sentences = [s.text for s in original.sentences]
        pair = translation_features(original_sentences, sentences, original.language,
                                    embeddings=embeddings, encode=encode if embeddings else None)
        features.update(pair.values)
        vectors = (pair.vectors or None) if embeddings else None
        _, parts = mt_likelihood(features, source.language, model, vectors)
        logit, found = contributions(features, model, vectors)
        reasons = explain(found, model, sentences, source.language, original_sentences, original.language,
                          pair.alignment, found_artifacts, encode, settings.reasons)
        if not verdict.shown:  # measured well enough to read its reasons out, not calibrated to give a number
            label = f"no figure ({label}: {verdict.why})"
        return MTFigure(source.id, calibrated(logit, verdict.platt) if verdict.shown else None, "with-original",
                        label, original.id, reasons, parts, model.source, round(logit, 4)), group_totals(found)
    model = load_model(source.language)
    if not model.fitted:
        return _not_measured(source, f"not measured (no model for {source.language})", features, model.source), {}
    pair_name = text_only_pair(origin, "en" if source.language in ("und", "") else source.language)
    if pair_name is None:
        return _not_measured(source, not_measured_text(origin, source.language, None, undecided, copy_of), features,
                             model.source), {}
    variants = ("document_embeddings", "document") if encode is not None else ("document",)
    verdict = first_shown(pair_name, variants)
    if not verdict.trusted:
        return _not_measured(source, not_measured_text(origin, source.language, verdict), features, model.source), {}
    vectors = None
    if verdict.variant == "document_embeddings" and sentences:
        model = load_model(source.language, "document_embeddings")
        # at most TEXT_ONLY_SENTENCES of them, evenly spaced, as the model was fitted: the cost bound
        vectors = {"translation_mean": encode(embedded_sentences(sentences)).astype(float).mean(axis=0)}
    _, parts = mt_likelihood(features, source.language, model, vectors)
    logit, found = contributions(features, model, vectors)
    reasons = explain(found, model, sentences, source.language, artifacts=found_artifacts, encode=encode,
                      top=settings.reasons)
    label = "text only" if verdict.shown else f"no figure (text only: {verdict.why})"
    return MTFigure(source.id, calibrated(logit, verdict.platt) if verdict.shown else None, "text-only", label, None,
                    reasons, parts, model.source, round(logit, 4)), group_totals(found)


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
    origins = {p.id: p.origin_language for p in getattr(provenance, "sources", ()) or ()}
    texts: list[str] = []
    for source in members:
        sentences = [x.text for x in source.sentences]
        language = "en" if source.language in ("und", "") else source.language
        original = by_id.get(known.get(source.id, (None, ""))[0] or "")
        if original is not None:
            verdict = first_shown(f"{original.language}-{language}", ("with_original_embeddings", "with_original"))
            if verdict.trusted and verdict.variant == "with_original_embeddings":
                texts.extend(x.text for x in original.sentences)
                texts.extend(sentences)
            continue
        pair = text_only_pair(origins.get(source.id), language)
        if pair and load_model(source.language).fitted:
            verdict = first_shown(pair, ("document_embeddings", "document"))
            if verdict.trusted and verdict.variant == "document_embeddings":
                texts.extend(embedded_sentences(sentences))
    return texts


def figure_event(members: Sequence[Source], provenance: Any, artifacts: Mapping[str, SourceArtifacts],
                 settings: MTSettings | None = None) -> tuple[MTFigure, ...]:
    """Every member's figure, in member order (see the module docstring)."""
    by_id = {s.id: s for s in members}
    known = originals(members, provenance)
    origins = {p.id: p.origin_language for p in getattr(provenance, "sources", ()) or ()}
    undecided = {p.id for p in getattr(provenance, "sources", ()) or () if p.role == "undetermined"}
    copies = copied_from_undecided(provenance)
    found = []
    for source in members:
        original_id, how = known.get(source.id, (None, ""))
        found.append(_figure(source, artifacts.get(source.id), by_id.get(original_id) if original_id else None, how,
                             settings, origins.get(source.id), source.id in undecided, copies.get(source.id)))
    return _separated(members, found)


def _reads_machine(figure: MTFigure) -> bool | None:
    """Which way the page reads a figure: its number where one is shown, else its model's raw score."""
    if figure.likelihood is not None:
        return figure.likelihood >= 0.5
    return None if figure.log_odds is None else figure.log_odds > 0


def _separated(members: Sequence[Source], found: Sequence[tuple[MTFigure, dict[str, float]]]) -> tuple[MTFigure, ...]:
    """Each figure with only the reasons that tell its text apart from the members the same fitted model reads
    the other way (``mt_reasons.separating``): "like a human translator" said of a word both machine
    translations beside it also write is no reason a class can use (rW1 ru-en M8, de-en M7)."""
    out = []
    for source, (fig, totals) in zip(members, found, strict=True):
        others = []
        for member, (other, their) in zip(members, found, strict=True):
            reading = _reads_machine(other)
            if (member.id != source.id and member.language == source.language and their and reading is not None
                    and other.coefficients == fig.coefficients):
                others.append(("\n\n".join(s.text for s in member.sentences), their, reading))
        if fig.reasons and others:
            fig = replace(fig, reasons=separating(fig.reasons, totals, others))
        out.append(fig)
    return tuple(out)
