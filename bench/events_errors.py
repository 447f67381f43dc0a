"""Each SemEval pair the event grouping gets wrong, with what decided it (``bench/events_cross.py --errors``).

Why: the grouping misses the targets of issue 26 (pairs rated the same
event grouped >= 0.95, pairs rated different kept apart >= 0.98), and a fix
should follow the errors' causes, not a grid.  For each pair rated the same
(Overall <= 1.5) and left apart, and each pair rated different (>= 3.5) and
grouped, this prints the languages, the centred title and passage cosines,
the document similarity and the score the threshold is read against, the
checkable details both state (agreeing and conflicting, ``compare.event_details``),
the dates read from the texts, and how the grouping reached its verdict:

* split: ``under the threshold`` (the pair's own score is under it) or
  ``refused by average linkage`` (the pair reaches it, the groups as a whole
  do not);
* merged: ``direct`` (the pair's own score reaches the threshold) or
  ``through <ids>`` (a chain of pairs over the threshold inside the group:
  transitivity through a third report).

Texts are printed with ``ascii()`` (escaped: source text is untrusted) and cut.
"""

from __future__ import annotations

from collections import Counter, deque

import numpy as np

SNIPPET = 160
"""Characters of each text shown."""


def _path(a: int, b: int, members: set[int], score, threshold: float) -> list[int] | None:
    """Shortest chain of pairs over the threshold from a to b inside one group (None when there is none)."""
    previous = {a: a}
    queue = deque([a])
    while queue:
        x = queue.popleft()
        if x == b:
            out = [b]
            while out[-1] != a:
                out.append(previous[out[-1]])
            return out[::-1]
        for y in sorted(members):
            if y not in previous and score(x, y) >= threshold:
                previous[y] = x
                queue.append(y)
    return None


def report(sources, prepared, event_of, pairs, settings, same: float, different: float) -> Counter:
    """Print every wrong SemEval pair with its features; return the counts of each mechanism."""
    profs, scores, vectors = prepared.profs, prepared.scores, prepared.vectors
    index = {p.source_id: n for n, p in enumerate(profs)}
    text_of = {s.id: s.text for s in sources}
    members: dict[str, set[int]] = {}
    for sid, eid in event_of.items():
        members.setdefault(eid, set()).add(index[sid])

    def score(x: int, y: int) -> float:
        return scores.of([(min(x, y), max(x, y))])[0]

    threshold = scores.threshold
    causes: Counter = Counter()
    seen = set()
    for a, b, gold, lp, _ in pairs:
        if (a, b) in seen or not (gold <= same or gold >= different):
            continue
        seen.add((a, b))
        together = event_of[a] == event_of[b]
        if (gold <= same) == together:
            continue
        i, j = index[a], index[b]
        key = (min(i, j), max(i, j))
        value = score(i, j)
        comparison = scores.comparison(key)
        title = float(np.dot(vectors.title[i], vectors.title[j]))
        passage = float(np.dot(vectors.passage[i], vectors.passage[j]))
        if together:
            chain = _path(i, j, members[event_of[a]], score, threshold)
            how = "direct" if value >= threshold else (
                "through " + " > ".join(profs[x].source_id.split("-")[0] for x in chain) if chain else "through the group")
            kind = "merged, " + ("direct" if value >= threshold else "through a third report")
        else:
            how = "under the threshold" if value < threshold else "refused by average linkage"
            kind = "split, " + how
        causes[kind] += 1
        sizes = (len(members[event_of[a]]), len(members[event_of[b]]))
        print(f"\n[{kind}] {a} / {b}  {lp}  Overall {gold:g}  candidate {key in scores.lexical and key in set(prepared.pairs)}")
        print(f"  title cos {title:.2f}  passage cos {passage:.2f}  document similarity "
              f"{scores.document(key) if key in scores.similarity else float('nan'):.3f}"
              f"{' (the titles in the passages place)' if key in scores.similarity and scores.title_stands_in(key) else ''}"
              f"  shift {scores.shift(i, j):+.2f}  score {value:.3f} "
              f"(threshold {threshold:g})  text/entities/anchors "
              + "/".join(f"{x:.2f}" for x in scores.lexical.get(key, (0, 0, 0))))
        if comparison is not None:
            print(f"  details: {comparison.agree} agree, {len(comparison.conflicts)} conflict "
                  f"{[tuple(map(ascii, c)) for c in comparison.conflicts[:4]]}, the fewer states {comparison.fewer}")
        print(f"  dates: {profs[i].date} ({profs[i].date_how}) / {profs[j].date} ({profs[j].date_how}); "
              f"group sizes {sizes[0]} / {sizes[1]}; {how}")
        for sid in (a, b):
            print(f"  {sid}: {ascii(' '.join(text_of[sid].split())[:SNIPPET])}")
    print("\nby mechanism: " + ", ".join(f"{k} {v}" for k, v in sorted(causes.items())))
    return causes


__all__ = ["report"]
