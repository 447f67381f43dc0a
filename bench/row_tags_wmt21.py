"""How often a side-by-side row's cue tags fire where professional translators kept the meaning (WMT21).

Why: a row tag (negation, modal, hedge, intensifier, left-open, date-dropped) tells a class to look for a
difference between the cells.  On an original and its human translations the meaning is kept, so a tag there
is mostly noise; the rate must be low.  Per WMT21 segment this builds the row a set of the original and its
human translations would show (one cell per version; segment k of every side is the row, the gold alignment)
and counts the rows tagged:

* old: the rule before truth34 (``compare.report.views.row_labels`` then): a class differs between two cells of
  one language (the flat word lists) and not every cell, the original included, has it;
* new: ``compare.align.row_cues.row_cue_tags``, each translation compared with its original.

It also prints, per class, how often an original and one human translation (``A``) disagree when compared
across languages, and two human translations of one original (``A`` against ``B``, ``C``, ``D`` where the data
has them) within one language: the figures behind ``row_cues.CROSS_LANGUAGE_DISAGREEMENT`` (a class would be compared across
languages only where the original against a translation disagrees about as rarely as two translations do).

Run: .venv/bin/python bench/row_tags_wmt21.py [--pairs en-de,zh-en] [--max-segments 0]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

from compare.align.labels import CUE_CLASSES, _facts
from compare.align.row_cues import CUE_LABELS, DATE_DROPPED, cues_in, reads, row_cue_tags

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "wmt21-news-human-vs-mt"
PAIRS = ("en-de", "de-en", "ru-en", "zh-en", "de-fr", "fr-de")


def old_tags(cells: dict[str, str]) -> set[str]:
    """The rule before truth34: same-language pairs of cells differing in a class (flat lists), and not every
    cell having it.  Here every cell but the original is in the target language."""
    found = {sid: _facts(text)[3] for sid, text in cells.items()}
    humans = [sid for sid in cells if sid != "orig"]
    out = set()
    for label, _ in CUE_CLASSES:
        if any((label in found[a]) != (label in found[b]) for a, b in combinations(humans, 2)) and not all(
                label in f for f in found.values()):
            out.add(label)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", default=",".join(PAIRS))
    parser.add_argument("--max-segments", type=int, default=0, help="per pair; 0 = all")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"no data at {DATA}")
    labels = (*CUE_LABELS, DATE_DROPPED)
    print("rows tagged per 100 segments (original + its human translations, meaning kept)")
    print(f"{'pair':7} {'humans':7} {'rows':>5}  " + "  ".join(f"{lab[:11]:>11}" for lab in labels)
          + "    old:" + " ".join(f"{lab[:5]:>6}" for lab, _ in CUE_CLASSES))
    across_total: dict[str, Counter] = {}
    for lp in args.pairs.split(","):
        source_lang, target_lang = lp.split("-")
        new, old, rows = Counter(), Counter(), 0
        across, within = Counter(), Counter()
        n_across, n_within = Counter(), Counter()
        humans: list[str] = []
        for number, line in enumerate((DATA / f"newstest2021.{lp}.shared.jsonl").read_text("utf-8").splitlines()):
            if args.max_segments and number >= args.max_segments:
                break
            record = json.loads(line)
            humans = sorted(k for k, v in record["human"].items() if v)
            if not record["src"] or not humans:
                continue
            cells = {"orig": record["src"], **{h: record["human"][h] for h in humans}}
            languages = {"orig": source_lang, **{h: target_lang for h in humans}}
            rows += 1
            new.update(row_cue_tags(cells, languages, {h: "orig" for h in humans}))
            old.update(old_tags(cells))
            for label in CUE_LABELS:
                if reads(label, source_lang) and reads(label, target_lang):
                    n_across[label] += 1
                    across[label] += (label in cues_in(cells["orig"], source_lang)) != (
                        label in cues_in(cells[humans[0]], target_lang))
                if reads(label, target_lang):
                    for other in humans[1:]:
                        n_within[label] += 1
                        within[label] += (label in cues_in(cells[humans[0]], target_lang)) != (
                            label in cues_in(cells[other], target_lang))
        print(f"{lp:7} {'+'.join(humans):7} {rows:>5}  "
              + "  ".join(f"{100 * new[lab] / rows:>11.1f}" for lab in labels)
              + "        " + " ".join(f"{100 * old[lab] / rows:>6.1f}" for lab, _ in CUE_CLASSES))
        across_total[lp] = Counter({f"across {lab}": round(100 * across[lab] / n_across[lab], 1)
                                    for lab in CUE_LABELS if n_across[lab]})
        across_total[lp].update({f"within {lab}": round(100 * within[lab] / n_within[lab], 1)
                                 for lab in CUE_LABELS if n_within[lab]})
    print("\nper 100 segments, a class present on one side only: original against translation A (across), and "
          "translation A against each other human translation (within)")
    for lp, found in across_total.items():
        print(f"{lp:7} " + "  ".join(f"{k} {v:.1f}" for k, v in sorted(found.items())))


if __name__ == "__main__":
    main()
