"""Reuse in one language: a copy or rewrite of another member, which way it goes (dates, the edited side,
containment, tells), never between sources that share a parent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from compare.model import Source
from compare.provenance.checks import (
    Conflict,
    conflict_words,
    detail_conflicts,
    mutual_best,
    pair_sentences,
    possibility_agrees,
)
from compare.provenance.facts import _before, _Facts, _manifest_note, _quoted_list, _spans_of
from compare.provenance.pairs import _detail_evidence, _link_spans, _overlap_evidence, _Pair, _pair_of, _shared_details
from compare.provenance.records import Edge, Evidence, Span
from compare.settings import ProvenanceSettings


def _reuse_direction(pair: _Pair, facts: Mapping[str, _Facts], settings: ProvenanceSettings,
                     by_id: Mapping[str, Source] | None = None,
                     pairs: Mapping[tuple[str, str], _Pair] | None = None) -> tuple[str, str, list[Evidence]] | None:
    """(parent, child, evidence) for two texts sharing wording, or None when nothing tells which came first."""
    a, b = pair.a, pair.b
    order = _before(facts, a, b)
    if order is not None:
        parent, child = (a, b) if order else (b, a)
        return parent, child, [Evidence(f"{child} is dated {facts[child].date}, after {parent} ({facts[parent].date}):"
                                        f" a report cannot copy a later one.", (), "dates")]
    if by_id is not None and pairs is not None:
        edited = _edited_side(pair, by_id, pairs, settings)
        if edited is not None:
            return edited
    contained = _contained_copy(pair, by_id, settings) if by_id is not None else None
    if contained is not None:
        return contained
    if abs(pair.close_a - pair.close_b) >= settings.asymmetry_margin:
        child, parent = (a, b) if pair.close_a > pair.close_b else (b, a)
        return parent, child, [Evidence(
            f"{pair.close(child):.0%} of {child} is close to {parent} but only {pair.close(parent):.0%} of {parent} "
            f"to {child}: {child} is contained in {parent}, as a derived text is in its source.", (), "overlap")]
    tells = {sid: len(facts[sid].rewrite) + sum(len(t) for t in facts[sid].language_tells.values()) for sid in (a, b)}
    if tells[a] != tells[b]:
        child, parent = (a, b) if tells[a] > tells[b] else (b, a)
        return parent, child, [Evidence(f"{child} has {tells[child]} rewriting or translation tells and {parent} "
                                        f"{tells[parent]}: the tells mark the derived text.", (), "rewrite-tell")]
    return None


def verbatim_share(source: Source, other: Source) -> float:
    """Share of ``source``'s sentences (characters) found word for word in ``other``'s text (case and spacing
    aside): read from the texts, so a paragraph moved elsewhere counts, which an in-order alignment may leave
    unlinked."""
    flat = " ".join(other.text.split()).casefold()
    total = sum(len(s.text) for s in source.sentences)
    found = sum(len(s.text) for s in source.sentences if " ".join(s.text.split()).casefold() in flat)
    return found / total if total else 0.0


def _contained_copy(pair: _Pair, by_id: Mapping[str, Source],
                    settings: ProvenanceSettings) -> tuple[str, str, list[Evidence]] | None:
    """(parent, child, evidence) for a word-for-word copy that is whole inside the other text while the other has
    statements it lacks: a copy that drops (and perhaps moves) paragraphs of its source.  The general asymmetry
    margin is for loose rewrites; between copies word for word one whole dropped statement tells (a long report
    that lost two of its 36 paragraphs was otherwise nobody's copy)."""
    if pair.close_chrf < settings.copy_min_chrf:
        return None
    whole = settings.contained_copy_whole
    share = {sid: verbatim_share(by_id[sid], by_id[other]) for sid, other in ((pair.a, pair.b), (pair.b, pair.a))}
    if share[pair.a] >= whole > share[pair.b] or share[pair.b] >= whole > share[pair.a]:
        child, parent = (pair.a, pair.b) if share[pair.a] >= whole else (pair.b, pair.a)
        return parent, child, [Evidence(
            f"All of {child}'s sentences are in {parent} word for word ({share[child]:.0%}), but only "
            f"{share[parent]:.0%} of {parent}'s are in {child}: {child} is {parent} with statements left out, as a "
            f"copy that drops paragraphs is.", (), "overlap")]
    return None


def _edited_side(pair: _Pair, by_id: Mapping[str, Source], pairs: Mapping[tuple[str, str], _Pair],
                 settings: ProvenanceSettings) -> tuple[str, str, list[Evidence]] | None:
    """(parent, child, evidence) when, of two close texts, one changes a checkable detail (a number, a date, a
    negation) that every other text rendering that sentence gives as the other does: the one that differs from
    all the others is the edited copy.  None when neither or both change something."""
    a, b = pair.a, pair.b
    if pair.close_chrf < settings.copy_min_chrf:
        return None  # only copies word for word: two texts that merely share wording differ in details anyway
    votes = {a: [], b: []}  # conflicts where the others side with the *other* text: this one changed it
    for i, j in mutual_best(a, b, pair.close_links):
        found = detail_conflicts(by_id[a], by_id[b], [(i, j)])
        if not found:
            continue
        side_a = side_b = 0
        for c in sorted(by_id):
            if c in (a, b):
                continue
            pair_ac, pair_bc = _pair_of(pairs, a, c), _pair_of(pairs, b, c)
            from_a = {k for x, k in pair_sentences(a, c, pair_ac.links, pair_ac.semantic_matches) if x == i}
            from_b = {k for y, k in pair_sentences(b, c, pair_bc.links, pair_bc.semantic_matches) if y == j}
            for k in from_a | from_b:
                with_a = not detail_conflicts(by_id[a], by_id[c], [(i, k)])
                with_b = not detail_conflicts(by_id[b], by_id[c], [(j, k)])
                if found[0].what == "modal" and k in from_a and k in from_b:
                    # a modal verb is compared within one language only, so a rendering in another language agreed
                    # with both and went uncounted: "1 other rendering(s) agree" where the German agrees too (rG1 p14
                    # F4); read by its own language's possibility words, as the translation vote reads it (truth21)
                    read = possibility_agrees(by_id[c], k, by_id[a], i, by_id[b], j)
                    if read is not None:
                        with_a, with_b = read
                side_a += with_a and not with_b
                side_b += with_b and not with_a
        if side_a and not side_b:
            votes[b].append((found[0], side_a))
        elif side_b and not side_a:
            votes[a].append((found[0], side_b))
    if bool(votes[a]) == bool(votes[b]):
        return None
    child = a if votes[a] else b
    parent = b if child == a else a
    conflict, others = votes[child][0]
    if child == a:
        words = conflict_words([conflict], a, b)
    else:
        words = conflict_words([Conflict(conflict.sentence_b, conflict.sentence_a, conflict.what, conflict.value_b,
                                         conflict.value_a)], b, a)
    sentence = next((s for s in by_id[child].sentences if s.index in (conflict.sentence_a, conflict.sentence_b)), None)
    spans = (Span(child, sentence.start, sentence.end),) if sentence else ()
    return parent, child, [Evidence(
        f"{words}, and {others} other rendering(s) of that sentence agree with {parent}: {child} changed it, so "
        f"{child} is the edited text and {parent} the one it was made from (or a text worded like {parent} that is "
        "not in the set).", spans, "detail")]


def _share_parent(a: str, b: str, derived: Mapping[str, str]) -> bool:
    """True when a and b are both made from one text in the set: their shared wording is explained by it."""
    return bool(derived.get(a) and derived.get(a) == derived.get(b))


def reuse_edges(pairs: Mapping[tuple[str, str], _Pair], facts: Mapping[str, _Facts], by_id: Mapping[str, Source],
                ordered: Sequence[Source], everyone: Sequence[Source], transcripts: set[str],
                quote_parents: Mapping[str, set[str]], derived_parent: dict[str, str],
                notes: dict[str, list[Evidence]], edges: list[Edge], settings: ProvenanceSettings) -> None:
    """Rule 4: copy and rewrite edges in one language into ``edges`` (and ``derived_parent``)."""
    reuse: list[tuple[float, str, str, _Pair, list[Evidence]]] = []
    for (a, b), pair in pairs.items():
        if facts[a].source.language != facts[b].source.language:
            continue
        if _share_parent(a, b, derived_parent):
            continue
        if a in transcripts and b in transcripts and pair.close_chrf < settings.copy_min_chrf:
            continue  # two transcripts of one speech share its words; one copied word for word is a copy
        if a in quote_parents.get(b, set()) or b in quote_parents.get(a, set()):
            continue  # one quotes the other: the quotation explains the shared wording
        if max(pair.close_a, pair.close_b) < settings.reuse_min_coverage:
            continue
        direction = _reuse_direction(pair, facts, settings, by_id, pairs)
        if direction is None:
            for sid in (a, b):
                notes[sid].append(Evidence(
                    f"{a} and {b} share most of their wording ({pair.close_a:.0%} / {pair.close_b:.0%} in close "
                    "links), but neither dates nor coverage nor tells say which came first: one copies the other "
                    "or both a common source.", _link_spans(pair.close_links), "overlap"))
            continue
        parent, child, why = direction
        if child in derived_parent:
            continue
        differences = len(detail_conflicts(by_id[parent], by_id[child], pair_sentences(
            parent, child, pair.close_links)))
        reuse.append((pair.close(child), differences, parent, child, pair, why))
    # the closest parent first: of two texts a copy could come from, the one it differs from in fewer details
    for cover, _, parent, child, pair, why in sorted(reuse, key=lambda r: (-round(r[0], 2), r[1], r[2], r[3])):
        if child in derived_parent or derived_parent.get(parent) == child:
            continue
        rare, errors = _shared_details(ordered, facts, settings, parent, child, everyone)
        copy = pair.close_chrf >= settings.copy_min_chrf and not facts[child].rewrite
        relation = "copy" if copy else "rewrite"
        evidence = [_overlap_evidence(pair, parent, child), *why]
        # what the figure averages, said: "The close links average chrF 100" stood beside the overview's chrF 91 for
        # the same pair, which scores every linked statement together, loose links included (rP2: p01 M2, p02 M9)
        evidence.append(Evidence(
            f"The {len(pair.close_links)} sentence pairs linked in close wording (chrF >= "
            f"{settings.reuse_link_chrf:g}) average chrF {pair.close_chrf:.0f} (the overview's chrF for the pair scores "
            f"every linked statement together, loose links included): " + (
                "the wording is kept almost word for word." if copy else
                "the wording is changed throughout, as a rewrite changes it."), (), "overlap"))
        if facts[child].rewrite:
            evidence.append(Evidence(f"{child} has rewrite-tool tells: {_quoted_list(facts[child].rewrite)}.",
                                     _spans_of(facts[child].rewrite), "rewrite-tell"))
        evidence.extend(_detail_evidence(parent, child, rare, errors))
        evidence.extend(_manifest_note(facts[child].source, relation))
        confidence = round(min(0.95, 0.45 + 0.5 * cover + 0.05 * min(len(errors), 2)), 2)
        edges.append(Edge(parent, child, relation, confidence, tuple(evidence)))
        derived_parent[child] = parent
