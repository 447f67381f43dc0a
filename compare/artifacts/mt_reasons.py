"""The reasons behind a machine-translation likelihood, in words, each with an example from the text.

A fitted model's parts ("fw:our.contribution -3.88", "length_ratio_sd") mean
nothing to a reader.  Here each feature (or group of features that say one
thing, such as the four embedding closeness values) becomes one sentence a
teacher can read aloud: what the text does, whether that reads as machine
output or as a person's translation *to this model*, and one example taken
from the text ("'our contribution' ×3", a sentence and its original).

The observation's wording follows the feature's value against the training
mean (above or below it); the reading follows the sign of its contribution to
the log-odds.  The two are reported as they are, so a reason never says more
than the model does.  The top reasons are those with the largest
contributions, either way.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from compare.annotate.figures import read_figures
from compare.artifacts._words import snippet
from compare.artifacts.likelihood import FUNCTION_WORDS, MT_FAMILIES, TOKEN, MTModel, embedded_sentences
from compare.artifacts.translation_features import _names, _punctuation
from compare.model import Artifact, MTReason

Bead = tuple[tuple[int, ...], tuple[int, ...]]
Encoder = Callable[[Sequence[str]], np.ndarray]

GROUPS: dict[str, tuple[str, ...]] = {
    "alignment": ("sentence_ratio", "non_one_to_one"),
    "length": ("length_ratio_sd", "length_ratio_mad"),
    "numbers": ("number_verbatim", "number_kept"),
    "names": ("name_verbatim",),
    "copied": ("copied_words",),
    "punctuation": ("punct_distance", "punct_count_diff"),
    "quotes": ("quote_kept",),
    "anchors": ("anchor_displacement",),
    "closeness": ("embed_cos_mean", "embed_cos_sd", "embed_cos_min", "embed_margin", "embed_cos_q10",
                  "embed_cos_q90", "embed_cos_share90"),
    "embedding": ("embedding:translation_mean", "embedding:original_mean", "embedding:absdiff_mean"),
}
"""Features that say one thing together: their contributions are summed into one reason."""
GROUP_OF = {name: group for group, names in GROUPS.items() for name in names}
MIN_CONTRIBUTION = 0.05
"""Log-odds below which a part is too small to be a reason (about a 1% change in likelihood at 0.5)."""
MIN_RATE_COUNT = 3
"""Occurrences a rate reason needs ("Uses 'those' often"): in the text where it says often, and expected at the
training mean where it says rarely or never.  rW1 (ru-en M8): "Uses 'those' often (once in 156 words)" read a
single word as a habit."""
MIN_SEPARATION = 0.25
"""Log-odds by which a reason must push its text further its way than it pushes a text of the same event, read
by the same model the other way, before it is printed (about 6% in likelihood at 0.5).  rW1 (de-en M7): two
machine translations were "less close in meaning than usual (like a human translator)" at closeness 0.91, where
the human translation beside them had 0.90: a reason that does not tell them apart is no reason to a class."""
EXAMPLE_CHARS = 90


def _short(text: str, limit: int = EXAMPLE_CHARS) -> str:
    """An example cut on a word boundary: a quote cut mid-word reads as a typo in the source."""
    return snippet(text, limit - 1)


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _reading(contribution: float) -> str:
    return "like machine output" if contribution > 0 else "like a human translator"


class _Texts:
    """The translation (and its original, when in the set) as the reasons need them."""

    def __init__(self, translation: Sequence[str], language: str, original: Sequence[str] = (),
                 original_language: str = "", alignment: Sequence[Bead] = ()) -> None:
        self.translation = list(translation)
        self.text = "\n\n".join(self.translation)
        self.language = language if language in FUNCTION_WORDS else "en"
        self.original = list(original)
        self.original_language = original_language
        self.beads = [(a, b) for a, b in alignment if a and b]
        self.words = [w.lower() for w in TOKEN.findall(self.text.replace("’", "'"))]

    def pairs(self) -> list[tuple[str, str]]:
        return [(" ".join(self.original[i] for i in a), " ".join(self.translation[j] for j in b)) for a, b in self.beads]


def _figures_against_original(texts: _Texts) -> tuple[list[str], list[str], list[str]]:
    """The original's figures (as it writes them) copied character for character, rendered with the same value in
    another notation ('812 485' as '812,485', '16.15 Uhr' as '4:15 p.m.'), and with no figure of their value in
    the aligned rendering: by value, as ``compare.annotate.figures`` reads each language's notation."""
    copied, renotated, missing = [], [], []
    for o, t in texts.pairs():
        rendered = read_figures(t, texts.language)
        written, values = {f.text for f in rendered}, {f.value for f in rendered}
        for figure in read_figures(o, texts.original_language or None):
            if figure.kind == "name":
                continue
            if figure.text in written:
                copied.append(figure.text)
            elif figure.value in values:
                renotated.append(figure.text)
            else:
                missing.append(figure.text)
    return copied, renotated, missing


def _observation(group: str, value: float, mean: float, texts: _Texts, found: Mapping[str, tuple[float, float]],
                 encode: Encoder | None, model: MTModel, contribution: float) -> tuple[str, str] | None:
    """(what the text does, an example) for one group or feature; value/mean decide the wording.  None where the
    texts show nothing a reader could check for it (the part is then not given as a reason)."""
    high = value > mean
    pairs = texts.pairs()
    if group == "alignment":
        uneven = [(a, b) for a, b in texts.beads if len(a) != 1 or len(b) != 1]
        if not uneven and len(texts.original) == len(texts.translation):
            first = pairs[0] if pairs else ("", "")
            return ("Follows its original sentence by sentence, in the same order",
                    f"{len(texts.translation)} sentences for the original's {len(texts.original)}, e.g. "
                    f"'{_short(first[1], 60)}' for '{_short(first[0], 60)}'")
        a, b = uneven[0] if uneven else ((), ())
        return ("Merges, splits, adds or leaves out sentences of its original",
                f"{len(texts.translation)} sentences for the original's {len(texts.original)}; "
                f"original sentence{'s' if len(a) > 1 else ''} {', '.join(str(i + 1) for i in a)} → "
                f"'{_short(' '.join(texts.translation[j] for j in b), 70)}'")
    if group == "length":
        ratios = [(math.log(max(len(t), 1) / max(len(o), 1)), o, t) for o, t in pairs]
        if not ratios:
            return "Sentence lengths against the original", ""
        median = sorted(r for r, _, _ in ratios)[len(ratios) // 2]
        if high:
            r, o, t = max(ratios, key=lambda x: abs(x[0] - median))
            return ("Sentence lengths vary against the original: some condensed, some expanded",
                    f"'{_short(t, 70)}' ({len(t)} characters) for an original of {len(o)}")
        r, o, t = min(ratios, key=lambda x: abs(x[0] - median))
        return ("Each sentence keeps a steady length against its original",
                f"'{_short(t, 70)}' ({len(t)} characters) for an original of {len(o)}")
    if group == "numbers":
        copied, renotated, missing = _figures_against_original(texts)
        if missing:
            return ("Leaves out or changes some of the original's figures",
                    f"'{missing[0]}' has no figure of the same value in its rendering"
                    + (f" ({len(missing)} of the original's figures)" if len(missing) > 1 else ""))
        if high and copied:
            example = next((n for n in copied if not n.isdigit()), copied[0])
            return "Copies the original's numbers character for character", f"'{example}' written as '{example}'"
        # Every figure rendered with its value, some in the target language's notation ('812 485' as
        # '812,485'): every translation into English does that, so it is no sign of a human translator (rW1 F6,
        # where the fitted feature read '812 485' as two numbers, one of them "not written as such").
        return None
    if group == "names":
        copied, other = [], []
        for o, t in pairs:
            for name in _names(o, texts.original_language):
                (copied if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", t) else other).append(name)
        if high and copied:
            return "Copies the original's names and capitalised words verbatim", ", ".join(
                f"'{n}'" for n in sorted(set(copied), key=copied.index)[:3])
        return ("Adapts or leaves out the original's names and capitalised words",
                ", ".join(f"'{n}'" for n in sorted(set(other), key=other.index)[:3]) or "none copied")
    if group == "copied":
        words = Counter()
        for o, t in pairs:
            src = set(re.findall(r"[^\W\d_]{3,}", o))
            words.update(w for w in re.findall(r"[^\W\d_]{3,}", t) if w in src)
        example = ", ".join(f"'{w}'" for w, _ in words.most_common(3)) or "no word copied"
        return ("Copies many words of the original unchanged" if high else "Copies few words of the original unchanged",
                example)
    if group == "punctuation":
        scored = []
        for o, t in pairs:
            po, pt = _punctuation(o), _punctuation(t)
            if po or pt:
                scored.append((po == pt, len(po), o, t, po, pt))
        if not high:
            same = [x for x in scored if x[0]]
            if same:
                _, _, o, t, po, pt = max(same, key=lambda x: x[1])
                return ("Punctuation follows the original mark for mark",
                        f"'{' '.join(po)}' in both: '{_short(t, 60)}'")
        different = [x for x in scored if not x[0]]
        if different:
            _, _, o, t, po, pt = different[0]
            return ("Punctuation differs from the original's",
                    f"'{' '.join(po) or 'none'}' in the original, '{' '.join(pt) or 'none'}' in '{_short(t, 60)}'")
        return "Punctuation follows the original mark for mark", ""
    if group == "quotes":
        quoted = [(o, t) for o, t in pairs if '"' in _punctuation(o)]
        if not quoted:
            return "Quotation marks against the original", ""
        o, t = quoted[0]
        return ("Keeps the original's quotation marks" if high else "Recasts the original's quotations",
                f"'{_short(t, 80)}'")
    if group == "anchors":
        return ("Names and numbers move within their sentences (reordered)" if high
                else "Names and numbers stay where they were in each sentence",
                f"'{_short(pairs[0][1], 80)}'" if pairs else "")
    if group == "closeness":
        cos = found.get("embed_cos_mean", (math.nan, 0.0))[0]
        example = _closest_pair(texts, encode, high)
        if high:
            return (f"Each sentence stays closer in meaning to its own original than usual (closeness {cos:.2f} on "
                    "average in the multilingual embedding space)", example)
        return (f"Sentences stay less close in meaning to their originals than usual (closeness {cos:.2f} on average "
                "in the multilingual embedding space)", example)
    if group == "words":
        # "none a sign on its own": a teacher read 'make money' and 'include' as taught signs of a machine where a
        # human translation beside it wrote 'earning money' and 'including' (r41 ru-en-221 M5); the model weighs
        # hundreds of words, and the examples are the ones that weigh most in this text.
        return "Its word choices, taken together, none a sign on its own", _words_example(texts, found, contribution)
    if group == "embedding":
        return ("Where its sentences lie in the multilingual embedding space (their topic and phrasing, "
                "read as a whole)", _strongest_sentence(texts, encode, model, contribution))
    return _text_observation(group, value, high, texts)


def _text_observation(name: str, value: float, high: bool, texts: _Texts) -> tuple[str, str]:
    """The translation's own features: fluency, function words, punctuation."""
    from wordfreq import zipf_frequency

    words = texts.words
    n = max(len(words), 1)
    if name.startswith("fw:"):
        word = name[3:]
        count = words.count(word)
        if not count:
            return f"Never uses '{word}'", f"'{word}' does not occur in {n} words"
        follows = Counter(f"{words[i]} {words[i + 1]}" for i in range(len(words) - 1) if words[i] == word)
        bigram, times = follows.most_common(1)[0] if follows else (word, count)
        return (f"Uses '{word}' {'often' if high else 'rarely'} ({_times(count)} in {n} words)",
                f"'{bigram}' ×{times}")
    if name.startswith("punct:"):
        mark = {"space-hyphen": " - "}.get(name[6:], name[6:])
        count = texts.text.replace("’", "'").count(mark)
        sentence = next((s for s in texts.translation if mark in s), "")
        return (f"Uses '{mark.strip()}' {'often' if high else 'rarely'} ({_times(count)})",
                f"'{_short(sentence, 80)}'" if sentence else f"no '{mark.strip()}' in the text")
    if name == "contractions":
        found = [w for w in words if "'" in w]
        return (f"{'Many' if high else 'Few'} words with an apostrophe: contractions, possessives ({len(found)})",
                ", ".join(f"'{w}'" for w, _ in Counter(found).most_common(3)) or "none")
    if name == "mean_word_length":
        longest = sorted(set(words), key=lambda w: (-len(w), w))[:3]
        return f"{'Long' if high else 'Short'} words on average ({value:.1f} letters)", ", ".join(f"'{w}'" for w in longest)
    if name == "artifacts_per_1k":
        return f"Machine-translation artifacts: {value:.1f} per 1,000 words", ""
    if name == "function_words":
        common = Counter(w for w in words if w in FUNCTION_WORDS[texts.language]).most_common(3)
        return (f"{'Many' if high else 'Few'} function words ({value:.0%} of words)",
                ", ".join(f"'{w}' ×{c}" for w, c in common))
    if name == "commas_per_word":
        sentence = max(texts.translation, key=lambda s: (s.count(","), -len(s)), default="")
        return (f"{'Many' if high else 'Few'} commas ({value * 100:.1f} per 100 words)", f"'{_short(sentence, 80)}'")
    if name in ("mean_zipf", "rare_share"):
        content = sorted({w for w in words if w.isalpha() and w not in FUNCTION_WORDS[texts.language]})
        rare = sorted(content, key=lambda w: (zipf_frequency(w, texts.language), w))[:3]
        if name == "mean_zipf":
            return (f"{'Prefers common words' if high else 'Uses less common words'} "
                    f"(average frequency {value:.2f} on the Zipf scale)", "rarest: " + ", ".join(f"'{w}'" for w in rare))
        return (f"{'Many' if high else 'Few'} rare words ({value:.0%} below Zipf 3)",
                ", ".join(f"'{w}'" for w in rare))
    if name == "vocabulary_variety":
        common = Counter(w for w in words if w.isalpha() and w not in FUNCTION_WORDS[texts.language] and len(w) > 3)
        word, times = common.most_common(1)[0] if common else ("", 0)
        return (f"{'Varied vocabulary' if high else 'Repeats its words'} ({value:.1f} distinct words per 50)",
                f"'{word}' ×{times}" if word else "")
    if name == "mean_sentence_words":
        sentence = (max if high else min)(texts.translation, key=lambda s: (len(s.split()), s), default="")
        return (f"{'Long' if high else 'Short'} sentences ({value:.1f} words on average)", f"'{_short(sentence, 80)}'")
    return name.replace("_", " "), ""


def _telling(token: str, language: str) -> bool:
    """A word or word pair a reader can see a choice in: letters only, and not one of the commonest words."""
    from compare.wordfreqs import zipf

    words = token.split()
    return all(w.replace("'", "").isalpha() for w in words) and any(
        (zipf(w, language) or 0.0) < 6.0 for w in words)


def _words_example(texts: _Texts, found: Mapping[str, tuple[float, float]], contribution: float) -> str:
    """The three words (or marks) pushing hardest the way word choice does, with their counts."""
    from compare.artifacts.likelihood import WORD_TOKEN

    tokens = WORD_TOKEN.findall(texts.text.replace("’", "'"))
    counts = Counter((*tokens, *(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))))
    sign = 1.0 if contribution > 0 else -1.0
    # Content words first: "'the' ×93" is a real feature but tells a reader nothing; a phrase does.
    pushing = sorted((n for n in found if n.startswith("w:") and found[n][1] * sign > 0 and counts[n[2:]]),
                     key=lambda n: (not _telling(n[2:], texts.language), -abs(found[n][1]), n))[:3]
    out = []
    for name in pushing:
        token = name[2:]
        out.append(f"'{token}' ×{counts[token]}" if counts[token] else f"no '{token}'")
    return ", ".join(out)


def _closest_pair(texts: _Texts, encode: Encoder | None, high: bool) -> str:
    pairs = texts.pairs()
    if encode is None or not pairs:
        return ""
    rows = np.asarray(encode([o for o, _ in pairs] + [t for _, t in pairs]), dtype=np.float64)
    cos = (rows[:len(pairs)] * rows[len(pairs):]).sum(axis=1)
    k = int(np.argmax(cos)) if high else int(np.argmin(cos))
    return f"'{_short(pairs[k][1], 60)}' for '{_short(pairs[k][0], 60)}' ({cos[k]:.2f})"


def _strongest_sentence(texts: _Texts, encode: Encoder | None, model: MTModel, contribution: float) -> str:
    """The translated sentence whose own embedding row pushes most the way the embedding part does.

    Text alone, only the sentences the model read (``embedded_sentences``): the example is one of them,
    and no sentence beyond the cost bound is embedded for it."""
    weights = model.vector_weights.get("translation_mean")
    if encode is None or weights is None or not texts.translation:
        return ""
    sentences = texts.translation if texts.original else embedded_sentences(texts.translation)
    rows = np.asarray(encode(sentences), dtype=np.float64)
    push = rows @ np.asarray(weights, dtype=np.float64)
    k = int(np.argmax(push)) if contribution > 0 else int(np.argmin(push))
    return f"'{_short(sentences[k], 80)}'"


def group_of(name: str) -> str:
    """The reason a model feature belongs to: word choice, a group of ``GROUPS``, or the feature itself."""
    return "words" if name.startswith("w:") else GROUP_OF.get(name, name)


def group_totals(found: Mapping[str, tuple[float, float]]) -> dict[str, float]:
    """Each reason's share of the log-odds, from ``likelihood.contributions`` output."""
    totals: dict[str, float] = {}
    for name, (_, contribution) in found.items():
        group = group_of(name)  # once a feature: a model reads some 5,000 word features a text
        totals[group] = totals.get(group, 0.0) + contribution
    return totals


def _rate_supported(name: str, value: float, mean: float, texts: _Texts) -> bool:
    """A function-word or punctuation rate said as a habit only on ``MIN_RATE_COUNT`` occurrences: found in the
    text ("often"), or expected at the training mean ("rarely", "never")."""
    if not name.startswith(("fw:", "punct:")) or not (math.isfinite(value) and math.isfinite(mean)):
        return True
    if value > mean:  # counted in the text, as the reason says it ("3 times in 14 words")
        if name.startswith("fw:"):
            return texts.words.count(name[3:]) >= MIN_RATE_COUNT
        mark = {"space-hyphen": " - "}.get(name[6:], name[6:])
        return texts.text.replace("’", "'").count(mark) >= MIN_RATE_COUNT
    return mean * max(len(texts.words), 1) >= MIN_RATE_COUNT


def explain(found: Mapping[str, tuple[float, float]], model: MTModel, translation: Sequence[str], language: str,
            original: Sequence[str] = (), original_language: str = "", alignment: Sequence[Bead] = (),
            artifacts: Sequence[Artifact] = (), encode: Encoder | None = None, top: int = 3) -> tuple[MTReason, ...]:
    """The ``top`` reasons with the largest contributions, from ``likelihood.contributions`` output; a rate on too
    few occurrences (``MIN_RATE_COUNT``) is left out, and not replaced: fewer reasons rather than weaker ones."""
    texts = _Texts(translation, language, original, original_language, alignment)
    grouped: dict[str, list[str]] = {}
    for name in found:
        grouped.setdefault(group_of(name), []).append(name)
    totals = {g: sum(found[n][1] for n in names) for g, names in grouped.items()}
    ranked = sorted((g for g in totals if abs(totals[g]) >= MIN_CONTRIBUTION), key=lambda g: (-abs(totals[g]), g))
    reasons = []
    for group in ranked:
        if len(reasons) == top:
            break
        names = grouped[group]
        lead = max(names, key=lambda n: (abs(found[n][1]), n))
        if group == "closeness" and "embed_cos_mean" in found:
            lead = "embed_cos_mean"  # the spread and minimum read the other way round; the mean says it plainly
        value = found[lead][0]
        mean = model.means.get(lead, value) if math.isfinite(value) else value
        if not _rate_supported(lead, value, mean, texts):
            continue
        said = _observation(group, value, mean, texts, found, encode, model, totals[group])
        if said is None:
            continue
        text, example = said
        if group == "artifacts_per_1k":
            mt = [a for a in artifacts if a.category in MT_FAMILIES]
            example = f"'{_short(mt[0].text, 60)}': {_short(mt[0].explanation, 80)}" if mt else ""
        reasons.append(MTReason(f"{text} ({_reading(totals[group])})", example, round(totals[group], 3),
                                tuple(sorted(names))))
    return tuple(reasons)


_EXAMPLE_TOKEN = re.compile(r"'([^']+(?:'[^' ,]+)?)' ×(\d+)")


def _tokens_of(text: str) -> set[str]:
    from compare.artifacts.likelihood import WORD_TOKEN

    tokens = WORD_TOKEN.findall(text.replace("’", "'"))
    return {*tokens, *(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))}


def separating(reasons: Sequence[MTReason], totals: Mapping[str, float],
               others: Sequence[tuple[str, Mapping[str, float], bool]]) -> tuple[MTReason, ...]:
    """The reasons that tell this text apart from the event's texts the same model reads the other way.

    ``others``: (text, group totals, read as machine output) for each text of the event in the same language read
    by the same fitted model.  A reason "like a human translator" is weighed against the texts read as machine
    output, and the reverse: it is kept only where it pushes this text at least ``MIN_SEPARATION`` further its way
    than it pushes each of them; a word-choice example is kept only where none of them writes it ('recovered'
    was a human translator's word in two human translations while both machine translations also wrote 'have
    recovered': rW1 ru-en M8).  With no text read the other way, every reason stands: nothing to tell apart."""
    out = []
    for reason in reasons:
        machine = reason.contribution > 0
        opposite = [(text, their) for text, their, read_machine in others if read_machine != machine]
        if not opposite or not reason.features:
            out.append(reason)
            continue
        group = group_of(reason.features[0])
        if group == "words":
            written = set().union(*(_tokens_of(text) for text, _ in opposite))
            kept = [m.group() for m in _EXAMPLE_TOKEN.finditer(reason.example) if m.group(1) not in written]
            if kept:
                out.append(MTReason(reason.text, ", ".join(kept), reason.contribution, reason.features))
            continue
        own = totals.get(group, reason.contribution)
        sign = 1.0 if machine else -1.0
        if all((own - their.get(group, 0.0)) * sign >= MIN_SEPARATION for _, their in opposite):
            out.append(reason)
    return tuple(out)
