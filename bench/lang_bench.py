"""Per-sentence language identification on WMT21 news segments.

Run from the repository root:  .venv/bin/python bench/lang_bench.py [--sample N]

Items: every segment of ../shared/data/wmt21-news-human-vs-mt: the source
(language = ``origlang``), every human reference and every MT output
(language = the target of the file's language pair).  Languages de, fr, ru,
zh, en.  Each detector's best guess and its probability are computed once;
the ``und`` rule of compare/lang.py (fewer than MIN_CHARS letters, or a best
guess under MIN_CONFIDENCE, gives ``und``) is then applied with several
settings.  ``und`` counts as wrong in accuracy; the und rate is reported
beside it.  "raw" is the detector with no ``und`` rule at all.  ``py3langid+langdetect``
is compare/lang.py's ConfirmedDetector (py3langid; below CONFIRM_BELOW it
needs langdetect to agree, else ``und``).

Speed: milliseconds per call over all items (one pass, wall clock, this
machine; compare only within one run).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.lang import _ALIASES, MIN_CHARS, MIN_CONFIDENCE, _letters, get_detector  # noqa: E402
from compare.model import UNDETERMINED  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "wmt21-news-human-vs-mt"
LONG = 40


def items() -> list[tuple[str, str, str]]:
    """(text, gold language, kind) for every non-empty segment, in file order."""
    out: list[tuple[str, str, str]] = []
    for path in sorted(DATA.glob("newstest2021.*.shared.jsonl")):
        for line in path.open(encoding="utf-8"):
            row = json.loads(line)
            target = row["lp"].split("-")[1]
            out.append((row["src"], row["origlang"], "src"))
            for kind, values in (("human", row["human"]), ("mt", row["mt"])):
                for text in (values or {}).values():
                    if text and text.strip():
                        out.append((text, target, kind))
    return out


def decide(letters: int, language: str, prob: float, min_chars: int, min_confidence: float) -> str:
    """The same rule as ``Detector.detect``, on a precomputed best guess."""
    if letters < min_chars or prob < min_confidence:
        return UNDETERMINED
    return _ALIASES.get(language, language)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=0, help="use every Nth item only (0 = all)")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} not found")
        return
    data = items()
    if args.sample > 1:
        data = data[:: args.sample]
    letters = [_letters(text) for text, _, _ in data]
    long_mask = [len(text) >= LONG for text, _, _ in data]
    import importlib.metadata as md

    print(f"# versions: py3langid {md.version('py3langid')}, langdetect {md.version('langdetect')}")
    print(f"# items: {len(data)} ({sum(long_mask)} of >= {LONG} chars); by language: "
          + ", ".join(f"{k} {v}" for k, v in sorted(Counter(g for _, g, _ in data).items())))
    print(f"# compare/lang.py now: MIN_CHARS={MIN_CHARS} letters, MIN_CONFIDENCE={MIN_CONFIDENCE}\n")
    settings = [("raw", 0, 0.0), ("current", MIN_CHARS, MIN_CONFIDENCE)] + [
        (f"conf>={c}", MIN_CHARS, c) for c in (0.3, 0.5, 0.6, 0.7, 0.8, 0.9)
    ]
    print(f"{'detector':<21} {'rule':<12} {'acc all':>8} {'und all':>8} {'acc>=40':>8} {'und>=40':>8} {'ms/call':>8}")
    errors: dict[str, Counter[tuple[str, str]]] = {}
    for name in ("py3langid", "langdetect", "py3langid+langdetect"):
        detector = get_detector(name)
        detector._best("warm up the model")
        start = time.perf_counter()
        guesses = [detector._best(text) for text, _, _ in data]
        ms = 1000 * (time.perf_counter() - start) / len(data)
        for label, min_chars, min_conf in settings:
            decided = [decide(n, lang, p, min_chars, min_conf) for n, (lang, p) in zip(letters, guesses, strict=True)]
            right = [d == g for d, (_, g, _) in zip(decided, data, strict=True)]
            und = [d == UNDETERMINED for d in decided]
            n_long = sum(long_mask)
            acc_all = sum(right) / len(data)
            und_all = sum(und) / len(data)
            acc_long = sum(r for r, m in zip(right, long_mask, strict=True) if m) / n_long
            und_long = sum(u for u, m in zip(und, long_mask, strict=True) if m) / n_long
            print(f"{name:<21} {label:<12} {acc_all:8.4f} {und_all:8.4f} {acc_long:8.4f} {und_long:8.4f} {ms:8.3f}")
            if label == "current":
                errors[name] = Counter(
                    (g, d) for d, (_, g, _), m in zip(decided, data, long_mask, strict=True) if m and d != g
                )
    # Consistency: the bench's rule is the detector's rule.
    detector = get_detector("py3langid")
    for text, _, _ in data[:200]:
        assert detector.detect(text).language == decide(_letters(text), *detector._best(text), MIN_CHARS,
                                                        MIN_CONFIDENCE)
    print(f"\nerrors on >= {LONG} chars with the current rule, (gold, guess): count")
    for name, counter in errors.items():
        print(f"  {name}: " + ", ".join(f"{g}->{d}: {c}" for (g, d), c in counter.most_common(12)))


if __name__ == "__main__":
    main()
