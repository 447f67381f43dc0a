"""Event grouping across languages on WMT21 news: every document's original and its translations are reports.

For each language pair with document ids (de-fr, fr-de, ru-en), every version
of a document (the source-language original, each human reference, each MT
system output) becomes a separate report without a publication date.  A
perfect grouping puts the versions of one document into one event and no
others; the adjusted Rand index (sklearn) measures how close we come.

Run:  .venv/bin/python bench/events_wmt21.py [--pairs de-fr fr-de ru-en]

Besides the ARI: how many versions end apart from their document's original
("apart"), and of those how many because of a date ("by date": the two
reports' dates read from their texts disagree, ``compare.events.date_relation``
``conflict``; none of these reports is published, so no date vetoes).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from compare.annotate import annotate
from compare.events import _date_relation, group_events, profiles
from compare.model import Source
from compare.segment import segment

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wmt21-news-human-vs-mt"


def build_sources(lp: str) -> tuple[list[Source], dict[str, str]]:
    """One report per (document, version); returns the reports and the gold document of each."""
    docs: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    languages: dict[str, str] = {}
    src_lang, tgt_lang = lp.split("-")
    with open(DATA / f"newstest2021.{lp}.shared.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            doc = row["doc_id"]
            versions = {"src": row["src"], **{f"human-{k}": v for k, v in row["human"].items()},
                        **{f"mt-{k}": v for k, v in row["mt"].items()}}
            for name, text in versions.items():
                if text:
                    docs[doc][name].append(text)
                    languages[name] = src_lang if name == "src" else tgt_lang
    sources, gold = [], {}
    for doc in sorted(docs):
        for name in sorted(docs[doc]):
            sid = f"{doc}.{name}"
            paragraphs, text, pos = [], "", 0
            for seg in docs[doc][name]:
                seg = " ".join(seg.split())
                if text:
                    text += "\n\n"
                    pos += 2
                paragraphs.append((pos, pos + len(seg)))
                text += seg
                pos += len(seg)
            language = languages[name]
            sentences = tuple(segment(sid, text, paragraphs, language))
            sources.append(Source(id=sid, path=f"{lp}/{sid}", text=text, language=language,
                                  paragraphs=tuple(paragraphs), sentences=sentences))
            gold[sid] = doc
    return sources, gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", nargs="+", default=["de-fr", "fr-de", "ru-en"])
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"{DATA} is absent: nothing to measure", file=sys.stderr)
        return 1
    print(f"{'pair':6} {'docs':>5} {'reports':>7} {'events':>6} {'ARI':>6} {'apart':>5} {'by date':>7} {'seconds':>7}")
    for lp in args.pairs:
        sources, gold = build_sources(lp)
        started = time.perf_counter()
        annotations = annotate(sources)
        events = group_events(sources, annotations)
        seconds = time.perf_counter() - started
        predicted = {sid: e.id for e in events for sid in e.sources}
        ids = [s.id for s in sources]
        ari = adjusted_rand_score([gold[i] for i in ids], [predicted[i] for i in ids])
        profile = {p.source_id: p for p in profiles(sources, annotations)}
        original = {gold[i]: i for i in ids if i.endswith(".src")}
        apart = [i for i in ids if i in profile and gold[i] in original and predicted[i] != predicted[original[gold[i]]]]
        by_date = [i for i in apart if _date_relation(profile[i], profile[original[gold[i]]]).startswith("conflict")]
        print(f"{lp:6} {len(set(gold.values())):>5} {len(sources):>7} {len(events):>6} {ari:>6.3f} {len(apart):>5} "
              f"{len(by_date):>7} {seconds:>7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
