"""How often the "shared in part" clause rule fires on MSRP train pairs, paraphrases (label 1) and not (label 0).

The rule (``compare.findings.partial.clause_only_one_side``) says a linked row is shared in part when the longer
sentence joins a clause sharing no content word (names and titles aside) with the other sentence to a clause that
shares several.  On paraphrase pairs it should almost never fire; the pairs it fires on should be mostly label 0.
Prints, for each pair of thresholds (a clause's own content words, the other clause's shared words), the pairs
fired among label 1 and label 0 and the share of fired pairs that are label 0.

Run: .venv/bin/python bench/clause_partial_msrp.py
"""

from __future__ import annotations

from msrp_train import train_pairs


def main() -> int:
    rows = train_pairs()
    if rows is None:
        return 0
    from compare.findings.partial import clause_only_one_side, clauses

    positives = sum(label for label, _, _ in rows)
    negatives = len(rows) - positives
    split = [(label, a, b) for label, a, b in rows if len(clauses(a)) > 1 or len(clauses(b)) > 1]
    print(f"MSRP train: {len(rows)} pairs ({positives} label 1, {negatives} label 0); "
          f"{len(split)} have a sentence of two clauses or more")
    print("own shared | fired label 1 (rate) | fired label 0 (rate) | label 0 among fired")
    for own in (2, 3, 4, 5, 6):
        for shared in (1, 2, 3):
            fired = [label for label, a, b in split if clause_only_one_side(a, b, "en", own, shared)]
            one, zero = sum(fired), len(fired) - sum(fired)
            share = zero / len(fired) if fired else float("nan")
            print(f"{own:3d} {shared:6d} | {one:4d} ({one / positives:.3f}) | {zero:4d} ({zero / negatives:.3f}) | "
                  f"{share:.3f}")
    phrase_rule(rows, positives, negatives)
    return 0


def phrase_rule(rows: list[tuple[int, str, str]], positives: int, negatives: int) -> None:
    """The same figures for the phrase rule (``phrase_only_one_side``, r43): a phrase one side adds carrying a
    capitalised name the other sentence lacks; adopted only where it fires on paraphrases about as rarely as the
    clause rule (3 of 2,687 at 4/2)."""
    from compare.findings.partial import phrase_only_one_side, phrases

    with_phrase = [(label, a, b) for label, a, b in rows if phrases(a) or phrases(b)]
    print(f"phrase rule: {len(with_phrase)} pairs have a phrase opened by a PHRASE_START word")
    print("names own shared | fired label 1 (rate) | fired label 0 (rate) | label 0 among fired")
    for names in (1, 2):
        for own in (1, 2, 3):
            for shared in (2, 3):
                fired = [label for label, a, b in with_phrase if phrase_only_one_side(a, b, "en", own, shared, names)]
                one, zero = sum(fired), len(fired) - sum(fired)
                share = zero / len(fired) if fired else float("nan")
                print(f"{names:5d} {own:3d} {shared:6d} | {one:4d} ({one / positives:.3f}) | "
                      f"{zero:4d} ({zero / negatives:.3f}) | {share:.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
