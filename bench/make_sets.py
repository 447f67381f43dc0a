"""Build large source sets with known events from the real data in ../shared/data.

    python bench/make_sets.py --sizes 1000 5000 20000 --out bench/out/sets

Each set is a JSON Lines file of reports (``id, text, outlet, kind, language``,
no event label: that would pin the grouping) plus ``<name>.truth.csv``
mapping each report id to its true event.  Events come from:

* WMT21 newstest2021 (all six language pairs): one event per source segment,
  i.e. "the same statement", reported by the original (kind ``original``),
  every human reference (``translation``) and every MT system
  (``machine-translation``): 10 to 12 reports an event.  A segment is the
  only unit that gives 20,000 reports from the shared part (1,866 segments).
  Segments are sampled by whole article (all segments of one article enter a
  set together, each still its own event), so that every set, small or
  large, holds the same kind of near neighbours: the other sentences of the
  same article, which name the same people and often restate the headline.
  Sampled one segment at a time, a 1,000-report set held 0.8 other segments
  of each segment's article and the 20,000-report set (97% of all 20,652
  reports) held 19, so the larger set was a harder task (more sentences of
  one article restating each other, which grouping rightly joins and the
  truth keeps apart) and the adjusted Rand index was not comparable across
  sizes.  Articles are the ``doc_id`` where the data has one; for the pairs
  without (en-de, de-en, zh-en, whose lines are whole articles one after
  another) an article starts at a headline: a line without closing
  punctuation after a line with it.
* SemEval-2022 Task 8 article pairs: each article one report; a pair rated
  Overall <= 1.5 (1 = same story) joins its two articles into one event.
* The five seeds, with their two events.

Events are sampled whole (seeded; WMT21 segments by whole article, as
above) until a set reaches its size, passing over an article that would take
the set more than 5% past its size; larger sets contain the smaller ones'
events, so figures across sizes are comparable.  Nothing here is written
into the repository: the default output is bench/out/, which git ignores.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
WMT = SHARED / "wmt21-news-human-vs-mt"
SEMEVAL = SHARED / "semeval2022-task8-news-similarity" / "pairs_shared.csv"
SEED = 20261122
OVERSHOOT = 0.05


_CLOSED = re.compile(r"[.!?\"'»“”„…。！？」）)]\s*$")


def wmt_articles() -> list[list[list[dict]]]:
    """Articles, each a list of events (one per segment), each a list of reports."""
    articles: list[list[list[dict]]] = []
    for path in sorted(WMT.glob("newstest2021.*.shared.jsonl")):
        previous_doc, previous_closed = None, True
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            record = json.loads(line)
            closed = bool(_CLOSED.search(record["src"]))
            if record["doc_id"] is not None:
                starts = record["doc_id"] != previous_doc
            else:  # no document ids: a headline (no closing punctuation) after a closed line opens an article
                starts = previous_closed and not closed
            if starts or number == 0:
                articles.append([])
            previous_doc, previous_closed = record["doc_id"], closed
            src_lang, tgt_lang = record["lp"].split("-")
            base = f"wmt-{record['lp']}-{record['line']}"
            reports = [{"id": f"{base}-src", "text": record["src"], "outlet": f"wmt21-source-{src_lang}",
                        "kind": "original", "language": src_lang}]
            for name, text in sorted(record["human"].items()):
                if text:
                    reports.append({"id": f"{base}-ref{name}", "text": text, "outlet": f"wmt21-human-{name}",
                                    "kind": "translation", "language": tgt_lang})
            for name, text in sorted(record["mt"].items()):
                if text:
                    reports.append({"id": f"{base}-{name}", "text": text, "outlet": f"wmt21-{name}",
                                    "kind": "machine-translation", "language": tgt_lang})
            articles[-1].append(reports)
    return articles


def semeval_events() -> list[list[dict]]:
    csv.field_size_limit(sys.maxsize)
    articles: dict[str, dict] = {}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    with open(SEMEVAL, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["variant"] != "0":
                continue
            first, second = row["pair_id"].split("_")
            for article_id, text, lang in ((first, row["text1"], row["lang1"]), (second, row["text2"], row["lang2"])):
                if article_id not in articles and text.strip():
                    articles[article_id] = {"id": f"semeval-{article_id}", "text": text.strip(),
                                            "outlet": "semeval2022", "language": lang}
                find(article_id)
            if float(row["Overall"]) <= 1.5:
                parent[find(first)] = find(second)
    groups: dict[str, list[dict]] = defaultdict(list)
    for article_id, report in sorted(articles.items()):
        groups[find(article_id)].append(report)
    return [groups[k] for k in sorted(groups)]


def seed_events() -> list[list[dict]]:
    seeds = REPO / "seeds"
    manifest = list(csv.DictReader(open(seeds / "manifest.csv", encoding="utf-8")))
    by_id = {row["id"]: row for row in manifest}
    truth = {"000": "seed-2019", "001": "seed-2019", "003": "seed-2019", "002": "seed-2017", "004": "seed-2017"}
    groups: dict[str, list[dict]] = defaultdict(list)
    for sid, event in sorted(truth.items()):
        row = by_id[sid]
        groups[event].append({"id": f"seed-{sid}", "text": (seeds / row["path"]).read_text(encoding="utf-8"),
                              "outlet": row["outlet"], "kind": row["kind"], "language": row["language"],
                              **({"published": row["published"]} if row["published"] else {})})
    return [groups[k] for k in sorted(groups)]


def build(sizes: list[int], out: Path) -> None:
    if not WMT.is_dir() or not SEMEVAL.is_file():
        raise SystemExit(f"{SHARED} is missing the WMT21 or SemEval data; nothing to build")
    # Units sampled whole: each seed event, each SemEval event, each WMT21 article (its segments' events).
    pool = [[e] for e in seed_events()] + [[e] for e in semeval_events()] + wmt_articles()
    rng = random.Random(SEED)
    order = list(range(2, len(pool)))
    rng.shuffle(order)
    order = [0, 1] + order  # the seeds' two events are in every set
    available = sum(len(e) for unit in pool for e in unit)
    event_ids, number = {}, 0
    for index, unit in enumerate(pool):
        for k in range(len(unit)):
            event_ids[index, k] = f"e{number:05d}"
            number += 1
    out.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        if size > available:
            print(f"size {size}: only {available} reports available; building {available}", file=sys.stderr)
        chosen, count = [], 0
        for index in order:  # whole units in order, passing over one that would overshoot the size by over 5%
            if count >= size:
                break
            weight = sum(len(e) for e in pool[index])
            if count + weight <= size * (1 + OVERSHOOT) or not chosen:
                chosen.append(index)
                count += weight
        reports = [(event_ids[index, k], r) for index in chosen for k, event in enumerate(pool[index]) for r in event]
        random.Random(SEED + size).shuffle(reports)
        name = f"set-{size}"
        with open(out / f"{name}.jsonl", "w", encoding="utf-8") as handle:
            for _, report in reports:
                handle.write(json.dumps(report, ensure_ascii=False) + "\n")
        with open(out / f"{name}.truth.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "event"])
            for event, report in sorted(reports, key=lambda x: x[1]["id"]):
                writer.writerow([report["id"], event])
        events = sum(len(pool[index]) for index in chosen)
        print(f"{out / name}.jsonl: {len(reports)} reports in {events} events")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "sets")
    args = parser.parse_args()
    build(args.sizes, args.out)


if __name__ == "__main__":
    main()
