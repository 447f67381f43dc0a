"""Parallel alignment on WMT21 news documents, scored against segment ids.

Two settings, per document (documents with ids only: de-fr, fr-de, ru-en):
- human vs MT: the human reference A against each MT system's output, same
  language; the gold is segment k <-> segment k;
- original vs translation: the source text against human reference A
  (ru-en and de-fr), different languages.
Each segment is given as one sentence (as with --presegmented). Figures are
strict precision / recall / F1 of the aligner's beads against the 1-1 gold
beads, summed over documents (vecalign's convention).

Run: .venv/bin/python bench/align_wmt21.py [--backend default] [--mode parallel]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wmt21-news-human-vs-mt"


def documents(lp: str) -> dict[str, list[dict]]:
    docs: dict[str, list[dict]] = defaultdict(list)
    for line in (DATA / f"newstest2021.{lp}.shared.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["doc_id"]:
            docs[row["doc_id"]].append(row)
    return {k: sorted(v, key=lambda r: r["seg_id"]) for k, v in sorted(docs.items())}


def run(pairs, mode: str, backend: str) -> dict[str, float]:
    """pairs: (texts_a, texts_b, lang_a, lang_b); returns summed strict figures."""
    from compare.align import align_texts

    tp_p = tp_r = n_pred = n_gold = 0
    for texts_a, texts_b, lang_a, lang_b in pairs:
        beads = align_texts(texts_a, texts_b, lang_a, lang_b, mode=mode, backend=backend)
        predicted = [(tuple(a), tuple(b)) for a, b, _ in beads if a and b]
        gold = [((k,), (k,)) for k in range(len(texts_a))]
        gold_set, pred_set = set(gold), set(predicted)
        tp_p += sum(p in gold_set for p in predicted)
        tp_r += sum(g in pred_set for g in gold)
        n_pred += len(predicted)
        n_gold += len(gold)
    precision, recall = tp_p / max(n_pred, 1), tp_r / max(n_gold, 1)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / max(precision + recall, 1e-9),
            "documents": len(pairs), "gold_links": n_gold}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", default="default")
    parser.add_argument("--mode", default="parallel", choices=["parallel", "comparable"])
    parser.add_argument("--max-systems", type=int, default=8, help="MT systems per language pair (first by name)")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    started = time.perf_counter()
    print(f"WMT21 newstest2021 shared part, mode {args.mode}, backend {args.backend}")
    for lp in ("de-fr", "fr-de", "ru-en"):
        target = lp.split("-")[1]
        docs = documents(lp)
        systems = sorted({s for rows in docs.values() for r in rows for s in r["mt"]})[: args.max_systems]
        pairs = []
        for rows in docs.values():
            for system in systems:
                if all(r["mt"].get(system) and r["human"].get("A") for r in rows):
                    pairs.append(([r["human"]["A"] for r in rows], [r["mt"][system] for r in rows], target, target))
        f = run(pairs, args.mode, args.backend)
        print(f"  {lp} human A vs MT ({len(systems)} systems): P {f['precision']:.3f} R {f['recall']:.3f} "
              f"F1 {f['f1']:.3f} over {f['documents']} document pairs, {f['gold_links']} segments")
    for lp in ("ru-en", "de-fr"):
        source, target = lp.split("-")
        docs = documents(lp)
        pairs = [([r["src"] for r in rows], [r["human"]["A"] for r in rows], source, target)
                 for rows in docs.values() if all(r["human"].get("A") for r in rows)]
        f = run(pairs, args.mode, args.backend)
        print(f"  {lp} original vs human A: P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f} "
              f"over {f['documents']} documents, {f['gold_links']} segments")
    print(f"  ({time.perf_counter() - started:.1f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
