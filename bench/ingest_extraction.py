"""HTML main-text extraction: our ingest against trafilatura's defaults on two public sets.

Run from the repository root:  .venv/bin/python bench/ingest_extraction.py [--worst N]

Sets (../shared/data, never copied into the repo; pages are gunzipped into a
temporary folder because our loader reads .html files):

1. article-extraction-benchmark (Zyte/Scrapinghub, 30 shared pages): tokens
   ``\\w+``; 4-gram shingles of gold and predicted body text; per page TP, FP
   and FN from the shingle multiset counts (normalised to sum 1); precision
   and recall are means over pages (a page whose denominator is 0 is left
   out of that mean); F1 from mean P and mean R; "exact" = share of pages
   whose token sequence equals the gold one.
2. trafilatura-eval-news (30 shared pages): each "with" snippet found in the
   extracted text (whitespace-normalised substring) is a TP, else FN; each
   "without" snippet found is an FP, else TN; counts summed over pages;
   precision, recall, accuracy = (TP+TN)/all, F1.

Systems:
- ``compare ingest``: ``compare.ingest.ingest(folder)``, i.e. load_html then
  our cleaning (Unicode, residue, re-flow); the text is ``Source.text``;
- ``load_html only``: the loader's body text before our cleaning;
- ``trafilatura defaults``: ``trafilatura.extract(page_bytes)`` with no options.

Nothing here prints dates or times of the run (trafilatura's ``filedate`` is
today's date and never used).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.ingest import ingest  # noqa: E402
from compare.ingest.loaders import load_html  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
AEB = SHARED / "article-extraction-benchmark"
TEV = SHARED / "trafilatura-eval-news"
_TOKEN = re.compile(r"\w+", re.UNICODE)

System = Callable[[dict[str, Path]], dict[str, str]]


def shingles(text: str, n: int = 4) -> Counter[str]:
    tokens = _TOKEN.findall(text or "")
    return Counter(" ".join(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_prf(gold: str, predicted: str) -> tuple[float | None, float | None, bool]:
    """Per-page precision and recall (None when undefined) and whether the token sequences are equal."""
    g, p = shingles(gold), shingles(predicted)
    tp = fp = fn = 0
    for key in g.keys() | p.keys():
        tp += min(g[key], p[key])
        fp += max(0, p[key] - g[key])
        fn += max(0, g[key] - p[key])
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall, _TOKEN.findall(gold) == _TOKEN.findall(predicted or "")


def unpack(folder: Path, names: dict[str, str], target: Path) -> dict[str, Path]:
    """Gunzip ``folder/<gz name>`` to ``target/<html name>``; returns page key -> .html path."""
    paths: dict[str, Path] = {}
    for key, gz_name in names.items():
        html_name = gz_name[: -len(".gz")]
        out = target / html_name
        out.write_bytes(gzip.decompress((folder / gz_name).read_bytes()))
        paths[key] = out
    return paths


def ours(pages: dict[str, Path]) -> dict[str, str]:
    folder = next(iter(pages.values())).parent
    result = ingest(folder)
    by_stem = {source.id: source.text for source in result.sources}
    return {key: by_stem.get(path.stem, "") for key, path in pages.items()}


def loader_only(pages: dict[str, Path]) -> dict[str, str]:
    out = {}
    for key, path in pages.items():
        try:
            out[key] = next(iter(load_html(path, path.stem, path.name, 50_000_000))).text
        except Exception:  # noqa: BLE001 - a page the loader refuses scores as empty
            out[key] = ""
    return out


def trafilatura_defaults(pages: dict[str, Path]) -> dict[str, str]:
    import trafilatura

    return {key: trafilatura.extract(path.read_bytes()) or "" for key, path in pages.items()}


SYSTEMS: dict[str, System] = {
    "compare ingest": ours,
    "load_html only": loader_only,
    "trafilatura defaults": trafilatura_defaults,
}


def bench_aeb(tmp: Path, worst: int) -> None:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    names = {key: f"{key}.html.gz" for key in sorted(truth) if (AEB / "html" / f"{key}.html.gz").is_file()}
    folder = tmp / "aeb"
    folder.mkdir()
    pages = unpack(AEB / "html", names, folder)
    print(f"\n## article-extraction-benchmark, {len(pages)} pages (shingle P/R, F1 from means)\n")
    print(f"{'system':<22} {'P':>6} {'R':>6} {'F1':>6} {'exact':>6}")
    for name, system in SYSTEMS.items():
        texts = system(pages)
        rows = {key: shingle_prf(truth[key]["articleBody"], texts[key]) for key in pages}
        ps = [p for p, _, _ in rows.values() if p is not None]
        rs = [r for _, r, _ in rows.values() if r is not None]
        p, r = sum(ps) / len(ps), sum(rs) / len(rs)
        f = 2 * p * r / (p + r) if p + r else 0.0
        exact = sum(e for _, _, e in rows.values()) / len(rows)
        print(f"{name:<22} {p:6.3f} {r:6.3f} {f:6.3f} {exact:6.3f}")
        if worst and name == "compare ingest":
            for key, (pp, rr, _) in sorted(rows.items(), key=lambda kv: min(kv[1][0] or 0, kv[1][1] or 0))[:worst]:
                print(f"    worst: {key[:12]} P={pp if pp is None else round(pp, 3)} "
                      f"R={rr if rr is None else round(rr, 3)} {truth[key]['url'][:70]}")


def _norm(text: str) -> str:
    return " ".join(text.split())


def bench_tev(tmp: Path, worst: int) -> None:
    evaldata = json.loads((TEV / "evaldata.json").read_text(encoding="utf-8"))
    names = {key: f"{entry['file']}.gz" for key, entry in sorted(evaldata.items())
             if (TEV / "html" / f"{entry['file']}.gz").is_file()}
    folder = tmp / "tev"
    folder.mkdir()
    pages = unpack(TEV / "html", names, folder)
    print(f"\n## trafilatura-eval-news, {len(pages)} pages (snippet counts summed)\n")
    print(f"{'system':<22} {'P':>6} {'R':>6} {'acc':>6} {'F1':>6}   TP  FN  FP  TN")
    for name, system in SYSTEMS.items():
        texts = system(pages)
        tp = fn = fp = tn = 0
        misses: list[str] = []
        for key in pages:
            text = _norm(texts[key])
            for snippet in evaldata[key].get("with", []):
                if _norm(snippet) in text:
                    tp += 1
                else:
                    fn += 1
                    misses.append(f"    missed ({key[:40]}): {snippet[:80]!r}")
            for snippet in evaldata[key].get("without", []):
                if _norm(snippet) in text:
                    fp += 1
                    misses.append(f"    kept   ({key[:40]}): {snippet[:80]!r}")
                else:
                    tn += 1
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        acc = (tp + tn) / (tp + tn + fp + fn)
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<22} {p:6.3f} {r:6.3f} {acc:6.3f} {f:6.3f} {tp:4d}{fn:4d}{fp:4d}{tn:4d}")
        if worst and name == "compare ingest":
            print("\n".join(misses[:worst]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worst", type=int, default=0, help="also list this many worst pages / misses of ours")
    args = parser.parse_args()
    import importlib.metadata as md

    print("# versions: " + ", ".join(f"{p} {md.version(p)}" for p in
                                     ("trafilatura", "htmldate", "justext", "lxml", "charset-normalizer")))
    with tempfile.TemporaryDirectory() as tmp:
        if AEB.is_dir():
            bench_aeb(Path(tmp), args.worst)
        else:
            print(f"skipped: {AEB} not found")
        if TEV.is_dir():
            bench_tev(Path(tmp), args.worst)
        else:
            print(f"skipped: {TEV} not found")


if __name__ == "__main__":
    main()
