"""Strict and lax F1 of parallel mode on the Text+Berg de-fr Bleualign dev set, scored as vecalign's score.py does.

Run: .venv/bin/python bench/align_bleualign.py [--backend default]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bleualign-textberg-de-fr"


def read_gold(path: Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            left, right = line.split(":")
            parse = lambda s: tuple(int(x) for x in s.strip()[1:-1].split(",") if x.strip())  # noqa: E731
            out.append((parse(left), parse(right)))
    return out


def score(gold, predicted) -> dict[str, float]:
    """Vecalign's strict / lax precision, recall, F1 (insertions and deletions ignored)."""
    gold = [g for g in gold if g[0] and g[1]]
    predicted = [p for p in predicted if p[0] and p[1]]
    gold_set = set(gold)
    strict_p = sum(p in gold_set for p in predicted)
    strict_r = sum(g in set(predicted) for g in gold)

    def overlaps(x, y):
        return bool(set(x[0]) & set(y[0])) and bool(set(x[1]) & set(y[1]))

    lax_p = sum(any(overlaps(p, g) for g in gold) for p in predicted)
    lax_r = sum(any(overlaps(g, p) for p in predicted) for g in gold)
    result = {}
    for name, tp_p, tp_r in (("strict", strict_p, strict_r), ("lax", lax_p, lax_r)):
        precision = tp_p / max(len(predicted), 1)
        recall = tp_r / max(len(gold), 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-9)
        result |= {f"{name}_precision": precision, f"{name}_recall": recall, f"{name}_f1": f1}
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", default="default")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    from compare.align import align_texts

    de = (DATA / "dev.de").read_text(encoding="utf-8").splitlines()
    fr = (DATA / "dev.fr").read_text(encoding="utf-8").splitlines()
    gold = read_gold(DATA / "dev.defr")
    started = time.perf_counter()
    beads = align_texts(de, fr, "de", "fr", mode="parallel", backend=args.backend)
    elapsed = time.perf_counter() - started
    predicted = [(tuple(a), tuple(b)) for a, b, _ in beads]
    figures = score(gold, predicted)
    print(f"bleualign-textberg-de-fr dev ({len(de)} de / {len(fr)} fr sentences, {len(gold)} gold links), "
          f"parallel mode, backend {args.backend}, {elapsed:.2f}s")
    for key, value in figures.items():
        print(f"  {key:18s} {value:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
