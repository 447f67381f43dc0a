"""Issue 23 beyond the seeds (truth17): the "name" tag, names that are no names, and titles.

Read on planted sets built from WMT21 en-de (bench/planted_edits.py), where readers found "name" tags on rows
whose renderings name the same people and places, and headline words in the names table.
"""

from __future__ import annotations

from compare.align import align_event
from compare.annotate import annotate
from compare.model import Sentence, Source


def _source(sid: str, language: str, *sentences: str) -> Source:
    text = " ".join(sentences)
    out, start = [], 0
    for i, s in enumerate(sentences):
        out.append(Sentence(sid, i, start, start + len(s), s, i, language))
        start += len(s) + 1
    return Source(sid, f"{sid}.txt", text, language=language, sentences=tuple(out))


EN = (
    "There's mask-shaming and then there's full on assault.",
    "Ash O'Brien and her husband Jarett Kelley say they went to Dusty Rhodes dog park in San Diego on Thursday.",
    "Face masks are mandatory across the state of California, even outdoors.",
)
DE = (
    "Masken-Shaming ist eine Sache, Körperverletzung eine andere.",
    "Ash O'Brien und ihr Mann Jarett Kelley sagen, dass sie an jenem Donnerstag in den Hundepark Dusty Rhodes in "
    "San Diego gingen.",
    "Mundschutzmasken sind in Kalifornien Pflicht, selbst an der frischen Luft.",
)


def _name_rows(sources: list[Source]) -> set[tuple[int, int]]:
    alignment = align_event("e", sources, annotate(sources), mode="parallel")
    return {(lk.sentence_a, lk.sentence_b) for lk in alignment.links if "name" in lk.labels}


def test_no_name_tag_where_the_renderings_name_the_same():
    """German capitalised nouns are no names, and 'Kalifornien' is California: no row of a faithful German
    rendering is tagged 'name' (the capital-letter rule tagged all three: planted p01 c3, c4, c13)."""
    assert _name_rows([_source("a", "en", *EN), _source("b", "de", *DE)]) == set()


def test_name_tag_where_a_name_is_really_missing():
    """A rendering that names someone else is still tagged."""
    other = (*DE[:1], DE[1].replace("Jarett Kelley", "Peter Schulz"), *DE[2:])
    assert (1, 1) in _name_rows([_source("a", "en", *EN), _source("b", "de", *other)])
