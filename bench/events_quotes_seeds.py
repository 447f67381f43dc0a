"""Precision and recall of direct quotes with their speakers on the seeds (gold: tests/gold/quotes_seeds.jsonl).

A found quote is correct when it contains a gold quote's opening words and
its speaker's name contains the gold speaker (surname, or the organisation
or place named as speaker).

Run:  .venv/bin/python bench/events_quotes_seeds.py
"""

from __future__ import annotations

import json
from pathlib import Path

from unidecode import unidecode

from compare.annotate import annotate
from compare.ingest import ingest

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    gold = [json.loads(line) for line in (REPO / "tests" / "gold" / "quotes_seeds.jsonl").read_text().splitlines()
            if line.strip()]
    sources = ingest(REPO / "seeds").sources
    found = [q for qs in annotate(sources).quotes.values() for q in qs if q.direct]

    def ok(g, q) -> bool:
        return q.source_id == g["source"] and g["quote"] in q.text and q.speaker is not None and \
            g["speaker"] in unidecode(q.speaker).lower()

    right = [q for q in found if any(ok(g, q) for g in gold)]
    recalled = [g for g in gold if any(ok(g, q) for q in found)]
    print(f"direct quotes: gold {len(gold)}, found {len(found)}, correct with speaker {len(right)}")
    print(f"precision {len(right) / max(len(found), 1):.3f}  recall {len(recalled) / len(gold):.3f}")
    for q in found:
        if q not in right:
            print(f"  wrong: {q.source_id} {q.speaker!r}: {q.text[:60]!r}")
    for g in gold:
        if g not in recalled:
            print(f"  missed: {g['source']} {g['speaker']}: {g['quote']!r}")
    indirect = sum(1 for qs in annotate(sources).quotes.values() for q in qs if not q.direct)
    print(f"indirect speech passages marked: {indirect}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
