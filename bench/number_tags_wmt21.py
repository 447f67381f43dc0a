"""How often the "number" tag fires between an original sentence and its professional translation (WMT21 shared part).

Why: a human translator keeps the figures, so on these gold pairs (segment k of the original against segment k of
human translation A, no aligner involved) a "number" tag ("the linked sentences give different numbers") is
almost always a notation the tag misread: '812 485' / '812,485', 'gegen 16.15 Uhr' / '4:15 p.m.', '1,3 млн' /
'1.3 million' (fresh read rW1, issue 23, task truth29).  The rate should fall toward 0; what remains is printed
(``--show``) so a reader can see whether it is a real change or a reading still missed.

Run: .venv/bin/python bench/number_tags_wmt21.py [--pairs ru-en,de-en] [--show 10]
(before/after: run it with PYTHONPATH pointing at each checkout.)
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from semantic_crosslingual import DATA, PAIRS, documents  # noqa: E402

from compare.align.labels import divergences, figures  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", default=",".join(PAIRS), help=f"comma-separated (default {','.join(PAIRS)})")
    parser.add_argument("--version", default="A", help="the human translation (default A)")
    parser.add_argument("--show", type=int, default=0, help="print this many tagged pairs per direction (seeded)")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    started = time.process_time()
    print(f"WMT21 shared part, original vs human {args.version}, segment k against segment k")
    print(f"{'direction':9s} {'pairs':>6s} {'with figures':>12s} {'number tag':>10s} {'rate':>7s}")
    total = tagged_total = 0
    for lp in args.pairs.split(","):
        pairs = [(s, t) for d in documents(lp, args.version) for s, t in zip(d.src, d.tgt, strict=True)]
        with_figures = sum(bool(figures(s)[0] or figures(t)[0]) for s, t in pairs)
        tagged = [(s, t) for s, t in pairs if "number" in divergences(s, t, same_language=False)]
        total += len(pairs)
        tagged_total += len(tagged)
        print(f"{lp:9s} {len(pairs):6d} {with_figures:12d} {len(tagged):10d} {len(tagged) / max(len(pairs), 1):7.4f}")
        for s, t in random.Random(12345).sample(tagged, min(args.show, len(tagged))):
            print(f"    {s}\n    -> {t}")
    print(f"{'all':9s} {total:6d} {'':12s} {tagged_total:10d} {tagged_total / max(total, 1):7.4f}")
    print(f"({time.process_time() - started:.1f} CPU s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
