"""Event dates the texts do not state (issues 23 and 26, truth28): how many events a run dates, and how many of
those dates name a year that no member writes, or a year the set cannot have.

An event's date is printed in its page's heading, its folder name, the index row, the hand-out and
``summary.json``.  It may state only what the evidence states: a publication date, or a date a report writes,
year included, in its lead as the date of what it reports.  Counted per event, on a set given as a folder:

- ``dated``: events with a date (``Event.date``);
- ``year not written``: dated events whose year no member writes (in a date of its text, or its
  publication date): a year chosen by the tool, from a weekday or the years the text mentions;
- ``impossible``: dated events whose year lies outside ``--years`` (WMT21's news documents were published in
  2020-2021 and report 2019-2021: a year outside names no event of the set by construction).

Run:  .venv/bin/python bench/event_dates.py /tmp/wmt21-docs-200 [--years 2019-2021] [--list]

With the set's ``<set>.truth.csv`` beside it (``bench/make_wmt21_docs.py`` writes one: each document's true
article), it also prints the grouping's adjusted Rand index, so that a change to how dates are read shows
whether the grouping moved.

It runs the pipeline up to the events stage (the same grouping as ``compare run``), so old and new code are
compared by running it from each checkout.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

from compare.pipeline import run_pipeline

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def written_years(source, mentions) -> set[str]:
    """Years a report writes: in the text of its date mentions (not their resolved values), or its publication
    date."""
    years = {y for m in mentions if m.type == "date" for y in _YEAR.findall(m.text)}
    if source.published:
        years.add(source.published[:4])
    return years


def count(result, low: int, high: int) -> tuple[Counter, list[str]]:
    """The counts, and one line per dated event, saying what is wrong with its date (year not written, impossible)."""
    by_id = {s.id: s for s in result.sources}
    counts: Counter = Counter()
    lines: list[str] = []
    for item in result.events:
        event = item.event
        counts["events"] += 1
        basis = getattr(event, "date_basis", "")
        if basis:
            counts[f"basis {basis}"] += 1
        if not event.date:
            continue
        counts["dated"] += 1
        year = event.date[:4]
        written = set().union(*(written_years(by_id[sid], result.annotations.mentions.get(sid, ()))
                                for sid in event.sources))
        wrong = []
        if year not in written:
            counts["year not written"] += 1
            wrong.append("year not written")
        if not low <= int(year) <= high:
            counts["impossible"] += 1
            wrong.append(f"outside {low}-{high}")
        lines.append(f"{event.id}: {event.date}" + (f" [{basis}]" if basis else "")
                     + (f" ({'; '.join(wrong)})" if wrong else ""))
    return counts, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", help="a source set (folder with a manifest)")
    parser.add_argument("--years", default="2019-2021", help="the years the set's events can have, LOW-HIGH")
    parser.add_argument("--list", action="store_true", help="print each dated event, and what is wrong with its date")
    args = parser.parse_args(argv)
    low, high = (int(x) for x in args.years.split("-"))
    started = time.perf_counter()
    result = run_pipeline(args.path, until="events")
    counts, lines = count(result, low, high)
    if args.list:
        for line in lines:
            print(line)
    print(f"{args.path}: {counts['events']} events, {counts['dated']} dated, "
          f"{counts['year not written']} dated with a year no member writes, "
          f"{counts['impossible']} with a year outside {low}-{high}"
          f" ({time.perf_counter() - started:.0f} s)")
    truth_path = Path(f"{str(args.path).rstrip('/')}.truth.csv")
    if truth_path.exists():
        from sklearn.metrics import adjusted_rand_score

        truth = {r["id"]: r["event"] for r in csv.DictReader(open(truth_path, encoding="utf-8"))}
        event_of = {sid: item.event.id for item in result.events for sid in item.event.sources}
        ids = sorted(sid for sid in event_of if sid in truth)
        print(f"grouping against {truth_path.name}: ARI {adjusted_rand_score([truth[i] for i in ids], [event_of[i] for i in ids]):.4f}"
              f" over {len(ids)} reports")
    bases = sorted(k for k in counts if k.startswith("basis "))
    if bases:
        print("how dated: " + ", ".join(f"{k[6:]} {counts[k]}" for k in bases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
