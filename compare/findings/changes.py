"""What a copy changed: the details an edited copy gives otherwise than the text it was made from, and the
statements it leaves out, as findings the page leads with (issue 23).

A changed figure used to appear only as a ``number`` tag on one side-by-side row: never in "what stands out",
the overview or the hand-out answers, though a copy that changes one figure of its source is the most
teachable thing in a set.  These findings exist only along a provenance edge (``copy`` or ``rewrite``, one
language), so the direction (who changed what) is provenance's, checked there against every other rendering.

- ``changed-detail``: "b changes a figure of a: it says “…5,200 passengers…” where a says “…3,200
  passengers…”", for numbers, dates, a negation or a modal verb (``compare.provenance.checks.detail_conflicts``
  on the two texts' linked sentences).  The verifier re-reads both sentences: still linked, still differing in
  the same values, and the edge still standing.
- ``left-out``: "b leaves out 2 of a's statements: “…”", only for a copy word for word (a ``copy`` edge: close
  chrF >= ``copy_min_chrf``), where a statement with no link to the copy is absent from it.  The verifier checks that
  no sentence of b renders those of a (a close link) and that b's text does not contain them.
- ``moved``: "b moves 1 of a's statements: “Carrying signs…” comes before “Three police…”, the other way
  round in a", along a ``copy`` edge, for the statements whose closest links leave a's order (those off the longest run
  of links in a's order).  A copy that drops paragraphs and moves one was said only to leave statements out
  (rP2, p01 M2, p02 M9), and the side-by-side, in the first source's order, hid the move.  The verifier re-reads the
  links and the order.
"""

from __future__ import annotations

import difflib
import re

from compare.align.features import figure_words
from compare.findings.base import Finding, register
from compare.model import EventResult, Source
from compare.settings import ProvenanceSettings

CHANGE_KINDS = ("changed-detail", "left-out", "moved")
WHAT_WORDS = {"number": "a figure", "date": "a date", "negation": "a negation", "modal": "a modal verb"}
CONTEXT_WORDS = 4
LEFT_OUT_SHOWN = 2


def excerpts(child: str, parent: str) -> tuple[str, str, str, str]:
    """(child's excerpt, parent's excerpt, words the child has instead, words the parent had) around the first
    place the two sentences differ, a few words either side, "…" where cut."""
    a, b = child.split(), parent.split()
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        lo_a, hi_a = max(0, i1 - CONTEXT_WORDS), min(len(a), i2 + CONTEXT_WORDS)
        lo_b, hi_b = max(0, j1 - CONTEXT_WORDS), min(len(b), j2 + CONTEXT_WORDS)

        def cut(words: list[str], lo: int, hi: int) -> str:
            return ("…" if lo else "") + " ".join(words[lo:hi]) + ("…" if hi < len(words) else "")

        return cut(a, lo_a, hi_a), cut(b, lo_b, hi_b), " ".join(a[i1:i2]), " ".join(b[j1:j2])
    return child, parent, "", ""


def _sentence(source: Source, index: int) -> str:
    return next((s.text for s in source.sentences if s.index == index), "")


def _label(item: EventResult) -> dict[str, str]:
    return {s.id: (f"{s.id} ({s.outlet})" if s.outlet else s.id) for s in item.sources}


def _derived_edges(item: EventResult):
    graph = item.provenance
    languages = {s.id: s.language for s in item.sources}
    for edge in graph.edges if graph is not None else ():
        if edge.relation in ("copy", "rewrite") and edge.from_ and languages.get(edge.from_) == languages.get(edge.to):
            yield edge


def _links(item: EventResult, a: str, b: str, close: bool = False) -> list[tuple[int, int]]:
    """(sentence of a, sentence of b) for every aligner link between a and b; ``close``: only links close in
    wording (chrF >= ``reuse_link_chrf``) that are each sentence's closest (``mutual_best``): the sentence and
    its edited copy, not a topic link."""
    from compare.provenance.checks import mutual_best, pair_sentences

    floor = ProvenanceSettings().reuse_link_chrf
    links = item.alignment.links if item.alignment else ()
    if close:
        return mutual_best(a, b, [lk for lk in links if (lk.chrf or 0.0) >= floor])
    return pair_sentences(a, b, links)


def _close_links(item: EventResult, a: str, b: str) -> list[tuple[int, int]]:
    """(sentence of a, sentence of b) for every link between a and b close in wording (chrF >= reuse_link_chrf)."""
    from compare.provenance.checks import pair_sentences

    floor = ProvenanceSettings().reuse_link_chrf
    return pair_sentences(a, b, [lk for lk in (item.alignment.links if item.alignment else ())
                                 if (lk.chrf or 0.0) >= floor])


def changed_details(item: EventResult, parent: str, child: str) -> list[tuple[int, int, str, str, str]]:
    """(child's sentence, parent's sentence, what, child's value, parent's value) for each linked pair of
    sentences whose checkable details differ."""
    from compare.provenance.checks import detail_conflicts

    by_id = {s.id: s for s in item.sources}
    return [(c.sentence_a, c.sentence_b, c.what, c.value_a, c.value_b)
            for c in detail_conflicts(by_id[child], by_id[parent], _links(item, child, parent, close=True))]


def change_sentence(child: str, parent: str, what: str, child_text: str, parent_text: str) -> str:
    """The sentence a page says for one changed detail."""
    mine, theirs, _, _ = excerpts(child_text, parent_text)
    return f"{child} changes {WHAT_WORDS.get(what, what)} of {parent}: it says “{mine}” where {parent} says “{theirs}”."


def left_out(item: EventResult, parent: str, child: str) -> list[int]:
    """The parent's statements of four words or more that no sentence of the child renders (a close link, chrF >=
    ``reuse_link_chrf``: a loose link to another sentence on the topic is no rendering) and the child's text does
    not contain (a paragraph the copy moved may be left unlinked by an in-order alignment)."""
    by_id = {s.id: s for s in item.sources}
    linked = {i for i, _ in _close_links(item, parent, child)}
    flat = " ".join(by_id[child].text.split()).casefold()
    return [s.index for s in by_id[parent].sentences if s.index not in linked and len(s.text.split()) >= 4
            and " ".join(s.text.split()).casefold() not in flat]


def moved(item: EventResult, parent: str, child: str) -> list[tuple[int, int, int, str]]:
    """(parent's sentence, child's sentence, the parent's sentence it now stands next to, "before"/"after") for
    each statement the child puts in another place than the parent: a closest close link off the longest run that
    keeps the parent's order, said against the kept neighbour it passed over."""
    order = sorted(_links(item, parent, child, close=True))
    if len(order) < 3:
        return []
    from compare.provenance.checks import longest_in_order

    kept = longest_in_order(order)
    by_child = sorted(kept, key=lambda ij: ij[1])
    out = []
    for i, j in order:
        if (i, j) in kept:
            continue
        after = next(((i2, j2) for i2, j2 in by_child if j2 > j), None)
        before = next(((i2, j2) for i2, j2 in reversed(by_child) if j2 < j), None)
        if after is not None and after[0] < i:
            out.append((i, j, after[0], "before"))
        elif before is not None and before[0] > i:
            out.append((i, j, before[0], "after"))
    return out


OPENING_WORDS = 6


def _opening(text: str) -> str:
    words = text.split()
    return " ".join(words[:OPENING_WORDS]) + ("…" if len(words) > OPENING_WORDS else "")


def moved_sentence(child: str, parent: str, moves: list[tuple[int, int, int, str]], by_id: dict) -> str:
    """The sentence a page says for a copy's moved statements (the first named against its neighbour)."""
    i, _, other, where = moves[0]
    n = len(moves)
    more = f" (and {n - 1} more moved)" if n > 1 else ""
    return (f"{child} moves {n} of {parent}'s statements: “{_opening(_sentence(by_id[parent], i))}” comes {where} "
            f"“{_opening(_sentence(by_id[parent], other))}”, the other way round in {parent}{more}.")


def build(item: EventResult) -> list[Finding]:
    out: list[Finding] = []
    by_id = {s.id: s for s in item.sources}
    label = _label(item)
    for edge in _derived_edges(item):
        parent, child = edge.from_, edge.to
        for i, j, what, value_child, value_parent in changed_details(item, parent, child):
            mine, theirs = _sentence(by_id[child], i), _sentence(by_id[parent], j)
            _, _, added, removed = excerpts(mine, theirs)
            new, old = (added, removed) if what == "negation" else (value_child, value_parent)
            words = {}
            if what in ("number", "date") and "," not in new + old:
                # the figure with what it is of ("A 4-0 win" where the parent has "A 2-0 win"): a bare "4 where
                # … has 2" left a class to guess it was a score (rH0 p15, rG1 p12 "39 where … 19", a day of July)
                in_child = figure_words(mine, new, by_id[child].language)
                in_parent = figure_words(theirs, old, by_id[parent].language)
                if in_child and in_parent:
                    words = {"new_words": in_child, "old_words": in_parent}
            spans = tuple(f"{sid}:{s.start}-{s.end}" for sid, k in ((child, i), (parent, j))
                          for s in by_id[sid].sentences if s.index == k)
            out.append(Finding("changed-detail", (child, parent),
                               change_sentence(label[child], label[parent], what, mine, theirs),
                               {"changed": child, "parent": parent, "what": what, "new": new, "old": old,
                                "sentence": i, "parent_sentence": j, **words},
                               (f"edge:{parent}->{child}:{edge.relation}", *spans)))
        if edge.relation != "copy":  # a rewrite says in other words what a copy would keep: no absence to establish
            continue
        missing = left_out(item, parent, child)
        if missing:
            shown = " ".join(f"“{_sentence(by_id[parent], k)}”" for k in missing[:LEFT_OUT_SHOWN])
            more = f" and {len(missing) - LEFT_OUT_SHOWN} more" if len(missing) > LEFT_OUT_SHOWN else ""
            out.append(Finding("left-out", (child, parent),
                               f"{label[child]} leaves out {len(missing)} of {label[parent]}'s statements: "
                               f"{shown}{more}.",
                               {"changed": child, "parent": parent, "sentences": missing},
                               (f"edge:{parent}->{child}:{edge.relation}",
                                *(f"{parent}:{s.start}-{s.end}" for s in by_id[parent].sentences
                                  if s.index in missing))))
        moves = moved(item, parent, child)
        if moves:
            out.append(Finding("moved", (child, parent), moved_sentence(label[child], label[parent], moves, by_id),
                               {"changed": child, "parent": parent, "moves": [list(m) for m in moves]},
                               (f"edge:{parent}->{child}:{edge.relation}",
                                *(f"{parent}:{s.start}-{s.end}" for s in by_id[parent].sentences
                                  if s.index in {m[0] for m in moves}))))
    return out


def _edge_stands(finding: Finding, item: EventResult) -> bool:
    key = finding.evidence[0] if finding.evidence else ""
    return any(f"edge:{e.from_ or ''}->{e.to}:{e.relation}" == key for e in item.provenance.edges)


def verify_change(finding: Finding, item: EventResult, run: object = None) -> str | None:
    f = finding.figures
    child, parent = f["changed"], f["parent"]
    if not _edge_stands(finding, item):
        return f"no derivation edge from {parent} to {child} stands"
    if (f["sentence"], f["parent_sentence"]) not in set(_links(item, child, parent, close=True)):
        return f"{child}'s sentence {f['sentence'] + 1} is not linked to {parent}'s sentence {f['parent_sentence'] + 1}"
    again = [c for c in changed_details(item, parent, child) if c[:2] == (f["sentence"], f["parent_sentence"])]
    if not again or again[0][2] != f["what"]:
        return f"the linked sentences of {child} and {parent} do not differ in {WHAT_WORDS.get(f['what'], f['what'])}"
    by_id = {s.id: s for s in item.sources}
    if f["what"] != "negation" and not all(_gives(by_id[child], f["sentence"], value)
                                           for value in f["new"].split(", ")):
        return f"{child}'s sentence does not give {f['new']}"
    return None


def _gives(source: Source, index: int, value: str) -> bool:
    """Whether a sentence writes ``value``: its digits as written, or a figure read to it with a scale word of the
    sentence's language ('$5 trillion' gives 5000000000000, whose zeros the text does not write)."""
    from compare.annotate.figures import figure_values

    text = _sentence(source, index)
    return (all(d in re.sub(r"[\s,.]", "", text) for d in re.findall(r"\d+", value))
            or value in figure_values(text, None, source.language))


def verify_left_out(finding: Finding, item: EventResult, run: object = None) -> str | None:
    f = finding.figures
    child, parent = f["changed"], f["parent"]
    if not _edge_stands(finding, item):
        return f"no derivation edge from {parent} to {child} stands"
    by_id = {s.id: s for s in item.sources}
    linked = {i for i, _ in _close_links(item, parent, child)}
    flat = " ".join(by_id[child].text.split()).casefold()
    for k in f["sentences"]:
        if k in linked:
            return f"{parent}'s sentence {k + 1} is rendered in {child} (a close link)"
        if " ".join(_sentence(by_id[parent], k).split()).casefold() in flat:
            return f"{child}'s text has {parent}'s sentence {k + 1}"
    return None


def verify_moved(finding: Finding, item: EventResult, run: object = None) -> str | None:
    f = finding.figures
    child, parent = f["changed"], f["parent"]
    if not _edge_stands(finding, item):
        return f"no derivation edge from {parent} to {child} stands"
    again = [list(m) for m in moved(item, parent, child)]
    if again != [list(m) for m in f["moves"]]:
        return f"the closest links of {child} and {parent} do not put those statements in another order"
    return None


def change_rows(tables: dict) -> list[dict]:
    """The verified change findings of an event's tables (``findings``), changed details first, in table order:
    what "what stands out", the overview and the teaching answers lead with."""
    rows = [r for r in tables.get("findings") or () if r["kind"] in CHANGE_KINDS and r["verified"]]
    return sorted(rows, key=lambda r: CHANGE_KINDS.index(r["kind"]))


def change_question(tables: dict) -> dict[str, str] | None:
    """"What did the copy change?", answered with every verified change finding (the hand-out prints the
    question, the event page's teaching section the answer)."""
    rows = change_rows(tables)
    if not rows:
        return None
    outlets = {r["source"]: r["outlet"] or r["source"] for r in tables["sources"]}
    pairs = sorted({(r["figures"]["changed"], r["figures"]["parent"]) for r in rows})
    named = "; ".join(f"{outlets.get(c, c)} from {outlets.get(p, p)}" for c, p in pairs)
    return {
        # "made from" read as a fact where a lost text worded the same could be the source (rF2, rG1)
        "question": f"Some reports were made from another in the set, or from a text worded like it ({named}). Read "
                    # "the text it was made from" said flatly what the sentence before hedges (truth26, rG1 p13 M2)
                    "each next to the text of the set it follows: what did it change or leave out, and does the "
                    "change alter what a reader learns?",
        "answer": " ".join(r["sentence"] for r in rows),
    }


register("changed-detail", build, verify_change)
register("left-out", lambda item: [], verify_left_out)
register("moved", lambda item: [], verify_moved)
