"""Fit the language centres of the document similarity: the mean e5 title and passage rows of Chinese news.

    python bench/events_language_centres.py            # print how far the centres move the cosines
    python bench/events_language_centres.py --write    # also write compare/semantic/data/language_centres.json

Why: the document similarity centres every report's e5 rows on one news
centre (``document_model.json``), fitted on SemEval's articles (ar, de, en,
es, fr, pl, tr).  Chinese rows share a direction of their own that this
centre leaves in: on WMT21, two *different* Chinese originals had a centred
passage cosine of 0.45 on average (unrelated news elsewhere: about 0), and a
Chinese original and its English translation only 0.34.  Centring Chinese
rows on a Chinese centre takes that shared direction out on both counts.

Data: the Chinese texts of SemEval-2022 Task 8's ``augmented_mt_pairs_shared.csv``
(HFL's machine translations of SemEval news into Chinese, shared part only:
164 distinct texts); not WMT21, on which the effect is measured.  Embeddings
come from the bench cache (bench/semantic_cache.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from events_semeval import DATA, make_source  # noqa: E402

from compare.semantic.documents import CENTRES_FILE, lead_sentences, passage  # noqa: E402

TARGET = BENCH.parent / "compare" / "semantic" / "data" / CENTRES_FILE
LANGUAGES = ("zh",)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {TARGET.name}")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"{DATA} is absent: nothing to fit", file=sys.stderr)
        return 1
    import pandas as pd
    from semantic_cache import cached_encode

    frame = pd.read_csv(DATA / "augmented_mt_pairs_shared.csv")
    out: dict = {"fit": {"command": "python bench/events_language_centres.py --write",
                         "data": "semeval2022-task8-news-similarity/augmented_mt_pairs_shared.csv (shared part)",
                         "rows": "mean e5 row (L2-normalised) of each distinct text's first sentence (title) and "
                                 "passage (compare.semantic.documents.passage)"}}
    for language in LANGUAGES:
        texts = sorted({t for r in frame.itertuples(index=False) for t, lang in ((r.text1, r.lang1), (r.text2, r.lang2))
                        if lang == language})
        sources = [make_source(f"{language}{n}", t, language) for n, t in enumerate(texts)]
        rows = cached_encode([lead_sentences(s)[0] for s in sources] + [passage(s) for s in sources], "events")[0]
        rows = rows.astype(np.float64)
        n = len(sources)
        centres = {"title": rows[:n].mean(axis=0), "passage": rows[n:].mean(axis=0)}
        unit = rows[n:] - centres["passage"]
        unit /= np.linalg.norm(unit, axis=1, keepdims=True)
        print(f"{language}: {n} texts; mean pairwise passage cosine centred on its own centre "
              f"{float((unit @ unit.T)[np.triu_indices(n, 1)].mean()):.3f}")
        out[language] = {k: [round(float(x), 6) for x in v] for k, v in centres.items()}
        out[language]["texts"] = n
    if args.write:
        TARGET.write_text(json.dumps(out, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
