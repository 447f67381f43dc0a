"""How event grouping's cost grows with the number of reports.

Reports: every article of the SemEval-2022 shared pairs and every version of
every WMT21 document (about 1,750 real news texts in nine languages).  For
growing subsets we time annotation (per report, so it parallelises) and
grouping (set level: sparse nearest-neighbour candidates, vectorised pair
scores, average-linkage merges), and count candidate pairs, which stay near
``NEIGHBOURS x reports`` rather than growing with the square.

Run:  .venv/bin/python bench/events_scale.py [--sizes 250 500 1000 1750]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import pandas as pd

from compare.annotate import annotate
from compare.events import candidate_pairs, group_events

BENCH = Path(__file__).resolve().parent


def _bench(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def collection():
    semeval, wmt = _bench("events_semeval"), _bench("events_wmt21")
    sources = {}
    frame = pd.read_csv(semeval.DATA / "pairs_shared.csv")
    for row in frame.itertuples(index=False):
        id1, id2 = str(row.pair_id).split("_")[:2]
        for s in (semeval.make_source(id1, row.text1, row.lang1), semeval.make_source(id2, row.text2, row.lang2)):
            sources.setdefault(s.id, s)
    for lp in ("de-fr", "fr-de", "ru-en"):
        for s in wmt.build_sources(lp)[0]:
            sources.setdefault(s.id, s)
    return [sources[k] for k in sorted(sources)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 1750])
    args = parser.parse_args(argv)
    if not _bench("events_semeval").DATA.is_dir():
        print("../shared/data is absent: nothing to measure", file=sys.stderr)
        return 1
    everything = collection()
    print(f"{'reports':>7} {'annotate s':>10} {'group s':>8} {'candidates':>10} {'per report':>10} {'events':>6}")
    for size in args.sizes:
        subset = everything[:: max(1, len(everything) // size)][:size]
        started = time.perf_counter()
        annotations = annotate(subset)
        annotated = time.perf_counter()
        events = group_events(subset, annotations)
        grouped = time.perf_counter()
        from compare.events import _similarities, profiles

        matrices = _similarities(subset, profiles(subset, annotations), annotations)
        pairs = len(candidate_pairs(matrices))
        print(f"{len(subset):>7} {annotated - started:>10.1f} {grouped - annotated:>8.1f} {pairs:>10} "
              f"{pairs / len(subset):>10.1f} {len(events):>6}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
