"""Language identification per document and per sentence.

Two detectors behind one small interface, because their costs differ by two
orders of magnitude: langdetect (the design card's choice, seeded so that
results repeat) costs about 2.7 ms a call here, py3langid about 0.03 ms.
Documents use langdetect; sentences use py3langid, which keeps 20,000 reports
affordable and is at least as accurate on short segments (see bench/).
Segments too short to call, or whose best guess is not clearly ahead, are
``und`` rather than a guess.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import lru_cache

from compare.model import UNDETERMINED

MIN_CHARS = 20
"""Below this many letters a segment is ``und``: no detector is reliable there."""

MIN_CONFIDENCE = 0.80
"""A best guess under this probability means a mixed or unclear segment: ``und``."""

_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)

# langdetect and py3langid name a few languages differently from BCP-47.
_ALIASES = {"zh-cn": "zh", "zh-tw": "zh"}


@dataclass(frozen=True, slots=True)
class Guess:
    language: str
    confidence: float


def _letters(text: str) -> int:
    return len(_LETTERS.findall(text))


@lru_cache(maxsize=1)
def _py3langid():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _langdetect_factory():
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
    return DetectorFactory


class Detector(ABC):
    """A language detector: ``detect(text) -> Guess``; ``name`` goes into signatures."""

    name = "base"

    def __init__(self, min_chars: int = MIN_CHARS, min_confidence: float = MIN_CONFIDENCE):
        self.min_chars = min_chars
        self.min_confidence = min_confidence

    @abstractmethod
    def _best(self, text: str) -> tuple[str, float]:
        """The most likely language and its probability."""

    def detect(self, text: str) -> Guess:
        if _letters(text) < self.min_chars:
            return Guess(UNDETERMINED, 0.0)
        language, prob = self._best(text)
        language = _ALIASES.get(language, language)
        if prob < self.min_confidence:
            return Guess(UNDETERMINED, round(prob, 4))
        return Guess(language, round(prob, 4))


class Py3LangidDetector(Detector):
    name = "py3langid"

    def _best(self, text: str) -> tuple[str, float]:
        language, prob = _py3langid().classify(text)
        return language, float(prob)


class LangdetectDetector(Detector):
    name = "langdetect"

    def _best(self, text: str) -> tuple[str, float]:
        from langdetect import detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        _langdetect_factory()
        try:
            ranked = detect_langs(text)
        except LangDetectException:
            return UNDETERMINED, 0.0
        return ranked[0].lang, float(ranked[0].prob)


DETECTORS: dict[str, type[Detector]] = {
    "py3langid": Py3LangidDetector,
    "langdetect": LangdetectDetector,
}


def get_detector(name: str, **settings: float) -> Detector:
    try:
        return DETECTORS[name](**settings)
    except KeyError:
        raise ValueError(f"unknown language detector {name!r}; choose from {sorted(DETECTORS)}") from None
