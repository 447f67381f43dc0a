"""Events across languages, cross-validated: SemEval-2022 pairs grouped or kept apart, WMT21 versions grouped.

    python bench/events_cross.py                 # threshold grid, 5-fold CV, figures
    python bench/events_cross.py --lexical       # the same with --no-semantic's lexical grouping
    python bench/events_cross.py --errors        # every SemEval pair wrong at the defaults, with what decided it
    python bench/events_cross.py --cv-errors     # the CV, and each held-out pair it gets wrong (the figures' errors)
    python bench/events_cross.py --title-gaps 0 0.35 0.3 0.25 0.2 0.15   # document_title_gap with the rest
    python bench/events_cross.py --ignore-pages  # group as before the page detector (walls grouped like reports)

SemEval texts are read as ingest reads them: a page that is not a news report
(``compare.ingest.page_kind``: an IP-block notice, a cookie or login wall, a
forum question) joins no event.  The held-out figures are given two ways: all
pairs, and pairs where neither side is called not a news report (with how many
pairs that removes, their ratings and whether they were grouped), whichever
grouping ran.

Data (../shared/data, shared parts only):

* SemEval-2022 Task 8 ``pairs_shared.csv``: every article is a report with no
  publication date (as in ``bench/events_semeval.py``); all 1,108 are grouped
  as one set.  A pair rated the same event (Overall <= 1.5) should be in one
  event; a pair rated different (Overall >= 3.5) in two.  Per language pair.
* WMT21 ``*.shared.jsonl``: the set of ``bench/make_wmt21_docs.py`` (every
  version, original, human and machine translations, of every article of
  8-30 segments, six language pairs; no manifest event, no dates), grouped
  as one set.  Adjusted Rand index against the articles, and how many
  translations end up apart from their own original (and of those, how many
  have no date).

Cross-validation: SemEval pairs are split into 5 folds of connected
components of article ids, WMT21 reports into 5 folds of whole articles
(seeded).  For each fold the threshold (``EventSettings.document_threshold``,
or ``link_threshold`` with ``--lexical``), the cross-language shift, the
guard (``document_conflicts`` and ``document_conflict_penalty``: reports whose
checkable details differ in the same role are held apart) and, with
``--date-penalties``, ``document_date_penalty`` (dates read from the two texts
disagree; default: only its setting's 0.10) and, with ``--follow-ups``,
``document_follow_up_days`` (two dates read from texts this many days apart
carry no penalty; default: only its setting's 1) are the grid values
with the fewest errors on the other four folds of both data sets (errors:
1 - same share, 1 - apart share, 1 - ARI, summed; at equal errors the values
nearest the settings' defaults); the held-out fold is then measured at them.
Held-out figures are pooled over the folds (ARI: over the held-out reports of
each fold, averaged weighted by reports).  Grouping always runs on the whole
set (a held-out report meets all others, as in use); only the threshold is
fitted.  These are CV figures on the shared parts, not a held-out test.

Embeddings come from the bench cache (bench/semantic_cache.py); ingest and
annotation are cached in bench/out/events-cross/.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import pickle
import random
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from events_semeval import DATA as SEMEVAL  # noqa: E402
from events_semeval import make_source  # noqa: E402

from compare.annotate import annotate  # noqa: E402
from compare.events import TITLE_GAP_FLOOR, group_events, prepare  # noqa: E402
from compare.settings import EventSettings  # noqa: E402

CACHE = BENCH / "out" / "events-cross"
WMT_SET = Path("/tmp/events-cross-wmt21-docs")
FOLDS = 5
SEED = 20261206
SAME, DIFFERENT = 1.5, 3.5


def semeval(pages: bool = True):
    """(sources, annotations, rated pairs (a, b, overall, language pair, component)).

    With ``pages`` each text is read as ingest reads it (``compare.ingest.page_kind``): a page that is not a news
    report (a wall, a notice, a forum post) carries its kind, and the grouping keeps it apart, as in use."""
    import pandas as pd

    frame = pd.read_csv(SEMEVAL / "pairs_shared.csv")
    sources, pairs = {}, []
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for row in frame.itertuples(index=False):
        id1, id2 = str(row.pair_id).split("_")[:2]
        a, b = make_source(id1, row.text1, row.lang1), make_source(id2, row.text2, row.lang2)
        sources.setdefault(a.id, a)
        sources.setdefault(b.id, b)
        parent[find(id1)] = find(id2)
        pairs.append((a.id, b.id, float(row.Overall), f"{row.lang1}-{row.lang2}", id1))
    pairs = [(a, b, g, lp, find(c)) for a, b, g, lp, c in pairs]
    if pages:
        sources = {k: _read_page(s) for k, s in sources.items()}
    collection = [sources[k] for k in sorted(sources)]
    return collection, _annotated("semeval", collection), pairs


def _read_page(source):
    """The source with what ingest reads of its page: ``page_kind`` set where the text is not a news report."""
    from compare.ingest.page_kind import read_page

    verdict = read_page(source.text)
    return replace(source, page_kind=verdict.kind, page_words=verdict.words) if verdict else source


def not_reports(sources) -> set[str]:
    """Ids of the reports the detector calls not a news report (whether or not the grouping was told)."""
    from compare.ingest.page_kind import read_page

    return {s.id for s in sources if read_page(s.text)}


def wmt():
    """(sources, annotations, article of each report)."""
    from make_wmt21_docs import build

    from compare.ingest import ingest

    if not (WMT_SET / "manifest.csv").exists():
        build(5000, WMT_SET)
    sources = sorted(ingest(WMT_SET).sources, key=lambda s: s.id)
    truth = {r["id"]: r["event"] for r in csv.DictReader(open(f"{WMT_SET}.truth.csv", encoding="utf-8"))}
    return sources, _annotated("wmt", sources), truth


def _annotated(name: str, sources):
    CACHE.mkdir(parents=True, exist_ok=True)
    # the annotator's code is in the key: a change to how dates are read must not reuse stale annotations
    code = b"".join(f.read_bytes() for f in sorted((BENCH.parent / "compare" / "annotate").glob("*.py")))
    digest = hashlib.sha1(pickle.dumps([(s.id, s.text, s.language) for s in sources]) + code).hexdigest()[:12]
    path = CACHE / f"{name}-{digest}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    annotations = annotate(sources)
    path.write_bytes(pickle.dumps(annotations))
    return annotations


def _encode(name: str):
    from semantic_cache import cached_encode

    memo: dict[str, np.ndarray] = {}

    def encode(texts):
        missing = [t for t in dict.fromkeys(texts) if t not in memo]
        if missing:
            rows = cached_encode(missing, name)[0]
            memo.update(zip(missing, rows, strict=True))
        return np.stack([memo[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)

    return encode


def folds_of(keys, folds: int = FOLDS) -> dict[str, int]:
    ordered = sorted(set(keys))
    random.Random(SEED).shuffle(ordered)
    return {k: n % folds for n, k in enumerate(ordered)}


def semeval_counts(event_of, pairs, keep=lambda p: True):
    """{language pair or 'all': [same grouped, same, different apart, different]}."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for p in pairs:
        a, b, gold, lp, _ = p
        if not keep(p):
            continue
        together = event_of[a] == event_of[b]
        for key in ("all", lp):
            if gold <= SAME:
                out[key][0] += together
                out[key][1] += 1
            elif gold >= DIFFERENT:
                out[key][2] += not together
                out[key][3] += 1
    return out


def wmt_figures(event_of, truth, ids):
    """ARI over ``ids``, translations apart from their original, and those of them without a date."""
    ari = adjusted_rand_score([truth[i] for i in ids], [event_of[i] for i in ids]) if ids else 1.0
    original = {truth[i]: i for i in ids if i.endswith("-src")}
    apart = [i for i in ids if not i.endswith("-src") and truth[i] in original
             and event_of[i] != event_of[original[truth[i]]]]
    return ari, apart


def _share(a: int, b: int) -> float:
    return a / b if b else 1.0


def _distance(value, default) -> float:
    """How far grid values lie from the settings' defaults: at equal errors the fit keeps the nearest.

    The guard's values (``document_conflicts``, ``document_conflict_penalty``) change nothing on the shared
    parts; their defaults come from the templated reports (tests/test_events_guard.py), and a tie must not
    switch the guard off."""
    return sum(abs(x - y) for x, y in zip(value, default, strict=True))


def run(sources, annotations, settings, prepared):
    events = group_events(sources, annotations, settings, prepared=prepared)
    return {sid: e.id for e in events for sid in e.sources}, events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexical", action="store_true", help="the lexical grouping (--no-semantic)")
    parser.add_argument("--grid", type=float, nargs="+", default=None, help="thresholds to try")
    parser.add_argument("--margins", type=float, nargs="+", default=[0.0],
                        help="document_average_margin values to try (semantic grouping only)")
    parser.add_argument("--shifts", type=float, nargs="+", default=[0.15, 0.2, 0.25],
                        help="document_cross_language values to try (semantic grouping only)")
    parser.add_argument("--scripts", type=float, nargs="+", default=[0.0],
                        help="document_cross_script values to try (Chinese/Japanese against other languages)")
    parser.add_argument("--conflicts", type=int, nargs="+", default=[0, 1, 2, 3],
                        help="document_conflicts values to try (the guard; 0: off; semantic grouping only)")
    parser.add_argument("--penalties", type=float, nargs="+", default=[0.15, 0.3, 1.0],
                        help="document_conflict_penalty values to try (semantic grouping only)")
    parser.add_argument("--date-penalties", type=float, nargs="+", default=[0.10],
                        help="document_date_penalty values to try (dates read from the two texts disagree)")
    parser.add_argument("--follow-ups", type=int, nargs="+", default=[1],
                        help="document_follow_up_days values to try (two dates read from texts this close: no penalty)")
    parser.add_argument("--title-gaps", type=float, nargs="+", default=None,
                        help="document_title_gap values to try (the title stands in for the passage where the titles "
                             "agree this much more than the passages; 0: never; default: only its setting's)")
    parser.add_argument("--cv-errors", action="store_true",
                        help="also print each held-out SemEval pair the CV gets wrong, per fold, at that fold's values")
    parser.add_argument("--ignore-pages", action="store_true",
                        help="group as before the page detector: a page that is not a news report is grouped like any "
                             "other (the figures are still given for pairs without such a page, too)")
    parser.add_argument("--errors", action="store_true",
                        help="only print each SemEval pair wrong at the defaults, its features and what merged or split it")
    args = parser.parse_args(argv)
    if not SEMEVAL.is_dir():
        print(f"{SEMEVAL} is absent: nothing to measure", file=sys.stderr)
        return 1
    started = time.perf_counter()
    s_sources, s_annotations, pairs = semeval(pages=not args.ignore_pages)
    walls = not_reports(s_sources)

    def reports_only(p) -> bool:
        return p[0] not in walls and p[1] not in walls
    if args.errors:
        from events_errors import report

        settings = EventSettings()
        prepared = prepare(s_sources, s_annotations, settings, _encode("events"))
        s_event, _ = run(s_sources, s_annotations, settings, prepared)
        report(s_sources, prepared, s_event, pairs, settings, SAME, DIFFERENT)
        return 0
    w_sources, w_annotations, truth = wmt()
    print(f"SemEval: {len(s_sources)} articles, {len(pairs)} rated pairs; WMT21: {len(w_sources)} reports, "
          f"{len(set(truth.values()))} articles; ready in {time.perf_counter() - started:.0f} s", flush=True)
    base = EventSettings(semantic=not args.lexical)
    field = "link_threshold" if args.lexical else "document_threshold"
    thresholds = args.grid or ([round(x, 2) for x in np.arange(0.30, 0.80, 0.05)] if args.lexical
                               else [round(x, 3) for x in np.arange(0.425, 0.575, 0.025)])
    margins = [0.0] if args.lexical else args.margins
    shifts = [0.0] if args.lexical else args.shifts
    guards = [(0, 0.0)] if args.lexical else sorted(
        {(c, p if c else 0.0) for c in args.conflicts for p in args.penalties})
    scripts = [0.0] if args.lexical else args.scripts
    dates = [base.soft_date_penalty] if args.lexical else args.date_penalties
    follow_ups = [base.document_follow_up_days] if args.lexical else args.follow_ups
    gaps = [0.0] if args.lexical else (args.title_gaps or [base.document_title_gap])
    grid = [(t, m, c, g, p, z, d, f, h) for t in thresholds for m in margins for c in shifts for g, p in guards
            for z in scripts for d in dates for f in follow_ups for h in gaps]
    t0 = time.perf_counter()
    # the title stand-ins are kept only when the scores are first computed with the setting on
    ready = replace(base, document_title_gap=TITLE_GAP_FLOOR) if any(g > 0 for g in gaps) else base
    s_prepared = prepare(s_sources, s_annotations, ready, _encode("events"))
    w_prepared = prepare(w_sources, w_annotations, ready, _encode("events"))
    print(f"prepared (rows, candidates, scores) in {time.perf_counter() - t0:.0f} s; candidate pairs per report: "
          f"SemEval {len(s_prepared.pairs) / len(s_sources):.1f}, WMT21 {len(w_prepared.pairs) / len(w_sources):.1f}",
          flush=True)
    default = (getattr(base, field), base.document_average_margin, base.document_cross_language,
               base.document_conflicts, base.document_conflict_penalty, base.document_cross_script,
               base.soft_date_penalty if args.lexical else base.document_date_penalty, base.document_follow_up_days,
               0.0 if args.lexical else base.document_title_gap)
    s_fold = folds_of(p[4] for p in pairs)
    w_fold = folds_of(truth.values())
    w_ids = sorted(truth)
    results = {}
    print(f"{field:>18} {'margin':>6} {'cross':>5} {'guard':>5} {'pen.':>5} {'cjk':>5} {'same':>6} {'apart':>6} {'ARI':>6} "
          f"{'date':>5} {'f-up':>4} {'transl. apart':>13} {'s':>5} {'title gap':>9}")
    def settings_of(value):
        return replace(base, **{field: value[0], "document_average_margin": value[1],
                                "document_cross_language": value[2], "document_conflicts": value[3],
                                "document_conflict_penalty": value[4], "document_cross_script": value[5],
                                "soft_date_penalty" if args.lexical else "document_date_penalty": value[6],
                                "document_follow_up_days": value[7], "document_title_gap": value[8]})

    for value in grid:
        settings = settings_of(value)
        t0 = time.perf_counter()
        s_event, _ = run(s_sources, s_annotations, settings, s_prepared)
        w_event, _ = run(w_sources, w_annotations, settings, w_prepared)
        results[value] = (s_event, w_event)
        c = semeval_counts(s_event, pairs)["all"]
        ari, apart = wmt_figures(w_event, truth, w_ids)
        print(f"{value[0]:>18} {value[1]:>6} {value[2]:>5} {value[3]:>5} {value[4]:>5} {value[5]:>5} {value[6]:>5} {value[7]:>4} {_share(c[0], c[1]):>6.3f} {_share(c[2], c[3]):>6.3f} {ari:>6.3f} {len(apart):>13} "
              f"{time.perf_counter() - t0:>5.0f} {value[8]:>9g}", flush=True)
    # cross-validation: fit the threshold on four folds, measure the fifth
    held = defaultdict(lambda: [0, 0, 0, 0])
    held_reports = defaultdict(lambda: [0, 0, 0, 0])
    wall_pairs = []
    aris, chosen, translations_apart, undated_apart, per_fold = [], [], [], [], []
    from compare.events import profiles

    undated = {p.source_id for p in profiles(w_sources, w_annotations) if not p.date}
    for k in range(FOLDS):
        def errors(value, k=k):
            s_event, w_event = results[value]
            c = semeval_counts(s_event, pairs, lambda p: s_fold[p[4]] != k)["all"]
            ids = [i for i in w_ids if w_fold[truth[i]] != k]
            ari, _ = wmt_figures(w_event, truth, ids)
            return (1 - _share(c[0], c[1])) + (1 - _share(c[2], c[3])) + (1 - ari)

        best = min(grid, key=lambda v: (round(errors(v), 9), _distance(v, default), v))
        chosen.append(best)
        s_event, w_event = results[best]
        fold_counts = semeval_counts(s_event, pairs, lambda p, k=k: s_fold[p[4]] == k)
        for key, c in fold_counts.items():
            held[key] = [x + y for x, y in zip(held[key], c, strict=True)]
        for key, c in semeval_counts(s_event, pairs, lambda p, k=k: s_fold[p[4]] == k and reports_only(p)).items():
            held_reports[key] = [x + y for x, y in zip(held_reports[key], c, strict=True)]
        wall_pairs += [(q, s_event[q[0]] == s_event[q[1]]) for q in pairs if s_fold[q[4]] == k and not reports_only(q)]
        ids = [i for i in w_ids if w_fold[truth[i]] == k]
        ari, apart = wmt_figures(w_event, truth, ids)
        c = fold_counts["all"]
        per_fold.append(f"  fold {k}: same {c[0]}/{c[1]}, apart {c[2]}/{c[3]}, WMT21 ARI {ari:.3f} "
                        f"({len(ids)} reports), translations apart {len(apart)}")
        aris.append((ari, len(ids)))
        if args.cv_errors:
            from events_errors import report

            print(f"\n== fold {k}: held-out SemEval pairs wrong at the values chosen on the other folds "
                  f"({'/'.join(f'{x:g}' for x in best)})")
            s_event, _ = run(s_sources, s_annotations, settings_of(best), s_prepared)
            report(s_sources, s_prepared, s_event, [q for q in pairs if s_fold[q[4]] == k], settings_of(best),
                   SAME, DIFFERENT)
        translations_apart += apart
        undated_apart += [i for i in apart if i in undated]
    print(f"\ncross-validated ({FOLDS} folds; threshold/margin/cross-language shift/guard/penalty/CJK shift/date penalty/follow-up days/title gap chosen: {', '.join('/'.join(f'{x:g}' for x in v) for v in chosen)})")
    print("held out, per fold:\n" + "\n".join(per_fold))
    print(f"SemEval shared, pairs rated same (Overall <= {SAME}) grouped / rated different (>= {DIFFERENT}) apart:")
    for key in sorted(held, key=lambda x: (x != "all", x)):
        c = held[key]
        print(f"  {key:6} same {c[0]:>3}/{c[1]:<3} = {_share(c[0], c[1]):.3f}   apart {c[2]:>3}/{c[3]:<3} = "
              f"{_share(c[2], c[3]):.3f}")
    removed = [(p, together) for p, together in wall_pairs if p[2] <= SAME or p[2] >= DIFFERENT]
    print(f"the same, pairs where neither side is called not a news report ({len(walls)} reports so called; "
          f"{len(wall_pairs)} rated pairs removed, {len(removed)} of them rated same or different: "
          + ", ".join(f"{p[0].split('-')[0]}/{p[1].split('-')[0]} {p[3]} Overall {p[2]:g} "
                      f"{'grouped' if together else 'apart'}" for p, together in sorted(removed)) + "):")
    for key in sorted(held_reports, key=lambda x: (x != "all", x)):
        c = held_reports[key]
        print(f"  {key:6} same {c[0]:>3}/{c[1]:<3} = {_share(c[0], c[1]):.3f}   apart {c[2]:>3}/{c[3]:<3} = "
              f"{_share(c[2], c[3]):.3f}")
    weighted = sum(a * n for a, n in aris) / sum(n for _, n in aris)
    print(f"WMT21 shared, {len(w_sources)} reports: ARI (held-out folds, weighted mean) {weighted:.3f}; "
          f"translations apart from their original {len(translations_apart)} "
          f"(of them without a date {len(undated_apart)})")
    final = min(grid, key=lambda v: (sum(sum(abs(x - y) for x, y in zip(v, c, strict=True)) for c in chosen), v))
    s_event, w_event = results[final]
    by_lp = defaultdict(list)
    for i in w_ids:
        by_lp["-".join(i.split("-")[1:3])].append(i)
    _, apart = wmt_figures(w_event, truth, w_ids)
    from compare.events import _date_relation

    profs = w_prepared.profs
    index = {p.source_id: n for n, p in enumerate(profs)}
    original = {truth[i]: i for i in w_ids if i.endswith("-src")}
    dated = [i for i in apart if _date_relation(profs[index[i]], profs[index[original[truth[i]]]]) != "unknown"]
    conflicts = [i for i in dated if _date_relation(profs[index[i]], profs[index[original[truth[i]]]]).startswith("conflict")]
    by_pair = defaultdict(int)
    for i in apart:
        by_pair["-".join(i.split("-")[1:3])] += 1
    print(f"at the values below, whole shared part: translations apart from their original {len(apart)} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(by_pair.items()))}); with a date read from both texts "
          f"{len(dated)}, of them dates that disagree {len(conflicts)}; without a date on either side "
          f"{len(apart) - len(dated)}")
    print(f"at {field} {final[0]:g}, margin {final[1]:g}, cross-language shift {final[2]:g}, guard {final[3]:g}, "
          f"penalty {final[4]:g}, CJK shift {final[5]:g}, date penalty {final[6]:g}, follow-up days {final[7]:g}, title gap {final[8]:g} (the values nearest the folds' choices), whole shared part, WMT21 ARI "
          f"{wmt_figures(w_event, truth, w_ids)[0]:.3f}, per pair: "
          + ", ".join(f"{lp} {wmt_figures(w_event, truth, ids)[0]:.3f}" for lp, ids in sorted(by_lp.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
