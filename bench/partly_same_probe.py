"""Could a linked row be tagged "partly the same" from lexical evidence alone?  A probe, not a rule (issue 23).

A teacher's read of the 2017 seeds found row c2 linking TASS's "The Russian foreign minister will also hold
talks with his Japanese counterpart Fumio Kishida, the parties are expected to consider the implementation of
the agreements ..." with 004's "Russian Foreign Minister Sergey Lavrov and Defence Minister Sergey Shoygu are
expected to discuss regional security issues with their Japanese counterparts Fumio Kishida and Tomomi Inada,
Efe news reported.": only "Lavrov meets Kishida" is shared.  The candidate rule: each side of a linked pair has
at least ``share`` of its content lemmas, and at least ``count`` of them, that the other lacks.

It prints how often the rule fires on the shared parts of STS-B (main-news train: "same", score >= 4, against
"partly the same", 1.5 <= score < 3.5) and MSRP (train: paraphrase against not), and on every same-language link
of a seed run's links.csv (pass the run's folder), where the reviewers judged every 2019 shared row correct:

    python bench/partly_same_probe.py /tmp/t2-seeds

On the seeds the rule fires on the c2 pair (share 0.62, 13 lemmas) but also on 2019 links the reviewers judged
right (000:6-003:12, 001:10-003:12: renderings through two translations, whose lemmas differ though the
statement is one), so it was not adopted: lexical asymmetry cannot tell rewording from other content there.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from compare.align.features import content_lemmas

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
RULES = [(share, count) for share in (0.5, 0.6, 0.7) for count in (3, 5, 7)]


def asymmetry(a: str, b: str) -> tuple[float, int]:
    """(the smaller share of a side's content lemmas the other lacks, the smaller count of them)."""
    la, lb = set(content_lemmas(a, "en")), set(content_lemmas(b, "en"))
    only_a, only_b = la - lb, lb - la
    return min(len(only_a) / max(1, len(la)), len(only_b) / max(1, len(lb))), min(len(only_a), len(only_b))


def rates(pairs: list[tuple[bool, str, str]], names: tuple[str, str]) -> None:
    """Firing rate of each rule on the two classes (True: the first name)."""
    features = [(label, asymmetry(a, b)) for label, a, b in pairs]
    for share, count in RULES:
        fired = {True: [0, 0], False: [0, 0]}
        for label, (s, k) in features:
            fired[label][1] += 1
            fired[label][0] += s >= share and k >= count
        print(f"  share >= {share} and count >= {count}: {names[0]} {fired[True][0]}/{fired[True][1]} "
              f"({fired[True][0] / max(1, fired[True][1]):.3f}), {names[1]} {fired[False][0]}/{fired[False][1]} "
              f"({fired[False][0] / max(1, fired[False][1]):.3f})")


def sts() -> list[tuple[bool, str, str]]:
    out = []
    with open(DATA / "stsbenchmark" / "sts-train.csv", encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 7 and parts[0] == "main-news":
                score = float(parts[4])
                if score >= 4 or 1.5 <= score < 3.5:
                    out.append((score >= 4, parts[5], parts[6]))
    return out


def msrp() -> list[tuple[bool, str, str]]:
    out = []
    with open(DATA / "msrp" / "msr_paraphrase_train.txt", encoding="utf-8-sig") as handle:
        next(handle)
        for line in handle:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 5:
                out.append((parts[0] == "1", parts[3], parts[4]))
    return out


def main() -> None:
    if (DATA / "stsbenchmark").is_dir():
        print("STS-B main-news train: fired on 'same' (>= 4) and on 'partly' (1.5 to 3.5)")
        rates(sts(), ("same", "partly"))
    if (DATA / "msrp").is_dir():
        print("MSRP train: fired on paraphrases and on non-paraphrases")
        rates(msrp(), ("paraphrase", "not"))
    for folder in sys.argv[1:]:
        for links in sorted(Path(folder).glob("*/links.csv")):
            print(f"{links.parent.name}: same-language links (share, count of lemmas one side only)")
            with links.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    if row["kind"] != "translation":
                        share, count = asymmetry(row["text_a"], row["text_b"])
                        print(f"  {row['source_a']}:{row['sentence_a']}-{row['source_b']}:{row['sentence_b']} "
                              f"{share:.2f} {count:>2}  {row['text_a'][:50]!r} | {row['text_b'][:50]!r}")


if __name__ == "__main__":
    main()
