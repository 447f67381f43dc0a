"""MSRP train's sentence pairs, for the benches that count how often a word rule fires on paraphrases.

Shared by bench/clause_partial_msrp.py and bench/stance_strength_msrp.py: one reading of the file's five tab-separated
columns (label, two ids, two sentences), and one message where ../shared/data is absent.
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "msrp" / "msr_paraphrase_train.txt"


def train_pairs() -> list[tuple[int, str, str]] | None:
    """(label, sentence 1, sentence 2) for every pair, or None (with a message) where the file is absent."""
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return None
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines()[1:]:
        fields = line.split("\t")
        if len(fields) == 5:
            rows.append((int(fields[0]), fields[3], fields[4]))
    return rows
