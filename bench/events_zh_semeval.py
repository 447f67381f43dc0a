"""The Chinese centre and the cross-script addition on rated pairs with Chinese in them (SemEval augmented, shared).

    python bench/events_zh_semeval.py                         # Chinese rows on the Chinese centre (the default)
    python bench/events_zh_semeval.py --no-language-centres   # every row on the model's news centre (before)

Data: SemEval-2022 Task 8 ``augmented_mt_pairs_shared.csv``, the rows with
Chinese on one or both sides (zh-zh 58, zh-en 54): HFL's machine translations
of rated pairs, each inheriting its pair's gold.  All their articles are
grouped as one set, as ``bench/events_cross.py`` groups the original pairs;
a pair rated the same event (Overall <= 1.5) should be grouped, one rated
different (>= 3.5) kept apart.  WMT21 (``bench/events_cross.py``) checks the
same settings on translations and their originals; this checks them on
different stories, in Chinese and across Chinese and English.  The Chinese
centre (``bench/events_language_centres.py``) is the mean of these same
Chinese texts' rows (no gold used), so the zh-zh figures are in-sample for it.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from events_cross import DIFFERENT, SAME, _annotated, _encode, _share  # noqa: E402
from events_semeval import DATA, make_source  # noqa: E402

from compare.events import group_events, prepare  # noqa: E402
from compare.settings import EventSettings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-language-centres", action="store_true", help="centre Chinese rows on the news centre")
    parser.add_argument("--scripts", type=float, nargs="+", default=[0.0, 0.05, 0.1],
                        help="document_cross_script values to try")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"{DATA} is absent: nothing to measure", file=sys.stderr)
        return 1
    import pandas as pd

    if args.no_language_centres:
        import compare.semantic.documents as documents

        documents.language_centres = dict  # an empty table: every language on the model's centre
    frame = pd.read_csv(DATA / "augmented_mt_pairs_shared.csv")
    frame = frame[(frame.lang1 == "zh") | (frame.lang2 == "zh")]
    sources, pairs = {}, []
    for row in frame.itertuples(index=False):
        id1, id2 = str(row.pair_id).split("_")[:2]
        a, b = make_source(id1, row.text1, row.lang1), make_source(id2, row.text2, row.lang2)
        sources.setdefault(a.id, a)
        sources.setdefault(b.id, b)
        pairs.append((a.id, b.id, float(row.Overall), f"{row.lang1}-{row.lang2}"))
    collection = [sources[k] for k in sorted(sources)]
    annotations = _annotated("semeval-zh", collection)
    base = EventSettings()
    prepared = prepare(collection, annotations, base, _encode("events"))
    print(f"{len(collection)} articles, {len(pairs)} rated pairs "
          f"({'every row on the news centre' if args.no_language_centres else 'Chinese rows on the Chinese centre'})")
    for script in args.scripts:
        events = group_events(collection, annotations, replace(base, document_cross_script=script), prepared=prepared)
        event_of = {sid: e.id for e in events for sid in e.sources}
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for a, b, gold, lp in pairs:
            together = event_of[a] == event_of[b]
            for key in ("all", lp):
                if gold <= SAME:
                    counts[key][0] += together
                    counts[key][1] += 1
                elif gold >= DIFFERENT:
                    counts[key][2] += not together
                    counts[key][3] += 1
        print(f"cross-script addition {script:g}: " + "; ".join(
            f"{k} same {c[0]}/{c[1]} = {_share(c[0], c[1]):.3f}, apart {c[2]}/{c[3]} = {_share(c[2], c[3]):.3f}"
            for k, c in sorted(counts.items(), key=lambda x: (x[0] != "all", x[0]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
