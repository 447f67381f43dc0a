"""The framing scan's fast search finds exactly the spans of each lexicon pattern's own search."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.framing import _matches, load_lexicon

LEXICON = load_lexicon()
PATTERNS = [p for e, p in zip(LEXICON.entries, LEXICON.patterns, strict=True) if e.match or e.block]
TERMS = sorted({e.term.replace("*", "s") for e in LEXICON.entries})
JOINS = [" ", "-", "x", "_", "(", ") ", "\n", "’", "é", "", "  "]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TERMS), st.sampled_from(JOINS), st.booleans()), min_size=1, max_size=12))
def test_fast_scan_finds_the_patterns_own_spans(parts):
    text = "".join((term.upper() if loud else term) + join for term, join, loud in parts)
    for pattern in PATTERNS:
        assert list(_matches(pattern, text)) == [(m.start(), m.end()) for m in pattern.finditer(text)]


def test_a_term_inside_a_longer_word_or_after_a_hyphen_is_not_found():
    pattern = next(p for e, p in zip(LEXICON.entries, LEXICON.patterns, strict=True)
                   if e.term == "Southern Kurils")
    assert list(_matches(pattern, "the Southern Kurils.")) == [(4, 19)]
    assert list(_matches(pattern, "xSouthern Kurils and non-Southern Kurils")) == []
