"""Language identification per document and per sentence.

Two detectors behind one small interface, because their costs differ about
twentyfold: langdetect (the design card's choice, seeded so that results
repeat) costs about 2 ms a call here, py3langid about 0.1 ms.
Documents use langdetect where py3langid is unsure (``py3langid>langdetect``:
py3langid's answer where it is sure, which on 1,358 measured news documents
was always langdetect's, so langdetect's profiles load only when needed);
sentences use py3langid, which keeps 20,000 reports affordable.  Segments too short to call, or whose best guess is not clearly
ahead, are ``und`` rather than a guess.

bench/lang_bench.py (19,629 WMT21 news segments in de/en/fr/ru/zh, sources,
human and machine translations; ``und`` counted wrong) sets the numbers:
with no ``und`` rule py3langid is right on 0.995 of segments of 40+
characters and langdetect on 0.997.  py3langid's normalised probabilities
are low even when it is right, so the former 0.80 threshold turned 3.8% of
40+ character segments into ``und`` (accuracy 0.962); 0.50 (a guess more
likely than all others together) gives 0.987 with 1.3% ``und``.
``py3langid+langdetect`` goes further: below ``CONFIRM_BELOW`` it asks
langdetect (a few percent of segments) and keeps the guess only if both
agree: 0.993 at 40+ characters, 0.6% ``und``, about 0.3 ms a call, and a
mixed segment on which they disagree is still ``und``.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from compare.model import UNDETERMINED

MIN_CHARS = 20
"""Below this many letters a segment is ``und``: no detector is reliable there."""

MIN_CONFIDENCE = 0.50
"""A best guess under this probability means a mixed or unclear segment: ``und`` (see bench/lang_bench.py)."""

CONFIRM_BELOW = 0.80
"""``py3langid+langdetect``: a py3langid guess under this probability needs langdetect to agree."""

TRUST_ABOVE = 0.90
"""``py3langid>langdetect``: a py3langid guess at or above this probability stands; below it langdetect decides.

bench/lang_documents.py: on 1,358 news documents of ../shared/data (SemEval 2022 task 8 in ten languages,
WMT21, trafilatura's evaluation) py3langid and langdetect name the same language on every one; 1,325 of them
have py3langid at 0.90 or more.  langdetect's 55 profiles take about 1 s to load, py3langid is loaded anyway
for the sentences, so a run whose documents are all clear never loads langdetect."""

_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)

# langdetect and py3langid name a few languages differently from BCP-47.  py3langid 0.4
# calls some standard written Chinese news "wuu" (Wu); no news text here is written Wu.
_ALIASES = {"zh-cn": "zh", "zh-tw": "zh", "wuu": "zh"}


@dataclass(frozen=True, slots=True)
class Guess:
    language: str
    confidence: float


def _letters(text: str) -> int:
    return len(_LETTERS.findall(text))


_PY3LANGID_LOCK = threading.Lock()
_PRELOAD_START_LOCK = threading.Lock()
_preload_started = False
_preload_thread: threading.Thread | None = None


def _py3langid():
    with _PY3LANGID_LOCK:  # a preload thread may be loading it: wait for that load rather than start another
        return _load_py3langid()


@lru_cache(maxsize=1)
def _load_py3langid():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    with contextlib.suppress(Exception):  # any surprise in the unpacked copy: py3langid's own loader below
        unpacked = _unpacked_model()
        if unpacked is not None:
            return unpacked
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def langid_cache_folder() -> Path:
    """``COMPARE_LANGID_CACHE`` if set, else the user's cache folder ``compare/langid``."""
    configured = os.environ.get("COMPARE_LANGID_CACHE")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("compare")) / "langid"


def _unpacked_model():
    """py3langid's model read from an unpacked copy of its file, made on first use; None where none can be made.

    Why: py3langid ships its model as an LZMA-compressed ``.npz`` (4.6 MB, 68 MB
    unpacked) and unpacks it on every load: 0.36 CPU-seconds of a seeds run's
    start, on the core the embedding engine's load needs then.  The unpacked
    ``.npz`` is kept in the user's cache folder (as ``compare.lemmas`` keeps
    simplemma's dictionaries), named by py3langid's version and the size and
    time of the shipped file, written atomically; numpy's zip reader checks
    each array's CRC, so a damaged copy fails here and py3langid's own loader
    runs.  The arrays, and so every guess, are py3langid's, byte for byte:
    this is its ``modelio.load_model`` over the unpacked bytes.
    """
    import lzma
    import shutil

    from py3langid.langid import MODEL_DIR, MODEL_FILE

    shipped = MODEL_DIR / MODEL_FILE
    stat = shipped.stat()
    path = langid_cache_folder() / f"model-py3langid{_py3langid_version()}-{stat.st_size}-{stat.st_mtime_ns}.npz"
    if path.is_file():
        try:
            return _read_unpacked(path)
        except Exception:  # noqa: BLE001 - damaged (a CRC, a short file): unpack it again below
            with contextlib.suppress(OSError):
                path.unlink()
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with lzma.open(shipped) as source, open(partial, "wb") as target:
            shutil.copyfileobj(source, target, length=1 << 20)
        os.replace(partial, path)  # atomic: a concurrent run reads the old file or the whole new one
    except OSError:  # a read-only or full cache folder: py3langid unpacks it in memory, as before
        return None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return _read_unpacked(path)


def _py3langid_version() -> str:
    """py3langid's version: its ``__version__``, else its package metadata.

    Why not the metadata first: importing ``importlib.metadata`` and reading it cost 0.03-0.04 CPU-second on the
    way to the first report's language, which the first passage sent to the engine waits for.
    """
    import py3langid

    version = getattr(py3langid, "__version__", None)
    if isinstance(version, str) and version:
        return version
    from importlib.metadata import version as installed

    return installed("py3langid")


def _read_unpacked(path: Path):
    """py3langid's ``modelio.load_model`` and ``LanguageIdentifier.from_model_file``, over an unpacked file."""
    import numpy as np
    from py3langid import modelio
    from py3langid.langid import LanguageIdentifier

    with np.load(path, allow_pickle=False) as data:
        ptc, pc, classes = data["ptc"], data["pc"], data["classes"].tolist()
        nextmove, row = modelio._to_array(data["nextmove"]), modelio._to_array(data["nextmove_row"])
        output = data["out_feat"].tolist()
    return LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row)


def preload() -> None:
    """Start loading py3langid's model on a background thread.

    Its load (reading the unpacked copy, :func:`_unpacked_model`; the first
    time, decompressing a 68 MB LZMA stream, about half a second, without the
    GIL) then overlaps the command's imports and the reading of files instead
    of making the first sentence wait for it.
    """
    global _preload_started, _preload_thread
    with _PRELOAD_START_LOCK:
        if _preload_started:  # the CLI starts it before its imports, the ingest stage again: one load
            return
        _preload_started = True
        _preload_thread = threading.Thread(target=_py3langid, name="py3langid-preload", daemon=True)
    _preload_thread.start()


def preloaded() -> None:
    """Wait until :func:`preload`'s thread, if one was started, has ended.

    Why: a caller about to fork (``compare.stages.ingest`` cleaning reports in forked workers) must have no other
    thread of this process running, or the child could inherit a lock that thread held and never released.
    """
    with _PRELOAD_START_LOCK:
        thread = _preload_thread
    if thread is not None:
        thread.join()


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
        if prob < self.min_confidence or language == UNDETERMINED:
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


class ConfirmedDetector(Detector):
    """py3langid, with langdetect as a second opinion where py3langid is unsure.

    Two detectors built on different features (byte n-grams with a linear
    model; character n-grams with naive Bayes) rarely agree on a wrong
    answer, so agreement is accepted and disagreement is ``und``.  The slow
    one runs only on the uncertain few, so the cost stays near py3langid's.
    """

    name = "py3langid+langdetect"

    def __init__(self, min_chars: int = MIN_CHARS, min_confidence: float = MIN_CONFIDENCE,
                 confirm_below: float = CONFIRM_BELOW):
        super().__init__(min_chars, min_confidence)
        self.confirm_below = confirm_below
        self._fast = Py3LangidDetector()
        self._slow = LangdetectDetector()

    def _best(self, text: str) -> tuple[str, float]:
        language, prob = self._fast._best(text)
        if prob >= self.confirm_below:
            return language, prob
        other, other_prob = self._slow._best(text)
        if _ALIASES.get(other, other) == _ALIASES.get(language, language):
            # Both agree: report the stronger of the two probabilities.
            return language, max(prob, other_prob)
        return UNDETERMINED, 0.0


class TrustedDetector(Detector):
    """py3langid where it is sure, langdetect (the design card's detector) where it is not.

    For documents: a few thousand characters leave py3langid sure on nearly
    every news text, and where it is sure it has agreed with langdetect on
    every document measured (see ``TRUST_ABOVE``); the unsure rest, short or
    mixed texts, get langdetect's answer as before.  Unlike
    ``py3langid+langdetect`` a disagreement is not ``und``: langdetect's
    answer stands.
    """

    name = "py3langid>langdetect"

    def __init__(self, min_chars: int = MIN_CHARS, min_confidence: float = MIN_CONFIDENCE,
                 trust_above: float = TRUST_ABOVE):
        super().__init__(min_chars, min_confidence)
        self.trust_above = trust_above
        self._fast = Py3LangidDetector()
        self._slow = LangdetectDetector()

    def _best(self, text: str) -> tuple[str, float]:
        language, prob = self._fast._best(text)
        if prob >= self.trust_above:
            return language, prob
        return self._slow._best(text)


DETECTORS: dict[str, type[Detector]] = {
    "py3langid": Py3LangidDetector,
    "langdetect": LangdetectDetector,
    "py3langid+langdetect": ConfirmedDetector,
    "py3langid>langdetect": TrustedDetector,
}


def get_detector(name: str, **settings: float) -> Detector:
    try:
        return DETECTORS[name](**settings)
    except KeyError:
        raise ValueError(f"unknown language detector {name!r}; choose from {sorted(DETECTORS)}") from None
