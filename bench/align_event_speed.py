"""CPU of the lexical alignment of real-length WMT21 events (align_event: no TER, no embeddings) and a digest.

    .venv/bin/python bench/make_wmt21_docs.py --size 120 --out /tmp/wmt120
    .venv/bin/python bench/align_event_speed.py /tmp/wmt120
    PYTHONPATH=/path/to/other/checkout .venv/bin/python bench/align_event_speed.py /tmp/wmt120

Reports are grouped by the set's truth file (``DIR.truth.csv``, written by
make_wmt21_docs.py), so the events are fixed whatever the grouping does, and
each event is aligned with pair metrics BLEU and chrF.  The digest covers
every link and pair score: two checkouts that print the same digest aligned
the set identically, and the ratio of their CPU seconds is what a change
bought.  Ingest is cached beside the set (``DIR.sources.pkl``; delete it after
changing the cleaning).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import pickle
import time
from pathlib import Path

from compare.align import align_event
from compare.settings import SemanticSettings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    folder = args.folder.resolve()
    cached = folder.with_name(folder.name + ".sources.pkl")
    if cached.exists():
        sources = pickle.loads(cached.read_bytes())
    else:
        from compare.ingest import ingest

        sources = ingest(folder).sources
        cached.write_bytes(pickle.dumps(sources))
    with folder.with_name(folder.name + ".truth.csv").open(encoding="utf-8") as handle:
        truth = {row["id"]: row["event"] for row in csv.DictReader(handle)}
    events: dict[str, list] = {}
    for source in sources:
        events.setdefault(truth.get(source.id, source.id), []).append(source)
    off = SemanticSettings(enabled=False)
    digest = hashlib.sha256()
    start = time.process_time()
    for name in sorted(events):
        result = align_event(name, events[name], metrics=("bleu", "chrf"), semantic=off)
        digest.update(repr(result.links).encode())
        digest.update(repr(result.pairs).encode())
    print(f"events {len(events)} reports {len(sources)} align CPU {time.process_time() - start:.2f} s "
          f"digest {digest.hexdigest()[:16]}")


if __name__ == "__main__":
    main()
