"""Pages that are not a news report (``compare.ingest.page_kind``): how many each shared corpus holds, and which.

    python bench/page_kinds.py              # counts per corpus, and every page called not a report
    python bench/page_kinds.py --near 0.3   # also the pages whose furniture share is at least 0.3 (the margin)

Corpora (../shared/data, shared parts only, and the repository's seeds):

* SemEval-2022 Task 8 ``pairs_shared.csv``: the 1,108 distinct article texts as
  ``bench/events_cross.py`` reads them (title and text as scraped);
* WMT21 shared documents: every version of every article of the set
  ``bench/make_wmt21_docs.py`` builds for ``bench/events_cross.py`` (real
  articles and their translations: every verdict is a false positive);
* trafilatura-eval-news and article-extraction-benchmark: the 60 news pages
  through the product's HTML loader and cleaning (``compare.ingest.ingest``;
  real articles: every verdict is a false positive);
* the same 60 pages extracted noisily (trafilatura favouring recall, comments
  kept): more furniture stays in, a harder test of false positives;
* the seeds (real reports: none expected).

Every page called not a report is printed with its kind, its furniture share,
the phrases read and the start of its text, so each can be read.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from compare.ingest.page_kind import _patterns, _size, _units, read_page  # noqa: E402

DATA = ROOT.parent / "shared" / "data"


def semeval() -> dict[str, str]:
    from events_cross import semeval as load

    sources, _, _ = _sources_only(load)
    return {s.id: s.text for s in sources}


def _sources_only(load):
    import events_cross

    real = events_cross._annotated
    events_cross._annotated = lambda name, sources: None  # the texts only: annotation is not needed here
    try:
        return load()
    finally:
        events_cross._annotated = real


def wmt() -> dict[str, str]:
    from events_cross import WMT_SET
    from make_wmt21_docs import build

    if not (WMT_SET / "manifest.csv").exists():
        build(5000, WMT_SET)
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((WMT_SET / "docs").glob("*.txt"))}


def html_pages(name: str) -> dict[str, str]:
    from compare.ingest import ingest

    folder = DATA / name / "html"
    with tempfile.TemporaryDirectory() as tmp:
        for gz in sorted(folder.glob("*.gz")):
            (Path(tmp) / gz.name.removesuffix(".gz")).write_bytes(gzip.decompress(gz.read_bytes()))
        result = ingest(tmp)
    for problem in result.problems:
        print(f"  {name}: {problem.render()}")
    return {s.id: s.text for s in result.sources}


def html_recall(name: str) -> dict[str, str]:
    """The same pages extracted noisily (trafilatura favouring recall, comments kept): more of each page's
    furniture (sign-up boxes, cookie lines, comment forms) stays in the text, a harder test of false positives
    than the product's precise extraction."""
    import trafilatura

    out = {}
    for gz in sorted((DATA / name / "html").glob("*.gz")):
        text = trafilatura.extract(gzip.decompress(gz.read_bytes()).decode("utf-8", "replace"), favor_recall=True,
                                   include_comments=True)
        if text:
            out[gz.name.removesuffix(".html.gz")] = text
    return out


def seeds() -> dict[str, str]:
    from compare.ingest import ingest

    return {s.id: s.text for s in ingest(ROOT / "seeds").sources}


def _head(text: str, n: int = 160) -> str:
    return re.sub(r"\s+", " ", text)[:n]


def share(text: str) -> float:
    units = _units(text)
    total = sum(_size(u) for u in units)
    furniture = sum(_size(u) for u in units if any(p.search(u.lower()) for _, p, _ in _patterns()))
    return furniture / total if total else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--near", type=float, default=None,
                        help="also list pages left as reports whose furniture share is at least this")
    parser.add_argument("--only", nargs="+", default=None, help="corpora to read (first word of their names)")
    args = parser.parse_args(argv)
    corpora = [("SemEval shared", semeval), ("WMT21 shared", wmt),
               ("trafilatura-eval-news", lambda: html_pages("trafilatura-eval-news")),
               ("article-extraction-benchmark", lambda: html_pages("article-extraction-benchmark")),
               ("trafilatura-eval-news (noisy extraction)", lambda: html_recall("trafilatura-eval-news")),
               ("article-extraction-benchmark (noisy extraction)", lambda: html_recall("article-extraction-benchmark")),
               ("seeds", seeds)]
    summary = []
    for name, load in corpora:
        if args.only and name.split()[0].split("-")[0] not in args.only:
            continue
        texts = load()
        found = {k: read_page(t) for k, t in texts.items()}
        flagged = {k: v for k, v in found.items() if v is not None}
        kinds = Counter(v.kind for v in flagged.values())
        left = [share(t) for k, t in texts.items() if k not in flagged]
        summary.append(f"{name}: {len(flagged)} of {len(texts)} called not a news report"
                       + (f" ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})" if kinds else "")
                       + f"; highest furniture share of the rest {max(left, default=0.0):.2f}, "
                         f"with any furniture {sum(x > 0 for x in left)}")
        print(f"== {summary[-1]}")
        for k in sorted(flagged):
            v = flagged[k]
            print(f"  {k}: {v.kind} (furniture {v.share:.2f}; {', '.join(v.words)}): "
                  f"{_head(texts[k])}")
        if args.near is not None:
            for k in sorted(texts):
                s = share(texts[k])
                if k not in flagged and s >= args.near:
                    print(f"  (left as a report, furniture {s:.2f}) {k}: {_head(texts[k])}")
    print("\n".join(["", *summary]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
