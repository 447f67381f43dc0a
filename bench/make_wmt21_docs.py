"""A real-length source set from ../shared/data WMT21: whole news documents, not single segments.

    python bench/make_wmt21_docs.py                        # 1,000 documents in /tmp/wmt21-docs-1000/
    python bench/make_wmt21_docs.py --size 400 --out /tmp/wmt21-docs-400
    compare run /tmp/wmt21-docs-1000 -o /tmp/wmt21-report --no-cache

Issue 17's archive benchmark: the throughput target (10 documents a second on
two cores) is about real-length reports, which the one-segment reports of
bench/make_sets.py are not.  Here every report is one *version* of one WMT21
newstest2021 article (the source-language original, each human reference,
each MT system's output) with one paragraph per segment, so one article gives
9 to 12 reports of one event, in two languages (the original's and the
translations').

* Articles are the ``doc_id`` where the data has one (de-fr, fr-de, ru-en)
  and, where it has none (en-de, de-en, zh-en), the headline rule of
  bench/make_sets.py (``wmt_articles``), so both benches cut articles alike.
* Only articles of 8 to 30 segments are used whole; an article of more than
  30 is cut into the fewest consecutive parts of at most 30 (each then has
  15 or more); shorter ones are left out.  The whole shared part gives 102
  such units and 1,075 reports, so 1,000 is nearly all of it.
* A version with no output for one of the unit's segments is left out (the
  report would be a different text from its siblings).
* Units are taken whole in a seeded order until the set reaches its size;
  the last one is cut to make the size exact (its original first, then human
  references, then MT systems, each in name order).  Same data, same files.

Writes ``OUT/manifest.csv`` (the user guide's columns; no ``event``, which
would pin the grouping, no ``published``: WMT21 has no dates), ``OUT/docs/*.txt``
and, beside the folder so that the run does not warn about an unlisted file,
``OUT.truth.csv`` (``id,event``).  Never writes into the repository.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_sets import WMT, wmt_articles  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEED = 20261122
MIN_SEGMENTS, MAX_SEGMENTS = 8, 30
KIND_ORDER = {"original": 0, "translation": 1, "machine-translation": 2}


def units() -> list[tuple[str, list[list[dict]]]]:
    """(unit name, segments) for every article of 8 to 30 segments, and every part of a longer one."""
    out = []
    for article in wmt_articles():
        n = len(article)
        if n < MIN_SEGMENTS:
            continue
        parts = -(-n // MAX_SEGMENTS)  # ceil
        bounds = [round(i * n / parts) for i in range(parts + 1)]
        first = article[0][0]["id"].rsplit("-", 1)[0]  # wmt-<lp>-<line of the article's first segment>
        for p in range(parts):
            name = first if parts == 1 else f"{first}-p{p + 1}"
            out.append((name, article[bounds[p]:bounds[p + 1]]))
    return out


def versions(name: str, segments: list[list[dict]]) -> list[dict]:
    """One report per version present in every segment of the unit, in kind then name order."""
    by_outlet: dict[str, list[dict]] = {}
    versions_of: dict[str, str] = {}
    for reports in segments:
        base = reports[0]["id"].removesuffix("-src")  # wmt-<lp>-<line>; the original comes first
        for report in reports:
            by_outlet.setdefault(report["outlet"], []).append(report)
            versions_of[report["outlet"]] = report["id"][len(base) + 1:]  # src, refA, Online-B, Facebook-AI, ...
    out = []
    for outlet, parts in by_outlet.items():
        if len(parts) != len(segments):
            continue  # missing output for some segment
        first = parts[0]
        version = versions_of[outlet]
        out.append({
            "id": f"{name}-{version}",
            "text": "\n\n".join(" ".join(p["text"].split()) for p in parts) + "\n",
            "outlet": outlet, "kind": first["kind"], "language": first["language"], "event": name,
            "segments": len(parts),
        })
    out.sort(key=lambda r: (KIND_ORDER[r["kind"]], r["outlet"]))
    return out


def build(size: int, out: Path) -> list[dict]:
    if not WMT.is_dir():
        raise SystemExit(f"{WMT} is absent: nothing to build")
    if out.resolve().is_relative_to(REPO):
        raise SystemExit(f"{out} is inside the repository; write the set elsewhere (default /tmp/wmt21-docs-N)")
    pool = units()
    order = list(range(len(pool)))
    random.Random(SEED).shuffle(order)
    chosen: list[dict] = []
    for index in order:
        if len(chosen) >= size:
            break
        chosen.extend(versions(*pool[index])[: size - len(chosen)])
    if len(chosen) < size:
        print(f"only {len(chosen)} documents available; writing {len(chosen)}", file=sys.stderr)
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for stale in docs.glob("*.txt"):
        stale.unlink()
    for report in chosen:
        (docs / f"{report['id']}.txt").write_text(report["text"], encoding="utf-8")
    with open(out / "manifest.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "path", "outlet", "kind", "language", "published", "url", "event", "title"])
        for report in chosen:
            writer.writerow([report["id"], f"docs/{report['id']}.txt", report["outlet"], report["kind"],
                             report["language"], "", "", "", ""])
    truth = out.parent / f"{out.name}.truth.csv"
    with open(truth, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "event"])
        for report in sorted(chosen, key=lambda r: r["id"]):
            writer.writerow([report["id"], report["event"]])
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="documents in the set (default 1000)")
    parser.add_argument("--out", type=Path, default=None, help="set folder (default /tmp/wmt21-docs-SIZE)")
    args = parser.parse_args()
    out = args.out or Path("/tmp") / f"wmt21-docs-{args.size}"
    chosen = build(args.size, out)
    events = len({r["event"] for r in chosen})
    segments = [r["segments"] for r in chosen]
    chars = sum(len(r["text"]) for r in chosen)
    languages: dict[str, int] = {}
    for r in chosen:
        languages[r["language"]] = languages.get(r["language"], 0) + 1
    print(f"{out}/manifest.csv: {len(chosen)} documents in {events} events, {min(segments)}-{max(segments)} segments "
          f"(mean {sum(segments) / len(segments):.1f}), {chars / 1e6:.2f} M characters; languages "
          + ", ".join(f"{k} {v}" for k, v in sorted(languages.items())))
    print(f"truth: {out.parent / (out.name + '.truth.csv')}")


if __name__ == "__main__":
    main()
