"""Comparable alignment in one language: two independent English renderings of one WMT21 document, made comparable.

Why: the link rules that read words (speakers, content one side only has,
merges) act only between two reports in one language, and the other WMT21
bench (bench/align_comparable_wmt21.py) pairs an original with its
translation, two languages.  Two human translations of one document (ru-en
and de-en have references A and B), or a human translation and a machine
translation (zh-en: A against Online-W), are two outlets' wordings of the
same statements: paraphrases with the same content, the kind of true link a
rule must not lose; with a quarter of each side dropped, each side also has
sentences whose counterpart is gone, which must stay unlinked.

How: as bench/align_comparable_wmt21.py (``comparable_case``, seed 12345):
per document a random quarter of each side's segments is dropped and the
last third of the second side moved to the front; both sides are English
Sources of one sentence per segment; links are scored against segment k <->
segment k.  Prints precision, recall, F1 and false links (orphan: a sentence
whose counterpart was dropped) per pair of renderings, for the default
settings and with the content rule (``compare.align.specifics``) switched off
(``--compare``); with ``--annotate`` each case is annotated as ``compare run``
does (entities, quotes), and ``--compare`` switches the quote rule off instead.

Run: .venv/bin/python bench/align_comparable_same_language.py [--max-docs 8] [--compare] [--annotate]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from align_comparable_wmt21 import SEED, Tally, comparable_case  # noqa: E402
from semantic_crosslingual import CLOSED, DATA, Document  # noqa: E402

from compare.align.backends import LexicalBackend  # noqa: E402
from compare.align.comparable import ComparableSettings  # noqa: E402

RENDERINGS = (("ru-en", "A", "B"), ("de-en", "A", "B"), ("zh-en", "A", "Online-W"))


def _text(record: dict, version: str) -> str | None:
    return (record["human"] if version in record["human"] else record["mt"]).get(version)


def renderings(lp: str, first: str, second: str) -> list[Document]:
    """Documents of the shared file as two renderings in the target language (segments where both exist)."""
    docs: list[Document] = []
    previous_doc, previous_closed = None, True
    for number, line in enumerate((DATA / f"newstest2021.{lp}.shared.jsonl").read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        closed = bool(CLOSED.search(record["src"]))
        starts = record["doc_id"] != previous_doc if record["doc_id"] is not None else previous_closed and not closed
        if starts or number == 0:
            target = lp.split("-")[1]
            docs.append(Document(f"{target}-{target}", record["doc_id"] or f"{lp}-line{record['line']}", [], []))
        previous_doc, previous_closed = record["doc_id"], closed
        a, b = _text(record, first), _text(record, second)
        if a and b:
            docs[-1].src.append(a)
            docs[-1].tgt.append(b)
    return [d for d in docs if len(d.src) >= 4]


def score(case, comparable: ComparableSettings, tally: Tally, annotated: bool = False) -> None:
    """Align one case in comparable mode with ``comparable`` and add its counts to ``tally``."""
    from compare.align import align_event
    from compare.annotate import annotate

    annotations = annotate(case.sources) if annotated else None
    result = align_event("doc", case.sources, annotations, mode="comparable", comparable=comparable)
    tally.documents += 1
    index = {"orig": case.orig, "trans": case.trans}
    found = {(index["orig"][lk.sentence_a if lk.source_a == "orig" else lk.sentence_b],
              index["trans"][lk.sentence_b if lk.source_b == "trans" else lk.sentence_a]) for lk in result.links}
    tally.predicted += len(found)
    tally.gold += len(case.gold)
    tally.correct += len(case.gold & found)
    for i, j in found - case.gold:
        if i not in case.trans or j not in case.orig:
            tally.orphan += 1
        else:
            tally.wrong += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-docs", type=int, default=8, help="documents per pair of renderings (0 = all)")
    parser.add_argument("--compare", action="store_true", help="also run with the content rule switched off")
    parser.add_argument("--annotate", action="store_true",
                        help="annotate each case (compare.annotate: entities, quotes) as compare run does; with "
                             "--compare, the quote rule is switched off instead")
    args = parser.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0
    shipped = LexicalBackend.COMPARABLE
    configs = [("default", shipped)]
    if args.compare and args.annotate:
        configs += [("no quote rule", dataclasses.replace(shipped, quotes=False))]
    elif args.compare:
        configs += [("no content rule", dataclasses.replace(shipped, specific=False))]
    rng = random.Random(SEED)
    print(f"WMT21 shared part, two renderings in one language made comparable, seed {SEED}, "
          f"max docs {args.max_docs or 'all'}{', annotated' if args.annotate else ''}")
    print(f"{'renderings':22s} {'configuration':18s} {'docs':>4s} {'gold':>5s} {'links':>5s} {'P':>6s} {'R':>6s} "
          f"{'F1':>6s}  false: orphan/other")
    for lp, first, second in RENDERINGS:
        docs = renderings(lp, first, second)
        cases = [comparable_case(doc, rng) for doc in (docs[:args.max_docs] if args.max_docs else docs)]
        for name, comparable in configs:
            tally = Tally()
            for case in cases:
                score(case, comparable, tally, args.annotate)
            p, r, f = tally.figures()
            print(f"{lp + ' ' + first + '/' + second:22s} {name:18s} {tally.documents:4d} {tally.gold:5d} "
                  f"{tally.predicted:5d} {p:6.3f} {r:6.3f} {f:6.3f}  {tally.orphan}/{tally.wrong}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
