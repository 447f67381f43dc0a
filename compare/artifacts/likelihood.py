"""A document-level machine-translation likelihood in [0, 1], with its parts shown.

The score is a logistic model over a few features a teacher can name:
artifacts per 1,000 words from the machine-translation families (casing,
transliteration, typography, calques, mixed script), and fluency features:
how often function words and commas occur, how common the words are
(wordfreq Zipf scale), how many rare words and how varied the vocabulary is.
The fluency weights were fitted on the shared part of the WMT21 human-vs-MT
data (``bench/artifacts_fit_mt.py``) and are read from
``data/mt_likelihood.json``; the parts are each feature's value and its
contribution to the log-odds, so a reader sees why a score is high.

With the original in the set, ``mt_likelihood_with_original`` adds how the
translation follows it (``translation_features``), with a model per language
pair read from ``data/mt_with_original.json`` (``bench/mt_with_original.py``).
The pipeline's ``mt`` stage (``mt_event``) picks the model per source, and
``mt_reasons`` turns the contributions (``contributions``) into words.

No model, no figure: for a language (or, with the original, a language pair)
that no model covers, the likelihood is ``None``, so the report can say "not
measured" rather than print a 0.50 that looks like a measurement.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

MT_FAMILIES = ("casing", "transliteration", "typography", "calque", "mixed_script")

FUNCTION_WORDS = {
    "en": frozenset("""the a an of to in on at by for with from as and or but that which who whom whose this these
        those it its is was are were be been being has have had not no he she they them his her their we our
        you your i me my there here than then so if when while also only into about after before over under
        between through during will would can could should may might must do does did""".split()),
    "de": frozenset("""der die das den dem des ein eine einen einem einer eines und oder aber dass als wie in im
        an am auf aus bei mit nach von vom zu zum zur für über unter vor durch gegen ohne ist sind war waren
        wird werden wurde wurden hat haben hatte hatten nicht kein keine es er sie wir ihr ich sich auch nur
        noch schon so wenn weil ob""".split()),
    "fr": frozenset("""le la les l un une des du de d et ou mais que qui dont ce cette ces il elle ils elles nous
        vous je on se sa son ses leur leurs au aux à en dans par pour sur avec sans sous entre est sont était
        été être a ont avait avoir ne pas plus aussi si comme""".split()),
}
TOKEN = re.compile(r"\w+(?:['’\-]\w+)*")
PROFILE_PUNCTUATION = (",", ";", ":", "—", "–", " - ", "(", "?", "!", "%")
"""Punctuation in the profile.  Quotation marks and apostrophes are left out on purpose: in WMT21 the
human references use curly ones and the systems straight ones, a typesetting habit of that data set
that would not carry over (seed 000, a machine translation, has curly quotes)."""

FEATURES = ("artifacts_per_1k", "function_words", "commas_per_word", "mean_zipf", "rare_share",
            "vocabulary_variety", "mean_sentence_words")
FEATURE_TITLES = {
    "artifacts_per_1k": "machine-translation artifacts per 1,000 words",
    "function_words": "share of words that are function words",
    "commas_per_word": "commas per word",
    "mean_zipf": "average word frequency (Zipf scale)",
    "rare_share": "share of rare words (Zipf below 3)",
    "vocabulary_variety": "distinct words per 50-word window",
    "mean_sentence_words": "average sentence length in words",
    "reference_chrf": "mean chrF against other translations of the same original",
}
PROFILE_PREFIXES = ("fw:", "punct:", "w:")
"""Rate features: absent from a text means a rate of 0, not unknown.  ``w:`` is word choice (``word_rates``)."""
PROFILE_EXTRA = ("contractions", "mean_word_length")
WORD_TOKEN = re.compile(r"\b\w+\b|[^\w\s]")
"""Tokens for word choice: words and single punctuation marks, case kept (scikit-learn's CountVectorizer
with this pattern fitted the weights, bench/mt_models.py ``fit_words``)."""


@dataclass(frozen=True)
class MTModel:
    """Logistic weights over standardised features; ``source`` says how they were obtained.

    ``artifacts_per_1k`` has a weight set by hand (see the JSON's ``artifact_note``): the WMT21
    systems of 2021 make almost none of these artifacts, so that data cannot fit it.
    ``vector_weights`` (optional) weigh mean embedding rows (standardisation folded in);
    ``vector_offset`` is their contribution at the training mean, already in the intercept.
    ``fitted`` is False where no model covers the language: the likelihood is then None.
    """

    intercept: float
    weights: dict[str, float]
    means: dict[str, float]
    scales: dict[str, float]
    source: str
    vector_weights: dict[str, tuple[float, ...]] = field(default_factory=dict)
    vector_offset: dict[str, float] = field(default_factory=dict)
    fitted: bool = True


def fluency_features(text: str, language: str = "en", sentences: int | None = None) -> dict[str, float]:
    """The fluency features of a text (everything except the artifact count)."""
    from wordfreq import zipf_frequency

    words = [w.lower() for w in TOKEN.findall(text) if not w.isdigit()]
    n = max(len(words), 1)
    lang = language if language in FUNCTION_WORDS else "en"
    zipfs = [zipf_frequency(w, lang) for w in words] or [0.0]
    windows = [len(set(words[i:i + 50])) for i in range(0, max(len(words) - 49, 1), 25)]
    sentence_count = sentences or max(len(re.findall(r"[.!?](?:\s|$)", text)), 1)
    return {
        "function_words": sum(w in FUNCTION_WORDS[lang] for w in words) / n,
        "commas_per_word": text.count(",") / n,
        "mean_zipf": sum(zipfs) / len(zipfs),
        "rare_share": sum(z < 3.0 for z in zipfs) / len(zipfs),
        "vocabulary_variety": sum(windows) / len(windows) if words else 0.0,
        "mean_sentence_words": n / sentence_count,
    }


def profile_features(text: str, language: str = "en") -> dict[str, float]:
    """Function-word and punctuation profile: rate per word of each function word and mark, contractions."""
    lang = language if language in FUNCTION_WORDS else "en"
    plain = text.replace("’", "'")
    words = [w.lower() for w in TOKEN.findall(plain)]
    n = max(len(words), 1)
    counts: dict[str, int] = {}
    for w in words:
        if w in FUNCTION_WORDS[lang]:
            counts[w] = counts.get(w, 0) + 1
    out = {f"fw:{w}": counts.get(w, 0) / n for w in sorted(FUNCTION_WORDS[lang])}
    out.update({f"punct:{p.strip() or 'space-hyphen'}": plain.count(p) / n for p in PROFILE_PUNCTUATION})
    out["contractions"] = sum("'" in w for w in words) / n
    out["mean_word_length"] = sum(len(w) for w in words) / n
    return out


def word_rates(text: str) -> dict[str, float]:
    """``{"w:<token>": occurrences per token}`` for every token and every pair of adjacent tokens of the
    text (``WORD_TOKEN``; a pair as "our contribution"), both per token; a model reads the ones it has
    weights for.  Curly apostrophes are made straight first, as in the profile.  Why pairs too: word
    choice is often a phrase ("our contribution", "in order to"), not a word."""
    tokens = WORD_TOKEN.findall(text.replace("’", "'"))
    n = max(len(tokens), 1)
    counts: dict[str, int] = {}
    for token in (*tokens, *(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))):
        counts[token] = counts.get(token, 0) + 1
    return {f"w:{token}": count / n for token, count in sorted(counts.items())}


def artifacts_per_1k(density: Mapping[str, float]) -> float:
    return sum(density.get(f, 0.0) for f in MT_FAMILIES)


@lru_cache(maxsize=4)
def _raw(name: str = "mt_likelihood.json") -> dict:
    path = resources.files("compare.artifacts") / "data" / name
    return json.loads(path.read_text(encoding="utf-8"))


def _raw_models() -> dict:
    return _raw("mt_likelihood.json")


UNFITTED = {"intercept": 0.0, "weights": {}, "means": {}, "scales": {}}
"""The record behind a language without a fitted model; ``MTModel.fitted`` is False for it."""


def _model(m: Mapping[str, Any], source: str, artifact_weight: float | None, fitted: bool = True) -> MTModel:
    weights = dict(m["weights"])
    means, scales = dict(m["means"]), dict(m["scales"])
    if artifact_weight is not None:
        weights["artifacts_per_1k"] = artifact_weight
        means["artifacts_per_1k"], scales["artifacts_per_1k"] = 0.0, 1.0
    vectors = {k: tuple(v) for k, v in m.get("vector_weights", {}).items()}
    return MTModel(m["intercept"], weights, means, scales, source, vectors, dict(m.get("vector_offset", {})), fitted)


@lru_cache(maxsize=16)
def load_model(language: str = "en", variant: str = "document") -> MTModel:
    """The fitted text model for a target language.

    Undetermined text ('und') uses the English model; a language with no fitted model (Russian,
    Chinese, ...) gets an unfitted one (``fitted`` False) and ``mt_likelihood`` returns None for
    it, because English-trained fluency weights would be meaningless there.  ``variant`` is
    ``document`` (the text alone), ``document_embeddings`` (the text and its sentences' mean
    multilingual embedding) or ``with_reference``.
    """
    raw = _raw_models()
    lang = "en" if language in ("und", "") else language
    if lang in raw["languages"] and variant in raw["languages"][lang]:
        return _model(raw["languages"][lang][variant], f"{raw['source']} [{lang}/{variant}]", raw["artifact_weight"])
    return _model(UNFITTED, f"{raw['source']} [{lang}: no fitted model, not measured]", raw["artifact_weight"],
                  fitted=False)


def covered_languages() -> tuple[str, ...]:
    """Target languages the text-only model covers (others get None: "not measured")."""
    return tuple(sorted(_raw_models()["languages"]))


@lru_cache(maxsize=32)
def load_original_model(source_language: str, language: str = "en", embeddings: bool = False) -> MTModel | None:
    """The with-original model for a language pair (``ru``, ``en`` -> ru-en), or None where no pair
    model was fitted (then the text-only model is all there is).  ``embeddings`` picks the variant
    that also reads the multilingual embedding rows."""
    raw = _raw("mt_with_original.json")
    pair = f"{source_language}-{'en' if language in ('und', '') else language}"
    variant = "with_original_embeddings" if embeddings else "with_original"
    if pair not in raw["pairs"] or variant not in raw["pairs"][pair]:
        return None
    return _model(raw["pairs"][pair][variant], f"{raw['source']} [{pair}/{variant}]", raw["artifact_weight"])


def covered_pairs() -> tuple[str, ...]:
    """Language pairs (``src-tgt``) the with-original model covers."""
    return tuple(sorted(_raw("mt_with_original.json")["pairs"]))


def transform(name: str, value: float) -> float:
    """Artifact densities are skewed: the model sees log(1 + density)."""
    return math.log1p(value) if name == "artifacts_per_1k" else value


def _is_profile(name: str) -> bool:
    return name.startswith(PROFILE_PREFIXES) or name in PROFILE_EXTRA


def contributions(features: Mapping[str, float], model: MTModel,
                  vectors: Mapping[str, Sequence[float]] | None = None) -> tuple[float, dict[str, tuple[float, float]]]:
    """(log-odds, {feature: (value, contribution)}) under a fitted ``model``: every named feature
    and every embedding row it weighs (``embedding:<name>``, value NaN), the intercept left out.

    Why apart from ``mt_likelihood``: the reasons in words (``compare.artifacts.mt_reasons``)
    need each contribution, not only the few ``mt_likelihood`` keeps in its parts.
    """
    logit = model.intercept
    out: dict[str, tuple[float, float]] = {}
    for name in sorted(model.weights):
        value = features.get(name, 0.0 if name == "artifacts_per_1k" or _is_profile(name) else math.nan)
        value = float(value) if value is not None else math.nan
        known = math.isfinite(value)
        # a feature without mean and scale (word choice) has its standardisation folded into its weight
        mean, scale = model.means.get(name, 0.0), model.scales.get(name, 1.0) or 1.0
        z = (transform(name, value) - mean) / scale if known else 0.0
        contribution = model.weights.get(name, 0.0) * z
        logit += contribution
        out[name] = (value, contribution)
    for name, weights in sorted(model.vector_weights.items()):
        if not vectors or name not in vectors:
            continue  # a model with vectors scored without them: their part counts at the mean
        contribution = sum(w * float(v) for w, v in zip(weights, vectors[name], strict=True)) - model.vector_offset[name]
        logit += contribution
        out[f"embedding:{name}"] = (math.nan, contribution)
    return logit, out


def mt_likelihood(features: Mapping[str, float], language: str = "en", model: MTModel | None = None,
                  vectors: Mapping[str, Sequence[float]] | None = None) -> tuple[float | None, dict[str, float]]:
    """(likelihood, parts): parts hold each feature's value and its contribution to the log-odds.

    The likelihood is None where no model covers ``language`` (parts then hold the artifact
    density alone).  A feature missing or NaN counts at its fitted mean (no contribution).  With
    ``vectors`` (``text_vectors`` of the document's sentences) and no ``model``, the
    ``document_embeddings`` variant is used when the language has one.
    """
    if model is None:
        model = load_model(language)
        if vectors and "translation_mean" in vectors:
            with_vectors = load_model(language, "document_embeddings")
            model = with_vectors if with_vectors.fitted else model
    if not model.fitted:
        return None, {"artifacts_per_1k": round(float(features.get("artifacts_per_1k", 0.0)), 4)}
    logit, found = contributions(features, model, vectors)
    parts: dict[str, float] = {}
    profile: dict[str, float] = {}
    words: dict[str, float] = {}
    for name, (value, contribution) in found.items():
        if name.startswith("embedding:"):
            parts[f"{name}.contribution"] = round(contribution, 4)
        elif name.startswith("w:"):
            words[name] = contribution
        elif _is_profile(name):
            profile[name] = contribution
        else:
            if math.isfinite(value):
                parts[name] = round(value, 4)
            parts[f"{name}.contribution"] = round(contribution, 4)
    if profile:
        parts["function_word_profile.contribution"] = round(sum(profile.values()), 4)
        for name in sorted(profile, key=lambda k: (-abs(profile[k]), k))[:3]:
            parts[f"{name}.contribution"] = round(profile[name], 4)
    if words:
        parts["word_choice.contribution"] = round(sum(words.values()), 4)
        for name in sorted(words, key=lambda k: (-abs(words[k]), k))[:3]:
            parts[f"{name}.contribution"] = round(words[name], 4)
    parts["intercept"] = round(model.intercept, 4)
    likelihood = 1.0 / (1.0 + math.exp(-max(min(logit, 40.0), -40.0)))
    return round(likelihood, 4), parts


def coefficients_digest() -> str:
    """A short digest of the packaged coefficients (both JSON files): part of the ``mt`` stage's
    signature, so a refit invalidates cached figures and the methods section shows which ran."""
    import hashlib

    digest = hashlib.blake2b(digest_size=6)
    for name in ("mt_likelihood.json", "mt_with_original.json"):
        digest.update((resources.files("compare.artifacts") / "data" / name).read_bytes())
    return digest.hexdigest()


def mt_likelihood_with_reference(features: Mapping[str, float], language: str = "en") -> tuple[float | None, dict[str, float]]:
    """As ``mt_likelihood``, adding ``reference_chrf``: the mean sentence chrF of the document against
    other translations of the same original in the set (see ``reference.reference_scores``).
    None where no model covers ``language``."""
    return mt_likelihood(features, language, load_model(language, "with_reference"))


def mt_likelihood_with_original(features: Mapping[str, float], source_language: str, language: str = "en",
                                vectors: Mapping[str, Sequence[float]] | None = None) -> tuple[float | None, dict[str, float]]:
    """The likelihood that a translation into ``language`` of an original in ``source_language`` is a
    machine translation, from its text features (``fluency_features``, ``profile_features``,
    ``artifacts_per_1k``) and how it follows the original (``TranslationFeatures.values``).

    With ``vectors`` holding both ``translation_mean`` and ``original_mean`` (from
    ``TranslationFeatures.vectors``) the embedding variant is used.  None where no model covers the
    pair: the caller then falls back to ``mt_likelihood`` (text alone) and should say so.
    """
    use_vectors = bool(vectors) and {"translation_mean", "original_mean"} <= set(vectors or {})
    model = load_original_model(source_language, language, embeddings=use_vectors)
    if model is None:
        return None, {}
    likelihood, parts = mt_likelihood(features, language, model, vectors if use_vectors else None)
    parts["with_original"] = 1.0
    return likelihood, parts


TEXT_ONLY_SENTENCES = 16
"""At most this many sentences of a text are embedded for the text-only ``document_embeddings`` model,
evenly spaced (``embedded_sentences``), both when it is fitted (bench/mt_with_original.py) and when it
scores.  Why: an embedding costs ~57 ms a sentence a core, and embedding every sentence made the ``mt``
stage a fifth of a seeds run; the mean row of sentences spread over the text reads its style about as
well.  Measured (WMT21 shared part, document ROC AUC, 5-fold CV grouped by document, every sentence ->
at most K evenly spaced, fitted and scored so): K = 16: ru-en 0.669 -> 0.670, de-en 0.839 -> 0.838,
zh-en 0.827 -> 0.827, en-de 0.720 -> 0.719, fr-de 0.626 -> 0.627, de-fr 0.865 -> 0.856; originals over
0.5: English 3 of 25, German 4 of 40, French 9 of 18, either way.  K = 8:
ru-en 0.672, de-en 0.834, zh-en 0.822, en-de 0.724 (0.720), but de-fr 0.826; K = 12: de-fr 0.847.  Why
16 and not 8: de-fr's documents are the longest (17.5 segments on average; ru-en 13, the pseudo-documents
of de-en, en-de and zh-en 10), and it is the pair a cap costs most; news articles are longer still, so
the cost of a tighter cap would grow where it was not measured.  The first K sentences rather than evenly
spaced ones did no better."""


def embedded_sentences(sentences: Sequence[str], limit: int = TEXT_ONLY_SENTENCES) -> list[str]:
    """The sentences the text-only model embeds: all of them up to ``limit``, else ``limit`` evenly spaced
    ones, first and last included (positions rounded half up, so the choice is the same everywhere)."""
    sentences = list(sentences)
    n = len(sentences)
    if n <= limit:
        return sentences
    if limit <= 1:
        return sentences[:limit]
    return [sentences[(2 * i * (n - 1) + limit - 1) // (2 * (limit - 1))] for i in range(limit)]


def text_vectors(sentences: Sequence[str]) -> dict[str, Any]:
    """``{"translation_mean": mean embedding row of the sentences}`` (at most ``TEXT_ONLY_SENTENCES`` of
    them, ``embedded_sentences``) for the ``document_embeddings`` variant, or {} when no multilingual
    embeddings are installed (the plain model is used then)."""
    from compare.artifacts.translation_features import default_encoder

    encode = default_encoder()[0]
    if encode is None or not sentences:
        return {}
    return {"translation_mean": encode(embedded_sentences(sentences)).astype(float).mean(axis=0)}


def assess_with_original(original: Sequence[str], translation: Sequence[str], source_language: str,
                         language: str = "en", alignment: Sequence | None = None, embeddings: bool | None = None,
                         artifacts: float = 0.0) -> tuple[float | None, dict[str, float]]:
    """Everything at once for a translation whose original is in the set: sentences in, (likelihood,
    parts) out, falling back to the text-only model (``parts["with_original"] == 0.0``) where no pair
    model covers ``source_language``->``language``, and None where nothing covers ``language``.

    ``alignment`` is optional (see ``translation_features.monotone_alignment``); ``embeddings`` None
    uses them when installed; ``artifacts`` is the MT-family artifacts per 1,000 words of the
    translation (``artifacts_per_1k``) when the detectors have run.
    """
    from compare.artifacts.translation_features import translation_features

    text = "\n\n".join(translation)
    features: dict[str, float] = fluency_features(text, language, len(translation) or None)
    features.update(profile_features(text, language))
    features.update(word_rates(text))
    features["artifacts_per_1k"] = artifacts
    found = translation_features(original, translation, source_language, alignment, embeddings)
    features.update(found.values)
    likelihood, parts = mt_likelihood_with_original(features, source_language, language, found.vectors)
    if not parts:
        vectors = {"translation_mean": found.vectors["translation_mean"]} if found.vectors else None
        likelihood, parts = mt_likelihood(features, language, vectors=vectors)
        parts["with_original"] = 0.0
    return likelihood, parts
