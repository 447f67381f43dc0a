"""Document language: where does py3langid agree with langdetect, and what does each cost to load and to call?

    .venv/bin/python bench/lang_documents.py              # every document in ../shared/data (a few minutes)
    .venv/bin/python bench/lang_documents.py --limit 500

Why: ``compare`` names each source's language with langdetect (the design
card's choice); loading its 55 profiles is a large share of a short run's
start-up, while py3langid, which already reads every sentence, loads in a
fraction of that.  If py3langid, above some probability, says what langdetect
says on every document, langdetect only needs to run below it.

Documents (the first ``language_sample_chars`` characters, as ingest reads
them): SemEval 2022 task 8 news pairs (both texts, with their language
labels), WMT21 documents (original and human translation, sentences joined
per ``doc_id``) and the trafilatura news evaluation's reference texts.
Prints, per py3langid probability band: documents, agreement with langdetect,
and, where a label exists, each detector's accuracy.  Then load and call times.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from compare.lang import get_detector  # noqa: E402
from compare.settings import CleanSettings  # noqa: E402

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
BANDS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 1.01)


def documents(limit: int) -> list[tuple[str, str | None, str]]:
    """(corpus, gold language or None, text), in a fixed order."""
    out: list[tuple[str, str | None, str]] = []
    semeval = DATA / "semeval2022-task8-news-similarity" / "pairs_shared.csv"
    if semeval.exists():
        csv.field_size_limit(1 << 30)
        with open(semeval, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for lang, text in ((row["lang1"], row["text1"]), (row["lang2"], row["text2"])):
                    if text.strip():
                        out.append(("semeval", lang, text))
    for path in sorted((DATA / "wmt21-news-human-vs-mt").glob("*.jsonl")):
        docs: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"src": [], "ref": []})
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                doc = str(row.get("doc_id") or row["seg_id"] // 20)
                docs[doc]["src"].append(row["src"])
                docs[doc]["ref"].append(row["human"][sorted(row["human"])[0]])
        src, tgt = path.name.split(".")[1].split("-")
        for doc in docs.values():
            out.append(("wmt21", src, " ".join(doc["src"])))
            out.append(("wmt21", tgt, " ".join(doc["ref"])))
    trafilatura = DATA / "trafilatura-eval-news" / "evaldata.json"
    if trafilatura.exists():
        for item in json.loads(trafilatura.read_text(encoding="utf-8")).values():
            text = " ".join(item.get("with") or [])
            if text.strip():
                out.append(("trafilatura", None, text))
    seen: set[str] = set()
    unique = []
    for corpus, lang, text in out:
        if text not in seen:
            seen.add(text)
            unique.append((corpus, lang, text))
    return unique[:limit] if limit else unique


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    sample_chars = CleanSettings().language_sample_chars
    start = time.perf_counter()
    fast = get_detector("py3langid")
    fast.detect("a first text to load the model with, long enough to be read")
    fast_load = time.perf_counter() - start
    start = time.perf_counter()
    slow = get_detector("langdetect")
    slow.detect("a first text to load the profiles with, long enough to be read")
    slow_load = time.perf_counter() - start
    docs = documents(args.limit)
    rows = []
    fast_seconds = slow_seconds = 0.0
    for corpus, gold, text in docs:
        text = text[:sample_chars]
        t = time.perf_counter()
        language, prob = fast._best(text)
        fast_seconds += time.perf_counter() - t
        t = time.perf_counter()
        guess = slow.detect(text)
        slow_seconds += time.perf_counter() - t
        rows.append((corpus, gold, {"wuu": "zh"}.get(language, language), prob, guess.language))
    print(f"{len(docs)} documents: " + ", ".join(f"{c} {sum(r[0] == c for r in rows)}"
                                                  for c in ("semeval", "wmt21", "trafilatura")))
    print(f"{'py3langid p':>14} {'docs':>6} {'agree':>7} {'py3 acc':>8} {'ld acc':>8}  disagreements (py3/langdetect)")
    for low, high in zip(BANDS, BANDS[1:], strict=False):
        band = [r for r in rows if low <= r[3] < high]
        if not band:
            continue
        agree = sum(r[2] == r[4] for r in band)
        labelled = [r for r in band if r[1]]
        fast_acc = sum(r[2] == r[1] for r in labelled) / len(labelled) if labelled else float("nan")
        slow_acc = sum(r[4] == r[1] for r in labelled) / len(labelled) if labelled else float("nan")
        odd = sorted({f"{r[2]}/{r[4]}" for r in band if r[2] != r[4]})[:6]
        print(f"  [{low:.3f},{min(high, 1):.3f}) {len(band):6d} {agree / len(band):7.4f} {fast_acc:8.4f} {slow_acc:8.4f}"
              f"  {' '.join(odd)}")
    print(f"load: py3langid {fast_load:.2f} s, langdetect {slow_load:.2f} s (first call, profiles included)")
    print(f"per document: py3langid {1000 * fast_seconds / len(docs):.1f} ms, "
          f"langdetect {1000 * slow_seconds / len(docs):.1f} ms")


if __name__ == "__main__":
    main()
