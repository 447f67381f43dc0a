"""Could a document-frequency test on sentences tell one outlet's template from one story? (SemEval shared pairs)

    python bench/events_boilerplate.py

Why: of the SemEval pairs rated different that the events stage merges, most
are one outlet's template or one subject's running story (docs/methods.md,
"What the SemEval misses are").  Down-weighting passages that recur across
many documents of the set would separate them only if the template is
*verbatim*: the same sentences in several documents.  This counts, over the
1,108 shared articles, the sentences (30 characters or more, case and
punctuation folded) that recur in at least k documents, and how many rated
pairs (same: Overall <= 1.5, different: >= 3.5) share any sentence, share one
recurring in k documents or more, or share only such sentences.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from events_cross import DIFFERENT, SAME, semeval  # noqa: E402
from events_semeval import DATA  # noqa: E402

MIN_CHARS = 30


def folded(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def main() -> int:
    if not DATA.is_dir():
        print(f"{DATA} is absent: nothing to measure", file=sys.stderr)
        return 1
    sources, _, pairs = semeval()
    sentences = {s.id: {folded(x.text) for x in s.sentences if len(folded(x.text)) >= MIN_CHARS} for s in sources}
    df = Counter(x for found in sentences.values() for x in found)
    same = [p for p in pairs if p[2] <= SAME]
    different = [p for p in pairs if p[2] >= DIFFERENT]
    print(f"{len(sources)} articles; sentences in >= 2 / 3 / 5 documents: "
          + " / ".join(str(sum(1 for c in df.values() if c >= k)) for k in (2, 3, 5)))
    print(f"{'k':>2}  {'rated':<10} {'pairs':>5} {'share any':>9} {'share one in >= k docs':>22} {'share only such':>15}")
    for k in (2, 3, 5):
        for name, rated in (("same", same), ("different", different)):
            shared = [sentences[a] & sentences[b] for a, b, *_ in rated]
            print(f"{k:>2}  {name:<10} {len(rated):>5} {sum(1 for s in shared if s):>9} "
                  f"{sum(1 for s in shared if any(df[x] >= k for x in s)):>22} "
                  f"{sum(1 for s in shared if s and all(df[x] >= k for x in s)):>15}")
    print("most frequent:")
    for sentence, count in df.most_common(8):
        print(f"  {count}  {sentence[:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
