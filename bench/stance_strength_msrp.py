"""How often the stance-strength rule fires on MSRP train pairs, paraphrases (label 1) and not (label 0).

The rule (``compare.findings.stance``) says a linked row states one stance at different strength when the two
sentences' strongest stance words (``compare/data/stance_strength.csv``) differ in grade.  A paraphrase pair keeps
its stance, so on label 1 it should almost never fire.  Prints the pairs fired among label 1 and label 0, and each
fired pair's words, for a reader to judge.

Run: .venv/bin/python bench/stance_strength_msrp.py
"""

from __future__ import annotations

from msrp_train import train_pairs


def main() -> int:
    rows = train_pairs()
    if rows is None:
        return 0
    from compare.findings.stance import stance_words

    positives = sum(label for label, _, _ in rows)
    negatives = len(rows) - positives
    both = 0
    fired: list[tuple[int, list[str], list[str]]] = []
    for label, a, b in rows:
        found_a, found_b = stance_words(a, "en"), stance_words(b, "en")
        if found_a and found_b:
            both += 1
            if max(g for _, g, _, _ in found_a) != max(g for _, g, _, _ in found_b):
                fired.append((label, [w for w, _, _, _ in found_a], [w for w, _, _, _ in found_b]))
    one = sum(label for label, _, _ in fired)
    zero = len(fired) - one
    print(f"MSRP train: {len(rows)} pairs ({positives} label 1, {negatives} label 0); "
          f"{both} have a stance word on both sides")
    print(f"fired: label 1 {one} ({one / positives:.4f}), label 0 {zero} ({zero / negatives:.4f})")
    for label, a, b in fired:
        print(f"  label {label}: {a} | {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
