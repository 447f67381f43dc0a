"""How much of each pair of sources the other renders, from the aligner's links and (across languages) the
multilingual embeddings, and the evidence sentences about overlap and shared details."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from compare.model import Link, Source
from compare.provenance.checks import rare_shared_words
from compare.provenance.facts import _Facts
from compare.provenance.records import Evidence, Span
from compare.settings import ProvenanceSettings


@dataclass
class _Pair:
    """Overlap of two sources (a < b by id) from the aligner's links (internal)."""

    a: str
    b: str
    links: list[Link]
    cover_a: float = 0.0  # share of a's text linked to b
    cover_b: float = 0.0
    close_a: float = 0.0  # share of a's text in close links (same language)
    close_b: float = 0.0
    close_chrf: float = 0.0
    close_links: list[Link] = field(default_factory=list)
    semantic_a: float = 0.0  # share of a's text in mutual best cross-language embedding matches with b
    semantic_b: float = 0.0
    semantic_matches: list[tuple[int, int, float]] = field(default_factory=list)  # (sentence of a, of b, cosine)
    cross_language: bool = False  # a and b in different languages: wording (chrF) is not compared

    def cover(self, child: str) -> float:
        return self.cover_a if child == self.a else self.cover_b

    def close(self, child: str) -> float:
        return self.close_a if child == self.a else self.close_b

    def semantic(self, child: str) -> float:
        return self.semantic_a if child == self.a else self.semantic_b

    def parallel(self, child: str) -> float:
        """How much of ``child`` the other text renders: aligned links, or embedding matches across languages."""
        return max(self.cover(child), self.semantic(child))


def _share(source: Source, indices: set[int]) -> float:
    total = sum(len(s.text) for s in source.sentences)
    return sum(len(s.text) for s in source.sentences if s.index in indices) / total if total else 0.0


def _pairs(sources: Sequence[Source], links: Sequence[Link], settings: ProvenanceSettings) -> dict[tuple[str, str], _Pair]:
    by_id = {s.id: s for s in sources}
    out: dict[tuple[str, str], _Pair] = {}
    for a, b in itertools.combinations(sorted(by_id), 2):
        own = [lk for lk in links if {lk.source_a, lk.source_b} == {a, b}]
        pair = _Pair(a, b, own, cross_language=by_id[a].language != by_id[b].language)
        side = {a: set(), b: set()}
        close_side = {a: set(), b: set()}
        for lk in own:
            side[lk.source_a].add(lk.sentence_a)
            side[lk.source_b].add(lk.sentence_b)
            if (lk.chrf or 0.0) >= settings.reuse_link_chrf and by_id[a].language == by_id[b].language:
                pair.close_links.append(lk)
                close_side[lk.source_a].add(lk.sentence_a)
                close_side[lk.source_b].add(lk.sentence_b)
        pair.cover_a, pair.cover_b = _share(by_id[a], side[a]), _share(by_id[b], side[b])
        pair.close_a, pair.close_b = _share(by_id[a], close_side[a]), _share(by_id[b], close_side[b])
        if pair.close_links:
            pair.close_chrf = sum(lk.chrf or 0.0 for lk in pair.close_links) / len(pair.close_links)
        out[(a, b)] = pair
    return out


def _semantic(sources: Sequence[Source], pairs: Mapping[tuple[str, str], _Pair], settings: ProvenanceSettings) -> str:
    """Fill in cross-language embedding coverage of every pair in different languages; return the signature.

    Mutual best matches only (each sentence is the other's nearest in the pair),
    at or above ``semantic_min_cosine``: the margin-free form of bitext mining,
    enough because the coverage threshold, not a single match, decides.
    """
    if not settings.use_embeddings:
        return "emb:off"
    try:
        from compare.semantic import embeddings
    except ImportError:
        return "emb:none"
    if not embeddings.available():
        return embeddings.signature()
    by_id = {s.id: s for s in sources}
    todo = [p for p in pairs.values()
            if by_id[p.a].language != by_id[p.b].language and by_id[p.a].sentences and by_id[p.b].sentences]
    if not todo:
        return embeddings.signature()
    needed = sorted({sid for p in todo for sid in (p.a, p.b)})
    # One call for all of them: the engine then runs on every core (one call per source of one sentence would not).
    rows = embeddings.encode([s.text for sid in needed for s in by_id[sid].sentences])
    vectors, start = {}, 0
    for sid in needed:
        vectors[sid] = rows[start:start + len(by_id[sid].sentences)]
        start += len(by_id[sid].sentences)
    for pair in todo:
        a, b = by_id[pair.a], by_id[pair.b]
        sim = vectors[a.id] @ vectors[b.id].T
        best_b, best_a = sim.argmax(axis=1), sim.argmax(axis=0)
        matches = [(i, int(best_b[i]), float(sim[i, best_b[i]])) for i in range(sim.shape[0])
                   if best_a[best_b[i]] == i and sim[i, best_b[i]] >= settings.semantic_min_cosine]
        pair.semantic_matches = [(a.sentences[i].index, b.sentences[j].index, c) for i, j, c in matches]
        pair.semantic_a = _share(a, {a.sentences[i].index for i, _, _ in matches})
        pair.semantic_b = _share(b, {b.sentences[j].index for _, j, _ in matches})
    return embeddings.signature()


def _link_spans(links: Sequence[Link], limit: int = 4) -> tuple[Span, ...]:
    spans: list[Span] = []
    for lk in sorted(links, key=lambda lk: -(lk.chrf or 0.0))[:limit]:
        spans.extend((Span(lk.source_a, lk.start_a, lk.end_a), Span(lk.source_b, lk.start_b, lk.end_b)))
    return tuple(spans)


def _semantic_evidence(pair: _Pair, sources: Mapping[str, Source], parent: str, child: str) -> Evidence:
    spans: list[Span] = []
    for i, j, _ in sorted(pair.semantic_matches, key=lambda m: -m[2])[:3]:
        sa, sb = sources[pair.a].sentences[i], sources[pair.b].sentences[j]
        spans.extend((Span(pair.a, sa.start, sa.end), Span(pair.b, sb.start, sb.end)))
    return Evidence(
        f"Across languages, {pair.semantic(child):.0%} of {child}'s text and {pair.semantic(parent):.0%} of "
        f"{parent}'s are sentences that are each other's closest match in multilingual sentence embeddings "
        f"({len(pair.semantic_matches)} pairs): one text in two languages.", tuple(spans), "overlap")


def _overlap_evidence(pair: _Pair, parent: str, child: str) -> Evidence:
    """How much of each text is aligned with the other, and how much in close wording: not measured across
    languages, where chrF compares no wording ("0% of wr-a and 0% of wr-b" read as "not close to its original",
    of a literal translation into another script: rW1 ru-en M7, de-en M10)."""
    close = ("close wording: not measured (different languages)" if pair.cross_language else
             f"in close wording (sentence chrF >= 50) {pair.close(child):.0%} of {child} and {pair.close(parent):.0%} "
             f"of {parent}")
    return Evidence(
        f"{pair.cover(child):.0%} of all {child}'s text is aligned with {parent}, and {pair.cover(parent):.0%} of "
        f"{parent}'s with {child}; {close}.",
        _link_spans(pair.close_links or pair.links), "overlap")


def _shared_details(sources: Sequence[Source], facts: Mapping[str, _Facts], settings: ProvenanceSettings,
                    a: str, b: str, everyone: Sequence[Source] = ()) -> tuple[list[tuple[str, Span, Span]],
                                                                       list[tuple[str, Span, Span]]]:
    """(rare words only a and b share in the whole set ``everyone``, tells both have with the same text: shared
    errors).  "No other source has" is searched in every source of the set, not only the event's members."""
    by_id = {s.id: s for s in sources}
    language = facts[a].source.language
    rare = [(w, Span(a, *sa), Span(b, *sb)) for w, sa, sb in
            rare_shared_words(by_id[a], by_id[b], everyone or sources, language, settings.rare_zipf)]
    tells_a = {(x.detector, " ".join(x.text.casefold().split())): x for x in _all_tells(facts[a])}
    errors = []
    for x in _all_tells(facts[b]):
        key = (x.detector, " ".join(x.text.casefold().split()))
        if key in tells_a and x.category != "casing":
            y = tells_a[key]
            errors.append((x.text, Span(a, y.start, y.end), Span(b, x.start, x.end)))
    return rare, errors


def _all_tells(facts: _Facts) -> list[Any]:
    return [a for tells in facts.language_tells.values() for a, _ in tells] + facts.rewrite


def _pair_of(pairs: Mapping[tuple[str, str], _Pair], x: str, y: str) -> _Pair | None:
    return pairs.get((min(x, y), max(x, y)))


def _detail_evidence(a: str, b: str, rare: Sequence[tuple[str, Span, Span]],
                     errors: Sequence[tuple[str, Span, Span]]) -> list[Evidence]:
    out = []
    if rare:
        out.append(Evidence(
            f"{a} and {b} share {len(rare)} rare word(s) no other source of the event has: "
            f"{', '.join(repr(w) for w, _, _ in rare[:6])}.",
            tuple(s for _, x, y in rare[:3] for s in (x, y)), "shared-detail"))
    if errors:
        out.append(Evidence(
            f"{a} and {b} share the same odd rendering(s): {', '.join(repr(t) for t, _, _ in errors[:4])}: shared "
            "errors are the strongest sign that one text was made from the other.",
            tuple(s for _, x, y in errors[:3] for s in (x, y)), "shared-error"))
    return out
