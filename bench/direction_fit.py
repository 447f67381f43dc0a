"""Which language came first: can a pair of texts (an original and its human translation) tell the direction?

The pages say of a text and its version in another language, with no manifest kind, "one article ... in two
languages (which was written first, the texts do not show for certain)".  Readers see direction evidence (figures
in £ in a German text, a dateline glossed "SEATTLE (USA)", "der damalige" added).  This bench measures, on the
shared part of WMT21 only, whether such signals decide the direction reliably enough to print.

Pairs (original, professional human translation), both directions:

- en/de: en-de (English originals, German refs A, C, D) and de-en (German originals, English refs A, B).  The
  txt pairs have no document ids: chunks of 15 consecutive lines; cross-validation folds are runs of
  consecutive chunks (so a document straddling two chunks stays on one side of the split).
- de/fr: de-fr and fr-de (document ids; folds by document).

Signals, each alone and combined (logistic regression, grouped CV; the held-out fold is never seen by any
part of the model, the per-language classifiers included):

(a) pair asymmetries: length ratio, sentence counts, numbers written in the other language's convention,
    currency of the other country, a place glossed with its country in brackets, "then"/"damalige" added,
    the quotation marks of the other language, and the asymmetry of ``pair_features`` read both ways;
(b) each side's translationese score from a per-language classifier of originals vs translations (character
    n-grams, or function words and punctuation only); the pair's score is the difference between the sides;
    the German classifier is also tested across pairs (trained on en/de texts only, tested on de/fr texts);
(c) the project's tells (``detect_artifacts``) and its fluency/profile features on both sides.

Usage: .venv/bin/python bench/direction_fit.py [--data ../shared/data/wmt21-news-human-vs-mt] [--chunk 15]
Prints accuracy per direction, AUC, and the precision/coverage of the confidence thresholds (calibration).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "wmt21-news-human-vs-mt"


@dataclass
class Text:
    """One document or chunk in one language: original or translation."""

    lp: str
    doc: str
    fold: int
    lang: str
    original: bool
    segments: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.segments)


@dataclass
class Pair:
    """An original and one human translation of it, in the pair's language order (a, b)."""

    task: str  # "en/de" or "de/fr"
    fold: int
    group: str
    a: Text  # the side in the task's first language
    b: Text
    a_first: bool  # the label: the first language's text is the original


def _rows(data: Path, lp: str) -> list[dict]:
    with (data / f"newstest2021.{lp}.shared.jsonl").open(encoding="utf-8") as handle:
        return sorted((json.loads(line) for line in handle if line.strip()), key=lambda r: r["line"])


def load(data: Path, chunk: int, folds: int) -> tuple[list[Text], list[Pair]]:
    """All texts (originals and human translations) and the direction pairs of the two tasks."""
    texts: list[Text] = []
    pairs: list[Pair] = []
    for lp in ("en-de", "de-en", "de-fr", "fr-de", "ru-en", "zh-en"):
        rows = _rows(data, lp)
        src_lang, tgt_lang = lp.split("-")
        by_doc: dict[str, list[dict]] = defaultdict(list)
        for index, row in enumerate(rows):
            by_doc[row["doc_id"] or f"chunk{index // chunk:03d}"].append(row)
        docs = sorted(by_doc)
        for order, doc in enumerate(docs):
            # consecutive chunks share a fold (txt pairs); documents are spread round robin (xml pairs)
            fold = order * folds // len(docs) if doc.startswith("chunk") else order % folds
            group = f"{lp}:{doc}"
            seg_rows = by_doc[doc]
            src = Text(lp, group, fold, src_lang, True, [r["src"] for r in seg_rows])
            texts.append(src)
            for ref in sorted({k for r in seg_rows for k in r["human"]}):
                segs = [(r["human"] or {}).get(ref) for r in seg_rows]
                if any(s is None for s in segs):
                    continue
                tr = Text(lp, group, fold, tgt_lang, False, segs)
                texts.append(tr)
                task = {"en-de": "en/de", "de-en": "en/de", "de-fr": "de/fr", "fr-de": "de/fr"}.get(lp)
                if task is None:
                    continue
                first = task.split("/")[0]
                a, b = (src, tr) if src_lang == first else (tr, src)
                pairs.append(Pair(task, fold, group, a, b, src_lang == first))
    return texts, pairs


# ---------------------------------------------------------------- (a) pair asymmetries

NUMBER_POINT = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])")  # 1.5, 12.75 (English decimal point)
NUMBER_COMMA = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d.,])")  # 1,5 (German/French decimal comma)
THOUSANDS_COMMA = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")  # 10,000
THOUSANDS_DOT = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.])")  # 10.000
NUMBERS = re.compile(r"\d+(?:[.,]\d+)*")
GLOSS = re.compile(r"\b[A-Z][\w.-]+ \((?:USA|US|UK|GB|[A-Z][a-zäöüé]+(?: [A-Z][a-zäöüé]+)?)\)")
CURRENCY = {
    "en": re.compile(r"€|\beuros?\b|\bEUR\b"),
    "de": re.compile(r"[£$]|\bUS-Dollar|\bDollar\b|\bPfund\b"),
    "fr": re.compile(r"[£$]|\bdollars?\b|\blivres? sterling"),
}
THEN = {
    "en": re.compile(r"\bthe then\b|\bthen-[a-z]", re.IGNORECASE),
    "de": re.compile(r"\b(?:der|die|das|den|dem|des) damalige[nmrs]?\b", re.IGNORECASE),
    "fr": re.compile(r"\b(?:l'|le |la )?(?:alors|à l'époque)\b", re.IGNORECASE),
}
FOREIGN_QUOTES = {"en": re.compile(r"[„«»‚]"), "de": re.compile(r"[\"”]"), "fr": re.compile(r"[„“”]|\"")}
SENTENCE_END = re.compile(r"[.!?](?:[\"”“'’»]*)(?:\s+|$)")


def _foreign_numbers(text: str, lang: str) -> float:
    """Share of numbers written in the other convention: a decimal point in German/French, a comma in English."""
    total = len(NUMBERS.findall(text)) or 1
    if lang == "en":
        foreign = len(NUMBER_COMMA.findall(text)) + len(THOUSANDS_DOT.findall(text))
    else:
        foreign = len(NUMBER_POINT.findall(text)) + len(THOUSANDS_COMMA.findall(text))
    return foreign / total


def side_cues(text: Text) -> dict[str, float]:
    """Per-side cue rates (per 100 words) that readers named as signs of a translation into this language."""
    words = max(len(text.text.split()), 1) / 100
    return {
        "foreign_numbers": _foreign_numbers(text.text, text.lang),
        "foreign_currency": len(CURRENCY[text.lang].findall(text.text)) / words,
        "gloss": len(GLOSS.findall(text.text)) / words,
        "then": len(THEN[text.lang].findall(text.text)) / words,
        "foreign_quotes": len(FOREIGN_QUOTES[text.lang].findall(text.text)) / words,
        "sentences_per_segment": sum(max(len(SENTENCE_END.findall(s)), 1) for s in text.segments) / len(text.segments),
    }


PAIR_ASYM = ("number_kept", "number_verbatim", "name_verbatim", "copied_words", "punct_count_diff", "quote_kept")


def asymmetry(pair: Pair) -> dict[str, float]:
    """(a): the b side minus the a side for each cue, the log length ratio, and pair_features read both ways."""
    from compare.artifacts.translation_features import pair_features

    ca, cb = side_cues(pair.a), side_cues(pair.b)
    out = {f"cue:{k}": cb[k] - ca[k] for k in ca}
    out["log_length_ratio"] = math.log(len(pair.b.text) / len(pair.a.text))
    ab = pair_features(pair.a.segments, pair.b.segments, pair.a.lang)  # as if a were the original
    ba = pair_features(pair.b.segments, pair.a.segments, pair.b.lang)
    for k in PAIR_ASYM:
        x, y = ab[k], ba[k]
        out[f"pf:{k}"] = 0.0 if (math.isnan(x) or math.isnan(y)) else x - y
    return out


# ---------------------------------------------------------------- (c) the project's tells and MT features

def tells(text: Text) -> dict[str, float]:
    """The registered detectors' artifacts per 1k words and the fluency features of one side."""
    from compare.artifacts import detect_artifacts
    from compare.model import Sentence, Source

    parts, sentences, paragraphs, pos = [], [], [], 0
    sid = f"{text.doc}|{text.original}"
    for i, seg in enumerate(text.segments):
        seg = " ".join(seg.split())
        sentences.append(Sentence(sid, i, pos, pos + len(seg), seg, i, text.lang, 1.0))
        paragraphs.append((pos, pos + len(seg)))
        parts.append(seg)
        pos += len(seg) + 2
    source = Source(id=sid, path="", text="\n\n".join(parts), language=text.lang, paragraphs=tuple(paragraphs),
                    sentences=tuple(sentences))
    result = detect_artifacts(source)
    out = {"artifacts_per_1k": 1000 * len(result.artifacts) / max(result.words, 1)}
    for k in ("function_words", "commas_per_word", "type_token_ratio", "mean_zipf", "sentence_length"):
        if k in result.mt_parts:
            out[k] = float(result.mt_parts[k])
    return out


# ---------------------------------------------------------------- (b) per-language translationese classifier

KINDS = ("char", "function", "words")
"""char n-grams; function words and punctuation; function words only (no typography)."""
FUNCTION_ONLY = re.compile(r"\w+|[^\w\s]")


def _function_tokens(lang: str, punctuation: bool = True):
    """Function words (and, with ``punctuation``, every mark) as tokens, other words as '_', plus bigrams.

    Without punctuation the classifier cannot read typography (straight vs curly quotes), which on WMT21
    separates scraped originals from the vendors' translations and is no property of translation itself."""
    from compare.artifacts.likelihood import FUNCTION_WORDS

    words = FUNCTION_WORDS.get(lang, frozenset())

    def analyse(text: str) -> list[str]:
        toks = [t.lower() for t in FUNCTION_ONLY.findall(text) if punctuation or t[0].isalnum()]
        kept = [t if (t in words or not t[0].isalnum()) else "_" for t in toks]
        return kept + [f"{x} {y}" for x, y in zip(kept, kept[1:], strict=False)]

    return analyse


def classifier(kind: str, lang: str):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    if kind == "char":
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=2)
    else:
        vec = TfidfVectorizer(analyzer=_function_tokens(lang, kind == "function"), sublinear_tf=True, min_df=2)
    return make_pipeline(vec, LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000))


def translationese(texts: list[Text], lang: str, kind: str, train: set[str], score: list[Text],
                   lps: tuple[str, ...] | None = None) -> list[float]:
    """P(translation) for ``score`` texts from a classifier fitted on ``lang`` texts whose group is in ``train``."""
    pool = [t for t in texts if t.lang == lang and t.doc in train and (lps is None or t.lp in lps)]
    model = classifier(kind, lang)
    model.fit([t.text for t in pool], [0 if t.original else 1 for t in pool])
    return list(model.predict_proba([t.text for t in score])[:, 1])


# ---------------------------------------------------------------- evaluation

def auc(y: np.ndarray, s: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, s)) if len(set(y)) == 2 else float("nan")


def summary(name: str, pairs: list[Pair], prob: np.ndarray) -> dict:
    """Accuracy per direction, AUC, and the best confidence threshold (precision, share decided)."""
    y = np.array([p.a_first for p in pairs], dtype=int)
    pred = (prob >= 0.5).astype(int)
    first, second = pairs[0].task.split("/")
    out = {"signal": name, "n": len(pairs), "auc": round(auc(y, prob), 3),
           "accuracy": round(float((pred == y).mean()), 3),
           f"acc {first}->{second}": round(float((pred[y == 1] == 1).mean()), 3),
           f"acc {second}->{first}": round(float((pred[y == 0] == 0).mean()), 3)}
    confidence = np.abs(prob - 0.5)
    rows = []
    for cut in sorted(set(np.round(confidence, 4))):
        kept = confidence >= cut
        if kept.sum() == 0:
            continue
        rows.append((float(cut), float(kept.mean()), float((pred[kept] == y[kept]).mean()), int(kept.sum())))
    useful = [r for r in rows if r[1] >= 0.4]
    best = max(useful, key=lambda r: (r[2], r[1])) if useful else None
    out["best precision at >=40% decided"] = (f"{best[2]:.3f} on {best[3]}/{len(pairs)} (|p-0.5|>={best[0]:.2f})"
                                             if best else "-")
    bins = defaultdict(lambda: [0, 0])
    for p, t in zip(prob, y, strict=True):
        b = min(int(p * 5), 4)
        bins[b][0] += 1
        bins[b][1] += int(t)
    out["reliability (p bin: n, share a-first)"] = "; ".join(
        f"{b / 5:.1f}-{(b + 1) / 5:.1f}: {n}, {k / n:.2f}" for b, (n, k) in sorted(bins.items()))
    return out


def fit_predict(train_x: np.ndarray, train_y: np.ndarray, test_x: np.ndarray) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    if len(set(train_y)) < 2:
        return np.full(len(test_x), float(train_y.mean()))
    scaler = StandardScaler().fit(train_x)
    model = LogisticRegression(C=0.3, class_weight="balanced", max_iter=2000)
    model.fit(scaler.transform(train_x), train_y)
    return model.predict_proba(scaler.transform(test_x))[:, 1]


def run(data: Path, chunk: int, folds: int) -> list[dict]:
    texts, pairs = load(data, chunk, folds)
    results: list[dict] = []
    groups_all = {t.doc for t in texts}
    fold_of = {t.doc: t.fold for t in texts}
    tell_cache = {id(t): tells(t) for t in texts if t.lp in ("en-de", "de-en", "de-fr", "fr-de")}
    for task in ("en/de", "de/fr"):
        tp = [p for p in pairs if p.task == task]
        la, lb = task.split("/")
        y = np.array([p.a_first for p in tp], dtype=int)
        asym = [asymmetry(p) for p in tp]
        asym_keys = sorted(asym[0])
        A = np.array([[a[k] for k in asym_keys] for a in asym])
        tell_keys = sorted(tell_cache[id(tp[0].a)])
        C = np.array([[tell_cache[id(p.b)][k] - tell_cache[id(p.a)][k] for k in tell_keys] for p in tp])
        # (b): out-of-fold translationese scores; the held-out fold's groups are left out of every classifier,
        # and for the training pairs' scores (for the combiner) an inner split leaves their own fold out too.
        task_folds = sorted({p.fold for p in tp})
        B = {kind: np.zeros(len(tp)) for kind in KINDS}
        B_inner: dict[tuple[str, int], np.ndarray] = {}
        for kind in B:
            for f in task_folds:
                train = {g for g in groups_all if fold_of[g] != f}
                idx = [i for i, p in enumerate(tp) if p.fold == f]
                sa = translationese(texts, la, kind, train, [tp[i].a for i in idx])
                sb = translationese(texts, lb, kind, train, [tp[i].b for i in idx])
                for j, i in enumerate(idx):
                    B[kind][i] = sb[j] - sa[j]  # > 0: b reads more translated, so a came first
                inner = np.zeros(len(tp))
                for g in task_folds:
                    if g == f:
                        continue
                    train2 = {x for x in groups_all if fold_of[x] not in (f, g)}
                    idx2 = [i for i, p in enumerate(tp) if p.fold == g]
                    sa = translationese(texts, la, kind, train2, [tp[i].a for i in idx2])
                    sb = translationese(texts, lb, kind, train2, [tp[i].b for i in idx2])
                    for j, i in enumerate(idx2):
                        inner[i] = sb[j] - sa[j]
                B_inner[(kind, f)] = inner

        def cv(features: np.ndarray | None, b_kinds: tuple[str, ...] = (), tp: list[Pair] = tp,
               task_folds: list[int] = task_folds, B: dict = B, B_inner: dict = B_inner,
               y: np.ndarray = y) -> np.ndarray:
            """Grouped-CV probabilities that the first language's text is the original."""
            prob = np.zeros(len(tp))
            for f in task_folds:
                test = np.array([p.fold == f for p in tp])
                cols_tr, cols_te = [], []
                if features is not None:
                    cols_tr.append(features[~test])
                    cols_te.append(features[test])
                for kind in b_kinds:
                    cols_tr.append(B_inner[(kind, f)][~test][:, None])
                    cols_te.append(B[kind][test][:, None])
                prob[test] = fit_predict(np.hstack(cols_tr), y[~test], np.hstack(cols_te))
            return prob

        for k, key in enumerate(asym_keys):
            results.append({"task": task, **summary(f"(a) {key}", tp, cv(A[:, [k]]))})
        results.append({"task": task, **summary("(a) all asymmetries", tp, cv(A))})
        for kind in B:
            results.append({"task": task, **summary(f"(b) {kind} translationese, raw sign", tp,
                                                      1 / (1 + np.exp(-8 * B[kind])))})
            results.append({"task": task, **summary(f"(b) {kind} translationese, calibrated", tp, cv(None, (kind,)))})
        results.append({"task": task, **summary("(c) tells + fluency", tp, cv(C))})
        results.append({"task": task, **summary("(a)+(b char)+(b function)+(c)", tp,
                                                cv(np.hstack([A, C]), ("char", "function")))})
        results.append({"task": task, **summary("(a)+(b function)", tp, cv(A, ("function",)))})
        plain = [k for k, key in enumerate(asym_keys) if key != "cue:foreign_quotes"]
        results.append({"task": task, **summary("(a) without quote marks + (b words)", tp, cv(A[:, plain], ("words",)))})
        for first in (True, False):
            r = [math.log(len(p.b.text) / len(p.a.text)) for p in tp if p.a_first == first]
            results.append({"task": task, "signal": f"log length ratio {lb}/{la} chars, {(la if first else lb)} "
                            f"original", "n": len(r), "mean": round(float(np.mean(r)), 3),
                            "min": round(min(r), 3), "max": round(max(r), 3)})
    # topic check: the German classifier trained on en/de texts only, tested on the de/fr German sides
    for kind in KINDS:
        de_fr = [t for t in texts if t.lang == "de" and t.lp in ("de-fr", "fr-de")]
        s = translationese(texts, "de", kind, groups_all, de_fr, lps=("en-de", "de-en"))
        yy = np.array([0 if t.original else 1 for t in de_fr])
        inside = [t for t in texts if t.lang == "de" and t.lp in ("en-de", "de-en")]
        results.append({"task": "de only", "signal": f"German {kind} classifier trained on en-de/de-en, "
                        "tested on de-fr/fr-de German", "n": len(de_fr), "auc": round(auc(yy, np.array(s)), 3),
                        "accuracy": round(float(((np.array(s) >= 0.5) == yy).mean()), 3),
                        "trained on": len(inside)})
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--chunk", type=int, default=15)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no data at {args.data}", file=sys.stderr)
        return 2
    rows = run(args.data, args.chunk, args.folds)
    for row in rows:
        print(" | ".join(f"{k}: {v}" for k, v in row.items()))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
