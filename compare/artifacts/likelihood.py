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
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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


@dataclass(frozen=True)
class MTModel:
    """Logistic weights over standardised features; ``source`` says how they were obtained.

    ``artifacts_per_1k`` has a weight set by hand (see the JSON's ``artifact_note``): the WMT21
    systems of 2021 make almost none of these artifacts, so that data cannot fit it.
    """

    intercept: float
    weights: dict[str, float]
    means: dict[str, float]
    scales: dict[str, float]
    source: str


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


def artifacts_per_1k(density: Mapping[str, float]) -> float:
    return sum(density.get(f, 0.0) for f in MT_FAMILIES)


@lru_cache(maxsize=1)
def _raw_models() -> dict:
    path = resources.files("compare.artifacts") / "data" / "mt_likelihood.json"
    return json.loads(path.read_text(encoding="utf-8"))


UNFITTED = {"intercept": 0.0, "weights": {}, "means": {}, "scales": {}}
"""For a language without a fitted model only the artifact part counts: no artifacts gives 0.5."""


@lru_cache(maxsize=16)
def load_model(language: str = "en", variant: str = "document") -> MTModel:
    """The fitted model for a target language.

    Undetermined text ('und') uses the English model; a language with no fitted model (Russian,
    Chinese, ...) gets the artifact part alone, because English-trained fluency weights would be
    meaningless there.  ``variant`` is ``document`` (the text alone) or ``with_reference``.
    """
    raw = _raw_models()
    lang = "en" if language in ("und", "") else language
    if lang in raw["languages"]:
        m = raw["languages"][lang][variant]
    else:
        m, lang = UNFITTED, f"{lang}: no fitted model, artifacts only"
    weights = dict(m["weights"])
    means, scales = dict(m["means"]), dict(m["scales"])
    weights["artifacts_per_1k"] = raw["artifact_weight"]
    means["artifacts_per_1k"], scales["artifacts_per_1k"] = 0.0, 1.0
    return MTModel(m["intercept"], weights, means, scales, f"{raw['source']} [{lang}/{variant}]")


def transform(name: str, value: float) -> float:
    """Artifact densities are skewed: the model sees log(1 + density)."""
    return math.log1p(value) if name == "artifacts_per_1k" else value


def mt_likelihood(features: Mapping[str, float], language: str = "en",
                  model: MTModel | None = None) -> tuple[float, dict[str, float]]:
    """(likelihood, parts): parts hold each feature's value and its contribution to the log-odds."""
    model = model or load_model(language)
    logit = model.intercept
    parts: dict[str, float] = {}
    profile: dict[str, float] = {}
    for name in sorted(model.weights):
        value = float(features.get(name, 0.0))
        z = (transform(name, value) - model.means[name]) / (model.scales[name] or 1.0)
        contribution = model.weights.get(name, 0.0) * z
        logit += contribution
        if name.startswith(("fw:", "punct:")) or name in ("contractions", "mean_word_length"):
            profile[name] = contribution
            continue
        parts[name] = round(value, 4)
        parts[f"{name}.contribution"] = round(contribution, 4)
    if profile:
        parts["function_word_profile.contribution"] = round(sum(profile.values()), 4)
        for name in sorted(profile, key=lambda k: (-abs(profile[k]), k))[:3]:
            parts[f"{name}.contribution"] = round(profile[name], 4)
    parts["intercept"] = round(model.intercept, 4)
    likelihood = 1.0 / (1.0 + math.exp(-max(min(logit, 40.0), -40.0)))
    return round(likelihood, 4), parts


def mt_likelihood_with_reference(features: Mapping[str, float], language: str = "en") -> tuple[float, dict[str, float]]:
    """As ``mt_likelihood``, adding ``reference_chrf``: the mean sentence chrF of the document against
    other translations of the same original in the set (see ``reference.reference_scores``)."""
    return mt_likelihood(features, language, load_model(language, "with_reference"))
