"""Checkable details of Chinese originals against their English translations (WMT21 zh-en, shared part).

    python bench/events_zh_details.py            # per document and totals
    python bench/events_zh_details.py --quiet    # totals only

Why: the events stage's anchors (names, figures, dates across languages) and
the report's names and figures tables rest on ``compare.annotate``; a Chinese
report had almost none.  For each zh-en article of ``bench/make_wmt21_docs.py``'s
set (the Chinese original ``-src`` and the human translation ``-refA``), the
two are annotated together (``compare.annotate.annotate``: names resolved to
entities across both) and the script prints, per kind, how many distinct
details each side states and how many both state: names by entity, dates and
figures by value.  A translation states what the original states, so "both"
over "en" is how much of what an annotator finds in English it also finds,
and agrees on, in Chinese.  Run it with ``PYTHONPATH`` on another checkout to
compare.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from compare.annotate import annotate  # noqa: E402

KINDS = ("person", "place", "organisation", "date", "figure")


def details(mentions) -> dict[str, set[str]]:
    """Distinct details per kind: names by entity id, dates and figures (with digits) by value."""
    out: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.type in ("person", "place", "organisation") and m.entity:
            out[m.type].add(m.entity)
        elif m.type == "date" and m.value:
            out["date"].add(m.value)
        elif m.type in ("number", "quantity") and m.value:
            out["figure"].add(m.value)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quiet", action="store_true", help="totals only")
    args = parser.parse_args(argv)
    from events_cross import WMT_SET
    from make_wmt21_docs import build

    from compare.ingest import ingest

    if not Path("/work/shared/data/wmt21-news-human-vs-mt").is_dir() and not (WMT_SET / "manifest.csv").exists():
        print("../shared/data/wmt21-news-human-vs-mt is absent: nothing to measure", file=sys.stderr)
        return 1
    if not (WMT_SET / "manifest.csv").exists():
        build(5000, WMT_SET)
    sources = {s.id: s for s in ingest(WMT_SET).sources}
    originals = sorted(i for i in sources if i.startswith("wmt-zh-en-") and i.endswith("-src"))
    totals = {k: [0, 0, 0] for k in KINDS}
    if not args.quiet:
        print(f"{'article':<16}" + "".join(f"{k[:6]:>14}" for k in KINDS) + "   (zh / en / both)")
    for src in originals:
        ref = src[:-4] + "-refA"
        if ref not in sources:
            continue
        annotations = annotate([sources[src], sources[ref]])
        zh, en = details(annotations.mentions[src]), details(annotations.mentions[ref])
        row = []
        for k in KINDS:
            counts = (len(zh[k]), len(en[k]), len(zh[k] & en[k]))
            totals[k] = [x + y for x, y in zip(totals[k], counts, strict=True)]
            row.append("/".join(map(str, counts)))
        if not args.quiet:
            print(f"{src[:-4]:<16}" + "".join(f"{r:>14}" for r in row))
    print(f"{len(originals)} zh-en articles, distinct details (Chinese original / English translation / both):")
    for k in KINDS:
        zh_n, en_n, both = totals[k]
        print(f"  {k:<13} zh {zh_n:>4}  en {en_n:>4}  both {both:>4}  (both/en {both / en_n if en_n else 0:.2f})")
    zh_n, en_n, both = (sum(t[i] for t in totals.values()) for i in range(3))
    print(f"  {'all':<13} zh {zh_n:>4}  en {en_n:>4}  both {both:>4}  (both/en {both / en_n if en_n else 0:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
