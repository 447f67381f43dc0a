"""Each artifact detector's flags per 1,000 words on WMT21 originals, human and machine translations (shared part).

    python bench/artifact_detector_rates.py                   # every pair of the shared part
    python bench/artifact_detector_rates.py --pairs ru-en de-en --show 5

Why: a flag's explanation tells a class that "machine translation often carries such capitals over".  That is a
claim about rates: the flag must be rarer on human translations and on originals than on machine output, or it
tells nothing about how a text was made.  The W bench (bench/wmt21_pages.py) counted 15 casing flags on human
references and 4 on journalists' English originals ('Sale', a town; 'Confederate monument') against 22 on MT
outputs.  This prints, per detector (and for the mid-sentence capital detector, per kind of word: a function word
such as 'The', or another word), its flags per 1,000 words by kind of text, pooled over the language pairs asked
for, and the ratio MT / human.  Documents are those of bench/artifacts_wmt21.py (document ids, or pseudo-documents
of 10 segments where the data has none); each version of a document is one text.  No annotations and no set
context are given to the detectors (as ``detect_artifacts(source)`` alone): detectors that need them do less.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from artifacts_wmt21 import DEFAULT_DATA, PAIRS, as_source, load_documents  # noqa: E402


def originals(path: Path, pseudo: int = 10) -> list[dict]:
    """The source side of each document, once."""
    import json

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_doc: dict[str, list[str]] = defaultdict(list)
    lp = rows[0]["lp"]
    for index, row in enumerate(sorted(rows, key=lambda r: r["line"])):
        by_doc[row["doc_id"] or f"pseudo{index // pseudo:03d}"].append(row["src"])
    return [{"lp": lp, "doc": doc, "translator": "original", "human": True, "lang": lp.split("-")[0],
             "segments": segs} for doc, segs in sorted(by_doc.items())]


def key(artifact) -> str:
    if artifact.detector == "compare.casing.midcap.v1":  # one detector, three kinds of evidence
        kind = ("function word" if "function word" in artifact.explanation else
                "line start" if "line break" in artifact.explanation else
                "adjective after a verb" if "adjective" in artifact.explanation else "ordinary word")
        return f"{artifact.detector} ({kind})"
    return artifact.detector


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pairs", nargs="*", default=list(PAIRS))
    parser.add_argument("--show", type=int, default=0, help="examples printed per detector and kind")
    args = parser.parse_args()
    from compare.artifacts import detect_artifacts

    flags: dict[str, Counter] = defaultdict(Counter)
    words: Counter = Counter()
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for pair in args.pairs:
        path = args.data / f"newstest2021.{pair}.shared.jsonl"
        if not path.is_file():
            print(f"{path} is absent: skipped", file=sys.stderr)
            continue
        documents = load_documents(path) + originals(path)
        for d in documents:
            kind = "original" if d["translator"] == "original" else ("human" if d["human"] else "mt")
            source = as_source(d)
            words[kind] += source.words
            for a in detect_artifacts(source).artifacts:
                flags[key(a)][kind] += 1
                if len(examples[(key(a), kind)]) < args.show:
                    examples[(key(a), kind)].append(f"{pair} {a.text!r}")
    print("words: " + ", ".join(f"{k} {v:,}" for k, v in sorted(words.items())) + f" ({', '.join(args.pairs)})")
    print(f"{'detector':<52}{'original':>10}{'human':>10}{'mt':>10}{'mt/human':>10}   (flags per 1,000 words)")
    for detector in sorted(flags):
        rate = {k: 1000 * flags[detector][k] / words[k] if words[k] else 0.0 for k in ("original", "human", "mt")}
        ratio = rate["mt"] / rate["human"] if rate["human"] else float("inf")
        print(f"{detector:<52}{rate['original']:>10.3f}{rate['human']:>10.3f}{rate['mt']:>10.3f}{ratio:>10.2f}"
              f"   n={flags[detector]['original']}/{flags[detector]['human']}/{flags[detector]['mt']}")
        for kind in ("original", "human", "mt"):
            for x in examples[(detector, kind)]:
                print(f"    {kind}: {x}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
