"""How often the stance-strength rule fires on MSRP train pairs, paraphrases (label 1) and not (label 0).

The rule (``compare.findings.stance.difference_of``) marks a linked row where the two sentences' strongest stance
words (``compare/data/stance_strength.csv``) differ in grade ('strength'), or where one sentence has a word of grade
2 or more (oppose, object to, unacceptable) and the other none ('one-sided', r53).  A paraphrase pair keeps its
stance, so on label 1 it should seldom fire.  Prints the pairs fired among label 1 and label 0 for each rule, and
each fired pair's words, for a reader to judge.

Run: .venv/bin/python bench/stance_strength_msrp.py
"""

from __future__ import annotations

from msrp_train import train_pairs


def main() -> int:
    rows = train_pairs()
    if rows is None:
        return 0
    from compare.findings.stance import difference_of, stance_words

    positives = sum(label for label, _, _ in rows)
    negatives = len(rows) - positives
    both = 0
    fired: dict[str, list[tuple[int, list[str], list[str]]]] = {"strength": [], "one-sided": []}
    for label, a, b in rows:
        found = {"a": stance_words(a, "en"), "b": stance_words(b, "en")}
        both += bool(found["a"] and found["b"])
        grade = {side: max(g for _, g, _, _ in words) for side, words in found.items() if words}
        kind = difference_of(grade, ["a", "b"])
        if kind is not None:
            fired[kind].append((label, [w for w, _, _, _ in found["a"]], [w for w, _, _, _ in found["b"]]))
    print(f"MSRP train: {len(rows)} pairs ({positives} label 1, {negatives} label 0); "
          f"{both} have a stance word on both sides")
    for kind, pairs in fired.items():
        one = sum(label for label, _, _ in pairs)
        zero = len(pairs) - one
        print(f"{kind}: fired on label 1 {one} ({one / positives:.4f}), label 0 {zero} ({zero / negatives:.4f})")
        for label, a, b in pairs:
            print(f"  label {label}: {a} | {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
