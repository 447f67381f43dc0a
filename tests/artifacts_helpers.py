"""Shared helpers for the artifact tests: ingest the seeds once, match against the gold list."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold" / "artifacts_seeds.csv"


@lru_cache(maxsize=1)
def seed_results():
    """(sources by id, results by id) for the seeds, with the cross-source context."""
    from compare.artifacts import build_context, detect_artifacts
    from compare.ingest import ingest

    sources = ingest(ROOT / "seeds").sources
    context = build_context(sources)
    results = {s.id: detect_artifacts(s, None, context) for s in sources}
    return {s.id: s for s in sources}, results


def gold_spans(sources) -> list[tuple[str, int, int, str, str]]:
    """(source, start, end, category, span) for every gold row; raises if a span is not found."""
    rows = []
    with GOLD.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            text = sources[row["source"]].text
            start = -1
            for _ in range(int(row["occurrence"])):
                start = text.find(row["span"], start + 1)
                if start < 0:
                    raise AssertionError(f"{GOLD.name}, line {line}: {row['span']!r} not found")
            rows.append((row["source"], start, start + len(row["span"]), row["category"], row["span"]))
    return rows


def precision_recall(sources, results) -> tuple[float, float, list, list]:
    """Precision, recall, unmatched artifacts and unmatched gold rows."""
    gold = gold_spans(sources)
    artifacts = [a for r in results.values() for a in r.artifacts]

    def match(a, g) -> bool:
        return a.source_id == g[0] and a.category == g[3] and a.start < g[2] and g[1] < a.end

    false_pos = [a for a in artifacts if not any(match(a, g) for g in gold)]
    missed = [g for g in gold if not any(match(a, g) for a in artifacts)]
    precision = 1 - len(false_pos) / len(artifacts) if artifacts else 0.0
    recall = 1 - len(missed) / len(gold) if gold else 0.0
    return precision, recall, false_pos, missed
