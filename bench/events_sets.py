"""Event grouping alone on the generated sets (bench/make_sets.py): adjusted Rand index and time per size.

    python bench/make_sets.py                        # once: builds bench/out/sets/
    python bench/events_sets.py --sizes 1000 5000 20000
    python bench/events_sets.py --sizes 1000 5000 20000 --repeats 3   # the least CPU time of 3 groupings each
    python bench/events_sets.py --sizes 20000 --diagnose
    python bench/events_sets.py --sizes 1000 5000 --lexical   # without the embeddings
    python bench/events_sets.py --sizes 1000 20000 --no-guard  # without the guard (compare.event_details)
    python bench/events_sets.py --sizes 1000 5000 --title-gap 0  # the title never standing in for the passage

Grouping uses the document similarity (embeddings) unless ``--lexical``; the
reports are embedded before the clock starts (rows cached on disk by
bench/semantic_cache.py), so the time printed is the grouping's alone, and the
growth exponent between the first and last size is printed.

The whole ``compare run`` is dominated by alignment; the grouping's accuracy
needs only ingest, annotation and ``group_events``.  Ingest and annotation
are done as ``compare run`` does them (each set ingested on its own, so
repeated-line removal sees the same set; entities resolved over the set) and
kept in bench/out/events-cache/ (one pickle per size, plus the per-report
annotations shared across sizes), so that re-runs time grouping only.

``--diagnose`` prints each set's composition (events by kind, and how many
other segments of the same WMT21 article each segment has beside it) and
breaks the errors down: true pairs split, by kind of event and by why (never
a candidate, a candidate scoring under the threshold, refused by dates, or
scored well but kept apart by average linkage); false pairs merged, by kind
(two segments of one WMT21 article, other WMT21 segments, SemEval) and
language.  ``--sets DIR`` reads the sets from another folder.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import pickle
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

from compare import events as ev
from compare.annotate import Annotations, annotate_source, resolve_entities
from compare.event_links import document_vectors
from compare.ingest import ingest

BENCH = Path(__file__).resolve().parent
SETS = BENCH / "out" / "sets"
CACHE = BENCH / "out" / "events-cache"


def _with_speakers(quotes, mentions):
    from compare.annotate import _with_speaker_entity

    return {sid: tuple(_with_speaker_entity(q, mentions[sid]) for q in qs) for sid, qs in quotes.items()}


def load(size: int, sets: Path = SETS):
    """(sources, annotations, truth) of set-SIZE, from the cache when there."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = sets / f"set-{size}.jsonl"
    digest = hashlib.sha1(path.read_bytes()).hexdigest()[:12]
    cached = CACHE / f"set-{size}-{digest}.pkl"
    truth = {row["id"]: row["event"] for row in csv.DictReader(open(sets / f"set-{size}.truth.csv", encoding="utf-8"))}
    if cached.exists():
        with open(cached, "rb") as handle:
            sources, annotations = pickle.load(handle)
        return sources, annotations, truth
    started = time.perf_counter()
    sources = ingest(path).sources
    shared_path = CACHE / "per-report.pkl"
    per_report = pickle.loads(shared_path.read_bytes()) if shared_path.exists() else {}
    mentions, quotes = {}, {}
    fresh = 0
    for source in sorted(sources, key=lambda s: s.id):
        key = hashlib.sha1(pickle.dumps((source.id, source.text, source.language, source.published,
                                         source.paragraphs, source.sentences))).hexdigest()
        if key not in per_report:
            per_report[key] = annotate_source(source)
            fresh += 1
        mentions[source.id], quotes[source.id] = per_report[key]
    if fresh:
        shared_path.write_bytes(pickle.dumps(per_report))
    entities, mentions = resolve_entities(sources, mentions)
    annotations = Annotations(mentions, _with_speakers(quotes, mentions), entities)
    with open(cached, "wb") as handle:
        pickle.dump((sources, annotations), handle)
    print(f"  set-{size}: ingested and annotated {len(sources)} reports ({fresh} new) in "
          f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
    return sources, annotations, truth


def _cached_encode():
    """e5 rows from the bench cache (bench/semantic_cache.py), memoised in this process."""
    sys.path.insert(0, str(BENCH))
    from semantic_cache import cached_encode

    memo: dict[str, np.ndarray] = {}

    def encode(texts):
        missing = [t for t in dict.fromkeys(texts) if t not in memo]
        if missing:
            memo.update(zip(missing, cached_encode(missing, "events-sets")[0], strict=True))
        return np.stack([memo[t] for t in texts]) if len(texts) else np.zeros((0, 384), dtype=np.float32)

    return encode


def kind_of(sid: str) -> str:
    return sid.split("-")[0] if sid.split("-")[0] in ("wmt", "semeval", "seed") else "other"


def ari_of(events, truth) -> float:
    predicted = {sid: e.id for e in events for sid in e.sources}
    ids = sorted(truth)
    return float(adjusted_rand_score([truth[i] for i in ids], [predicted.get(i, f"missing-{i}") for i in ids]))


def _article_of() -> dict[str, str]:
    """WMT21 segment id (``wmt-<lp>-<line>``) -> its article, as bench/make_sets.py finds articles."""
    spec = importlib.util.spec_from_file_location("make_sets", BENCH / "make_sets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = {}
    for number, article in enumerate(module.wmt_articles()):
        for event in article:
            out[_segment(event[0]["id"])] = f"article-{number}"
    return out


def _segment(sid: str) -> str | None:
    """``wmt-<lp>-<line>`` of a WMT21 report id (``wmt-de-en-12-Online-A``), None for others."""
    return "-".join(sid.split("-")[:4]) if sid.startswith("wmt-") else None


def composition(truth: dict[str, str], article_of: dict[str, str]) -> str:
    """Events by kind, reports per event, and how many other segments of its article each WMT21 segment has."""
    members: dict[str, list[str]] = defaultdict(list)
    for sid, event in truth.items():
        members[event].append(sid)
    kinds = Counter(kind_of(ids[0]) for ids in members.values())
    segments = {_segment(ids[0]) for ids in members.values() if kind_of(ids[0]) == "wmt"}
    per_article = Counter(article_of.get(seg) for seg in segments)
    siblings = np.mean([per_article[article_of.get(seg)] - 1 for seg in segments]) if segments else 0.0
    size = {k: np.mean([len(ids) for ids in members.values() if kind_of(ids[0]) == k]) for k in kinds}
    return (", ".join(f"{kinds[k]} {k} events ({size[k]:.1f} reports each)" for k in sorted(kinds))
            + f"; other segments of a segment's article in the set: {siblings:.1f}")


def diagnose(sources, annotations, truth, events, article_of: dict[str, str]) -> None:
    """Pair-level error counts: true pairs split (and why), false pairs merged (and of which kind)."""
    predicted = {sid: e.id for e in events for sid in e.sources}
    profs = ev.profiles(sources, annotations)
    index = {p.source_id: i for i, p in enumerate(profs)}
    matrices = ev._similarities(sources, profs, annotations)
    language_of = ev.by_language(sources)
    languages = [language_of.get(p.source_id, "") for p in profs]
    candidates = ev.candidate_pairs(list(matrices))
    members: dict[str, list[str]] = defaultdict(list)
    for sid, event in truth.items():
        if sid in index:
            members[event].append(sid)
    true_pairs = sorted((min(index[a], index[b]), max(index[a], index[b]))
                        for ids in members.values() for n, a in enumerate(ids) for b in ids[n + 1:])
    dots = ev.evidence(matrices, true_pairs)
    causes: dict[str, Counter] = defaultdict(Counter)
    for n, (i, j) in enumerate(true_pairs):
        a, b = profs[i].source_id, profs[j].source_id
        kind = kind_of(a)
        causes[kind]["true pairs"] += 1
        if predicted.get(a) == predicted.get(b):
            continue
        causes[kind]["split"] += 1
        relation = ev._date_relation(profs[i], profs[j])
        score = ev.pair_score(float(dots[0][n]), float(dots[1][n]), relation, float(dots[2][n]),
                              languages[i] != languages[j])
        if (i, j) not in candidates:
            causes[kind]["split: never a candidate"] += 1
            if score >= ev.DEFAULT_SETTINGS.link_threshold:
                causes[kind]["split: never a candidate, would score >= threshold"] += 1
        elif relation == "conflict-firm":
            causes[kind]["split: firm date conflict"] += 1
        elif score < ev.DEFAULT_SETTINGS.link_threshold:
            causes[kind]["split: candidate under threshold"] += 1
        else:
            causes[kind]["split: candidate >= threshold, kept apart by average linkage"] += 1
    for event in events:
        ids = [s for s in event.sources if s in truth]
        for n, a in enumerate(ids):
            for b in ids[n + 1:]:
                if truth[a] == truth[b]:
                    continue
                same_article = _segment(a) and article_of.get(_segment(a)) == article_of.get(_segment(b))
                kind = "wmt, same article" if same_article else "+".join(sorted({kind_of(a), kind_of(b)}))
                cross = "cross-language" if language_of.get(a) != language_of.get(b) else "same language"
                causes["false pairs merged"][f"{kind}, {cross}"] += 1
    for kind in sorted(causes):
        print(f"  {kind}:")
        for name, count in sorted(causes[kind].items()):
            print(f"    {name:62} {count:>9}")
    print(f"  candidate pairs {len(candidates)} ({len(candidates) / len(profs):.1f} per report)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--diagnose", action="store_true")
    parser.add_argument("--sets", type=Path, default=SETS, help="folder of set-SIZE.jsonl and set-SIZE.truth.csv")
    parser.add_argument("--lexical", action="store_true", help="group without the embeddings (--no-semantic)")
    parser.add_argument("--repeats", type=int, default=1,
                        help="group each set this many times and keep the least CPU time (a loaded machine's "
                             "noise lands mostly on the smallest set, and the exponent with it)")
    parser.add_argument("--title-gap", type=float, default=None,
                        help="document_title_gap (0: the title never stands in for the passage; default: its setting)")
    parser.add_argument("--no-guard", action="store_true",
                        help="without the guard (document_conflicts 0), to see what it costs and changes")
    args = parser.parse_args(argv)
    settings = ev.EventSettings(semantic=not args.lexical, **({"document_conflicts": 0} if args.no_guard else {}),
                                **({} if args.title_gap is None else {"document_title_gap": args.title_gap}))
    rows = []
    article_of = _article_of() if args.diagnose else {}
    for size in args.sizes:
        if not (args.sets / f"set-{size}.jsonl").exists():
            print(f"{args.sets / f'set-{size}.jsonl'} is missing: run python bench/make_sets.py first", file=sys.stderr)
            return 1
        sources, annotations, truth = load(size, args.sets)
        encode = None
        if not args.lexical:  # embed first (per report, cached on disk): the timing below is the grouping's
            encode = _cached_encode()
            started = time.perf_counter()
            document_vectors(sources, encode)
            print(f"  embedded {len(sources)} reports in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        times = []
        for _ in range(max(1, args.repeats)):
            started, cpu = time.perf_counter(), time.process_time()
            events = ev.group_events(sources, annotations, settings, encode=encode)
            times.append((time.process_time() - cpu, time.perf_counter() - started))
        cpu, seconds = min(times)
        ari = ari_of(events, truth)
        kinds = {}
        for kind in ("wmt", "semeval", "seed"):
            sub = {k: v for k, v in truth.items() if kind_of(k) == kind}
            if sub:
                kinds[kind] = ari_of(events, sub)
        rows.append((len(sources), cpu, ari))
        per_kind = "  ".join(f"{k} {v:.3f}" for k, v in kinds.items())
        print(f"{len(sources):>7} reports  {len(events):>6} events  group {seconds:7.1f} s ({cpu:.1f} s CPU)  ARI {ari:.3f}  ({per_kind})",
              flush=True)
        if args.diagnose:
            print(f"  {composition(truth, article_of)}")
            diagnose(sources, annotations, truth, events, article_of)
    if len(rows) >= 2:
        print(f"ARI change from {rows[0][0]} to {rows[-1][0]} reports: {rows[-1][2] - rows[0][2]:+.3f}")
        exponent = np.log(rows[-1][1] / rows[0][1]) / np.log(rows[-1][0] / rows[0][0])
        print(f"growth exponent of the grouping's CPU time from {rows[0][0]} to {rows[-1][0]} reports: {exponent:.2f}"
              " (CPU time: on a shared machine wall time swings with the other jobs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
